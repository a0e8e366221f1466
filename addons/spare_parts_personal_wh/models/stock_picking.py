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
        [("outbound", "Outbound"), ("inbound", "Inbound"), ("return", "Return")],
        string="Shipment Leg",
        copy=False,
        help="Outbound: from the source into transit. Inbound: from transit to the "
        "destination, confirmed by the receiver (SP-17). Return: received parts sent "
        "back from Inventory with the return wizard.",
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
        """Tell the spare parts documents their shipments moved on. Whoever
        validated the leg (the suite, an inventory user in Inventory), the
        document follows what the ledger moved."""
        done = self.filtered(lambda p: p.state == "done")
        for fname in self._spare_parts_document_fields():
            for document, pickings in done.filtered(fname).grouped(fname).items():
                document.sudo()._on_pickings_done(pickings.sudo())

    def _spare_parts_notify_cancel(self):
        """Tell the spare parts documents some of their moves were cancelled."""
        for fname in self._spare_parts_document_fields():
            for document, pickings in self.filtered(fname).grouped(fname).items():
                document.sudo()._on_pickings_cancelled(pickings.sudo())

    def _spare_parts_get_return_destination(self):
        """Where parts received by this inbound leg go back to: the source of
        the document's outbound legs (not transit, where nothing would move
        them on)."""
        self.ensure_one()
        documents = self._spare_parts_get_documents()
        outbound = (
            documents[0]
            ._get_pickings()
            .filtered(lambda p: p.spare_parts_leg == "outbound" and p.state == "done")
        )
        return outbound.location_id[:1] or self.location_id

    def _spare_parts_prepare_return_vals(self):
        """Values of a return of this inbound leg made with Inventory's wizard."""
        self.ensure_one()
        return {fname: self[fname].id for fname in self._spare_parts_document_fields()} | {
            "spare_parts_leg": "return",
            "spare_parts_ticket_id": False,
            "location_dest_id": self._spare_parts_get_return_destination().id,
        }

    def _spare_parts_get_documents(self):
        """The requests, returns and transfers these pickings belong to."""
        documents = []
        for fname in self._spare_parts_document_fields():
            documents += list(self.mapped(fname))
        return documents

    def _spare_parts_document_fields(self):
        return ["spare_parts_request_id", "spare_parts_return_id", "spare_parts_transfer_id"]
