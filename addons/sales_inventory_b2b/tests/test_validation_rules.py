# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import B2bCommon


class TestValidationRules(B2bCommon):
    def test_SI_03_block_lists_every_short_line_and_confirms_nothing(self):
        order = self.create_order(
            [(self.product, 12), (self.product_2, 4), (self.service, 1), (self.product_box, 1)]
        )
        other = self.create_order([(self.product, 1)])
        orders = other | order
        with self.assertRaises(UserError) as error:
            orders.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(
                order,
                [
                    (self.product, 12, 10, "B2B Warehouse A"),
                    (self.product_2, 4, 3, "B2B Warehouse A"),
                    (self.product_box, 1, 0, "B2B Warehouse A"),
                ],
            ),
        )
        self.assertEqual(orders.mapped("state"), ["draft", "draft"])
        self.assertFalse(orders.picking_ids)
        self.assertFalse(self.env["sale.b2b.shortage"].search([("order_id", "in", orders.ids)]))

    def test_SI_03_lines_of_the_same_product_are_added(self):
        order = self.create_order([(self.product, 6), (self.product, 5)])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product, 11, 10, "B2B Warehouse A")]),
        )

    def test_SI_03_reserved_by_other_orders(self):
        first = self.create_order([(self.product, 4)])
        first.with_user(self.salesperson).action_confirm()
        self.assertEqual(first.picking_ids.move_ids.quantity, 4.0)
        over = self.create_order([(self.product, 7)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 7, 6, "B2B Warehouse A")]),
        )
        exact = self.create_order([(self.product, 6)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_03_second_unit_of_measure(self):
        self.set_stock(self.product_box, self.wh_a, 11)
        over = self.create_order([(self.product_box, 2, self.uom_box)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product_box, 12, 11, "B2B Warehouse A")]),
        )
        self.set_stock(self.product_box, self.wh_a, 1)
        over.with_user(self.salesperson).action_confirm()
        self.assertEqual(over.state, "sale")
        self.assertEqual(over.picking_ids.move_ids.product_qty, 12.0)

    def test_SI_03_second_unit_of_measure_allow(self):
        self.company.b2b_validation_rule = "allow"
        self.set_stock(self.product_box, self.wh_a, 13)
        order = self.create_order([(self.product_box, 3, self.uom_box)])
        order.with_user(self.salesperson).action_confirm()
        self.assertRecordValues(
            order.b2b_shortage_ids,
            [{"qty_needed": 18.0, "qty_available": 13.0, "qty_missing": 5.0}],
        )

    def test_SI_03_allow_flags_short_lines_for_order_admins(self):
        self.company.b2b_validation_rule = "allow"
        order = self.create_order([(self.product, 11), (self.product_2, 3)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.b2b_has_shortage)
        shortages = (
            self.env["sale.b2b.shortage"]
            .with_user(self.order_admin)
            .search([("order_id", "=", order.id), ("state", "=", "open")])
        )
        self.assertRecordValues(
            shortages,
            [{"product_id": self.product.id, "qty_needed": 11.0, "qty_available": 10.0}],
        )
        self.assertEqual(shortages.order_line_ids, order.order_line[0])
        shortages.with_user(self.order_admin).action_resolve()
        self.assertFalse(order.b2b_has_shortage)

    def test_SI_03_order_type_overrides_validation_rule(self):
        order_type = self.env["sale.b2b.order.type"].create(
            {"name": "Backorders accepted", "validation_rule": "allow"}
        )
        order = self.create_order([(self.product, 11)], order_type=order_type)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_shortage_ids.qty_missing, 1.0)

    def test_SI_03_only_order_admins_override_a_block(self):
        order = self.create_order([(self.product, 11)])
        with self.assertRaises(AccessError) as error:
            order.with_user(self.salesperson).action_b2b_confirm_override()
        self.assertEqual(
            str(error.exception),
            f"Only order administrators may confirm {order.name} despite insufficient inventory.",
        )
        # the context key alone does not bypass the rule
        with self.assertRaises(UserError):
            order.with_user(self.salesperson).with_context(b2b_override_block=True).action_confirm()
        self.assertEqual(order.state, "draft")
        order.with_user(self.order_admin).action_b2b_confirm_override()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            order.b2b_shortage_ids,
            [{"qty_needed": 11.0, "qty_available": 10.0, "overridden_by_id": self.order_admin.id}],
        )
