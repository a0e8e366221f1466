# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Measuring a flow side by side in two databases.

The plain side is a copy of the profile's template database (plain Odoo with
the addons the profile depends on, none of the suite's); the suite side is a
copy of the same template with the suite's addons installed. Both are opened
in this one process, each with its own registry, and a flow runs on each side
in turn, alternating which side goes first, so that both see the same machine
load. Every measured round works in a transaction of its own that is rolled
back at the end: the data a flow prepares (parts, stock, equipment) is created
in that transaction before the timer starts, the timer covers what the user
does, up to the last write reaching the database (``flush_all``).
"""

import gc
import json
import re
import statistics
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

SIDES = ("plain", "suite")
SUITE_ADDONS = str(Path(__file__).resolve().parent.parent / "addons")


def init_odoo(conf_path):
    """Load the suite's Odoo configuration (database, addons path), quietly."""
    config.parse_config(["-c", conf_path, "--log-level=warn"], setup_logging=True)


class Side:
    """One database of the comparison, with the users its flows run as."""

    def __init__(self, name, db_name):
        self.name = name
        self.db_name = db_name
        self.registry = Registry(db_name)
        self.fixtures = {}

    def env(self, cr, uid=SUPERUSER_ID):
        return api.Environment(cr, uid, {})

    def committed(self, func):
        """Run ``func(env)`` as superuser and commit: fixtures shared by rounds."""
        with self.registry.cursor() as cr:
            return func(self.env(cr))


class Flow:
    """A user flow measured on both sides. Subclasses implement, per side,
    ``prepare_<side>(env, size)`` (untimed data the user already had),
    ``run_<side>(env, data)`` (the timed user actions) and
    ``check_<side>(env, data)`` (the result both sides must reach), and may
    implement ``setup_<side>(env)`` (committed once per database).

    ``comparable`` says the two sides reach the same result with the same
    work, so the time ratio is a claim about the suite; ``per_document`` says
    the suite's extra queries must not grow with the lines."""

    name = ""
    title = ""
    size_label = "lines"
    comparable = True
    per_document = True
    world = None

    def __init__(self):
        self.fixtures_by_side = {}

    def setup(self, side):
        """Build (once per database, committed) the fixtures of this flow, or
        of its ``world`` when several flows share one."""
        key = self.world or self.name
        if key not in side.fixtures:
            method = getattr(self, f"setup_{side.name}", None)
            side.fixtures[key] = side.committed(method) if method else {}
        self.fixtures_by_side[side.name] = side.fixtures[key]


@contextmanager
def _round(flow, side, size):
    """A round of ``flow`` on ``side`` in a transaction rolled back at the
    end: yields ``(env, data)`` once the untimed data is prepared, written
    and out of the cache."""
    with side.registry.cursor() as cr:
        env = side.env(cr)
        try:
            data = getattr(flow, f"prepare_{side.name}")(env, size)
            env.flush_all()
            env.invalidate_all()
            yield env, data
        finally:
            cr.rollback()


def _run(flow, side, env, data):
    """The timed user actions of one round, up to the last write."""
    getattr(flow, f"run_{side.name}")(env, data)
    env.flush_all()


def _measure_once(flow, side, size):
    """One round of ``flow`` on ``side``: (queries, seconds), rolled back."""
    with _round(flow, side, size) as (env, data):
        gc.collect()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        _run(flow, side, env, data)
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        env.invalidate_all()
        getattr(flow, f"check_{side.name}")(env, data)
    return queries, elapsed


@contextmanager
def capture_statements(cr, counter, callers):
    """Count the SQL statements ``cr`` runs, by shape (numbers and lists of
    ids blanked), into ``counter``; ``callers[shape]`` counts the suite's
    innermost function that led to each (``-`` when none did)."""
    original = type(cr).execute

    def execute(self, query, params=None, log_exceptions=True):
        if self is cr:
            text = query.code if hasattr(query, "code") else str(query)
            shape = re.sub(r"\d+", "N", " ".join(text.split()))[:160]
            counter[shape] += 1
            callers.setdefault(shape, Counter())[_suite_caller()] += 1
        return original(self, query, params, log_exceptions)

    with patch.object(type(cr), "execute", execute):
        yield counter


def _suite_caller():
    for frame in reversed(traceback.extract_stack(limit=60)):
        if frame.filename.startswith(SUITE_ADDONS):
            return f"{frame.filename[len(SUITE_ADDONS) + 1 :]}:{frame.lineno} {frame.name}"
    return "-"


def statements_of(flow, side, size):
    """The statements one round of ``flow`` runs on ``side``, by shape, and
    the suite's code that ran them."""
    counter, callers = Counter(), {}
    with (
        _round(flow, side, size) as (env, data),
        capture_statements(env.cr, counter, callers),
    ):
        _run(flow, side, env, data)
    return counter, callers


