# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleB2bReservationAdjust(models.TransientModel):
    _name = "sale.b2b.reservation.adjust"
    _description = "Adjust Frozen Inventory"

    reservation_id = fields.Many2one("sale.b2b.reservation", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="reservation_id.product_id")
    product_uom_id = fields.Many2one(related="reservation_id.product_uom_id")
    current_quantity = fields.Float(related="reservation_id.quantity", string="Currently Frozen")
    new_quantity = fields.Float(string="New Frozen Quantity", digits="Product Unit", required=True)
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        self.reservation_id._action_adjust(self.new_quantity, self.reason)
        return {"type": "ir.actions.act_window_close"}
