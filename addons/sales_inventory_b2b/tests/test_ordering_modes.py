# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import B2bCommon


class TestOrderingModes(B2bCommon):
    """Each ordering mode x each validation rule, at the boundary.
    Stock of ``product``: 10 in warehouse A, 5 in warehouse B."""

    def _set_rules(self, mode, rule):
        self.company.b2b_ordering_mode = mode
        self.company.b2b_validation_rule = rule

    # -- no warehouse ------------------------------------------------------
    def test_SI_02_no_warehouse_block_checks_nothing(self):
        self._set_rules("none", "block")
        order = self.create_order([(self.product, 500)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_shortage_ids)
        self.assertFalse(order.b2b_availability_source)

    def test_SI_02_no_warehouse_allow_checks_nothing(self):
        self._set_rules("none", "allow")
        order = self.create_order([(self.product, 500)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_has_shortage)

    # -- single warehouse --------------------------------------------------
    def test_SI_02_single_block_boundary(self):
        self._set_rules("single", "block")
        over = self.create_order([(self.product, 11)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 11, 10, "B2B Warehouse A")]),
        )
        self.assertEqual(over.state, "draft")
        exact = self.create_order([(self.product, 10)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
        self.assertFalse(exact.b2b_shortage_ids)

    def test_SI_02_single_allow_boundary(self):
        self._set_rules("single", "allow")
        exact = self.create_order([(self.product, 5)], warehouse=self.wh_b)
        over = self.create_order([(self.product, 6)], warehouse=self.wh_b)
        over.with_user(self.salesperson).action_confirm()
        self.assertEqual(over.state, "sale")
        self.assertTrue(over.b2b_has_shortage)
        self.assertRecordValues(
            over.b2b_shortage_ids,
            [
                {
                    "product_id": self.product.id,
                    "warehouse_id": self.wh_b.id,
                    "scope_label": "B2B Warehouse B",
                    "qty_needed": 6.0,
                    "qty_available": 5.0,
                    "qty_missing": 1.0,
                    "state": "open",
                }
            ],
        )
        # the 5 units of B are now reserved by ``over``: nothing is left
        exact.with_user(self.salesperson).action_confirm()
        self.assertRecordValues(exact.b2b_shortage_ids, [{"qty_needed": 5.0, "qty_available": 0.0}])

    def test_SI_02_single_checks_only_the_order_warehouse(self):
        self._set_rules("single", "block")
        order = self.create_order([(self.product, 6)], warehouse=self.wh_b)
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product, 6, 5, "B2B Warehouse B")]),
        )

    # -- consolidated ------------------------------------------------------
    def test_SI_02_consolidated_block_boundary(self):
        self._set_rules("consolidated", "block")
        over = self.create_order([(self.product, 16)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 16, 15, "all warehouses")]),
        )
        exact = self.create_order([(self.product, 15)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
        self.assertFalse(exact.b2b_shortage_ids)

    def test_SI_02_consolidated_allow_boundary(self):
        self._set_rules("consolidated", "allow")
        exact = self.create_order([(self.product, 15)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertFalse(exact.b2b_shortage_ids)
        # ``exact`` ships 10 from A and 5 from B (SI-19): nothing remains
        over = self.create_order([(self.product, 6)])
        over.with_user(self.salesperson).action_confirm()
        self.assertEqual(over.state, "sale")
        self.assertRecordValues(
            over.b2b_shortage_ids,
            [
                {
                    "warehouse_id": False,
                    "scope_label": "all warehouses",
                    "qty_needed": 6.0,
                    "qty_available": 0.0,
                }
            ],
        )

    def test_SI_02_consolidated_warehouses_are_configurable(self):
        self._set_rules("consolidated", "block")
        order_type = self.env["sale.b2b.order.type"].create(
            {"name": "Only B", "warehouse_ids": [(6, 0, self.wh_b.ids)]}
        )
        order = self.create_order([(self.product, 6)], order_type=order_type)
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product, 6, 5, "all warehouses")]),
        )
        # without the override, the settings' warehouses (A and B) apply
        self.company.b2b_consolidated_warehouse_ids = self.wh_a
        order.b2b_order_type_id = self.default_type
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_SI_02_order_type_overrides_ordering_mode(self):
        self._set_rules("single", "block")
        order_type = self.env["sale.b2b.order.type"].create(
            {"name": "Consolidated", "ordering_mode": "consolidated"}
        )
        order = self.create_order([(self.product, 15)], order_type=order_type)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        none_type = self.env["sale.b2b.order.type"].create(
            {"name": "No check", "ordering_mode": "none"}
        )
        order = self.create_order([(self.product, 100)], order_type=none_type)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_SI_02_consolidated_check_constant_queries(self):
        """The check reads availability once per (company, scope): the same
        number of queries for 2 lines as for 30 lines over both warehouses."""
        self._set_rules("consolidated", "block")
        products = self.env["product.product"].create(
            [{"name": f"Part {index}", "is_storable": True} for index in range(30)]
        )
        for index, product in enumerate(products):
            self.set_stock(product, self.wh_a if index % 2 else self.wh_b, 4)

        def count(size):
            order = self.create_order([(product, 3) for product in products[:size]])
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report = order._b2b_compute_shortages()
            self.assertFalse(report[order]["shortages"])
            return self.env.cr.sql_log_count - before

        count(2)  # warm-up
        self.assertEqual(count(30), count(2))
