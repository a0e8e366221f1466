# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run the benchmarks of one profile: plain Odoo against the suite.

    python bench/run.py -c odoo.conf --profile standard --plain DB --suite DB
                        [--quick] [--out bench/results]

setup/bench prepares the two databases (copies of one template, the suite's
addons installed in one of them) and calls this once per profile. The table
goes to stdout, the figures to ``<out>/<profile>.json``; the exit code is 1
when a claim below does not hold:

- every flow that reaches the same result with the same work on both sides
  (``comparable``) takes at most 1.2 times plain Odoo's time at 100 lines;
- the suite's extra queries are per document: from 10 to 100 lines they grow
  by less than one query per ten lines;
- for the flows measured against the amount of data or the number of
  warehouses (reports, the B2B check), the suite's extra queries stay the
  same (within 2) from the smallest to the largest size.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import benchlib  # noqa: E402

MAX_RATIO = 1.2
MAX_EXTRA_QUERY_DRIFT = 2
LINE_SIZES = (10, 100, 1000)
QUICK_LINE_SIZES = (10, 100)


def flows_of(profile):
    """The flows of a profile and their sizes (full run, quick run)."""
    import flows_sales as sales  # noqa: PLC0415 - they import odoo, set up first
    import flows_spare_parts as parts  # noqa: PLC0415

    lines = (LINE_SIZES, QUICK_LINE_SIZES)
    return {
        "simple": [
            (parts.SimpleConsume(), lines),
            (parts.UsageReport(), ((10_000, 100_000, 1_000_000), (10_000, 100_000))),
        ],
        "standard": [
            (parts.Consume(), lines),
            (parts.Request(), lines),
            (parts.Return(), lines),
            (parts.Holdings(), ((10, 100, 1000), (10, 100))),
        ],
        "b2b": [
            (sales.B2bConfirm(), lines),
            (sales.B2bSplit(), lines),
            (sales.B2bWarehouses(), ((1, 10, 50), (1, 10))),
        ],
        "warranty": [(sales.WarrantyQuote(), lines)],
    }[profile]


def rounds_for(size, flow):
    if flow.size_label != "lines":
        return 5 if flow.name == "b2b_warehouses" else 3
    return 7 if size <= 100 else 2


def check_claims(flow, results):
    """The claims above for one flow: a list of failure messages."""
    failures = []
    sizes = sorted(results)
    if flow.comparable and flow.size_label == "lines" and 100 in results:
        ratio = results[100]["ratio"]
        if ratio > MAX_RATIO:
            failures.append(f"{flow.name}: time ratio {ratio:.2f} at 100 lines > {MAX_RATIO}")
    if flow.per_document and 10 in results and 100 in results:
        growth = results[100]["extra_queries"] - results[10]["extra_queries"]
        if growth >= (100 - 10) / 10:
            failures.append(f"{flow.name}: {growth:.0f} more extra queries at 100 lines than at 10")
    if flow.size_label != "lines":
        extra = [results[size]["extra_queries"] for size in sizes]
        if max(extra) - min(extra) > MAX_EXTRA_QUERY_DRIFT:
            failures.append(
                f"{flow.name}: the extra queries vary with the {flow.size_label}: {extra}"
            )
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--plain", required=True, help="plain Odoo database")
    parser.add_argument("--suite", required=True, help="database with the suite installed")
    parser.add_argument("--quick", action="store_true", help="skip the largest sizes")
    parser.add_argument("--only", nargs="*", help="flow names to run")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    parser.add_argument(
        "--explain",
        action="store_true",
        help="only list, per flow, the SQL statements that grow with the lines",
    )
    parser.add_argument(
        "--cprofile",
        type=int,
        metavar="SIZE",
        help="only print, per flow and side, where one round at SIZE spends its time",
    )
    parser.add_argument(
        "--cprofile-lines",
        type=int,
        default=30,
        metavar="N",
        help="with --cprofile: how many functions to print (by cumulative time)",
    )
    args = parser.parse_args()

    benchlib.init_odoo(args.config)
    sides = (benchlib.Side("plain", args.plain), benchlib.Side("suite", args.suite))
    payload = {
        "profile": args.profile,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "flows": {},
    }
    failures = []
    for flow, (full, quick) in flows_of(args.profile):
        if args.only and flow.name not in args.only:
            continue
        if args.explain:
            for side in sides:
                benchlib.explain_growth(flow, side)
            continue
        if args.cprofile:
            for side in sides:
                benchlib.profile_flow(flow, side, args.cprofile, args.cprofile_lines)
            continue
        sizes = quick if args.quick else full
        print(f"[bench] {flow.title}", flush=True)  # noqa: T201
        results = benchlib.run_flow(flow, sides, sizes, lambda size, f=flow: rounds_for(size, f))
        payload["flows"][flow.name] = {
            "title": flow.title,
            "size_label": flow.size_label,
            "comparable": flow.comparable,
            "per_document": flow.per_document,
            "results": {str(size): result for size, result in results.items()},
        }
        failures += check_claims(flow, results)
    if args.explain or args.cprofile:
        return 0
    benchlib.write_json(Path(args.out) / f"{args.profile}.json", payload)
    for failure in failures:
        print(f"[bench] FAILED {failure}")  # noqa: T201
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
