# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    spare_parts_coordinator_id = fields.Many2one(
        "res.users",
        string="Inventory Coordinator",
        domain="[('share', '=', False)]",
        help="Receives the engineers' requests to add parts to the catalogue (SP-26).",
    )
