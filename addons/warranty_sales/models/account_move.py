# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AccountMove(models.Model):
    _inherit = "account.move"

    warranty_claim_move_id = fields.Many2one(
        "account.move",
        string="Claim in Progress Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Entry posted with this invoice for the claim amount of its warranty lines.",
    )

    def _get_move_lines_to_report(self):
        # The internal claim charge is the company's business with the claim
        # payer: the customer's invoice (PDF and portal page) does not print it.
        lines = super()._get_move_lines_to_report()
        return lines.filtered(lambda line: not line._warranty_is_internal_line())

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._warranty_post_claim_in_progress()
        return posted

    def button_draft(self):
        res = super().button_draft()
        self._warranty_reverse_claim_in_progress()
        return res

    def _warranty_reverse_claim_in_progress(self):
        """An invoice back to draft takes its claim in progress back: the entry
        is reversed and booked again when the invoice is posted again."""
        invoices = self.filtered("warranty_claim_move_id")
        for invoice in invoices:
            entry = invoice.warranty_claim_move_id
            label = self.env._("Reversal of %(entry)s", entry=entry.ref)
            reversal = entry._reverse_moves([{"ref": label, "date": entry.date}])
            reversal.action_post()
        invoices.warranty_claim_move_id = False

    def _warranty_get_claim_amount(self):
        """Claim amount of an invoice: minus the internal claim charges it shows."""
        self.ensure_one()
        charges = self.invoice_line_ids.filtered("warranty_charge_sale_line_id")
        return -sum(charges.mapped("warranty_claim_charge_amount"))

    def _warranty_post_claim_in_progress(self):
        invoices = self.filtered(
            lambda move: move.move_type in ("out_invoice", "out_refund")
            and not move.warranty_claim_move_id
            and move.invoice_line_ids.filtered("warranty_charge_sale_line_id")
        )
        for invoice in invoices:
            amount = invoice._warranty_get_claim_amount()
            if invoice.company_id.currency_id.is_zero(amount):
                continue
            entry = self.create(invoice._prepare_warranty_claim_move_vals(amount))
            entry.action_post()
            invoice.warranty_claim_move_id = entry

    def _prepare_warranty_claim_move_vals(self, amount):
        """Claim in progress: debit the claims in progress, credit the internal
        claim charge (reversed for a credit note)."""
        self.ensure_one()
        company = self.company_id
        journal = company._get_warranty_claim_journal()
        in_progress = company._get_warranty_claim_in_progress_account()
        charge = company._get_warranty_claim_charge_account()
        if not (journal and in_progress and charge):
            raise UserError(
                self.env._(
                    "Invoice %(invoice)s carries a claim amount of %(amount)s but the claim "
                    "in progress cannot be booked: set the warranty claim journal and "
                    "accounts in the Warranty settings.",
                    invoice=self.name,
                    amount=amount,
                )
            )
        sign = -1 if self.move_type == "out_refund" else 1
        amount *= sign
        label = self.env._("Claim in progress for %(invoice)s", invoice=self.name)
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "date": self.date,
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": in_progress.id,
                        "debit": max(amount, 0.0),
                        "credit": max(-amount, 0.0),
                    }
                ),
                Command.create(
                    {
                        "name": label,
                        "account_id": charge.id,
                        "debit": max(-amount, 0.0),
                        "credit": max(amount, 0.0),
                    }
                ),
            ],
        }
