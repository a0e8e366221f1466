# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts13Request(PersonalWarehouseCommon):
    """SP-13 requests, SP-17 transfer order rule, SP-24 logistics, SP-21 serials."""

    def test_SP_13_standard_request_from_virtual_supply(self):
        request = self._request([(self.part_plain, 4, None)], ticket=self.ticket)
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertIn("Parts requested", self.ticket.message_ids[0].body)
        request.with_user(self.admin).action_approve()
        # Standard mode: company stock is not tracked, the parts ship at once.
        self.assertEqual(request.line_ids.qty_shipped, 4)
        self.assertEqual(request.line_ids.qty_received, 0)
        self.assertStock(self.part_plain, {self.transit: 4, self.van_1: 0, self.spw_stock: 10})
        request.with_user(self.engineer).action_receive()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.line_ids.qty_received, 4)
        self.assertStock(self.part_plain, {self.transit: 0, self.van_1: 4, self.spw_stock: 10})

    def test_SP_13_advanced_request_ships_from_warehouse_with_backorder(self):
        self._advanced()
        request = self._request([(self.part_plain, 6, None)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertStock(self.part_plain, {self.spw_stock: 10, self.transit: 0})
        # Partial shipment: 4 now, 2 on a backorder.
        request.line_ids.with_user(self.admin).qty_to_ship = 4
        request.with_user(self.admin).action_ship()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertEqual(request.line_ids.qty_shipped, 4)
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})
        self.assertEqual(request.state, "approved")
        request.with_user(self.admin).action_ship()
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})
        self.assertEqual(request.state, "done")
        self.assertEqual(request.line_ids.qty_received, 6)
        self.assertEqual(request.picking_count, 4)

    def test_SP_13_advanced_cannot_ship_more_than_warehouse_holds(self):
        self._advanced()
        request = self._request([(self.part_plain, 11, None)])
        request.action_submit()
        with self.assertRefused(
            UserError, r"SPW/Stock holds 10.0 Units of \[SP-AF\] Air Filter; 11.0 Units needed."
        ):
            request.with_user(self.admin).action_approve()
        self.assertEqual(request.state, "submitted")
        self.assertStock(self.part_plain, {self.spw_stock: 10, self.transit: 0})

    def test_SP_21_serials_travel_with_the_request(self):
        self._advanced()
        request = self._request([(self.part_serial, 2, self.serial_1 | self.serial_2)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        request.with_user(self.admin).action_ship()
        self.assertStock(self.part_serial, {self.transit: 1}, lot=self.serial_1)
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_serial, {self.van_1: 1, self.spw_stock: 0}, lot=self.serial_1)
        self.assertStock(self.part_serial, {self.van_1: 1, self.spw_stock: 0}, lot=self.serial_2)
        self.assertStock(self.part_serial, {self.spw_stock: 1}, lot=self.serial_3)

    def test_SP_21_standard_needs_serials_to_ship(self):
        request = self._request([(self.part_serial, 1, None)])
        request.action_submit()
        with self.assertRefused(UserError, r"enter the serial numbers shipped for \[SP-CB\]"):
            request.with_user(self.admin).action_approve()

    def test_SP_17_auto_confirm_inbound(self):
        self._advanced()
        self.company.spare_parts_auto_confirm_inbound = True
        request = self._request([(self.part_plain, 2, None)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        request.with_user(self.admin).action_ship()
        self.assertEqual(request.state, "done")
        self.assertStock(self.part_plain, {self.van_1: 2, self.transit: 0, self.spw_stock: 8})

    def test_SP_17_manual_inbound_by_default(self):
        self._advanced()
        request = self._request([(self.part_plain, 2, None)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        request.with_user(self.admin).action_ship()
        inbound = request._get_pickings().filtered(lambda p: p.spare_parts_leg == "inbound")
        self.assertEqual(inbound.state, "assigned")
        self.assertEqual(inbound.location_dest_id, self.van_1)
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 2})

    def test_SP_24_carrier_and_tracking_follow_the_shipment(self):
        self._advanced()
        request = self._request([(self.part_plain, 1, None)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        outbound = request.with_user(self.admin)._get_pickings()
        outbound.write(
            {
                "spare_parts_carrier": "DHL",
                "spare_parts_tracking_ref": "JD0001",
                "spare_parts_logistics_state": "in_transit",
            }
        )
        request.with_user(self.admin).action_ship()
        inbound = request._get_pickings().filtered(lambda p: p.spare_parts_leg == "inbound")
        self.assertEqual(
            (inbound.spare_parts_carrier, inbound.spare_parts_tracking_ref), ("DHL", "JD0001")
        )

    def test_SP_13_request_refusals(self):
        empty = self._request([])
        with self.assertRefused(UserError, "has no parts"):
            empty.action_submit()
        request = self._request([(self.part_plain, 1, None)])
        with self.assertRefused(UserError, "Approving is not possible for .* in state Draft"):
            request.with_user(self.admin).action_approve()
        request.action_submit()
        request.with_user(self.admin).action_approve()
        with self.assertRefused(UserError, "already shipped parts; return them"):
            request.action_cancel()

    def test_SP_07_request_rule_applies_to_requests(self):
        self.company.spare_parts_request_rule = True
        request = self._request([(self.part_plain, 1, None)], ticket=self.ticket)
        with self.assertRefused(UserError, r"\[SP-AF\] Air Filter is not in the service BOM"):
            request.action_submit()
        self.assertEqual(request.state, "draft")

    def test_SP_13_engineer_without_personal_warehouse(self):
        engineer_3 = self._new_user("sp_engineer_3", "spare_parts_base.group_spare_parts_engineer")
        request = self._request([(self.part_plain, 1, None)], engineer=engineer_3)
        with self.assertRefused(UserError, "has no personal warehouse to receive request"):
            request.action_submit()
