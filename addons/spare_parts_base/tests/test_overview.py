# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import SparePartsCommon
from .overview_common import OverviewMixin


class TestSpareParts31Overview(OverviewMixin, SparePartsCommon):
    """SP-31: the spare parts administrator's Overview (what waits for him)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_coordinator_id = cls.admin
        yesterday = fields.Datetime.now() - timedelta(days=1)
        # Work orders: two with a planned part (one of them planned yesterday,
        # so late), one whose part is consumed, one closed.
        cls.ticket.spare_parts_planned_date = yesterday
        cls._add_line(cls.ticket, cls.part_plain)
        cls.ticket_planned = cls._new_ticket(cls.engineer_2)
        cls._add_line(cls.ticket_planned, cls.part_plain)
        cls.ticket_consumed = cls._new_ticket(cls.engineer)
        cls._add_line(cls.ticket_consumed, cls.part_plain, state="consumed")
        cls.ticket_closed = cls._new_ticket(cls.engineer)
        cls.ticket_closed.stage_id = cls.stage_done
        cls._add_line(cls.ticket_closed, cls.part_plain)

    def _catalogue_requests(self, engineer, count, submit=True):
        Request = self.env["spare.parts.catalogue.request"].with_user(engineer)
        requests = Request.create(
            [{"name": f"Door seal {i}", "reason": "Torn"} for i in range(count)]
        )
        if submit:
            requests.action_submit()
        return requests

    def test_SP_31_overview_counts_equal_the_database(self):
        """As the administrator: 3 catalogue requests to answer (a draft one is
        not counted), 2 open work orders with planned parts, 1 of them late."""
        self._catalogue_requests(self.engineer, 2)
        self._catalogue_requests(self.engineer_2, 1)
        self._catalogue_requests(self.engineer, 1, submit=False)
        counts = self._counts(self.admin)
        self.assertEqual(counts["spare_parts_base.overview_card_catalogue_requests"], (3, 0))
        self.assertEqual(counts["spare_parts_base.overview_card_work_orders_parts_planned"], (2, 1))
        self.assertCountsAreTheDatabase(self.admin)

    def test_SP_31_overview_engineer_counts_only_his_own(self):
        """Counts run as the user: an engineer's cards count his own documents."""
        self._catalogue_requests(self.engineer, 2)
        self._catalogue_requests(self.engineer_2, 1)
        counts = self._counts(self.engineer)
        self.assertEqual(counts["spare_parts_base.overview_card_catalogue_requests"], (2, 0))
        self.assertEqual(counts["spare_parts_base.overview_card_work_orders_parts_planned"], (1, 1))
        self.assertCountsAreTheDatabase(self.engineer)
        # Nobody without a spare parts role reads the cards.
        with self.assertRaises(AccessError):
            self._cards(self.plain_user)

    def test_SP_31_overview_buttons_open_what_they_count(self):
        requests = self._catalogue_requests(self.engineer, 2)
        self._catalogue_requests(self.engineer, 1, submit=False)
        card = self._card("spare_parts_base.overview_card_catalogue_requests", self.admin)
        self.assertOpens(card.action_open(), requests, "Catalogue Requests")
        card = self._card("spare_parts_base.overview_card_work_orders_parts_planned", self.admin)
        action = card.action_open()
        self.assertOpens(action, self.ticket | self.ticket_planned, card.name)
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertOpens(card.action_open_late(), self.ticket, f"{card.name}: Late")
        catalogue = self._card("spare_parts_base.overview_card_catalogue_requests", self.admin)
        with self.assertRaisesRegex(Exception, "has no late documents"):
            catalogue.action_open_late()

    def test_SP_31_overview_week_graph_counts_per_day(self):
        self._catalogue_requests(self.engineer, 3)
        card = self._card("spare_parts_base.overview_card_catalogue_requests", self.admin)
        (graph,) = json.loads(card.week_graph)
        values = graph["values"]
        self.assertEqual(len(values), 7)
        self.assertEqual([v["value"] for v in values], [0, 0, 0, 0, 0, 0, 3])
        self.assertEqual(values[-1]["label"], "Today")
        self.assertFalse(graph["is_sample_data"])

    def test_SP_31_overview_query_count_does_not_grow_with_documents(self):
        """Reading the Overview costs the same for 1 and for 20 documents."""

        def queries_to_read_overview():
            cards = self._cards(self.admin)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            cards.invalidate_recordset()
            cards.read(["count", "late_count", "week_graph"])
            return self.env.cr.sql_log_count - before

        self._catalogue_requests(self.engineer, 1)
        queries_to_read_overview()  # warm the caches (rules, translations)
        with_one = queries_to_read_overview()
        self._catalogue_requests(self.engineer, 19)
        for _i in range(19):
            self._add_line(self._new_ticket(self.engineer), self.part_plain)
        with_twenty = queries_to_read_overview()
        self.assertEqual(with_one, with_twenty)
        self.assertLessEqual(with_twenty, 5 * len(self._cards(self.admin)))

    def test_SP_31_overview_is_the_landing_screen_of_administrators(self):
        """Opening the app: the first menu with an action of the app is the
        Overview for administrators and My Day for engineers."""
        root = self.env.ref("spare_parts_base.menu_spare_parts_root")
        overview = self.env.ref("spare_parts_base.spare_parts_overview_card_action")
        my_day = self.env.ref("spare_parts_base.helpdesk_ticket_action_my_day")
        self.assertEqual(overview.path, "spare-parts-overview")
        Menu = self.env["ir.ui.menu"]
        admin_app = Menu.with_user(self.admin).load_web_menus(False)[root.id]
        engineer_app = Menu.with_user(self.engineer).load_web_menus(False)[root.id]
        self.assertEqual(admin_app["actionID"], overview.id)
        self.assertEqual(engineer_app["actionID"], my_day.id)
        overview_menu = self.env.ref("spare_parts_base.menu_spare_parts_overview").id
        self.assertIn(overview_menu, Menu.with_user(self.admin)._visible_menu_ids())
        self.assertNotIn(overview_menu, Menu.with_user(self.engineer)._visible_menu_ids())
        my_day_menu = self.env.ref("spare_parts_base.menu_spare_parts_my_day").id
        self.assertIn(my_day_menu, Menu.with_user(self.admin)._visible_menu_ids())

    def test_SP_31_overview_shows_only_cards_of_the_company_mode(self):
        """A card of a higher mode, or behind a company setting that is off,
        is not shown; a card of another company neither."""
        Card = self.env["spare.parts.overview.card"]
        action = self.env.ref("spare_parts_base.spare_parts_catalogue_request_action")
        other_company = self.env["res.company"].create({"name": "Other Co"})
        standard, setting, other = Card.create(
            [
                {"name": "Standard", "action_id": action.id, "required_mode": "standard"},
                {
                    "name": "Setting",
                    "action_id": action.id,
                    "company_setting": "spare_parts_service_bom",
                },
                {"name": "Other", "action_id": action.id, "company_id": other_company.id},
            ]
        )
        self.assertNotIn(standard, self._cards(self.admin))
        self.assertNotIn(setting, self._cards(self.admin))
        self.company.spare_parts_service_bom = True
        self.assertIn(setting, self._cards(self.admin))
        self.assertFalse(Card.with_user(self.admin).search([("id", "=", other.id)]))

    def test_SP_31_overview_card_refuses_a_broken_definition(self):
        Card = self.env["spare.parts.overview.card"]
        action = self.env.ref("spare_parts_base.spare_parts_catalogue_request_action")
        with self.assertRaisesRegex(ValidationError, "does not apply"):
            Card.create({"name": "Bad", "action_id": action.id, "domain": "[('nope', '=', 1)]"})
        with self.assertRaisesRegex(ValidationError, "not a date field"):
            Card.create({"name": "Bad", "action_id": action.id, "date_field": "name"})
        with self.assertRaisesRegex(ValidationError, "not a setting"):
            Card.create({"name": "Bad", "action_id": action.id, "company_setting": "name"})
        with self.assertRaises(AccessError):
            Card.with_user(self.admin).create({"name": "Mine", "action_id": action.id})
