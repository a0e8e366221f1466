# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import SparePartsCommon


class TestSpareParts26PartsEntry(SparePartsCommon):
    """SP-26: parts entry on a work order and catalogue requests (every mode)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Filtra BV", "is_company": True})
        cls.env["product.supplierinfo"].create(
            {
                "partner_id": cls.vendor.id,
                "product_tmpl_id": cls.part_plain.product_tmpl_id.id,
                "product_code": "FLT-9921",
                "price": 11.0,
            }
        )
        cls.company.spare_parts_coordinator_id = cls.admin

    def _entry(self, **vals):
        return (
            self.env["spare.parts.part.entry"]
            .with_user(self.engineer)
            .create({"ticket_id": self.ticket.id, **vals})
        )

    def _last_note(self, ticket):
        return ticket.message_ids.filtered(lambda m: m.subtype_id.internal)[:1].body

    def test_SP_26_find_part_by_sku_description_or_vendor_reference(self):
        Product = self.env["product.product"].with_user(self.engineer)
        for text in ("SP-AF", "air filt", "FLT-9921"):
            self.assertEqual(Product._spare_parts_search(text), self.part_plain, text)
        found = Product.with_context(spare_parts_search=True).name_search("FLT-9921")
        self.assertEqual([pid for pid, _name in found], self.part_plain.ids)
        self.assertFalse(Product.name_search("FLT-9921"))
        self.assertEqual(self._entry(search_text="flt-99").product_id, self.part_plain)

    def test_SP_26_entry_carries_cost_fee_reason_urgency_and_reaches_the_timeline(self):
        Entry = self.env["spare.parts.part.entry"].with_user(self.engineer)
        with Form(Entry.with_context(default_ticket_id=self.ticket.id)) as form:
            form.search_text = "FLT-9921"
            self.assertEqual(form.product_id, self.part_plain)
            self.assertEqual(form.unit_cost, 12.5)
            form.quantity = 2
            form.unit_cost = 13.0
            form.restocking_fee = 4.5
            form.request_reason = "Filter clogged, pressure drop 0.4 bar"
            form.urgency = "1"
        form.record.action_submit()
        line = self.ticket.part_line_ids
        self.assertRecordValues(
            line,
            [
                {
                    "product_id": self.part_plain.id,
                    "quantity": 2.0,
                    "qty_requested": 2.0,
                    "unit_cost": 13.0,
                    "restocking_fee": 4.5,
                    "amount_total": 30.5,
                    "urgency": "1",
                    "request_reason": "Filter clogged, pressure drop 0.4 bar",
                    "state": "planned",
                }
            ],
        )
        self.assertTrue(line.requested_date)
        note = self._last_note(self.ticket)
        self.assertIn("Parts requested", note)
        self.assertIn("2 Units [SP-AF] Air Filter: cost 13, restocking fee 4.5, Urgent", note)
        self.assertIn("pressure drop 0.4 bar", note)
        with self.assertRefused(UserError, r"Only planned parts can be submitted"):
            line.with_user(self.engineer).action_consume()
            line.with_user(self.engineer).action_submit_entry()

    def test_SP_26_negative_cost_is_refused(self):
        with self.assertRefused(ValidationError, r"cost \(-1.0\) and restocking fee"):
            self._add_line(self.ticket, self.part_plain, 1, unit_cost=-1.0)

    def test_SP_26_catalogue_request_round_trip(self):
        entry = self._entry(
            search_text="Pressure switch PS-4",
            quantity=1,
            unit_cost=48.0,
            request_reason="Switch burnt",
            urgency="2",
        )
        self.assertFalse(entry.product_id)
        action = entry.action_request_catalogue_part()
        self.assertEqual(action["res_model"], "spare.parts.catalogue.request")
        Request = self.env["spare.parts.catalogue.request"].with_user(self.engineer)
        with Form(Request.with_context(**action["context"])) as form:
            self.assertEqual(form.name, "Pressure switch PS-4")
            self.assertEqual(form.coordinator_id, self.admin)
            form.vendor_id = self.vendor
            form.vendor_ref = "PS4-220V"
        request = form.record
        self.assertRecordValues(
            request,
            [{"ticket_id": self.ticket.id, "quantity": 1.0, "unit_cost": 48.0, "urgency": "2"}],
        )
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        activity = request.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.admin)
        self.assertIn(
            "New catalogue part requested: Pressure switch PS-4", self._last_note(self.ticket)
        )
        with self.assertRefused(UserError, r"Only a spare parts administrator can add"):
            request.action_create_product()

        request.with_user(self.admin).action_create_product()
        product = request.product_id
        self.assertRecordValues(
            product, [{"name": "Pressure switch PS-4", "standard_price": 48.0, "is_storable": True}]
        )
        self.assertEqual(product.seller_ids.product_code, "PS4-220V")
        self.assertEqual(product.seller_ids.partner_id, self.vendor)
        self.assertEqual(request.state, "done")
        self.assertFalse(request.activity_ids)
        self.assertRecordValues(
            request.line_id,
            [
                {
                    "ticket_id": self.ticket.id,
                    "product_id": product.id,
                    "quantity": 1.0,
                    "qty_requested": 1.0,
                    "unit_cost": 48.0,
                    "urgency": "2",
                    "request_reason": "Switch burnt",
                    "catalogue_request_id": request.id,
                    "state": "planned",
                }
            ],
        )
        # the new part is found by its vendor reference from now on
        self.assertEqual(self.env["product.product"]._spare_parts_search("PS4-220"), product)
        with self.assertRefused(UserError, r"Adding the part is not possible .* Part Added"):
            request.with_user(self.admin).action_create_product()

    def test_SP_26_catalogue_request_needs_a_coordinator(self):
        self.company.spare_parts_coordinator_id = False
        request = (
            self.env["spare.parts.catalogue.request"]
            .with_user(self.engineer)
            .create({"name": "Gasket set", "reason": "Leak"})
        )
        with self.assertRefused(UserError, r"Gasket set has no inventory coordinator"):
            request.action_submit()

    def test_SP_26_usage_logging_actual_quantity_notes_original_returned_attachments(self):
        line = self._add_line(
            self.ticket, self.part_plain, 3, replaced_product_id=self.part_plain.id
        )
        line.with_user(self.engineer).action_submit_entry()
        certificate = (
            self.env["ir.attachment"]
            .with_user(self.engineer)
            .create({"name": "calibration.pdf", "datas": base64.b64encode(b"%PDF-1.4 cert")})
        )
        line.with_user(self.engineer).write(
            {
                "quantity": 2,
                "note": "Fitted on the intake, left side",
                "attachment_ids": [(4, certificate.id)],
            }
        )
        line.with_user(self.engineer).action_consume()
        line.with_user(self.engineer).action_return_original()
        self.assertRecordValues(
            line,
            [
                {
                    "state": "consumed",
                    "quantity": 2.0,
                    "qty_requested": 3.0,
                    "note": "Fitted on the intake, left side",
                    "original_returned": True,
                }
            ],
        )
        self.assertEqual(line.attachment_ids.name, "calibration.pdf")
        self.assertRecordValues(
            line.original_return_line_id,
            [
                {
                    "product_id": self.part_plain.id,
                    "quantity": 2.0,
                    "part_condition": "old",
                    "state": "returned",
                }
            ],
        )
        with self.assertRefused(UserError, r"the original of \[SP-AF\] Air Filter was already"):
            line.with_user(self.engineer).action_return_original()
