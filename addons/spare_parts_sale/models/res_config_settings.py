# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spare_parts_bill_on_close = fields.Selection(
        related="company_id.spare_parts_bill_on_close", readonly=False
    )
    spare_parts_labour_product_id = fields.Many2one(
        related="company_id.spare_parts_labour_product_id", readonly=False
    )
