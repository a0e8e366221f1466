# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The distributor's clerk in a real browser, on a phone (390 px) and on a
desktop (1440 px): he confirms the receipt of his shipment with a
discrepancy note and requests the return of one switch from it
(static/tests/tours/sales_inventory_b2b_portal_tours.js)."""

from odoo.tests import HttpCase, tagged

from .portal_common import B2bPortalCommon


class PortalTourSteps:
    """The test both screen sizes run (a mixin: not collected on its own)."""

    tour = None

    def test_SI_11_portal_receipt_and_return(self):
        self.start_tour("/my", self.tour, login="portal_one")
        self.env.invalidate_all()
        self.assertRecordValues(
            self.shipment,
            [
                {
                    "receipt_state": "confirmed",
                    "receipt_method": "customer",
                    "receipt_note": "One switch arrived with a cracked housing",
                }
            ],
        )
        self.assertEqual(self.shipment.activity_ids.user_id, self.salesperson)
        ret = self.env["sale.b2b.return"].search([("partner_id", "=", self.partner.id)])
        self.assertRecordValues(
            ret,
            [
                {
                    "kind": "shipment",
                    "shipment_id": self.shipment.id,
                    "state": "draft",
                    "reason": "Cracked housing",
                }
            ],
        )
        self.assertRecordValues(ret.line_ids, [{"product_id": self.product.id, "quantity": 1.0}])
        self.assertEqual(ret.activity_ids.user_id, self.salesperson)
        # nothing moved yet: the sales person confirms the request
        self.assertFalse(ret.picking_ids)


@tagged("post_install", "-at_install")
class TestB2bPortalTourPhone(PortalTourSteps, B2bPortalCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True
    tour = "sales_b2b_portal_phone"


@tagged("post_install", "-at_install")
class TestB2bPortalTourDesktop(PortalTourSteps, B2bPortalCommon, HttpCase):
    browser_size = "1440x900"
    tour = "sales_b2b_portal_desktop"
