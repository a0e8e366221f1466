# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS09Statistics(WarrantySalesCommon):
    def test_WS_09_sales_by_equipment_and_warranty_type(self):
        second_equipment = self.env["maintenance.equipment"].create(
            {
                "name": "Milking robot barn 2",
                "customer_id": self.customer.id,
                "product_id": self.robot.id,
            }
        )
        extended = self.env["warranty.type"].create(
            {"code": "EXT", "name": "Extended warranty", "warranty_months": 36}
        )
        self.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": second_equipment.id,
                "type_id": extended.id,
                "date_start": date(2024, 1, 1),
                "payer_id": self.payer.id,
                "pricelist_id": self.payer_pricelist.id,
            }
        )
        warranty_order = self._create_order(
            [
                (self.part, 2, self.equipment),
                (self.serial_part, 1, second_equipment),
                (self.part, 1, None),
            ]
        )
        self._confirm_on(warranty_order, "2025-10-01 10:00:00")
        goodwill_order = self._create_order([(self.part, 3, self.equipment)])
        self._confirm_on(goodwill_order, "2026-02-01 10:00:00")
        goodwill_order.order_line.action_warranty_apply_goodwill()
        paid_order = self._create_order([(self.part, 1, self.equipment)])
        self._confirm_on(paid_order, "2026-09-01 10:00:00")

        self.env.flush_all()
        Report = self.env["sale.report"]
        orders = warranty_order | goodwill_order | paid_order
        domain = [("name", "in", orders.mapped("name"))]
        by_equipment_type = {
            (equipment, wtype): (qty, subtotal, cost)
            for equipment, wtype, qty, subtotal, cost in Report._read_group(
                domain,
                ["warranty_equipment_id", "warranty_type_id"],
                ["product_uom_qty:sum", "price_subtotal:sum", "warranty_cost:sum"],
            )
        }
        no_equipment = self.env["maintenance.equipment"]
        no_type = self.env["warranty.type"]
        self.assertEqual(
            by_equipment_type,
            {
                # warranty 2 x 0.00 (cost 60.00) and goodwill 3 x 0.00 (cost 90.00)
                (self.equipment, self.warranty_type): (5.0, 0.0, 150.0),
                # out of warranty: sold at the pricelist price
                (self.equipment, no_type): (1.0, 48.0, 0.0),
                (second_equipment, extended): (1.0, 0.0, 800.0),
                (no_equipment, no_type): (1.0, 48.0, 0.0),
            },
        )
        by_origin = dict(
            Report._read_group(domain, ["warranty_price_origin"], ["warranty_cost:sum"])
        )
        self.assertEqual(by_origin, {"warranty": 860.0, "goodwill": 90.0, "pricelist": 0.0})
