# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    spare_parts_line_id = fields.Many2one(
        "spare.parts.line", string="Work Order Part", index="btree_not_null", copy=False
    )
    spare_parts_request_line_id = fields.Many2one(
        "spare.parts.request.line", string="Request Line", index="btree_not_null", copy=False
    )
    spare_parts_return_line_id = fields.Many2one(
        "spare.parts.return.line", string="Return Line", index="btree_not_null", copy=False
    )
    spare_parts_transfer_line_id = fields.Many2one(
        "spare.parts.transfer.line", string="Transfer Line", index="btree_not_null", copy=False
    )
    spare_parts_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Earmarked for Work Order",
        index="btree_not_null",
        copy=False,
        help="Parts requested for a work order: with the consumption rule on they may "
        "be consumed only there (SP-08).",
    )

    spare_parts_leg = fields.Selection(related="picking_id.spare_parts_leg", store=True)

    def _prepare_merge_moves_distinct_fields(self):
        return super()._prepare_merge_moves_distinct_fields() + [
            "spare_parts_line_id",
            "spare_parts_request_line_id",
            "spare_parts_return_line_id",
            "spare_parts_transfer_line_id",
            "spare_parts_ticket_id",
        ]

    def _prepare_move_split_vals(self, qty):
        vals = super()._prepare_move_split_vals(qty)
        for fname in (
            "spare_parts_request_line_id",
            "spare_parts_return_line_id",
            "spare_parts_transfer_line_id",
            "spare_parts_ticket_id",
        ):
            vals[fname] = self[fname].id
        return vals

    def _spare_parts_line_fields(self):
        """The Many2one fields back to the line of a request, return or transfer."""
        return [
            "spare_parts_request_line_id",
            "spare_parts_return_line_id",
            "spare_parts_transfer_line_id",
        ]

    def _get_spare_parts_document_label(self):
        """The transfer of this move, and the work order it served if any."""
        self.ensure_one()
        label = self.picking_id.name or self.reference or ""
        ticket = self.spare_parts_ticket_id or self.spare_parts_line_id.ticket_id
        if ticket:
            label = self.env._(
                "%(document)s (work order %(ticket)s)", document=label, ticket=ticket.display_name
            )
        return label

    # ------------------------------------------------ documents follow the ledger
    def _action_cancel(self):
        """Cancelling a leg from Inventory (or the rest of a partial validation
        without backorder) is followed by its spare parts document."""
        self._spare_parts_check_not_stranded()
        pickings = self.picking_id
        res = super()._action_cancel()
        pickings._spare_parts_notify_cancel()
        return res

    def _action_done(self, cancel_backorder=False):
        if cancel_backorder:
            self._spare_parts_check_not_stranded()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _spare_parts_get_stranded(self):
        """Open moves of an inbound leg that would not reach their destination:
        the parts already left the sender and wait in transit."""
        return self.filtered(
            lambda m: m.spare_parts_leg == "inbound"
            and m.state not in ("done", "cancel")
            and (not m.picked or m.product_uom.compare(m.quantity, m.product_uom_qty) < 0)
        )

    def _spare_parts_check_not_stranded(self):
        """Parts in transit are received (or a transfer rejected), never
        dropped: cancelling an inbound leg would leave them in transit with no
        document to move them on."""
        stranded = self._spare_parts_get_stranded()
        if not stranded:
            return
        pickings = stranded.picking_id.sudo()
        documents = pickings._spare_parts_get_documents()
        raise UserError(
            self.env._(
                "%(pickings)s carries parts of %(documents)s that are already in transit: "
                "receive them all (a transfer may be rejected instead); cancelling would leave "
                "them in the transit location.",
                pickings=", ".join(pickings.mapped("name")),
                documents=", ".join(document.name for document in documents),
            )
        )
