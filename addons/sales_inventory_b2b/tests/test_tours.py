# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A sales person's order in a real browser (static/tests/tours): the available
inventory on the line, the block message, then the order of what is there."""

from odoo.tests import HttpCase, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bTours(B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.b2b_show_available = True
        cls.salesperson.property_warehouse_id = cls.wh_a

    def _reserved(self, product, warehouse):
        quants = self.env["stock.quant"]._gather(product, warehouse.lot_stock_id)
        return sum(quants.mapped("quantity")), sum(quants.mapped("reserved_quantity"))

    def test_salesperson_sees_stock_and_block(self):
        """12 switches where warehouse A holds 10: refused with the block
        message, nothing reserved; 10 are confirmed and reserved."""
        self.start_tour("/odoo/sales", "sales_b2b_order_blocked", login="b2b_sales")
        self.env.invalidate_all()
        order = self.env["sale.order"].search([("partner_id", "=", self.partner.id)])
        self.assertRecordValues(
            order,
            [{"state": "draft", "user_id": self.salesperson.id, "warehouse_id": self.wh_a.id}],
        )
        self.assertRecordValues(
            order.order_line,
            [{"product_id": self.product.id, "product_uom_qty": 12, "b2b_available_qty": 10}],
        )
        self.assertFalse(order.picking_ids)
        self.assertFalse(order.sudo().b2b_shortage_ids)
        self.assertEqual(self._reserved(self.product, self.wh_a), (10, 0))

        self.start_tour("/odoo/sales", "sales_b2b_order_available", login="b2b_sales")
        self.env.invalidate_all()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.product_uom_qty, 10)
        self.assertRecordValues(
            order.picking_ids.move_ids,
            [{"product_uom_qty": 10, "quantity": 10, "location_id": self.wh_a.lot_stock_id.id}],
        )
        self.assertEqual(self._reserved(self.product, self.wh_a), (10, 10))
        self.assertEqual(self._reserved(self.product, self.wh_b), (5, 0))
