# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SparePartsReplacement(models.Model):
    """History of one part replaced in a piece of equipment (SP-15)."""

    _name = "spare.parts.replacement"
    _description = "Equipment Part Replacement"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    equipment_id = fields.Many2one(
        "maintenance.equipment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Work Order", ondelete="set null", check_company=True
    )
    engineer_id = fields.Many2one("res.users", string="Engineer", check_company=True)
    old_product_id = fields.Many2one(
        "product.product", string="Old Part", required=True, check_company=True
    )
    old_lot_id = fields.Many2one("stock.lot", string="Old Serial", check_company=True)
    new_product_id = fields.Many2one(
        "product.product", string="New Part", required=True, check_company=True
    )
    new_lot_id = fields.Many2one("stock.lot", string="New Serial", check_company=True)
    quantity = fields.Float(digits="Spare Parts", default=1.0)
    old_part_line_id = fields.Many2one("spare.parts.equipment.part", string="Old BOM Line")
    new_part_line_id = fields.Many2one("spare.parts.equipment.part", string="New BOM Line")
    parts_line_id = fields.Many2one("spare.parts.line", string="Consumption Line")
