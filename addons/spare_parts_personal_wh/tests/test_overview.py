# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-31: the administrator's Overview in Standard and Advanced mode: one card
per kind of document waiting for him, counted as he would find them; and the
same cards in a real browser (static/tests/tours/spare_parts_overview_tours.js)."""

from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.spare_parts_base.tests.overview_common import OverviewMixin

from .common import PersonalWarehouseCommon

BASE, WH = "spare_parts_base.overview_card_", "spare_parts_personal_wh.overview_card_"

# {card: (count, late)} of the documents made by ``_make_waiting_documents``.
# The tour checks the same numbers on screen.
EXPECTED = {
    f"{BASE}catalogue_requests": (1, 0),
    f"{WH}requests_to_approve": (2, 1),
    f"{WH}requests_to_ship": (1, 0),
    f"{WH}returns_to_receive": (1, 0),
    f"{WH}transfers_to_accept": (1, 0),
    f"{WH}warranty_approvals": (1, 0),
    f"{WH}cores_to_return": (1, 0),
    f"{WH}inventory_warnings": (1, 0),
    f"{WH}negative_stock": (1, 0),
    f"{BASE}work_orders_parts_planned": (1, 0),
}


class OverviewDocumentsCommon(OverviewMixin, PersonalWarehouseCommon):
    """Advanced mode, transfers between engineers on, and one or two
    documents waiting on each card (``EXPECTED``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()
        cls.company.write(
            {"spare_parts_personal_transfer": True, "spare_parts_coordinator_id": cls.admin.id}
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Filtra BV"})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.part_plain, cls.van_1, 5)
        # A van below its minimum, and a van gone negative.
        cls.env["spare.parts.warning.rule"].create(
            {"location_id": cls.van_1.id, "product_id": cls.part_serial.id, "min_qty": 2}
        )
        Quant._update_available_quantity(cls.part_plain, cls.van_2, -1)

    def _make_waiting_documents(self):
        eng, admin = self.engineer, self.admin
        yesterday = fields.Date.context_today(self.env.user) - timedelta(days=1)
        # Requests: 2 submitted (1 needed yesterday), 1 approved not shipped, 1 draft.
        late = self._request([(self.part_plain, 1, None)], date_needed=yesterday)
        on_time = self._request([(self.part_plain, 1, None)], engineer=self.engineer_2)
        approved = self._request([(self.part_plain, 2, None)])
        self._request([(self.part_plain, 1, None)])
        (late | approved).action_submit()
        on_time.with_user(self.engineer_2).action_submit()
        approved.with_user(admin).action_approve()
        # Returns: 1 sent (unused parts); 1 defective with a warranty core, received.
        Return = self.env["spare.parts.return"].with_user(eng)
        sent, defective = Return.create(
            [
                {"engineer_id": eng.id, "line_ids": [Command.create(self._line(1))]},
                {
                    "engineer_id": eng.id,
                    "return_type": "defective",
                    "line_ids": [
                        Command.create(
                            self._line(1, is_warranty_core=True, core_vendor_id=self.vendor.id)
                        )
                    ],
                },
            ]
        )
        (sent | defective).action_send()
        defective.with_user(admin).action_receive()
        # An engineer transfer waiting for its receiver.
        transfer = (
            self.env["spare.parts.transfer"]
            .with_user(eng)
            .create(
                {
                    "engineer_id": eng.id,
                    "receiver_id": self.engineer_2.id,
                    "line_ids": [Command.create(self._line(1))],
                }
            )
        )
        transfer.action_send()
        # A warranty replacement to approve, planned on the engineer's work order.
        self._add_line(self.ticket, self.part_plain, is_warranty_replacement=True)
        # A part missing from the catalogue.
        catalogue = (
            self.env["spare.parts.catalogue.request"]
            .with_user(eng)
            .create({"name": "Door seal", "reason": "Torn"})
        )
        catalogue.action_submit()
        return {"late": late, "on_time": on_time, "approved": approved, "return": sent}

    def _line(self, qty, **vals):
        return {"product_id": self.part_plain.id, "quantity": qty, **vals}


class TestSpareParts31OverviewStandard(OverviewDocumentsCommon):
    def test_SP_31_overview_counts_equal_the_database(self):
        """As the administrator every card counts what waits, as the database
        (searched with the cards' plain domains) says."""
        documents = self._make_waiting_documents()
        self.assertEqual(self._counts(self.admin), EXPECTED)
        self.assertCountsAreTheDatabase(self.admin)
        Request = self.env["spare.parts.request"].with_user(self.admin)
        self.assertEqual(Request.search_count([("state", "=", "submitted")]), 2)
        card = self._card(f"{WH}requests_to_ship", self.admin)
        self.assertOpens(card.action_open(), documents["approved"], "Requests to Ship")
        card = self._card(f"{WH}requests_to_approve", self.admin)
        self.assertOpens(
            card.action_open(), documents["late"] | documents["on_time"], "Requests to Approve"
        )
        self.assertOpens(card.action_open_late(), documents["late"], "Requests to Approve: Late")
        # Shipping empties the card.
        documents["approved"].with_user(self.admin).action_ship()
        self.assertEqual(self._card(f"{WH}requests_to_ship", self.admin).count, 0)

    def test_SP_31_overview_engineer_counts_only_his_own(self):
        self._make_waiting_documents()
        counts = self._counts(self.engineer)
        self.assertEqual(counts[f"{WH}requests_to_approve"], (1, 1))
        self.assertEqual(counts[f"{WH}returns_to_receive"], (1, 0))
        self.assertEqual(counts[f"{WH}negative_stock"], (0, 0))
        self.assertCountsAreTheDatabase(self.engineer)
        self.assertEqual(self._counts(self.engineer_2)[f"{WH}requests_to_approve"], (1, 0))

    def test_SP_31_overview_follows_the_mode(self):
        """Standard mode has no shipping from a warehouse; transfers need their setting."""
        self.company.write(
            {"spare_parts_warehouse_tracking": False, "spare_parts_personal_transfer": False}
        )
        counts = self._counts(self.admin)
        self.assertNotIn(f"{WH}requests_to_ship", counts)
        self.assertNotIn(f"{WH}transfers_to_accept", counts)
        self.assertIn(f"{WH}requests_to_approve", counts)


@tagged("post_install", "-at_install")
class TestSpareParts31OverviewTour(OverviewDocumentsCommon, HttpCase):
    browser_size = "1440x900"

    def test_SP_31_overview_tour_counts_and_lists(self):
        """The administrator opens the app and lands on the Overview; each
        count button (and Late) opens a list of exactly that many documents."""
        self._make_waiting_documents()
        self.assertEqual(self._counts(self.admin), EXPECTED)
        self.start_tour(
            "/odoo/spare-parts-requests", "spare_parts_overview_landing", login="sp_admin"
        )
        self.start_tour(
            "/odoo/spare-parts-overview", "spare_parts_overview_cards", login="sp_admin"
        )
        # Looking changes nothing.
        self.env.invalidate_all()
        self.assertEqual(self._counts(self.admin), EXPECTED)
