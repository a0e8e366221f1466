# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The load test: a real Odoo server in prefork mode, driven by Locust.

    python bench/load/run_load.py -c odoo.conf --db DB [--plain-db DB]
        --tools-python PATH [--duration 90] [--workers 4] [--users 50,2,20]
        [--out bench/results/load.json]

For each database (the suite's, then plain Odoo's when given): seed the
people and stock (seed.py), take a snapshot of the stock, start
``odoo-bin --workers N`` on a free local port (it stops by itself after the
run's time plus a margin, whatever happens to this script), let Locust's
users work for the given time (locustfile.py), stop the server, then check
the database (``check_integrity``). Figures and checks go to the JSON file;
the exit code is 1 when a check fails or an operation failed.
"""

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import seed as seeding  # noqa: E402

SERVER_START_TIMEOUT = 90
# Users start at this rate (logins hash a password: about 0.35 s of CPU
# each); the figures are reset once all of them run (--reset-stats), so the
# measured time is the run's duration after that ramp.
SPAWN_RATE = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def committed(db, func):
    with Registry(db).cursor() as cr:
        return func(api.Environment(cr, SUPERUSER_ID, {}))


def seed_database(db, plain, users):
    engineers, admins, salespeople = users
    return committed(
        db,
        lambda env: seeding.seed(
            env, engineers=engineers, admins=admins, salespeople=salespeople, plain=plain
        ),
    )


def take_snapshot(db):
    """The stock before the run, to compare its change with the ledger's."""

    def snapshot(env):
        env.cr.execute(
            """
            DROP TABLE IF EXISTS load_snapshot;
            CREATE TABLE load_snapshot AS
                SELECT location_id, product_id, coalesce(lot_id, 0) AS lot_id,
                       sum(quantity) AS qty
                  FROM stock_quant GROUP BY 1, 2, 3;
            DROP TABLE IF EXISTS load_marks;
            CREATE TABLE load_marks AS
                SELECT coalesce(max(id), 0) AS move_line_id FROM stock_move_line;
            """
        )

    committed(db, snapshot)


# ---------------------------------------------------------------- server
def start_server(db, workers, port, lifetime, logfile, cron_workers=0):
    """``odoo-bin`` in prefork mode under ``timeout``: it ends by itself.
    Scheduled actions run only with ``cron_workers``."""
    odoo_bin = Path(config.root_path).parent / "odoo-bin"
    command = [
        "timeout",
        "--kill-after=15",
        str(int(lifetime)),
        sys.executable,
        str(odoo_bin),
        "-c",
        config["config"],
        "-d",
        db,
        "--db-filter",
        f"^{db}$",
        "--workers",
        str(workers),
        "--max-cron-threads",
        str(cron_workers),
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--gevent-port",
        str(free_port()),
        "--limit-time-real",
        "120",
        "--limit-time-cpu",
        "120",
        "--limit-request",
        "100000",
        "--log-level",
        "warn",
        "--logfile",
        str(logfile),
    ]
    process = subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"odoo-bin stopped at start (see {logfile})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5):
                return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"odoo-bin did not answer on port {port} (see {logfile})")


def warm_up(port, workers):
    """Each worker loads the registry on its first request: do it before
    the clock starts, as a server in production has long done."""
    for __ in range(workers * 3):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=60):
            pass


