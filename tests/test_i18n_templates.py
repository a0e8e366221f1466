# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The committed translation template of every addon is what Odoo exports now.

Runs in the 'full' profile, where all the addons are installed: each template
is exported in-process with Odoo's own exporter and compared with
addons/<name>/i18n/<name>.pot, header dates aside."""

import difflib
import io
import re
from pathlib import Path

from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "setup/export_pot"
DATE_RE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


def without_dates(text):
    return DATE_RE.sub(r'"\1: "', text)


class TestTranslationTemplates(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "suite"

    def suite_addons(self):
        names = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
        installed = self.env["ir.module.module"].search(
            [("name", "in", names), ("state", "=", "installed")]
        )
        self.assertEqual(
            sorted(installed.mapped("name")), names, "every addon must be installed to compare"
        )
        return names

    def export(self, name):
        buffer = io.BytesIO()
        self.assertTrue(trans_export(None, [name], buffer, "po", self.env), name)
        return buffer.getvalue().decode()

    def test_templates_are_up_to_date(self):
        stale = []
        for name in self.suite_addons():
            path = ROOT / "addons" / name / "i18n" / f"{name}.pot"
            exported = without_dates(self.export(name))
            committed = without_dates(path.read_text(encoding="utf-8")) if path.is_file() else ""
            if exported != committed:
                diff = difflib.unified_diff(
                    committed.splitlines(),
                    exported.splitlines(),
                    "committed",
                    "exported",
                    n=1,
                    lineterm="",
                )
                stale.append(f"{path.relative_to(ROOT)}:\n" + "\n".join(list(diff)[:40]))
        if stale:
            self.fail(
                "translation templates out of date, regenerate them with "
                f"`{REGENERATE}` and commit the result:\n\n" + "\n\n".join(stale)
            )

    def test_template_holds_the_addon_terms(self):
        """A real template: every addon has terms, each attributed to it."""
        text = self.export("spare_parts_base")
        self.assertIn('msgid "Spare Parts"', text)
        self.assertIn("#. module: spare_parts_base", text)
        self.assertNotIn("#. module: stock\n", text)
