# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales order lines are changed by sales people only, and what a line is
(its order, its deliveries, a down payment, its linked line) is set when it is
created. Tried as an RPC client would: role users in a fresh environment."""

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.document_write_policy.tests.common import RefusalAssertions


class TestSaleLinePolicy(RefusalAssertions, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part = cls.env["product.product"].create(
            {"name": "Pump", "is_storable": True, "list_price": 40.0}
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(cls.part, warehouse.lot_stock_id, 10)
        cls.customer = cls.env["res.partner"].create({"name": "Line Policy Customer"})
        cls.sales = new_test_user(
            cls.env, login="line_sales", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.stock_user = new_test_user(cls.env, login="line_stock", groups="stock.group_stock_user")
        cls.order, cls.other_order = cls.env["sale.order"].create(
            [
                {
                    "partner_id": cls.customer.id,
                    "user_id": cls.sales.id,
                    "order_line": [
                        Command.create({"product_id": cls.part.id, "product_uom_qty": 2})
                    ],
                }
            ]
            * 2
        )
        cls.order.action_confirm()
        cls.line = cls.order.order_line

    def _as(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def _snapshot(self):
        self.env.invalidate_all()
        line = self.line
        return (line.order_id, line.move_ids, line.name, line.discount, line.is_downpayment)

    def test_SI_18_inventory_users_only_read_order_lines(self):
        before = self._snapshot()
        for vals in ({"name": "Changed"}, {"discount": -1}, {"customer_lead": 1e9}):
            with (
                self.subTest(vals=vals),
                self.assertRefused(AccessError, "may read sales order lines but not change them"),
            ):
                self._as(self.stock_user, self.line).write(vals)
        self.assertEqual(self._snapshot(), before)

    def test_SI_18_a_line_stays_what_it_was_created_as(self):
        before = self._snapshot()
        refusals = {
            "order_id": self.other_order.id,
            "move_ids": [Command.clear()],
            "is_downpayment": True,
            "is_expense": True,
            "linked_virtual_id": "hostile",
        }
        for field, value in refusals.items():
            with (
                self.subTest(field=field),
                self.assertRefused(
                    AccessError, "are set when the line is created and cannot be changed"
                ),
            ):
                self._as(self.sales, self.line).write({field: value})
        with self.assertRefused(AccessError, "can only be linked to a line of their own order"):
            self._as(self.sales, self.line).write(
                {"linked_line_id": self.other_order.order_line.id}
            )
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(len(self.line.move_ids), 1)

    def test_SI_18_sales_people_amend_an_open_order(self):
        """Odoo's order form on a confirmed order that is not locked: the
        description, discount and quantity stay the sales person's."""
        self._as(self.sales, self.line).write({"name": "Pump, urgent", "discount": 10})
        self._as(self.sales, self.line).write({"product_uom_qty": 3})
        self.env.invalidate_all()
        self.assertEqual(self.line.name, "Pump, urgent")
        self.assertEqual(self.line.discount, 10)
        self.assertEqual(sum(self.line.move_ids.mapped("product_uom_qty")), 3)
        # An unchanged value of a structural field is not a change.
        self._as(self.sales, self.line).write({"order_id": self.order.id})
