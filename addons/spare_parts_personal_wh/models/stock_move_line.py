# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        """Serials written on a move of a transfer (the suite's shipments name
        them this way) belong to that transfer too: Odoo sets the transfer only
        on the lines it reserves itself, and Inventory's screens show, check and
        validate a transfer's lines."""
        move_ids = {vals["move_id"] for vals in vals_list if vals.get("move_id")}
        pickings = {move.id: move.picking_id.id for move in self.env["stock.move"].browse(move_ids)}
        for vals in vals_list:
            if vals.get("move_id") and not vals.get("picking_id") and pickings[vals["move_id"]]:
                vals["picking_id"] = pickings[vals["move_id"]]
        return super().create(vals_list)
