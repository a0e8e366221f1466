# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import SparePartsCommon


class TestSpareParts09Barcode(SparePartsCommon):
    """SP-09: scanning on the work order parts tab."""

    def test_SP_09_scanning_off_warns(self):
        result = self.ticket._spare_parts_scan("4000000000024")
        self.assertEqual(
            result["warning"]["message"], "Barcode scanning is off in Spare Parts settings."
        )
        self.assertFalse(self.ticket.part_line_ids)

    def test_SP_09_scan_product_barcode_adds_then_increments(self):
        self.company.spare_parts_barcode_scanning = True
        self.assertEqual(self.ticket._spare_parts_scan("4000000000024"), {})
        self.assertEqual(self.ticket.part_line_ids.product_id, self.part_plain)
        self.assertEqual(self.ticket.part_line_ids.quantity, 1.0)
        self.ticket._spare_parts_scan("4000000000024")
        self.assertEqual(len(self.ticket.part_line_ids), 1)
        self.assertEqual(self.ticket.part_line_ids.quantity, 2.0)

    def test_SP_09_scan_serial_adds_line_with_serial(self):
        self.company.spare_parts_barcode_scanning = True
        self.ticket._spare_parts_scan("CB-0001")
        self.ticket._spare_parts_scan("CB-0002")
        self.assertRecordValues(
            self.ticket.part_line_ids,
            [
                {"product_id": self.part_serial.id, "lot_id": self.serial_1.id, "quantity": 1.0},
                {"product_id": self.part_serial.id, "lot_id": self.serial_2.id, "quantity": 1.0},
            ],
        )
        result = self.ticket._spare_parts_scan("CB-0001")
        self.assertEqual(
            result["warning"]["message"], "Serial number CB-0001 is already on this work order."
        )

    def test_SP_09_scan_product_then_serial_fills_the_line(self):
        self.company.spare_parts_barcode_scanning = True
        self.ticket._spare_parts_scan("4000000000017")
        self.ticket._spare_parts_scan("CB-0003")
        self.assertRecordValues(
            self.ticket.part_line_ids,
            [{"product_id": self.part_serial.id, "lot_id": self.serial_3.id, "quantity": 1.0}],
        )

    def test_SP_09_unknown_code_warns(self):
        self.company.spare_parts_barcode_scanning = True
        result = self.ticket.on_barcode_scanned("NOPE-42")
        self.assertEqual(
            result["warning"]["message"],
            "No product or serial number matches the barcode NOPE-42.",
        )
        self.assertFalse(self.ticket.part_line_ids)
