# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A live Odoo for hostile clients: a prefork server on the test database,
one JSON-RPC session per user, and a fingerprint of the committed tables read
through a connection of its own (what a client's accepted write would show).

Shared by the generated hostile client; the server is the load test's."""

import sys
from pathlib import Path

import psycopg2
import requests

from odoo.sql_db import connection_info_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "load"))

import run_load  # noqa: E402

# Refusals a client may get; anything else is a server error.
REFUSALS = frozenset(
    f"odoo.exceptions.{name}"
    for name in ("AccessError", "UserError", "ValidationError", "MissingError")
)
RPC_TIMEOUT = 60


class LiveServer:
    """``odoo-bin --workers N`` on a free local port, stopped by ``stop`` (and
    by itself after ``lifetime`` seconds, whatever happens to the test)."""

    def __init__(self, db, workers, lifetime, logfile, cron_workers=0):
        self.db = db
        self.port = run_load.free_port()
        Path(logfile).parent.mkdir(parents=True, exist_ok=True)
        self.process = run_load.start_server(
            db, workers, self.port, lifetime, logfile, cron_workers=cron_workers
        )
        run_load.warm_up(self.port, workers)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        run_load.stop_server(self.process)


class RpcError(Exception):
    """An error answered by the server: ``name`` is its exception class."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message

    @property
    def is_refusal(self):
        return self.name in REFUSALS


class Session:
    """One logged-in user of the live server, over JSON-RPC."""

    def __init__(self, server, login, password):
        self.server = server
        self.http = requests.Session()
        result = self._post(
            "/web/session/authenticate",
            {"db": server.db, "login": login, "password": password},
        )
        self.uid = result["uid"]

    def _post(self, path, params):
        response = self.http.post(
            self.server.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=RPC_TIMEOUT,
        )
        response.raise_for_status()
        answer = response.json()
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(data.get("name", "unknown"), data.get("message", ""))
        return answer.get("result")

    def call(self, model, method, args, kwargs=None):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def close(self):
        self.http.close()


class Fingerprint:
    """Row count and a sum of row hashes per table, in one query through an
    autocommit connection: each call sees every committed change."""

    def __init__(self, db, tables):
        self.tables = sorted(tables)
        self.connection = psycopg2.connect(**connection_info_for(db)[1])
        self.connection.autocommit = True
        query = " UNION ALL ".join(
            # table names come from the registry, not from a client
            f"SELECT '{table}', count(*), coalesce(sum(hashtext(t::text)), 0) "  # noqa: S608
            f'FROM "{table}" t'
            for table in self.tables
        )
        with self.connection.cursor() as cr:
            # planned once: the query runs after every attempt
            cr.execute(f"PREPARE hostile_fingerprint AS {query}")

    def take(self):
        with self.connection.cursor() as cr:
            cr.execute("EXECUTE hostile_fingerprint")
            return {table: (count, digest) for table, count, digest in cr.fetchall()}

    @staticmethod
    def changed(before, after):
        return sorted(table for table in before if before[table] != after[table])

    def close(self):
        self.connection.close()
