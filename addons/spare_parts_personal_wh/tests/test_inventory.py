# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import PersonalWarehouseCommon


class TestSpareParts18Inventory(PersonalWarehouseCommon):
    """SP-18 check sheets, SP-19 warning rules, SP-22 negative stock."""

    def _check_sheet(self, location, products=None):
        return (
            self.env["spare.parts.check.sheet"]
            .with_user(self.admin)
            .create(
                {
                    "location_id": location.id,
                    "product_ids": [(6, 0, products.ids)] if products else [],
                }
            )
        )

    def test_SP_18_products_source_counts_any_product(self):
        self._advanced()
        sheet = self._check_sheet(self.spw_stock, self.part_plain | self.equipment_model)
        action = sheet.action_start_count()
        counted = self.env["stock.quant"].search(action["domain"])
        self.assertEqual(counted.product_id, self.part_plain)
        self.assertTrue(all(counted.mapped("inventory_quantity_set")))

    def test_SP_18_inventory_source_only_products_in_stock(self):
        self._advanced()
        self.company.spare_parts_check_sheet_source = "inventory"
        sheet = self._check_sheet(self.spw_stock, self.equipment_model)
        with self.assertRefused(
            UserError, r"only products with stock in SPW/Stock can be counted, not \[EQ-X200\]"
        ):
            sheet.action_start_count()
        sheet = self._check_sheet(self.spw_stock)
        counted = self.env["stock.quant"].search(sheet.action_start_count()["domain"])
        self.assertEqual(counted.product_id, self.part_plain | self.part_serial)

    def test_SP_18_count_applies_through_physical_inventory(self):
        self._deliver_to_van([(self.part_plain, 4, None)])
        sheet = self._check_sheet(self.van_1, self.part_plain)
        quant = self.env["stock.quant"].search(sheet.action_start_count()["domain"])
        quant.inventory_quantity = 3
        quant.action_apply_inventory()
        self.assertStock(self.part_plain, {self.van_1: 3})

    def test_SP_19_warning_rules_on_personal_and_warehouse(self):
        self._deliver_to_van([(self.part_plain, 1, None)])
        Rule = self.env["spare.parts.warning.rule"]
        van_rule, wh_rule = Rule.create(
            [
                {
                    "location_id": self.van_1.id,
                    "product_id": self.part_plain.id,
                    "min_qty": 2,
                    "max_qty": 5,
                },
                {
                    "location_id": self.spw.view_location_id.id,
                    "product_id": self.part_plain.id,
                    "min_qty": 2,
                    "max_qty": 5,
                    "safety_qty": 1,
                },
            ]
        )
        self.assertEqual((van_rule.qty_on_hand, van_rule.status), (1.0, "below_min"))
        self.assertEqual((wh_rule.qty_on_hand, wh_rule.status), (10.0, "above_max"))
        self.assertEqual(Rule.search([("status", "in", ["below_min", "below_safety"])]), van_rule)
        with self.assertRefused(ValidationError, r"the maximum \(1.0\) at least the minimum"):
            van_rule.max_qty = 1

    def test_SP_22_negative_stock_list(self):
        self.env["stock.quant"]._update_available_quantity(self.part_plain, self.van_2, -2)
        action = self.env.ref("spare_parts_personal_wh.stock_quant_action_negative")
        from odoo.tools.safe_eval import safe_eval

        negative = self.env["stock.quant"].search(safe_eval(action.domain))
        self.assertEqual(negative.location_id, self.van_2)
        self.assertEqual(negative.quantity, -2)
