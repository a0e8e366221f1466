# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import SparePartsCommon


class TestSpareParts15PartReplacement(SparePartsCommon):
    """SP-15: the equipment asset BOM before and after a replacement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installed = cls.env["spare.parts.equipment.part"].create(
            {
                "equipment_id": cls.equipment.id,
                "product_id": cls.part_serial.id,
                "lot_id": cls.serial_1.id,
                "date_installed": "2025-01-10",
            }
        )

    def _replace(self):
        line = self._add_line(
            self.ticket,
            self.part_serial,
            1,
            self.serial_2,
            replaced_product_id=self.part_serial.id,
            replaced_lot_id=self.serial_1.id,
        )
        line.with_user(self.engineer).action_consume()
        return line

    def test_SP_15_replacement_on_updates_asset_bom(self):
        self.company.spare_parts_part_replacement = True
        self.assertEqual(self.equipment.spare_part_ids, self.installed)
        line = self._replace()
        new_part = self.equipment.spare_part_ids
        self.assertEqual(len(new_part), 1)
        self.assertRecordValues(
            new_part,
            [
                {
                    "product_id": self.part_serial.id,
                    "lot_id": self.serial_2.id,
                    "quantity": 1.0,
                    "ticket_id": self.ticket.id,
                    "installed_by_id": self.engineer.id,
                    "is_installed": True,
                }
            ],
        )
        self.assertFalse(self.installed.is_installed)
        self.assertTrue(self.installed.date_removed)
        self.assertEqual(self.installed.removed_ticket_id, self.ticket)
        replacement = self.equipment.spare_parts_replacement_ids
        self.assertRecordValues(
            replacement,
            [
                {
                    "ticket_id": self.ticket.id,
                    "engineer_id": self.engineer.id,
                    "old_product_id": self.part_serial.id,
                    "old_lot_id": self.serial_1.id,
                    "new_product_id": self.part_serial.id,
                    "new_lot_id": self.serial_2.id,
                    "old_part_line_id": self.installed.id,
                    "new_part_line_id": new_part.id,
                    "parts_line_id": line.id,
                }
            ],
        )
        self.assertEqual(self.equipment.spare_parts_replacement_count, 1)
        self.assertEqual(self.equipment.spare_part_history_ids, self.installed | new_part)

    def test_SP_15_replacement_off_leaves_asset_bom(self):
        self._replace()
        self.assertEqual(self.equipment.spare_part_ids, self.installed)
        self.assertTrue(self.installed.is_installed)
        self.assertFalse(self.equipment.spare_parts_replacement_ids)

    def test_SP_15_old_part_must_be_installed(self):
        self.company.spare_parts_part_replacement = True
        line = self._add_line(
            self.ticket,
            self.part_serial,
            1,
            self.serial_3,
            replaced_product_id=self.part_serial.id,
            replaced_lot_id=self.serial_2.id,
        )
        with self.assertRaises(UserError) as error:
            line.with_user(self.engineer).action_consume()
        self.assertEqual(
            error.exception.args[0],
            f"Work order {self.ticket.display_name}: the old part [SP-CB] Control Board "
            f"(CB-0002) is not installed in equipment {self.equipment.display_name}, so "
            f"[SP-CB] Control Board cannot replace it.",
        )
        self.assertEqual(line.state, "planned")
        self.assertTrue(self.installed.is_installed)

    def test_SP_15_new_part_without_old_part_is_added(self):
        self.company.spare_parts_part_replacement = True
        self._add_line(self.ticket, self.part_plain, 2).with_user(self.engineer).action_consume()
        self.assertEqual(len(self.equipment.spare_part_ids), 2)
        added = self.equipment.spare_part_ids.filtered(lambda p: p.product_id == self.part_plain)
        self.assertEqual(added.quantity, 2.0)
        self.assertFalse(self.equipment.spare_parts_replacement_ids)

    def test_SP_21_serial_installed_in_other_equipment_refused(self):
        other_ticket = self._new_ticket(self.engineer, self.other_customer)
        line = self._add_line(other_ticket, self.part_serial, 1, self.serial_1)
        with self.assertRefused(UserError, r"still installed \(in equipment Acme compressor"):
            line.with_user(self.engineer).action_consume()
