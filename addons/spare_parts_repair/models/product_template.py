# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    spare_parts_refurbish_line_ids = fields.One2many(
        "spare.parts.refurbish.line",
        "product_tmpl_id",
        string="Refurbishment Parts",
        help="Parts a repair plan adds to every repair order of this part.",
    )
    spare_parts_refurbish_hours = fields.Float(
        string="Refurbishment Labour (hours)",
        help="Labour a repair plan expects per unit; costed at the company's rate.",
    )
