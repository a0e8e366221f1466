# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user

from .common import B2bCommon


class TestFrozenInventory(B2bCommon):
    def setUp(self):
        super().setUp()
        self.company.b2b_reserve_inventory = True

    def test_SI_17_off_by_default(self):
        self.company.b2b_reserve_inventory = False
        self.assertFalse(self.env["res.company"].create({"name": "Co"}).b2b_reserve_inventory)
        order = self.create_order([(self.product, 4)])
        order.with_user(self.salesperson).action_confirm()
        self.assertFalse(order.b2b_reservation_ids)

    def test_SI_17_single_freezes_without_double_counting(self):
        order = self.create_order([(self.product, 4)])
        order.with_user(self.salesperson).action_confirm()
        self.assertRecordValues(
            order.b2b_reservation_ids,
            [
                {
                    "product_id": self.product.id,
                    "warehouse_id": self.wh_a.id,
                    "quantity": 4.0,
                    "state": "active",
                }
            ],
        )
        self.assertEqual(order.b2b_reservation_count, 1)
        # the delivery also reserved the 4 units: they are counted once
        exact = self.create_order([(self.product, 6)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_17_frozen_counts_when_deliveries_do_not_reserve(self):
        self.wh_a.out_type_id.reservation_method = "manual"
        first = self.create_order([(self.product, 4)])
        first.with_user(self.salesperson).action_confirm()
        self.assertEqual(first.picking_ids.move_ids.quantity, 0.0)
        over = self.create_order([(self.product, 7)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 7, 6, "B2B Warehouse A")]),
        )
        # once the delivery reserves its stock, the frozen part is covered
        first.picking_ids.action_assign()
        self.assertEqual(first.picking_ids.move_ids.quantity, 4.0)
        with self.assertRaises(UserError):
            over.with_user(self.salesperson).action_confirm()
        exact = self.create_order([(self.product, 6)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_17_consolidated_spreads_over_warehouses(self):
        self.company.b2b_ordering_mode = "consolidated"
        order = self.create_order([(self.product, 12)])
        order.with_user(self.salesperson).action_confirm()
        self.assertRecordValues(
            order.b2b_reservation_ids.sorted("warehouse_id"),
            [
                {"warehouse_id": self.wh_a.id, "quantity": 10.0},
                {"warehouse_id": self.wh_b.id, "quantity": 2.0},
            ],
        )
        # warehouse B holds 5, 2 of them frozen for ``order``
        self.company.b2b_ordering_mode = "single"
        over = self.create_order([(self.product, 4)], warehouse=self.wh_b)
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 4, 3, "B2B Warehouse B")]),
        )
        exact = self.create_order([(self.product, 3)], warehouse=self.wh_b)
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")

    def test_SI_17_admin_adjusts_and_releases_with_audit_trail(self):
        # B's delivery does not reserve: only the frozen inventory holds B's stock
        self.wh_b.out_type_id.reservation_method = "manual"
        self.company.b2b_ordering_mode = "consolidated"
        order = self.create_order([(self.product, 12)])
        order.with_user(self.salesperson).action_confirm()
        frozen_b = order.b2b_reservation_ids.filtered(lambda r: r.warehouse_id == self.wh_b)
        # the salesperson may not touch it
        with self.assertRaises(AccessError):
            frozen_b.with_user(self.salesperson)._action_adjust(1.0, "try")
        with self.assertRaises(AccessError):
            frozen_b.with_user(self.shipping).action_release()
        action = frozen_b.with_user(self.order_admin).action_open_adjust_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.order_admin)
            .with_context(**action["context"])
        )
        wizard.new_quantity = 1.0
        wizard.reason = "Customer takes one unit later"
        wizard.save().action_apply()
        self.assertEqual(frozen_b.quantity, 1.0)
        bodies = frozen_b.message_ids.mapped("body")
        self.assertTrue(
            any(
                "Frozen quantity adjusted from 2.0 to 1.0 Units by" in b
                and "Customer takes one unit later" in b
                for b in bodies
            ),
            bodies,
        )
        # 5 in B, 1 frozen: 4 can be sold from B
        self.company.b2b_ordering_mode = "single"
        self.create_confirmed_order([(self.product, 4)], warehouse=self.wh_b)
        frozen_b.with_user(self.order_admin).action_release()
        self.assertEqual(frozen_b.state, "released")
        self.assertTrue(any("Released by" in b for b in frozen_b.message_ids.mapped("body")))
        with self.assertRaises(UserError):
            frozen_b.with_user(self.order_admin).action_release()

    def test_SI_17_cancel_releases(self):
        self.wh_a.out_type_id.reservation_method = "manual"
        order = self.create_order([(self.product, 10)])
        order.with_user(self.salesperson).action_confirm()
        order._action_cancel()
        self.assertEqual(order.b2b_reservation_ids.state, "released")
        exact = self.create_order([(self.product, 10)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")


class TestFrozenInventoryRace(TransactionCase):
    """Runs in committed transactions of its own: this class writes nothing in
    the test transaction, so the other cursors never wait for it."""

    def test_SI_17_race_two_orders_for_the_last_units(self):
        """Two salespeople submit orders for the same last 5 units at the same
        time, in two real transactions: only one order is confirmed."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], order="id", limit=1
            )
            saved = {
                "reserve": company.b2b_reserve_inventory,
                "mode": company.b2b_ordering_mode,
                "rule": company.b2b_validation_rule,
                "method": warehouse.out_type_id.reservation_method,
            }
            # deliveries do not reserve: only the frozen inventory protects
            warehouse.out_type_id.reservation_method = "manual"
            company.write(
                {
                    "b2b_reserve_inventory": True,
                    "b2b_ordering_mode": "single",
                    "b2b_validation_rule": "block",
                }
            )
            product = env["product.product"].create(
                {"name": "Race Switch", "default_code": "RACE-1", "is_storable": True}
            )
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 5)
            partner = env["res.partner"].create({"name": "Race Distributor"})
            group = "sales_inventory_b2b.group_b2b_salesperson"
            salespeople = new_test_user(env, login="b2b_race_sales_1", groups=group)
            salespeople |= new_test_user(env, login="b2b_race_sales_2", groups=group)
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "user_id": salesperson.id,
                        "warehouse_id": warehouse.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 5})
                        ],
                    }
                    for salesperson in salespeople
                ]
            )
            ids = {
                "product": product.id,
                "partner": partner.id,
                "orders": orders.ids,
                "warehouse": warehouse.id,
                "users": salespeople.ids,
            }
            # Two real transactions race below: they must see these records.
            cr.commit()  # pylint: disable=invalid-commit
        try:
            cr1, cr2 = self.registry.cursor(), self.registry.cursor()
            try:
                # each salesperson submits his own order
                env1 = api.Environment(cr1, ids["users"][0], {})
                env2 = api.Environment(cr2, ids["users"][1], {})
                order1 = env1["sale.order"].browse(ids["orders"][0])
                order2 = env2["sale.order"].browse(ids["orders"][1])
                # both transactions are open and have read the order
                self.assertEqual(order2.state, "draft")
                self.assertEqual(order1.state, "draft")
                order1.action_confirm()
                cr1.commit()
                with self.assertRaises(psycopg2.errors.SerializationFailure):
                    order2.action_confirm()
                cr2.rollback()
                # retried on a fresh snapshot, the second order is refused
                env2.invalidate_all()
                with self.assertRaises(UserError) as error:
                    order2.action_confirm()
                self.assertEqual(
                    str(error.exception),
                    f"Order {order2.name} cannot be confirmed: the validation rule "
                    '"Block submission" refuses orders needing more than the available '
                    "inventory.\n- [RACE-1] Race Switch: needed 5.00 Units, available "
                    f"0.00 Units (warehouse {order2.warehouse_id.code})",
                )
                cr2.rollback()
                self.assertEqual(order1.b2b_reservation_ids.quantity, 5.0)
            finally:
                cr1.close()
                cr2.close()
        finally:
            self._cleanup_race(ids, saved)

    def _cleanup_race(self, ids, saved):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(ids["orders"])
            pickings = orders.picking_ids
            references = orders.stock_reference_ids
            env["sale.b2b.shipment"].search([("order_ids", "in", orders.ids)]).unlink()
            pickings.action_cancel()
            orders._action_cancel()
            pickings.unlink()
            orders.unlink()
            references.unlink()
            env["sale.b2b.reservation.lock"].search([("product_id", "=", ids["product"])]).unlink()
            cr.execute("DELETE FROM stock_quant WHERE product_id = %s", [ids["product"]])
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            users = env["res.users"].browse(ids["users"])
            user_partners = users.partner_id
            users.unlink()
            user_partners.unlink()
            warehouse = env["stock.warehouse"].browse(ids["warehouse"])
            warehouse.out_type_id.reservation_method = saved["method"]
            warehouse.company_id.write(
                {
                    "b2b_reserve_inventory": saved["reserve"],
                    "b2b_ordering_mode": saved["mode"],
                    "b2b_validation_rule": saved["rule"],
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
