# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
