# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The parts usage report read on a streaming replica (setup/load --replica).

    python bench/load/replica_report.py -c odoo.conf --db DB
        --replica-host SOCKET_DIR --replica-port PORT [--out replica.json]

Adds usage lines on the primary (committed), waits until the replica has
replayed them, then asks the registry for a read-only cursor, as Odoo's HTTP
layer does for a route or RPC method marked read-only (the usage pivot calls
``formatted_read_grouping_sets``, which is): with ``db_replica_host`` set, that
cursor is on the replica. It checks that the cursor is really on the replica
(``pg_is_in_recovery()``), that the pivot there equals the pivot on the
primary, and times both.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

USAGE_LINES = 100_000
GROUPING_SETS = [["engineer_id", "date_done:month"], ["engineer_id"], ["date_done:month"], []]


def add_usage_lines(registry, count):
    """``count`` consumed lines spread over the engineers, parts and a year."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        ticket = env["helpdesk.ticket"].search([], limit=1)
        engineers = env.ref("spare_parts_base.group_spare_parts_engineer").all_user_ids.ids
        parts = env["product.product"].search([("is_storable", "=", True)], limit=50).ids
        cr.execute(
            SQL(
                """
            INSERT INTO spare_parts_line
                (ticket_id, company_id, engineer_id, partner_id, product_id, quantity,
                 part_condition, state, date_done, sequence)
            SELECT %(ticket)s, %(company)s,
                   (%(engineers)s::int[])[1 + g %% cardinality(%(engineers)s::int[])],
                   %(partner)s, (%(parts)s::int[])[1 + g %% cardinality(%(parts)s::int[])],
                   1, 'new', 'consumed', now() - (g %% 365) * interval '1 day', 10
              FROM generate_series(1, %(count)s) g
            """,
                ticket=ticket.id,
                company=env.company.id,
                engineers=engineers,
                partner=ticket.partner_id.id,
                parts=parts,
                count=count,
            )
        )
        cr.execute("ANALYZE spare_parts_line")
        cr.execute("SELECT pg_current_wal_lsn()")
        return cr.fetchone()[0]


def wait_for_replay(registry, lsn, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with registry.cursor(readonly=True) as cr:
            cr.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,))
            if cr.fetchone()[0]:
                return
        time.sleep(0.5)
    raise RuntimeError(f"the replica did not replay up to {lsn} in {timeout}s")


def usage_pivot(registry, readonly):
    """(on a replica?, seconds, groups) of the usage pivot as an administrator."""
    with registry.cursor(readonly=readonly) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        admin = env.ref("spare_parts_base.group_spare_parts_admin").all_user_ids[:1]
        cr.execute("SELECT pg_is_in_recovery()")
        on_replica = cr.fetchone()[0]
        Line = env(user=admin)["spare.parts.line"]
        start = time.perf_counter()
        groups = Line.formatted_read_grouping_sets(
            [("state", "=", "consumed")], GROUPING_SETS, ["quantity:sum", "__count"]
        )
        elapsed = time.perf_counter() - start
        cr.rollback()
    return on_replica, elapsed, groups


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--replica-host", required=True)
    parser.add_argument("--replica-port", required=True, type=int)
    parser.add_argument("--out", default="bench/results/replica.json")
    args = parser.parse_args()
    config.parse_config(
        [
            "-c",
            args.config,
            "--log-level=warn",
            "--db_replica_host",
            args.replica_host,
            "--db_replica_port",
            str(args.replica_port),
        ],
        setup_logging=True,
    )
    registry = Registry(args.db)
    lsn = add_usage_lines(registry, USAGE_LINES)
    start = time.perf_counter()
    wait_for_replay(registry, lsn)
    lag = time.perf_counter() - start
    usage_pivot(registry, True)  # warm-up of the replica's cache
    on_replica, replica_time, replica_groups = usage_pivot(registry, True)
    on_primary, primary_time, primary_groups = usage_pivot(registry, False)
    lines = primary_groups[-1][0]["__count"]
    result = {
        "usage_lines": lines,
        "read_on_replica": on_replica,
        "primary_is_replica": on_primary,
        "same_result": replica_groups == primary_groups,
        "replay_wait_seconds": round(lag, 2),
        "replica_ms": round(replica_time * 1000, 1),
        "primary_ms": round(primary_time * 1000, 1),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"[replica] {result}")  # noqa: T201
    ok = on_replica and not on_primary and result["same_result"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