def stop_server(process):
    """SIGTERM to the server's process group (its master and workers), then
    SIGKILL if it is still there after 20 seconds."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


# ---------------------------------------------------------------- Locust
def run_locust(tools_python, seed_path, db, port, args, prefix, log_path):
    users, duration = args.users, args.duration
    engineers, admins, salespeople = users
    total = engineers + admins + salespeople
    ramp = total // SPAWN_RATE + 1
    env = dict(
        os.environ,
        LOAD_SEED=str(seed_path),
        LOAD_DB=db,
        LOAD_LOG=str(log_path),
        LOAD_ENGINEERS=str(engineers),
        LOAD_ADMINS=str(admins),
        LOAD_SALES=str(salespeople),
        LOAD_THINK=str(args.think),
    )
    command = [
        str(tools_python),
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "-u",
        str(total),
        "-r",
        str(SPAWN_RATE),
        "-t",
        f"{duration + ramp}s",
        "--reset-stats",
        "--stop-timeout",
        "30",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    return subprocess.run(command, env=env, timeout=duration + ramp + 120, check=False).returncode


def read_stats(prefix, duration, workers):
    """Per operation (the FLOW rows): count, failures, p50/p95/p99 in ms;
    requests per second over the HTTP calls (logins left out)."""
    operations = {}
    requests = failures = 0
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            if row["Type"] == "FLOW":
                operations[row["Name"]] = {
                    "count": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                    "per_second": float(row["Requests/s"]),
                }
            elif row["Type"] == "POST" and row["Name"] != "login":
                requests += int(row["Request Count"])
                failures += int(row["Failure Count"])
    exceptions = 0
    exceptions_path = Path(f"{prefix}_exceptions.csv")
    if exceptions_path.exists():
        with exceptions_path.open() as handle:
            exceptions = sum(int(row["Count"]) for row in csv.DictReader(handle))
    messages = []
    failures_path = Path(f"{prefix}_failures.csv")
    if failures_path.exists():
        with failures_path.open() as handle:
            messages = [
                f"{row['Occurrences']}x {row['Name']}: {row['Error'][:300]}"
                for row in csv.DictReader(handle)
                if row["Method"] != "FLOW"
            ]
    done = sum(op["count"] - op["failures"] for op in operations.values())
    return {
        "duration": duration,
        "workers": workers,
        "operations_per_second": done / duration,
        "requests": requests,
        "requests_per_second": requests / duration,
        "requests_per_second_per_worker": requests / duration / workers,
        "errors": failures + exceptions,
        "error_messages": messages[:20],
        "operations": operations,
    }


# ---------------------------------------------------------------- integrity
LEDGER_MISMATCHES = """
WITH moved AS (
    SELECT location_dest_id AS location_id, product_id, coalesce(lot_id, 0) AS lot_id,
           quantity AS qty
      FROM stock_move_line WHERE state = 'done' AND id > (SELECT move_line_id FROM load_marks)
    UNION ALL
    SELECT location_id, product_id, coalesce(lot_id, 0), -quantity
      FROM stock_move_line WHERE state = 'done' AND id > (SELECT move_line_id FROM load_marks)
), delta AS (
    SELECT location_id, product_id, lot_id, sum(qty) AS qty FROM moved GROUP BY 1, 2, 3
), current AS (
    SELECT location_id, product_id, coalesce(lot_id, 0) AS lot_id, sum(quantity) AS qty
      FROM stock_quant GROUP BY 1, 2, 3
), keys AS (
    SELECT location_id, product_id, lot_id FROM delta
    UNION SELECT location_id, product_id, lot_id FROM current
    UNION SELECT location_id, product_id, lot_id FROM load_snapshot
)
SELECT count(*)
  FROM keys k
  LEFT JOIN delta d
         ON d.location_id = k.location_id AND d.product_id = k.product_id AND d.lot_id = k.lot_id
  LEFT JOIN current c
         ON c.location_id = k.location_id AND c.product_id = k.product_id AND c.lot_id = k.lot_id
  LEFT JOIN load_snapshot s
         ON s.location_id = k.location_id AND s.product_id = k.product_id AND s.lot_id = k.lot_id
 WHERE k.location_id IN (SELECT id FROM stock_location WHERE usage IN ('internal', 'transit'))
   AND abs(coalesce(c.qty, 0) - coalesce(s.qty, 0) - coalesce(d.qty, 0)) > 0.0001
