# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS07Printing(WarrantySalesCommon):
    def _html(self, report_ref, records):
        return self.env["ir.actions.report"]._render_qweb_html(report_ref, records.ids)[0].decode()

    def test_WS_07_warranty_type_on_quotation_confirmation_and_invoice(self):
        order = self._create_order(
            [
                (self.part, 1, self.equipment),
                (self.serial_part, 1, self.equipment),
                (self.part, 1, None),
            ]
        )
        order.date_order = "2025-10-01 10:00:00"
        order.action_warranty_check()
        label = "Warranty: STD Standard supplier warranty"
        self.assertEqual(order.order_line[0].warranty_print_label, label)
        self.assertFalse(order.order_line[2].warranty_print_label)
        quotation = self._html("sale.action_report_saleorder", order)
        self.assertEqual(quotation.count(label), 2)

        self._confirm_on(order, "2025-10-01 11:00:00")
        confirmation = self._html("sale.action_report_saleorder", order)
        self.assertEqual(confirmation.count(label), 2)

        invoice = self._invoice(order)
        invoice_html = self._html("account.account_invoices", invoice)
        self.assertEqual(invoice_html.count(label), 2)

    def test_WS_07_goodwill_line_printed(self):
        order = self._create_order([(self.part, 1, self.equipment)])
        self._confirm_on(order, "2026-01-15 10:00:00")
        self.assertFalse(order.order_line.warranty_print_label)
        order.order_line.action_warranty_apply_goodwill()
        label = "Goodwill: STD Standard supplier warranty"
        self.assertEqual(order.order_line.warranty_print_label, label)
        self.assertIn(label, self._html("sale.action_report_saleorder", order))
