# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Work order billing benchmark (run with ``setup/test sale --bench``).

Creating the quotation of a work order costs a number of SQL queries that does
not grow with its consumed parts (10, 50 and 100 distinct parts), measured side
by side with plain Odoo creating a sale order of the same 100 lines (which looks
up the pricelist rule and the analytic distribution line by line).
"""

import time

from odoo.fields import Command

from odoo.addons.spare_parts_sale.tests.common import SaleBillingCommon


class BenchSaleBilling(SaleBillingCommon):
    def _products(self, count):
        return self.env["product.product"].create(
            [
                {"name": f"Bench part {count}-{i}", "is_storable": True, "list_price": 10.0 + i}
                for i in range(count)
            ]
        )

    def _measure(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        start = time.perf_counter()
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before, time.perf_counter() - start

    def _quote_work_order(self, count):
        ticket = self._new_ticket(self.engineer)
        self.env["spare.parts.line"].create(
            [
                {"ticket_id": ticket.id, "product_id": product.id, "quantity": 2.0}
                for product in self._products(count)
            ]
        ).write({"state": "consumed"})
        return self._measure(ticket.with_user(self.biller).action_spare_parts_create_quotation)

    def _plain_order(self, count):
        products = self._products(count)
        SaleOrder = self.env["sale.order"].with_user(self.biller)
        return self._measure(
            lambda: SaleOrder.create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2.0})
                        for product in products
                    ],
                }
            )
        )

    def test_bench_quotation_queries_per_order(self):
        self._quote_work_order(1)  # warm-up: caches, prepared statements
        self._plain_order(1)
        results = {count: self._quote_work_order(count) for count in (10, 50, 100)}
        plain_q, plain_t = self._plain_order(100)
        figures = ", ".join(
            f"{count} parts {queries} queries ({seconds * 1000:.0f} ms)"
            for count, (queries, seconds) in results.items()
        )
        print(  # noqa: T201
            f"\n[bench] work order quotation: {figures}; plain Odoo sale order of 100 "
            f"lines: {plain_q} queries ({plain_t * 1000:.0f} ms), time ratio "
            f"{results[100][1] / plain_t:.2f}"
        )
        self.assertLessEqual(results[100][0] - results[10][0], 1)
