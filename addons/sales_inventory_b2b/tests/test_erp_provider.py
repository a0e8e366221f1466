# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from odoo.exceptions import UserError
from odoo.tests import common

from .common import B2bCommon


class ErpHandler(BaseHTTPRequestHandler):
    """A small ERP: answers the availability of the SKUs it knows."""

    def do_POST(self):
        server = self.server
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        server.received.append({"body": body, "auth": self.headers.get("Authorization")})
        if server.delay:
            time.sleep(server.delay)
        answer = {
            "items": [
                {"ref": item["ref"], "available": server.stock.get(item["sku"], 0.0)}
                for item in body["items"]
                if item["sku"] in server.stock
            ]
        }
        data = json.dumps(answer).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # pylint: disable=except-pass
            pass  # the client gave up (timeout test)

    def log_message(self, *args):
        pass


class TestErpProvider(B2bCommon):
    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Let requests to the local test ERP through with their own timeout
        # (the test framework would raise short timeouts to 10 s).
        if urlsplit(r.url).hostname == "127.0.0.1":
            return common._super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), ErpHandler)
        cls.server.daemon_threads = True
        cls.server.received = []
        cls.server.delay = 0
        cls.server.stock = {}
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}/availability"
        cls.company.b2b_inventory_mode = "erp"
        params = cls.env["ir.config_parameter"]
        params.set_param("sales_inventory_b2b.erp_url", cls.url)
        params.set_param("sales_inventory_b2b.erp_username", "odoo")
        params.set_param("sales_inventory_b2b.erp_password", "secret")
        params.set_param("sales_inventory_b2b.erp_timeout", "0.5")

    def setUp(self):
        super().setUp()
        self.server.received.clear()
        self.server.delay = 0
        # the ERP knows other quantities than Odoo (10 in A, 5 in B)
        self.server.stock = {"SW-1": 7.0}

    def test_SI_05_erp_answers(self):
        over = self.create_order([(self.product, 8)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 8, 7, "B2B Warehouse A")]),
        )
        request = self.server.received[-1]
        self.assertEqual(request["auth"], "Basic " + base64.b64encode(b"odoo:secret").decode())
        self.assertEqual(
            request["body"],
            {
                "company": self.company.name,
                "items": [
                    {
                        "ref": "1",
                        "sku": "SW-1",
                        "product_id": self.product.id,
                        "uom": "Units",
                        "warehouses": ["B2BA"],
                    }
                ],
            },
        )
        exact = self.create_order([(self.product, 7)])
        exact.with_user(self.salesperson).action_confirm()
        self.assertEqual(exact.state, "sale")
        self.assertEqual(exact.b2b_availability_source, "erp")
        self.assertEqual(exact.b2b_availability_note, "Availability from the ERP.")

    def test_SI_05_erp_consolidated_and_unknown_product(self):
        self.company.b2b_ordering_mode = "consolidated"
        order = self.create_order([(self.product, 7), (self.product_2, 1)])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        # the ERP does not list RT-1: nothing available
        self.assertEqual(
            str(error.exception),
            self.short_message(order, [(self.product_2, 1, 0, "all warehouses")]),
        )
        items = self.server.received[-1]["body"]["items"]
        self.assertEqual([item["warehouses"] for item in items], [["B2BA", "B2BB"]] * 2)

    def test_SI_05_erp_slow_falls_back_to_odoo_stock(self):
        self.server.delay = 1.5
        order = self.create_order([(self.product, 10)])
        start = time.monotonic()
        order.with_user(self.salesperson).action_confirm()
        self.assertLess(time.monotonic() - start, 1.5)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_availability_source, "fallback")
        self.assertEqual(
            order.b2b_availability_note,
            "Availability taken from Odoo stock: the ERP did not answer within 0.5 s.",
        )

    def test_SI_05_erp_slow_blocks_when_configured(self):
        self.company.b2b_erp_fallback = "block"
        self.server.delay = 1.5
        order = self.create_order([(self.product, 1)])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            f"Order {order.name} cannot be confirmed. Availability could not be "
            "checked: the ERP did not answer within 0.5 s; the fallback rule blocks "
            "the submission.",
        )
        self.assertEqual(order.state, "draft")

    def test_SI_05_erp_down_falls_back_to_odoo_stock(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        # nothing listens on ``port`` any more
        self.env["ir.config_parameter"].set_param(
            "sales_inventory_b2b.erp_url", f"http://127.0.0.1:{port}/availability"
        )
        over = self.create_order([(self.product, 11)])
        with self.assertRaises(UserError) as error:
            over.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            self.short_message(over, [(self.product, 11, 10, "B2B Warehouse A")]),
        )
        order = self.create_order([(self.product, 10)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.b2b_availability_source, "fallback")
        self.assertTrue(
            order.b2b_availability_note.startswith(
                "Availability taken from Odoo stock: the ERP could not be reached ("
            ),
            order.b2b_availability_note,
        )

    def test_SI_05_erp_down_blocks_when_configured(self):
        self.company.b2b_erp_fallback = "block"
        self.env["ir.config_parameter"].set_param("sales_inventory_b2b.erp_url", "")
        order = self.create_order([(self.product, 1)])
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(
            str(error.exception),
            f"Order {order.name} cannot be confirmed. Availability could not be "
            "checked: no ERP URL is configured; the fallback rule blocks the "
            "submission.",
        )

    def test_SI_05_erp_availability_shown_on_lines(self):
        self.company.b2b_show_available = True
        order = self.create_order([(self.product, 8)])
        self.assertEqual(order.order_line.b2b_available_qty, 7.0)
        self.assertTrue(order.order_line.b2b_is_short)
