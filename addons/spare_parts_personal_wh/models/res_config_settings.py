# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spare_parts_warehouse_id = fields.Many2one(
        related="company_id.spare_parts_warehouse_id", readonly=False
    )
    spare_parts_old_parts_via_van = fields.Boolean(
        related="company_id.spare_parts_old_parts_via_van", readonly=False
    )

    spare_parts_integration_vans = fields.Boolean(
        related="company_id.spare_parts_integration_vans", readonly=False
    )

    def action_create_personal_warehouses(self):
        """Settings button: one personal warehouse for every engineer without one."""
        self.env["res.users"]._create_missing_personal_warehouses(self.company_id)
        return {"type": "ir.actions.client", "tag": "reload"}
