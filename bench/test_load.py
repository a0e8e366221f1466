# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The short load test of setup/test's ``load`` profile.

The profile's database has the suite installed; this test runs what
``setup/load`` runs, shorter and with fewer users at once: a prefork Odoo
server with 4 workers, Locust's engineers, administrators and sales persons
for 30 seconds, thinking a third of the usual time between operations,
then the integrity checks, which must all find nothing, and
no operation may have failed (a serialization failure retried by Odoo is not
a failure; one that reached a user is).
"""

import os
import subprocess
import sys
from pathlib import Path

from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "load"))

import run_load  # noqa: E402

SHORT_RUN = ["--duration", "30", "--workers", "4", "--users", "10,2,4", "--think", "0.3"]


def _tools_python():
    """Locust's virtualenv, built by the same function as setup/load's."""
    subprocess.run(
        ["bash", "-c", "source setup/lib.sh && source bench/tools.sh && ensure_tools_venv"],
        cwd=ROOT,
        check=True,
    )
    state_dir = os.environ.get("SPS_STATE_DIR", str(Path.home() / ".cache" / "spare-parts-suite"))
    return str(Path(state_dir) / "venv-tools" / "bin" / "python")


def test_short_load_run_keeps_stock_consistent():
    out = ROOT / "test-output" / "load" / "load.json"
    args = run_load.parse_args(
        ["-c", config["config"], "--db", os.environ["SPS_DB"], "--tools-python", _tools_python()]
        + SHORT_RUN
        + ["--out", str(out)]
    )
    results, failures = run_load.run(args)
    suite = results["suite"]
    report = ROOT / "test-output" / "reports" / "load.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    integrity = dict(suite["integrity"])
    confirmed = integrity.pop("consumptions_confirmed")
    report.write_text(
        f"load: {suite['requests_per_second']:.1f} req/s on {suite['workers']} workers for "
        f"{suite['duration']}s, {suite['errors']} errors, {confirmed} consumptions checked, "
        f"integrity violations: {sum(integrity.values())}\n"
    )
    assert not failures, "\n".join(failures)
    assert suite["integrity"]["consumptions_confirmed"] > 0, "no consumption went through"
    assert all(op["count"] for op in suite["operations"].values()), suite["operations"]
