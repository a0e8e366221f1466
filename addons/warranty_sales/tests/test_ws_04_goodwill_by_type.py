# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WS-04: entering the warranty type on a line qualified for goodwill grants
goodwill, as Apply Goodwill does, under the same rules."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS04GoodwillByType(WarrantySalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_user(
            "ws04t_sales", "sales_team.group_sale_salesman,stock.group_stock_user"
        )
        cls.stock_user = cls._new_user(
            "ws04t_stock", "stock.group_stock_user,stock.group_production_lot"
        )
        cls.extended_type = cls.env["warranty.type"].create(
            {"code": "EXT", "name": "Extended warranty", "warranty_months": 36}
        )

    def _order_on(self, when, quantity=2):
        order = self._create_order([(self.part, quantity, self.equipment)])
        order.user_id = self.salesperson
        with freeze_time(when):
            order.with_user(self.salesperson).action_confirm()
        return order

    def test_WS_04_entering_the_type_grants_goodwill(self):
        order = self._order_on("2026-03-15 10:00:00")
        line = order.order_line
        # qualified: the type is not set until goodwill is granted
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "goodwill",
                    "warranty_goodwill_qualified": True,
                    "warranty_type_id": False,
                    "price_unit": 48.0,
                }
            ],
        )
        line.with_user(self.salesperson).warranty_type_id = self.warranty_type
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_goodwill_applied": True,
                    "warranty_price_origin": "goodwill",
                    "warranty_type_id": self.warranty_type.id,
                    "warranty_payer_id": self.payer.id,
                    "price_unit": 0.0,
                    "price_subtotal": 0.0,
                    "warranty_message": False,
                    "warranty_can_apply_goodwill": False,
                    "warranty_claim_charge": 0.0,
                    "warranty_cost": 60.0,
                }
            ],
        )
        # the customer pays a part, as after Apply Goodwill
        line.with_user(self.salesperson).price_unit = 20.0
        self.assertEqual(order.amount_untaxed, 40.0)
        self.assertEqual(line.warranty_price_origin, "goodwill")
        # goodwill is not a warranty: nothing is claimed on delivery
        picking = order.picking_ids.with_user(self.stock_user)
        picking.action_assign()
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        self.assertFalse(order.warranty_claim_ids)

    @freeze_time("2026-02-01 10:00:00")
    def test_WS_04_entering_the_type_in_the_form(self):
        order_form = Form(self.env["sale.order"].with_user(self.salesperson))
        order_form.partner_id = self.customer
        with order_form.order_line.new() as line_form:
            line_form.product_id = self.part
            line_form.product_uom_qty = 2
            line_form.warranty_equipment_id = self.equipment
            self.assertEqual(line_form.warranty_entitlement, "goodwill")
            self.assertFalse(line_form.warranty_type_id)
            self.assertEqual(line_form.price_unit, 48.0)
        order = order_form.save()
        with Form(order.with_user(self.salesperson)) as order_form:
            with order_form.order_line.edit(0) as line_form:
                line_form.warranty_type_id = self.warranty_type
                self.assertEqual(line_form.price_unit, 0.0)
                self.assertTrue(line_form.warranty_goodwill_applied)
        self.assertRecordValues(
            order.order_line,
            [
                {
                    "warranty_goodwill_applied": True,
                    "warranty_price_origin": "goodwill",
                    "warranty_type_id": self.warranty_type.id,
                    "price_unit": 0.0,
                }
            ],
        )

    def test_WS_04_type_entry_refused_like_apply_goodwill(self):
        in_warranty = self._order_on("2025-06-15 10:00:00")
        with self.assertRaises(UserError) as error:
            in_warranty.order_line.with_user(self.salesperson).warranty_type_id = self.extended_type
        self.assertEqual(
            str(error.exception),
            f"Goodwill cannot be applied on {in_warranty.name} / [TCL] Teat Cup Liner: only a "
            "line qualified for goodwill by the entitlement check, not yet invoiced and "
            "without goodwill applied, can get it.",
        )
        order = self._order_on("2026-03-15 10:00:00")
        line = order.order_line
        with self.assertRaises(UserError) as error:
            line.with_user(self.salesperson).warranty_type_id = self.extended_type
        self.assertEqual(
            str(error.exception),
            f"Warranty type [EXT] Extended warranty cannot be entered on {order.name} / [TCL] "
            "Teat Cup Liner: goodwill is granted by entering the type of the warranty "
            "qualifying the line ([STD] Standard supplier warranty).",
        )
        # warehouse staff read order lines: they do not give goodwill
        with self.assertRaises(AccessError) as error:
            line.with_user(self.stock_user).warranty_type_id = self.warranty_type
        self.assertEqual(
            str(error.exception),
            f"{self.stock_user.name} may read sales order lines but not change them: only "
            "sales people and invoicing users do.",
        )
        self.assertRecordValues(
            line,
            [{"warranty_goodwill_applied": False, "price_unit": 48.0, "warranty_type_id": False}],
        )

    def test_WS_04_clearing_the_type_takes_goodwill_back(self):
        order = self._order_on("2026-03-15 10:00:00")
        line = order.order_line
        line.with_user(self.salesperson).warranty_type_id = self.warranty_type
        self.assertEqual(line.price_unit, 0.0)
        line.with_user(self.salesperson).warranty_type_id = False
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_goodwill_applied": False,
                    "warranty_goodwill_qualified": True,
                    "warranty_price_origin": "pricelist",
                    "warranty_type_id": False,
                    "price_unit": 48.0,
                }
            ],
        )
        self.assertIn("Qualified for goodwill", line.warranty_message)
        # a type given by the warranty period cannot be cleared
        in_warranty = self._order_on("2025-06-15 10:00:00")
        with self.assertRaises(UserError) as error:
            in_warranty.order_line.with_user(self.salesperson).warranty_type_id = False
        self.assertEqual(
            str(error.exception),
            f"The warranty type of {in_warranty.name} / [TCL] Teat Cup Liner comes from the "
            "warranty of the equipment and cannot be cleared; only goodwill granted by hand "
            "can be taken back.",
        )
