# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WS-10: a returned warranty part credits its claim (in the claim while it is
a draft, in a credit claim once sent) and reverses its claim in progress."""

from odoo import Command
from odoo.tests import Form, freeze_time, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS10ReturnsAmendClaims(WarrantySalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_claim_accounts("10")
        cls.env.company.write(
            {
                "warranty_claim_journal_id": cls.misc_journal.id,
                "warranty_claim_in_progress_account_id": cls.in_progress_account.id,
                "warranty_claim_charge_account_id": cls.charge_account.id,
            }
        )
        cls.salesperson = cls._new_user(
            "ws10r_sales", "sales_team.group_sale_salesman,stock.group_stock_user"
        )
        cls.stock_user = cls._new_user(
            "ws10r_stock", "stock.group_stock_user,stock.group_production_lot"
        )
        cls.warranty_admin = cls._new_user(
            "ws10r_admin", "sales_team.group_sale_manager,account.group_account_invoice"
        )
        cls.stock = cls.warehouse.lot_stock_id

    # ------------------------------------------------------------------ helpers
    def _order(self, lines):
        order = self._create_order(lines)
        order.user_id = self.salesperson
        with freeze_time("2025-10-01 10:00:00"):
            order.with_user(self.salesperson).action_confirm()
        return order

    def _deliver_as_stock_user(self, order):
        picking = order.picking_ids.with_user(self.stock_user)
        picking.action_assign()
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        return picking

    def _return(self, picking, quantities, lots=None):
        """The warehouse user returns ``quantities`` ({product: quantity}) of the
        delivery with Odoo's return wizard (serials in ``lots``) and validates."""
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.stock_user)
            .with_context(
                active_ids=picking.ids, active_id=picking.id, active_model="stock.picking"
            )
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = quantities.get(line.product_id, 0.0)
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].with_user(self.stock_user).browse(action["res_id"])
        for move in returned.move_ids:
            lot = (lots or {}).get(move.product_id)
            if lot:
                move.move_line_ids.unlink()
                move.move_line_ids = [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "lot_id": lot.id,
                            "quantity": move.product_uom_qty,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                        }
                    )
                ]
        returned.move_ids.picked = True
        self.assertIs(returned.button_validate(), True)
        self.assertEqual(returned.state, "done")
        return returned

    def _stock_qty(self, product, lot=None):
        return self.env["stock.quant"]._get_available_quantity(product, self.stock, lot_id=lot)

    # ------------------------------------------------------------------ tests
    def test_WS_10_return_credits_the_draft_claim_and_reverses_claim_in_progress(self):
        order = self._order([(self.part, 3, self.equipment), (self.serial_part, 1, self.equipment)])
        delivery = self._deliver_as_stock_user(order)
        self.assertEqual(self._stock_qty(self.part), 97.0)
        self._invoice(order)
        # 3 x 30.00 + 800.00 booked at invoicing
        self.assertEqual(self._balance(self.in_progress_account), 890.0)
        claim = order.warranty_claim_ids
        part_line, pump_line = claim.line_ids.sorted(lambda line: line.product_id.id)
        pump_lot = pump_line.lot_id
        self.assertTrue(pump_lot)

        returned = self._return(
            delivery, {self.part: 1, self.serial_part: 1}, lots={self.serial_part: pump_lot}
        )
        # the parts are back in stock
        self.assertEqual(self._stock_qty(self.part), 98.0)
        self.assertEqual(self._stock_qty(self.serial_part, pump_lot), 1.0)
        self.assertEqual(order.order_line.mapped("qty_delivered"), [2.0, 0.0])
        # the same claim, amended with credit lines
        self.assertEqual(order.warranty_claim_ids, claim)
        credits = claim.line_ids.filtered("origin_line_id").sorted(lambda line: line.product_id.id)
        self.assertRecordValues(
            credits,
            [
                {
                    "origin_line_id": part_line.id,
                    "move_id": returned.move_ids.filtered(
                        lambda move: move.product_id == self.part
                    ).id,
                    "sale_line_id": part_line.sale_line_id.id,
                    "product_id": self.part.id,
                    "lot_id": False,
                    "quantity": -1.0,
                    "price_subtotal": -36.0,
                    "amount_claimed": -28.8,
                    "cost_total": -30.0,
                    "in_progress_reversed": 30.0,
                },
                {
                    "origin_line_id": pump_line.id,
                    "move_id": returned.move_ids.filtered(
                        lambda move: move.product_id == self.serial_part
                    ).id,
                    "sale_line_id": pump_line.sale_line_id.id,
                    "product_id": self.serial_part.id,
                    "lot_id": pump_lot.id,
                    "quantity": -1.0,
                    "price_subtotal": -950.0,
                    "amount_claimed": -760.0,
                    "cost_total": -800.0,
                    "in_progress_reversed": 800.0,
                },
            ],
        )
        self.assertRecordValues(
            claim,
            [{"state": "draft", "amount_price": 72.0, "amount_claimed": 57.6, "amount_cost": 60.0}],
        )
        self.assertIn(f"Parts returned by {returned.name} credited.", claim.message_ids[0].body)
        # the claim in progress of the returned parts is reversed
        reversal = credits.reversal_move_id
        self.assertEqual(len(reversal), 1)
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(reversal.journal_id, self.misc_journal)
        self.assertEqual(
            reversal.ref, f"Claim in progress reversed for returned parts ({returned.name})"
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("debit"),
            [
                {"account_id": self.in_progress_account.id, "debit": 0.0, "credit": 830.0},
                {"account_id": self.charge_account.id, "debit": 830.0, "credit": 0.0},
            ],
        )
        self.assertEqual(self._balance(self.in_progress_account), 60.0)
        # settling the amended claim clears what is left in progress
        claim.with_user(self.salesperson).action_send()
        claim.with_user(self.warranty_admin).action_settle()
        self.assertEqual(self._balance(self.in_progress_account), 0.0)
        receivable = self.payer.property_account_receivable_id
        self.assertEqual(self._balance(receivable, self.payer), 57.6)

    def test_WS_10_return_after_sending_makes_a_credit_claim(self):
        order = self._order([(self.serial_part, 1, self.equipment)])
        delivery = self._deliver_as_stock_user(order)
        self._invoice(order)
        claim = order.warranty_claim_ids
        claim.with_user(self.salesperson).action_send()
        pump_lot = claim.line_ids.lot_id

        returned = self._return(delivery, {self.serial_part: 1}, lots={self.serial_part: pump_lot})
        self.assertEqual(self._stock_qty(self.serial_part, pump_lot), 1.0)
        # the claim the payer holds is unchanged
        self.assertRecordValues(
            claim,
            [
                {
                    "state": "sent",
                    "amount_price": 950.0,
                    "amount_claimed": 760.0,
                    "amount_cost": 800.0,
                }
            ],
        )
        self.assertEqual(len(claim.line_ids), 1)
        credit = claim.credit_claim_ids
        self.assertEqual(len(credit), 1)
        self.assertEqual(order.warranty_claim_ids, claim | credit)
        self.assertRecordValues(
            credit,
            [
                {
                    "state": "draft",
                    "origin_claim_id": claim.id,
                    "equipment_id": self.equipment.id,
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                    "warranty_id": self.warranty.id,
                    "sale_order_id": order.id,
                    "amount_price": -950.0,
                    "amount_claimed": -760.0,
                    "amount_cost": -800.0,
                }
            ],
        )
        self.assertRecordValues(
            credit.line_ids,
            [
                {
                    "origin_line_id": claim.line_ids.id,
                    "lot_id": pump_lot.id,
                    "quantity": -1.0,
                    "in_progress_reversed": 800.0,
                }
            ],
        )
        self.assertIn(
            f"Parts returned by {returned.name} credited in {credit.name}.",
            claim.message_ids[0].body,
        )
        self.assertEqual(self._balance(self.in_progress_account), 0.0)
        # both claims settled: the payer owes nothing, nothing stays in progress
        claim.with_user(self.warranty_admin).action_settle()
        credit.with_user(self.salesperson).action_send()
        credit.with_user(self.warranty_admin).action_settle()
        self.assertRecordValues(
            credit.settlement_move_id.line_ids.sorted("debit"),
            [
                {
                    "account_id": self.payer.property_account_receivable_id.id,
                    "debit": 0.0,
                    "credit": 760.0,
                },
                {"account_id": self.charge_account.id, "debit": 0.0, "credit": 40.0},
                {"account_id": self.in_progress_account.id, "debit": 800.0, "credit": 0.0},
            ],
        )
        self.assertEqual(self._balance(self.in_progress_account), 0.0)
        receivable = self.payer.property_account_receivable_id
        self.assertEqual(self._balance(receivable, self.payer), 0.0)

    def test_WS_10_return_before_invoicing_reverses_nothing_booked(self):
        self.part.invoice_policy = "delivery"
        order = self._order([(self.part, 2, self.equipment)])
        delivery = self._deliver_as_stock_user(order)
        self._return(delivery, {self.part: 1})
        claim = order.warranty_claim_ids
        credit_line = claim.line_ids.filtered("origin_line_id")
        self.assertRecordValues(
            credit_line,
            [{"quantity": -1.0, "in_progress_reversed": 0.0, "reversal_move_id": False}],
        )
        self.assertEqual(claim.amount_cost, 30.0)
        # the invoice books the part kept by the customer only
        invoice = self._invoice(order)
        self.assertEqual(self._balance(self.in_progress_account), 30.0)
        self.assertEqual(invoice.warranty_claim_move_id.amount_total, 30.0)

    def test_WS_10_credit_note_after_return_does_not_reverse_twice(self):
        self.part.invoice_policy = "delivery"
        order = self._order([(self.part, 2, self.equipment)])
        delivery = self._deliver_as_stock_user(order)
        self._invoice(order)
        self.assertEqual(self._balance(self.in_progress_account), 60.0)
        self._return(delivery, {self.part: 1})
        self.assertEqual(self._balance(self.in_progress_account), 30.0)
        line = order.order_line
        self.assertEqual(line.qty_to_invoice, -1.0)
        credit_note = order._create_invoices(final=True)
        credit_note.action_post()
        self.assertFalse(credit_note.invoice_line_ids.filtered("warranty_charge_sale_line_id"))
        self.assertFalse(credit_note.warranty_claim_move_id)
        self.assertEqual(self._balance(self.in_progress_account), 30.0)
