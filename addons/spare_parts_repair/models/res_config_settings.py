# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spare_parts_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Spare Parts Currency"
    )
    spare_parts_labour_rate = fields.Monetary(
        related="company_id.spare_parts_labour_rate",
        currency_field="spare_parts_currency_id",
        readonly=False,
    )
