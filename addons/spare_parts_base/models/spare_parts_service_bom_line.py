# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsServiceBomLine(models.Model):
    """One serviceable spare part of an equipment model (SP-14)."""

    _name = "spare.parts.service.bom.line"
    _description = "Service BOM Line"
    _order = "equipment_product_tmpl_id, sequence, id"

    sequence = fields.Integer(default=10)
    equipment_product_tmpl_id = fields.Many2one(
        "product.template",
        string="Equipment Model",
        required=True,
        ondelete="cascade",
        index=True,
    )
    part_id = fields.Many2one(
        "product.product",
        string="Spare Part",
        required=True,
        ondelete="restrict",
        index=True,
    )
    quantity = fields.Float(
        string="Recommended Quantity",
        digits="Spare Parts",
        default=1.0,
    )
    uom_id = fields.Many2one(related="part_id.uom_id")
    note = fields.Char()
    company_id = fields.Many2one(related="equipment_product_tmpl_id.company_id", store=True)

    _part_unique = models.Constraint(
        "unique(equipment_product_tmpl_id, part_id)",
        "A spare part appears only once in the service BOM of an equipment model.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._mark_spare_parts()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "part_id" in vals:
            self._mark_spare_parts()
        return res

    def _mark_spare_parts(self):
        """A part of a service BOM is a spare part (as the system: a
        coordinator edits BOMs without managing products)."""
        parts = self.part_id.product_tmpl_id.filtered(lambda tmpl: not tmpl.spare_parts_is_part)
        if parts:
            parts.sudo().spare_parts_is_part = True

    @api.constrains("quantity", "part_id", "equipment_product_tmpl_id")
    def _check_quantity_and_part(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The recommended quantity of %(part)s in the service BOM of "
                        "%(model)s must be positive, not %(qty)s.",
                        part=line.part_id.display_name,
                        model=line.equipment_product_tmpl_id.display_name,
                        qty=line.quantity,
                    )
                )
            if line.part_id.product_tmpl_id == line.equipment_product_tmpl_id:
                raise ValidationError(
                    self.env._(
                        "%(model)s cannot be a spare part of itself.",
                        model=line.equipment_product_tmpl_id.display_name,
                    )
                )
