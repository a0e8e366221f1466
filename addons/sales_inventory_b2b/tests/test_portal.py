# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The distributor's side (seed 002 §3.6.6, SI-10..SI-15 on the customer
portal): what a portal user's actions change, run as that user in a fresh
environment, as the portal's controllers run them."""

import re

from odoo.exceptions import AccessError, UserError

from .portal_common import B2bPortalCommon


class TestB2bPortalDocuments(B2bPortalCommon):
    def _as_portal(self, user=None):
        """The portal user's environment, as a request builds it: fresh cache."""
        env = self.env(user=user or self.portal_user)
        env.invalidate_all()
        return env

    def _request(self, user, request):
        env = self._as_portal(user)
        return env["sale.b2b.return"].sudo()._portal_create_request(env.user.partner_id, request)

    # ------------------------------------------------------------- orders
    def test_SI_11_portal_order_quantities_per_line(self):
        switch_line, router_line = self.order.order_line
        quantities = self.order.order_line._b2b_get_portal_quantities()
        self.assertEqual(
            quantities[switch_line], {"shipped": 3.0, "in_transit": 3.0, "received": 0.0}
        )
        self.assertEqual(
            quantities[router_line], {"shipped": 1.0, "in_transit": 1.0, "received": 0.0}
        )
        self.shipment.sudo()._portal_confirm_receipt()
        self.env.invalidate_all()
        quantities = self.order.order_line._b2b_get_portal_quantities()
        self.assertEqual(
            quantities[switch_line], {"shipped": 3.0, "in_transit": 0.0, "received": 3.0}
        )

    # ------------------------------------------------------------ receipt
    def test_SI_11_customer_confirms_receipt_with_discrepancy(self):
        env = self._as_portal()
        shipment = env["sale.b2b.shipment"].browse(self.shipment.id)
        self.assertEqual(shipment.receipt_state, "pending")
        shipment.sudo()._portal_confirm_receipt("  One switch arrived cracked  ")
        self.env.invalidate_all()
        self.assertRecordValues(
            self.shipment,
            [
                {
                    "receipt_state": "confirmed",
                    "receipt_method": "customer",
                    "receipt_note": "One switch arrived cracked",
                }
            ],
        )
        self.assertTrue(self.shipment.receipt_date)
        activity = self.shipment.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(activity.summary, "Receipt discrepancy reported by the customer")
        # the remainder is not shipped yet: nothing to confirm
        self.assertEqual(self.remainder.receipt_state, "none")
        with self.assertRaisesRegex(
            UserError,
            rf"^The receipt of shipment {self.shipment.name} cannot be confirmed: "
            r"it is Confirmed\.$",
        ):
            shipment.sudo()._portal_confirm_receipt()

    def test_SI_11_full_receipt_schedules_nothing(self):
        self.shipment.with_user(self.portal_user).sudo()._portal_confirm_receipt("")
        self.assertEqual(self.shipment.receipt_state, "confirmed")
        self.assertFalse(self.shipment.receipt_note)
        self.assertFalse(self.shipment.activity_ids)

    def test_SI_11_portal_user_cannot_write_the_receipt(self):
        shipment = self._as_portal()["sale.b2b.shipment"].browse(self.shipment.id)
        for vals in (
            {"receipt_state": "confirmed"},
            {"receipt_note": "Nothing"},
            {"tracking_url": "https://evil.example.com"},
        ):
            with self.assertRaises(AccessError):
                shipment.write(vals)
        with self.assertRaises(AccessError):
            shipment.action_confirm_receipt()
        self.assertEqual(self.shipment.receipt_state, "pending")

    def test_SI_10_tracking_link_must_be_a_web_address(self):
        with self.assertRaisesRegex(Exception, "tracking_url_is_web"), self.cr.savepoint():
            self.shipment.with_user(self.shipping).write({"tracking_url": "javascript:alert(1)"})
            self.env.flush_all()
        self.assertEqual(self.shipment.tracking_url, "https://tracking.example.com/JD0146")
        self.shipment.with_user(self.shipping).action_update_tracking(
            "in_transit", tracking_url="https://carrier.example.com/t/1"
        )
        self.assertEqual(self.shipment.tracking_url, "https://carrier.example.com/t/1")

    # ------------------------------------------------------------ returns
    def test_SI_12_portal_requests_return_from_order(self):
        switch_line = self.order.order_line[0]
        ret = self._request(
            self.portal_user,
            {
                "kind": "order",
                "source_id": str(self.order.id),
                "lines": [
                    {"id": str(switch_line.id), "quantity": "2", "serials": ""},
                    {"id": str(self.order.order_line[1].id), "quantity": "0"},
                ],
                "reason": "Wrong model",
            },
        )
        self.assertRecordValues(
            ret,
            [
                {
                    "state": "draft",
                    "kind": "order",
                    "partner_id": self.partner.id,
                    "reason": "Wrong model",
                    "is_exchange": False,
                }
            ],
        )
        self.assertRecordValues(ret.line_ids, [{"sale_line_id": switch_line.id, "quantity": 2.0}])
        self.assertEqual(ret.activity_ids.user_id, self.salesperson)
        self.assertEqual(ret.activity_ids.summary, "Review the customer's return request")
        self.assertIn(
            "Return requested by the customer on the portal.",
            ret.message_ids.mapped("body")[0],
        )
        self.assertEqual(ret.message_ids[0].author_id, self.portal_user.partner_id)
        # the sales person takes it from there: two switches come back
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(switch_line.qty_delivered, 1.0)
        quants = self.env["stock.quant"]._gather(self.product, self.wh_a.lot_stock_id)
        # 10, minus 3 shipped to One and 2 to Two, plus 2 back; 1 stays reserved
        self.assertEqual(sum(quants.mapped("quantity")), 7.0)
        self.assertEqual(sum(quants.mapped("reserved_quantity")), 1.0)

    def test_SI_13_portal_requests_return_of_a_shipped_serial(self):
        router_line = self.shipment.line_ids.filtered(lambda x: x.product_id == self.router)
        ret = self._request(
            self.portal_user,
            {
                "kind": "shipment",
                "source_id": self.shipment.id,
                "lines": [{"id": router_line.id, "quantity": 1, "serials": "SN-PORTAL-1"}],
            },
        )
        self.assertRecordValues(
            ret, [{"kind": "shipment", "shipment_id": self.shipment.id, "state": "draft"}]
        )
        self.assertEqual(ret.line_ids.lot_ids, self.router_serial)
        self.assertEqual(ret.line_ids.shipment_line_id, router_line)

    def test_SI_12_portal_request_over_delivered_is_refused(self):
        Return = self.env["sale.b2b.return"]
        count = Return.search_count([])
        with (
            self.assertRaisesRegex(
                UserError,
                r"cannot take back 5\.0 Units of \[SW-1\] Switch: only 3\.0 Units delivered "
                rf"by order {self.order.name} remain returnable\.",
            ),
            self.cr.savepoint(),
        ):
            self._request(
                self.portal_user,
                {
                    "kind": "order",
                    "source_id": self.order.id,
                    "lines": [{"id": self.order.order_line[0].id, "quantity": 5}],
                },
            )
        self.assertEqual(Return.search_count([]), count)

    def test_SI_12_portal_request_refusals(self):
        """Every refusal names what is wrong and creates nothing."""
        Return = self.env["sale.b2b.return"]
        count = Return.search_count([])
        switch_line = self.order.order_line[0]
        cases = [
            # another distributor's order, shipment or line
            (
                self.portal_user_two,
                {"kind": "order", "source_id": self.order.id, "lines": []},
                "This order or shipment cannot be returned from.",
            ),
            (
                self.portal_user_two,
                {"kind": "shipment", "source_id": self.shipment.id, "lines": []},
                "This order or shipment cannot be returned from.",
            ),
            (
                self.portal_user,
                {
                    "kind": "order",
                    "source_id": self.order.id,
                    "lines": [{"id": self.order_two.order_line.id, "quantity": 1}],
                },
                f"This line is not on order {self.order.name}.",
            ),
            # a shipment not shipped yet
            (
                self.portal_user,
                {"kind": "shipment", "source_id": self.remainder.id, "lines": []},
                "This order or shipment cannot be returned from.",
            ),
            (
                self.portal_user,
                {"kind": "order", "source_id": self.order.id, "lines": []},
                "Enter the quantity to return on at least one line.",
            ),
            (
                self.portal_user,
                {
                    "kind": "order",
                    "source_id": self.order.id,
                    "lines": [{"id": switch_line.id, "quantity": "two"}],
                },
                "Quantities must be numbers.",
            ),
            (
                self.portal_user,
                {
                    "kind": "order",
                    "source_id": self.order.id,
                    "lines": [{"id": switch_line.id, "quantity": "nan"}],
                },
                "Quantities must be numbers.",
            ),
            (
                self.portal_user,
                {
                    "kind": "shipment",
                    "source_id": self.shipment.id,
                    "lines": [
                        {
                            "id": self.shipment.line_ids[1].id,
                            "quantity": 1,
                            "serials": "SN-UNKNOWN",
                        }
                    ],
                },
                "Unknown serial/lot number(s) SN-UNKNOWN for [SR-1] Serial Router.",
            ),
            (
                self.portal_user,
                {"kind": "refund", "source_id": self.order.id, "lines": []},
                "Unknown kind of return.",
            ),
        ]
        for user, request, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(UserError, f"^{re.escape(message)}$"),
                self.cr.savepoint(),
            ):
                self._request(user, request)
        self.assertEqual(Return.search_count([]), count)

    def test_SI_14_portal_source_free_return_follows_the_setting(self):
        request = {
            "kind": "free",
            "lines": [{"id": self.product.id, "quantity": 1}],
            "reason": "Found in our warehouse",
        }
        self.company.b2b_source_free_returns = False
        with self.assertRaisesRegex(UserError, r"^This kind of return is not offered\.$"):
            self._request(self.portal_user, request)
        self.company.b2b_source_free_returns = True
        ret = self._request(self.portal_user, request)
        self.assertRecordValues(
            ret,
            [{"kind": "free", "partner_id": self.partner.id, "warehouse_id": self.wh_a.id}],
        )
        self.assertRecordValues(ret.line_ids, [{"product_id": self.product.id, "quantity": 1}])
        # a product never delivered to this distributor is refused
        other = self.product_2
        with self.assertRaisesRegex(UserError, r"^This product cannot be returned\.$"):
            self._request(
                self.portal_user,
                {"kind": "free", "lines": [{"id": other.id, "quantity": 1}]},
            )

    def test_SI_15_portal_exchange_needs_the_setting(self):
        request = {
            "kind": "order",
            "source_id": self.order.id,
            "lines": [{"id": self.order.order_line[0].id, "quantity": 1}],
            "is_exchange": "on",
        }
        ret = self._request(self.portal_user, request)
        self.assertFalse(ret.is_exchange)
        self.company.b2b_exchanges = True
        ret = self._request(self.portal_user, request)
        self.assertTrue(ret.is_exchange)
