# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "spare.parts.action.fields.mixin"]

    spare_parts_grade = fields.Selection(
        [("new", "New"), ("refurbished", "Refurbished")],
        string="Quality Grade",
        default="new",
        tracking=True,
    )
    spare_parts_refurbish_count = fields.Integer(string="Times Refurbished", readonly=True)

    def _get_action_fields(self):
        """A unit is graded by the repair that refurbished it, not by hand."""
        return {"spare_parts_grade", "spare_parts_refurbish_count"}

    def action_view_spare_parts_history(self):
        """Every trip of this unit: shipments, installations, removals, repairs."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spare_parts_repair.stock_move_line_action_part_history"
        )
        action["domain"] = [("lot_id", "=", self.id), ("state", "=", "done")]
        action["display_name"] = self.env._("History of %(lot)s", lot=self.name)
        return action
