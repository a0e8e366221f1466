# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SparePartsRepairScrap(models.TransientModel):
    """Ask why a unit cannot be refurbished, then scrap it."""

    _name = "spare.parts.repair.scrap"
    _description = "Scrap a Unit That Failed Repair"

    repair_id = fields.Many2one("repair.order", required=True)
    reason = fields.Char(required=True)

    def action_scrap(self):
        self.ensure_one()
        self.repair_id.action_scrap_unit(self.reason)
        return {"type": "ir.actions.act_window_close"}
