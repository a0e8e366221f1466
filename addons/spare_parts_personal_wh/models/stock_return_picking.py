# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class StockReturnPicking(models.TransientModel):
    """Inventory's return wizard on a leg of a parts request, return or
    transfer: the received parts go straight back where the document took them
    from, and the document counts them as returned."""

    _inherit = "stock.return.picking"

    def _create_return(self):
        self._spare_parts_check_return()
        return super()._create_return()

    def _prepare_picking_default_values(self):
        vals = super()._prepare_picking_default_values()
        if self.picking_id.spare_parts_leg == "inbound":
            vals.update(self.picking_id.sudo()._spare_parts_prepare_return_vals())
        return vals

    def _spare_parts_check_return(self):
        """Only received parts go back: an outbound leg's parts moved on
        through transit under the inbound leg, and a return is not returned
        again (a new document sends the parts anew)."""
        picking = self.picking_id.sudo()
        leg = picking.spare_parts_leg
        if not leg:
            return
        documents = ", ".join(d.name for d in picking._spare_parts_get_documents())
        if leg != "inbound":
            raise UserError(
                self.env._(
                    "%(picking)s is not where the parts of %(documents)s arrived; return them "
                    "from its received inbound leg.",
                    picking=picking.name,
                    documents=documents,
                )
            )
        if picking._spare_parts_get_return_destination() == picking.location_dest_id:
            raise UserError(
                self.env._(
                    "%(picking)s: the parts of %(documents)s are already back where they came "
                    "from.",
                    picking=picking.name,
                    documents=documents,
                )
            )
        self.product_return_moves._spare_parts_check_returnable()
