# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleB2bConfirmOverride(models.TransientModel):
    """Confirm Despite Shortage asks the order administrator why: the reason
    is logged in the order's chatter and kept on its short lines."""

    _name = "sale.b2b.confirm.override"
    _description = "Confirm Despite Shortage"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True, readonly=True)
    reason = fields.Text(
        required=True,
        help="Why the orders are confirmed although some lines need more than the "
        "available inventory (e.g. stock arriving tomorrow).",
    )

    def action_confirm(self):
        self.ensure_one()
        self.order_ids.action_b2b_confirm_override(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
