# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of sales_inventory_b2b (SI-02/SI-03): the consolidated stock check
of an order over 10 warehouses, and confirming that order.

1. Query count of the check alone (``sale.order._b2b_compute_shortages``) for a
   20-line and a 200-line order: it must be the same number of grouped queries,
   whatever the number of lines and warehouses.
2. Wall time of confirming a 200-line order with the check against plain Odoo
   confirming an identical order in the same run. "Plain Odoo" is the
   confirmation of the next class in the method resolution order, i.e. Odoo's
   own ``action_confirm`` without this addon's override. Median of several
   repetitions, alternating the two; the ratio must stay within 1.2.
"""

import gc
import statistics
import time

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.sales_inventory_b2b.models.sale_order import SaleOrder as B2bSaleOrder

WAREHOUSE_COUNT = 10
LINE_COUNTS = (20, 200)
REPETITIONS = 10
MAX_TIME_RATIO = 1.2


class BenchB2bConsolidatedCheck(TransactionCase):
    # this file lives outside an addon: give it the tags an addon test gets
    test_tags = {"standard", "at_install"}
    test_module = "sales_inventory_b2b"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.warehouses = cls.env["stock.warehouse"].create(
            [
                {"name": f"Bench warehouse {index:02d}", "code": f"BW{index:02d}"}
                for index in range(WAREHOUSE_COUNT)
            ]
        )
        cls.env.company.write(
            {
                "b2b_inventory_mode": "standalone",
                "b2b_ordering_mode": "consolidated",
                "b2b_validation_rule": "block",
                "b2b_reserve_inventory": False,
                "b2b_consolidated_warehouse_ids": [Command.set(cls.warehouses.ids)],
            }
        )
        cls.products = cls.env["product.product"].create(
            [
                {"name": f"Bench switch {index}", "is_storable": True, "list_price": 10.0}
                for index in range(max(LINE_COUNTS))
            ]
        )
        Quant = cls.env["stock.quant"]
        for index, product in enumerate(cls.products):
            # every product in two warehouses, none of them the order's own
            for offset in (1, 2):
                warehouse = cls.warehouses[(index + offset) % (WAREHOUSE_COUNT - 1) + 1]
                Quant._update_available_quantity(product, warehouse.lot_stock_id, 500)
        cls.customer = cls.env["res.partner"].create({"name": "Bench Distributor"})

    def _new_order(self, line_count):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouses[0].id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                    for product in self.products[:line_count]
                ],
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return order

    def _run(self, func):
        gc.collect()
        cr = self.env.cr
        queries = cr.sql_log_count
        start = time.perf_counter()
        result = func()
        self.env.flush_all()
        return cr.sql_log_count - queries, time.perf_counter() - start, result

    def _check_queries(self, line_count):
        self._new_order(line_count)._b2b_compute_shortages()  # warm-up
        order = self._new_order(line_count)
        count, elapsed, report = self._run(order._b2b_compute_shortages)
        self.assertFalse(report[order]["shortages"])
        return count, elapsed

    def _confirm(self, order, plain):
        if plain:
            return self._run(lambda: super(B2bSaleOrder, order).action_confirm())
        return self._run(order.action_confirm)

    def _measure_confirm(self, line_count):
        runs = {True: [], False: []}
        for plain in (True, False):  # warm-up
            self._confirm(self._new_order(line_count), plain)
        for repetition in range(REPETITIONS):
            # alternate which path goes first
            for plain in (repetition % 2 == 0, repetition % 2 != 0):
                order = self._new_order(line_count)
                count, elapsed, __ = self._confirm(order, plain)
                self.assertEqual(order.state, "sale")
                runs[plain].append((count, elapsed))
        return {
            plain: (
                statistics.median(count for count, __ in values),
                statistics.median(elapsed for __, elapsed in values),
            )
            for plain, values in runs.items()
        }

    def test_bench_SI_02_consolidated_check(self):
        check, check_time = {}, {}
        for n in LINE_COUNTS:
            check[n], check_time[n] = self._check_queries(n)
        confirm = {n: self._measure_confirm(n) for n in LINE_COUNTS}
        out = [
            "",
            f"sales_inventory_b2b: consolidated check over {WAREHOUSE_COUNT} warehouses",
            f"{'lines':>6} {'check q':>8} {'check s':>8} {'plain q':>8} {'b2b q':>8} "
            f"{'extra q':>8} {'plain s':>8} {'b2b s':>8} {'ratio':>6}",
        ]
        ratio = {}
        for n in LINE_COUNTS:
            plain_q, plain_t = confirm[n][True]
            b2b_q, b2b_t = confirm[n][False]
            ratio[n] = b2b_t / plain_t
            out.append(
                f"{n:>6} {check[n]:>8} {check_time[n]:>8.3f} {plain_q:>8.0f} {b2b_q:>8.0f} "
                f"{b2b_q - plain_q:>8.0f} {plain_t:>8.3f} {b2b_t:>8.3f} {ratio[n]:>6.2f}"
            )
        big = LINE_COUNTS[-1]
        out.append(
            f"check queries: {check[LINE_COUNTS[0]]} for {LINE_COUNTS[0]} lines, "
            f"{check[big]} for {big} lines; confirm time ratio at {big} lines: "
            f"{ratio[big]:.2f} (limit {MAX_TIME_RATIO}, median of {REPETITIONS})"
        )
        print("\n".join(out))  # noqa: T201
        self.assertEqual(
            check[big],
            check[LINE_COUNTS[0]],
            "the consolidated check must cost a constant number of queries",
        )
        self.assertLessEqual(ratio[big], MAX_TIME_RATIO)
