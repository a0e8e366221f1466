# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales & inventory B2B, standalone mode end to end: order, shipping notice,
warehouse fulfilment with serials, tracking, receipt confirmation, return,
exchange."""

from odoo.fields import Command

from .common import B2bCommon


class TestB2bScenarioStandalone(B2bCommon):
    def test_SI_06_to_SI_16_standalone_flow(self):
        self.company.write({"b2b_receipt_confirmation": "delivered", "b2b_exchanges": True})
        tracked = self.env["product.product"].create(
            {
                "name": "Core Switch",
                "default_code": "CS-1",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        serials = self.create_serials(tracked, ["CS-001", "CS-002", "CS-003"])
        order = self.create_confirmed_order([(self.product, 5), (tracked, 2)])
        self.assertEqual(order.state, "sale")

        # confirmation issued the notice for every shippable line
        notice = self.notice_of(order)
        self.assertEqual(
            [(x.product_id.default_code, x.quantity) for x in notice.line_ids],
            [("SW-1", 5.0), ("CS-1", 2.0)],
        )
        notice.line_ids[1].lot_ids = serials[:2]

        # the warehouse ships everything as planned
        notice.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order), [5.0, 2.0])
        self.assertEqual(notice.line_ids[1].shipped_lot_ids, serials[:2])
        self.assertEqual(order.delivery_status, "full")
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 5.0)

        # tracking, then receipt confirmed by the delivered status
        notice.with_user(self.shipping).action_update_tracking(
            "in_transit", carrier_name="DHL", tracking_ref="JD014600"
        )
        self.assertEqual(order.b2b_receipt_state, "pending")
        notice.with_user(self.shipping).action_update_tracking("delivered")
        self.assertEqual(order.b2b_receipt_state, "confirmed")
        self.assertEqual(notice.receipt_method, "delivered")

        # return of 2 switches (refund: delivered quantity goes down)
        ret = self.create_return(
            {
                "partner_id": self.partner.id,
                "line_ids": [
                    Command.create({"sale_line_id": order.order_line[0].id, "quantity": 2})
                ],
            }
        )
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [3.0, 2.0])
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 7.0)

        # exchange of one faulty core switch: CS-002 back, a replacement shipped
        exchange = self.create_return(
            {
                "partner_id": self.partner.id,
                "is_exchange": True,
                "line_ids": [
                    Command.create(
                        {
                            "sale_line_id": order.order_line[1].id,
                            "quantity": 1,
                            "lot_ids": [Command.set(serials[1].ids)],
                        }
                    )
                ],
            }
        )
        exchange.with_user(self.salesperson).action_confirm()
        exchange.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [3.0, 1.0])
        replacement = exchange.exchange_shipment_ids
        replacement.line_ids.lot_ids = serials[2]
        replacement.with_user(self.shipping).action_register_fulfilment()
        self.assertEqual(self.delivered(order), [3.0, 2.0])
        self.assertEqual(replacement.line_ids.shipped_lot_ids, serials[2])
        at_customer = (
            self.env["stock.quant"]
            ._gather(tracked, self.env.ref("stock.stock_location_customers"))
            .filtered(lambda q: q.quantity > 0)
        )
        self.assertEqual(at_customer.lot_id, serials[0] | serials[2])
        self.assertEqual(order.b2b_shipment_ids, notice | replacement)
        self.assertEqual(order.b2b_return_ids, ret | exchange)
