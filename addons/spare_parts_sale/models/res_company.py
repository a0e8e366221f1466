# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    spare_parts_bill_on_close = fields.Selection(
        [
            ("none", "Do Not Bill"),
            ("quotation", "Create a Quotation"),
            ("invoice", "Create an Invoice"),
        ],
        string="Bill Work Orders at Close",
        default="none",
        required=True,
        help="What closing a work order does with its consumed parts and labour "
        "not billed yet (SP-28).",
    )
    spare_parts_labour_product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        domain="[('type', '=', 'service')]",
        check_company=True,
        help="Service product billed for the labour hours of a work order; leave "
        "empty to bill parts only.",
    )
