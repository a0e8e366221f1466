# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Confirm Despite Shortage: offered only when the block rule would refuse the
order, asks a reason, logs it in the chatter and on the short lines. The block
message names the warehouse, not the company."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestConfirmOverride(B2bCommon):
    def _override_wizard(self, order, user, reason):
        action = order.with_user(user).action_b2b_open_confirm_override()
        self.assertEqual(action["res_model"], "sale.b2b.confirm.override")
        self.assertEqual(action["target"], "new")
        Wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        return Wizard.create({"reason": reason})

    def test_SI_03_override_offered_only_when_blocked(self):
        empty = self.create_order([])
        short = self.create_order([(self.product, 11)])
        enough = self.create_order([(self.product, 10)])
        services = self.create_order([(self.service, 30)])
        orders = (empty | short | enough | services).with_user(self.order_admin)
        self.assertEqual(orders.mapped("b2b_confirm_blocked"), [False, True, False, False])
        # another rule: nothing to override
        self.company.b2b_validation_rule = "allow"
        short.invalidate_recordset(["b2b_validation_rule", "b2b_confirm_blocked"])
        self.assertFalse(short.with_user(self.order_admin).b2b_confirm_blocked)

    def test_SI_03_override_asks_a_reason_and_logs_it(self):
        order = self.create_order([(self.product, 11)])
        wizard = self._override_wizard(order, self.order_admin, "Ten more arrive tomorrow")
        self.assertEqual(wizard.order_ids, order)
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            order.b2b_shortage_ids,
            [
                {
                    "qty_missing": 1.0,
                    "overridden_by_id": self.order_admin.id,
                    "override_reason": "Ten more arrive tomorrow",
                }
            ],
        )
        notes = order.message_ids.filtered(
            lambda m: "Confirmed despite insufficient inventory" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn("Reason: Ten more arrive tomorrow", notes.body)
        self.assertIn("[SW-1] Switch: 1.00 Units", notes.body)
        self.assertEqual(notes.author_id, self.order_admin.partner_id)

    def test_SI_03_reason_is_required_and_only_admins_override(self):
        order = self.create_order([(self.product, 11)])
        with self.assertRaises(AccessError):
            order.with_user(self.salesperson).action_b2b_open_confirm_override()
        with self.assertRaises(AccessError):
            self.env["sale.b2b.confirm.override"].with_user(self.salesperson).create(
                {"order_ids": [order.id], "reason": "x"}
            )
        self.assertTrue(self.env["sale.b2b.confirm.override"]._fields["reason"].required)
        self.assertEqual(order.state, "draft")

    def test_SI_03_block_message_names_the_warehouse(self):
        """Odoo names the first warehouse after the company: the message gives
        its code instead; another warehouse is named by its name."""
        main = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id), ("name", "=", self.company.name)], limit=1
        )
        self.assertTrue(main)
        order = self.create_order([(self.product_2, 1)], warehouse=main)
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product_2, 1, 0, f"warehouse {main.code}")]),
        )
        self.assertNotIn(f"({self.company.name})", str(error.exception))
        other = self.create_order([(self.product_2, 4)], warehouse=self.wh_a)
        with self.assertRaises(UserError) as error:
            other.with_user(self.salesperson).action_confirm()
        self.assertIn("available 3.00 Units (B2B Warehouse A)", str(error.exception))
