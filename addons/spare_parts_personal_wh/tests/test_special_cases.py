# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts23SpecialCases(PersonalWarehouseCommon):
    """SP-23: consignment stock and warranty replacements."""

    def test_SP_23_consignment_part_owned_by_vendor_until_consumed(self):
        vendor = self.other_customer
        self.env["stock.quant"]._update_available_quantity(
            self.part_plain, self.van_1, 2, owner_id=vendor
        )
        line = self._add_line(self.ticket, self.part_plain, 1)
        line.with_user(self.engineer).action_consume()
        self.assertTrue(line.is_consignment)
        self.assertEqual(line.consignment_owner_id, vendor)
        self.assertStock(self.part_plain, {self.van_1: 1})

    def test_SP_23_warranty_replacement_needs_approval_before_billing(self):
        self._deliver_to_van([(self.part_plain, 1, None)])
        line = self._add_line(self.ticket, self.part_plain, 1, is_warranty_replacement=True)
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.warranty_approval_state, "to_approve")
        self.assertFalse(line.billable)
        with self.assertRefused(UserError, "cannot be billed yet"):
            line._check_billable()
        with self.assertRefused(UserError, "Only spare parts administrators approve"):
            line.with_user(self.engineer).action_approve_warranty_replacement()
        line.with_user(self.admin).action_approve_warranty_replacement()
        self.assertTrue(line.billable)
        line._check_billable()
