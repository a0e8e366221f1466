# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import freeze_time

from .common import B2bCommon


class TestShipping(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_2 = cls.env["res.partner"].create({"name": "Distributor Two"})

    def _move_states(self, order):
        return sorted(
            (m.product_id.default_code, m.state, m.quantity) for m in order.picking_ids.move_ids
        )

    # SI-06 -------------------------------------------------------------
    def test_SI_06_notice_mode_confirm_creates_notice_and_result_ships(self):
        order = self.create_confirmed_order([(self.product, 4), (self.service, 1)])
        notice = self.notice_of(order)
        self.assertEqual(len(notice), 1)
        self.assertRecordValues(
            notice, [{"kind": "notice", "state": "pending", "receipt_state": "none"}]
        )
        self.assertEqual(notice.line_ids.mapped("quantity"), [4.0])
        self.assertEqual(notice.line_ids.product_id, self.product)
        # nothing moved yet: the notice is an instruction
        self.assertEqual(order.order_line[0].qty_delivered, 0.0)
        self.assertEqual(notice.picking_ids, order.picking_ids)
        # the warehouse ships 3 of 4: one delivery done, a backorder for 1
        staff_notice = notice.with_user(self.shipping)
        staff_notice._apply_fulfilment({staff_notice.line_ids: (3.0, self.env["stock.lot"])})
        self.assertEqual(notice.state, "done")
        self.assertEqual(notice.receipt_state, "pending")
        self.assertEqual(order.order_line[0].qty_delivered, 3.0)
        self.assertEqual(notice.line_ids.qty_shipped, 3.0)
        self.assertEqual(
            self._move_states(order), [("SW-1", "assigned", 1.0), ("SW-1", "done", 3.0)]
        )
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 7.0)

    def test_SI_06_shipping_order_mode_records_delivery_directly(self):
        self.company.b2b_shipping_mode = "order"
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 2)])
        self.assertFalse(order.b2b_shipment_ids)
        shipment = order._create_b2b_shipment()
        self.assertRecordValues(shipment, [{"kind": "order", "state": "draft"}])
        self.assertEqual(shipment.line_ids.mapped("quantity"), [4.0, 2.0])
        shipment.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(shipment.state, "done")
        self.assertEqual(self.delivered(order), [4.0, 2.0])
        self.assertEqual(order.delivery_status, "full")

    def test_SI_06_fulfilment_twice_refused(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        notice.with_user(self.shipping).action_register_fulfilment()
        with self.assertRaises(UserError) as err:
            notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(
            str(err.exception),
            f"Registering the fulfilment is not possible for shipment(s) {notice.name} "
            "in state Shipped.",
        )
        self.assertEqual(order.order_line.qty_delivered, 2.0)

    # SI-07 -------------------------------------------------------------
    def test_SI_07_auto_population_takes_every_shippable_line(self):
        order = self.create_confirmed_order(
            [(self.product, 4), (self.product_2, 2), (self.service, 1)]
        )
        notice = self.notice_of(order)
        self.assertEqual(
            [(x.product_id, x.quantity) for x in notice.line_ids],
            [(self.product, 4.0), (self.product_2, 2.0)],
        )

    def test_SI_07_manual_population_staff_picks_lines(self):
        self.company.b2b_shipping_population = "manual"
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 2)])
        self.assertFalse(order.b2b_shipment_ids)
        notice = order.with_user(self.shipping)._create_b2b_shipment()
        self.assertFalse(notice.line_ids)
        with self.assertRaises(UserError) as err:
            notice.action_send()
        self.assertEqual(str(err.exception), f"Shipment(s) {notice.name} have no lines to ship.")
        notice.line_ids = [Command.create({"sale_line_id": order.order_line[0].id, "quantity": 5})]
        with self.assertRaises(UserError) as err:
            notice.action_send()
        self.assertEqual(
            str(err.exception),
            f"Shipment {notice.name} cannot ship 5.0 Units of {self.product.display_name} "
            f"(order {order.name}): only 4.0 Units remain to ship.",
        )
        notice.line_ids.quantity = 2
        notice.action_send()
        notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order), [2.0, 0.0])

    # SI-08 -------------------------------------------------------------
    def test_SI_08_multi_order_shipping(self):
        self.company.b2b_shipping_mode = "order"
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 3), (self.product_2, 1)])
        orders = order_1 | order_2
        with self.assertRaises(UserError) as err:
            orders._create_b2b_shipment()
        self.assertIn(
            f"cannot ship orders {order_1.name}, {order_2.name} together: "
            "multi-order shipping is disabled.",
            str(err.exception),
        )
        self.assertFalse(self.env["sale.b2b.shipment"].search([("order_ids", "in", orders.ids)]))
        self.company.b2b_multi_order_shipping = True
        shipment = orders._create_b2b_shipment()
        self.assertEqual(shipment.order_ids, orders)
        self.assertEqual(shipment.line_ids.mapped("quantity"), [2.0, 3.0, 1.0])
        shipment.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order_1), [2.0])
        self.assertEqual(self.delivered(order_2), [3.0, 1.0])

    def test_SI_08_multi_order_refused_across_customers(self):
        self.company.b2b_shipping_mode = "order"
        self.company.b2b_multi_order_shipping = True
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 1)], partner=self.partner_2)
        with self.assertRaises(UserError) as err:
            (order_1 | order_2)._create_b2b_shipment()
        self.assertIn(
            f"cannot ship orders {order_1.name}, {order_2.name} together: multi-order "
            "shipping requires the same customer and delivery address.",
            str(err.exception),
        )

    # SI-09 -------------------------------------------------------------
    def _make_kit_line(self, kits):
        """A line whose delivery ships as components (what Odoo's mrp kits
        do): 2 Switches and 1 Router per kit."""
        kit = self.env["product.product"].create(
            {"name": "Starter Kit", "default_code": "KIT-1", "type": "consu"}
        )
        order = self.create_confirmed_order([(kit, kits)])
        line = order.order_line
        kit_move = line.move_ids
        picking = kit_move.picking_id
        kit_move._action_cancel()
        moves = self.env["stock.move"].create(
            [
                {
                    "product_id": product.id,
                    "product_uom_qty": qty * kits,
                    "picking_id": picking.id,
                    "sale_line_id": line.id,
                    "location_id": kit_move.location_id.id,
                    "location_dest_id": kit_move.location_dest_id.id,
                }
                for product, qty in ((self.product, 2), (self.product_2, 1))
            ]
        )
        moves._action_confirm()
        moves._action_assign()
        return order, line

    def test_SI_09_kit_ships_as_components(self):
        self.company.b2b_shipping_mode = "order"
        order, line = self._make_kit_line(2)
        self.assertEqual(line._b2b_get_component_ratios(), {self.product: 2.0, self.product_2: 1.0})
        self.assertEqual(line._b2b_get_qty_to_ship(), 2.0)
        shipment = order._create_b2b_shipment(quantities={line: 1.0})
        self.assertEqual(
            shipment.line_ids._prepare_export_vals()["components"],
            [{"sku": "SW-1", "quantity": 2.0}, {"sku": "RT-1", "quantity": 1.0}],
        )
        shipment.with_user(self.shipping).action_register_fulfilment()
        done = line.move_ids.filtered(lambda m: m.state == "done")
        self.assertEqual(
            sorted((m.product_id.default_code, m.quantity) for m in done),
            [("RT-1", 1.0), ("SW-1", 2.0)],
        )
        self.assertEqual(shipment.line_ids.qty_shipped, 1.0)
        self.assertEqual(line._b2b_get_qty_to_ship(), 1.0)

    def test_SI_09_kit_counts_delivered_only_when_all_components_are(self):
        ratios = {self.product: 2.0, self.product_2: 1.0}
        SaleLine = self.env["sale.order.line"]
        self.assertEqual(SaleLine._b2b_kit_qty(ratios, {self.product: 4.0}), 0.0)
        self.assertEqual(
            SaleLine._b2b_kit_qty(ratios, {self.product: 4.0, self.product_2: 1.0}), 1.0
        )
        self.assertEqual(
            SaleLine._b2b_kit_qty(ratios, {self.product: 3.0, self.product_2: 2.0}), 1.0
        )
        self.assertEqual(
            SaleLine._b2b_kit_qty(ratios, {self.product: 4.0, self.product_2: 2.0}), 2.0
        )
        order, line = self._make_kit_line(1)
        switch_move = line.move_ids.filtered(lambda m: m.product_id == self.product)
        self.assertEqual(line._b2b_get_qty_from_moves(switch_move), 0.0)
        self.assertEqual(line._b2b_get_qty_from_moves(line.move_ids), 1.0)

    # SI-10 -------------------------------------------------------------
    def test_SI_10_tracking_on_shipments(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        notice.with_user(self.shipping).action_register_fulfilment()
        notice.with_user(self.shipping).action_update_tracking(
            "in_transit", carrier_name="DHL", tracking_ref="JD0001"
        )
        self.assertRecordValues(
            notice,
            [{"carrier_name": "DHL", "tracking_ref": "JD0001", "tracking_status": "in_transit"}],
        )
        with self.assertRaises(UserError) as err:
            notice.with_user(self.shipping).action_update_tracking("lost")
        self.assertEqual(
            str(err.exception),
            'Unknown delivery status "lost"; expected one of none, in_transit, delivered, '
            "exception.",
        )
        self.assertEqual(notice.tracking_status, "in_transit")

    # SI-11 -------------------------------------------------------------
    def test_SI_11_manual_receipt_confirmation(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        with self.assertRaises(UserError) as err:
            notice.with_user(self.shipping).action_confirm_receipt()
        self.assertEqual(
            str(err.exception),
            f"The receipt of shipment(s) {notice.name} cannot be confirmed: they are not shipped.",
        )
        notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(order.b2b_receipt_state, "pending")
        notice.with_user(self.shipping).action_update_tracking("delivered")
        self.assertEqual(notice.receipt_state, "pending")
        notice.with_user(self.shipping).action_confirm_receipt()
        self.assertRecordValues(
            notice, [{"receipt_state": "confirmed", "receipt_method": "manual"}]
        )
        self.assertEqual(order.b2b_receipt_state, "confirmed")

    def test_SI_11_timeout_receipt_confirmation(self):
        self.company.write(
            {"b2b_receipt_confirmation": "timeout", "b2b_receipt_confirmation_days": 3}
        )
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        now = fields.Datetime.now()
        with freeze_time(now):
            notice.with_user(self.shipping).action_register_fulfilment()
        Shipment = self.env["sale.b2b.shipment"]
        with freeze_time(now + timedelta(days=2, hours=23)):
            self.assertFalse(Shipment._cron_confirm_receipts() & notice)
        self.assertEqual(notice.receipt_state, "pending")
        with freeze_time(now + timedelta(days=3, minutes=1)):
            self.assertEqual(Shipment._cron_confirm_receipts() & notice, notice)
            # a second run changes nothing
            self.assertFalse(Shipment._cron_confirm_receipts() & notice)
        self.assertRecordValues(
            notice, [{"receipt_state": "confirmed", "receipt_method": "timeout"}]
        )
        self.assertEqual(order.b2b_receipt_state, "confirmed")

    def test_SI_11_receipt_confirmed_on_delivered_status(self):
        self.company.b2b_receipt_confirmation = "delivered"
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        notice.with_user(self.shipping).action_register_fulfilment()
        notice.with_user(self.shipping).action_update_tracking("in_transit")
        self.assertEqual(notice.receipt_state, "pending")
        notice.with_user(self.shipping).action_update_tracking("delivered")
        self.assertRecordValues(
            notice, [{"receipt_state": "confirmed", "receipt_method": "delivered"}]
        )
        self.assertEqual(order.b2b_receipt_state, "confirmed")

    # SI-18 roles on shipments ------------------------------------------
    def test_SI_18_shipment_roles(self):
        order = self.create_confirmed_order([(self.product, 2)], user=self.salesperson)
        notice = self.notice_of(order)
        self.assertEqual(notice.with_user(self.salesperson).read(["name"])[0]["name"], notice.name)
        with self.assertRaises(AccessError):
            notice.with_user(self.salesperson).action_register_fulfilment()
        self.assertEqual(order.picking_ids.state, "assigned")
        notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order), [2.0])
        self.assertEqual(order.picking_ids.state, "done")
