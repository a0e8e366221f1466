# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.spare_parts_base.tests.overview_common import OverviewMixin

from .common import SparePartsPurchaseCommon

CARD = "spare_parts_purchase.overview_card_receipt_discrepancies"


class TestSpareParts31OverviewPurchase(OverviewMixin, SparePartsPurchaseCommon):
    """SP-31: open receipt discrepancies wait on the administrator's Overview."""

    def test_SP_31_overview_counts_open_discrepancies(self):
        receipt = self._purchase([(self.part_plain, 5, 11.0)]).picking_ids
        Discrepancy = self.env["spare.parts.receipt.discrepancy"].with_user(self.admin)
        found = Discrepancy.create(
            [
                {"picking_id": receipt.id, "product_id": self.part_plain.id, "quantity": 1}
                for _i in range(3)
            ]
        )
        found[2].action_close()
        card = self._card(CARD, self.admin)
        self.assertIn(card, self._cards(self.admin))
        self.assertEqual((card.count, card.late_count), (2, 0))
        self.assertEqual(card.count, Discrepancy.search_count([("state", "=", "open")]))
        self.assertCountsAreTheDatabase(self.admin)
        self.assertOpens(card.action_open(), found[:2], "Receipt Discrepancies")
