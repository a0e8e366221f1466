# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Locust users of the load test: engineers, spare parts administrators and
sales persons working through the web client's JSON-RPC routes of a real
Odoo server (a session cookie per user, /web/dataset/call_kw).

Run by bench/load/run_load.py, which sets:
LOAD_SEED (JSON written by seed.py), LOAD_DB, LOAD_LOG (where each confirmed
consumption is appended, for the integrity check), LOAD_ENGINEERS,
LOAD_ADMINS, LOAD_SALES (how many users of each kind run at once) and
LOAD_THINK (a factor on the think times below; a short run makes fewer users
busier).

Every operation is reported twice: each RPC under ``model.method`` and the
whole operation as a request of type FLOW under its name; the FLOW figures
are the ones compared between the suite and plain Odoo (``LOAD_SEED`` says
which one this is: plain Odoo users do the same work with plain transfers
and orders, and have no acknowledgement step).
"""

import itertools
import json
import os
import random
import time
from contextlib import contextmanager
from pathlib import Path

from locust import HttpUser, between, events, task

SEED = json.loads(Path(os.environ["LOAD_SEED"]).read_text())
PLAIN = SEED["plain"]
DB = os.environ["LOAD_DB"]
LOG_PATH = os.environ["LOAD_LOG"]
RPC_IDS = itertools.count(1)
THINK = float(os.environ.get("LOAD_THINK", "1"))
MANY2ONE = {"fields": {"display_name": {}}}


class RpcError(Exception):
    """A JSON-RPC call answered with an error (a refusal or a crash)."""


def _log_consumption(ticket_id, lines):
    with open(LOG_PATH, "a") as log:
        log.write(json.dumps({"ticket": ticket_id, "lines": lines}) + "\n")


class OdooUser(HttpUser):
    """A user's think time between two operations: engineers and sales persons
    spend 5 to 15 seconds on a screen, administrators working through a
    queue 2 to 5."""

    abstract = True
    wait_time = between(5 * THINK, 15 * THINK)
    logins = iter(())

    def on_start(self):
        # One request per connection, as a reverse proxy talks to Odoo: a
        # prefork worker serves one connection at a time, and a kept-alive
        # idle connection would hold it until its socket times out.
        self.client.headers["Connection"] = "close"
        self.login = next(self.logins)
        for attempt in range(5):
            response = self.client.post(
                "/web/session/authenticate",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"db": DB, "login": self.login, "password": SEED["password"]},
                },
                name="login",
            )
            try:
                result = response.json().get("result")
            except ValueError:
                result = None
            if result:
                self.uid = result["uid"]
                return
            time.sleep(1 + attempt)
        raise RuntimeError(f"{self.login} could not log in")

    def call(self, model, method, *args, **kwargs):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(RPC_IDS),
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json=payload,
            name=f"{model}.{method}",
            catch_response=True,
        ) as response:
            try:
                data = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}")
                raise RpcError(f"{model}.{method}: HTTP {response.status_code}") from None
            if "error" in data:
                message = data["error"].get("data", {}).get("message") or data["error"]
                response.failure(message)
                raise RpcError(f"{model}.{method}: {message}")
            return data["result"]

    @contextmanager
    def flow(self, name):
        """Report the whole operation as one FLOW request; an error in any of
        its calls fails it (and stops it, as it would stop the user)."""
        start = time.perf_counter()
        error = None
        try:
            yield
        except RpcError as exc:
            error = exc
        events.request.fire(
            request_type="FLOW",
            name=name,
            response_time=(time.perf_counter() - start) * 1000,
            response_length=0,
            exception=error,
            context={},
        )

    def web_list(self, model, domain, fields):
        spec = {name: MANY2ONE if name.endswith("_id") else {} for name in fields}
        return self.call(model, "web_search_read", domain, spec, limit=80)


class Engineer(OdooUser):
    fixed_count = int(os.environ.get("LOAD_ENGINEERS", 50))
    logins = iter(sorted(SEED["engineers"]))

    def on_start(self):
        super().on_start()
        mine = SEED["engineers"][self.login]
        self.van = mine["van"]
        self.lots = list(mine["lots"])
        self.consumed = 0

    @task(4)
    def list_work_orders(self):
        with self.flow("engineer: list work orders"):
            self.web_list(
                "helpdesk.ticket",
                [("user_id", "=", self.uid)],
                ["name", "partner_id", "stage_id", "user_id", "create_date"],
            )

    def _customer(self):
        return int(random.choice(list(SEED["customers"])))

    @task(3)
    def consume(self):
        parts = random.sample(SEED["parts"], 2)
        with self.flow("engineer: consume parts"):
            if PLAIN:
                self._consume_plain(parts)
                return
            lines = [{"product_id": part, "quantity": 1} for part in parts]
            self.consumed += 1
            if self.consumed % 3 == 0 and self.lots:
                lines.append({"product_id": SEED["board"], "quantity": 1, "lot_id": self.lots[0]})
            ticket = self.call(
                "helpdesk.ticket",
                "create",
                {
                    "name": "Load visit",
                    "description": "Load test",
                    "team_id": SEED["team"],
                    "user_id": self.uid,
                    "partner_id": self._customer(),
                    "part_line_ids": [[0, 0, vals] for vals in lines],
                },
            )
            ticket = ticket[0] if isinstance(ticket, list) else ticket
            self.call("helpdesk.ticket", "action_consume_parts", [ticket])
            if len(lines) == 3:
                self.lots.pop(0)
            _log_consumption(ticket, len(lines))

    def _consume_plain(self, parts):
        customer = self._customer()
        ticket = self.call(
            "helpdesk.ticket",
            "create",
            {
                "name": "Load visit",
                "description": "Load test",
                "team_id": SEED["team"],
                "user_id": self.uid,
                "partner_id": customer,
            },
        )
        self._plain_transfer(
            SEED["spw_out_type"],
            self.van,
            SEED["customers_location"],
            parts,
            customer,
            validate=True,
        )
        return ticket

    def _plain_transfer(
        self, picking_type, source, destination, parts, partner=False, validate=False
    ):
        picking = self.call(
            "stock.picking",
            "create",
            {
                "picking_type_id": picking_type,
                "location_id": source,
                "location_dest_id": destination,
                "partner_id": partner,
                "move_ids": [
                    [
                        0,
                        0,
                        {
                            "product_id": part,
                            "product_uom_qty": 1,
                            "location_id": source,
                            "location_dest_id": destination,
                        },
                    ]
                    for part in parts
                ],
            },
        )
        picking = picking[0] if isinstance(picking, list) else picking
        self.call("stock.picking", "action_confirm", [picking])
        if validate:
            self.call("stock.picking", "action_assign", [picking])
            self.call("stock.picking", "button_validate", [picking])
        return picking

    @task(2)
    def request(self):
        parts = random.sample(SEED["parts"], 2)
        with self.flow("engineer: request parts"):
            if PLAIN:
                self._plain_transfer(SEED["spw_int_type"], SEED["spw_stock"], self.van, parts)
                return
            request = self.call(
                "spare.parts.request",
                "create",
                {
                    "engineer_id": self.uid,
                    "line_ids": [[0, 0, {"product_id": part, "quantity": 2}] for part in parts],
                },
            )
            request = request[0] if isinstance(request, list) else request
            self.call("spare.parts.request", "action_submit", [request])

    @task(2)
    def acknowledge(self):
        if PLAIN:
            return
        with self.flow("engineer: acknowledge receipt"):
            lines = self.call(
                "spare.parts.request.line",
                "search_read",
                [
                    ("document_id.engineer_id", "=", self.uid),
                    ("document_id.state", "=", "approved"),
                ],
                ["document_id", "qty_shipped"],
            )
            shipped = sorted({line["document_id"][0] for line in lines if line["qty_shipped"]})
            for request in shipped:
                self.call("spare.parts.request", "action_receive", [request])

    @task(1)
    def give_back(self):
        part = random.choice(SEED["parts"])
        with self.flow("engineer: return parts"):
            if PLAIN:
                self._plain_transfer(
                    SEED["spw_int_type"], self.van, SEED["spw_stock"], [part], validate=True
                )
                return
            document = self.call(
                "spare.parts.return",
                "create",
                {
                    "engineer_id": self.uid,
                    "return_type": "unused",
                    "line_ids": [[0, 0, {"product_id": part, "quantity": 1}]],
                },
            )
            document = document[0] if isinstance(document, list) else document
            self.call("spare.parts.return", "action_send", [document])


class Administrator(OdooUser):
    """Administrators split the work by document id, as two people sharing a
    queue would: each takes the documents of his parity."""

    fixed_count = int(os.environ.get("LOAD_ADMINS", 2))
    logins = iter(SEED["admins"])
    wait_time = between(2 * THINK, 5 * THINK)

    def on_start(self):
        super().on_start()
        self.index = SEED["admins"].index(self.login)
        self.count = min(len(SEED["admins"]), self.fixed_count)

    def _mine(self, records):
        return [r["id"] for r in records if r["id"] % self.count == self.index]

    @task(3)
    def approve_and_ship(self):
        if PLAIN:
            return self._ship_plain()
        submitted = self.call(
            "spare.parts.request", "search_read", [("state", "=", "submitted")], ["id"], limit=20
        )
        for request in self._mine(submitted)[:5]:
            with self.flow("admin: approve and ship"):
                self.call("spare.parts.request", "action_approve", [request])
                self.call("spare.parts.request", "action_ship", [request])

    def _ship_plain(self):
        waiting = self.call(
            "stock.picking",
            "search_read",
            [
                ("picking_type_id", "=", SEED["spw_int_type"]),
                ("location_id", "=", SEED["spw_stock"]),
                ("state", "in", ["confirmed", "assigned"]),
            ],
            ["id"],
            limit=20,
        )
        for picking in self._mine(waiting)[:5]:
            with self.flow("admin: approve and ship"):
                self.call("stock.picking", "action_assign", [picking])
                self.call("stock.picking", "button_validate", [picking])

    @task(1)
    def receive_returns(self):
        if PLAIN:
            return
        sent = self.call(
            "spare.parts.return", "search_read", [("state", "=", "sent")], ["id"], limit=20
        )
        for document in self._mine(sent)[:5]:
            with self.flow("admin: receive return"):
                self.call("spare.parts.return", "action_receive", [document])


class SalesPerson(OdooUser):
    fixed_count = int(os.environ.get("LOAD_SALES", 20))
    logins = iter(SEED["salespeople"])

    @task(1)
    def list_orders(self):
        with self.flow("sales: list orders"):
            self.web_list(
                "sale.order",
                [("user_id", "=", self.uid)],
                ["name", "partner_id", "state", "amount_total", "date_order"],
            )

    @task(3)
    def confirm_order(self):
        customer = random.choice(list(SEED["customers"]))
        products = random.sample(SEED["b2b_products"], 2)
        lines = [
            {"product_id": product, "product_uom_qty": random.randint(1, 3)} for product in products
        ]
        warranty_line = {"product_id": random.choice(SEED["parts"]), "product_uom_qty": 1}
        if PLAIN:
            warranty_line["price_unit"] = 0.0
        else:
            warranty_line["warranty_equipment_id"] = random.choice(SEED["customers"][customer])
        lines.append(warranty_line)
        with self.flow("sales: confirm B2B order"):
            order = self.call(
                "sale.order",
                "create",
                {
                    "partner_id": int(customer),
                    "warehouse_id": SEED["b2b_warehouse"],
                    "order_line": [[0, 0, vals] for vals in lines],
                },
            )
            order = order[0] if isinstance(order, list) else order
            self.call("sale.order", "action_confirm", [order])
            state = self.call("sale.order", "read", [order], ["state"])[0]["state"]
            if state != "sale":
                raise RpcError(f"order {order} not confirmed: {state}")
