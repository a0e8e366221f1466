# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SparePartsPurchaseCommon


class TestSpareParts27Receiving(SparePartsPurchaseCommon):
    """SP-27: receiving against purchase orders: packing slips, serials by
    scanning, damaged items as discrepancies raising a replacement order."""

    def test_SP_27_receive_with_packing_slip_and_scanned_serials(self):
        order = self._purchase([(self.part_plain, 5, 11.0), (self.part_serial, 2, 400.0)])
        receipt = order.picking_ids
        self.assertEqual(receipt.location_dest_id, self.spw_stock)
        slip = receipt.with_user(self.admin)._spare_parts_attach_packing_slip(
            "packing-slip-4471.pdf", b"%PDF-1.4 slip"
        )
        self.assertEqual(receipt.spare_parts_packing_slip_ids, slip)
        self.assertIn("packing-slip-4471.pdf", order.message_ids[0].body)

        scan = receipt.with_user(self.admin)._spare_parts_scan_receipt
        self.assertEqual(scan("SP-CB"), {})
        self.assertEqual(receipt.spare_parts_scan_product_id, self.part_serial)
        self.assertEqual(scan("CB-1001"), {})
        self.assertIn("already on receipt", scan("CB-1001")["warning"]["message"])
        self.assertEqual(scan("CB-1002"), {})
        self.assertIn("is one too many", scan("CB-1003")["warning"]["message"])
        serial_move = receipt.move_ids.filtered(lambda m: m.product_id == self.part_serial)
        self.assertEqual(
            sorted(serial_move.move_line_ids.mapped("lot_name")), ["CB-1001", "CB-1002"]
        )

        receipt.move_ids.picked = True
        receipt.with_user(self.admin).button_validate()
        self.assertEqual(receipt.state, "done")
        lots = self.env["stock.lot"].search([("name", "in", ["CB-1001", "CB-1002"])])
        self.assertEqual(lots.product_id, self.part_serial)
        self.assertStock(self.part_plain, {self.spw_stock: 15.0})
        for lot in lots:
            self.assertStock(self.part_serial, {self.spw_stock: 1.0}, lot=lot)
        self.assertEqual(order.order_line.mapped("qty_received"), [5.0, 2.0])

    def test_SP_27_unknown_scan_on_receipt_without_serial_parts(self):
        receipt = self._purchase([(self.part_plain, 5, 11.0)]).picking_ids
        self.assertIn(
            "no serial-tracked part to receive for the code XYZ",
            receipt._spare_parts_scan_receipt("XYZ")["warning"]["message"],
        )

    def test_SP_27_damaged_items_discrepancy_activity_and_replacement_order(self):
        order = self._purchase([(self.part_plain, 5, 11.0)])
        receipt = order.picking_ids
        Discrepancy = self.env["spare.parts.receipt.discrepancy"].with_user(self.admin)
        with self.assertRefused(ValidationError, r"a discrepancy of 6.0 Units of \[SP-AF\]"):
            Discrepancy.create(
                {"picking_id": receipt.id, "product_id": self.part_plain.id, "quantity": 6}
            )
        discrepancy = Discrepancy.create(
            {
                "picking_id": receipt.id,
                "product_id": self.part_plain.id,
                "quantity": 2,
                "kind": "damaged",
                "note": "Two filters crushed in transit",
            }
        )
        self.assertRecordValues(
            discrepancy,
            [{"purchase_id": order.id, "purchaser_id": self.buyer.id, "state": "open"}],
        )
        self.assertTrue(discrepancy.name.startswith("DISC/"))
        activity = discrepancy.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("spare_parts_purchase.mail_activity_type_replacement_order"),
        )
        self.assertEqual(activity.user_id, self.buyer)
        self.assertEqual(
            activity.summary, "Raise a replacement order for 2 Units [SP-AF] Air Filter (Damaged)"
        )
        self.assertIn(discrepancy.name, order.message_ids[0].body)
        self.assertEqual(receipt.spare_parts_discrepancy_count, 1)
        self.assertEqual(order.spare_parts_discrepancy_count, 1)

        # the good units are received, the damaged ones are not
        receipt.move_ids.write({"quantity": 3, "picked": True})
        receipt.with_context(cancel_backorder=True)._action_done()
        self.assertStock(self.part_plain, {self.spw_stock: 13.0})

        action = discrepancy.with_user(self.buyer).action_create_replacement_order()
        replacement = discrepancy.replacement_purchase_id
        self.assertEqual(action["res_id"], replacement.id)
        self.assertRecordValues(
            replacement,
            [
                {
                    "partner_id": self.vendor.id,
                    "picking_type_id": self.spw.in_type_id.id,
                    "spare_parts_replaced_discrepancy_id": discrepancy.id,
                    "is_spare_parts_order": True,
                    "state": "draft",
                }
            ],
        )
        self.assertRecordValues(
            replacement.order_line,
            [{"product_id": self.part_plain.id, "product_qty": 2.0, "price_unit": 11.0}],
        )
        self.assertEqual(discrepancy.state, "replaced")
        self.assertFalse(discrepancy.activity_ids)
        with self.assertRefused(
            UserError, r"Raising a replacement order: discrepancy .* no longer open"
        ):
            discrepancy.action_create_replacement_order()

    def test_SP_27_discrepancy_closed_without_replacement(self):
        receipt = self._purchase([(self.part_plain, 5, 11.0)]).picking_ids
        discrepancy = self.env["spare.parts.receipt.discrepancy"].create(
            {"picking_id": receipt.id, "product_id": self.part_plain.id, "quantity": 1}
        )
        discrepancy.with_user(self.admin).action_close()
        self.assertEqual(discrepancy.state, "closed")
        self.assertFalse(discrepancy.activity_ids)
        self.assertFalse(discrepancy.replacement_purchase_id)

    def test_SP_27_replaced_discrepancy_cannot_be_reopened(self):
        """A second replacement order needs an open discrepancy: its state and
        replacement order change only through its buttons."""
        receipt = self._purchase([(self.part_plain, 5, 11.0)]).picking_ids
        discrepancy = self.env["spare.parts.receipt.discrepancy"].create(
            {"picking_id": receipt.id, "product_id": self.part_plain.id, "quantity": 1}
        )
        self.env.invalidate_all()
        discrepancy.with_user(self.buyer).action_create_replacement_order()
        replacement = discrepancy.replacement_purchase_id
        for vals in ({"state": "open"}, {"replacement_purchase_id": False}):
            self.env.invalidate_all()
            with self.assertRefused(AccessError, "change only through the document's buttons"):
                discrepancy.with_user(self.buyer).write(vals)
        self.assertRecordValues(
            discrepancy, [{"state": "replaced", "replacement_purchase_id": replacement.id}]
        )
        self.assertEqual(
            self.env["purchase.order"].search_count(
                [("spare_parts_replaced_discrepancy_id", "=", discrepancy.id)]
            ),
            1,
        )
