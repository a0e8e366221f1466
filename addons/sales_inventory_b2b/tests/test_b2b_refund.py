# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SI-12: a B2B return lowers the delivered quantity, and invoicing the order
again refunds exactly what came back."""

from . import test_returns
from .common import B2bCommon


class TestB2bReturnRefund(B2bCommon):
    # The helpers only: importing the test class would run its tests here again.
    ship = test_returns.TestReturns.ship
    new_return = test_returns.TestReturns.new_return

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["account.journal"].search([("type", "=", "sale")], limit=1):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", cls.company, install_demo=False
            )
        cls.Return = cls.env["sale.b2b.return"]
        cls.product.invoice_policy = "delivery"

    def test_SI_12_returned_goods_are_refunded(self):
        order = self.create_confirmed_order([(self.product, 4)])
        self.ship(order)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_untaxed, 400.0)
        self.assertEqual(order.order_line.qty_invoiced, 4.0)
        ret = self.new_return([(order.order_line, 3)])
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(order.order_line.qty_delivered, 1.0)
        self.assertEqual(order.order_line.qty_to_invoice, -3.0)
        refund = order._create_invoices(final=True)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.invoice_line_ids.quantity, 3.0)
        self.assertEqual(refund.amount_untaxed, 300.0)
        refund.action_post()
        self.assertEqual(order.order_line.qty_invoiced, 1.0)
