# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales & inventory B2B, ERP integration mode end to end through the
documented API: notice export, fulfilment result (applied twice), tracking
update, timeout receipt confirmation, return, exchange."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import freeze_time

from .common import B2bCommon


class TestB2bScenarioIntegration(B2bCommon):
    def test_SI_06_to_SI_16_integration_flow(self):
        self.company.write(
            {
                "b2b_inventory_mode": "erp",
                "b2b_ordering_mode": "none",
                "b2b_receipt_confirmation": "timeout",
                "b2b_receipt_confirmation_days": 5,
                "b2b_exchanges": True,
                "b2b_shipment_returns": True,
            }
        )
        # the ERP calls the API as a shipping staff user
        Shipment = self.env["sale.b2b.shipment"].with_user(self.shipping)
        order = self.create_confirmed_order([(self.product, 6), (self.product_2, 2)])

        exported = [n for n in Shipment.b2b_export_notices() if order.name in n["orders"]]
        self.assertEqual(len(exported), 1)
        notice = Shipment.search([("name", "=", exported[0]["notice"])])
        self.assertEqual(notice.order_ids, order)
        lines = {x["sku"]: x for x in exported[0]["lines"]}
        self.assertEqual((lines["SW-1"]["quantity"], lines["RT-1"]["quantity"]), (6.0, 2.0))

        # the ERP shipped 4 switches and 2 routers
        result = {
            "result_ref": "OUT-1001",
            "notice": notice.name,
            "carrier": "UPS",
            "tracking_ref": "1Z12345",
            "lines": [
                {"line_id": lines["SW-1"]["line_id"], "quantity": 4},
                {"line_id": lines["RT-1"]["line_id"], "quantity": 2},
            ],
        }
        now = fields.Datetime.now()
        with freeze_time(now):
            self.assertEqual(Shipment.b2b_import_fulfilment([result])[0]["status"], "applied")
            self.assertEqual(
                Shipment.b2b_import_fulfilment([result])[0]["status"], "already_applied"
            )
        self.assertEqual(self.delivered(order), [4.0, 2.0])
        self.assertEqual(notice.tracking_status, "in_transit")
        # the 2 switches not shipped wait on a notice of their own
        remainder = notice.remainder_ids
        self.assertRecordValues(remainder, [{"state": "pending", "kind": "notice"}])
        self.assertEqual(remainder.line_ids.mapped("quantity"), [2.0])

        # the rest in a second result, in shipping-order style (order lines)
        rest = {
            "result_ref": "OUT-1002",
            "lines": [{"sale_line_id": order.order_line[0].id, "quantity": 2}],
        }
        with freeze_time(now + timedelta(days=3)):
            Shipment.b2b_import_fulfilment([rest])
        self.assertEqual(self.delivered(order), [6.0, 2.0])
        second = order.b2b_shipment_ids - notice - remainder
        self.assertEqual(second.kind, "order")
        # shipped by the shipping order: the remainder has nothing left to ship
        self.assertEqual(remainder.state, "cancel")

        Shipment.b2b_update_tracking([{"shipment": notice.name, "status": "delivered"}])
        self.assertEqual(notice.receipt_state, "pending")
        with freeze_time(now + timedelta(days=5, hours=1)):
            self.env["sale.b2b.shipment"]._cron_confirm_receipts()
        self.assertEqual(notice.receipt_state, "confirmed")
        self.assertEqual(order.b2b_receipt_state, "partial")

        # shipment-based return of one router from the notice, then an exchange
        router_line = notice.line_ids.filtered(lambda x: x.product_id == self.product_2)
        ret = self.create_return(
            {
                "partner_id": self.partner.id,
                "kind": "shipment",
                "shipment_id": notice.id,
                "line_ids": [Command.create({"shipment_line_id": router_line.id, "quantity": 1})],
            }
        )
        ret.with_user(self.salesperson).action_confirm()
        ret.with_user(self.shipping).action_receive()
        self.assertEqual(self.delivered(order), [6.0, 1.0])
        self.assertEqual(router_line.qty_returned, 1.0)

        exchange = self.create_return(
            {
                "partner_id": self.partner.id,
                "is_exchange": True,
                "line_ids": [
                    Command.create({"sale_line_id": order.order_line[0].id, "quantity": 1})
                ],
            }
        )
        exchange.with_user(self.salesperson).action_confirm()
        exchange.with_user(self.shipping).action_receive()
        replacement = exchange.exchange_shipment_ids
        exported = [n for n in Shipment.b2b_export_notices() if order.name in n["orders"]]
        self.assertEqual([n["notice"] for n in exported], [replacement.name])
        Shipment.b2b_import_fulfilment(
            [
                {
                    "result_ref": "OUT-1003",
                    "notice": replacement.name,
                    "lines": [{"line_id": replacement.line_ids.id, "quantity": 1}],
                }
            ]
        )
        self.assertEqual(self.delivered(order), [6.0, 1.0])
        self.assertEqual(self.product.with_context(warehouse_id=self.wh_a.id).qty_available, 4.0)
