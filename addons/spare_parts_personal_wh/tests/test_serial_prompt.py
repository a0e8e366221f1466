# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-31: Consume on a serial part planned without its serial asks for the
serial in place (the van's serials offered, the scanner and camera first)
instead of refusing; the prompt consumes through the usual checks."""

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import PersonalWarehouseCommon


class TestSpareParts31SerialPrompt(PersonalWarehouseCommon):
    def setUp(self):
        super().setUp()
        # The van holds boards CB-0001 and CB-0002; CB-0003 stays in the warehouse.
        self._deliver_to_van([(self.part_serial, 2, self.serial_1 | self.serial_2)])

    def _as(self, user, records):
        """``records`` as ``user`` would reach them in a new request."""
        self.env.invalidate_all()
        return records.with_user(user)

    def _prompt(self, lines, user=None):
        action = self._as(user or self.engineer, lines).action_consume()
        self.assertEqual(
            (action["res_model"], action["target"]), ("spare.parts.serial.prompt", "new")
        )
        return self.env["spare.parts.serial.prompt"].browse(action["res_id"])

    def test_SP_31_consume_without_serial_asks_for_it(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        prompt = self._prompt(line)
        # Nothing is consumed yet; the serials offered are those in the van.
        self.assertEqual(line.state, "planned")
        self.assertStock(self.part_serial, {self.van_1: 2, self.customers: 0})
        self.assertEqual(prompt.waiting_line_ids, line)
        self.assertEqual(prompt.choice_lot_ids, self.serial_1 | self.serial_2)
        self.assertEqual(prompt.summary, "[SP-CB] Control Board: 1 serial number")

        self._as(self.engineer, prompt).lot_ids = self.serial_2
        result = self._as(self.engineer, prompt).action_confirm()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertRecordValues(line, [{"state": "consumed", "lot_id": self.serial_2.id}])
        self.assertStock(self.part_serial, {self.van_1: 0, self.customers: 1}, lot=self.serial_2)
        self.assertStock(self.part_serial, {self.van_1: 1}, lot=self.serial_1)

    def test_SP_31_serial_prompt_scans_the_serial(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        prompt = self._as(self.engineer, self._prompt(line))
        with self.assertRefused(
            UserError, r"^XX-1 is not a serial number of \[SP-CB\] Control Board\.$"
        ):
            prompt.action_spare_parts_scan("XX-1")
        self.assertTrue(prompt.action_spare_parts_scan(" CB-0001 "))
        self.assertEqual(prompt.lot_ids, self.serial_1)
        with self.assertRefused(UserError, r"^Serial number CB-0001 is already picked\.$"):
            self._as(self.engineer, prompt).action_spare_parts_scan("CB-0001")
        self._as(self.engineer, prompt).action_confirm()
        self.assertRecordValues(line, [{"state": "consumed", "lot_id": self.serial_1.id}])
        self.assertStock(self.part_serial, {self.van_1: 0, self.customers: 1}, lot=self.serial_1)

    def test_SP_31_serial_prompt_wants_one_serial_per_unit(self):
        line = self._add_line(self.ticket, self.part_serial, 2)
        prompt = self._prompt(line)
        self.assertEqual(prompt.summary, "[SP-CB] Control Board: 2 serial numbers")
        self._as(self.engineer, prompt).lot_ids = self.serial_1
        with self.assertRefused(
            UserError, r"^\[SP-CB\] Control Board: pick 2 serial numbers, not 1\.$"
        ):
            self._as(self.engineer, prompt).action_confirm()
        self.assertRecordValues(line, [{"state": "planned", "lot_id": False, "quantity": 2}])
        self.assertStock(self.part_serial, {self.van_1: 2, self.customers: 0})

        self._as(self.engineer, prompt).lot_ids = self.serial_1 | self.serial_2
        self._as(self.engineer, prompt).action_confirm()
        boards = self.ticket.part_line_ids.filtered(
            lambda line: line.product_id == self.part_serial
        )
        self.assertEqual(
            sorted((b.lot_id.name, b.quantity, b.state) for b in boards),
            [("CB-0001", 1.0, "consumed"), ("CB-0002", 1.0, "consumed")],
        )
        self.assertStock(self.part_serial, {self.van_1: 0, self.customers: 2})

    def test_SP_31_serial_prompt_refuses_stray_serials_and_van_shortage(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        prompt = self._prompt(line)
        # A serial of another part waits for nothing.
        other = self.env["stock.lot"].create(
            {"name": "EQ-9", "product_id": self.equipment_model.id}
        )
        self._as(self.engineer, prompt).lot_ids = self.serial_1 | other
        with self.assertRefused(UserError, r"No part waits for serial number EQ-9\."):
            self._as(self.engineer, prompt).action_confirm()
        # CB-0003 is in the warehouse, not in the van: the consumption refuses it.
        self._as(self.engineer, prompt).lot_ids = self.serial_3
        with self.assertRefused(UserError, r"CB-0003"):
            self._as(self.engineer, prompt).action_confirm()
        self.assertRecordValues(line, [{"state": "planned", "lot_id": False}])
        self.assertStock(self.part_serial, {self.van_1: 2, self.spw_stock: 3, self.customers: 0})

    def test_SP_31_consume_all_asks_for_the_missing_serials(self):
        plain = self._add_line(self.ticket, self.part_plain, 1)
        self._deliver_to_van([(self.part_plain, 1, None)])
        board = self._add_line(self.ticket, self.part_serial, 1)
        action = self._as(self.engineer, self.ticket).action_consume_parts()
        prompt = self.env["spare.parts.serial.prompt"].browse(action["res_id"])
        self.assertEqual(prompt.part_line_ids, plain | board)
        self.assertEqual(prompt.waiting_line_ids, board)
        self.assertEqual(plain.state, "planned")
        self._as(self.engineer, prompt).action_spare_parts_scan("CB-0002")
        self._as(self.engineer, prompt).action_confirm()
        self.assertEqual((plain | board).mapped("state"), ["consumed", "consumed"])
        self.assertStock(self.part_plain, {self.van_1: 0, self.customers: 1})
        self.assertStock(self.part_serial, {self.van_1: 0, self.customers: 1}, lot=self.serial_2)

    def test_SP_31_serial_prompt_only_for_the_lines_one_may_consume(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        with self.assertRefused(AccessError, "."):
            self._as(self.engineer_2, line).action_consume()
        with self.assertRefused(AccessError, "."):
            self.env["spare.parts.serial.prompt"].with_user(self.engineer_2).create(
                {"part_line_ids": [Command.set(line.ids)]}
            )
        self.assertEqual(line.state, "planned")

    def test_SP_31_serial_prompt_offers_what_the_van_holds_for_the_admin_too(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        prompt = self._prompt(line, user=self.admin)
        self.assertEqual(prompt.choice_lot_ids, self.serial_1 | self.serial_2)
        self._as(self.admin, prompt).lot_ids = self.serial_1
        self._as(self.admin, prompt).action_confirm()
        self.assertStock(self.part_serial, {self.van_1: 0, self.customers: 1}, lot=self.serial_1)
