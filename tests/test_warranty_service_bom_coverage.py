# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WS-11 with the service BOM of spare_parts_base installed next to
warranty_sales (profile sale_standard): the warranty covers the parts of the
equipment's service BOM."""

from odoo.tests import tagged

from odoo.addons.warranty_sales.tests.test_ws_11_coverage_scope import CoverageScopeCommon


@tagged("post_install", "-at_install")
class TestWS11ServiceBomCoverage(CoverageScopeCommon):
    def test_WS_11_service_bom_covers_its_parts(self):
        # set up by the spare parts administrator of that addon
        self.env["spare.parts.service.bom.line"].sudo().create(
            {
                "equipment_product_tmpl_id": self.robot.product_tmpl_id.id,
                "part_id": self.serial_part.id,
            }
        )
        self._set_scope("service_bom")
        order = self._create_order(
            [(self.part, 1, self.equipment), (self.serial_part, 1, self.equipment)]
        )
        self._confirm_as_salesperson(order, "2025-10-01 10:00:00")
        self.assertRecordValues(
            order.order_line,
            [
                {"warranty_entitlement": "not_covered", "price_unit": 48.0},
                {"warranty_entitlement": "warranty", "price_unit": 0.0},
            ],
        )
        self.assertEqual(
            order.order_line[0].warranty_message,
            "Not covered by warranty [STD] Standard supplier warranty: only the parts of the "
            "service BOM of [MR] Milking Robot and of the categories - are covered. The normal "
            "price applies.",
        )
        # a covered category adds its parts to the service BOM
        self._set_scope("service_bom", [self.robot_parts])
        order.with_user(self.salesperson).action_warranty_check()
        self.assertEqual(order.order_line.mapped("price_unit"), [0.0, 0.0])
        self.assertEqual(order.order_line.mapped("warranty_entitlement"), ["warranty", "warranty"])
