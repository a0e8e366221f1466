# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of warranty_sales: confirming an order whose lines are all sold for
customer equipment under warranty, against plain Odoo confirming the same order.

"Plain Odoo" is the same order confirmed with the entitlement check switched off
(context ``warranty_skip_entitlement``), measured side by side in the same run.
The extra SQL queries must not grow with the number of lines (20 vs 200 lines) and
the wall time of the 200-line order must stay within 1.2 times plain Odoo's.
"""

import statistics
import time
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

MAX_TIME_RATIO = 1.2
REPETITIONS = 9
LINE_COUNTS = (20, 200)


class BenchWarrantySales(TransactionCase):
    # this file lives outside the addon: give it the attributes Odoo sets on
    # test classes of odoo.addons.* modules
    test_tags = {"standard", "post_install"}
    test_module = "warranty_sales"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.customer, cls.payer = cls.env["res.partner"].create(
            [
                {"name": "Bench Dairy", "is_company": True},
                {"name": "Bench Payer", "is_company": True},
            ]
        )
        cls.parts = cls.env["product.product"].create(
            [
                {
                    "name": f"Bench part {index}",
                    "type": "consu",
                    "is_storable": True,
                    "list_price": 10.0 + index,
                    "standard_price": 5.0 + index,
                }
                for index in range(20)
            ]
        )
        cls.agreement = cls.env["product.pricelist"].create({"name": "Bench agreement"})
        wtype = cls.env["warranty.type"].create(
            {"code": "BENCH", "name": "Bench warranty", "warranty_months": 120}
        )
        cls.equipments = cls.env["maintenance.equipment"].create(
            [
                {"name": f"Bench robot {index}", "customer_id": cls.customer.id}
                for index in range(10)
            ]
        )
        cls.env["maintenance.equipment.warranty"].create(
            [
                {
                    "equipment_id": equipment.id,
                    "type_id": wtype.id,
                    "date_start": date(2020, 1, 1),
                    "payer_id": cls.payer.id,
                    "pricelist_id": cls.agreement.id,
                }
                for equipment in cls.equipments
            ]
        )

    def _new_order(self, line_count):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.parts[index % len(self.parts)].id,
                            "product_uom_qty": 1 + index % 3,
                            "warranty_equipment_id": self.equipments[
                                index % len(self.equipments)
                            ].id,
                        }
                    )
                    for index in range(line_count)
                ],
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return order

    def _confirm(self, order, plain):
        if plain:
            order = order.with_context(warranty_skip_entitlement=True)
        cr = self.env.cr
        queries = cr.sql_log_count
        start = time.perf_counter()
        order.action_confirm()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        return cr.sql_log_count - queries, elapsed

    def _measure(self, line_count):
        """Median wall time and query count, plain and with warranty checks,
        alternating the two so that both see the same machine state."""
        results = {True: [], False: []}
        # warm-up of both paths (caches, compiled queries)
        for plain in (True, False):
            self._confirm(self._new_order(line_count), plain)
        for _repetition in range(REPETITIONS):
            for plain in (True, False):
                order = self._new_order(line_count)
                results[plain].append(self._confirm(order, plain))
                if not plain:
                    self.assertEqual(
                        set(order.order_line.mapped("warranty_price_origin")), {"warranty"}
                    )
                    self.assertEqual(order.amount_untaxed, 0.0)
        summary = {}
        for plain, runs in results.items():
            summary[plain] = (
                statistics.median(count for count, _elapsed in runs),
                statistics.median(elapsed for _count, elapsed in runs),
            )
        return summary

    def test_bench_WS_03_confirm_with_warranty_checks(self):
        report = {}
        for line_count in LINE_COUNTS:
            report[line_count] = self._measure(line_count)
        lines = ["", "warranty_sales: confirming an order, all lines under warranty"]
        lines.append(
            f"{'lines':>6} {'plain q':>8} {'warranty q':>11} {'extra q':>8} "
            f"{'plain s':>9} {'warranty s':>11} {'ratio':>6}"
        )
        extra = {}
        ratio = {}
        for line_count, summary in report.items():
            plain_q, plain_t = summary[True]
            warranty_q, warranty_t = summary[False]
            extra[line_count] = warranty_q - plain_q
            ratio[line_count] = warranty_t / plain_t
            lines.append(
                f"{line_count:>6} {plain_q:>8.0f} {warranty_q:>11.0f} {extra[line_count]:>8.0f} "
                f"{plain_t:>9.3f} {warranty_t:>11.3f} {ratio[line_count]:>6.2f}"
            )
        lines.append(
            f"extra queries {LINE_COUNTS[0]} lines: {extra[LINE_COUNTS[0]]:.0f}, "
            f"{LINE_COUNTS[-1]} lines: {extra[LINE_COUNTS[-1]]:.0f}; "
            f"time ratio at {LINE_COUNTS[-1]} lines: {ratio[LINE_COUNTS[-1]]:.2f} "
            f"(limit {MAX_TIME_RATIO})"
        )
        print("\n".join(lines))  # noqa: T201
        self.assertEqual(
            extra[LINE_COUNTS[-1]],
            extra[LINE_COUNTS[0]],
            "the warranty check must cost a constant number of extra queries",
        )
        self.assertLessEqual(ratio[LINE_COUNTS[-1]], MAX_TIME_RATIO)
