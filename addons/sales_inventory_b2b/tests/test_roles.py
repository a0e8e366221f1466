# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .common import B2bCommon


class TestRoles(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"b2b_validation_rule": "allow", "b2b_reserve_inventory": True})
        cls.order = cls.create_order([(cls.product, 11)], user=cls.salesperson)
        cls.order.with_user(cls.salesperson).action_confirm()
        cls.other_salesperson = cls.env["res.users"].create(
            {
                "name": "Other Sales",
                "login": "b2b_sales_2",
                "group_ids": [(6, 0, cls.env.ref("sales_inventory_b2b.group_b2b_salesperson").ids)],
            }
        )

    def test_SI_18_groups_share_one_privilege(self):
        groups = (
            self.env.ref("sales_inventory_b2b.group_b2b_salesperson")
            | self.env.ref("sales_inventory_b2b.group_b2b_shipping")
            | self.env.ref("sales_inventory_b2b.group_b2b_order_admin")
        )
        self.assertEqual(
            groups.privilege_id, self.env.ref("sales_inventory_b2b.res_groups_privilege_b2b")
        )
        self.assertTrue(self.order_admin.has_group("sales_inventory_b2b.group_b2b_salesperson"))
        self.assertTrue(self.order_admin.has_group("sales_inventory_b2b.group_b2b_shipping"))
        self.assertFalse(self.salesperson.has_group("sales_inventory_b2b.group_b2b_order_admin"))

    def test_SI_18_salesperson(self):
        Shortage = self.env["sale.b2b.shortage"].with_user(self.salesperson)
        Reservation = self.env["sale.b2b.reservation"].with_user(self.salesperson)
        # he confirmed his order (allow rule): his short line and frozen stock
        self.assertEqual(Shortage.search([]).order_id, self.order)
        self.assertEqual(Reservation.search([]).quantity, 10.0)
        with self.assertRaises(AccessError):
            Shortage.search([]).write({"state": "done"})
        with self.assertRaises(AccessError):
            Reservation.search([])._action_adjust(1.0, "no")
        with self.assertRaises(AccessError):
            Reservation.search([]).write({"quantity": 1.0})
        with self.assertRaises(AccessError):
            self.env["sale.b2b.order.type"].with_user(self.salesperson).create({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["sale.b2b.reservation.adjust"].with_user(self.salesperson).create(
                {"reservation_id": Reservation.search([]).id, "new_quantity": 1, "reason": "x"}
            )
        self.assertEqual(
            self.env["sale.b2b.order.type"].with_user(self.salesperson).search([]),
            self.default_type,
        )
        blocked = self.create_order([(self.product_2, 4)], user=self.salesperson)
        blocked.b2b_order_type_id = self.env["sale.b2b.order.type"].create(
            {"name": "Strict", "validation_rule": "block"}
        )
        with self.assertRaises(AccessError):
            blocked.with_user(self.salesperson).action_b2b_confirm_override()

    def test_SI_18_salesperson_sees_only_his_orders(self):
        self.assertFalse(self.env["sale.b2b.shortage"].with_user(self.other_salesperson).search([]))
        self.assertFalse(
            self.env["sale.b2b.reservation"].with_user(self.other_salesperson).search([])
        )

    def test_SI_18_shipping_staff(self):
        Reservation = self.env["sale.b2b.reservation"].with_user(self.shipping)
        self.assertEqual(Reservation.search([("order_id", "=", self.order.id)]).quantity, 10.0)
        with self.assertRaises(AccessError):
            Reservation.search([("order_id", "=", self.order.id)]).action_release()
        with self.assertRaises(AccessError):
            self.env["sale.b2b.shortage"].with_user(self.shipping).search([])
        with self.assertRaises(AccessError):
            self.env["sale.b2b.order.type"].with_user(self.shipping).create({"name": "X"})

    def test_SI_18_order_admin(self):
        shortage = (
            self.env["sale.b2b.shortage"]
            .with_user(self.order_admin)
            .search([("order_id", "=", self.order.id)])
        )
        self.assertEqual(shortage.qty_missing, 1.0)
        shortage.action_resolve()
        self.assertEqual(shortage.state, "done")
        reservation = (
            self.env["sale.b2b.reservation"]
            .with_user(self.order_admin)
            .search([("order_id", "=", self.order.id)])
        )
        reservation._action_adjust(8.0, "partial")
        self.assertEqual(reservation.quantity, 8.0)
        reservation.action_release()
        self.assertEqual(reservation.state, "released")
        order_type = (
            self.env["sale.b2b.order.type"]
            .with_user(self.order_admin)
            .create({"name": "Urgent", "validation_rule": "block"})
        )
        blocked = self.create_order([(self.product_2, 4)], order_type=order_type)
        with self.assertRaises(UserError):
            blocked.with_user(self.order_admin).action_confirm()
        blocked.with_user(self.order_admin).action_b2b_confirm_override()
        self.assertEqual(blocked.state, "sale")

    def test_SI_18_multi_company_rules(self):
        company_2 = self.env["res.company"].create({"name": "B2B Second Company"})
        foreign_type = self.env["sale.b2b.order.type"].create(
            {"name": "Foreign", "company_id": company_2.id}
        )
        admin = self.order_admin
        self.assertNotIn(foreign_type, self.env["sale.b2b.order.type"].with_user(admin).search([]))
        admin.write({"company_ids": [(4, company_2.id)]})
        visible = (
            self.env["sale.b2b.order.type"]
            .with_user(admin)
            .with_context(allowed_company_ids=[self.company.id, company_2.id])
            .search([])
        )
        self.assertIn(foreign_type, visible)
        self.assertIn(self.default_type, visible)
        # short lines of company 1 are hidden when only company 2 is active
        self.assertFalse(
            self.env["sale.b2b.shortage"]
            .with_user(admin)
            .with_context(allowed_company_ids=[company_2.id])
            .search([])
        )

    def test_SI_18_sales_user_without_b2b_role(self):
        """A plain Sales user (no B2B role) still works on orders: the check
        applies to him, the B2B lists stay hidden."""
        self.company.b2b_validation_rule = "block"
        user = new_test_user(self.env, login="plain_sales", groups="sales_team.group_sale_salesman")
        form = Form(self.env["sale.order"].with_user(user))
        form.partner_id = self.partner
        form.warehouse_id = self.wh_a
        with form.order_line.new() as line:
            line.product_id = self.product_2
            line.product_uom_qty = 4
        order = form.save()
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product_2, 4, 3, "B2B Warehouse A")]),
        )
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 3
        form.save()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            self.env["sale.b2b.reservation"].search([("order_id", "=", order.id)]).quantity, 3.0
        )
        order._action_cancel()
        self.assertEqual(
            self.env["sale.b2b.reservation"].search([("order_id", "=", order.id)]).state,
            "released",
        )
        with self.assertRaises(AccessError):
            self.env["sale.b2b.shortage"].with_user(user).search([])
