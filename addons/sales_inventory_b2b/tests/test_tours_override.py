# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Confirm Despite Shortage in a real browser (static/tests/tours): hidden on an
empty quotation, shown on a blocked one, asks a reason that lands in the chatter."""

from odoo.tests import HttpCase, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bOverrideTour(B2bCommon, HttpCase):
    def test_order_admin_confirms_despite_shortage_with_a_reason(self):
        order = self.create_order([(self.product, 12)], user=self.order_admin)
        self.start_tour("/odoo/sales", "sales_b2b_confirm_despite_shortage", login="b2b_admin")
        self.env.invalidate_all()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            order.b2b_shortage_ids,
            [
                {
                    "qty_missing": 2.0,
                    "overridden_by_id": self.order_admin.id,
                    "override_reason": "Two more arrive tomorrow",
                }
            ],
        )
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Two more arrive tomorrow" in (m.body or ""))
        )