"""

# Per place, part and serial: Odoo may split a quant when another
# transaction holds its row (SKIP LOCKED), a negative row beside a positive
# one, merged later; what must never be below zero is their sum.
NEGATIVE_STOCK = """
SELECT count(*) FROM (
    SELECT q.location_id FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
     WHERE l.usage IN ('internal', 'transit')
     GROUP BY q.location_id, q.product_id, q.lot_id HAVING sum(q.quantity) < 0
) negative
"""

SERIALS_TWICE = """
SELECT count(*) FROM (
    SELECT q.lot_id FROM stock_quant q
      JOIN stock_location l ON l.id = q.location_id
      JOIN product_product p ON p.id = q.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id AND t.tracking = 'serial'
     WHERE q.lot_id IS NOT NULL AND q.quantity > 0
       AND l.usage IN ('internal', 'transit', 'customer')
     GROUP BY q.lot_id HAVING count(*) > 1 OR sum(q.quantity) > 1
) twice
"""

# Consumed stock lines: exactly one done move of their quantity; planned
# lines: no done move.
CONSUMPTION_VS_MOVES = """
SELECT count(*) FROM (
    SELECT l.id FROM spare_parts_line l
      LEFT JOIN stock_move m ON m.spare_parts_line_id = l.id AND m.state = 'done'
     WHERE l.location_id IS NOT NULL AND l.state IN ('consumed', 'planned')
     GROUP BY l.id, l.state, l.quantity
    HAVING (l.state = 'consumed' AND (count(m.id) <> 1 OR sum(m.quantity) <> l.quantity))
        OR (l.state = 'planned' AND count(m.id) > 0)
) wrong
"""

# A work order's consumption is all or nothing.
HALF_CONSUMED = """
SELECT count(*) FROM (
    SELECT ticket_id FROM spare_parts_line WHERE part_condition = 'new'
     GROUP BY ticket_id
    HAVING count(*) FILTER (WHERE state = 'consumed') > 0
       AND count(*) FILTER (WHERE state = 'planned') > 0
) half
"""

# Request and return lines against their legs through the transit location:
# done documents received everything; shipped lines shipped everything.
DOCUMENT_LEGS = """
SELECT count(*) FROM (
    SELECT doc.state, line.quantity,
           coalesce(sum(m.quantity) FILTER (WHERE m.location_dest_id = %(transit)s), 0) AS sent,
           coalesce(sum(m.quantity) FILTER (WHERE m.location_id = %(transit)s), 0) AS got
      FROM {line} line
      JOIN {doc} doc ON doc.id = line.document_id
      LEFT JOIN stock_move m ON m.{link} = line.id AND m.state = 'done'
     GROUP BY line.id, doc.state, line.quantity
) legs
 WHERE (state = 'done' AND (sent <> quantity OR got <> quantity))
    OR (sent NOT IN (0, quantity)) OR got > sent
