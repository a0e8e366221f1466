# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class SaleB2bReservationLock(models.Model):
    """One row per (company, product), rewritten by every submission that
    freezes inventory of the product.

    Two transactions freezing the same product write the same row: the second
    one waits for the first and then fails with a serialization error, so it
    is retried on a snapshot that sees the first reservation. This is what
    keeps two orders from being confirmed on the same last units.
    """

    _name = "sale.b2b.reservation.lock"
    _description = "B2B Frozen Inventory Lock"
    _order = "id"

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)

    _company_product_uniq = models.Constraint(
        "unique(company_id, product_id)",
        "Only one lock row per company and product.",
    )

    @api.model
    def _lock_products(self, company, products):
        """Write the lock row of every product, in id order (no deadlock)."""
        if not products:
            return
        self.env.execute_query(
            SQL(
                """
                INSERT INTO sale_b2b_reservation_lock
                       (company_id, product_id, create_uid, write_uid,
                        create_date, write_date)
                SELECT %(company)s, pid, %(uid)s, %(uid)s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM unnest(%(pids)s::int[]) AS pid
              ORDER BY pid
                    ON CONFLICT (company_id, product_id)
                    DO UPDATE SET write_date = EXCLUDED.write_date,
                                  write_uid = EXCLUDED.write_uid
                """,
                company=company.id,
                uid=self.env.uid,
                pids=sorted(set(products.ids)),
            )
        )
