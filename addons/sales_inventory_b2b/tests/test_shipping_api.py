# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import B2bCommon


class TestShippingApi(B2bCommon):
    """SI-06 / SI-10 integration API: export notices, import fulfilment
    results (idempotent, all or nothing), update tracking."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.b2b_inventory_mode = "erp"
        cls.company.b2b_ordering_mode = "none"

    def setUp(self):
        super().setUp()
        # the ERP calls the API as a shipping staff user (readme/USAGE.md)
        self.Shipment = self.env["sale.b2b.shipment"].with_user(self.shipping)

    def test_SI_06_api_export_notices_once(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 1)])
        notice = self.notice_of(order)
        exported = [n for n in self.Shipment.b2b_export_notices() if n["id"] == notice.id]
        self.assertEqual([n["notice"] for n in exported], [notice.name])
        self.assertEqual(
            [(x["sku"], x["quantity"], x["order"]) for x in exported[0]["lines"]],
            [("SW-1", 4.0, order.name), ("RT-1", 1.0, order.name)],
        )
        self.assertTrue(notice.exported_date)
        self.assertNotIn(notice.id, [n["id"] for n in self.Shipment.b2b_export_notices()])
        self.assertIn(
            notice.name,
            [n["notice"] for n in self.Shipment.b2b_export_notices(include_exported=True)],
        )

    def _result(self, notice, ref, quantities, **extra):
        return dict(
            {
                "result_ref": ref,
                "notice": notice.name,
                "lines": [
                    {"line_id": line.id, "quantity": qty}
                    for line, qty in zip(notice.line_ids, quantities, strict=True)
                ],
            },
            **extra,
        )

    def test_SI_06_api_import_result_idempotent(self):
        order = self.create_confirmed_order([(self.product, 4), (self.product_2, 1)])
        notice = self.notice_of(order)
        result = self._result(notice, "ERP-OUT-1", [3, 1], carrier="UPS", tracking_ref="1Z999")
        answer = self.Shipment.b2b_import_fulfilment([result])
        self.assertEqual(
            answer, [{"result_ref": "ERP-OUT-1", "shipment": notice.name, "status": "applied"}]
        )
        self.assertEqual(self.delivered(order), [3.0, 1.0])
        self.assertRecordValues(
            notice,
            [
                {
                    "state": "done",
                    "result_ref": "ERP-OUT-1",
                    "carrier_name": "UPS",
                    "tracking_ref": "1Z999",
                    "tracking_status": "in_transit",
                }
            ],
        )
        moves_before = order.picking_ids.move_ids
        answer = self.Shipment.b2b_import_fulfilment([result])
        self.assertEqual(
            answer,
            [{"result_ref": "ERP-OUT-1", "shipment": notice.name, "status": "already_applied"}],
        )
        self.assertEqual(self.delivered(order), [3.0, 1.0])
        self.assertEqual(order.picking_ids.move_ids, moves_before)

    def test_SI_06_api_unknown_line_refused_nothing_applied(self):
        order_1 = self.create_confirmed_order([(self.product, 2)])
        order_2 = self.create_confirmed_order([(self.product_2, 1)])
        notice_1, notice_2 = self.notice_of(order_1), self.notice_of(order_2)
        good = self._result(notice_1, "ERP-OUT-2", [2])
        bad = self._result(notice_2, "ERP-OUT-3", [1])
        bad["lines"][0]["line_id"] = notice_1.line_ids.id
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_import_fulfilment([good, bad])
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            f"- Result ERP-OUT-3: line {notice_1.line_ids.id} is not a line of notice "
            f"{notice_2.name}.\n"
            "- Result ERP-OUT-3 has no known line.",
        )
        self.assertEqual((notice_1 | notice_2).mapped("state"), ["pending", "pending"])
        self.assertEqual(self.delivered(order_1), [0.0])

    def test_SI_06_api_unknown_notice_and_excess_refused(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        unknown = dict(self._result(notice, "ERP-OUT-4", [2]), notice="SN/99999")
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_import_fulfilment([unknown])
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            '- Result ERP-OUT-4: unknown notice "SN/99999".',
        )
        # a result shipping more than ordered rolls back completely
        other = self.create_confirmed_order([(self.product_2, 1)])
        fine = self._result(self.notice_of(other), "ERP-OUT-5", [1])
        excess = self._result(notice, "ERP-OUT-6", [3])
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_import_fulfilment([fine, excess])
        self.assertEqual(
            str(err.exception),
            f"Shipment {notice.name} cannot ship 3 Units of {self.product.display_name} "
            f"(order {order.name}): only 2.0 Units remain to ship.",
        )
        self.assertEqual(self.delivered(other), [0.0])
        self.assertEqual(self.notice_of(other).state, "pending")
        self.assertFalse(self.Shipment.search([("result_ref", "in", ["ERP-OUT-5", "ERP-OUT-6"])]))

    def test_SI_06_api_second_result_for_fulfilled_notice_refused(self):
        order = self.create_confirmed_order([(self.product, 2)])
        notice = self.notice_of(order)
        self.Shipment.b2b_import_fulfilment([self._result(notice, "ERP-OUT-7", [2])])
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_import_fulfilment([self._result(notice, "ERP-OUT-8", [2])])
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            f"- Result ERP-OUT-8: notice {notice.name} is already fulfilled by result "
            "ERP-OUT-7.",
        )
        self.assertEqual(self.delivered(order), [2.0])

    def test_SI_06_api_shipping_order_mode_result_creates_shipment(self):
        self.company.b2b_shipping_mode = "order"
        order = self.create_confirmed_order([(self.product, 4)])
        self.assertFalse(order.b2b_shipment_ids)
        result = {
            "result_ref": "ERP-SO-1",
            "lines": [{"sale_line_id": order.order_line.id, "quantity": 4}],
        }
        answer = self.Shipment.b2b_import_fulfilment([result])
        shipment = order.b2b_shipment_ids
        self.assertEqual(
            answer, [{"result_ref": "ERP-SO-1", "shipment": shipment.name, "status": "applied"}]
        )
        self.assertRecordValues(shipment, [{"kind": "order", "state": "done"}])
        self.assertEqual(self.delivered(order), [4.0])
        self.assertEqual(
            self.Shipment.b2b_import_fulfilment([result])[0]["status"], "already_applied"
        )
        self.assertEqual(len(order.b2b_shipment_ids), 1)
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_import_fulfilment(
                [{"result_ref": "ERP-SO-2", "lines": [{"sale_line_id": 999999, "quantity": 1}]}]
            )
        self.assertEqual(
            str(err.exception),
            "Fulfilment results refused, nothing was applied:\n"
            "- Result ERP-SO-2: order line 999999 is unknown or not confirmed.\n"
            "- Result ERP-SO-2 has no known line.",
        )

    def test_SI_10_api_update_tracking(self):
        self.company.b2b_receipt_confirmation = "delivered"
        order = self.create_confirmed_order([(self.product, 1)])
        notice = self.notice_of(order)
        self.Shipment.b2b_import_fulfilment([self._result(notice, "ERP-OUT-9", [1])])
        with self.assertRaises(UserError) as err:
            self.Shipment.b2b_update_tracking(
                [
                    {"shipment": notice.name, "status": "delivered"},
                    {"shipment": "SN/00000", "status": "delivered"},
                    {"shipment": notice.name, "status": "teleported"},
                ]
            )
        self.assertEqual(
            str(err.exception),
            "Tracking updates refused, nothing was applied:\n"
            '- Unknown shipment "SN/00000".\n'
            f'- Shipment {notice.name}: unknown delivery status "teleported".',
        )
        self.assertEqual(notice.tracking_status, "none")
        answer = self.Shipment.b2b_update_tracking(
            [{"shipment": notice.name, "status": "delivered", "tracking_ref": "TRK-1"}]
        )
        self.assertEqual(
            answer, [{"shipment": notice.name, "status": "delivered", "receipt": "confirmed"}]
        )
        self.assertEqual(order.b2b_receipt_state, "confirmed")
        # applied twice: nothing changes
        self.Shipment.b2b_update_tracking([{"shipment": notice.name, "status": "delivered"}])
        self.assertRecordValues(
            notice,
            [
                {
                    "tracking_ref": "TRK-1",
                    "receipt_state": "confirmed",
                    "receipt_method": "delivered",
                }
            ],
        )
