# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-28 in Standard mode with warranty_sales: consignment parts are billed
once installed, warranty replacements once approved, parts under the
equipment's warranty at the warranty price; billing ships nothing again."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon
from odoo.addons.spare_parts_sale.tests.common import SaleBillingCommon


class TestSpareParts28BillingStandard(SaleBillingCommon, PersonalWarehouseCommon):
    def test_SP_28_consignment_part_billed_only_once_installed(self):
        vendor = self.env["res.partner"].create({"name": "Filtra BV"})
        self.env["stock.quant"]._update_available_quantity(
            self.part_plain, self.van_1, 2, owner_id=vendor
        )
        line = self._add_line(self.ticket, self.part_plain, 1)
        with self.assertRefused(UserError, "has nothing to bill"):
            self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        line.with_user(self.engineer).action_consume()
        self.assertTrue(line.is_consignment)
        self.assertEqual(line.billing_state, "to_bill")
        action = self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertRecordValues(
            order.order_line,
            [{"spare_parts_line_id": line.id, "product_uom_qty": 1.0, "price_unit": 20.0}],
        )
        order.with_user(self.biller).action_confirm()
        # The part reached the customer when it was consumed: no second delivery.
        self.assertFalse(order.picking_ids)
        self.assertStock(self.part_plain, {self.van_1: 1.0, self.customers: 1.0})

    def test_SP_28_warranty_replacement_billed_after_approval(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        normal = self._add_line(self.ticket, self.part_plain, 1)
        replacement = self._add_line(self.ticket, self.part_plain, 1, is_warranty_replacement=True)
        rejected = self._add_line(self.ticket, self.part_plain, 1, is_warranty_replacement=True)
        (normal | replacement | rejected).with_user(self.engineer).action_consume()
        rejected.with_user(self.admin).action_reject_warranty_replacement()
        self.assertEqual(
            (normal | replacement | rejected).mapped("billing_state"),
            ["to_bill", "held", "held"],
        )
        action = self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.order_line.spare_parts_line_id, normal)
        note = self.ticket.message_ids[0].body
        self.assertIn("Not billed yet", note)
        self.assertIn("is a warranty replacement waiting for approval", note)
        self.assertIn("is a warranty replacement rejected", note)
        with self.assertRefused(
            UserError,
            r"has nothing to bill(.|\n)*warranty replacement waiting for approval; a spare "
            "parts administrator must approve it before it is billed",
        ):
            self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        replacement.with_user(self.admin).action_approve_warranty_replacement()
        self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        self.assertEqual(order.order_line.spare_parts_line_id, normal | replacement)
        self.assertEqual(rejected.billing_state, "held")

    def test_SP_28_parts_under_equipment_warranty_are_priced_by_warranty_sales(self):
        agreement_vals = {"name": "Supplier claim agreement"}
        if "is_warranty_agreement" in self.env["product.pricelist"]._fields:
            agreement_vals["is_warranty_agreement"] = True
        warranty_type = self.env["warranty.type"].create(
            {"code": "STD", "name": "Standard warranty", "warranty_months": 12}
        )
        self.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": self.equipment.id,
                "type_id": warranty_type.id,
                "date_start": fields.Date.today() - relativedelta(months=2),
                "payer_id": self.other_customer.id,
                "pricelist_id": self.env["product.pricelist"].create(agreement_vals).id,
            }
        )
        self._deliver_to_van([(self.part_plain, 2, None)])
        covered = self._add_line(self.ticket, self.part_plain, 1)
        covered.with_user(self.engineer).action_consume()
        other_ticket = self._new_ticket(self.engineer, customer=self.other_customer)
        uncovered = self._add_line(other_ticket, self.part_plain, 1)
        uncovered.with_user(self.engineer).action_consume()

        for ticket in (self.ticket, other_ticket):
            self._as(self.biller, ticket).action_spare_parts_create_quotation()
        covered_line = covered.with_user(self.biller).sale_line_ids
        uncovered_line = uncovered.with_user(self.biller).sale_line_ids
        self.assertRecordValues(
            covered_line | uncovered_line,
            [
                {
                    "warranty_equipment_id": self.equipment.id,
                    "warranty_entitlement": "warranty",
                    "price_unit": 0.0,
                },
                {
                    "warranty_equipment_id": self.other_equipment.id,
                    "warranty_entitlement": "none",
                    "price_unit": 25.0,
                },
            ],
        )
