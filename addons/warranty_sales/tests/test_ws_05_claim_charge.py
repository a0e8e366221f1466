# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS05ClaimCharge(WarrantySalesCommon):
    def test_WS_05_claim_charge_equals_cost(self):
        order = self._create_order(
            [(self.part, 2, self.equipment), (self.serial_part, 1, self.equipment)]
        )
        self._confirm_on(order, "2025-10-01 10:00:00")
        part_line, pump_line = order.order_line
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_cost_unit": 30.0,
                    "warranty_cost": 60.0,
                    "warranty_claim_charge": -60.0,
                    "warranty_payer_id": self.payer.id,
                    "warranty_pricelist_id": self.payer_pricelist.id,
                },
                {
                    "warranty_cost_unit": 800.0,
                    "warranty_cost": 800.0,
                    "warranty_claim_charge": -800.0,
                    "warranty_payer_id": self.payer.id,
                    "warranty_pricelist_id": self.payer_pricelist.id,
                },
            ],
        )
        # the cost is the one of the confirmation: a later cost change does not move it
        self.part.standard_price = 31.0
        self.assertEqual(part_line.warranty_claim_charge, -60.0)

    def test_WS_05_claim_charge_is_its_own_invoice_line(self):
        order = self._create_order([(self.part, 2, self.equipment), (self.part, 1, None)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        invoice = self._invoice(order)
        charge_line = invoice.invoice_line_ids.filtered("warranty_charge_sale_line_id")
        self.assertRecordValues(
            charge_line,
            [
                {
                    "display_type": "line_note",
                    "warranty_charge_sale_line_id": order.order_line[0].id,
                    "warranty_claim_charge_amount": -60.0,
                    "warranty_payer_id": self.payer.id,
                    "warranty_pricelist_id": self.payer_pricelist.id,
                }
            ],
        )
        self.assertEqual(
            charge_line.name,
            f"Internal claim charge -60.00 {invoice.currency_id.name} for [TCL] Teat Cup Liner "
            "- claim payer: Robot Works Ltd, payer agreement: "
            f"{self.payer_pricelist.display_name}",
        )
        # the charge is internal: the customer pays the non-warranty line only
        self.assertEqual(len(invoice.invoice_line_ids), 3)
        self.assertEqual(invoice.amount_untaxed, 48.0)

    def test_WS_05_no_charge_outside_warranty(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2026-08-01 10:00:00")
        self.assertEqual(order.order_line.warranty_claim_charge, 0.0)
        invoice = self._invoice(order)
        self.assertFalse(invoice.invoice_line_ids.filtered("warranty_charge_sale_line_id"))