def explain_growth(flow, side, small=10, large=100):
    """Print the statements whose count grows with the lines, and the suite's
    code that runs them: where a per-line query hides."""
    flow.setup(side)
    statements_of(flow, side, small)  # warm-up
    (before, __), (after, callers) = (
        statements_of(flow, side, small),
        statements_of(flow, side, large),
    )
    growth = sorted(
        ((after[k] - before[k], k) for k in after if after[k] > before[k]), reverse=True
    )
    print(f"[bench] {flow.name} ({side.name}): statements growing from {small} to {large}")  # noqa: T201
    for delta, statement in growth[:15]:
        caller = callers[statement].most_common(1)[0][0]
        print(f"[bench]   +{delta:<5} {statement}")  # noqa: T201
        print(f"[bench]          from {caller}")  # noqa: T201


def profile_flow(flow, side, size, lines=30):
    """Print where one round of ``flow`` on ``side`` spends its time
    (cProfile, cumulative), after a warm-up round: where a slow step hides
    when the query counts are equal."""
    import cProfile  # noqa: PLC0415
    import pstats  # noqa: PLC0415

    flow.setup(side)
    _measure_once(flow, side, size)  # warm-up
    profiler = cProfile.Profile()
    with _round(flow, side, size) as (env, data), profiler:
        _run(flow, side, env, data)
    print(f"[bench] {flow.name} ({side.name}) at {size}: cumulative time")  # noqa: T201
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(lines)
    if side.name == "suite":
        print(f"[bench] {flow.name} (suite) at {size}: the suite's own functions")  # noqa: T201
        stats.print_stats(re.escape(SUITE_ADDONS), lines)


def measure(flow, sides, size, rounds):
    """``rounds`` rounds per side, alternating which side goes first.
    Returns {side: {"queries": [...], "seconds": [...]}}."""
    runs = {side.name: {"queries": [], "seconds": []} for side in sides}
    for index in range(rounds):
        order = sides if index % 2 == 0 else tuple(reversed(sides))
        for side in order:
            queries, seconds = _measure_once(flow, side, size)
            runs[side.name]["queries"].append(queries)
            runs[side.name]["seconds"].append(seconds)
    return runs


def summarize(runs):
    """Median and spread (min, max) of the time, median query count, and the
    suite / plain ratio: the median of the ratios of each round, where both
    sides ran back to back, so that a slow moment of the machine weighs on
    both sides of a ratio instead of on one side's median."""
    out = {}
    for name, values in runs.items():
        seconds = values["seconds"]
        out[name] = {
            "queries": statistics.median(values["queries"]),
            "seconds": statistics.median(seconds),
            "seconds_min": min(seconds),
            "seconds_max": max(seconds),
            "rounds": len(seconds),
        }
    if "plain" in out and "suite" in out:
        out["ratio"] = statistics.median(
            suite / plain
            for suite, plain in zip(runs["suite"]["seconds"], runs["plain"]["seconds"], strict=True)
        )
        out["ratio_of_medians"] = out["suite"]["seconds"] / out["plain"]["seconds"]
        out["extra_queries"] = out["suite"]["queries"] - out["plain"]["queries"]
    return out


def run_flow(flow, sides, sizes, rounds_for):
    """Warm both sides up once, then measure each size. ``rounds_for(size)``
    gives the number of rounds (fewer for the largest sizes)."""
    for side in sides:
        flow.setup(side)
    measure(flow, sides, sizes[0], 1)  # warm-up: registry caches, plans
    results = {}
    for size in sizes:
        results[size] = summarize(measure(flow, sides, size, rounds_for(size)))
        print_row(flow, size, results[size])
    return results


def print_row(flow, size, result):
    plain, suite = result.get("plain"), result["suite"]
    text = f"[bench] {flow.name:<18} {size:>8} {flow.size_label:<10}"
    if plain:
        text += (
            f" plain {plain['queries']:>7.0f} q {plain['seconds'] * 1000:>9.1f} ms"
            f" (±{_spread(plain):4.0%})"
        )
    text += (
        f"  suite {suite['queries']:>7.0f} q {suite['seconds'] * 1000:>9.1f} ms"
        f" (±{_spread(suite):4.0%})"
    )
    if plain:
        text += f"  ratio {result['ratio']:5.2f}"
    print(text, flush=True)  # noqa: T201


def _spread(values):
    """Half the range of the rounds, relative to the median."""
    return (values["seconds_max"] - values["seconds_min"]) / 2 / values["seconds"]


def write_json(path, payload):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
