# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form

from .common import B2bCommon


class TestWarehouseRules(B2bCommon):
    """SI-19: in consolidated mode the assignment rules decide which
    warehouses ship, and each warehouse ships what was counted in it.
    ``access_point``: 3 in warehouse A, 4 in warehouse B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "b2b_ordering_mode": "consolidated",
                # shipping orders: no notice, the pickings are validated directly
                "b2b_shipping_mode": "order",
            }
        )
        cls.access_point = cls.env["product.product"].create(
            {"name": "Access Point", "default_code": "AP-1", "is_storable": True}
        )
        cls.set_stock(cls.access_point, cls.wh_a, 3)
        cls.set_stock(cls.access_point, cls.wh_b, 4)
        cls.partner_be = cls.env["res.partner"].create(
            {
                "name": "Distributor Belgium",
                "is_company": True,
                "country_id": cls.env.ref("base.be").id,
            }
        )

    def _create_rule(self, rule_type, warehouses=None, sequence=10, **vals):
        return self.env["sale.b2b.warehouse.rule"].create(
            dict(
                {
                    "name": f"{rule_type} rule",
                    "rule_type": rule_type,
                    "sequence": sequence,
                    "line_ids": [
                        Command.create({"warehouse_id": warehouse.id, "sequence": index})
                        for index, warehouse in enumerate(warehouses or [])
                    ],
                },
                **vals,
            )
        )

    def _deliveries(self, order):
        """(warehouse code, product code, quantity, state) of each move."""
        return sorted(
            (
                move.picking_id.picking_type_id.warehouse_id.code,
                move.product_id.default_code,
                move.product_uom_qty,
                move.state,
            )
            for move in order.picking_ids.move_ids
        )

    def _on_hand(self, product, warehouse):
        return product.with_context(warehouse_id=warehouse.id).qty_available

    def _validate(self, picking):
        picking.with_user(self.shipping).button_validate()
        self.assertEqual(picking.state, "done")

    def test_SI_19_default_priority_splits_delivery(self):
        """The 7-unit order counted over A (3) + B (4) ships 3 from A and 4
        from B in two pickings; each validation takes its own stock."""
        order = self.create_order([(self.access_point, 7)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.picking_ids), 2)
        self.assertEqual(
            self._deliveries(order),
            [("B2BA", "AP-1", 3.0, "assigned"), ("B2BB", "AP-1", 4.0, "assigned")],
        )
        picking_a = order.picking_ids.filtered(
            lambda p: p.picking_type_id.warehouse_id == self.wh_a
        )
        picking_b = order.picking_ids - picking_a
        self.assertEqual(picking_a.location_id, self.wh_a.lot_stock_id)
        self.assertEqual(picking_b.location_id, self.wh_b.lot_stock_id)
        self._validate(picking_a)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 0.0)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 4.0)
        self.assertEqual(order.order_line.qty_delivered, 3.0)
        self._validate(picking_b)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 0.0)
        self.assertEqual(order.order_line.qty_delivered, 7.0)
        self.assertEqual(order.delivery_status, "full")

    def test_SI_19_default_priority_order_warehouse_first(self):
        """Without a rule the order's warehouse ships first: B's order of 5
        takes B's 4, then 1 from A."""
        order = self.create_order([(self.access_point, 5)], warehouse=self.wh_b)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            self._deliveries(order),
            [("B2BA", "AP-1", 1.0, "assigned"), ("B2BB", "AP-1", 4.0, "assigned")],
        )

    def test_SI_19_split_counts_shelves_and_reservations(self):
        """Each warehouse ships its free stock as the check counts it: its
        sub-locations included, what other deliveries reserved excluded.
        A: 3 + 2 on a shelf, 2 of them reserved by another order -> 3 free."""
        shelf = self.env["stock.location"].create(
            {"name": "Shelf 1", "location_id": self.wh_a.lot_stock_id.id}
        )
        self.env["stock.quant"]._update_available_quantity(self.access_point, shelf, 2)
        first = self.create_confirmed_order([(self.access_point, 2)])
        self.assertEqual(self._deliveries(first), [("B2BA", "AP-1", 2.0, "assigned")])
        order = self.create_order([(self.access_point, 7)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            self._deliveries(order),
            [("B2BA", "AP-1", 3.0, "assigned"), ("B2BB", "AP-1", 4.0, "assigned")],
        )
        over = self.create_order([(self.access_point, 1)])
        with self.assertRaises(UserError):
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(over.state, "draft")

    def _allocation_queries(self, order):
        """Queries of deciding which warehouses ship ``order``, in a fresh
        cache as on a new request."""
        order = order.with_user(self.salesperson)
        report = order._b2b_compute_shortages()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        order._b2b_prepare_warehouse_allocation(report)
        return self.env.cr.sql_log_count - before, report[order]["allocation"]

    def test_SI_19_allocation_cost_independent_of_lines_and_warehouses(self):
        """The free stock of every checked warehouse is read in one batch and
        the rule looked up once per order: the same number of queries for 2
        or 8 lines over 2 or 5 warehouses."""
        self._create_rule("priority", [self.wh_b, self.wh_a])
        parts = self.env["product.product"].create(
            [{"name": f"Part {i}", "is_storable": True} for i in range(8)]
        )
        for part in parts:
            self.set_stock(part, self.wh_a, 1)
            self.set_stock(part, self.wh_b, 1)
        small = self.create_order([(part, 2) for part in parts[:2]])
        large = self.create_order([(part, 2) for part in parts])
        self._allocation_queries(small)  # warm-up: rules and caches of the registry
        count_small, allocation = self._allocation_queries(small)
        self.assertEqual(
            sorted(allocation.values()), [[(self.wh_b.id, 1.0), (self.wh_a.id, 1.0)]] * 2
        )
        count_large, __ = self._allocation_queries(large)
        more = self.env["stock.warehouse"].create(
            [{"name": f"B2B Warehouse {code}", "code": code} for code in ("B2BC", "B2BD", "B2BE")]
        )
        for warehouse in more:
            self.set_stock(parts[0], warehouse, 1)
        self.company.b2b_consolidated_warehouse_ids |= more
        count_wide, allocation = self._allocation_queries(large)
        self.assertEqual(len(allocation[large.order_line[0].id]), 2)
        self.assertEqual(count_large, count_small)
        self.assertEqual(count_wide, count_small)

    def test_SI_19_priority_rule_order_respected(self):
        self._create_rule("priority", [self.wh_b, self.wh_a])
        small = self.create_order([(self.access_point, 3)])
        small.with_user(self.salesperson).action_confirm()
        # B ranks first: the order of A ships from B only
        self.assertEqual(small.picking_ids.picking_type_id.warehouse_id, self.wh_b)
        self.assertEqual(self._deliveries(small), [("B2BB", "AP-1", 3.0, "assigned")])
        self._validate(small.picking_ids)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 3.0)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 1.0)
        # then B's last unit, and A
        big = self.create_order([(self.access_point, 4)])
        big.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            self._deliveries(big),
            [("B2BA", "AP-1", 3.0, "assigned"), ("B2BB", "AP-1", 1.0, "assigned")],
        )
        for picking in big.picking_ids:
            self._validate(picking)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 0.0)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 0.0)

    def test_SI_19_region_rule(self):
        """Belgian delivery addresses are served from B first; the other
        customers fall through to the next rule (A first)."""
        self._create_rule(
            "region",
            [self.wh_b],
            sequence=5,
            country_ids=[Command.set(self.env.ref("base.be").ids)],
        )
        self._create_rule("priority", [self.wh_a], sequence=10)
        belgian = self.create_order([(self.access_point, 4)], partner=self.partner_be)
        self.assertTrue(belgian._b2b_get_warehouse_rule().rule_type == "region")
        belgian.with_user(self.salesperson).action_confirm()
        self.assertEqual(self._deliveries(belgian), [("B2BB", "AP-1", 4.0, "assigned")])
        self._validate(belgian.picking_ids)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 0.0)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 3.0)
        # another customer: A first
        other = self.create_order([(self.access_point, 2)], warehouse=self.wh_b)
        other.with_user(self.salesperson).action_confirm()
        self.assertEqual(self._deliveries(other), [("B2BA", "AP-1", 2.0, "assigned")])
        self._validate(other.picking_ids)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 1.0)

    def test_SI_19_region_rule_by_state(self):
        state = self.env["res.country.state"].search(
            [("country_id", "=", self.env.ref("base.be").id)], limit=1
        )
        rule = self._create_rule("region", [self.wh_b], state_ids=[Command.set(state.ids)])
        order = self.create_order([(self.access_point, 1)], partner=self.partner_be)
        self.assertFalse(order._b2b_get_warehouse_rule())
        self.partner_be.state_id = state
        self.assertEqual(order._b2b_get_warehouse_rule(), rule)

    def test_SI_19_most_stock_first(self):
        self._create_rule("most_stock")
        order = self.create_order([(self.access_point, 4)])
        order.with_user(self.salesperson).action_confirm()
        # B holds 4, A holds 3: B ships the whole line
        self.assertEqual(self._deliveries(order), [("B2BB", "AP-1", 4.0, "assigned")])
        self._validate(order.picking_ids)
        self.assertEqual(self._on_hand(self.access_point, self.wh_b), 0.0)
        self.assertEqual(self._on_hand(self.access_point, self.wh_a), 3.0)
        # ``product``: 10 in A, 5 in B: A first, then B
        order = self.create_order([(self.product, 12)], warehouse=self.wh_b)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            self._deliveries(order),
            [("B2BA", "SW-1", 10.0, "assigned"), ("B2BB", "SW-1", 2.0, "assigned")],
        )

    def test_SI_19_frozen_inventory_matches_what_ships(self):
        self.company.b2b_reserve_inventory = True
        self._create_rule("priority", [self.wh_b, self.wh_a])
        order = self.create_order([(self.access_point, 7), (self.product, 12)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            self._deliveries(order),
            [
                ("B2BA", "AP-1", 3.0, "assigned"),
                ("B2BA", "SW-1", 7.0, "assigned"),
                ("B2BB", "AP-1", 4.0, "assigned"),
                ("B2BB", "SW-1", 5.0, "assigned"),
            ],
        )
        self.assertEqual(
            sorted(
                (r.warehouse_id.code, r.product_id.default_code, r.quantity)
                for r in order.b2b_reservation_ids
            ),
            [
                ("B2BA", "AP-1", 3.0),
                ("B2BA", "SW-1", 7.0),
                ("B2BB", "AP-1", 4.0),
                ("B2BB", "SW-1", 5.0),
            ],
        )

    def test_SI_19_allow_rule_short_part_ships_from_first_warehouse(self):
        """Allow rule: what no warehouse holds is asked from the first ranked
        warehouse; frozen inventory stays within what each warehouse holds."""
        self.company.write({"b2b_validation_rule": "allow", "b2b_reserve_inventory": True})
        order = self.create_order([(self.access_point, 9)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            [
                (m.picking_id.picking_type_id.warehouse_id.code, m.product_uom_qty, m.quantity)
                for m in order.picking_ids.move_ids.sorted(
                    lambda m: m.picking_id.picking_type_id.warehouse_id.code
                )
            ],
            [("B2BA", 5.0, 3.0), ("B2BB", 4.0, 4.0)],
        )
        self.assertEqual(
            sorted((r.warehouse_id.code, r.quantity) for r in order.b2b_reservation_ids),
            [("B2BA", 3.0), ("B2BB", 4.0)],
        )
        self.assertRecordValues(order.b2b_shortage_ids, [{"qty_needed": 9.0, "qty_available": 7.0}])

    def test_SI_19_single_mode_unchanged(self):
        """Single warehouse mode ignores the rules: one picking from the
        order's warehouse."""
        self.company.b2b_ordering_mode = "single"
        self._create_rule("priority", [self.wh_b, self.wh_a])
        order = self.create_order([(self.product, 4)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(len(order.picking_ids), 1)
        self.assertEqual(self._deliveries(order), [("B2BA", "SW-1", 4.0, "assigned")])
        self._validate(order.picking_ids)
        self.assertEqual(self._on_hand(self.product, self.wh_a), 6.0)
        self.assertEqual(self._on_hand(self.product, self.wh_b), 5.0)

    def test_SI_19_no_warehouse_mode_unchanged(self):
        self.company.b2b_ordering_mode = "none"
        self._create_rule("priority", [self.wh_b, self.wh_a])
        order = self.create_order([(self.access_point, 7)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(self._deliveries(order), [("B2BA", "AP-1", 7.0, "partially_available")])

    def test_SI_19_rules_managed_by_order_admins(self):
        """Order administrators enter rules in their form; sales people and
        shipping staff only read them."""
        form = Form(self.env["sale.b2b.warehouse.rule"].with_user(self.order_admin))
        form.name = "B before A"
        form.rule_type = "priority"
        for warehouse in (self.wh_b, self.wh_a):
            with form.line_ids.new() as line:
                line.warehouse_id = warehouse
        rule = form.save()
        self.assertRecordValues(
            rule,
            [
                {
                    "company_id": self.company.id,
                    "warehouse_order": "B2B Warehouse B > B2B Warehouse A",
                }
            ],
        )
        for user in (self.salesperson, self.shipping):
            self.assertEqual(rule.with_user(user).rule_type, "priority")
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"sequence": 1})
            with self.assertRaises(AccessError):
                self.env["sale.b2b.warehouse.rule"].with_user(user).create({"name": "Mine"})
