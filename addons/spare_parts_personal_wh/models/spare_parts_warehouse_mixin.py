# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsWarehouseMixin(models.AbstractModel):
    """A spare parts warehouse a document ships from or returns to (Advanced
    mode), the company's default one unless chosen."""

    _name = "spare.parts.warehouse.mixin"
    _description = "Spare Parts Warehouse of a Document"

    warehouse_id = fields.Many2one(
        "stock.warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('is_spare_parts_warehouse', '=', True)]",
    )

    @api.depends("company_id")
    def _compute_warehouse_id(self):
        for document in self:
            if not document.warehouse_id:
                document.warehouse_id = document.company_id.spare_parts_warehouse_id

    @api.constrains("warehouse_id")
    def _check_spare_parts_warehouse(self):
        """The view offers spare parts warehouses only; the server holds to it
        whatever the client sends."""
        for document in self:
            warehouse = document.warehouse_id
            if warehouse and not warehouse.sudo().is_spare_parts_warehouse:
                raise ValidationError(
                    self.env._(
                        "%(document)s: %(warehouse)s is not a spare parts warehouse.",
                        document=document.display_name,
                        warehouse=warehouse.sudo().display_name,
                    )
                )
