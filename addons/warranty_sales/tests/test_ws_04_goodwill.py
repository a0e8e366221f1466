# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS04Goodwill(WarrantySalesCommon):
    def test_WS_04_apply_goodwill_then_partial_price(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2026-03-15 10:00:00")
        line = order.order_line
        self.assertTrue(line.warranty_can_apply_goodwill)
        line.action_warranty_apply_goodwill()
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_goodwill_applied": True,
                    "warranty_price_origin": "goodwill",
                    "warranty_type_id": self.warranty_type.id,
                    "price_unit": 0.0,
                    "price_subtotal": 0.0,
                    "warranty_message": False,
                    "warranty_can_apply_goodwill": False,
                    # goodwill is not a warranty: no internal claim charge
                    "warranty_claim_charge": 0.0,
                    "warranty_cost": 60.0,
                }
            ],
        )
        # the customer pays a part of it
        line.price_unit = 20.0
        self.assertRecordValues(
            line,
            [{"warranty_price_origin": "goodwill", "price_unit": 20.0, "price_subtotal": 40.0}],
        )
        self.assertEqual(order.amount_untaxed, 40.0)
        # a later quantity change keeps the agreed price
        line.product_uom_qty = 3
        self.assertEqual(line.price_subtotal, 60.0)

    def test_WS_04_goodwill_refused_outside_goodwill(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-06-15 10:00:00")
        with self.assertRaises(UserError) as error:
            order.order_line.action_warranty_apply_goodwill()
        self.assertEqual(
            str(error.exception),
            f"Goodwill cannot be applied on {order.name} / [TCL] Teat Cup Liner: only a line "
            "qualified for goodwill by the entitlement check, not yet invoiced and without "
            "goodwill applied, can get it.",
        )
        self.assertEqual(order.order_line.warranty_price_origin, "warranty")

    def test_WS_04_goodwill_applied_on_quotation_survives_confirmation(self):
        order = self._create_order([(self.part, 1, self.equipment)])
        order.date_order = "2026-02-01 10:00:00"
        order.action_warranty_check()
        order.order_line.action_warranty_apply_goodwill()
        self._confirm_on(order, "2026-02-02 10:00:00")
        self.assertRecordValues(
            order.order_line, [{"warranty_price_origin": "goodwill", "price_unit": 0.0}]
        )
