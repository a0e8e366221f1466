# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import UserError
from odoo.tests import Form

from .common import PersonalWarehouseCommon


class TestFollowInventory(PersonalWarehouseCommon):
    """SP-13 requests, SP-16 returns and SP-11 transfers follow what an inventory
    user does to their shipments in Inventory: validate them in full or in part
    (with or without backorder), cancel them, return them with Odoo's wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment_type = cls.company.spare_parts_picking_type_id
        cls.company.spare_parts_personal_transfer = True

    # ------------------------------------------------------------ helpers
    def _legs(self, document, leg):
        return document.sudo()._get_pickings().filtered(lambda p: p.spare_parts_leg == leg)

    def _open_leg(self, document, leg):
        return self._legs(document, leg).filtered(lambda p: p.state not in ("done", "cancel"))

    def _ask_backorder(self):
        """The company lets Odoo ask about backorders on spare parts shipments."""
        self.shipment_type.create_backorder = "ask"

    def _validate(self, picking, qty=None, backorder=None, user=None):
        """The inventory user (the administrator unless ``user``) validates
        ``picking`` in Inventory, ``qty`` set on its move first; ``backorder``
        answers Odoo's backorder question (True: create one, False: no
        backorder), which must come exactly then."""
        user = user or self.admin
        picking = picking.with_user(user)
        if qty is not None:
            picking.move_ids.quantity = qty
        result = picking.button_validate()
        asked = isinstance(result, dict) and result["res_model"] == "stock.backorder.confirmation"
        self.assertEqual(asked, backorder is not None)
        if asked:
            wizard = Form(
                self.env["stock.backorder.confirmation"]
                .with_user(user)
                .with_context(**result["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()

    def _return_in_inventory(self, picking, qty):
        """The inventory user returns ``qty`` of ``picking`` with Odoo's wizard."""
        wizard = (
            self.env["stock.return.picking"]
            .with_user(self.admin)
            .with_context(
                active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
            )
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves.quantity = qty
        action = wizard.action_create_returns()
        return self.env["stock.picking"].browse(action["res_id"])

    def assertDocument(self, document, state, **quantities):
        """State and line quantities (shipped, received, returned, cancelled;
        0 unless given) of a one-line document, read as a new request would."""
        self.env.invalidate_all()
        self.assertEqual(document.state, state)
        line = document.line_ids
        expected = dict.fromkeys(("shipped", "received", "returned", "cancelled"), 0.0)
        expected.update(quantities)
        self.assertEqual({key: line[f"qty_{key}"] for key in expected}, expected)

    def _stranded_message(self, picking, document):
        return re.escape(
            f"{picking.name} carries parts of {document.name} that are already in transit: "
            "receive them all (a transfer may be rejected instead); cancelling would leave "
            "them in the transit location."
        )

    def _approved_request(self, qty):
        request = self._request([(self.part_plain, qty, None)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        return request

    def _sent_return(self, qty):
        """3 air filters delivered to the van (Advanced), ``qty`` sent back."""
        self._deliver_to_van([(self.part_plain, 3, None)])
        document = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": "unused",
                    "line_ids": [(0, 0, {"product_id": self.part_plain.id, "quantity": qty})],
                }
            )
        )
        document.action_send()
        return document

    def _sent_transfer(self, qty):
        """4 air filters delivered to the first van, ``qty`` sent to engineer 2."""
        self._deliver_to_van([(self.part_plain, 4, None)])
        transfer = (
            self.env["spare.parts.transfer"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "receiver_id": self.engineer_2.id,
                    "line_ids": [(0, 0, {"product_id": self.part_plain.id, "quantity": qty})],
                }
            )
        )
        transfer.action_send()
        return transfer

    # ------------------------------------------------------------ SP-13 requests
    def test_SP_13_request_follows_validation_in_inventory(self):
        self._advanced()
        request = self._approved_request(6)
        self._validate(self._open_leg(request, "outbound"))
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 6, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=6)
        self.assertEqual(request.shipping_status, "shipped")
        # Nothing ships twice.
        with self.assertRefused(UserError, "has nothing left to ship"):
            request.with_user(self.admin).action_ship()
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 6, self.van_1: 0})
        self._validate(self._open_leg(request, "inbound"))
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})
        self.assertDocument(request, "done", shipped=6, received=6)
        self.assertEqual(request.shipping_status, "received")
        with self.assertRefused(
            UserError, "Acknowledging receipt is not possible for .* in state Received"
        ):
            request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})

    def test_SP_13_request_follows_inventory_user_without_spare_parts_role(self):
        """A warehouse clerk (Inventory user only) ships and receives in
        Inventory: the request follows though he may not open it."""
        self._advanced()
        clerk = self._new_user("sp_clerk", "stock.group_stock_user")
        request = self._approved_request(6)
        self._validate(self._open_leg(request, "outbound"), qty=4, user=clerk)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=4)
        self._validate(self._open_leg(request, "outbound"), user=clerk)
        for inbound in self._open_leg(request, "inbound"):
            self._validate(inbound, user=clerk)
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})
        self.assertDocument(request, "done", shipped=6, received=6)
        self.assertEqual(request.shipping_status, "received")

    def test_SP_13_request_serials_follow_validation_in_inventory(self):
        self._advanced()
        serials = self.serial_1 | self.serial_2
        request = self._request([(self.part_serial, 2, serials)])
        request.action_submit()
        request.with_user(self.admin).action_approve()
        outbound = self._open_leg(request, "outbound")
        # Inventory shows (and validates) the serials the request names.
        self.assertEqual(outbound.with_user(self.admin).move_line_ids.lot_id, serials)
        self._validate(outbound)
        for lot in serials:
            self.assertStock(self.part_serial, {self.spw_stock: 0, self.transit: 1}, lot=lot)
        inbound = self._open_leg(request, "inbound")
        self.assertEqual(inbound.with_user(self.admin).move_line_ids.lot_id, serials)
        self._validate(inbound)
        for lot in serials:
            self.assertStock(self.part_serial, {self.transit: 0, self.van_1: 1}, lot=lot)
        self.assertStock(self.part_serial, {self.spw_stock: 1}, lot=self.serial_3)
        self.assertDocument(request, "done", shipped=2, received=2)

    def test_SP_13_request_follows_backorder_in_inventory(self):
        self._advanced()
        self._ask_backorder()
        request = self._approved_request(6)
        self._validate(self._open_leg(request, "outbound"), qty=4, backorder=True)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=4)
        self.assertEqual(request.shipping_status, "partial")
        backorder = self._open_leg(request, "outbound")
        self.assertEqual(backorder.move_ids.product_uom_qty, 2)
        self.assertTrue(request.can_ship)
        # The suite ships the rest from the backorder.
        request.with_user(self.admin).action_ship()
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 6, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=6)
        self.assertEqual(request.shipping_status, "shipped")
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})
        self.assertDocument(request, "done", shipped=6, received=6)

    def test_SP_13_request_follows_no_backorder_in_inventory(self):
        self._advanced()
        self._ask_backorder()
        request = self._approved_request(6)
        self._validate(self._open_leg(request, "outbound"), qty=4, backorder=False)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=4, cancelled=2)
        self.assertEqual(request.shipping_status, "shipped")
        self.assertFalse(self._open_leg(request, "outbound"))
        with self.assertRefused(UserError, "has nothing left to ship"):
            request.with_user(self.admin).action_ship()
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})
        self.assertDocument(request, "done", shipped=4, received=4, cancelled=2)
        self.assertEqual(request.shipping_status, "received")

    def test_SP_13_request_follows_cancel_in_inventory(self):
        self._advanced()
        request = self._approved_request(6)
        self._open_leg(request, "outbound").with_user(self.admin).action_cancel()
        self.assertStock(self.part_plain, {self.spw_stock: 10, self.transit: 0})
        self.assertDocument(request, "cancel", cancelled=6)
        self.assertEqual(request.shipping_status, "none")
        with self.assertRefused(UserError, "Shipping is not possible for .* in state Cancelled"):
            request.with_user(self.admin).action_ship()
        # Part shipped, the backorder cancelled in Inventory: the rest never ships.
        request = self._approved_request(6)
        self._validate(self._open_leg(request, "outbound"), qty=4)
        self._open_leg(request, "outbound").with_user(self.admin).action_cancel()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertDocument(request, "approved", shipped=4, cancelled=2)
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})
        self.assertDocument(request, "done", shipped=4, received=4, cancelled=2)

    def test_SP_13_request_parts_in_transit_cannot_be_dropped(self):
        request = self._approved_request(4)
        inbound = self._open_leg(request, "inbound")
        self.assertStock(self.part_plain, {self.transit: 4, self.van_1: 0})
        message = self._stranded_message(inbound, request)
        with self.assertRefused(UserError, message):
            inbound.with_user(self.admin).action_cancel()
        self._ask_backorder()
        with self.assertRefused(UserError, message):
            self._validate(inbound, qty=3, backorder=False)
        self.assertStock(self.part_plain, {self.transit: 4, self.van_1: 0})
        self.assertEqual(inbound.state, "assigned")
        self.assertDocument(request, "approved", shipped=4)
        # Part received from Inventory, the rest by the engineer.
        self._validate(inbound, qty=3, backorder=True)
        self.assertStock(self.part_plain, {self.transit: 1, self.van_1: 3})
        self.assertDocument(request, "approved", shipped=4, received=3)
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.transit: 0, self.van_1: 4})
        self.assertDocument(request, "done", shipped=4, received=4)

    def test_SP_13_request_follows_return_in_inventory(self):
        self._advanced()
        request = self._deliver_to_van([(self.part_plain, 6, None)])
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.transit: 0, self.van_1: 6})
        outbound, inbound = self._legs(request, "outbound"), self._legs(request, "inbound")
        with self.assertRefused(
            UserError,
            re.escape(
                f"{outbound.name} is not where the parts of {request.name} arrived; return "
                "them from its received inbound leg."
            ),
        ):
            self._return_in_inventory(outbound, 1)
        with self.assertRefused(
            UserError,
            re.escape(
                f"{inbound.name}: 6.0 Units of [SP-AF] Air Filter were received and 0.0 "
                "returned already; at most 6.0 can go back, not 7.0."
            ),
        ):
            self._return_in_inventory(inbound, 7)
        returned = self._return_in_inventory(inbound, 2)
        self.assertEqual(
            (returned.spare_parts_request_id, returned.spare_parts_leg, returned.location_dest_id),
            (request, "return", self.spw_stock),
        )
        self.assertStock(self.part_plain, {self.spw_stock: 4, self.van_1: 6})
        self._validate(returned)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})
        self.assertDocument(request, "done", shipped=6, received=6, returned=2)
        # No part goes back twice.
        with self.assertRefused(UserError, r"at most 4.0 can go back, not 5.0\."):
            self._return_in_inventory(inbound, 5)
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})

    # ------------------------------------------------------------ SP-16 returns
    def test_SP_16_return_follows_validation_in_inventory(self):
        self._advanced()
        document = self._sent_return(3)
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 3, self.spw_stock: 7})
        self.assertDocument(document, "sent", shipped=3)
        self._validate(self._open_leg(document, "inbound"))
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})
        self.assertDocument(document, "done", shipped=3, received=3)
        with self.assertRefused(UserError, "Receiving is not possible for .* in state Received"):
            document.with_user(self.admin).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})

    def test_SP_16_return_follows_backorder_in_inventory(self):
        self._advanced()
        self._ask_backorder()
        document = self._sent_return(3)
        self._validate(self._open_leg(document, "inbound"), qty=2, backorder=True)
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 1, self.spw_stock: 9})
        self.assertDocument(document, "sent", shipped=3, received=2)
        # The administrator receives the rest with the suite's button.
        document.with_user(self.admin).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})
        self.assertDocument(document, "done", shipped=3, received=3)

    def test_SP_16_return_parts_in_transit_cannot_be_dropped(self):
        self._advanced()
        self._ask_backorder()
        document = self._sent_return(3)
        inbound = self._open_leg(document, "inbound")
        message = self._stranded_message(inbound, document)
        with self.assertRefused(UserError, message):
            inbound.with_user(self.admin).action_cancel()
        with self.assertRefused(UserError, message):
            self._validate(inbound, qty=1, backorder=False)
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 3, self.spw_stock: 7})
        self.assertDocument(document, "sent", shipped=3)
        document.with_user(self.admin).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})
        self.assertDocument(document, "done", shipped=3, received=3)

    def test_SP_16_return_follows_return_in_inventory(self):
        self._advanced()
        document = self._sent_return(3)
        document.with_user(self.admin).action_receive()
        inbound = self._legs(document, "inbound")
        returned = self._return_in_inventory(inbound, 1)
        self.assertEqual(returned.location_dest_id, self.van_1)
        self._validate(returned)
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0, self.spw_stock: 9})
        self.assertDocument(document, "done", shipped=3, received=3, returned=1)

    # ------------------------------------------------------------ SP-11 transfers
    def test_SP_11_transfer_follows_validation_in_inventory(self):
        transfer = self._sent_transfer(3)
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 3, self.van_2: 0})
        self.assertEqual(transfer.activity_ids.user_id, self.engineer_2)
        self._validate(self._open_leg(transfer, "inbound"))
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0, self.van_2: 3})
        self.assertDocument(transfer, "done", shipped=3, received=3)
        self.assertFalse(transfer.activity_ids)
        with self.assertRefused(UserError, "Accepting is not possible for .* in state Accepted"):
            transfer.with_user(self.engineer_2).action_accept()
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0, self.van_2: 3})

    def test_SP_11_transfer_follows_backorder_in_inventory(self):
        transfer = self._sent_transfer(3)
        # Spare parts shipments always keep a backorder: Odoo does not ask.
        self._validate(self._open_leg(transfer, "inbound"), qty=2)
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 1, self.van_2: 2})
        self.assertDocument(transfer, "sent", shipped=3, received=2)
        transfer.with_user(self.engineer_2).action_accept()
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0, self.van_2: 3})
        self.assertDocument(transfer, "done", shipped=3, received=3)

    def test_SP_11_transfer_parts_in_transit_cannot_be_dropped(self):
        self._ask_backorder()
        transfer = self._sent_transfer(3)
        inbound = self._open_leg(transfer, "inbound")
        message = self._stranded_message(inbound, transfer)
        with self.assertRefused(UserError, message):
            inbound.with_user(self.admin).action_cancel()
        with self.assertRefused(UserError, message):
            self._validate(inbound, qty=2, backorder=False)
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 3, self.van_2: 0})
        self.assertDocument(transfer, "sent", shipped=3)
        # The receiver rejects them instead: back to the sender.
        transfer.with_user(self.engineer_2).action_reject()
        self.assertStock(self.part_plain, {self.van_1: 4, self.transit: 0, self.van_2: 0})
        self.assertDocument(transfer, "rejected", shipped=3, received=3)
        with self.assertRefused(UserError, "are already back where they came from"):
            self._return_in_inventory(inbound, 1)
        self.assertStock(self.part_plain, {self.van_1: 4, self.transit: 0, self.van_2: 0})

    def test_SP_11_transfer_follows_return_in_inventory(self):
        transfer = self._sent_transfer(3)
        transfer.with_user(self.engineer_2).action_accept()
        inbound = self._legs(transfer, "inbound")
        returned = self._return_in_inventory(inbound, 1)
        self.assertEqual(returned.location_dest_id, self.van_1)
        self._validate(returned)
        self.assertStock(self.part_plain, {self.van_1: 2, self.transit: 0, self.van_2: 2})
        self.assertDocument(transfer, "done", shipped=3, received=3, returned=1)
