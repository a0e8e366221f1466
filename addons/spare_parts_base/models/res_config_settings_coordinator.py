# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spare_parts_coordinator_id = fields.Many2one(
        related="company_id.spare_parts_coordinator_id", readonly=False
    )
