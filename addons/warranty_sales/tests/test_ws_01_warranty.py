# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS01Warranty(WarrantySalesCommon):
    def test_WS_01_end_dates_computed_from_type(self):
        # 2025-01-01 + 12 months of warranty, then 6 months of goodwill.
        self.assertEqual(self.warranty.date_end, date(2025, 12, 31))
        self.assertEqual(self.warranty.goodwill_date_end, date(2026, 6, 30))
        self.assertEqual(self.equipment.warranty_count, 1)

    def test_WS_01_end_dates_editable_and_stored(self):
        with Form(self.warranty) as form:
            form.date_end = date(2026, 3, 31)
            # the goodwill end follows the new warranty end...
            self.assertEqual(form.goodwill_date_end, date(2026, 9, 30))
            # ...and can be changed by hand too
            form.goodwill_date_end = date(2026, 10, 15)
        self.warranty.invalidate_recordset()
        self.assertEqual(self.warranty.date_end, date(2026, 3, 31))
        self.assertEqual(self.warranty.goodwill_date_end, date(2026, 10, 15))

    def test_WS_01_overlap_same_type_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.env["maintenance.equipment.warranty"].create(
                {
                    "equipment_id": self.equipment.id,
                    "type_id": self.warranty_type.id,
                    "date_start": date(2025, 12, 31),
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                }
            )
        self.assertEqual(
            str(error.exception),
            "Warranty STD on Milking robot barn 1 (2025-12-31 - 2026-12-30) overlaps warranty "
            "STD on Milking robot barn 1 (2025-01-01 - 2025-12-31): an equipment cannot have "
            "two warranties of the same type over the same days.",
        )

    def test_WS_01_other_type_or_next_period_accepted(self):
        extended = self.env["warranty.type"].create(
            {"code": "EXT", "name": "Extended warranty", "warranty_months": 24}
        )
        Warranty = self.env["maintenance.equipment.warranty"]
        other_type, next_period = Warranty.create(
            [
                {
                    "equipment_id": self.equipment.id,
                    "type_id": extended.id,
                    "date_start": date(2025, 6, 1),
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                },
                {
                    "equipment_id": self.equipment.id,
                    "type_id": self.warranty_type.id,
                    "date_start": date(2026, 1, 1),
                    "payer_id": self.payer.id,
                    "pricelist_id": self.payer_pricelist.id,
                },
            ]
        )
        self.assertEqual(other_type.date_end, date(2027, 5, 31))
        self.assertEqual(other_type.goodwill_date_end, date(2027, 5, 31))
        self.assertEqual(next_period.date_end, date(2026, 12, 31))
        self.assertEqual(self.equipment.warranty_count, 3)

    def test_WS_01_settlement_percent_outside_range_refused(self):
        for percent in (-1.0, 100.5):
            with self.assertRaises(ValidationError) as error:
                self.warranty.settlement_percent = percent
            self.assertEqual(
                str(error.exception),
                "Warranty STD on Milking robot barn 1 (2025-01-01 - 2025-12-31): the "
                f"settlement percentage {percent}% is outside 0-100.",
            )
        self.warranty.settlement_percent = 100.0
        self.assertEqual(self.warranty.settlement_percent, 100.0)

    def test_WS_01_warranties_of_other_company_hidden(self):
        other_company = self.env["res.company"].sudo().create({"name": "Other Dairy Services"})
        equipment = (
            self.env["maintenance.equipment"]
            .sudo()
            .create(
                {
                    "name": "Other company robot",
                    "company_id": other_company.id,
                    "customer_id": self.customer.id,
                }
            )
        )
        pricelist = (
            self.env["product.pricelist"]
            .sudo()
            .create({"name": "Other agreement", "company_id": other_company.id})
        )
        foreign = (
            self.env["maintenance.equipment.warranty"]
            .sudo()
            .create(
                {
                    "equipment_id": equipment.id,
                    "type_id": self.warranty_type.id,
                    "date_start": date(2025, 1, 1),
                    "payer_id": self.payer.id,
                    "pricelist_id": pricelist.id,
                }
            )
        )
        self.assertEqual(foreign.company_id, other_company)
        # creating a company gave the current user access to it: work in the first one only
        Warranty = self.env["maintenance.equipment.warranty"].with_context(
            allowed_company_ids=self.env.company.ids
        )
        visible = Warranty.search([("type_id", "=", self.warranty_type.id)])
        self.assertEqual(visible, self.warranty)

    def test_WS_01_salesman_reads_warranties_equipment_manager_edits(self):
        salesman = new_test_user(
            self.env,
            login="ws01_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        employee = new_test_user(
            self.env,
            login="ws01_employee",
            groups="base.group_user",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        self.assertEqual(self.warranty.with_user(employee).settlement_percent, 80.0)
        with self.assertRaises(AccessError):
            self.warranty.with_user(employee).settlement_percent = 50.0
        with self.assertRaises(AccessError):
            self.warranty_type.with_user(salesman).name = "Changed"
        self.warranty.with_user(salesman).settlement_percent = 50.0
        self.assertEqual(self.warranty.settlement_percent, 50.0)
