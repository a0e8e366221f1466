# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    warranty_claim_journal_id = fields.Many2one(
        "account.journal",
        string="Warranty Claim Journal",
        domain="[('type', '=', 'general')]",
        check_company=True,
        help="Journal of the 'claim in progress' entries posted at invoicing and of "
        "the entries clearing them when a claim is settled.",
    )
    warranty_claim_in_progress_account_id = fields.Many2one(
        "account.account",
        string="Claims in Progress Account",
        check_company=True,
        help="Account debited with the claim amount when a warranty line is invoiced "
        "and credited when the claim is settled.",
    )
    warranty_claim_charge_account_id = fields.Many2one(
        "account.account",
        string="Internal Claim Charge Account",
        check_company=True,
        help="Counterpart of the claims in progress: the cost of the parts given "
        "under warranty, recovered from the claim payer.",
    )

    def _get_warranty_claim_journal(self):
        """Journal for claim entries: the configured one, else a miscellaneous journal."""
        self.ensure_one()
        return self.warranty_claim_journal_id or self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.id)], limit=1
        )

    def _get_warranty_claim_in_progress_account(self):
        """Claims in progress: the configured account, else the first current asset."""
        self.ensure_one()
        return self.warranty_claim_in_progress_account_id or self.env[
            "account.account"
        ].with_company(self).search(
            [
                *self.env["account.account"]._check_company_domain(self),
                ("account_type", "=", "asset_current"),
            ],
            order="code",
            limit=1,
        )

    def _get_warranty_claim_charge_account(self):
        """Internal claim charge: the configured account, else the default expense."""
        self.ensure_one()
        return self.warranty_claim_charge_account_id or self.expense_account_id
