# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import PersonalWarehouseCommon


class TestSpareParts26EntryRequest(PersonalWarehouseCommon):
    """SP-26 in Standard mode: a part entered with Add Part > Submit reaches
    stock: it goes on the work order's parts request, which the administrator
    sees with an activity; the line shows the request's status."""

    def _submit_entry(self, product, qty, reason="", user=None, ticket=None):
        ticket = ticket or self.ticket
        self.env.invalidate_all()
        Entry = self.env["spare.parts.part.entry"].with_user(user or self.engineer)
        with Form(Entry.with_context(default_ticket_id=ticket.id)) as form:
            form.product_id = product
            form.quantity = qty
            form.request_reason = reason
            form.urgency = "1"
        form.record.action_submit()
        return ticket.part_line_ids.filtered(lambda line: line.product_id == product)[-1:]

    def _notes(self, text, ticket=None):
        return (ticket or self.ticket).message_ids.filtered(lambda m: text in (m.body or ""))

    def test_SP_26_submitted_entry_creates_a_request_for_the_administrator(self):
        self.company.spare_parts_coordinator_id = self.admin
        line = self._submit_entry(self.part_plain, 3, reason="Filter clogged")
        request = line.request_id
        self.assertRecordValues(
            request,
            [
                {
                    "ticket_id": self.ticket.id,
                    "engineer_id": self.engineer.id,
                    "location_dest_id": self.van_1.id,
                    "state": "submitted",
                    "urgency": "1",
                }
            ],
        )
        self.assertRecordValues(
            request.line_ids,
            [
                {
                    "product_id": self.part_plain.id,
                    "quantity": 3.0,
                    "unit_cost": 12.5,
                    "request_reason": "Filter clogged",
                }
            ],
        )
        self.assertEqual(line.request_state, "submitted")
        self.assertRecordValues(
            request.activity_ids,
            [
                {
                    "user_id": self.admin.id,
                    "summary": f"Approve parts request {request.name} for work order "
                    f"{self.ticket.display_name}",
                }
            ],
        )
        # One note on the work order, naming the request; none from the request.
        notes = self._notes("Parts requested")
        self.assertEqual(len(notes), 1)
        self.assertIn(
            f"3 Units [SP-AF] Air Filter: cost 12.5, Urgent, Filter clogged [{request.name}]",
            notes.body,
        )

        # A second entry goes on the same request, without a second activity.
        board = self._submit_entry(self.part_serial, 1)
        self.assertEqual(board.request_id, request)
        self.assertEqual(request.line_ids.product_id, self.part_plain | self.part_serial)
        self.assertEqual(len(request.activity_ids), 1)
        self.assertEqual(len(self._notes("Parts requested")), 2)

        # The administrator approves: the parts ship and the lines follow.
        request.line_ids.filtered(
            lambda rl: rl.product_id == self.part_serial
        ).lot_ids = self.serial_1
        self.env.invalidate_all()
        request.with_user(self.admin).action_approve()
        self.assertEqual((line | board).mapped("request_state"), ["approved", "approved"])
        request.with_user(self.engineer).action_receive()
        self.assertEqual((line | board).mapped("request_state"), ["done", "done"])
        self.assertStock(self.part_plain, {self.van_1: 3.0})
        # Received parts are consumed from the van as usual.
        line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 0.0})

    def test_SP_26_entry_after_approval_opens_a_new_request(self):
        first = self._submit_entry(self.part_plain, 1)
        first.request_id.with_user(self.admin).action_approve()
        second = self._submit_entry(self.part_plain, 2)
        self.assertNotEqual(second.request_id, first.request_id)
        self.assertEqual(second.request_state, "submitted")
        self.assertEqual(first.request_state, "approved")

    def test_SP_26_entry_refused_without_a_personal_warehouse(self):
        engineer = self._new_user("sp_engineer_3", "spare_parts_base.group_spare_parts_engineer")
        self.team.user_ids |= engineer
        ticket = self._new_ticket(engineer)
        with self.assertRefused(
            UserError,
            r"Engineer sp_engineer_3 has no personal warehouse to receive request "
            r".*; create one first\.",
        ):
            self._submit_entry(self.part_plain, 1, user=engineer, ticket=ticket)
        self.assertFalse(ticket.part_line_ids)
        self.assertFalse(self.env["spare.parts.request"].search([("ticket_id", "=", ticket.id)]))
