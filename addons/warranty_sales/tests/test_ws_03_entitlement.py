# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS03Entitlement(WarrantySalesCommon):
    def test_WS_03_quotation_is_priced_by_pricelist(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        line = order.order_line
        self.assertRecordValues(
            line,
            [
                {
                    "price_unit": 48.0,
                    "price_subtotal": 96.0,
                    "warranty_price_origin": "pricelist",
                    "warranty_entitlement": False,
                    "warranty_type_id": False,
                }
            ],
        )

    def test_WS_03_last_day_of_warranty_is_free(self):
        order = self._create_order([(self.part, 2, self.equipment), (self.part, 1, None)])
        self._confirm_on(order, "2025-12-31 10:00:00")
        warranty_line, plain_line = order.order_line
        self.assertRecordValues(
            warranty_line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "warranty_price_origin": "warranty",
                    "warranty_type_id": self.warranty_type.id,
                    "warranty_id": self.warranty.id,
                    "warranty_goodwill_qualified": False,
                    "warranty_message": False,
                    "price_unit": 0.0,
                    "price_subtotal": 0.0,
                }
            ],
        )
        self.assertRecordValues(
            plain_line,
            [{"warranty_price_origin": "pricelist", "price_unit": 48.0, "price_subtotal": 48.0}],
        )
        self.assertEqual(order.amount_untaxed, 48.0)

    def test_WS_03_first_day_of_goodwill_shows_message(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2026-01-01 10:00:00")
        line = order.order_line
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "goodwill",
                    "warranty_goodwill_qualified": True,
                    "warranty_goodwill_applied": False,
                    "warranty_price_origin": "pricelist",
                    # the type is set once goodwill is granted
                    "warranty_type_id": False,
                    "price_unit": 48.0,
                    "price_subtotal": 96.0,
                    "warranty_claim_charge": 0.0,
                }
            ],
        )
        self.assertEqual(
            line.warranty_message,
            "Qualified for goodwill: warranty [STD] Standard supplier warranty ended on "
            "2025-12-31, goodwill runs until 2026-06-30. Use Apply Goodwill, or enter the "
            "warranty type on the line, to give the part free.",
        )
        self.assertIn(line.warranty_message, order.message_ids[0].body)

    def test_WS_03_day_after_goodwill_normal_price(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2026-07-01 10:00:00")
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "none",
                    "warranty_goodwill_qualified": False,
                    "warranty_price_origin": "pricelist",
                    "warranty_type_id": False,
                    "warranty_id": False,
                    "price_unit": 48.0,
                    "price_subtotal": 96.0,
                }
            ],
        )

    def test_WS_03_warranty_price_kept_when_quantity_changes(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-06-15 10:00:00")
        order.order_line.product_uom_qty = 3
        self.assertEqual(order.order_line.price_unit, 0.0)
        self.assertEqual(order.order_line.warranty_claim_charge, -90.0)

    def test_WS_03_manual_price_origin(self):
        order = self._create_order([(self.part, 1, None)])
        order.order_line.price_unit = 40.0
        self.assertEqual(order.order_line.warranty_price_origin, "manual")

    def test_WS_03_quotation_check_then_lost_warranty(self):
        """A quotation checked while in warranty, confirmed after it: back to the pricelist."""
        order = self._create_order([(self.part, 1, self.equipment)])
        order.date_order = "2025-12-01 10:00:00"
        order.action_warranty_check()
        self.assertEqual(order.order_line.price_unit, 0.0)
        self._confirm_on(order, "2026-08-01 10:00:00")
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "none",
                    "warranty_price_origin": "pricelist",
                    "price_unit": 48.0,
                }
            ],
        )

    def test_WS_03_check_query_count_does_not_grow_with_lines(self):
        counts = {}
        # the first run warms the caches (access rules, defaults) up
        for line_count in (5, 5, 50):
            order = self._create_order(
                [(self.part, 1, self.equipment) for _index in range(line_count)]
            )
            order.date_order = "2025-10-01 10:00:00"
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            order.action_warranty_check()
            self.env.flush_all()
            counts[line_count] = self.env.cr.sql_log_count - before
            self.assertEqual(order.amount_untaxed, 0.0)
        self.assertEqual(counts[50], counts[5])