"""

SALE_LINES_VS_MOVES = """
SELECT count(*) FROM (
    SELECT sol.id, sol.product_uom_qty,
           coalesce(sum(m.product_uom_qty) FILTER (WHERE dest.usage = 'customer'), 0) AS qty
      FROM sale_order_line sol
      JOIN sale_order so ON so.id = sol.order_id AND so.state = 'sale'
      JOIN product_product p ON p.id = sol.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id AND t.is_storable
      LEFT JOIN stock_move m ON m.sale_line_id = sol.id AND m.state <> 'cancel'
      LEFT JOIN stock_location dest ON dest.id = m.location_dest_id
     GROUP BY sol.id, sol.product_uom_qty
) lines WHERE qty <> product_uom_qty
"""


def check_integrity(db, plain, log_path):
    """Counts of violations, each of which must be 0."""

    def check(env):
        cr = env.cr

        def count(query, params=None):
            cr.execute(query, params)
            return cr.fetchone()[0]

        checks = {
            "negative_stock": count(NEGATIVE_STOCK),
            "quants_not_equal_to_ledger": count(LEDGER_MISMATCHES),
            "serials_in_two_places": count(SERIALS_TWICE),
            "sale_lines_not_equal_to_moves": count(SALE_LINES_VS_MOVES),
        }
        if not plain:
            transit = env.company.spare_parts_transit_location_id.id
            checks["consumption_not_equal_to_moves"] = count(CONSUMPTION_VS_MOVES)
            checks["half_consumed_work_orders"] = count(HALF_CONSUMED)
            for doc, line, link in (
                ("spare_parts_request", "spare_parts_request_line", "spare_parts_request_line_id"),
                ("spare_parts_return", "spare_parts_return_line", "spare_parts_return_line_id"),
            ):
                checks[f"{doc}_lines_not_equal_to_moves"] = count(
                    DOCUMENT_LEGS.format(doc=doc, line=line, link=link), {"transit": transit}
                )
            checks.update(_consumption_log(cr, log_path))
        cr.rollback()
        return checks

    return committed(db, check)


def _consumption_log(cr, log_path):
    """Every consumption a user was told succeeded is in the database, once."""
    logged = {}
    if Path(log_path).exists():
        for line in Path(log_path).read_text().splitlines():
            entry = json.loads(line)
            logged[entry["ticket"]] = logged.get(entry["ticket"], 0) + entry["lines"]
    lost = duplicated = 0
    if logged:
        cr.execute(
            """
            SELECT ticket_id, count(*) FILTER (WHERE state = 'consumed')
              FROM spare_parts_line WHERE ticket_id = ANY(%s) GROUP BY ticket_id
            """,
            (list(logged),),
        )
        found = dict(cr.fetchall())
        lost = sum(1 for ticket, lines in logged.items() if found.get(ticket, 0) < lines)
        duplicated = sum(1 for ticket, lines in logged.items() if found.get(ticket, 0) > lines)
    return {
        "consumptions_confirmed": len(logged),
        "consumptions_lost": lost,
        "consumptions_duplicated": duplicated,
    }


# ---------------------------------------------------------------- one run
def run_one(db, plain, args, work_dir):
    """Seed, serve, load, stop, check: the figures of one database."""
    label = "plain" if plain else "suite"
    started = time.monotonic()
    seed = seed_database(db, plain, args.users)
    seed_path = work_dir / f"seed-{label}.json"
    seed_path.write_text(json.dumps(seed))
    take_snapshot(db)
    log_path = work_dir / f"consumed-{label}.jsonl"
    log_path.unlink(missing_ok=True)
    port = free_port()
    lifetime = args.duration + sum(args.users) // SPAWN_RATE + SERVER_START_TIMEOUT + 180
    server = start_server(db, args.workers, port, lifetime, work_dir / f"odoo-{label}.log")
    try:
        warm_up(port, args.workers)
        prefix = work_dir / f"locust-{label}"
        print(f"[load] {label}: {sum(args.users)} users for {args.duration}s", flush=True)  # noqa: T201
        run_locust(args.tools_python, seed_path, db, port, args, prefix, log_path)
    finally:
        stop_server(server)
    result = read_stats(prefix, args.duration, args.workers)
    result["integrity"] = check_integrity(db, plain, log_path)
    result["users"] = dict(zip(("engineers", "administrators", "salespeople"), args.users))
    result["wall_time"] = round(time.monotonic() - started, 1)
    return result


def failures_of(label, result):
    problems = [
        f"{label}: {name} = {value}"
        for name, value in result["integrity"].items()
        if value and name != "consumptions_confirmed"
    ]
    if result["errors"]:
        problems.append(f"{label}: {result['errors']} failed requests")
        problems += [f"{label}:   {message}" for message in result["error_messages"]]
    return problems


def print_summary(results):
    for label, result in results.items():
        print(  # noqa: T201
            f"[load] {label}: {result['operations_per_second']:.2f} operations/s, "
            f"{result['requests_per_second']:.1f} req/s "
            f"({result['requests_per_second_per_worker']:.1f} per worker), "
            f"{result['errors']} errors"
        )
        for name, op in sorted(result["operations"].items()):
            print(  # noqa: T201
                f"[load]   {name:<32} {op['count']:>6} ops  p50 {op['p50']:>7.0f} ms  "
                f"p95 {op['p95']:>7.0f} ms  p99 {op['p99']:>7.0f} ms  failed {op['failures']}"
            )
        print(f"[load]   integrity: {result['integrity']}")  # noqa: T201


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True, help="database with the suite installed")
    parser.add_argument("--plain-db", help="plain Odoo database (same template)")
    parser.add_argument("--tools-python", required=True, help="python of the Locust virtualenv")
    parser.add_argument("--duration", type=int, default=90, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--users",
        default="50,2,20",
        type=lambda text: tuple(int(n) for n in text.split(",")),
        help="engineers,administrators,salespeople working at once",
    )
    parser.add_argument("--think", type=float, default=1.0, help="factor on the users' think times")
    parser.add_argument("--out", default=str(HERE.parent / "results" / "load.json"))
    parser.add_argument("--work-dir", help="logs and Locust CSV files (default: beside --out)")
    return parser.parse_args(argv)


def run(args):
    """Both runs; returns (results, list of failures)."""
    out = Path(args.out)
    work_dir = Path(args.work_dir) if args.work_dir else out.parent / "load-run"
    work_dir.mkdir(parents=True, exist_ok=True)
    results = {"suite": run_one(args.db, False, args, work_dir)}
    if args.plain_db:
        results["plain"] = run_one(args.plain_db, True, args, work_dir)
    print_summary(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    failures = []
    for label, result in results.items():
        failures += failures_of(label, result)
    return results, failures


def main():
    args = parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"], setup_logging=True)
    __, failures = run(args)
    for failure in failures:
        print(f"[load] FAILED {failure}")  # noqa: T201
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
