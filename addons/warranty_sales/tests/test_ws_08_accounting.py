# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS08Accounting(WarrantySalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_claim_accounts("01")
        settings = cls.env["res.config.settings"].create(
            {
                "warranty_claim_journal_id": cls.misc_journal.id,
                "warranty_claim_in_progress_account_id": cls.in_progress_account.id,
                "warranty_claim_charge_account_id": cls.charge_account.id,
            }
        )
        settings.execute()

    def test_WS_08_settings_saved_on_company(self):
        self.assertEqual(
            self.env.company.warranty_claim_in_progress_account_id, self.in_progress_account
        )
        self.assertEqual(self.env.company.warranty_claim_charge_account_id, self.charge_account)
        self.assertEqual(self.env.company.warranty_claim_journal_id, self.misc_journal)

    def test_WS_08_claim_in_progress_at_invoicing_cleared_at_settlement(self):
        order = self._create_order(
            [(self.part, 2, self.equipment), (self.serial_part, 1, self.equipment)]
        )
        self._confirm_on(order, "2025-10-01 10:00:00")
        self._deliver(order)
        invoice = self._invoice(order)

        entry = invoice.warranty_claim_move_id
        self.assertEqual(entry.state, "posted")
        self.assertEqual(entry.journal_id, self.misc_journal)
        # claim amount: 60.00 + 800.00 of internal claim charges
        self.assertRecordValues(
            entry.line_ids.sorted("debit"),
            [
                {"account_id": self.charge_account.id, "debit": 0.0, "credit": 860.0},
                {"account_id": self.in_progress_account.id, "debit": 860.0, "credit": 0.0},
            ],
        )
        self.assertEqual(self._balance(self.in_progress_account), 860.0)

        claim = order.warranty_claim_ids
        claim.action_send()
        claim.action_settle()
        self.assertEqual(claim.state, "settled")
        receivable = self.payer.property_account_receivable_id
        # claimed: 80% of (2 x 36.00 + 950.00) = 817.60; cost 860.00; 42.40 not recovered
        self.assertEqual(
            {
                line.account_id: (line.partner_id, line.debit, line.credit)
                for line in claim.settlement_move_id.line_ids
            },
            {
                receivable: (self.payer, 817.6, 0.0),
                self.in_progress_account: (self.payer, 0.0, 860.0),
                self.charge_account: (self.payer, 42.4, 0.0),
            },
        )
        self.assertEqual(claim.settlement_move_id.state, "posted")
        self.assertEqual(self._balance(self.in_progress_account), 0.0)
        self.assertEqual(self._balance(self.charge_account), -817.6)

    def test_WS_08_credit_note_reverses_claim_in_progress(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        invoice = self._invoice(order)
        credit_note = invoice._reverse_moves()
        credit_note.action_post()
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(
            {
                line.account_id: (line.debit, line.credit)
                for line in credit_note.warranty_claim_move_id.line_ids
            },
            {self.in_progress_account: (0.0, 60.0), self.charge_account: (60.0, 0.0)},
        )
        self.assertEqual(self._balance(self.in_progress_account), 0.0)

    def test_WS_08_no_entry_without_warranty_line(self):
        order = self._create_order([(self.part, 2, None)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        invoice = self._invoice(order)
        self.assertFalse(invoice.warranty_claim_move_id)
        self.assertEqual(invoice.amount_untaxed, 96.0)

    def test_WS_08_invoice_reset_to_draft_reverses_claim_in_progress(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        invoice = self._invoice(order)
        entry = invoice.warranty_claim_move_id
        self.assertEqual(self._balance(self.in_progress_account), 60.0)
        invoice.button_draft()
        self.assertFalse(invoice.warranty_claim_move_id)
        self.assertEqual(entry.reversal_move_ids.state, "posted")
        self.assertEqual(self._balance(self.in_progress_account), 0.0)
        invoice.action_post()
        self.assertEqual(self._balance(self.in_progress_account), 60.0)


@tagged("post_install", "-at_install")
class TestWS08AccountingDefaults(WarrantySalesCommon):
    def test_WS_08_settings_form(self):
        account = self.env["account.account"].create(
            {"name": "Claims in progress", "code": "WCIP02", "account_type": "asset_current"}
        )
        with Form(self.env["res.config.settings"]) as settings:
            settings.warranty_claim_in_progress_account_id = account
        settings.record.execute()
        self.assertEqual(self.env.company.warranty_claim_in_progress_account_id, account)

    def test_WS_08_default_journal_and_accounts_without_settings(self):
        company = self.env.company
        self.assertFalse(company.warranty_claim_in_progress_account_id)
        in_progress = company._get_warranty_claim_in_progress_account()
        self.assertEqual(in_progress.account_type, "asset_current")
        self.assertEqual(company._get_warranty_claim_charge_account(), company.expense_account_id)
        self.assertEqual(company._get_warranty_claim_journal().type, "general")
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        invoice = self._invoice(order)
        self.assertEqual(
            {
                line.account_id: (line.debit, line.credit)
                for line in invoice.warranty_claim_move_id.line_ids
            },
            {in_progress: (60.0, 0.0), company.expense_account_id: (0.0, 60.0)},
        )
