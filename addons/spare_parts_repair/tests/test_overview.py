# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields

from odoo.addons.spare_parts_base.tests.overview_common import OverviewMixin
from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon

CARD = "spare_parts_repair.overview_card_repair_plans_due"


class TestSpareParts31OverviewRepair(OverviewMixin, PersonalWarehouseCommon):
    """SP-31: repair plans due wait on the administrator's Overview (Advanced mode)."""

    def test_SP_31_overview_counts_repair_plans_due(self):
        self._advanced()
        today = fields.Date.context_today(self.env.user)
        Plan = self.env["spare.parts.repair.plan"].with_user(self.admin)
        due_today, overdue, _later = Plan.create(
            [
                {"warehouse_id": self.spw.id, "next_date": today},
                {"warehouse_id": self.spw.id, "next_date": today - timedelta(days=3)},
                {"warehouse_id": self.spw.id, "next_date": today + timedelta(days=3)},
            ]
        )
        card = self._card(CARD, self.admin)
        self.assertEqual((card.count, card.late_count), (2, 1))
        self.assertEqual(
            card.count,
            Plan.search_count([("state", "!=", "done"), ("next_date", "<=", today)]),
        )
        self.assertCountsAreTheDatabase(self.admin)
        self.assertOpens(card.action_open(), due_today | overdue, "Repair Plans Due")
        self.assertOpens(card.action_open_late(), overdue, "Repair Plans Due: Late")

    def test_SP_31_overview_hides_repair_below_advanced_mode(self):
        self._advanced()
        self.assertIn(self.env.ref(CARD), self._cards(self.admin))
        self.company.spare_parts_warehouse_tracking = False  # Standard mode
        self.assertNotIn(self.env.ref(CARD), self._cards(self.admin))
