# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import B2bCommon


class TestShippingFollowPickings(B2bCommon):
    """SI-06 / SI-08 / SI-16: notices and shipping orders follow their
    transfers whatever screen validates, backorders or cancels them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_2 = cls.env["res.partner"].create({"name": "Distributor Two"})

    # helpers -------------------------------------------------------------
    def _qty(self, product, warehouse=None):
        location = (warehouse or self.wh_a).lot_stock_id
        return product.with_context(location=location.id).qty_available

    def _set_picked(self, picking, quantities):
        """The shipping user enters the quantities picked in Inventory."""
        for move in picking.with_user(self.shipping).move_ids:
            move.quantity = quantities.get(move.product_id, 0.0)
            move.picked = True

    def _validate(self, picking, backorder=None):
        """Inventory's Validate as the shipping user; ``backorder`` answers
        the backorder wizard (True: create it, False: no backorder)."""
        res = picking.with_user(self.shipping).button_validate()
        if backorder is None:
            self.assertIs(res, True)
            return
        self.assertEqual(res["res_model"], "stock.backorder.confirmation")
        wizard = Form.from_action(self.env(user=self.shipping), res).save()
        if backorder:
            wizard.process()
        else:
            wizard.process_cancel_backorder()

    def _export(self, **kwargs):
        return self.env["sale.b2b.shipment"].with_user(self.shipping).b2b_export_notices(**kwargs)

    def _payload(self, exported, notice):
        return [
            (x["sku"], x["quantity"], x["order"])
            for n in exported
            if n["id"] == notice.id
            for x in n["lines"]
        ]

    # SI-06: validated in Inventory -----------------------------------------
    def test_SI_06_inventory_validate_ships_notice(self):
        order = self.create_confirmed_order([(self.product, 4)])
        notice = self.notice_of(order)
        picking = order.picking_ids
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertRecordValues(
            notice, [{"state": "done", "receipt_state": "pending", "result_ref": False}]
        )
        self.assertTrue(notice.date_done)
        self.assertLessEqual(abs((picking.date_done - notice.date_done).total_seconds()), 5)
        self.assertEqual(notice.line_ids.qty_shipped, 4.0)
        self.assertEqual(notice.line_ids.move_ids, picking.move_ids)
        self.assertFalse(notice.remainder_ids)
        self.assertEqual(self.delivered(order), [4.0])
        self.assertEqual(self._qty(self.product), 6.0)
        self.assertEqual(self._export(), [])
        # a later ERP result is refused, nothing moves
        with self.assertRaises(UserError) as err:
            self.env["sale.b2b.shipment"].with_user(self.shipping).b2b_import_fulfilment(
                [
                    {
                        "result_ref": "ERP-LATE-1",
                        "notice": notice.name,
                        "lines": [{"line_id": notice.line_ids.id, "quantity": 4}],
                    }
                ]
            )
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            f"- Result ERP-LATE-1: notice {notice.name} was already shipped through "
            f"{picking.name}.",
        )
        self.assertEqual(notice.line_ids.qty_shipped, 4.0)
        self.assertEqual(self._qty(self.product), 6.0)

    def test_SI_06_inventory_backorder_gets_its_own_notice(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 2)])
        notice = self.notice_of(order)
        picking = order.picking_ids
        self._set_picked(picking, {self.product: 3.0, self.product_2: 2.0})
        self._validate(picking, backorder=True)
        backorder = order.picking_ids - picking
        self.assertEqual(backorder.backorder_id, picking)
        self.assertRecordValues(notice, [{"state": "done", "receipt_state": "pending"}])
        self.assertEqual(notice.line_ids.mapped("qty_shipped"), [3.0, 2.0])
        remainder = notice.remainder_ids
        self.assertEqual(len(remainder), 1)
        self.assertRecordValues(
            remainder,
            [{"kind": "notice", "state": "pending", "remainder_of_id": notice.id}],
        )
        self.assertEqual(
            [(x.product_id, x.quantity) for x in remainder.line_ids], [(self.product, 1.0)]
        )
        self.assertEqual(self.notice_of(order), remainder)
        self.assertEqual(remainder.picking_ids, backorder)
        # exported like the first notice, once
        exported = self._export()
        self.assertEqual([n["notice"] for n in exported], [remainder.name])
        self.assertEqual(self._payload(exported, remainder), [("SW-1", 1.0, order.name)])
        self.assertEqual(self._export(), [])
        self.assertEqual(self._qty(self.product), 7.0)
        self.assertEqual(self._qty(self.product_2), 1.0)
        # the backorder validated in Inventory closes the remainder
        self._validate(backorder)
        self.assertRecordValues(remainder, [{"state": "done", "receipt_state": "pending"}])
        self.assertEqual(remainder.line_ids.qty_shipped, 1.0)
        self.assertFalse(remainder.remainder_ids)
        self.assertFalse(self.notice_of(order))
        self.assertEqual(self.delivered(order), [4.0, 2.0])
        self.assertEqual(self._qty(self.product), 6.0)

    def test_SI_06_inventory_no_backorder_closes_notice_without_rest(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 2)])
        notice = self.notice_of(order)
        picking = order.picking_ids
        self._set_picked(picking, {self.product: 3.0})
        self._validate(picking, backorder=False)
        self.assertEqual(order.picking_ids, picking)
        self.assertEqual(notice.state, "done")
        self.assertEqual(notice.line_ids.mapped("qty_shipped"), [3.0, 0.0])
        self.assertFalse(notice.remainder_ids)
        self.assertFalse(self.notice_of(order))
        self.assertEqual(self._export(), [])
        self.assertEqual(self.delivered(order), [3.0, 0.0])
        self.assertEqual(self._qty(self.product), 7.0)
        self.assertEqual(self._qty(self.product_2), 3.0)

    def test_SI_06_api_partial_result_leaves_remainder_notice(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 2)])
        notice = self.notice_of(order)
        Shipment = self.env["sale.b2b.shipment"].with_user(self.shipping)
        self.assertEqual(
            self._payload(Shipment.b2b_export_notices(), notice),
            [("SW-1", 4.0, order.name), ("RT-1", 2.0, order.name)],
        )
        lines = notice.line_ids
        answer = Shipment.b2b_import_fulfilment(
            [
                {
                    "result_ref": "ERP-PART-1",
                    "notice": notice.name,
                    "lines": [
                        {"line_id": lines[0].id, "quantity": 1},
                        {"line_id": lines[1].id, "quantity": 2},
                    ],
                }
            ]
        )
        self.assertEqual(answer[0]["status"], "applied")
        self.assertRecordValues(notice, [{"state": "done", "result_ref": "ERP-PART-1"}])
        self.assertEqual(notice.line_ids.mapped("qty_shipped"), [1.0, 2.0])
        remainder = notice.remainder_ids
        self.assertRecordValues(remainder, [{"state": "pending", "exported_date": False}])
        exported = Shipment.b2b_export_notices()
        self.assertEqual([n["notice"] for n in exported], [remainder.name])
        self.assertEqual(self._payload(exported, remainder), [("SW-1", 3.0, order.name)])
        # the remainder's own result ships the rest
        Shipment.b2b_import_fulfilment(
            [
                {
                    "result_ref": "ERP-PART-2",
                    "notice": remainder.name,
                    "lines": [{"line_id": remainder.line_ids.id, "quantity": 3}],
                }
            ]
        )
        self.assertEqual(remainder.state, "done")
        self.assertFalse(remainder.remainder_ids)
        self.assertEqual(self.delivered(order), [4.0, 2.0])
        self.assertEqual(self._qty(self.product), 6.0)
        self.assertEqual(self._qty(self.product_2), 1.0)
        # every shipped quantity is what the done moves delivered
        for line in (notice | remainder).line_ids:
            done = line.move_ids.filtered(lambda m: m.state == "done")
            self.assertEqual(line.qty_shipped, sum(done.mapped("quantity")))

    def test_SI_06_fulfilment_beyond_stock_refused(self):
        self.company.b2b_validation_rule = "allow"
        order = self.create_confirmed_order([(self.product_2, 4)])
        notice = self.notice_of(order)
        self.assertEqual(order.picking_ids.move_ids.quantity, 3.0)
        with self.assertRaises(UserError) as err:
            notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(
            str(err.exception),
            f"Shipment {notice.name} cannot ship 4.0 Units of {self.product_2.display_name}: "
            f"only 3.0 Units are in stock at {self.wh_a.lot_stock_id.display_name}.",
        )
        self.assertEqual(notice.state, "pending")
        self.assertEqual(self._qty(self.product_2), 3.0)
        self.assertEqual(order.picking_ids.move_ids.quantity, 3.0)
        staff_notice = notice.with_user(self.shipping)
        staff_notice._apply_fulfilment({staff_notice.line_ids: (3.0, self.env["stock.lot"])})
        self.assertEqual(self._qty(self.product_2), 0.0)
        self.assertEqual(notice.remainder_ids.line_ids.mapped("quantity"), [1.0])

    def test_SI_06_shipping_order_follows_inventory_validation(self):
        self.company.b2b_shipping_mode = "order"
        order = self.create_confirmed_order([(self.product, 4)])
        shipment = order.with_user(self.shipping)._create_b2b_shipment()
        self.assertEqual(shipment.state, "draft")
        picking = order.picking_ids
        self._set_picked(picking, {self.product: 4.0})
        self._validate(picking)
        self.assertRecordValues(shipment, [{"state": "done", "receipt_state": "pending"}])
        self.assertEqual(shipment.line_ids.qty_shipped, 4.0)
        with self.assertRaises(UserError) as err:
            shipment.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(
            str(err.exception),
            f"Registering the fulfilment is not possible for shipment(s) {shipment.name} "
            "in state Shipped.",
        )
        self.assertEqual(self._qty(self.product), 6.0)

    # SI-06: cancelled --------------------------------------------------------
    def test_SI_06_cancelled_order_cancels_notice_never_exported(self):
        order = self.create_confirmed_order([(self.product, 4)])
        notice = self.notice_of(order)
        order.with_user(self.salesperson).action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.picking_ids.state, "cancel")
        self.assertEqual(notice.state, "cancel")
        self.assertEqual(notice.line_ids.quantity, 4.0)
        self.assertEqual(self._export(include_exported=True), [])
        self.assertFalse(notice.exported_date)
        self.assertEqual(self._qty(self.product), 10.0)
        with self.assertRaises(UserError) as err:
            self.env["sale.b2b.shipment"].with_user(self.shipping).b2b_import_fulfilment(
                [
                    {
                        "result_ref": "ERP-CANCEL-1",
                        "notice": notice.name,
                        "lines": [{"line_id": notice.line_ids.id, "quantity": 4}],
                    }
                ]
            )
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            f"- Result ERP-CANCEL-1: notice {notice.name} is cancelled.",
        )
        self.assertEqual(self._qty(self.product), 10.0)

    def test_SI_06_inventory_cancel_picking_cancels_notice(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 1)])
        notice = self.notice_of(order)
        order.picking_ids.with_user(self.shipping).action_cancel()
        self.assertEqual(notice.state, "cancel")
        self.assertEqual(self._export(), [])
        self.assertEqual(self._qty(self.product), 10.0)

    def test_SI_06_inventory_cancel_one_move_drops_its_line(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 1)])
        notice = self.notice_of(order)
        move_2 = order.picking_ids.move_ids.filtered(lambda m: m.product_id == self.product_2)
        move_2.with_user(self.shipping)._action_cancel()
        self.assertEqual(notice.state, "pending")
        self.assertEqual(
            [(x.product_id, x.quantity) for x in notice.line_ids], [(self.product, 4.0)]
        )
        self.assertEqual(self._payload(self._export(), notice), [("SW-1", 4.0, order.name)])

    # SI-08: merged notices -------------------------------------------------
    def test_SI_08_merge_notices_of_one_customer(self):
        self.company.b2b_multi_order_shipping = True
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 3), (self.product_2, 1)])
        notice_1, notice_2 = self.notice_of(order_1), self.notice_of(order_2)
        action = (notice_1 | notice_2).with_user(self.shipping).action_merge()
        self.assertEqual(action["res_id"], notice_1.id)
        self.assertEqual(notice_2.state, "cancel")
        self.assertFalse(notice_2.line_ids)
        self.assertEqual(notice_1.state, "pending")
        self.assertEqual(notice_1.order_ids, order_1 | order_2)
        self.assertEqual(notice_1.picking_ids, (order_1 | order_2).picking_ids)
        self.assertEqual(
            [(x.order_id, x.product_id, x.quantity) for x in notice_1.line_ids],
            [
                (order_1, self.product, 2.0),
                (order_2, self.product, 3.0),
                (order_2, self.product_2, 1.0),
            ],
        )
        exported = self._export()
        self.assertEqual([n["notice"] for n in exported], [notice_1.name])
        self.assertEqual(sorted(exported[0]["orders"]), sorted([order_1.name, order_2.name]))
        self.assertEqual(
            self._payload(exported, notice_1),
            [("SW-1", 2.0, order_1.name), ("SW-1", 3.0, order_2.name), ("RT-1", 1.0, order_2.name)],
        )
        notice_1.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(notice_1.state, "done")
        self.assertEqual(self.delivered(order_1), [2.0])
        self.assertEqual(self.delivered(order_2), [3.0, 1.0])
        self.assertEqual(self._qty(self.product), 5.0)
        self.assertEqual(self._qty(self.product_2), 2.0)

    def test_SI_08_merged_notice_follows_each_picking(self):
        self.company.b2b_multi_order_shipping = True
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product_2, 1)])
        notice = self.notice_of(order_1)
        notice.with_user(self.shipping).action_merge_candidates()
        self.assertEqual(notice.order_ids, order_1 | order_2)
        # order 2 is cancelled: its line leaves the notice, order 1 stays
        order_2.with_user(self.salesperson).action_cancel()
        self.assertEqual(notice.state, "pending")
        self.assertEqual(notice.line_ids.order_id, order_1)
        # order 1 is validated in Inventory: the notice is shipped
        self._validate(order_1.picking_ids)
        self.assertEqual(notice.state, "done")
        self.assertEqual(notice.line_ids.qty_shipped, 2.0)
        self.assertEqual(self._qty(self.product), 8.0)
        self.assertEqual(self._qty(self.product_2), 3.0)

    def test_SI_08_merge_shipping_orders(self):
        self.company.write({"b2b_shipping_mode": "order", "b2b_multi_order_shipping": True})
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 1)])
        first = order_1.with_user(self.shipping)._create_b2b_shipment()
        second = order_2.with_user(self.shipping)._create_b2b_shipment()
        first.with_user(self.shipping).action_merge_candidates()
        self.assertEqual(second.state, "cancel")
        self.assertEqual(first.line_ids.mapped("quantity"), [2.0, 1.0])
        first.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order_1 | order_2), [2.0, 1.0])
        self.assertEqual(self._qty(self.product), 7.0)

    def test_SI_08_merge_refusals_change_nothing(self):
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 1)])
        order_3 = self.create_confirmed_order([(self.product_2, 1)], partner=self.partner_2)
        notice_1, notice_2, notice_3 = (self.notice_of(o) for o in (order_1, order_2, order_3))
        Shipments = self.env["sale.b2b.shipment"]
        with self.assertRaises(UserError) as err:
            notice_1.with_user(self.shipping).action_merge()
        self.assertEqual(
            str(err.exception),
            f"Shipment(s) {notice_1.name}: select at least two shipments to merge.",
        )
        with self.assertRaises(UserError) as err:
            (notice_1 | notice_2).with_user(self.shipping).action_merge()
        self.assertEqual(
            str(err.exception),
            f"Shipments {notice_1.name}, {notice_2.name} cannot be merged: they ship orders "
            f"{order_1.name}, {order_2.name} and multi-order shipping is disabled.",
        )
        self.company.b2b_multi_order_shipping = True
        with self.assertRaises(UserError) as err:
            notice_3.with_user(self.shipping).action_merge_candidates()
        self.assertEqual(
            str(err.exception),
            f"Shipment {notice_3.name}: no other shipment of Distributor Two for this "
            "delivery address waits for fulfilment without being exported.",
        )
        with self.assertRaises(UserError) as err:
            (notice_1 | notice_3).with_user(self.shipping).action_merge()
        self.assertEqual(
            str(err.exception),
            f"Shipments {notice_1.name}, {notice_3.name} cannot be merged: they need the "
            "same type, status, customer and delivery address.",
        )
        self._export()
        with self.assertRaises(UserError) as err:
            (notice_1 | notice_2).with_user(self.shipping).action_merge()
        self.assertEqual(
            str(err.exception),
            f"Shipment(s) {notice_1.name}, {notice_2.name} cannot be merged: only shipments "
            "waiting for fulfilment and not yet exported can be merged.",
        )
        self.assertEqual((notice_1 | notice_2 | notice_3).mapped("state"), ["pending"] * 3)
        self.assertEqual(notice_1.line_ids.order_id, order_1)
        self.assertEqual(notice_2.line_ids.order_id, order_2)
        with self.assertRaises(AccessError):
            (notice_1 | notice_2).with_user(self.salesperson).action_merge()
        self.assertEqual(Shipments.search_count([("id", "in", (notice_1 | notice_2).ids)]), 2)

    # SI-16: serials follow ---------------------------------------------------
    def test_SI_16_inventory_serials_follow_notice(self):
        scanner = self.env["product.product"].create(
            {"name": "Scanner", "default_code": "SC-1", "is_storable": True, "tracking": "serial"}
        )
        lots = self.create_serials(scanner, ["SC-001", "SC-002", "SC-003"])
        order = self.create_confirmed_order([(scanner, 2)])
        notice = self.notice_of(order)
        picking = order.picking_ids
        reserved = picking.move_line_ids.lot_id
        self.assertEqual(len(reserved), 2)
        self._validate(picking)
        self.assertEqual(notice.state, "done")
        self.assertEqual(notice.line_ids.shipped_lot_ids, reserved)
        self.assertEqual(self._qty(scanner), 1.0)
        self.assertEqual(
            self.env["stock.quant"]
            .search(
                [("product_id", "=", scanner.id), ("location_id", "=", self.wh_a.lot_stock_id.id)]
            )
            .filtered(lambda q: q.quantity > 0)
            .lot_id,
            lots - reserved,
        )
