# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Goodwill on a sale line in a real browser (static/tests/tours); the price
and its origin are checked on the saved line afterwards."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWarrantyTours(WarrantySalesCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Warranty ended 3 months ago; its 6 months of goodwill run until 3 months from now.
        cls.warranty.date_start = fields.Date.today() - relativedelta(months=15)
        # A plain salesman: no right on stock serials, yet he finds the equipment
        # by its serial number on the line.
        cls.salesperson = new_test_user(
            cls.env,
            login="ws_sales",
            groups="sales_team.group_sale_salesman",
            company_id=cls.env.company.id,
        )

    def test_goodwill_on_a_sale_line(self):
        """Check Warranty qualifies the line for goodwill, Apply Goodwill makes
        it free, and a partial price agreed with the customer stays goodwill."""
        self.start_tour("/odoo/sales", "warranty_sales_goodwill", login="ws_sales")
        self.env.invalidate_all()
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)])
        self.assertRecordValues(order, [{"state": "draft", "user_id": self.salesperson.id}])
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "product_id": self.part.id,
                    "product_uom_qty": 2,
                    "warranty_equipment_id": self.equipment.id,
                    "warranty_id": self.warranty.id,
                    "warranty_entitlement": "goodwill",
                    "warranty_goodwill_applied": True,
                    "warranty_price_origin": "goodwill",
                    "warranty_type_id": self.warranty_type.id,
                    "warranty_message": False,
                    "price_unit": 20.0,
                    "price_subtotal": 40.0,
                }
            ],
        )
        self.assertEqual(order.amount_untaxed, 40.0)
        self.assertIn("Lines qualified for goodwill", "".join(order.message_ids.mapped("body")))


@tagged("post_install", "-at_install")
class TestWarrantyToursLineEntry(WarrantySalesCommon, HttpCase):
    """The entitlement applies while the line is entered, at a laptop's width."""

    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # In warranty: started a month ago, 12 months long.
        cls.warranty.date_start = fields.Date.today() - relativedelta(months=1)
        cls.salesperson = new_test_user(
            cls.env,
            login="ws_sales_entry",
            groups="sales_team.group_sale_salesman",
            company_id=cls.env.company.id,
        )

    def test_warranty_price_as_the_line_is_entered(self):
        """Choosing equipment in warranty makes the line free at once (no Check
        Warranty), the badge and the dropdown show the warranty, and the list of
        lines does not scroll sideways at 1440 px."""
        self.start_tour("/odoo/sales", "warranty_sales_in_warranty", login="ws_sales_entry")
        self.env.invalidate_all()
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)])
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "product_id": self.part.id,
                    "product_uom_qty": 3,
                    "warranty_equipment_id": self.equipment.id,
                    "warranty_id": self.warranty.id,
                    "warranty_entitlement": "warranty",
                    "warranty_price_origin": "warranty",
                    "warranty_type_id": self.warranty_type.id,
                    "price_unit": 0.0,
                    "warranty_claim_charge": -90.0,
                }
            ],
        )
        self.assertEqual(
            order.order_line.warranty_badge,
            f"In warranty until {self.warranty.date_end}, paid by Robot Works Ltd",
        )
