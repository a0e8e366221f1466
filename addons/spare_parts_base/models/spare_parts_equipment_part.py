# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsEquipmentPart(models.Model):
    """A part installed in one piece of equipment: a line of its asset BOM (SP-15).

    Lines are never deleted when a part is replaced: the old line ends
    (``date_removed``) and a new line starts, so the BOM keeps its history.

    Only a spare parts administrator writes lines directly; a service engineer
    reads them, and Consume writes them for him after its own checks
    (``spare.parts.line._update_equipment_bom``)."""

    _name = "spare.parts.equipment.part"
    _description = "Equipment Asset BOM Line"
    _order = "equipment_id, date_removed desc, date_installed desc, id desc"
    _check_company_auto = True

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        domain="[('product_id', '=', product_id)]",
        ondelete="restrict",
        check_company=True,
        index="btree_not_null",
    )
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    date_installed = fields.Date(string="Installed On", default=fields.Date.context_today)
    installed_by_id = fields.Many2one("res.users", string="Installed By", check_company=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Installed on Work Order",
        ondelete="set null",
        check_company=True,
    )
    date_removed = fields.Date(string="Removed On", readonly=True)
    removed_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Removed on Work Order",
        readonly=True,
        ondelete="set null",
    )
    is_installed = fields.Boolean(
        compute="_compute_is_installed",
        store=True,
        index=True,
        string="Installed",
    )

    @api.depends("date_removed")
    def _compute_is_installed(self):
        for line in self:
            line.is_installed = not line.date_removed

    @api.constrains("quantity", "lot_id", "product_id")
    def _check_part(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(part)s in the asset BOM of %(equipment)s must be "
                        "positive, not %(qty)s.",
                        part=line.product_id.display_name,
                        equipment=line.equipment_id.display_name,
                        qty=line.quantity,
                    )
                )
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Serial number %(lot)s belongs to %(lot_product)s, not to %(part)s "
                        "(asset BOM of %(equipment)s).",
                        lot=line.lot_id.name,
                        lot_product=line.lot_id.product_id.display_name,
                        part=line.product_id.display_name,
                        equipment=line.equipment_id.display_name,
                    )
                )

    def _end_installation(self, ticket=None, date=None):
        """Close these lines: the parts left the equipment (replaced or removed)."""
        self.write(
            {
                "date_removed": date or fields.Date.context_today(self),
                "removed_ticket_id": ticket.id if ticket else False,
            }
        )
