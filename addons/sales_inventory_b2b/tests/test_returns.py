# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import B2bCommon


class TestReturns(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Return = cls.env["sale.b2b.return"]
        cls.customers = cls.env.ref("stock.stock_location_customers")

    # SI-12 -------------------------------------------------------------
    def test_SI_12_order_returns_against_several_orders(self):
        order_1 = self.create_confirmed_order([(self.product, 4)])
        order_2 = self.create_confirmed_order([(self.product_2, 2)])
        self.ship(order_1)
        self.ship(order_2)
        ret = self.new_return([(order_1.order_line, 3), (order_2.order_line, 1)])
        ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(ret.state, "confirmed")
        self.assertEqual(len(ret.picking_ids), 2)
        self.assertEqual(ret.order_ids, order_1 | order_2)
        # pending returns already count: no second return of the same goods
        again = self.new_return([(order_1.order_line, 2)])
        with self.assertRaises(UserError) as err:
            again.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {again.name} cannot take back 2.0 Units of {self.product.display_name}: "
            f"only 1.0 Units delivered by order {order_1.name} remain returnable.",
        )
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(ret.state, "done")
        self.assertEqual(self.delivered(order_1), [1.0])
        self.assertEqual(self.delivered(order_2), [1.0])
        self.assertTrue(all(ret.picking_ids.move_ids.mapped("to_refund")))
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 9.0)
        self.assertEqual(order_1.b2b_return_ids, ret | again)

    def test_SI_12_never_more_than_delivered(self):
        order = self.create_confirmed_order([(self.product, 4)])
        self.ship(order, {order.order_line: 3})
        ret = self.new_return([(order.order_line, 4)])
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {ret.name} cannot take back 4.0 Units of {self.product.display_name}: "
            f"only 3.0 Units delivered by order {order.name} remain returnable.",
        )
        self.assertEqual(ret.state, "draft")
        self.assertFalse(ret.picking_ids)

    def test_SI_12_single_order_rule(self):
        self.company.b2b_order_return_rule = "single"
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product, 2)])
        self.ship(order_1)
        self.ship(order_2)
        ret = self.new_return([(order_1.order_line, 1), (order_2.order_line, 1)])
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f'Return {ret.name} is refused: the rule "Single order only" allows one order '
            f"per return, got {order_1.name}, {order_2.name}.",
        )
        single = self.new_return([(order_1.order_line, 2)])
        single.with_user(self.salesperson).action_confirm()
        single.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order_1), [0.0])
        self.assertEqual(self.delivered(order_2), [2.0])

    # SI-13 -------------------------------------------------------------
    def test_SI_13_shipment_based_returns(self):
        order = self.create_confirmed_order([(self.product, 4)])
        first = self.ship(order, {order.order_line: 3})
        second = order._create_b2b_shipment()
        second.with_user(self.shipping).action_send()
        second.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(second.line_ids.qty_shipped, 1.0)
        ret = self.new_return([(second.line_ids, 2)], kind="shipment", shipment_id=second.id)
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {ret.name} is refused: shipment-based returns are disabled.",
        )
        self.company.b2b_shipment_returns = True
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {ret.name} cannot take back 2.0 Units of {self.product.display_name}: "
            f"only 1.0 Units delivered by shipment {second.name} remain returnable.",
        )
        ret.line_ids.quantity = 1
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [3.0])
        self.assertEqual(second.line_ids.qty_returned, 1.0)
        self.assertEqual(first.line_ids.qty_returned, 0.0)
        # the first shipment still has its 3 units returnable
        ret_2 = self.new_return([(first.line_ids, 3)], kind="shipment", shipment_id=first.id)
        ret_2.with_user(self.salesperson).action_confirm()
        ret_2.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [0.0])

    # SI-14 -------------------------------------------------------------
    def test_SI_14_source_free_returns(self):
        ret = self.new_return([], kind="free", warehouse_id=self.wh_b.id)
        ret.line_ids = [Command.create({"product_id": self.product_2.id, "quantity": 2})]
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception), f"Return {ret.name} is refused: source-free returns are disabled."
        )
        self.company.b2b_source_free_returns = True
        ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(ret.picking_ids.picking_type_id, self.wh_b.in_type_id)
        self.assertEqual(ret.picking_ids.location_id, self.customers)
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.product_2.with_context(warehouse_id=self.wh_b.id).qty_available, 2.0)
        order_line_return = self.new_return([], kind="free", warehouse_id=self.wh_b.id)
        order = self.create_confirmed_order([(self.product, 1)])
        order_line_return.line_ids = [
            Command.create({"sale_line_id": order.order_line.id, "quantity": 1})
        ]
        with self.assertRaises(UserError) as err:
            order_line_return.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Source-free return {order_line_return.name} cannot refer to an order or a shipment.",
        )

    # SI-15 -------------------------------------------------------------
    def test_SI_15_exchange_return_and_replacement(self):
        order = self.create_confirmed_order([(self.product, 4)])
        self.ship(order)
        ret = self.new_return([(order.order_line, 1)], is_exchange=True)
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception), f"Return {ret.name} is refused: exchanges are disabled."
        )
        self.company.b2b_exchanges = True
        ret.with_user(self.salesperson).action_confirm()
        replacement = ret.exchange_shipment_ids
        self.assertRecordValues(
            replacement, [{"kind": "notice", "state": "pending", "return_id": ret.id}]
        )
        self.assertEqual(replacement.line_ids.mapped("quantity"), [1.0])
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [3.0])
        replacement.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order), [4.0])
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 6.0)

    # SI-16 -------------------------------------------------------------
    def test_SI_16_serials_on_notices_shipments_and_returns(self):
        tracked = self.env["product.product"].create(
            {"name": "Firewall", "default_code": "FW-1", "is_storable": True, "tracking": "serial"}
        )
        lots = self.create_serials(tracked, ["FW-A", "FW-B", "FW-C"])
        order = self.create_confirmed_order([(tracked, 2)])
        notice = self.notice_of(order)
        notice.line_ids.lot_ids = lots[:2]
        self.assertEqual(notice.line_ids._prepare_export_vals()["serials"], ["FW-A", "FW-B"])
        result = {
            "result_ref": "ERP-FW-1",
            "notice": notice.name,
            "lines": [{"line_id": notice.line_ids.id, "quantity": 2, "serials": ["FW-A"]}],
        }
        Shipment = self.env["sale.b2b.shipment"].with_user(self.shipping)
        with self.assertRaises(UserError) as err:
            Shipment.b2b_import_fulfilment([result])
        self.assertEqual(
            str(err.exception),
            f"{notice.name}: {tracked.display_name} is tracked by serial number: "
            "2 serial(s) expected for 2 unit(s), 1 given.",
        )
        result["lines"][0]["serials"] = ["FW-A", "FW-X"]
        with self.assertRaises(UserError) as err:
            Shipment.b2b_import_fulfilment([result])
        self.assertEqual(
            str(err.exception),
            f"Shipment {notice.name}: unknown serial/lot numbers FW-X for {tracked.display_name}.",
        )
        result["lines"][0]["serials"] = ["FW-A", "FW-C"]
        Shipment.b2b_import_fulfilment([result])
        self.assertEqual(notice.line_ids.shipped_lot_ids, lots[0] | lots[2])
        self.assertEqual(self.delivered(order), [2.0])
        # returns: only delivered serials, each once
        ret = self.new_return([(order.order_line, 1, lots[1])])
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {ret.name}: serial/lot FW-B of {tracked.display_name} was not delivered "
            "by this source or is already returned.",
        )
        ret.line_ids.lot_ids = lots[2]
        ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(ret.picking_ids.move_line_ids.lot_id, lots[2])
        again = self.new_return([(order.order_line, 1, lots[2])])
        with self.assertRaises(UserError) as err:
            again.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {again.name}: serial/lot FW-C of {tracked.display_name} was not delivered "
            "by this source or is already returned.",
        )
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [1.0])
        self.assertEqual(tracked.with_context(warehouse_id=self.wh_a.id).qty_available, 2.0)
        quant = self.env["stock.quant"]._gather(tracked, self.wh_a.lot_stock_id, lot_id=lots[2])
        self.assertEqual(sum(quant.mapped("quantity")), 1.0)

    def test_SI_16_source_free_serial_must_be_at_customer(self):
        self.company.b2b_source_free_returns = True
        tracked = self.env["product.product"].create(
            {
                "name": "Access Point",
                "default_code": "AP-1",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        lots = self.create_serials(tracked, ["AP-A", "AP-B"])
        order = self.create_confirmed_order([(tracked, 1)])
        notice = self.notice_of(order)
        staff_notice = notice.with_user(self.shipping)
        staff_notice._apply_fulfilment({staff_notice.line_ids: (1.0, lots[0])})
        ret = self.new_return([], kind="free", warehouse_id=self.wh_a.id)
        ret.line_ids = [
            Command.create(
                {"product_id": tracked.id, "quantity": 1, "lot_ids": [Command.set(lots[1].ids)]}
            )
        ]
        with self.assertRaises(UserError) as err:
            ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(err.exception),
            f"Return {ret.name}: serial/lot AP-B of {tracked.display_name} is not at the customer.",
        )
        ret.line_ids.lot_ids = lots[0]
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        quant = self.env["stock.quant"]._gather(tracked, self.wh_a.lot_stock_id, lot_id=lots[0])
        self.assertEqual(sum(quant.mapped("quantity")), 1.0)

    def test_SI_16_sales_person_returns_serial_goods(self):
        """A sales person (no Inventory rights) returns a delivered serial of
        his own order: the serial checks read the delivery for him."""
        tracked = self.env["product.product"].create(
            {"name": "Firewall", "default_code": "FW-2", "is_storable": True, "tracking": "serial"}
        )
        lots = self.create_serials(tracked, ["FW-S1", "FW-S2"])
        order = self.create_confirmed_order([(tracked, 2)])
        notice = self.notice_of(order)
        notice.line_ids.lot_ids = lots
        notice.with_user(self.shipping).action_register_fulfilment()
        ret = self.Return.with_user(self.salesperson).create(
            {
                "partner_id": order.partner_id.id,
                "line_ids": [
                    Command.create(
                        {
                            "sale_line_id": order.order_line.id,
                            "quantity": 1,
                            "lot_ids": [Command.set(lots[1].ids)],
                        }
                    )
                ],
            }
        )
        ret.with_user(self.salesperson).action_confirm()
        self.assertEqual(ret.state, "confirmed")
        self.assertEqual(ret.sudo().picking_ids.move_line_ids.lot_id, lots[1])

    def test_SI_16_return_transfers_are_the_returns_own(self):
        """A sales person cannot point a return at other transfers: the
        shipping user's receipt validates only what the return created."""
        order = self.create_confirmed_order([(self.product, 2)])
        other = self.create_confirmed_order([(self.product_2, 2)])
        self.ship(order)
        ret = self.new_return([(order.order_line, 1)])
        self.env.invalidate_all()
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            ret.with_user(self.salesperson).write(
                {"picking_ids": [Command.set(other.picking_ids.ids)]}
            )
        self.assertFalse(ret.picking_ids)
        self.assertNotIn("done", other.picking_ids.mapped("state"))
