# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SparePartsLineCorrection(models.TransientModel):
    """Correct the quantity of a consumed part (an administrator's fix of a
    miscount): the only way a consumed line changes, so that the stock moves,
    the bill and the work order's chatter follow it."""

    _name = "spare.parts.line.correction"
    _description = "Correct a Consumed Part"

    line_id = fields.Many2one("spare.parts.line", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="line_id.product_id")
    current_quantity = fields.Float(
        related="line_id.quantity", string="Consumed", digits="Spare Parts"
    )
    quantity = fields.Float(string="Really Consumed", digits="Spare Parts", required=True)
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        line = self.env["spare.parts.line"].browse(values.get("line_id"))
        if line and "quantity" in fields_list:
            values.setdefault("quantity", line.quantity)
        return values

    def action_apply(self):
        self.ensure_one()
        self.line_id._correct_consumed_quantity(self.quantity, self.reason)
        return {"type": "ir.actions.act_window_close"}
