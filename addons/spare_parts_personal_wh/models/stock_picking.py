# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

LOGISTICS_STATES = [
    ("pending", "Pending"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("exception", "Exception"),
]


class StockPicking(models.Model):
    _inherit = "stock.picking"

    spare_parts_request_id = fields.Many2one(
        "spare.parts.request", string="Parts Request", index="btree_not_null", copy=False
    )
    spare_parts_return_id = fields.Many2one(
        "spare.parts.return", string="Parts Return", index="btree_not_null", copy=False
    )
    spare_parts_transfer_id = fields.Many2one(
        "spare.parts.transfer", string="Engineer Transfer", index="btree_not_null", copy=False
    )
    spare_parts_leg = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")],
        string="Shipment Leg",
        copy=False,
        help="Outbound: from the source into transit. Inbound: from transit to the "
        "destination, confirmed by the receiver (SP-17).",
    )
    spare_parts_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="For Work Order", index="btree_not_null", copy=False
    )
    # SP-24
    spare_parts_carrier = fields.Char(string="Carrier", tracking=True)
    spare_parts_tracking_ref = fields.Char(string="Tracking Reference", tracking=True)
    spare_parts_logistics_state = fields.Selection(
        LOGISTICS_STATES, string="Logistics Status", tracking=True
    )

    def _create_backorder_picking(self):
        """A backorder stays part of the same spare parts document."""
        backorder = super()._create_backorder_picking()
        backorder.write(
            {fname: self[fname].id for fname in self._spare_parts_document_fields()}
            | {
                "spare_parts_leg": self.spare_parts_leg,
                "spare_parts_ticket_id": self.spare_parts_ticket_id.id,
            }
        )
        return backorder

    def _action_done(self):
        res = super()._action_done()
        self._spare_parts_notify_done()
        return res

    def _spare_parts_notify_done(self):
        """Tell the spare parts documents their shipments moved on."""
        done = self.filtered(lambda p: p.state == "done")
        for fname in self._spare_parts_document_fields():
            for document, pickings in done.filtered(fname).grouped(fname).items():
                document._on_pickings_done(pickings)

    def _spare_parts_document_fields(self):
        return ["spare_parts_request_id", "spare_parts_return_id", "spare_parts_transfer_id"]
