# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    def _procure_orderpoint_confirm(
        self, use_new_cursor=False, company_id=None, raise_user_error=True
    ):
        """With ``use_new_cursor`` (Odoo's stock scheduler job) every batch is
        procured and committed in a cursor of its own, and writes the same
        reordering rules whose deadlines the scheduler's transaction has just
        recomputed: commit those first. Otherwise the scheduler fails to
        serialize on its next commit, as on the first run of a database whose
        automatic reordering rules are due (the demo's)."""
        if use_new_cursor:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        return super()._procure_orderpoint_confirm(
            use_new_cursor=use_new_cursor,
            company_id=company_id,
            raise_user_error=raise_user_error,
        )
