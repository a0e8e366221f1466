# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Moving up a mode in Settings really installs the next addon (SP-01).

Module installation commits and reloads the registry, which a test transaction
cannot do, so this test works on a scratch database of its own: it copies the
plain Odoo template the test run prepared, installs spare_parts_base, then saves
the Spare Parts settings with Standard mode through ``odoo-bin shell``."""

import os
import subprocess
import uuid
from unittest import TestCase

SCRIPT = """
settings = env["res.config.settings"].create({"spare_parts_mode": "standard"})
settings.execute()
env.cr.commit()
print("MODULE", env["ir.module.module"].search([("name", "=", "spare_parts_personal_wh")]).state)
"""
CHECK = """
print("MODE", env.company.spare_parts_mode)
print("LOCATIONS", bool(env.company.spare_parts_personal_parent_id))
"""


class TestModeUpgrade(TestCase):
    def _odoo(self, *args, stdin=None):
        odoo_bin = os.path.join(os.environ["SPS_ODOO_SRC"], "odoo-bin")
        python = os.path.join(os.environ["SPS_VENV"], "bin", "python")
        result = subprocess.run(
            [
                python,
                odoo_bin,
                *args,
                "-c",
                os.environ["SPS_ODOO_CONF"],
                "--no-http",
                "--log-level=warn",
            ],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result.stdout

    def test_SP_01_moving_up_to_standard_installs_personal_warehouses(self):
        template = os.environ["SPS_TEMPLATE"]
        db = f"sps_scratch_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-T", template, db], check=True)
        try:
            self._odoo("-d", db, "-i", "spare_parts_base", "--stop-after-init")
            out = self._odoo("shell", "-d", db, stdin=SCRIPT)
            self.assertIn("MODULE installed", out)
            out = self._odoo("shell", "-d", db, stdin=CHECK)
            self.assertIn("MODE standard", out)
            self.assertIn("LOCATIONS True", out)
        finally:
            subprocess.run(["dropdb", "--if-exists", "--force", db], check=False)
