# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    warranty_claim_journal_id = fields.Many2one(
        related="company_id.warranty_claim_journal_id", readonly=False
    )
    warranty_claim_in_progress_account_id = fields.Many2one(
        related="company_id.warranty_claim_in_progress_account_id", readonly=False
    )
    warranty_claim_charge_account_id = fields.Many2one(
        related="company_id.warranty_claim_charge_account_id", readonly=False
    )

    def set_values(self):
        """Payer agreements price claims, not sales: switching Odoo's pricelist
        feature off archives every pricelist, never these."""
        agreements = (
            self.env["product.pricelist"].sudo().search([("is_warranty_agreement", "=", True)])
        )
        res = super().set_values()
        agreements.filtered(lambda pricelist: not pricelist.active).action_unarchive()
        return res
