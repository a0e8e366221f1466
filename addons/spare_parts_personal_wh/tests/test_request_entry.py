# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from .common import PersonalWarehouseCommon


class TestSpareParts26RequestEntry(PersonalWarehouseCommon):
    """SP-26 on parts requests: cost, restocking fee, reason and urgency per
    line, the part found by its vendor reference."""

    def test_SP_26_request_lines_carry_cost_fee_reason_urgency(self):
        vendor = self.env["res.partner"].create({"name": "Filtra BV"})
        self.env["product.supplierinfo"].create(
            {
                "partner_id": vendor.id,
                "product_tmpl_id": self.part_plain.product_tmpl_id.id,
                "product_code": "FLT-9921",
            }
        )
        Product = self.env["product.product"].with_user(self.engineer)
        found = Product.with_context(spare_parts_search=True).name_search("FLT-9921")
        self.assertEqual([pid for pid, _name in found], self.part_plain.ids)

        Request = self.env["spare.parts.request"].with_user(self.engineer)
        with Form(Request) as form:
            form.ticket_id = self.ticket
            form.urgency = "2"
            with form.line_ids.new() as line:
                line.product_id = self.part_plain
                line.quantity = 3
                self.assertEqual(line.unit_cost, 12.5)
                line.restocking_fee = 1.5
                line.request_reason = "Stock for the Acme visit"
        request = form.record
        self.assertRecordValues(
            request.line_ids,
            [
                {
                    "product_id": self.part_plain.id,
                    "quantity": 3.0,
                    "unit_cost": 12.5,
                    "restocking_fee": 1.5,
                    "request_reason": "Stock for the Acme visit",
                    "urgency": "2",
                }
            ],
        )
        request.action_submit()
        self.assertIn("3 Units [SP-AF] Air Filter", self.ticket.message_ids[0].body)
