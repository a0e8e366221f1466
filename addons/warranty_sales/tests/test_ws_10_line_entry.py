# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The entitlement while a sale line is entered in the form (onchange), the
warranty badge, the equipment label with its warranty status and the
explanation of the internal claim charge."""

from odoo import Command
from odoo.tests import Form, freeze_time, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS10LineEntry(WarrantySalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_user("ws10_sales", "sales_team.group_sale_salesman")
        # the quotation date is on the form in technical mode only
        cls.salesperson_dates = cls._new_user(
            "ws10_sales_dates", "sales_team.group_sale_salesman,base.group_no_one"
        )

    def _order_form(self, user=None):
        order_form = Form(self.env["sale.order"].with_user(user or self.salesperson))
        order_form.partner_id = self.customer
        return order_form

    @freeze_time("2025-10-01 10:00:00")
    def test_WS_10_equipment_in_warranty_is_free_as_the_line_is_entered(self):
        order_form = self._order_form()
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.part
            line_form.product_uom_qty = 2
            self.assertEqual(line_form.price_unit, 48.0)
            self.assertFalse(line_form.warranty_badge)
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.price_unit, 0.0)
            self.assertEqual(line_form.warranty_entitlement, "warranty")
            self.assertEqual(line_form.warranty_price_origin, "warranty")
            self.assertEqual(
                line_form.warranty_badge, "In warranty until 2025-12-31, paid by Robot Works Ltd"
            )
            self.assertEqual(line_form.warranty_claim_charge, -60.0)
            # more parts stay free
            line_form.product_uom_qty = 3
            self.assertEqual(line_form.price_unit, 0.0)
        order = order_form.save()
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_id": self.warranty.id,
                    "warranty_entitlement": "warranty",
                    "warranty_price_origin": "warranty",
                    "warranty_type_id": self.warranty_type.id,
                    "price_unit": 0.0,
                    "warranty_claim_charge": -90.0,
                }
            ],
        )
        # the button still works and agrees
        order.with_user(self.salesperson).action_warranty_check()
        self.assertRecordValues(
            order.order_line, [{"warranty_entitlement": "warranty", "price_unit": 0.0}]
        )

    @freeze_time("2026-03-01 10:00:00")
    def test_WS_10_equipment_in_goodwill_gets_the_message_as_the_line_is_entered(self):
        order_form = self._order_form()
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.part
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.warranty_entitlement, "goodwill")
            self.assertEqual(line_form.price_unit, 48.0)
            self.assertEqual(line_form.warranty_badge, "Goodwill until 2026-06-30")
            self.assertIn("Qualified for goodwill", line_form.warranty_message)
        order = order_form.save()
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "goodwill",
                    "warranty_goodwill_qualified": True,
                    "warranty_can_apply_goodwill": True,
                    "price_unit": 48.0,
                }
            ],
        )
        order.order_line.with_user(self.salesperson).action_warranty_apply_goodwill()
        self.assertEqual(order.order_line.price_unit, 0.0)
        self.assertEqual(order.order_line.warranty_badge, "Goodwill applied (until 2026-06-30)")

    @freeze_time("2025-10-01 10:00:00")
    def test_WS_10_changing_equipment_or_product_follows_in_the_form(self):
        order_form = self._order_form()
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.part
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.price_unit, 0.0)
            # another part for the same equipment: still free
            line_form.product_id = self.serial_part
            self.assertEqual(line_form.price_unit, 0.0)
            self.assertEqual(line_form.warranty_entitlement, "warranty")
            # no equipment: back to the pricelist, no badge
            line_form.warranty_equipment_id = self.env["maintenance.equipment"]
            self.assertEqual(line_form.price_unit, 1200.0)
            self.assertFalse(line_form.warranty_entitlement)
            self.assertFalse(line_form.warranty_badge)
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.price_unit, 0.0)
        order = order_form.save()
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "price_unit": 0.0,
                    "warranty_claim_charge": -800.0,
                }
            ],
        )

    @freeze_time("2025-10-01 10:00:00")
    def test_WS_10_changing_the_order_date_follows_in_the_form(self):
        """The quotation date is on the form in technical mode: the onchange of
        the order date checks the lines again, as the form calls it."""
        order = (
            self.env["sale.order"]
            .with_user(self.salesperson_dates)
            .new(
                {
                    "partner_id": self.customer.id,
                    "pricelist_id": self.sale_pricelist.id,
                    "date_order": "2025-10-01 10:00:00",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.serial_part.id,
                                "warranty_equipment_id": self.equipment.id,
                            }
                        )
                    ],
                }
            )
        )
        line = order.order_line
        line._onchange_warranty_entitlement()
        self.assertEqual((line.warranty_entitlement, line.price_unit), ("warranty", 0.0))
        # dated after the warranty: goodwill, normal price
        order.date_order = "2026-02-01 10:00:00"
        order._onchange_warranty_date_order()
        self.assertEqual((line.warranty_entitlement, line.price_unit), ("goodwill", 1200.0))
        self.assertEqual(line.warranty_badge, "Goodwill until 2026-06-30")
        # and long after: nothing
        order.date_order = "2027-01-01 10:00:00"
        order._onchange_warranty_date_order()
        self.assertEqual((line.warranty_entitlement, line.price_unit), ("none", 1200.0))
        self.assertFalse(line.warranty_badge)
        # back in the warranty period: free again
        order.date_order = "2025-11-01 10:00:00"
        order._onchange_warranty_date_order()
        self.assertEqual((line.warranty_entitlement, line.price_unit), ("warranty", 0.0))

    @freeze_time("2025-10-01 10:00:00")
    def test_WS_10_saved_line_keeps_the_form_entitlement_when_equipment_changes(self):
        order = self._create_order([(self.part, 2, None)])
        order.user_id = self.salesperson
        order_form = Form(order.with_user(self.salesperson))
        with order_form.order_line.edit(0) as line_form:
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.price_unit, 0.0)
        order_form.save()
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "price_unit": 0.0,
                    "warranty_id": self.warranty.id,
                }
            ],
        )

    def test_WS_10_equipment_label_shows_the_warranty_status(self):
        Equipment = self.env["maintenance.equipment"].with_context(warranty_equipment_label=True)
        self.assertEqual(
            Equipment.with_context(warranty_date="2025-10-01 10:00:00")
            .browse(self.equipment.id)
            .display_name,
            "[MR] Milking Robot / MR-0001 (in warranty until 2025-12-31)",
        )
        self.assertEqual(
            Equipment.with_context(warranty_date="2026-03-01")
            .browse(self.equipment.id)
            .display_name,
            "[MR] Milking Robot / MR-0001 (goodwill until 2026-06-30)",
        )
        self.assertEqual(
            Equipment.with_context(warranty_date="2027-03-01")
            .browse(self.equipment.id)
            .display_name,
            "[MR] Milking Robot / MR-0001",
        )
        # the dropdown of the sale line, as a sales person searches it
        with freeze_time("2025-10-01"):
            results = (
                self.env["maintenance.equipment"]
                .with_user(self.salesperson)
                .with_context(warranty_equipment_label=True)
                .name_search("MR-0001")
            )
        self.assertEqual(
            results,
            [(self.equipment.id, "[MR] Milking Robot / MR-0001 (in warranty until 2025-12-31)")],
        )

    def test_WS_10_claim_charge_is_explained(self):
        fields_info = (
            self.env["sale.order.line"]
            .with_user(self.salesperson)
            .fields_get(["warranty_claim_charge", "warranty_badge"], ["help", "string"])
        )
        help_text = fields_info["warranty_claim_charge"]["help"]
        self.assertEqual(fields_info["warranty_claim_charge"]["string"], "Internal Claim Charge")
        self.assertIn("given free under warranty", help_text)
        self.assertIn("internal claim account", help_text)
        self.assertIn("until the claim payer settles", help_text)
        self.assertTrue(fields_info["warranty_badge"]["help"])
