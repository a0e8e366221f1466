# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Draw the benchmark and load test figures of a results folder as PNG.

    python bench/plot.py bench/results [--markdown]

Runs in the tools' virtualenv (matplotlib), not Odoo's. For every
``<profile>.json`` written by bench/run.py, one picture per flow: wall time and
SQL queries against the size, plain Odoo and the suite, log scales, the bars
spanning the fastest and slowest round. For ``load.json`` written by the load
test: p50/p95/p99 latency per operation and requests per second.
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"plain": "#7f7f7f", "suite": "#1f77b4"}


def plot_flow(profile, name, flow, out_dir):
    sizes = sorted(int(size) for size in flow["results"])
    fig, (ax_time, ax_queries) = plt.subplots(1, 2, figsize=(10, 4))
    for side in ("plain", "suite"):
        rows = [flow["results"][str(size)].get(side) for size in sizes]
        if not all(rows):
            continue
        ms = [row["seconds"] * 1000 for row in rows]
        low = [m - row["seconds_min"] * 1000 for m, row in zip(ms, rows)]
        high = [row["seconds_max"] * 1000 - m for m, row in zip(ms, rows)]
        label = "plain Odoo" if side == "plain" else "suite"
        ax_time.errorbar(
            sizes, ms, yerr=[low, high], marker="o", capsize=3, label=label, color=COLORS[side]
        )
        ax_queries.plot(
            sizes, [row["queries"] for row in rows], marker="o", label=label, color=COLORS[side]
        )
    for ax, ylabel in ((ax_time, "wall time (ms, median)"), (ax_queries, "SQL queries")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(flow["size_label"])
        ax.set_ylabel(ylabel)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    ratios = [
        flow["results"][str(size)].get("ratio")
        for size in sizes
        if flow["results"][str(size)].get("ratio")
    ]
    subtitle = "  ".join(f"{s}: ×{r:.2f}" for s, r in zip(sizes, ratios))
    fig.suptitle(f"{flow['title']}\ntime ratio suite / plain  {subtitle}", fontsize=10)
    fig.tight_layout()
    path = out_dir / f"{profile}_{name}.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def plot_load(load, out_dir):
    runs = [run for run in ("suite", "plain") if run in load]
    operations = [op for op in load["suite"]["operations"]]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / (3 * len(runs))
    for r_index, run in enumerate(runs):
        for p_index, pct in enumerate(("p50", "p95", "p99")):
            values = [load[run]["operations"].get(op, {}).get(pct, 0) for op in operations]
            offset = (r_index * 3 + p_index) * width
            ax.bar(
                [i + offset for i in range(len(operations))],
                values,
                width,
                label=f"{run} {pct}",
                alpha=1.0 - 0.25 * p_index,
                color=COLORS[run],
            )
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(operations))])
    ax.set_xticklabels(operations, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("latency (ms)")
    ax.set_yscale("log")
    ax.legend(fontsize=7, ncol=2)
    title = ", ".join(
        f"{run}: {load[run].get('operations_per_second', 0):.2f} ops/s, "
        f"{load[run]['requests_per_second']:.1f} req/s, "
        f"{load[run]['errors']} errors, {load[run]['workers']} workers"
        for run in runs
    )
    ax.set_title(f"Load test ({load['suite']['duration']}s): {title}", fontsize=9)
    fig.tight_layout()
    path = out_dir / "load.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def markdown_table(out_dir):
    """The README's table: per flow and size, queries and median time of both
    sides and the time ratio."""
    rows = [
        "| Flow | Size | Plain queries | Suite queries | Plain ms | Suite ms | Ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in sorted(out_dir.glob("*.json")):
        data = json.loads(path.read_text())
        for name, flow in data.get("flows", {}).items():
            mark = "" if flow["comparable"] else " (not comparable)"
            for size in sorted(flow["results"], key=int):
                result = flow["results"][size]
                plain, suite = result["plain"], result["suite"]
                rows.append(
                    f"| `{name}`{mark} | {int(size):,} {flow['size_label']} "
                    f"| {plain['queries']:.0f} | {suite['queries']:.0f} "
                    f"| {plain['seconds'] * 1000:.0f} | {suite['seconds'] * 1000:.0f} "
                    f"| {result['ratio']:.2f} |"
                )
    return "\n".join(rows)


def main(folder, markdown=False):
    out_dir = Path(folder)
    if markdown:
        print(markdown_table(out_dir))  # noqa: T201
        return 0
    for path in sorted(out_dir.glob("*.json")):
        data = json.loads(path.read_text())
        if path.stem.startswith("load"):
            if "suite" in data:
                print(f"[plot] {plot_load(data, out_dir)}")  # noqa: T201
            continue
        for name, flow in data.get("flows", {}).items():
            print(f"[plot] {plot_flow(data['profile'], name, flow, out_dir)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--markdown"]
    sys.exit(main(arguments[0] if arguments else "bench/results", "--markdown" in sys.argv))
