# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Standard / Advanced mode benchmarks (run with setup/bench standard).

1. "My parts" holdings of 200 engineers x 500 parts: one grouped query.
2. Consuming a 10-line and a 100-line work order against plain Odoo validating
   a transfer of the same lines from the same van to the customer, measured side
   by side in one run: extra SQL queries (must not grow with the lines) and the
   wall-time ratio (at most 1.2).
3. Shipping a 10-line and a 100-line request (Advanced mode: outbound leg done,
   inbound leg opened) against plain Odoo validating the outbound transfer and
   confirming the inbound one for the same lines.
"""

import statistics
import time

from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon


class BenchPersonalWarehouses(PersonalWarehouseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parts = cls.env["product.product"].create(
            [{"name": f"Bench part {i}", "is_storable": True} for i in range(100)]
        )
        Quant = cls.env["stock.quant"]
        for part in cls.parts:
            Quant._update_available_quantity(part, cls.van_1, 1000)
            Quant._update_available_quantity(part, cls.spw_stock, 1000)

    def _measure(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        start = time.perf_counter()
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before, time.perf_counter() - start

    # ------------------------------------------------------------ holdings
    def test_bench_holdings_200_engineers_500_parts_one_query(self):
        self.env.flush_all()
        parent = self.company.spare_parts_personal_parent_id
        self.cr.execute(
            SQL(
                """
            WITH products AS (
                SELECT pp.id FROM product_product pp ORDER BY pp.id LIMIT 500
            ), vans AS (
                INSERT INTO stock_location (name, usage, location_id, company_id, active,
                                            spare_parts_owner_id, complete_name, parent_path)
                SELECT 'bench van ' || g, 'internal', %(parent)s, %(company)s, true,
                       %(owner)s, 'bench van ' || g, ''
                  FROM generate_series(1, 200) g
                RETURNING id
            )
            INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                     reserved_quantity, in_date, spare_parts_owner_id)
            SELECT products.id, vans.id, %(company)s, 3, 0, now(), %(owner)s
              FROM products CROSS JOIN vans
            """,
                parent=parent.id,
                company=self.company.id,
                owner=self.engineer_2.id,
            )
        )
        self.cr.execute("ANALYZE stock_quant")
        Quant = self.env["stock.quant"]
        before = self.cr.sql_log_count
        start = time.perf_counter()
        groups = Quant._read_group(
            [("spare_parts_owner_id", "!=", False)],
            ["location_id", "product_id"],
            ["quantity:sum"],
        )
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - before
        print(
            f"\n[bench] holdings: {len(groups)} (van, part) rows in {queries} query, "
            f"{elapsed * 1000:.0f} ms"
        )
        self.assertEqual(queries, 1)
        self.assertGreaterEqual(len(groups), 200 * 100)

    # ------------------------------------------------------------ consumption
    def _plain_consumption(self, count):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.company.spare_parts_consumption_type_id.id,
                "location_id": self.van_1.id,
                "location_dest_id": self.customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": p.id,
                            "product_uom_qty": 1,
                            "location_id": self.van_1.id,
                            "location_dest_id": self.customers.id,
                        }
                    )
                    for p in self.parts[:count]
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = 1
            move.picked = True
        picking._action_done()

    def _suite_consumption(self, count):
        ticket = self._new_ticket(self.engineer)
        lines = self.env["spare.parts.line"].create(
            [
                {"ticket_id": ticket.id, "product_id": p.id, "quantity": 1}
                for p in self.parts[:count]
            ]
        )
        return lambda: lines.action_consume()

    def _compare(self, label, plain, suite_factory):
        """Plain Odoo and the suite on the same lines, alternating which goes first
        (the first to touch a quant pays for creating it); min queries, median time."""
        results = {}
        for count in (10, 100):
            measures = {"plain": ([], []), "suite": ([], [])}
            for run in range(4):
                steps = [("plain", lambda c=count: plain(c)), ("suite", suite_factory(count))]
                for side, func in steps if run % 2 else reversed(steps):
                    queries, seconds = self._measure(func)
                    measures[side][0].append(queries)
                    measures[side][1].append(seconds)
            pq, sq = min(measures["plain"][0]), min(measures["suite"][0])
            pt, st = (statistics.median(measures[s][1]) for s in ("plain", "suite"))
            results[count] = (pq, sq, pt, st)
            print(
                f"\n[bench] {label} {count} lines: plain {pq} queries {pt * 1000:.0f} ms, "
                f"suite {sq} queries {st * 1000:.0f} ms, extra {sq - pq} queries, "
                f"ratio {st / pt:.2f}"
            )
        extra_10 = results[10][1] - results[10][0]
        extra_100 = results[100][1] - results[100][0]
        self.assertLessEqual(extra_100 - extra_10, 5)
        self.assertLessEqual(results[100][3] / results[100][2], 1.2)

    def test_bench_consumption_vs_plain_transfer(self):
        self._compare("consume", self._plain_consumption, self._suite_consumption)

    # ------------------------------------------------------------ shipping
    def _plain_shipping(self, count):
        Picking = self.env["stock.picking"]
        vals = {
            "picking_type_id": self.company.spare_parts_picking_type_id.id,
            "location_id": self.spw_stock.id,
            "location_dest_id": self.transit.id,
            "move_ids": [
                Command.create(
                    {
                        "product_id": p.id,
                        "product_uom_qty": 1,
                        "location_id": self.spw_stock.id,
                        "location_dest_id": self.transit.id,
                    }
                )
                for p in self.parts[:count]
            ],
        }
        outbound = Picking.create(vals)
        outbound.action_confirm()
        outbound.action_assign()
        for move in outbound.move_ids:
            move.quantity = 1
            move.picked = True
        outbound._action_done()
        inbound = Picking.create(
            {
                "picking_type_id": self.company.spare_parts_picking_type_id.id,
                "location_id": self.transit.id,
                "location_dest_id": self.van_1.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": m.product_id.id,
                            "product_uom_qty": 1,
                            "location_id": self.transit.id,
                            "location_dest_id": self.van_1.id,
                            "move_line_ids": [
                                Command.create(
                                    {
                                        "product_id": m.product_id.id,
                                        "quantity": 1,
                                        "location_id": self.transit.id,
                                        "location_dest_id": self.van_1.id,
                                    }
                                )
                            ],
                        }
                    )
                    for m in outbound.move_ids
                ],
            }
        )
        inbound.action_confirm()

    def _suite_shipping(self, count):
        request = self.env["spare.parts.request"].create(
            {
                "engineer_id": self.engineer.id,
                "line_ids": [
                    Command.create({"product_id": p.id, "quantity": 1}) for p in self.parts[:count]
                ],
            }
        )
        request.action_submit()
        request.action_approve()
        return lambda: request.action_ship()

    def test_bench_shipping_vs_plain_transfer(self):
        self._advanced()
        self._compare("ship", self._plain_shipping, self._suite_shipping)
