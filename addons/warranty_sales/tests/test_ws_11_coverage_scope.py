# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WS-11: a warranty covers the parts of its scope (all parts, part categories
or the equipment's service BOM); other products keep their price with a note."""

from odoo.tests import Form, freeze_time, tagged

from .common import WarrantySalesCommon


class CoverageScopeCommon(WarrantySalesCommon):
    """A sales person, a warranty admin and part categories; the admin sets
    the coverage of the warranty type in its form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_user(
            "ws11_sales", "sales_team.group_sale_salesman,stock.group_stock_user"
        )
        cls.warranty_admin = cls._new_user("ws11_admin", "sales_team.group_sale_manager")
        cls.robot_parts = cls.env["product.category"].create({"name": "Robot parts"})
        cls.liners = cls.env["product.category"].create(
            {"name": "Liners", "parent_id": cls.robot_parts.id}
        )
        # the liner is a robot part (subcategory), the pump is not
        cls.part.categ_id = cls.liners

    def _set_scope(self, scope, categories=None):
        """The warranty admin sets the coverage of the type in its form."""
        with Form(self.warranty_type.with_user(self.warranty_admin)) as type_form:
            type_form.coverage_scope = scope
            for category in categories or []:
                type_form.covered_categ_ids.add(category)

    def _create_order(self, lines, partner=None):
        order = super()._create_order(lines, partner=partner)
        order.user_id = self.salesperson
        return order

    def _confirm_as_salesperson(self, order, when):
        with freeze_time(when):
            order.with_user(self.salesperson).action_confirm()
        return order


@tagged("post_install", "-at_install")
class TestWS11CoverageScope(CoverageScopeCommon):
    def test_WS_11_categories_cover_their_parts_only(self):
        self._set_scope("categories", [self.robot_parts])
        self.assertRecordValues(
            self.warranty_type,
            [{"coverage_scope": "categories", "covered_categ_ids": self.robot_parts.ids}],
        )
        order = self._create_order(
            [
                (self.part, 2, self.equipment),
                (self.serial_part, 1, self.equipment),
                (self.robot, 1, self.equipment),
            ]
        )
        self._confirm_as_salesperson(order, "2025-10-01 10:00:00")
        liner, pump, robot = order.order_line
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "warranty_price_origin": "warranty",
                    "warranty_type_id": self.warranty_type.id,
                    "price_unit": 0.0,
                    "warranty_claim_charge": -60.0,
                },
                {
                    "warranty_entitlement": "not_covered",
                    "warranty_price_origin": "pricelist",
                    "warranty_type_id": False,
                    "price_unit": 1200.0,
                    "warranty_claim_charge": 0.0,
                },
                {
                    "warranty_entitlement": "not_covered",
                    "warranty_price_origin": "pricelist",
                    "warranty_type_id": False,
                    "price_unit": 95000.0,
                    "warranty_claim_charge": 0.0,
                },
            ],
        )
        self.assertEqual(
            pump.warranty_message,
            "Not covered by warranty [STD] Standard supplier warranty: only the parts of the "
            "categories Robot parts are covered. The normal price applies.",
        )
        self.assertEqual(
            robot.warranty_message,
            "Not covered by warranty [STD] Standard supplier warranty: [MR] Milking Robot is "
            "the equipment itself, not one of its parts. The normal price applies.",
        )
        self.assertEqual(pump.warranty_badge, "Not covered by warranty STD")
        self.assertFalse(liner.warranty_message)
        self.assertEqual(order.amount_untaxed, 96200.0)
        # only the covered part is claimed on delivery
        robot_lot = self.env["stock.lot"].create({"name": "MR-0003", "product_id": self.robot.id})
        self.env["stock.quant"]._update_available_quantity(
            self.robot, self.warehouse.lot_stock_id, 1.0, lot_id=robot_lot
        )
        self._deliver(order)
        self.assertRecordValues(
            order.warranty_claim_ids.line_ids,
            [{"product_id": self.part.id, "quantity": 2.0, "cost_total": 60.0}],
        )
        stock = self.warehouse.lot_stock_id
        self.assertEqual(self.part.with_context(location=stock.id).qty_available, 98.0)

    def test_WS_11_all_parts_never_covers_the_equipment_itself(self):
        self.assertEqual(self.warranty_type.coverage_scope, "all")
        order = self._create_order(
            [(self.serial_part, 1, self.equipment), (self.robot, 1, self.equipment)]
        )
        self._confirm_as_salesperson(order, "2025-10-01 10:00:00")
        self.assertRecordValues(
            order.order_line,
            [
                {"warranty_entitlement": "warranty", "price_unit": 0.0},
                {"warranty_entitlement": "not_covered", "price_unit": 95000.0},
            ],
        )

    def test_WS_11_goodwill_is_limited_to_covered_parts(self):
        self._set_scope("categories", [self.robot_parts])
        order = self._create_order(
            [(self.part, 1, self.equipment), (self.serial_part, 1, self.equipment)]
        )
        self._confirm_as_salesperson(order, "2026-03-01 10:00:00")
        self.assertRecordValues(
            order.order_line,
            [
                {"warranty_entitlement": "goodwill", "warranty_can_apply_goodwill": True},
                {"warranty_entitlement": "not_covered", "warranty_can_apply_goodwill": False},
            ],
        )

    @freeze_time("2025-10-01 10:00:00")
    def test_WS_11_note_shown_as_the_line_is_entered(self):
        self._set_scope("categories", [self.robot_parts])
        order_form = Form(self.env["sale.order"].with_user(self.salesperson))
        order_form.partner_id = self.customer
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.serial_part
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.warranty_entitlement, "not_covered")
            self.assertEqual(line_form.price_unit, 1200.0)
            self.assertIn(
                "only the parts of the categories Robot parts", line_form.warranty_message
            )
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.part
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.warranty_entitlement, "warranty")
            self.assertEqual(line_form.price_unit, 0.0)
        order = order_form.save()
        self.assertRecordValues(
            order.order_line,
            [
                {"warranty_entitlement": "not_covered", "price_unit": 1200.0},
                {"warranty_entitlement": "warranty", "price_unit": 0.0},
            ],
        )

    def _check_queries(self, line_count):
        """Queries of the entitlement check of a quotation of ``line_count`` lines
        (covered and uncovered parts, half each)."""
        order = self._create_order(
            [
                (self.part if index % 2 else self.serial_part, 1, self.equipment)
                for index in range(line_count)
            ]
        )
        order.date_order = "2025-10-01 10:00:00"
        order_as_salesperson = order.with_user(self.salesperson)
        start = self.env.cr.sql_log_count
        order_as_salesperson.action_warranty_check()
        self.env.flush_all()
        count = self.env.cr.sql_log_count - start
        self.assertEqual(
            order.order_line.mapped("warranty_entitlement"),
            ["not_covered", "warranty"] * (line_count // 2),
        )
        return count

    def test_WS_11_coverage_checked_in_batch(self):
        self._set_scope("categories", [self.robot_parts])
        self._check_queries(4)  # warm up the caches of the registry
        self.assertEqual(self._check_queries(10), self._check_queries(40))

    def test_WS_11_service_bom_scope_only_with_the_service_bom_model(self):
        field = self.env["warranty.type"]._fields["coverage_scope"]
        scopes = [value for value, _label in field._description_selection(self.env)]
        if "spare.parts.service.bom.line" in self.env:
            self.assertEqual(scopes, ["all", "categories", "service_bom"])
        else:
            self.assertEqual(scopes, ["all", "categories"])
