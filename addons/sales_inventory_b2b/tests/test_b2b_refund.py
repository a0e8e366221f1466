# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SI-12: a B2B return lowers the delivered quantity, and invoicing the order
again refunds exactly what came back. SI-14: a source-free return has no
order: its receipt drafts its own credit note, priced from the customer's
pricelist or his last sale price (company setting)."""

import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import html2plaintext
from odoo.tools.misc import format_amount

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
        Tax = cls.env["account.tax"]
        cls.tax_10 = Tax.create({"name": "B2B Sales 10%", "amount": 10.0, "amount_type": "percent"})
        cls.export = cls.env["account.fiscal.position"].create({"name": "B2B Export"})
        cls.tax_5 = Tax.create(
            {
                "name": "B2B Export 5%",
                "amount": 5.0,
                "amount_type": "percent",
                "fiscal_position_ids": [Command.set(cls.export.ids)],
                "original_tax_ids": [Command.set(cls.tax_10.ids)],
            }
        )
        (cls.product | cls.product_2).taxes_id = cls.tax_10
        # pricelists on (Sales settings), one for distributors: 80, or 75 from 3 units
        cls.env.ref("base.group_user").implied_ids = [
            Command.link(cls.env.ref("product.group_product_pricelist").id)
        ]
        Pricelist = cls.env["product.pricelist"]
        # the company's default pricelist (the list prices), then the distributors'
        Pricelist.create({"name": "B2B Public", "sequence": 1})
        cls.pricelist = Pricelist.create(
            {
                "name": "B2B Distributors",
                "sequence": 50,
                "currency_id": cls.company.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.product.id,
                            "compute_price": "fixed",
                            "fixed_price": fixed,
                            "min_quantity": min_quantity,
                        }
                    )
                    for fixed, min_quantity in ((80.0, 0.0), (75.0, 3.0))
                ],
            }
        )
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create({"name": "Anna Buyer", "parent_id": cls.partner.id})
        cls.other_customer = Partner.create({"name": "Distributor Two", "is_company": True})

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

    # SI-14 -------------------------------------------------------------
    def _free_return(self, lines, partner=None, **vals):
        """A source-free return into warehouse B entered by the sales person;
        ``lines``: (product, quantity)."""
        return self.create_return(
            dict(
                {
                    "kind": "free",
                    "partner_id": (partner or self.partner).id,
                    "warehouse_id": self.wh_b.id,
                    "line_ids": [
                        Command.create({"product_id": product.id, "quantity": qty})
                        for product, qty in lines
                    ],
                },
                **vals,
            )
        )

    def _as(self, user, records):
        """``records`` as ``user`` in a new request: nothing cached."""
        self.env.invalidate_all()
        return records.with_user(user)

    def _confirm_and_receive(self, ret):
        self._as(self.salesperson, ret).action_confirm()
        self._as(self.shipping, ret).action_receive()
        self.env.invalidate_all()

    def _sold(self, lines, price, discount=0.0, partner=None, days_ago=0):
        """A confirmed order of ``lines`` at ``price`` less ``discount`` %,
        dated ``days_ago`` days back."""
        order = self.create_order(lines, partner=partner)
        order.order_line.write({"price_unit": price, "discount": discount})
        order.with_user(self.salesperson).action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def test_SI_14_source_free_return_refunds_at_the_customer_pricelist(self):
        """3 switches at the pricelist's 75 (its price from 3 units) and a
        router at its list price 200 (no rule): 425.00 + 10 % tax."""
        self.assertEqual(self.company.b2b_return_refund_price, "pricelist")
        self.company.b2b_source_free_returns = True
        self.partner.property_product_pricelist = self.pricelist
        ret = self._free_return(
            [(self.product, 3), (self.product_2, 1)],
            partner=self.buyer,
            reason="Ordered twice",
        )
        self._as(self.salesperson, ret).action_confirm()
        # a sales person does not receive goods: refused, nothing credited
        with self.assertRefusedExactly(
            AccessError, f"Only shipping staff may receive the goods of returns {ret.name}."
        ):
            self._as(self.salesperson, ret).action_receive()
        self.assertEqual(ret.state, "confirmed")
        self.assertFalse(ret.sudo().refund_ids)
        self.assertFalse(self._refunds_of(self.partner))

        self._as(self.shipping, ret).action_receive()
        self.env.invalidate_all()
        refund = ret.sudo().refund_ids
        self.assertEqual(refund, self._refunds_of(self.partner))
        self.assertRecordValues(
            refund,
            [
                {
                    "move_type": "out_refund",
                    "state": "draft",
                    "partner_id": self.partner.id,
                    "company_id": self.company.id,
                    "currency_id": self.company.currency_id.id,
                    "fiscal_position_id": False,
                    "invoice_origin": ret.name,
                    "ref": "Ordered twice",
                    "invoice_user_id": self.salesperson.id,
                    "amount_untaxed": 425.0,
                    "amount_tax": 42.5,
                    "amount_total": 467.5,
                }
            ],
        )
        self.assertRecordValues(
            refund.invoice_line_ids,
            [
                {
                    "product_id": self.product.id,
                    "quantity": 3.0,
                    "product_uom_id": self.uom_unit.id,
                    "price_unit": 75.0,
                    "discount": 0.0,
                    "tax_ids": self.tax_10.ids,
                    "price_subtotal": 225.0,
                    "price_total": 247.5,
                },
                {
                    "product_id": self.product_2.id,
                    "quantity": 1.0,
                    "product_uom_id": self.uom_unit.id,
                    "price_unit": 200.0,
                    "discount": 0.0,
                    "tax_ids": self.tax_10.ids,
                    "price_subtotal": 200.0,
                    "price_total": 220.0,
                },
            ],
        )
        self.assertEqual(self.product_2.with_context(warehouse_id=self.wh_b.id).qty_available, 1)
        # the sales person finds it on the return and in its chatter
        as_sales = self._as(self.salesperson, ret)
        self.assertEqual(as_sales.refund_count, 1)
        self.assertEqual(as_sales.refund_ids.amount_total, 467.5)
        self.assertEqual(as_sales.action_view_refunds()["res_id"], refund.id)
        self.assertEqual(
            self._refund_notes(ret),
            [
                f"Credit note {refund.display_name} drafted for {self.partner.name}: "
                f"{self._amount(425.0)} untaxed, {self._amount(467.5)} with taxes."
            ],
        )

    def test_SI_14_source_free_return_refunds_the_last_sale_price(self):
        """The switch at the net price of the customer's latest order (95
        less 10 %, ordered by his buyer), not at an older order's, a
        quotation's or another customer's; the router he never bought at his
        pricelist. His fiscal position maps the 10 % tax to 5 %."""
        self.company.write(
            {"b2b_source_free_returns": True, "b2b_return_refund_price": "last_sale"}
        )
        self.partner.property_product_pricelist = self.pricelist
        self.partner.with_company(self.company).property_account_position_id = self.export
        latest = self._sold([(self.product, 1)], 95.0, discount=10.0, partner=self.buyer)
        self._sold([(self.product, 1)], 90.0, days_ago=30)
        self.create_order([(self.product, 1)]).order_line.price_unit = 50.0
        self._sold([(self.product, 1)], 10.0, partner=self.other_customer)
        ret = self._free_return([(self.product, 2), (self.product_2, 1)])
        self._confirm_and_receive(ret)
        refund = ret.sudo().refund_ids
        self.assertRecordValues(
            refund,
            [
                {
                    "move_type": "out_refund",
                    "state": "draft",
                    "partner_id": self.partner.id,
                    "currency_id": self.company.currency_id.id,
                    "fiscal_position_id": self.export.id,
                    "invoice_origin": ret.name,
                    "amount_untaxed": 371.0,
                    "amount_tax": 18.55,
                    "amount_total": 389.55,
                }
            ],
        )
        self.assertRecordValues(
            refund.invoice_line_ids,
            [
                {
                    "product_id": self.product.id,
                    "quantity": 2.0,
                    "price_unit": 85.5,
                    "tax_ids": self.tax_5.ids,
                    "price_subtotal": 171.0,
                },
                {
                    "product_id": self.product_2.id,
                    "quantity": 1.0,
                    "price_unit": 200.0,
                    "tax_ids": self.tax_5.ids,
                    "price_subtotal": 200.0,
                },
            ],
        )
        self.assertEqual(ret._get_last_sale_line(self.product), latest.order_line)
        # without any sale nor pricelist: the list price
        self.partner.property_product_pricelist = False
        self.assertEqual(ret._get_refund_price(ret.line_ids[1]), 200.0)

    def test_SI_14_only_source_free_returns_refund_and_only_once(self):
        """An order return is credited through its order (SI-12), a
        source-free return not ticked Refund is not credited, and a received
        return cannot be received (nor credited) again."""
        self.company.b2b_source_free_returns = True
        order = self.create_confirmed_order([(self.product, 2)])
        self.ship(order)
        order_return = self.new_return([(order.order_line, 1)])
        self._confirm_and_receive(order_return)
        self.assertFalse(order_return.sudo().refund_ids)
        self.assertEqual(order.order_line.qty_to_invoice, 1.0)
        kept = self._free_return([(self.product_2, 1)], to_refund=False)
        self._confirm_and_receive(kept)
        self.assertFalse(kept.sudo().refund_ids)
        self.assertFalse(self._refunds_of(self.partner))

        ret = self._free_return([(self.product_2, 2)])
        self._confirm_and_receive(ret)
        refund = ret.sudo().refund_ids
        self.assertEqual(refund.amount_untaxed, 400.0)
        with self.assertRefusedExactly(
            UserError, f"Returns {ret.name} are not waiting for receipt."
        ):
            self._as(self.shipping, ret).action_receive()
        # the credit notes are the receipt's: no client links or unlinks them
        for user in (self.salesperson, self.order_admin):
            with self.assertRefusedExactly(
                AccessError, "B2B Return: Credit Notes change only through the document's buttons."
            ):
                self._as(user, ret).write({"refund_ids": [Command.clear()]})
        with self.assertRefused(AccessError, "Credit Notes"):
            self._as(self.shipping, ret).write({"refund_ids": [Command.clear()]})
        self.assertEqual(ret.sudo().refund_ids, refund)
        self.assertEqual(self._refunds_of(self.partner), refund)

    def test_SI_14_receipt_refused_without_customer_invoice_journal(self):
        self.company.b2b_source_free_returns = True
        ret = self._free_return([(self.product_2, 1)])
        self._as(self.salesperson, ret).action_confirm()
        journals = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company.id)]
        )
        journals.action_archive()
        with self.assertRefusedExactly(
            UserError,
            f"Returns {ret.name} cannot be received: their credit notes need a customer "
            f"invoice journal in {self.company.name}. Set up the accounting of the company, "
            "or untick Refund.",
        ):
            self._as(self.shipping, ret).action_receive()
        self.assertEqual(ret.state, "confirmed")
        self.assertEqual(ret.picking_ids.state, "assigned")
        self.assertFalse(ret.sudo().refund_ids)
        self.assertEqual(self.product_2.with_context(warehouse_id=self.wh_b.id).qty_available, 0)
        journals.action_unarchive()
        self._as(self.shipping, ret).action_receive()
        self.assertEqual(ret.sudo().refund_ids.amount_untaxed, 200.0)

    # helpers -----------------------------------------------------------
    def assertRefusedExactly(self, exception, message):
        return self.assertRefused(exception, f"^{re.escape(message)}$")

    def _refunds_of(self, partner):
        return self.env["account.move"].search(
            [("move_type", "=", "out_refund"), ("partner_id", "=", partner.id)]
        )

    def _refund_notes(self, ret):
        """The credit note notes of the return's chatter, as text (the link
        to the credit note becomes its name; html2plaintext numbers it)."""
        messages = ret.message_ids.filtered(lambda m: "Credit note" in (m.body or ""))
        return [html2plaintext(m.body).split("\n")[0].replace(" [1]", "") for m in messages]

    def _amount(self, value):
        return format_amount(self.env, value, self.company.currency_id)
