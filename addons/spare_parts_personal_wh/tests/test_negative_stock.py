# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tools.safe_eval import safe_eval

from .common import PersonalWarehouseCommon


class TestSpareParts22NegativeStockCauses(PersonalWarehouseCommon):
    """SP-22: each negative quant of the investigation list names the moves
    and documents that took it below zero."""

    def _move(self, source, destination, qty, ticket=None):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.spw.int_type_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "spare_parts_ticket_id": ticket.id if ticket else False,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part_plain.id,
                            "product_uom_qty": qty,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "spare_parts_ticket_id": ticket.id if ticket else False,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(picking.state, "done")
        return picking

    def test_SP_22_negative_quant_links_the_moves_that_made_it(self):
        self._move(self.spw_stock, self.van_2, 1)
        first = self._move(self.van_2, self.customers, 3, ticket=self.ticket)
        self._move(self.spw_stock, self.van_2, 1)
        second = self._move(self.van_2, self.customers, 1)
        self.assertStock(self.part_plain, {self.van_2: -2.0})

        action = self.env.ref("spare_parts_personal_wh.stock_quant_action_negative")
        self.env.invalidate_all()
        negative = self.env["stock.quant"].with_user(self.admin).search(safe_eval(action.domain))
        self.assertEqual(negative.location_id, self.van_2)
        self.assertEqual(negative.spare_parts_negative_move_ids, first.move_ids | second.move_ids)
        self.assertEqual(
            negative.spare_parts_negative_origin,
            f"{first.name} (work order {self.ticket.display_name}), {second.name}",
        )
        causes = negative.action_view_spare_parts_negative_causes()
        self.assertEqual(
            self.env["stock.move"].search(causes["domain"]), first.move_ids | second.move_ids
        )

        # Back to zero, then below again: only the new move is the cause.
        self._move(self.spw_stock, self.van_2, 2)
        third = self._move(self.van_2, self.customers, 1)
        self.env.invalidate_all()
        negative = self.env["stock.quant"].search(safe_eval(action.domain))
        self.assertEqual(negative.spare_parts_negative_move_ids, third.move_ids)
