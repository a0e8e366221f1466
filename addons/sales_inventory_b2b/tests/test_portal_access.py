# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Portal users of two distributors, each blocked from the other's shipments
and returns through every route of the portal and over JSON-RPC; a shared
link shows a document and does nothing else."""

from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .portal_common import B2bPortalCommon

PORTAL_PAGES = (
    "/my/b2b_shipments/{shipment}",
    "/my/b2b_shipments/{shipment}?report_type=pdf",
    "/my/b2b_shipments/{shipment}/delivery_slip",
    "/my/b2b_returns/{ret}",
)


@tagged("post_install", "-at_install")
class TestB2bPortalAccess(B2bPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ret = (
            cls.env["sale.b2b.return"]
            .sudo()
            ._portal_create_request(
                cls.portal_user.partner_id,
                {
                    "kind": "order",
                    "source_id": cls.order.id,
                    "lines": [{"id": cls.order.order_line[0].id, "quantity": 1}],
                },
            )
        )
        cls.ret_two = (
            cls.env["sale.b2b.return"]
            .sudo()
            ._portal_create_request(
                cls.portal_user_two.partner_id,
                {
                    "kind": "order",
                    "source_id": cls.order_two.id,
                    "lines": [{"id": cls.order_two.order_line.id, "quantity": 1}],
                },
            )
        )

    def _pages(self, shipment, ret):
        return [page.format(shipment=shipment.id, ret=ret.id) for page in PORTAL_PAGES]

    def _get(self, url):
        response = self.url_open(url, allow_redirects=False)
        return response

    def assertRedirectedHome(self, response, url):
        self.assertEqual(response.status_code, 303, url)
        self.assertTrue(response.headers["Location"].endswith("/my"), url)

    # --------------------------------------------------------------- pages
    def test_SI_portal_lists_only_own_documents(self):
        self.authenticate("portal_one", "portal_one")
        shipments = self.url_open("/my/b2b_shipments").text
        self.assertIn(self.shipment.name, shipments)
        self.assertIn(self.remainder.name, shipments)
        self.assertNotIn(self.shipment_two.name, shipments)
        returns = self.url_open("/my/b2b_returns").text
        self.assertIn(self.ret.name, returns)
        self.assertNotIn(self.ret_two.name, returns)
        home = self.url_open("/my").text
        self.assertIn("/my/b2b_shipments", home)
        # a drafted shipment stays internal
        draft = self.env["sale.b2b.shipment"].create(
            self.order._prepare_b2b_shipment_vals("notice")
            | {"line_ids": [Command.create({"sale_line_id": self.order.order_line[0].id})]}
        )
        self.assertEqual(draft.state, "draft")
        self.assertNotIn(draft.name, self.url_open("/my/b2b_shipments").text)
        self.assertRedirectedHome(self._get(f"/my/b2b_shipments/{draft.id}"), "draft")

    def test_SI_portal_own_pages_and_documents(self):
        self.authenticate("portal_one", "portal_one")
        page = self.url_open(f"/my/b2b_shipments/{self.shipment.id}")
        self.assertEqual(page.status_code, 200)
        for text in ("SN-PORTAL-1", "DHL Express", "https://tracking.example.com/JD0146"):
            self.assertIn(text, page.text)
        self.assertIn("Confirm Receipt", page.text)
        pdf = self.url_open(f"/my/b2b_shipments/{self.shipment.id}?report_type=pdf&download=1")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment;", pdf.headers["Content-Disposition"])
        self.assertIn(self.shipment.name, pdf.text)  # html rendering in test mode
        slip = self.url_open(f"/my/b2b_shipments/{self.shipment.id}/delivery_slip")
        self.assertEqual(slip.status_code, 200)
        self.assertEqual(slip.headers["Content-Type"], "application/pdf")
        self.assertIn("[SR-1] Serial Router", slip.text)
        self.assertIn(self.shipment._get_portal_delivery_slips().name, slip.text)
        order_page = self.url_open(f"/my/orders/{self.order.id}").text
        self.assertIn("Delivery Status", order_page)
        self.assertIn("In Transit", order_page)

    def test_SI_portal_other_distributor_is_sent_home(self):
        self.authenticate("portal_two", "portal_two")
        for url in self._pages(self.shipment, self.ret):
            self.assertRedirectedHome(self._get(url), url)
        for url in self._pages(self.shipment, self.ret):
            wrong = f"{url}{'&' if '?' in url else '?'}access_token=not-the-token"
            self.assertRedirectedHome(self._get(wrong), wrong)
        # nor through Odoo's own order page
        response = self._get(f"/my/orders/{self.order.id}")
        self.assertRedirectedHome(response, "order")
        # own pages open
        for url in self._pages(self.shipment_two, self.ret_two):
            if "delivery_slip" in url:
                continue
            self.assertEqual(self._get(url).status_code, 200, url)

    def test_SI_11_other_distributor_cannot_confirm_the_receipt(self):
        self.authenticate("portal_two", "portal_two")
        response = self.url_open(
            f"/my/b2b_shipments/{self.shipment.id}/confirm_receipt",
            data={"csrf_token": self.csrf_token(), "note": "Hostile"},
            allow_redirects=False,
        )
        self.assertRedirectedHome(response, "confirm")
        self.env.invalidate_all()
        self.assertEqual(self.shipment.receipt_state, "pending")
        self.assertFalse(self.shipment.receipt_note)

    def csrf_token(self):
        page = self.url_open("/my/b2b_returns/new").text
        marker = 'name="csrf_token" value="'
        if marker not in page:
            marker = 'csrf_token: "'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def test_SI_11_portal_confirms_own_receipt_over_http(self):
        self.authenticate("portal_one", "portal_one")
        response = self.url_open(
            f"/my/b2b_shipments/{self.shipment.id}/confirm_receipt",
            data={"csrf_token": self.csrf_token(), "note": ""},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.shipment, [{"receipt_state": "confirmed", "receipt_method": "customer"}]
        )
        # again: the page says why, nothing changes
        again = self.url_open(
            f"/my/b2b_shipments/{self.shipment.id}/confirm_receipt",
            data={"csrf_token": self.csrf_token(), "note": "late note"},
        )
        self.assertIn("cannot be confirmed: it is Confirmed.", again.text)
        self.env.invalidate_all()
        self.assertFalse(self.shipment.receipt_note)

    def test_SI_portal_shared_link_shows_but_does_not_act(self):
        token = self.shipment.sudo()._portal_ensure_token()
        self.authenticate(None, None)
        page = self.url_open(f"/my/b2b_shipments/{self.shipment.id}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.shipment.name, page.text)
        self.assertNotIn("o_b2b_portal_confirm_receipt", page.text)
        # the other distributor with the right token sees it too, and cannot act
        self.authenticate("portal_two", "portal_two")
        page = self.url_open(f"/my/b2b_shipments/{self.shipment.id}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_b2b_portal_confirm_receipt", page.text)
        response = self.url_open(
            f"/my/b2b_shipments/{self.shipment.id}/confirm_receipt?access_token={token}",
            data={"csrf_token": self.csrf_token()},
            allow_redirects=False,
        )
        self.assertRedirectedHome(response, "confirm with token")
        self.env.invalidate_all()
        self.assertEqual(self.shipment.receipt_state, "pending")

    def test_SI_12_portal_return_form_refuses_other_distributor_order(self):
        self.authenticate("portal_two", "portal_two")
        form = self.url_open(f"/my/b2b_returns/new?kind=order&source_id={self.order.id}")
        self.assertEqual(form.status_code, 200)
        self.assertNotIn(self.order.name, form.text)
        count = self.env["sale.b2b.return"].search_count([])
        page = self.url_open(
            "/my/b2b_returns/new",
            data={
                "csrf_token": self.csrf_token(),
                "kind": "order",
                "source_id": self.order.id,
                f"qty_{self.order.order_line[0].id}": "1",
            },
        )
        self.assertIn("This order or shipment cannot be returned from.", page.text)
        self.assertEqual(self.env["sale.b2b.return"].search_count([]), count)

    def test_SI_12_portal_return_form_creates_request(self):
        self.authenticate("portal_one", "portal_one")
        form = self.url_open(f"/my/b2b_returns/new?kind=order&source_id={self.order.id}")
        self.assertIn("[SW-1] Switch", form.text)
        response = self.url_open(
            "/my/b2b_returns/new",
            data={
                "csrf_token": self.csrf_token(),
                "kind": "order",
                "source_id": self.order.id,
                f"qty_{self.order.order_line[0].id}": "2",
                "reason": "Too many",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        ret = self.env["sale.b2b.return"].search([("reason", "=", "Too many")])
        self.assertIn(f"/my/b2b_returns/{ret.id}?access_token=", response.headers["Location"])
        self.assertRecordValues(ret.line_ids, [{"quantity": 2.0}])

    def _post(self, record, body):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": record._name,
                "thread_id": record.id,
                "post_data": {"body": body, "message_type": "comment"},
            },
        )

    def test_SI_portal_customer_writes_on_own_documents_only(self):
        self.authenticate("portal_one", "portal_one")
        self._post(self.shipment, "Please deliver to gate 3")
        self._post(self.ret, "Photos follow")
        self.assertIn("Please deliver to gate 3", self.shipment.message_ids[0].body)
        self.assertEqual(self.shipment.message_ids[0].author_id, self.portal_user.partner_id)
        self.assertIn("Photos follow", self.ret.message_ids[0].body)
        self.authenticate("portal_two", "portal_two")
        count = len(self.shipment.message_ids)
        for record in (self.shipment, self.ret):
            with self.assertRaises(JsonRpcException):
                self._post(record, "Hostile")
        self.env.invalidate_all()
        self.assertEqual(len(self.shipment.message_ids), count)

    # ----------------------------------------------------------------- RPC
    def _rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self._rpc(model, method, *args, **kwargs)
        return str(caught.exception)

    def test_SI_portal_rpc_sees_only_own_and_writes_nothing(self):
        self.authenticate("portal_two", "portal_two")
        found = self._rpc("sale.b2b.shipment", "search_read", [], fields=["name"])
        self.assertEqual({r["name"] for r in found}, {self.shipment_two.name})
        returns = self._rpc("sale.b2b.return", "search_read", [], fields=["name"])
        self.assertEqual({r["name"] for r in returns}, {self.ret_two.name})
        lines = self._rpc("sale.b2b.shipment.line", "search_read", [], fields=["id"])
        self.assertEqual({r["id"] for r in lines}, set(self.shipment_two.line_ids.ids))
        for model, record in (
            ("sale.b2b.shipment", self.shipment),
            ("sale.b2b.shipment.line", self.shipment.line_ids[0]),
            ("sale.b2b.return", self.ret),
            ("sale.b2b.return.line", self.ret.line_ids),
        ):
            self.assertIn("AccessError", self._refused(model, "read", record.ids, ["id"]))
        for model, record, vals in (
            ("sale.b2b.shipment", self.shipment_two, {"receipt_note": "x"}),
            ("sale.b2b.shipment", self.shipment_two, {"tracking_ref": "x"}),
            ("sale.b2b.return", self.ret_two, {"reason": "x"}),
        ):
            self.assertIn("AccessError", self._refused(model, "write", record.ids, vals))
        self.assertIn(
            "AccessError",
            self._refused(
                "sale.b2b.return",
                "create",
                [{"partner_id": self.partner_two.id, "kind": "free"}],
            ),
        )
        for method in ("action_confirm_receipt", "_portal_confirm_receipt"):
            self._refused("sale.b2b.shipment", method, self.shipment_two.ids)
        self._refused(
            "sale.b2b.return",
            "_portal_create_request",
            self.portal_user_two.partner_id.id,
            {"kind": "order", "source_id": self.order.id},
        )
        self.env.invalidate_all()
        self.assertEqual(self.shipment_two.receipt_state, "pending")
        self.assertFalse(self.shipment_two.tracking_ref)
        self.assertFalse(self.ret_two.reason)
