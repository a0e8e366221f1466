# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SparePartsPurchaseCommon


@tagged("post_install", "-at_install")
class TestSpareParts27ReceiptScan(SparePartsPurchaseCommon, HttpCase):
    browser_size = "1440x900"

    def test_SP_27_scanned_serials_show_at_once(self):
        receipt = self._purchase([(self.part_serial, 2, 400.0)]).picking_ids
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{receipt.id}",
            "spare_parts_receipt_scan",
            login="sp_admin",
        )
        self.env.invalidate_all()
        self.assertEqual(receipt.spare_parts_scanned_serials, "CB-2001")

    def test_SP_27_scan_field_says_why_a_code_is_refused(self):
        receipt = self._purchase([(self.part_plain, 5, 11.0)]).picking_ids
        with self.assertRefused(UserError, "no serial-tracked part to receive for the code XYZ"):
            receipt.with_user(self.admin).action_spare_parts_scan("XYZ")
        self.assertFalse(receipt.move_ids.move_line_ids.filtered("lot_name"))
