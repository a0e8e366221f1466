# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from .common import B2bCommon


class TestShowAvailable(B2bCommon):
    def _new_order_form(self, warehouse):
        form = Form(self.env["sale.order"])
        form.partner_id = self.partner
        form.warehouse_id = warehouse
        return form

    def test_SI_04_off_by_default(self):
        self.assertFalse(self.env["res.company"].create({"name": "New Co"}).b2b_show_available)
        form = self._new_order_form(self.wh_a)
        with form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = 3
            self.assertEqual(line.b2b_available_qty, 0.0)
            self.assertFalse(line.b2b_is_short)

    def test_SI_04_refreshed_on_product_quantity_and_warehouse(self):
        self.company.b2b_show_available = True
        form = self._new_order_form(self.wh_a)
        with form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = 10
            self.assertEqual(line.b2b_available_qty, 10.0)
            self.assertFalse(line.b2b_is_short)
            line.product_uom_qty = 11
            self.assertEqual(line.b2b_available_qty, 10.0)
            self.assertTrue(line.b2b_is_short)
            line.product_id = self.product_2
            line.product_uom_qty = 3
            self.assertEqual(line.b2b_available_qty, 3.0)
            self.assertFalse(line.b2b_is_short)
            line.product_id = self.product
        form.warehouse_id = self.wh_b
        with form.order_line.edit(0) as line:
            self.assertEqual(line.b2b_available_qty, 5.0)
        order = form.save()
        self.assertEqual(order.order_line.b2b_available_qty, 5.0)
        self.assertEqual(order.order_line.product_uom_qty, 3.0)
        self.assertFalse(order.order_line.b2b_is_short)
        order.order_line.product_uom_qty = 6
        self.assertTrue(order.order_line.b2b_is_short)

    def test_SI_04_follows_the_ordering_mode(self):
        self.company.b2b_show_available = True
        order = self.create_order([(self.product, 2), (self.product_box, 1, self.uom_box)])
        self.assertEqual(order.order_line.mapped("b2b_available_qty"), [10.0, 0.0])
        self.set_stock(self.product_box, self.wh_a, 7)
        self.company.b2b_ordering_mode = "consolidated"
        order.invalidate_recordset()
        order.order_line.invalidate_recordset()
        self.assertEqual(order.order_line.mapped("b2b_available_qty"), [15.0, 7.0])
        self.assertEqual(order.order_line.mapped("b2b_is_short"), [False, False])
        self.company.b2b_ordering_mode = "none"
        order.order_line.invalidate_recordset()
        self.assertEqual(order.order_line.mapped("b2b_available_qty"), [0.0, 0.0])

    def test_SI_04_minus_reserved_by_other_orders(self):
        self.company.b2b_show_available = True
        self.create_confirmed_order([(self.product, 4)])
        order = self.create_order([(self.product, 7)])
        self.assertEqual(order.order_line.b2b_available_qty, 6.0)
        self.assertTrue(order.order_line.b2b_is_short)
