# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo starts clean: a live Odoo on the demo database, with two cron
workers as a server has, runs every scheduled action that is due at once
(Odoo's procurement scheduler beside the suite's replenishment among them,
as on the first ``setup/run``), and its log has no ERROR."""

import os
import time
from pathlib import Path

import psycopg2
from hostile_live import LiveServer

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase

ROOT = Path(os.environ.get("SPS_ROOT", Path(__file__).resolve().parents[1]))
SERVER_LOG = ROOT / "test-output" / "demo-start" / "odoo.log"
# The scheduled actions that collided on the first start.
WATCHED_CRONS = ("stock.ir_cron_scheduler_action", "spare_parts_personal_wh.ir_cron_replenish")
WAIT_SECONDS = 300


class TestDemoStart(TransactionCase):
    # Outside an addon Odoo does not tag test classes itself.
    test_tags = {"standard", "at_install"}
    test_module = "suite"

    def test_demo_start_runs_the_due_crons_without_error(self):
        crons = tuple(self.env.ref(xmlid).id for xmlid in WATCHED_CRONS)
        connection = psycopg2.connect(**connection_info_for(self.env.cr.dbname)[1])
        connection.autocommit = True
        try:
            with connection.cursor() as cr:
                # every active scheduled action is due, as after an install
                cr.execute(
                    "UPDATE ir_cron SET nextcall = (now() at time zone 'UTC') "
                    "- interval '1 minute' WHERE active RETURNING now() at time zone 'UTC'"
                )
                started = cr.fetchone()[0]
            ran = self._serve_until_ran(connection, crons, started)
        finally:
            connection.close()
        self.assertEqual(
            ran, len(crons), f"the scheduled actions did not all run, see {SERVER_LOG}"
        )
        errors = [line for line in SERVER_LOG.read_text().splitlines() if " ERROR " in line]
        self.assertFalse(errors, "\n".join(errors[:20]))

    def _serve_until_ran(self, connection, crons, started):
        """Serve with two cron workers until the watched actions ran once."""
        SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
        SERVER_LOG.unlink(missing_ok=True)
        server = LiveServer(
            self.env.cr.dbname,
            workers=2,
            lifetime=WAIT_SECONDS + 120,
            logfile=SERVER_LOG,
            cron_workers=2,
        )
        ran = 0
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                with connection.cursor() as cr:
                    cr.execute(
                        "SELECT count(*) FROM ir_cron WHERE id IN %s AND lastcall >= %s",
                        (crons, started),
                    )
                    ran = cr.fetchone()[0]
                if ran == len(crons):
                    # let the other workers' actions finish what they started
                    time.sleep(5)
                    break
                time.sleep(2)
        finally:
            server.stop()
        return ran
