# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Simple mode benchmarks (run with setup/bench simple).

1. Recording the consumption of a work order costs a number of SQL queries that
   does not grow with its lines: 10 and 100 lines, counts printed.
2. The parts usage report over 100,000 consumption lines is one grouped query.
"""

import time

from odoo.tools import SQL

from odoo.addons.spare_parts_base.tests.common import SparePartsCommon


class BenchSimpleMode(SparePartsCommon):
    def _consume_queries(self, count):
        ticket = self._new_ticket(self.engineer)
        lines = self.env["spare.parts.line"].create(
            [
                {"ticket_id": ticket.id, "product_id": self.part_plain.id, "quantity": 1}
                for _i in range(count)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        start = time.perf_counter()
        lines.action_consume()
        self.env.flush_all()
        return self.cr.sql_log_count - before, time.perf_counter() - start

    def test_bench_consumption_queries_constant(self):
        self._consume_queries(5)  # warm-up: caches, prepared statements
        q10, t10 = self._consume_queries(10)
        q100, t100 = self._consume_queries(100)
        print(
            f"\n[bench] simple consumption: 10 lines {q10} queries ({t10 * 1000:.0f} ms), "
            f"100 lines {q100} queries ({t100 * 1000:.0f} ms)"
        )
        self.assertEqual(q10, q100)

    def test_bench_usage_report_100k_lines_one_query(self):
        ticket = self.ticket
        self.env.flush_all()
        self.cr.execute(
            SQL(
                """
            INSERT INTO spare_parts_line
                (ticket_id, company_id, engineer_id, partner_id, equipment_id, product_id,
                 quantity, part_condition, state, date_done, sequence)
            SELECT %(ticket)s, %(company)s,
                   CASE WHEN g %% 2 = 0 THEN %(e1)s ELSE %(e2)s END,
                   %(partner)s, %(equipment)s,
                   CASE WHEN g %% 3 = 0 THEN %(p1)s ELSE %(p2)s END,
                   1 + g %% 4, 'new', 'consumed',
                   now() - (g %% 365) * interval '1 day', 10
              FROM generate_series(1, 100000) g
            """,
                ticket=ticket.id,
                company=self.company.id,
                e1=self.engineer.id,
                e2=self.engineer_2.id,
                partner=self.customer.id,
                equipment=self.equipment.id,
                p1=self.part_plain.id,
                p2=self.part_serial.id,
            )
        )
        self.cr.execute("ANALYZE spare_parts_line")
        Line = self.env["spare.parts.line"]
        before = self.cr.sql_log_count
        start = time.perf_counter()
        groups = Line._read_group(
            [("state", "=", "consumed")],
            ["engineer_id", "product_id", "date_done:month"],
            ["quantity:sum"],
        )
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - before
        print(
            f"\n[bench] usage report over 100,000 lines: {queries} query, {len(groups)} groups, "
            f"{elapsed * 1000:.0f} ms"
        )
        self.assertEqual(queries, 1)
        self.assertEqual(sum(qty for *_keys, qty in groups), 250000.0)
