# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-31 in Simple mode: Consume on a serial part without its serial asks for
it; the serials offered are the part's serials not installed anywhere."""

from odoo.exceptions import UserError

from .common import SparePartsCommon


class TestSpareParts31SerialPromptSimple(SparePartsCommon):
    def _as(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def test_SP_31_serial_prompt_in_simple_mode(self):
        # CB-0001 is installed on another work order: it is not offered.
        installed = self._add_line(self.ticket, self.part_serial, 1, lot=self.serial_1)
        self._as(self.engineer, installed).action_consume()
        line = self._add_line(self.ticket, self.part_serial, 1)
        action = self._as(self.engineer, line).action_consume()
        prompt = self.env["spare.parts.serial.prompt"].browse(action["res_id"])
        self.assertEqual(line.state, "planned")
        self.assertEqual(prompt.choice_lot_ids, self.serial_2 | self.serial_3)

        # Picking the installed one anyway is refused by the consumption itself.
        self._as(self.engineer, prompt).action_spare_parts_scan("CB-0001")
        with self.assertRefused(UserError, "CB-0001 .* already consumed and is still installed"):
            self._as(self.engineer, prompt).action_confirm()
        self.assertRecordValues(line, [{"state": "planned", "lot_id": False}])

        self._as(self.engineer, prompt).lot_ids = self.serial_3
        self._as(self.engineer, prompt).action_confirm()
        self.assertRecordValues(line, [{"state": "consumed", "lot_id": self.serial_3.id}])

    def test_SP_31_serial_part_in_fractions_is_refused(self):
        line = self._add_line(self.ticket, self.part_serial, 1.5)
        with self.assertRefused(UserError, "counted in whole units, not 1.5"):
            self._as(self.engineer, line).action_consume()
        self.assertEqual(line.state, "planned")
