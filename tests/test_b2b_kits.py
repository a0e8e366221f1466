# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""B2B stock checks, frozen inventory and shipping with real mrp kits
(phantom bills of materials): 1 Starter Kit = 2 Switch Parts + 1 Router Part."""

from odoo.exceptions import UserError
from odoo.tests import Form

from odoo.addons.sales_inventory_b2b_mrp.tests.common import B2bKitCommon


class TestB2bMrpKits(B2bKitCommon):
    component_names = (("Switch Part", "KC-A"), ("Router Part", "KC-B"))
    kit_name = ("Starter Kit", "KIT-1")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.uom_pair = cls.env["uom.uom"].create(
            {
                "name": "Pair",
                "relative_factor": 2.0,
                "relative_uom_id": cls.uom_unit.id,
            }
        )

    def _component_moves(self, order):
        return sorted(
            (m.product_id.default_code, m.product_uom_qty, m.state)
            for m in order.order_line.move_ids
        )

    # SI-02 / SI-03 -------------------------------------------------------
    def test_SI_03_kit_available_from_components(self):
        self.assertTrue(self.kit.is_kits)
        self.company.b2b_show_available = True
        draft = self.create_order([(self.kit, 5)])
        self.assertRecordValues(
            draft.order_line, [{"b2b_available_qty": 4.0, "b2b_is_short": True}]
        )
        # 10 Switch Parts make 5 kits, 4 Router Parts only 4
        with self.assertRaises(UserError) as error:
            draft.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(draft, [(self.kit, 5, 4, "B2B Warehouse A")]),
        )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.picking_ids)
        exact = self.create_order([(self.kit, 4)])
        self.assertRecordValues(
            exact.order_line, [{"b2b_available_qty": 4.0, "b2b_is_short": False}]
        )
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
        # the components are now reserved by the delivery: no kit is left
        more = self.create_order([(self.kit, 1)])
        with self.assertRaises(UserError) as error:
            more.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(more, [(self.kit, 1, 0, "B2B Warehouse A")]),
        )

    def test_SI_03_kit_in_second_unit_of_measure(self):
        # 3 pairs = 6 kits, 4 available
        over = self.create_order([(self.kit, 3, self.uom_pair)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 6, 4, "B2B Warehouse A")]),
        )
        # 2 pairs = 4 kits: needed = available
        exact = self.create_order([(self.kit, 2, self.uom_pair)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
        self.assertEqual(
            self._component_moves(exact),
            [("KC-A", 8.0, "assigned"), ("KC-B", 4.0, "assigned")],
        )

    def test_SI_02_kit_consolidated_over_warehouses(self):
        self.company.b2b_ordering_mode = "consolidated"
        self.set_stock(self.comp_b, self.wh_b, 1)
        # A: 10 in A; B: 4 in A + 1 in B -> 5 kits over all warehouses
        over = self.create_order([(self.kit, 6)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 6, 5, "all warehouses")]),
        )
        exact = self.create_order([(self.kit, 5)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_03_kit_allow_rule_records_shortage(self):
        self.company.b2b_validation_rule = "allow"
        order = self.create_order([(self.kit, 5)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.b2b_has_shortage)

    # SI-09 ---------------------------------------------------------------
    def test_SI_09_kit_ships_as_components(self):
        order = self.create_confirmed_order([(self.kit, 2)])
        line = order.order_line
        self.assertEqual(
            self._component_moves(order),
            [("KC-A", 4.0, "assigned"), ("KC-B", 2.0, "assigned")],
        )
        self.assertEqual(line._b2b_get_component_ratios(), {self.comp_a: 2.0, self.comp_b: 1.0})
        notice = self.notice_of(order)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.line_ids.product_id, self.kit)
        self.assertEqual(notice.line_ids.mapped("quantity"), [2.0])
        self.assertEqual(
            notice.line_ids._prepare_export_vals()["components"],
            [{"sku": "KC-A", "quantity": 4.0}, {"sku": "KC-B", "quantity": 2.0}],
        )
        # the warehouse ships 1 of the 2 kits: 2 + 1 components
        staff_notice = notice.with_user(self.shipping)
        staff_notice._apply_fulfilment({staff_notice.line_ids: (1.0, self.env["stock.lot"])})
        self.assertEqual(notice.state, "done")
        self.assertEqual(notice.line_ids.qty_shipped, 1.0)
        self.assertEqual(line.qty_delivered, 1.0)
        done = line.move_ids.filtered(lambda m: m.state == "done")
        self.assertEqual(
            sorted((m.product_id.default_code, m.quantity) for m in done),
            [("KC-A", 2.0), ("KC-B", 1.0)],
        )
        self.assertEqual(line._b2b_get_qty_to_ship(), 1.0)
        self.assertEqual(self.comp_a.with_context(warehouse_id=self.wh_a.id).qty_available, 8.0)
        self.assertEqual(self.comp_b.with_context(warehouse_id=self.wh_a.id).qty_available, 3.0)
        # the rest in a shipping order
        self.company.b2b_shipping_mode = "order"
        rest = order._create_b2b_shipment()
        self.assertEqual(rest.line_ids.mapped("quantity"), [1.0])
        rest.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(line.qty_delivered, 2.0)
        self.assertEqual(line._b2b_get_qty_to_ship(), 0.0)
        self.assertEqual(order.delivery_status, "full")

    def test_SI_09_kit_delivered_only_when_all_components_are(self):
        order = self.create_confirmed_order([(self.kit, 2)])
        line = order.order_line
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        move_a = picking.move_ids.filtered(lambda m: m.product_id == self.comp_a)
        move_b = picking.move_ids.filtered(lambda m: m.product_id == self.comp_b)
        # the warehouse ships every Switch Part but no Router Part
        move_a.quantity = 4.0
        move_a.picked = True
        move_b.quantity = 0.0
        picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(move_a.state, "done")
        self.assertEqual(line.qty_delivered, 0.0)
        done = line.move_ids.filtered(lambda m: m.state == "done")
        self.assertEqual(line._b2b_get_qty_from_moves(done), 0.0)
        self.assertEqual(order.delivery_status, "started")
        # the Router Parts follow: both kits are complete
        backorder = order.picking_ids - picking
        self.assertEqual(backorder.move_ids.product_id, self.comp_b)
        self.assertEqual(backorder.move_ids.product_uom_qty, 2.0)
        backorder.move_ids.quantity = 2.0
        backorder.move_ids.picked = True
        backorder.button_validate()
        self.assertEqual(line.qty_delivered, 2.0)
        done = line.move_ids.filtered(lambda m: m.state == "done")
        self.assertEqual(line._b2b_get_qty_from_moves(done), 2.0)
        self.assertEqual(order.delivery_status, "full")

    def test_SI_09_kit_component_shipped_in_inventory_leaves_rest_per_component(self):
        order = self.create_confirmed_order([(self.kit, 2)])
        line = order.order_line
        notice = self.notice_of(order)
        picking = order.picking_ids
        # Inventory ships every Switch Part, no Router Part, and keeps a backorder
        for move in picking.with_user(self.shipping).move_ids:
            move.quantity = 4.0 if move.product_id == self.comp_a else 0.0
            move.picked = move.product_id == self.comp_a
        res = picking.with_user(self.shipping).button_validate()
        self.assertEqual(res["res_model"], "stock.backorder.confirmation")
        Form.from_action(self.env(user=self.shipping), res).save().process()
        self.assertEqual(self.comp_a.with_context(warehouse_id=self.wh_a.id).qty_available, 6.0)
        self.assertEqual(self.comp_b.with_context(warehouse_id=self.wh_a.id).qty_available, 4.0)
        # no kit is complete, but both still have a component to ship
        self.assertEqual(line.qty_delivered, 0.0)
        self.assertEqual(line._b2b_get_qty_to_ship(), 2.0)
        self.assertTrue(line._b2b_is_shippable())
        self.assertRecordValues(notice, [{"state": "done", "receipt_state": "pending"}])
        self.assertEqual(notice.line_ids.qty_shipped, 0.0)
        remainder = notice.remainder_ids
        self.assertRecordValues(remainder, [{"state": "pending", "remainder_of_id": notice.id}])
        self.assertEqual(remainder.line_ids.mapped("quantity"), [2.0])
        exported = self.env["sale.b2b.shipment"].with_user(self.shipping).b2b_export_notices()
        self.assertEqual([n["notice"] for n in exported], [remainder.name])
        # only the Router Parts are still asked for
        self.assertEqual(exported[0]["lines"][0]["components"], [{"sku": "KC-B", "quantity": 2.0}])
        remainder.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(remainder.state, "done")
        self.assertEqual(remainder.line_ids.qty_shipped, 2.0)
        self.assertFalse(remainder.remainder_ids)
        self.assertEqual(line.qty_delivered, 2.0)
        self.assertEqual(line._b2b_get_qty_to_ship(), 0.0)
        self.assertEqual(order.delivery_status, "full")
        self.assertEqual(self.comp_b.with_context(warehouse_id=self.wh_a.id).qty_available, 2.0)

    def test_SI_09_kit_notice_cancelled_with_its_picking(self):
        order = self.create_confirmed_order([(self.kit, 1)])
        notice = self.notice_of(order)
        order.picking_ids.with_user(self.shipping).action_cancel()
        self.assertEqual(notice.state, "cancel")
        self.assertEqual(order.order_line._b2b_get_qty_to_ship(), 0.0)
        self.assertEqual(
            self.env["sale.b2b.shipment"].with_user(self.shipping).b2b_export_notices(), []
        )

    # SI-17 ---------------------------------------------------------------
    def test_SI_17_kit_frozen_not_double_counted(self):
        self.company.b2b_reserve_inventory = True
        self.set_stock(self.comp_b, self.wh_a, 2)
        # A: 10, B: 6 -> 5 kits
        first = self.create_confirmed_order([(self.kit, 2)])
        self.assertRecordValues(
            first.b2b_reservation_ids,
            [
                {
                    "product_id": self.kit.id,
                    "warehouse_id": self.wh_a.id,
                    "quantity": 2.0,
                    "state": "active",
                }
            ],
        )
        # the delivery reserved 4 + 2 components: the 2 frozen kits count once
        over = self.create_order([(self.kit, 4)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 4, 3, "B2B Warehouse A")]),
        )
        exact = self.create_order([(self.kit, 3)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_17_kit_frozen_counts_when_deliveries_do_not_reserve(self):
        self.company.b2b_reserve_inventory = True
        self.wh_a.out_type_id.reservation_method = "manual"
        self.set_stock(self.comp_b, self.wh_a, 2)
        first = self.create_confirmed_order([(self.kit, 2)])
        self.assertEqual(first.picking_ids.move_ids.mapped("quantity"), [0.0, 0.0])
        over = self.create_order([(self.kit, 4)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 4, 3, "B2B Warehouse A")]),
        )
        # reserving the components covers the frozen kits
        first.picking_ids.action_assign()
        with self.assertRaises(UserError):
            over.with_user(self.salesperson).action_confirm()
        exact = self.create_order([(self.kit, 3)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
