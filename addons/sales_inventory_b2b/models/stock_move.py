# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

SKIP_SYNC_KEY = "b2b_skip_shipment_sync"


class StockMove(models.Model):
    """B2B shipments follow the deliveries of their order lines, whatever
    screen validates or cancels them (SI-06): Inventory's Validate button
    with or without the backorder wizard, a transfer cancelled by hand, an
    order cancelled, or the shipment's own fulfilment."""

    _inherit = "stock.move"

    def _b2b_is_delivery(self):
        """An outgoing move to the customer of a sale order line (not a return)."""
        self.ensure_one()
        return bool(
            self.sale_line_id
            and not self.origin_returned_move_id
            and self.location_dest_id._is_outgoing()
        )

    def _action_done(self, cancel_backorder=False):
        if self.env.context.get(SKIP_SYNC_KEY) or not self.sale_line_id:
            return super()._action_done(cancel_backorder=cancel_backorder)
        # the moves cancelled on the way (no backorder) are followed below, once
        touched = self.sale_line_id
        done = super(StockMove, self.with_context(**{SKIP_SYNC_KEY: True}))._action_done(
            cancel_backorder=cancel_backorder
        )
        done = done.with_env(self.env)
        # sudo: the transfer is validated by whoever may do it in Inventory;
        # its shipment records that fact even if he cannot edit shipments
        self.env["sale.b2b.shipment"].sudo()._b2b_follow_done_moves(
            done.filtered(lambda m: m.state == "done" and m._b2b_is_delivery()),
            touched | done.sale_line_id,
        )
        return done

    def _action_cancel(self):
        if self.env.context.get(SKIP_SYNC_KEY):
            return super()._action_cancel()
        sale_lines = self.filtered(lambda m: m.state not in ("done", "cancel")).sale_line_id
        res = super()._action_cancel()
        if sale_lines:
            # sudo: as above, a transfer cancelled in Inventory updates its shipments
            self.env["sale.b2b.shipment.line"].sudo()._b2b_follow_open_quantities(sale_lines)
        return res
