# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts16Returns(PersonalWarehouseCommon):
    """SP-16 returns and reminders, SP-23 warranty cores."""

    def _return(self, return_type, lines, engineer=None):
        engineer = engineer or self.engineer
        return (
            self.env["spare.parts.return"]
            .with_user(engineer)
            .create(
                {
                    "engineer_id": engineer.id,
                    "return_type": return_type,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": p.id,
                                "quantity": q,
                                "lot_ids": [(6, 0, lots.ids)] if lots else [],
                            },
                        )
                        for p, q, lots in lines
                    ],
                }
            )
        )

    def test_SP_16_unused_parts_back_to_supply_in_standard(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        document = self._return("unused", [(self.part_plain, 2, None)])
        document.action_send()
        self.assertEqual(document.state, "sent")
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 2})
        document.with_user(self.admin).action_receive()
        self.assertEqual(document.state, "done")
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0})
        self.assertEqual(
            document._get_pickings()
            .filtered(lambda p: p.spare_parts_leg == "inbound")
            .location_dest_id,
            self.supply,
        )

    def test_SP_16_unused_parts_back_to_warehouse_in_advanced(self):
        self._advanced()
        self._deliver_to_van([(self.part_plain, 3, None)])
        document = self._return("unused", [(self.part_plain, 3, None)])
        document.action_send()
        document.with_user(self.admin).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})

    def test_SP_16_defective_parts_to_defective_location(self):
        self._advanced()
        self._deliver_to_van([(self.part_serial, 1, self.serial_2)])
        document = self._return("defective", [(self.part_serial, 1, self.serial_2)])
        document.line_ids.write(
            {"is_warranty_core": True, "core_vendor_id": self.other_customer.id}
        )
        document.action_send()
        document.with_user(self.admin).action_receive()
        self.assertStock(self.part_serial, {self.van_1: 0, self.defective: 1}, lot=self.serial_2)
        core_activity = document.activity_ids
        self.assertEqual(len(core_activity), 1)
        self.assertIn("Return core", core_activity.summary)

    def test_SP_16_cannot_return_what_is_not_held(self):
        document = self._return("unused", [(self.part_plain, 1, None)])
        with self.assertRefused(UserError, "holds 0 Units of"):
            document.action_send()
        self.assertEqual(document.state, "draft")

    def test_SP_16_serials_required(self):
        self._deliver_to_van([(self.part_serial, 1, self.serial_1)])
        document = self._return("defective", [(self.part_serial, 1, None)])
        with self.assertRefused(UserError, "enter the serial numbers of"):
            document.action_send()

    def test_SP_16_reminder_for_parts_held_too_long(self):
        self._deliver_to_van([(self.part_plain, 2, None)])
        Quant = self.env["stock.quant"]
        later = fields.Datetime.now() + timedelta(days=31)
        reminded = Quant._spare_parts_remind_unused_parts(now=later)
        self.assertEqual(reminded, self.engineer)
        activity = self.engineer.partner_id.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.engineer)
        self.assertIn("Air Filter", activity.note)
        # Safe to run twice: no second activity while the first is open.
        self.assertFalse(Quant._spare_parts_remind_unused_parts(now=later))
        self.assertFalse(
            Quant._spare_parts_remind_unused_parts(now=fields.Datetime.now() + timedelta(days=5))
        )
