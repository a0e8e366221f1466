# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    spare_parts_labour_rate = fields.Monetary(
        string="Refurbishment Labour Rate (per hour)",
        currency_field="currency_id",
    )
