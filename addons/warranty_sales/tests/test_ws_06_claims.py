# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS06Claims(WarrantySalesCommon):
    def _warranty_order(self):
        order = self._create_order(
            [
                (self.part, 2, self.equipment),
                (self.serial_part, 2, self.equipment),
                (self.part, 1, None),
            ]
        )
        return self._confirm_on(order, "2025-10-01 10:00:00")

    def test_WS_06_claims_created_on_delivery_not_before(self):
        order = self._warranty_order()
        Claim = self.env["warranty.claim"]
        self.assertFalse(Claim.search([("sale_order_id", "=", order.id)]))
        self._deliver(order)
        claim = Claim.search([("sale_order_id", "=", order.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(order.warranty_claim_count, 1)
        self.assertRecordValues(
            claim,
            [
                {
                    "state": "draft",
                    "equipment_id": self.equipment.id,
                    "customer_id": self.customer.id,
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                    "warranty_id": self.warranty.id,
                    "warranty_type_id": self.warranty_type.id,
                    "sale_order_id": order.id,
                    # 2 x 36.00 + 2 x 950.00
                    "amount_price": 1972.0,
                    # 80% of it
                    "amount_claimed": 1577.6,
                    # 2 x 30.00 + 2 x 800.00
                    "amount_cost": 1660.0,
                }
            ],
        )
        self.assertTrue(claim.name.startswith("WCL/"))
        self.assertRecordValues(
            claim.line_ids.sorted(lambda line: (line.product_id.id, line.lot_id.name or "")),
            [
                {
                    "product_id": self.part.id,
                    "lot_id": False,
                    "quantity": 2.0,
                    "price_unit": 36.0,
                    "price_subtotal": 72.0,
                    "settlement_percent": 80.0,
                    "amount_claimed": 57.6,
                    "cost_unit": 30.0,
                    "cost_total": 60.0,
                    "sale_line_id": order.order_line[0].id,
                },
                {
                    "product_id": self.serial_part.id,
                    "lot_id": self.pump_lot_1.id,
                    "quantity": 1.0,
                    "price_unit": 950.0,
                    "price_subtotal": 950.0,
                    "settlement_percent": 80.0,
                    "amount_claimed": 760.0,
                    "cost_unit": 800.0,
                    "cost_total": 800.0,
                    "sale_line_id": order.order_line[1].id,
                },
                {
                    "product_id": self.serial_part.id,
                    "lot_id": self.pump_lot_2.id,
                    "quantity": 1.0,
                    "price_unit": 950.0,
                    "price_subtotal": 950.0,
                    "settlement_percent": 80.0,
                    "amount_claimed": 760.0,
                    "cost_unit": 800.0,
                    "cost_total": 800.0,
                    "sale_line_id": order.order_line[1].id,
                },
            ],
        )

    def test_WS_06_partial_delivery_claims_delivered_quantity(self):
        order = self._create_order([(self.part, 5, self.equipment)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = 3
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        claim = order.warranty_claim_ids
        self.assertEqual(claim.line_ids.quantity, 3.0)
        self.assertEqual(claim.amount_claimed, 86.4)
        backorder = order.picking_ids - picking
        self._deliver(order)
        self.assertEqual(len(order.warranty_claim_ids), 2)
        self.assertEqual((order.warranty_claim_ids - claim).line_ids.move_id.picking_id, backorder)
        self.assertEqual(sum(order.warranty_claim_ids.line_ids.mapped("quantity")), 5.0)

    def test_WS_06_no_claim_for_goodwill_or_plain_lines(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2026-02-01 10:00:00")
        order.order_line.action_warranty_apply_goodwill()
        self._deliver(order)
        self.assertFalse(order.warranty_claim_ids)

    def test_WS_06_claim_states(self):
        order = self._warranty_order()
        self._deliver(order)
        claim = order.warranty_claim_ids
        self.assertEqual(
            claim.activity_ids.activity_type_id,
            self.env.ref("warranty_sales.mail_activity_type_claim_send"),
        )
        claim.action_send()
        self.assertEqual(claim.state, "sent")
        self.assertFalse(claim.activity_ids)
        with self.assertRaises(UserError) as error:
            claim.action_send()
        self.assertEqual(
            str(error.exception),
            f"Claims {claim.name} cannot be sent in their current state (Sent).",
        )
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")
        with self.assertRaises(UserError) as error:
            claim.action_settle()
        self.assertEqual(
            str(error.exception),
            f"Claims {claim.name} cannot be settled in their current state (Rejected).",
        )
        claim.action_reset_draft()
        self.assertEqual(claim.state, "draft")

    def test_WS_06_claim_pdf(self):
        order = self._warranty_order()
        self._deliver(order)
        claim = order.warranty_claim_ids
        self.assertIsInstance(claim.action_print(), dict)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("warranty_sales.warranty_claim_report_action", claim.ids)[0]
            .decode()
        )
        self.assertIn(claim.name, html)
        self.assertIn("VP-0001", html)
        self.assertIn("Robot Works claim agreement", html)

    def test_WS_06_warehouse_user_delivery_creates_claims(self):
        """A warehouse user, without any right on claims, validates the delivery."""
        order = self._warranty_order()
        stock_user = new_test_user(
            self.env,
            login="warranty_stock_user",
            groups="stock.group_stock_user,stock.group_production_lot",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        picking = order.picking_ids.with_user(stock_user)
        picking.action_assign()
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        claim = order.warranty_claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.amount_claimed, 1577.6)
        # he may read the claim but not change it
        self.assertEqual(claim.with_user(stock_user).state, "draft")
        with self.assertRaises(AccessError):
            claim.with_user(stock_user).action_send()

    def test_WS_06_salesman_sends_but_cannot_create_claims(self):
        order = self._warranty_order()
        self._deliver(order)
        salesman = new_test_user(
            self.env,
            login="warranty_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        claim = order.warranty_claim_ids.with_user(salesman)
        claim.action_send()
        self.assertEqual(claim.state, "sent")
        with self.assertRaises(AccessError):
            self.env["warranty.claim"].with_user(salesman).create(
                {
                    "equipment_id": self.equipment.id,
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                }
            )

    def test_WS_06_send_by_email_marks_sent(self):
        order = self._warranty_order()
        self._deliver(order)
        claim = order.warranty_claim_ids
        action = claim.action_send_by_email()
        composer = Form(self.env[action["res_model"]].with_context(**action["context"])).save()
        self.assertIn(claim.name, composer.subject)
        composer._action_send_mail()
        self.assertEqual(claim.state, "sent")
        message = claim.message_ids.filtered(lambda msg: claim.name in (msg.subject or ""))
        self.assertEqual(message.partner_ids, self.payer)
        self.assertEqual(len(message.attachment_ids), 1)
