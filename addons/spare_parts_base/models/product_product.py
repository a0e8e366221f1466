# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Domain


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _get_spare_parts_search_domain(self, text):
        """SP-26: one search over SKU (internal reference), barcode, description
        and any vendor's product code."""
        return Domain.OR(
            [
                Domain("default_code", "ilike", text),
                Domain("barcode", "=", text),
                Domain("name", "ilike", text),
                Domain("description", "ilike", text),
                Domain("product_tmpl_id.seller_ids", "any", [("product_code", "ilike", text)]),
            ]
        )

    @api.model
    def _spare_parts_search(self, text, limit=None):
        return self.search(
            Domain("spare_parts_is_part", "=", True) & self._get_spare_parts_search_domain(text),
            limit=limit,
        )

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        result = super().name_search(name, domain, operator, limit)
        if not (name and operator == "ilike" and self.env.context.get("spare_parts_search")):
            return result
        if limit and len(result) >= limit:
            return result
        found = {product_id for product_id, _name in result}
        extra = self.search(
            Domain(domain or Domain.TRUE)
            & self._get_spare_parts_search_domain(name)
            & Domain("id", "not in", list(found)),
            limit=limit and limit - len(result),
        )
        return result + [(product.id, product.display_name) for product in extra.sudo()]
