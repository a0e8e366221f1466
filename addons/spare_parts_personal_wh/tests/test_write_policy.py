# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Done is done: once a document leaves draft its fields follow its write
policy, whoever writes them and however (here: plain ORM writes as the role
user in a fresh environment, as an RPC client would send them). Each refusal
leaves the document and the stock ledger as they were."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import PersonalWarehouseCommon


class TestWritePolicy(PersonalWarehouseCommon):
    def _as(self, user, records):
        """``records`` as ``user`` reaches them in a new request."""
        self.env.invalidate_all()
        return records.with_user(user)

    # ------------------------------------------------------------ SP-13
    def test_SP_13_submitted_request_keeps_its_destination(self):
        request = self._request([(self.part_plain, 2, None)])
        self._as(self.engineer, request).action_submit()
        with self.assertRefused(
            AccessError, "Personal Warehouse of .* cannot be changed in state Submitted"
        ):
            self._as(self.engineer, request).write({"location_dest_id": self.van_2.id})
        # The administrator may pick another van, but only one of the engineer's.
        with self.assertRefused(AccessError, "is not a personal warehouse of sp_engineer"):
            self._as(self.admin, request).write({"location_dest_id": self.van_2.id})
            self._as(self.admin, request).action_approve()
        self.assertEqual(request.location_dest_id, self.van_1)
        self._as(self.admin, request).action_approve()
        self._as(self.engineer, request).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 2, self.van_2: 0})

    def test_SP_13_ship_from_must_be_a_spare_parts_warehouse(self):
        main = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id), ("is_spare_parts_warehouse", "=", False)],
            limit=1,
        )
        request = self._request([(self.part_plain, 1, None)])
        with self.assertRefused(ValidationError, "is not a spare parts warehouse"):
            self._as(self.engineer, request).write({"warehouse_id": main.id})
        self.assertEqual(request.warehouse_id, self.spw)

    def test_SP_13_lines_of_a_submitted_request_are_frozen(self):
        request = self._request([(self.part_plain, 2, None)])
        self._as(self.engineer, request).action_submit()
        line = request.line_ids
        with self.assertRefused(AccessError, "Quantity .* cannot be changed in state Submitted"):
            self._as(self.engineer, line).write({"quantity": 20})
        with self.assertRefused(AccessError, "cannot be added or deleted in state Submitted"):
            self._as(self.engineer, line).unlink()
        with self.assertRefused(AccessError, "cannot be added or deleted in state Submitted"):
            self.env["spare.parts.request.line"].with_user(self.engineer).create(
                {"document_id": request.id, "product_id": self.part_plain.id, "quantity": 5}
            )
        with self.assertRefused(AccessError, "Parts .* cannot be changed in state Submitted"):
            self._as(self.engineer, request).write(
                {"line_ids": [Command.create({"product_id": self.part_plain.id})]}
            )
        self.assertRecordValues(request.line_ids, [{"quantity": 2}])
        # Done: nothing changes, not even for the administrator.
        self._as(self.admin, request).action_approve()
        self._as(self.engineer, request).action_receive()
        with self.assertRefused(AccessError, "cannot be changed in state Received"):
            self._as(self.admin, request.line_ids).write({"quantity": 1})
        self._as(self.engineer, request).write({"note": "Arrived wet"})
        self.assertStock(self.part_plain, {self.van_1: 2})

    # ------------------------------------------------------------ SP-11
    def test_SP_11_sent_transfer_keeps_its_source(self):
        self.company.spare_parts_personal_transfer = True
        self._deliver_to_van([(self.part_plain, 3, None)])
        transfer = (
            self.env["spare.parts.transfer"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "receiver_id": self.engineer_2.id,
                    "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 2})],
                }
            )
        )
        self._as(self.engineer, transfer).action_send()
        with self.assertRefused(AccessError, "cannot be changed in state Waiting Acceptance"):
            self._as(self.engineer, transfer).write({"location_id": self.spw_stock.id})
        with self.assertRefused(AccessError, "cannot be changed in state Waiting Acceptance"):
            self._as(self.engineer, transfer.line_ids).write({"quantity": 1})
        self._as(self.engineer_2, transfer).action_reject()
        self.assertStock(self.part_plain, {self.van_1: 3, self.transit: 0, self.van_2: 0})

    # ------------------------------------------------------------ SP-16
    def test_SP_16_sent_return_is_frozen(self):
        self._deliver_to_van([(self.part_plain, 2, None)])
        parts_return = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 2})],
                }
            )
        )
        self._as(self.engineer, parts_return).action_send()
        with self.assertRefused(AccessError, "cannot be changed in state Sent"):
            self._as(self.engineer, parts_return.line_ids).write({"quantity": 1})
        with self.assertRefused(AccessError, "cannot be added or deleted in state Sent"):
            self._as(self.admin, parts_return.line_ids).unlink()
        self._as(self.admin, parts_return).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0})

    # ------------------------------------------------------------ SP-05
    def test_SP_05_consumed_line_is_what_the_ledger_says(self):
        self._deliver_to_van([(self.part_plain, 5, None)])
        line = self._add_line(self.ticket, self.part_plain, 5)
        self._as(self.engineer, line).action_consume()
        other = self._new_ticket(self.engineer, customer=self.other_customer)
        for vals in ({"quantity": 1}, {"part_condition": "old"}, {"ticket_id": other.id}):
            with self.assertRefused(AccessError, "cannot be changed in state Consumed"):
                self._as(self.engineer, line).write(vals)
        with self.assertRefused(UserError, "part of the work order's history"):
            self._as(self.admin, line).unlink()
        self._as(self.engineer, line).write({"note": "Fitted with new gasket"})
        self.assertRecordValues(
            line, [{"quantity": 5, "part_condition": "new", "ticket_id": self.ticket.id}]
        )
        self.assertStock(self.part_plain, {self.van_1: 0, self.customers: 5})

    def test_SP_05_part_cannot_move_to_a_strangers_work_order(self):
        line = self._add_line(self.ticket, self.part_plain, 1)
        strangers = self._new_ticket(self.engineer_2)
        with self.assertRefused(AccessError, "."):
            self._as(self.engineer, line).write({"ticket_id": strangers.id})
        with self.assertRefused(AccessError, "."):
            self.env["spare.parts.line"].with_user(self.engineer).create(
                {"ticket_id": strangers.id, "product_id": self.part_plain.id}
            )
        self.assertEqual(line.ticket_id, self.ticket)

    # ------------------------------------------------------------ SP-23
    def test_SP_23_rejected_warranty_replacement_stays_rejected(self):
        self._deliver_to_van([(self.part_plain, 1, None)])
        line = self._add_line(self.ticket, self.part_plain, 1, is_warranty_replacement=True)
        self._as(self.engineer, line).action_consume()
        self._as(self.admin, line).action_reject_warranty_replacement()
        with self.assertRefused(AccessError, "cannot be changed"):
            self._as(self.engineer, line).write({"is_warranty_replacement": False})
        self.assertRecordValues(
            line, [{"is_warranty_replacement": True, "warranty_approval_state": "rejected"}]
        )

    # ------------------------------------------------------------ SP-32
    def test_SP_32_old_parts_only_by_their_engineer_and_as_many_as_installed(self):
        customer_before = self._qty(self.customers, self.part_plain)
        with self.assertRefused(
            AccessError, "may book parts only to himself, not to sp_engineer_2"
        ):
            self.env["spare.parts.line"].with_user(self.engineer).create(
                {
                    "ticket_id": self.ticket.id,
                    "product_id": self.part_plain.id,
                    "quantity": 50,
                    "part_condition": "old",
                    "engineer_id": self.engineer_2.id,
                }
            )
        # 50 filters that are neither in the equipment nor replaced here.
        old = self._add_line(self.ticket, self.part_plain, 50, part_condition="old")
        with self.assertRefused(UserError, "50.0 Units of old .* cannot be returned"):
            self._as(self.engineer, old).action_return()
        # The equipment holds 2 filters: 2 come back, not 3.
        self.env["spare.parts.equipment.part"].create(
            {"equipment_id": self.equipment.id, "product_id": self.part_plain.id, "quantity": 2}
        )
        self._as(self.engineer, old).write({"quantity": 3})
        with self.assertRefused(UserError, "replaces 2.0"):
            self._as(self.engineer, old).action_return()
        self._as(self.engineer, old).write({"quantity": 2})
        self._as(self.engineer, old).action_return()
        self.assertEqual(old.state, "returned")
        self.assertEqual(self._qty(self.customers, self.part_plain), customer_before - 2)
        # A colleague's old part line cannot be returned by him.
        other = self._add_line(self.ticket, self.part_plain, 1, part_condition="old")
        other.sudo().engineer_id = self.engineer_2
        with self.assertRefused(AccessError, "may return only his own old parts"):
            self._as(self.engineer, other).action_return()

    # ------------------------------------------------------------ SP-15
    def test_SP_15_equipment_identity_is_for_the_administrator(self):
        for vals in (
            {"customer_id": self.other_customer.id},
            {"product_id": False},
        ):
            with self.assertRefused(AccessError, "can be changed only by a spare parts admin"):
                self._as(self.engineer, self.equipment).write(vals)
        self.assertEqual(self.equipment.customer_id, self.customer)
        self._as(self.engineer, self.equipment).write({"name": "Acme compressor (hall 2)"})
        self._as(self.admin, self.equipment).write({"customer_id": self.other_customer.id})
        self.assertEqual(self.equipment.customer_id, self.other_customer)

    def test_SP_05_administrator_corrects_a_consumed_quantity_with_the_stock(self):
        """The one legitimate edit of a consumed part goes through an action
        that moves the stock for the difference and leaves a trace."""
        self._deliver_to_van([(self.part_plain, 6, None)])
        line = self._add_line(self.ticket, self.part_plain, 5)
        self._as(self.engineer, line).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 1, self.customers: 5})
        with self.assertRefused(AccessError, "may not correct consumed parts"):
            self._as(self.engineer, line).action_open_correction()
        action = self._as(self.admin, line).action_open_correction()
        Correction = self.env["spare.parts.line.correction"].with_user(self.admin)
        wizard = Correction.with_context(**action["context"]).create(
            {"quantity": 3, "reason": "Counted 3 on site"}
        )
        wizard.action_apply()
        self.assertEqual(line.quantity, 3)
        self.assertStock(self.part_plain, {self.van_1: 3, self.customers: 3})
        self.assertIn("corrected from 5.0 to 3.0 by sp_admin", self.ticket.message_ids[0].body)
        # More than the van holds is refused, nothing moves.
        with self.assertRefused(UserError, "holds 3.0 Units"):
            self._as(self.admin, line)._correct_consumed_quantity(7, "Recount")
        self._as(self.admin, line)._correct_consumed_quantity(6, "Recount")
        self.assertStock(self.part_plain, {self.van_1: 0, self.customers: 6})
        with self.assertRefused(UserError, "the quantity must stay above 0"):
            self._as(self.admin, line)._correct_consumed_quantity(0, "None used")
        with self.assertRefused(UserError, "give the reason"):
            self._as(self.admin, line)._correct_consumed_quantity(2, " ")
        self.assertEqual(line.quantity, 6)
