# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Done is done for B2B documents: once a shipment, return or frozen
inventory leaves draft, each role writes only what its policy lists, as an RPC
client would send it (role user, fresh environment). Refusals change nothing."""

import re

from odoo.exceptions import AccessError
from odoo.fields import Command

from .common import B2bCommon


class TestB2bWritePolicy(B2bCommon):
    def _as(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def _values(self, records, names):
        self.env.invalidate_all()
        return records.read(names)

    # SI-06 / SI-10 -----------------------------------------------------
    def test_SI_06_sent_notice_keeps_what_it_ships(self):
        order = self.create_confirmed_order([(self.product, 4)])
        notice = self.notice_of(order)
        frozen = ["partner_id", "partner_shipping_id", "company_id", "line_ids"]
        before = self._values(notice, frozen) + self._values(notice.line_ids, ["quantity"])
        other = self.env["res.company"].create({"name": "B2B Co B"})
        refusals = {
            "partner_id": self.env["res.partner"].create({"name": "Someone Else"}).id,
            "company_id": other.id,
            "line_ids": [Command.clear()],
        }
        for user in (self.shipping, self.order_admin):
            for field, value in refusals.items():
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRefused(
                        AccessError, "cannot be changed in state Waiting Fulfilment"
                    ),
                ):
                    self._as(user, notice).write({field: value})
            with self.assertRefused(AccessError, "cannot be changed in state Waiting"):
                self._as(user, notice.line_ids).write({"quantity": 40})
            with self.assertRefused(AccessError, "cannot be added or deleted in state"):
                self._as(user, notice.line_ids).unlink()
            with self.assertRefused(AccessError, "change only through the document's buttons"):
                self._as(user, notice).write({"exported_date": "2026-01-01 00:00:00"})
        self.assertEqual(
            self._values(notice, frozen) + self._values(notice.line_ids, ["quantity"]), before
        )
        # the carrier and the tracking stay the shipping staff's
        self._as(self.shipping, notice).write({"carrier_name": "DHL", "tracking_ref": "JD1"})
        self.assertEqual(notice.carrier_name, "DHL")

    def test_SI_10_shipped_notice_only_takes_tracking(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.ship(order)
        self.assertEqual(notice.state, "done")
        with self.assertRefused(AccessError, "cannot be changed in state Shipped"):
            self._as(self.shipping, notice).write({"partner_shipping_id": self.partner.id})
        with self.assertRefused(AccessError, "change only through the document's buttons"):
            self._as(self.shipping, notice).write({"remainder_of_id": notice.id})
        self._as(self.shipping, notice).action_update_tracking(
            "delivered", carrier_name="UPS", tracking_ref="1Z"
        )
        self.assertRecordValues(
            notice, [{"carrier_name": "UPS", "tracking_ref": "1Z", "tracking_status": "delivered"}]
        )

    def test_SI_08_merge_still_moves_lines_of_sent_notices(self):
        self.company.b2b_multi_order_shipping = True
        order_1 = self.create_confirmed_order([(self.product, 1)])
        order_2 = self.create_confirmed_order([(self.product_2, 1)])
        notices = self.notice_of(order_1) | self.notice_of(order_2)
        self._as(self.shipping, notices).action_merge()
        target = notices.sorted("id")[0]
        self.assertEqual(target.line_ids.product_id, self.product | self.product_2)
        self.assertEqual((notices - target).state, "cancel")

    # SI-12 -------------------------------------------------------------
    def test_SI_12_confirmed_return_keeps_its_lines(self):
        order = self.create_confirmed_order([(self.product, 4)])
        self.ship(order)
        ret = self.new_return([(order.order_line, 2)])
        ret.with_user(self.salesperson).action_confirm()
        for user in (self.salesperson, self.shipping):
            with self.subTest(user=user.login):
                with self.assertRefused(AccessError, "cannot be changed in state Waiting"):
                    self._as(user, ret).write({"to_refund": False})
                with self.assertRefused(AccessError, "cannot be changed in state Waiting"):
                    self._as(user, ret.line_ids).write({"quantity": 4})
                with self.assertRefused(AccessError, "cannot be added or deleted in state"):
                    self.env["sale.b2b.return.line"].with_user(user).create(
                        {"return_id": ret.id, "sale_line_id": order.order_line.id, "quantity": 1}
                    )
        self.assertEqual(ret.line_ids.quantity, 2)
        self.assertTrue(ret.to_refund)
        self._as(self.salesperson, ret).write({"reason": "Wrong voltage"})
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [2.0])

    # SI-17 -------------------------------------------------------------
    def test_SI_17_frozen_quantity_only_through_adjust(self):
        self.company.b2b_reserve_inventory = True
        order = self.create_confirmed_order([(self.product, 4)])
        reservation = order.b2b_reservation_ids
        with self.assertRefused(AccessError, "cannot be changed in state Active"):
            self._as(self.order_admin, reservation).write({"warehouse_id": self.wh_b.id})
        with self.assertRefused(AccessError, "cannot be added or deleted in state Active"):
            self._as(self.order_admin, reservation).copy()
        self.assertEqual(reservation.warehouse_id, self.wh_a)
        self._as(self.order_admin, reservation)._action_adjust(1.0, "Customer called")
        self.assertEqual(reservation.quantity, 1.0)

    # SI-10 / SI-15 -----------------------------------------------------
    def test_SI_15_exchange_return_takes_carrier_and_tracking(self):
        """The goods of an exchange travel back with a carrier: once the
        return is confirmed, the sales person and the shipping staff fill in
        the carrier, the tracking reference and the delivery status (nothing
        else); a cancelled return takes nothing."""
        self.company.b2b_exchanges = True
        order = self.create_confirmed_order([(self.product, 4)])
        self.ship(order)
        ret = self.new_return([(order.order_line, 1)], is_exchange=True)
        ret.with_user(self.salesperson).action_confirm()
        elsewhere = self.env["res.partner"].create({"name": "Elsewhere"})
        for field in ("carrier_name", "tracking_ref", "tracking_status"):
            self.assertTrue(ret._fields[field].tracking, field)
        self._as(self.salesperson, ret).write({"carrier_name": "DHL", "tracking_ref": "JD-RET-1"})
        self._as(self.shipping, ret).write(
            {"tracking_status": "in_transit", "tracking_url": "https://carrier.example.com/R1"}
        )
        self.assertRecordValues(
            ret,
            [
                {
                    "carrier_name": "DHL",
                    "tracking_ref": "JD-RET-1",
                    "tracking_status": "in_transit",
                    "tracking_url": "https://carrier.example.com/R1",
                }
            ],
        )
        with self.assertRefused(
            AccessError,
            "^"
            + re.escape(
                f"Customer of B2B Return {ret.name} cannot be changed in state Waiting "
                f"Receipt by {self.shipping.name}: the document's write policy does not "
                "allow it."
            )
            + "$",
        ):
            self._as(self.shipping, ret).write(
                {"tracking_status": "delivered", "partner_id": elsewhere.id}
            )
        self.assertRecordValues(
            ret, [{"partner_id": self.partner.id, "tracking_status": "in_transit"}]
        )
        ret.with_user(self.shipping).action_receive()
        self._as(self.shipping, ret).write({"tracking_status": "delivered"})
        self.assertEqual(ret.tracking_status, "delivered")
        # the replacement ships as any shipment, with its own tracking
        replacement = ret.exchange_shipment_ids
        replacement.with_user(self.shipping).action_register_fulfilment()
        self._as(self.shipping, replacement).action_update_tracking(
            "in_transit", carrier_name="UPS", tracking_ref="1Z-EXCH"
        )
        self.assertRecordValues(
            replacement,
            [{"carrier_name": "UPS", "tracking_ref": "1Z-EXCH", "tracking_status": "in_transit"}],
        )
        # a cancelled return is closed
        cancelled = self.new_return([(order.order_line, 1)])
        cancelled.with_user(self.salesperson).action_cancel()
        for user in (self.salesperson, self.shipping):
            with self.assertRefused(
                AccessError,
                "^"
                + re.escape(
                    f"Carrier of B2B Return {cancelled.name} cannot be changed in state "
                    f"Cancelled by {user.name}: the document's write policy does not allow it."
                )
                + "$",
            ):
                self._as(user, cancelled).write({"carrier_name": "DHL"})
        self.assertFalse(cancelled.carrier_name)
