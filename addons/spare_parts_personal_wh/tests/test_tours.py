# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The engineer's and the administrator's daily flows in a real browser
(static/tests/tours); the stock they moved is checked here afterwards."""

from odoo.tests import HttpCase, tagged

from .common import PersonalWarehouseCommon


@tagged("post_install", "-at_install")
class TestPersonalWarehouseTours(PersonalWarehouseCommon, HttpCase):
    def _requests_of(self, engineer):
        return self.env["spare.parts.request"].search([("engineer_id", "=", engineer.id)])

    def test_engineer_requests_and_consumes_parts(self):
        """Request 3 filters for the work order, acknowledge them once shipped,
        consume 2 on the work order: 1 stays in the van, 2 are at the customer."""
        self.start_tour(
            "/odoo/spare-parts-requests", "spare_parts_engineer_request", login="sp_engineer"
        )
        self.env.invalidate_all()
        request = self._requests_of(self.engineer)
        self.assertRecordValues(
            request,
            [
                {
                    "state": "submitted",
                    "ticket_id": self.ticket.id,
                    "location_dest_id": self.van_1.id,
                }
            ],
        )
        self.assertRecordValues(
            request.line_ids, [{"product_id": self.part_plain.id, "quantity": 3}]
        )
        self.assertIn(
            f"Parts requested ({request.name})", "".join(self.ticket.message_ids.mapped("body"))
        )
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0})

        request.with_user(self.admin).action_approve()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 3})

        self.start_tour(
            "/odoo/spare-parts-requests", "spare_parts_engineer_consume", login="sp_engineer"
        )
        self.env.invalidate_all()
        self.assertEqual(request.state, "done")
        line = self.ticket.part_line_ids
        self.assertRecordValues(
            line,
            [{"product_id": self.part_plain.id, "quantity": 2, "state": "consumed"}],
        )
        self.assertRecordValues(
            line.move_ids,
            [{"state": "done", "quantity": 2, "location_dest_id": self.customers.id}],
        )
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0})

    def test_admin_ships_part_of_a_request(self):
        """Advanced mode: the administrator approves a request for 6 filters and
        ships 4 from the spare parts warehouse; 2 wait on a backorder."""
        self._advanced()
        request = self._request([(self.part_plain, 6, None)])
        request.action_submit()
        self.start_tour("/odoo/spare-parts-requests", "spare_parts_admin_ship", login="sp_admin")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.line_ids.qty_shipped, 4)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertEqual(request.picking_count, 3)
        backorder = request._get_open_outbound()
        self.assertRecordValues(
            backorder.move_ids,
            [{"product_uom_qty": 2, "location_id": self.spw_stock.id, "state": "assigned"}],
        )
