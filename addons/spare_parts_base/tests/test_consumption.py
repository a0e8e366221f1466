# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import SparePartsCommon


class TestSpareParts05Consumption(SparePartsCommon):
    """SP-05 (Simple mode) and SP-21 (serials on the equipment side)."""

    def _count_moves(self):
        return self.env["stock.move"].search_count([])

    def test_SP_05_simple_consumption_records_without_stock_moves(self):
        moves_before = self._count_moves()
        plain = self._add_line(self.ticket, self.part_plain, 3, note="Replaced at 1200 h")
        serial = self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        (plain | serial).with_user(self.engineer).action_consume()
        self.assertRecordValues(
            plain | serial,
            [
                {
                    "state": "consumed",
                    "quantity": 3.0,
                    "engineer_id": self.engineer.id,
                    "partner_id": self.customer.id,
                    "equipment_id": self.equipment.id,
                },
                {
                    "state": "consumed",
                    "quantity": 1.0,
                    "engineer_id": self.engineer.id,
                    "partner_id": self.customer.id,
                    "equipment_id": self.equipment.id,
                },
            ],
        )
        self.assertTrue(plain.date_done)
        self.assertEqual(self._count_moves(), moves_before)
        self.assertEqual(self.part_plain.qty_available, 0)

    def test_SP_05_zero_or_negative_quantity_refused(self):
        for qty in (0, -2):
            with self.assertRaises(ValidationError) as error:
                self._add_line(self.ticket, self.part_plain, qty)
            self.assertEqual(
                error.exception.args[0],
                f"Work order {self.ticket.display_name}: the quantity of [SP-AF] Air Filter "
                f"must be positive, not {float(qty)}.",
            )
        self.assertFalse(self.ticket.part_line_ids)

    def test_SP_05_serial_of_another_product_refused(self):
        other_lot = self.env["stock.lot"].create(
            {"name": "AF-LOT", "product_id": self.equipment_model.id}
        )
        with self.assertRaises(ValidationError) as error:
            self._add_line(self.ticket, self.part_serial, 1, other_lot)
        self.assertEqual(
            error.exception.args[0],
            f"Work order {self.ticket.display_name}: serial number AF-LOT belongs to "
            f"[EQ-X200] Compressor X200, not to [SP-CB] Control Board.",
        )
        self.assertFalse(self.ticket.part_line_ids)

    def test_SP_05_tracked_part_without_serial_asks_for_it(self):
        line = self._add_line(self.ticket, self.part_serial, 1)
        action = line.with_user(self.engineer).action_consume()
        self.assertEqual(action["res_model"], "spare.parts.serial.prompt")
        self.assertEqual(line.state, "planned")
        prompt = self.env["spare.parts.serial.prompt"].browse(action["res_id"])
        with self.assertRaises(UserError) as error:
            prompt.with_user(self.engineer).action_confirm()
        self.assertEqual(
            error.exception.args[0], "[SP-CB] Control Board: pick 1 serial number, not 0."
        )
        self.assertEqual(line.state, "planned")

    def test_SP_21_same_serial_consumed_twice_refused(self):
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1).with_user(
            self.engineer
        ).action_consume()
        other_ticket = self._new_ticket(self.engineer_2, self.other_customer)
        line = self._add_line(other_ticket, self.part_serial, 1, self.serial_1)
        with self.assertRaises(UserError) as error:
            line.with_user(self.engineer_2).action_consume()
        self.assertEqual(
            error.exception.args[0],
            "Serial number CB-0001 of [SP-CB] Control Board was already consumed and is "
            "still installed (consumed on an earlier work order); it cannot be consumed "
            f"again on work order {other_ticket.display_name}.",
        )
        self.assertEqual(line.state, "planned")

    def test_SP_21_serial_free_again_after_it_came_back(self):
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1).with_user(
            self.engineer
        ).action_consume()
        self._add_line(
            self.ticket, self.part_serial, 1, self.serial_1, part_condition="old"
        ).with_user(self.engineer).action_return()
        other_ticket = self._new_ticket(self.engineer_2, self.other_customer)
        line = self._add_line(other_ticket, self.part_serial, 1, self.serial_1)
        line.with_user(self.engineer_2).action_consume()
        self.assertEqual(line.state, "consumed")

    def test_SP_21_same_serial_twice_in_one_batch_refused(self):
        lines = self._add_line(self.ticket, self.part_serial, 1, self.serial_2)
        lines |= self._add_line(self.ticket, self.part_serial, 1, self.serial_2)
        with self.assertRefused(UserError, "Serial number CB-0002 of .* appears twice"):
            lines.with_user(self.engineer).action_consume()
        self.assertEqual(set(lines.mapped("state")), {"planned"})

    def test_SP_21_serial_quantity_is_one(self):
        with self.assertRefused(ValidationError, "is one unit; the line says 2.0"):
            self._add_line(self.ticket, self.part_serial, 2, self.serial_1)

    def test_SP_05_errors_gathered_and_nothing_written(self):
        good = self._add_line(self.ticket, self.part_plain, 1)
        bad = self._add_line(self.ticket, self.part_plain, 1, part_condition="old")
        with self.assertRaises(UserError):
            (good | bad).with_user(self.engineer).action_consume()
        self.assertEqual((good | bad).mapped("state"), ["planned", "planned"])
        self.assertFalse(good.date_done)

    def test_SP_05_consumed_line_cannot_be_consumed_again_or_deleted(self):
        line = self._add_line(self.ticket, self.part_plain, 1)
        line.with_user(self.engineer).action_consume()
        with self.assertRefused(UserError, "Air Filter is already consumed"):
            line.with_user(self.engineer).action_consume()
        with self.assertRefused(UserError, "cannot be deleted"):
            line.unlink()

    def test_SP_05_old_part_returned_not_consumed(self):
        self._install(self.part_plain)
        old = self._add_line(self.ticket, self.part_plain, 1, part_condition="old")
        with self.assertRefused(UserError, "is an old part; give it back with Return"):
            old.with_user(self.engineer).action_consume()
        old.with_user(self.engineer).action_return()
        self.assertEqual(old.state, "returned")
        new = self._add_line(self.ticket, self.part_plain, 1)
        with self.assertRefused(UserError, "only planned old parts can be returned"):
            new.with_user(self.engineer).action_return()

    def test_SP_05_photos_and_notes_kept(self):
        photo = self.env["ir.attachment"].create(
            {"name": "installed.jpg", "raw": b"jpeg", "res_model": "spare.parts.line"}
        )
        line = self._add_line(
            self.ticket,
            self.part_plain,
            1,
            note="Torque 12 Nm",
            attachment_ids=[(6, 0, photo.ids)],
        )
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.attachment_ids, photo)
        self.assertEqual(line.note, "Torque 12 Nm")
