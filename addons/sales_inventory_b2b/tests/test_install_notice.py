# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase

from ..hooks import NOTICE_PARAM, _post_install_notice

SUBJECT = "Order confirmation is now checked against stock"


class TestInstallNotice(TransactionCase):
    """SI-03: installing the addon on a database that already sells tells
    its administrators once that confirmation is checked against stock, and
    how to change it; the settings say it too."""

    def _notices(self):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.env.ref("base.main_company").partner_id.id),
                ("subject", "=", SUBJECT),
            ]
        )

    def test_SI_03_install_notice_posted_once_to_the_admins(self):
        notice = self._notices()
        self.assertEqual(len(notice), 1)
        self.assertIn(self.env.ref("base.user_admin").partner_id, notice.partner_ids)
        self.assertEqual(notice.author_id, self.env.ref("base.partner_root"))
        self.assertIn("confirming a quotation is now checked against the available", notice.body)
        self.assertIn("Allow submission", notice.body)
        self.assertIn("Sales &gt; Configuration &gt; Settings", notice.body)
        self.assertEqual(self.env["ir.config_parameter"].get_param(NOTICE_PARAM), str(notice.id))
        # running the hook again posts nothing more
        self.assertEqual(_post_install_notice(self.env), notice)
        self.assertEqual(len(self._notices()), 1)

    def test_SI_03_settings_explain_the_check_and_how_to_change_it(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        self.assertIn(
            "Since this module is installed, confirming a quotation is checked "
            "against the available inventory",
            arch,
        )
        self.assertIn("choose Allow submission", arch)
        self.assertIn("Warehouse Assignment Rules", arch)
