# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The technician guide (parts and inventory) end to end: an engineer requests
parts on a work order, one of them not in the catalogue; the coordinator adds
it, orders and receives parts in the parts workspace (packing slip, scanned
serials, a damaged item raising a replacement order); the engineer logs the
usage; month-end compares the usage with the vendor bills."""

import base64
from datetime import date

from odoo.fields import Command
from odoo.tests import Form, freeze_time

from .common import SparePartsPurchaseCommon


@freeze_time("2026-04-14 09:00:00")
class TestTechnicianGuide(SparePartsPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_coordinator_id = cls.admin

    def _note_bodies(self, record):
        return record.message_ids.mapped("body")

    def test_SP_26_SP_27_technician_guide(self):
        engineer, coordinator, buyer = self.engineer, self.admin, self.buyer
        ticket = self.ticket.with_user(engineer)

        # Requesting parts 1-4: Add Part, search by vendor reference, cost,
        # restocking fee, reason and urgency, submit: the timeline shows it.
        Entry = self.env["spare.parts.part.entry"].with_user(engineer)
        with Form(Entry.with_context(default_ticket_id=ticket.id)) as entry:
            entry.search_text = "FLT-9921"
            self.assertEqual(entry.product_id, self.part_plain)
            entry.quantity = 2
            entry.unit_cost = 11.0
            entry.restocking_fee = 2.5
            entry.request_reason = "Intake filter torn"
            entry.urgency = "1"
        entry.record.action_submit()
        filter_line = ticket.part_line_ids
        self.assertRecordValues(
            filter_line,
            [{"qty_requested": 2.0, "unit_cost": 11.0, "restocking_fee": 2.5, "urgency": "1"}],
        )
        self.assertTrue(
            any(
                "2 Units [SP-AF] Air Filter: cost 11, restocking fee 2.5, Urgent" in body
                for body in self._note_bodies(self.ticket)
            )
        )

        # Requesting parts 2: not in the catalogue, the coordinator adds it.
        with Form(Entry.with_context(default_ticket_id=ticket.id)) as entry:
            entry.search_text = "Pressure switch PS-4"
            self.assertFalse(entry.product_id)
            entry.unit_cost = 48.0
            entry.request_reason = "Switch burnt"
        action = entry.record.action_request_catalogue_part()
        Request = self.env["spare.parts.catalogue.request"].with_user(engineer)
        with Form(Request.with_context(**action["context"])) as form:
            form.vendor_id = self.vendor
            form.vendor_ref = "PS4-220V"
        request = form.record
        request.action_submit()
        self.assertEqual(request.activity_ids.user_id, coordinator)
        request.with_user(coordinator).action_create_product()
        switch = request.product_id
        self.assertEqual(request.line_id.product_id, switch)
        self.assertEqual(len(self.ticket.part_line_ids), 2)

        # Managing stock levels / Receiving shipments: the coordinator orders
        # the switch and two boards, receives them with the packing slip and
        # scanned serials; one switch of three arrived damaged.
        order = self._purchase([(switch, 3, 48.0), (self.part_serial, 2, 400.0)])
        workspace = self.env["spare.parts.workspace"].with_user(coordinator).create({})
        self.assertIn(order, workspace.purchase_order_ids)
        receipt = order.picking_ids.with_user(coordinator)
        receipt._spare_parts_attach_packing_slip("slip-PS4.pdf", b"%PDF-1.4")
        receipt._spare_parts_scan_receipt("SP-CB")
        receipt._spare_parts_scan_receipt("CB-2001")
        receipt._spare_parts_scan_receipt("CB-2002")
        discrepancy = (
            self.env["spare.parts.receipt.discrepancy"]
            .with_user(coordinator)
            .create(
                {
                    "picking_id": receipt.id,
                    "product_id": switch.id,
                    "quantity": 1,
                    "note": "Cracked",
                }
            )
        )
        self.assertEqual(discrepancy.activity_ids.user_id, buyer)
        receipt.move_ids.filtered(lambda m: m.product_id == switch).quantity = 2
        receipt.move_ids.picked = True
        receipt.with_context(cancel_backorder=True)._action_done()
        self.assertStock(switch, {self.spw_stock: 2.0})
        discrepancy.with_user(buyer).action_create_replacement_order()
        self.assertEqual(discrepancy.replacement_purchase_id.order_line.product_qty, 1.0)
        workspace.invalidate_recordset(["purchase_order_ids"])
        self.assertIn(discrepancy.replacement_purchase_id, workspace.purchase_order_ids)
        self.assertNotIn(order, workspace.purchase_order_ids)

        # The engineer gets the parts in his van; the workspace, filtered on
        # the van, shows them; the stock list exports before the count.
        self._deliver_to_van([(self.part_plain, 2, None), (switch, 1, None)])
        van = (
            self.env["spare.parts.workspace"]
            .with_user(coordinator)
            .create({"location_id": self.van_1.id})
        )
        self.assertEqual(
            {(q.product_id, q.quantity) for q in van.quant_ids},
            {(self.part_plain, 2.0), (switch, 1.0)},
        )
        van.action_export_stock_list()
        self.assertEqual(len(base64.b64decode(van.export_file).decode().splitlines()), 3)

        # Logging usage: actual quantity, notes, original returned, certificate.
        certificate = (
            self.env["ir.attachment"]
            .with_user(engineer)
            .create({"name": "calibration-PS4.pdf", "datas": base64.b64encode(b"%PDF-1.4")})
        )
        switch_line = request.line_id.with_user(engineer)
        switch_line.write(
            {
                "note": "Fitted on the compressor head",
                "attachment_ids": [Command.link(certificate.id)],
                "replaced_product_id": switch.id,
            }
        )
        filter_line.with_user(engineer).quantity = 1
        (filter_line | switch_line).with_user(engineer).action_consume()
        switch_line.action_return_original()
        self.assertTrue(switch_line.original_returned)
        self.assertStock(self.part_plain, {self.van_1: 1.0})
        self.assertStock(switch, {self.van_1: 0.0})

        # Reconciling at month-end: the usage report by technician and location
        usage = self.env["spare.parts.line"]._read_group(
            [("state", "=", "consumed"), ("part_condition", "=", "new")],
            ["engineer_id", "location_id"],
            ["quantity:sum"],
        )
        self.assertEqual(usage, [(engineer, self.van_1, 2.0)])

        # then usage against bills, with one difference.
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": date(2026, 4, 10),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.part_plain.id,
                            "quantity": 2,
                            "price_unit": 11.0,
                            "tax_ids": [],
                        }
                    ),
                    Command.create(
                        {"product_id": switch.id, "quantity": 1, "price_unit": 48.0, "tax_ids": []}
                    ),
                ],
            }
        )
        bill.action_post()
        comparison = (
            self.env["spare.parts.bill.comparison"]
            .with_user(coordinator)
            .create({"date_from": date(2026, 4, 1), "date_to": date(2026, 4, 30)})
        )
        comparison.action_compute()
        self.assertRecordValues(
            comparison.line_ids,
            [
                {
                    "product_id": self.part_plain.id,
                    "qty_used": 1.0,
                    "qty_billed": 2.0,
                    "amount_used": 13.5,
                    "amount_billed": 22.0,
                    "has_difference": True,
                },
                {
                    "product_id": switch.id,
                    "qty_used": 1.0,
                    "qty_billed": 1.0,
                    "amount_used": 48.0,
                    "amount_billed": 48.0,
                    "has_difference": False,
                },
            ],
        )
