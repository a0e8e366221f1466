# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    spare_parts_van_qty = fields.Float(
        string="In My Van",
        digits="Spare Parts",
        compute="_compute_spare_parts_van_qty",
        help="Free quantity in your default personal warehouse: what you can install "
        "without requesting it.",
    )

    @api.depends_context("uid", "company")
    def _compute_spare_parts_van_qty(self):
        van = self.env.user._get_spare_parts_location(self.env.company)
        available = (
            self.env["stock.quant"]._spare_parts_available(van, self) if van and self.ids else {}
        )
        for product in self:
            product.spare_parts_van_qty = sum(
                qty for (_loc, prod, _lot), qty in available.items() if prod == product
            )
