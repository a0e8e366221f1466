# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SI-10 / SI-11 end to end over HTTP: the integration user (a shipping staff
user, readme/USAGE.md) logs in and calls the integration API with JSON-RPC
``execute_kw``, as an ERP or a carrier feed does. A "delivered" tracking
update confirms the customer's receipt when the company confirms receipts on
the delivered logistics status; "in transit" does not."""

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import B2bCommon

# Odoo 19 logs a deprecation warning on every call of /jsonrpc.
RPC_LOGGER = "odoo.addons.rpc.controllers.jsonrpc"


@tagged("post_install", "-at_install")
class TestTrackingOverJsonRpc(B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"b2b_inventory_mode": "erp", "b2b_ordering_mode": "none"})

    def _post(self, service, method, *args):
        """The JSON-RPC answer (``result`` or ``error``) of one call."""
        with mute_logger(RPC_LOGGER, "odoo.http"):
            response = self.opener.post(
                f"{self.base_url()}/jsonrpc",
                json={
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "call",
                    "params": {"service": service, "method": method, "args": list(args)},
                },
                timeout=60,
            )
        response.raise_for_status()
        return response.json()

    def _rpc(self, service, method, *args):
        answer = self._post(service, method, *args)
        self.assertNotIn("error", answer)
        return answer["result"]

    def _login(self, user):
        uid = self._rpc("common", "login", self.env.cr.dbname, user.login, user.login)
        self.assertEqual(uid, user.id)
        return uid

    def _call(self, user, method, *args, rpc=None):
        """``sale.b2b.shipment.<method>(*args)`` as ``user`` through execute_kw."""
        uid = self._login(user)
        return (rpc or self._rpc)(
            "object",
            "execute_kw",
            self.env.cr.dbname,
            uid,
            user.login,
            "sale.b2b.shipment",
            method,
            list(args),
        )

    def _ship_over_rpc(self, order, ref):
        notice = self.notice_of(order)
        result = {
            "result_ref": ref,
            "notice": notice.name,
            "carrier": "UPS",
            "tracking_ref": f"1Z-{ref}",
            "lines": [{"line_id": line.id, "quantity": line.quantity} for line in notice.line_ids],
        }
        answer = self._call(self.shipping, "b2b_import_fulfilment", [result])
        self.assertEqual(
            answer, [{"result_ref": ref, "shipment": notice.name, "status": "applied"}]
        )
        self.env.invalidate_all()
        return notice

    def test_SI_11_delivered_update_confirms_receipt_over_jsonrpc(self):
        self.company.b2b_receipt_confirmation = "delivered"
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self._ship_over_rpc(order, "RPC-OUT-1")
        self.assertRecordValues(
            notice,
            [
                {
                    "state": "done",
                    "carrier_name": "UPS",
                    "tracking_ref": "1Z-RPC-OUT-1",
                    "tracking_status": "in_transit",
                    "receipt_state": "pending",
                }
            ],
        )
        # in transit: the customer has not received anything yet
        answer = self._call(
            self.shipping,
            "b2b_update_tracking",
            [{"shipment": notice.name, "status": "in_transit"}],
        )
        self.assertEqual(
            answer, [{"shipment": notice.name, "status": "in_transit", "receipt": "pending"}]
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            notice, [{"receipt_state": "pending", "receipt_method": False, "receipt_date": False}]
        )
        self.assertEqual(order.b2b_receipt_state, "pending")
        # delivered: the receipt is confirmed by the delivered status
        before = fields.Datetime.now()
        answer = self._call(
            self.shipping,
            "b2b_update_tracking",
            [{"shipment": notice.name, "status": "delivered", "tracking_ref": "1Z-RPC-OUT-1B"}],
        )
        after = fields.Datetime.now()
        self.assertEqual(
            answer, [{"shipment": notice.name, "status": "delivered", "receipt": "confirmed"}]
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            notice,
            [
                {
                    "tracking_status": "delivered",
                    "tracking_ref": "1Z-RPC-OUT-1B",
                    "receipt_state": "confirmed",
                    "receipt_method": "delivered",
                }
            ],
        )
        self.assertTrue(before <= notice.receipt_date <= after, notice.receipt_date)
        self.assertEqual(order.b2b_receipt_state, "confirmed")

    def test_SI_11_delivered_update_leaves_manual_receipts_to_confirm(self):
        """With manual confirmation a delivered status is recorded, the
        receipt stays to confirm; an unknown status is refused and changes
        nothing."""
        self.assertEqual(self.company.b2b_receipt_confirmation, "manual")
        order = self.create_confirmed_order([(self.product, 1)])
        notice = self._ship_over_rpc(order, "RPC-OUT-2")
        answer = self._call(
            self.shipping,
            "b2b_update_tracking",
            [{"shipment": notice.name, "status": "teleported"}],
            rpc=self._post,
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertEqual(
            answer["error"]["data"]["message"],
            "Tracking updates refused, nothing was applied:\n"
            f'- Shipment {notice.name}: unknown delivery status "teleported".',
        )
        self.env.invalidate_all()
        self.assertEqual(notice.tracking_status, "in_transit")
        answer = self._call(
            self.shipping,
            "b2b_update_tracking",
            [{"shipment": notice.name, "status": "delivered"}],
        )
        self.assertEqual(
            answer, [{"shipment": notice.name, "status": "delivered", "receipt": "pending"}]
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            notice,
            [{"tracking_status": "delivered", "receipt_state": "pending", "receipt_method": False}],
        )
