# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Assemble-to-order kits (SI-09): 1 Pump Kit = 2 Frame Parts + 1 Motor Part,
assembled by a manufacturing order for each order (the Replenish on Order route
on the kit, the Manufacture route of the warehouses), then shipped as a kit.
Stock: 10 Frame Parts and 4 Motor Parts in warehouse A, so 4 kits."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user

from .common import B2bKitCommon


class TestB2bAssembleToOrder(B2bKitCommon):
    kit_bom_type = "normal"
    component_names = (("Frame Part", "ATO-A"), ("Motor Part", "ATO-B"))
    kit_name = ("Pump Kit", "ATO-KIT")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mrp_user = new_test_user(cls.env, login="b2b_mrp_user", groups="mrp.group_mrp_user")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.production_location = cls.kit.property_stock_production

    @classmethod
    def _prepare_kit_vals(cls):
        """Stocked as a finished kit, assembled on order."""
        cls.mto_route = cls.env.ref("stock.route_warehouse0_mto")
        cls.mto_route.action_unarchive()
        return dict(
            super()._prepare_kit_vals(),
            is_storable=True,
            list_price=900.0,
            route_ids=[Command.set(cls.mto_route.ids)],
        )

    # ------------------------------------------------------------ helpers
    def stock_at(self, location):
        """{code: (on hand, reserved)} of the components and the kit at
        ``location`` (not its sublocations)."""
        Quant = self.env["stock.quant"]
        result = {}
        for product in self.comp_a | self.comp_b | self.kit:
            quants = Quant._gather(product, location, strict=True)
            result[product.default_code] = (
                sum(quants.mapped("quantity")),
                sum(quants.mapped("reserved_quantity")),
            )
        return result

    def productions_of(self, order):
        return (
            self.env["mrp.production"]
            .search([("sale_line_id", "in", order.order_line.ids)])
            .sorted(lambda mo: mo.warehouse_id.code)
        )

    def raw_moves(self, production):
        return sorted(
            (m.product_id.default_code, m.product_uom_qty, m.quantity)
            for m in production.move_raw_ids
        )

    def produce(self, production):
        """The manufacturing user produces the whole order and closes it."""
        form = Form(production.with_user(self.mrp_user))
        form.qty_producing = production.product_qty
        form.save()
        production.with_user(self.mrp_user).button_mark_done()
        self.assertEqual(production.state, "done")

    # ------------------------------------------------------------ the hook
    def test_SI_09_ato_products_checked_through_components(self):
        Availability = self.env["sale.b2b.availability"]
        phantom = self.env["product.product"].create({"name": "Phantom Kit", "type": "consu"})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": phantom.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [Command.create({"product_id": self.comp_a.id})],
            }
        )
        # made to stock: manufactured by the warehouse, shipped from its stock
        to_stock = self.env["product.product"].create({"name": "Stocked Pump", "is_storable": True})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": to_stock.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": self.comp_a.id})],
            }
        )
        # replenished on order, but bought: no bill of materials
        bought = self.env["product.product"].create(
            {
                "name": "Bought Pump",
                "is_storable": True,
                "route_ids": [Command.set(self.mto_route.ids)],
            }
        )
        # a bill of materials making 4 kits in one go, with a consumable screw
        big = self.env["product.product"].create(
            {
                "name": "Pump Kit Pack",
                "type": "consu",
                "route_ids": [Command.set(self.mto_route.ids)],
            }
        )
        screw = self.env["product.product"].create({"name": "Screw", "type": "consu"})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": big.product_tmpl_id.id,
                "product_qty": 4.0,
                "bom_line_ids": [
                    Command.create({"product_id": self.comp_a.id, "product_qty": 6.0}),
                    Command.create({"product_id": self.comp_b.id, "product_qty": 2.0}),
                    Command.create({"product_id": screw.id, "product_qty": 16.0}),
                ],
            }
        )
        products = self.kit | self.comp_a | phantom | to_stock | bought | big
        self.assertEqual(
            Availability._get_assembly_ratios(products, self.company),
            {
                self.kit: {self.comp_a: 2.0, self.comp_b: 1.0},
                big: {self.comp_a: 1.5, self.comp_b: 0.5},
            },
        )
        # 10 Frame Parts make 6 packs (1.5 each), 4 Motor Parts 8
        free = Availability._get_free_quantities(
            self.company, (self.kit | big | to_stock).ids, (self.wh_a.id,)
        )
        self.assertEqual((free[self.kit.id], free[big.id], free[to_stock.id]), (4.0, 6.0, 0.0))
        # a non-storable product assembled on order is checked too
        order = self.create_order([(big, 7), (screw, 100)])
        self.assertEqual([line._b2b_is_checked() for line in order.order_line], [True, False])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception), self.short_message(order, [(big, 7, 6, "B2B Warehouse A")])
        )

    def test_SI_03_ato_made_to_stock_is_checked_as_itself(self):
        """Without the Replenish on Order route the kit is manufactured to
        stock and ships from it: its components do not count."""
        self.kit.route_ids = [Command.clear()]
        order = self.create_order([(self.kit, 1)])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.kit, 1, 0, "B2B Warehouse A")]),
        )
        self.set_stock(self.kit, self.wh_a, 1)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.productions_of(order))

    # ------------------------------------------------------------ end to end
    def test_SI_09_ato_order_assemble_ship_receive_return(self):
        self.company.b2b_show_available = True
        stock = self.wh_a.lot_stock_id
        # the sales person asks for 5 kits: the line shows the 4 the parts make
        form = Form(self.env["sale.order"].with_user(self.salesperson))
        form.partner_id = self.partner
        form.warehouse_id = self.wh_a
        with form.order_line.new() as line:
            line.product_id = self.kit
            line.product_uom_qty = 5
            self.assertEqual(line.b2b_available_qty, 4.0)
            self.assertTrue(line.b2b_is_short)
        order = form.save().with_env(self.env)
        self.assertRecordValues(
            order.order_line, [{"b2b_available_qty": 4.0, "b2b_is_short": True}]
        )
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.kit, 5, 4, "B2B Warehouse A")]),
        )
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)
        self.assertFalse(self.productions_of(order))
        self.assertEqual(
            self.stock_at(stock),
            {"ATO-A": (10.0, 0.0), "ATO-B": (4.0, 0.0), "ATO-KIT": (0.0, 0.0)},
        )

        # 3 kits: confirmed, a manufacturing order assembles them
        with Form(order.with_user(self.salesperson)) as edit:
            with edit.order_line.edit(0) as line:
                line.product_uom_qty = 3
        self.assertRecordValues(
            order.order_line, [{"b2b_available_qty": 4.0, "b2b_is_short": False}]
        )
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_has_shortage)
        production = self.productions_of(order)
        self.assertRecordValues(
            production,
            [
                {
                    "product_id": self.kit.id,
                    "product_qty": 3.0,
                    "bom_id": self.bom.id,
                    "state": "confirmed",
                    "reservation_state": "assigned",
                    "location_src_id": stock.id,
                    "location_dest_id": stock.id,
                }
            ],
        )
        self.assertEqual(self.raw_moves(production), [("ATO-A", 6.0, 6.0), ("ATO-B", 3.0, 3.0)])
        delivery = order.picking_ids
        self.assertEqual(len(delivery), 1)
        self.assertRecordValues(
            delivery.move_ids,
            [
                {
                    "product_id": self.kit.id,
                    "product_uom_qty": 3.0,
                    "quantity": 0.0,
                    "procure_method": "make_to_order",
                    "state": "waiting",
                }
            ],
        )
        self.assertEqual(delivery.move_ids.move_orig_ids.production_id, production)
        self.assertEqual(
            self.stock_at(stock),
            {"ATO-A": (10.0, 6.0), "ATO-B": (4.0, 3.0), "ATO-KIT": (0.0, 0.0)},
        )
        # what is left makes 1 kit (4 Frame Parts, 1 Motor Part)
        self.assertEqual(self.create_order([(self.kit, 1)]).order_line.b2b_available_qty, 1.0)

        # the notice asks for the kit itself
        notice = self.notice_of(order)
        self.assertRecordValues(
            notice.line_ids, [{"product_id": self.kit.id, "quantity": 3.0, "qty_shipped": 0.0}]
        )
        self.assertEqual(
            notice.line_ids._prepare_export_vals()["components"],
            [{"sku": "ATO-KIT", "quantity": 3.0}],
        )
        # nothing to ship before the kits are assembled
        with self.assertRaises(UserError) as error:
            self.ship(order)
        self.assertEqual(
            str(error.exception),
            f"Shipment {notice.name} cannot ship 3.0 Units of {self.kit.display_name}: "
            f"only 0.0 Units are in stock at {stock.display_name}.",
        )
        self.assertEqual(notice.state, "pending")

        # the manufacturing user assembles the 3 kits: the delivery holds them
        self.produce(production)
        self.assertEqual(
            self.stock_at(stock),
            {"ATO-A": (4.0, 0.0), "ATO-B": (1.0, 0.0), "ATO-KIT": (3.0, 3.0)},
        )
        self.assertEqual(
            self.stock_at(self.production_location),
            {"ATO-A": (6.0, 0.0), "ATO-B": (3.0, 0.0), "ATO-KIT": (-3.0, 0.0)},
        )
        self.assertRecordValues(delivery.move_ids, [{"quantity": 3.0, "state": "assigned"}])
        self.assertEqual(order.order_line.qty_delivered, 0.0)

        # shipping staff ship the notice: the kits leave warehouse A
        self.ship(order)
        self.assertRecordValues(notice, [{"state": "done", "receipt_state": "pending"}])
        self.assertEqual(notice.line_ids.qty_shipped, 3.0)
        self.assertEqual(notice.line_ids.move_ids, delivery.move_ids)
        self.assertEqual(delivery.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 3.0)
        self.assertEqual(order.delivery_status, "full")
        self.assertEqual(
            self.stock_at(stock),
            {"ATO-A": (4.0, 0.0), "ATO-B": (1.0, 0.0), "ATO-KIT": (0.0, 0.0)},
        )
        self.assertEqual(
            self.stock_at(self.customers),
            {"ATO-A": (0.0, 0.0), "ATO-B": (0.0, 0.0), "ATO-KIT": (3.0, 0.0)},
        )

        # the customer confirms the receipt
        notice.with_user(self.shipping).action_confirm_receipt()
        self.assertRecordValues(
            notice, [{"receipt_state": "confirmed", "receipt_method": "manual"}]
        )
        self.assertEqual(order.b2b_receipt_state, "confirmed")

        # one kit comes back, whole: no more than the 3 delivered
        too_many = self.new_return([(order.order_line, 4)])
        with self.assertRaises(UserError) as error:
            too_many.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            f"Return {too_many.name} cannot take back 4.0 Units of {self.kit.display_name}: "
            f"only 3.0 Units delivered by order {order.name} remain returnable.",
        )
        ret = self.new_return([(order.order_line, 1)])
        ret.with_user(self.salesperson).action_confirm()
        self.assertRecordValues(
            ret.picking_ids.move_ids,
            [
                {
                    "product_id": self.kit.id,
                    "product_uom_qty": 1.0,
                    "location_id": self.customers.id,
                    "location_dest_id": stock.id,
                }
            ],
        )
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(ret.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 2.0)
        self.assertEqual(
            self.stock_at(stock),
            {"ATO-A": (4.0, 0.0), "ATO-B": (1.0, 0.0), "ATO-KIT": (1.0, 0.0)},
        )
        self.assertEqual(
            self.stock_at(self.customers),
            {"ATO-A": (0.0, 0.0), "ATO-B": (0.0, 0.0), "ATO-KIT": (2.0, 0.0)},
        )
        # the returned kit is stock of its own: the next order still counts parts
        self.assertEqual(self.create_order([(self.kit, 1)]).order_line.b2b_available_qty, 1.0)

    # ------------------------------------------------------------ rules
    def test_SI_03_ato_allow_rule_records_shortage(self):
        self.company.b2b_validation_rule = "allow"
        order = self.create_confirmed_order([(self.kit, 5)])
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.b2b_has_shortage)
        self.assertRecordValues(
            order.sudo().b2b_shortage_ids,
            [{"product_id": self.kit.id, "qty_needed": 5.0, "qty_available": 4.0}],
        )
        # the manufacturing order holds what there is and waits for the rest
        production = self.productions_of(order)
        self.assertRecordValues(
            production, [{"product_qty": 5.0, "reservation_state": "confirmed"}]
        )
        self.assertEqual(self.raw_moves(production), [("ATO-A", 10.0, 10.0), ("ATO-B", 5.0, 4.0)])
        self.assertEqual(
            self.stock_at(self.wh_a.lot_stock_id),
            {"ATO-A": (10.0, 10.0), "ATO-B": (4.0, 4.0), "ATO-KIT": (0.0, 0.0)},
        )

    def test_SI_02_ato_consolidated_assembles_in_each_warehouse(self):
        self.company.b2b_ordering_mode = "consolidated"
        self.set_stock(self.comp_a, self.wh_b, 4)
        self.set_stock(self.comp_b, self.wh_b, 1)
        # A makes 4 kits, B 1
        over = self.create_order([(self.kit, 6)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 6, 5, "all warehouses")]),
        )
        order = self.create_confirmed_order([(self.kit, 5)])
        productions = self.productions_of(order)
        self.assertEqual(
            [(mo.warehouse_id, mo.product_qty) for mo in productions],
            [(self.wh_a, 4.0), (self.wh_b, 1.0)],
        )
        self.assertEqual(
            [self.raw_moves(mo) for mo in productions],
            [
                [("ATO-A", 8.0, 8.0), ("ATO-B", 4.0, 4.0)],
                [("ATO-A", 2.0, 2.0), ("ATO-B", 1.0, 1.0)],
            ],
        )
        self.assertEqual(
            sorted(
                (p.picking_type_id.warehouse_id.code, p.move_ids.product_id, p.move_ids.product_qty)
                for p in order.picking_ids
            ),
            [("B2BA", self.kit, 4.0), ("B2BB", self.kit, 1.0)],
        )
        for production in productions:
            self.produce(production)
        self.assertEqual(
            self.stock_at(self.wh_b.lot_stock_id),
            {"ATO-A": (2.0, 0.0), "ATO-B": (0.0, 0.0), "ATO-KIT": (1.0, 1.0)},
        )
        self.ship(order)
        self.assertEqual(order.order_line.qty_delivered, 5.0)
        self.assertEqual(
            self.stock_at(self.customers),
            {"ATO-A": (0.0, 0.0), "ATO-B": (0.0, 0.0), "ATO-KIT": (5.0, 0.0)},
        )

    # ------------------------------------------------------------ SI-17
    def test_SI_17_ato_frozen_kits_counted_once(self):
        self.company.write({"b2b_reserve_inventory": True, "b2b_show_available": True})
        self.set_stock(self.comp_b, self.wh_a, 2)
        # 10 Frame Parts, 6 Motor Parts: 5 kits
        first = self.create_confirmed_order([(self.kit, 2)])
        self.assertRecordValues(
            first.b2b_reservation_ids,
            [
                {
                    "product_id": self.kit.id,
                    "warehouse_id": self.wh_a.id,
                    "quantity": 2.0,
                    "state": "active",
                }
            ],
        )
        production = self.productions_of(first)
        self.assertEqual(self.raw_moves(production), [("ATO-A", 4.0, 4.0), ("ATO-B", 2.0, 2.0)])
        # the manufacturing order holds the parts of the 2 frozen kits: they count once
        over = self.create_order([(self.kit, 4)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 4, 3, "B2B Warehouse A")]),
        )
        # assembled, the kits are held by the delivery: still counted once
        self.produce(production)
        self.assertEqual(
            self.stock_at(self.wh_a.lot_stock_id),
            {"ATO-A": (6.0, 0.0), "ATO-B": (4.0, 0.0), "ATO-KIT": (2.0, 2.0)},
        )
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 4, 3, "B2B Warehouse A")]),
        )
        exact = self.create_confirmed_order([(self.kit, 3)])
        self.assertEqual(exact.state, "sale")
        self.assertEqual(self.create_order([(self.kit, 1)]).order_line.b2b_available_qty, 0.0)

    def test_SI_17_ato_frozen_counts_while_parts_are_not_reserved(self):
        self.company.b2b_reserve_inventory = True
        self.wh_a.manu_type_id.reservation_method = "manual"
        self.set_stock(self.comp_b, self.wh_a, 2)
        first = self.create_confirmed_order([(self.kit, 2)])
        production = self.productions_of(first)
        self.assertEqual(self.raw_moves(production), [("ATO-A", 4.0, 0.0), ("ATO-B", 2.0, 0.0)])
        # the parts are free, the 2 kits frozen: 5 - 2
        over = self.create_order([(self.kit, 4)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.kit, 4, 3, "B2B Warehouse A")]),
        )
        # reserving the parts covers the frozen kits
        production.with_user(self.mrp_user).action_assign()
        self.assertEqual(self.raw_moves(production), [("ATO-A", 4.0, 4.0), ("ATO-B", 2.0, 2.0)])
        with self.assertRaises(UserError):
            over.with_user(self.salesperson).action_confirm()
        exact = self.create_confirmed_order([(self.kit, 3)])
        self.assertEqual(exact.state, "sale")
