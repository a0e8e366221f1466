# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class StockReturnPickingLine(models.TransientModel):
    _inherit = "stock.return.picking.line"

    def _prepare_move_default_values(self, new_picking):
        """The return move stays a move of the document line it returns."""
        vals = super()._prepare_move_default_values(new_picking)
        if self.move_id.spare_parts_leg == "inbound":
            for fname in self.move_id._spare_parts_line_fields():
                if self.move_id[fname]:
                    vals[fname] = self.move_id[fname].id
        return vals

    def _spare_parts_check_returnable(self):
        """No part goes back twice: at most what the move received and is not
        returned (or on an open return) yet."""
        errors = []
        for line in self.filtered("move_id"):
            move = line.move_id.sudo()
            returned = sum(
                (
                    returned_move.product_uom._compute_quantity(
                        returned_move.product_uom_qty, move.product_uom
                    )
                    for returned_move in move.returned_move_ids.filtered(
                        lambda m: m.state != "cancel"
                    )
                ),
                0.0,
            )
            left = move.quantity - returned
            qty = line.uom_id._compute_quantity(line.quantity, move.product_uom)
            if move.product_uom.compare(qty, left) > 0:
                errors.append(
                    self.env._(
                        "%(picking)s: %(received)s %(uom)s of %(part)s were received and "
                        "%(returned)s returned already; at most %(left)s can go back, not "
                        "%(qty)s.",
                        picking=move.picking_id.name,
                        received=move.quantity,
                        returned=returned,
                        left=left,
                        qty=line.quantity,
                        uom=move.product_uom.name,
                        part=move.product_id.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
