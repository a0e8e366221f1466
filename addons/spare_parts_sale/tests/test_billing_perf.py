# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import SaleBillingCommon


class TestSpareParts28BillingQueries(SaleBillingCommon):
    """SP-28: the quotation of a work order costs a constant number of queries,
    whatever its number of parts (distinct products, one line each)."""

    @classmethod
    def _work_order_with_parts(cls, count):
        products = cls.env["product.product"].create(
            [
                {"name": f"Part {count}-{i}", "is_storable": True, "list_price": 10.0 + i}
                for i in range(count)
            ]
        )
        ticket = cls._new_ticket(cls.engineer)
        cls.env["spare.parts.line"].create(
            [
                {"ticket_id": ticket.id, "product_id": product.id, "quantity": 2.0}
                for product in products
            ]
        ).write({"state": "consumed"})
        return ticket

    def _queries_to_quote(self, ticket):
        ticket = self._as(self.biller, ticket)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        ticket.action_spare_parts_create_quotation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_SP_28_quotation_queries_do_not_grow_with_parts(self):
        # A first quotation warms up the caches every later one shares.
        self._queries_to_quote(self._work_order_with_parts(1))
        counts = {
            parts: self._queries_to_quote(self._work_order_with_parts(parts))
            for parts in (10, 50, 100)
        }
        # The lines cost no query each: 90 more parts add at most the one read
        # of the user's companies Odoo makes when it has left the cache.
        self.assertLessEqual(counts[100] - counts[10], 1, counts)
        self.assertEqual(counts[100], counts[50], counts)
