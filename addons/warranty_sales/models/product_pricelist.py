# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductPricelist(models.Model):
    """Payer agreements are pricelists holding claim prices. They price claims,
    never a customer's quotation: Odoo must not pick one as anybody's default."""

    _inherit = "product.pricelist"

    is_warranty_agreement = fields.Boolean(
        string="Claim Payer Agreement",
        help="Prices warranty claims for a claim payer; never offered as a customer's "
        "default pricelist.",
    )

    @api.model
    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        return super()._get_partner_pricelist_multi_search_domain_hook(company_id) + [
            ("is_warranty_agreement", "=", False)
        ]
