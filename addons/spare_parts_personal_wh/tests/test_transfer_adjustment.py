# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts11TransferAndAdjustment(PersonalWarehouseCommon):
    """SP-11 transfers between engineers and SP-12 adjustments."""

    def _transfer(self, qty=2):
        return (
            self.env["spare.parts.transfer"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "receiver_id": self.engineer_2.id,
                    "line_ids": [(0, 0, {"product_id": self.part_plain.id, "quantity": qty})],
                }
            )
        )

    def test_SP_11_transfer_off_by_default(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        transfer = self._transfer()
        with self.assertRefused(UserError, "Transfers between engineers are off"):
            transfer.action_send()
        self.assertStock(self.part_plain, {self.van_1: 3, self.van_2: 0})

    def test_SP_11_transfer_accepted_by_receiver(self):
        self.company.spare_parts_personal_transfer = True
        self._deliver_to_van([(self.part_plain, 3, None)])
        transfer = self._transfer()
        transfer.action_send()
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 2, self.van_2: 0})
        with self.assertRefused(UserError, "Only sp_engineer_2 can accept or reject"):
            transfer.with_user(self.engineer).action_accept()
        transfer.with_user(self.engineer_2).action_accept()
        self.assertEqual(transfer.state, "done")
        self.assertStock(self.part_plain, {self.van_1: 1, self.transit: 0, self.van_2: 2})

    def test_SP_11_rejected_transfer_goes_back(self):
        self.company.spare_parts_personal_transfer = True
        self._deliver_to_van([(self.part_plain, 3, None)])
        transfer = self._transfer()
        transfer.action_send()
        transfer.with_user(self.engineer_2).action_reject()
        self.assertEqual(transfer.state, "rejected")
        self.assertStock(self.part_plain, {self.van_1: 3, self.transit: 0, self.van_2: 0})

    def test_SP_12_adjustment_with_reason_and_audit_trail(self):
        self.company.spare_parts_personal_adjustment = True
        self._deliver_to_van([(self.part_plain, 3, None)])
        adjustment = (
            self.env["spare.parts.adjustment"]
            .with_user(self.admin)
            .create(
                {
                    "location_id": self.van_1.id,
                    "reason": "Found broken in van",
                    "line_ids": [(0, 0, {"product_id": self.part_plain.id, "counted_qty": 1})],
                }
            )
        )
        adjustment.action_apply()
        self.assertEqual(adjustment.state, "done")
        self.assertEqual(adjustment.line_ids.theoretical_qty, 3)
        self.assertStock(self.part_plain, {self.van_1: 1})
        move = self.env["stock.move"].search(
            [
                ("product_id", "=", self.part_plain.id),
                ("location_id", "=", self.van_1.id),
                ("is_inventory", "=", True),
            ]
        )
        self.assertEqual(move.product_uom_qty, 2)
        self.assertIn("Found broken in van", move.reference)
        self.assertIn("3 -&gt; 1", adjustment.message_ids[0].body)

    def test_SP_12_adjustment_refusals(self):
        adjustment = self.env["spare.parts.adjustment"].create(
            {
                "location_id": self.van_1.id,
                "reason": "count",
                "line_ids": [(0, 0, {"product_id": self.part_plain.id, "counted_qty": 1})],
            }
        )
        with self.assertRefused(UserError, "adjustments are off"):
            adjustment.with_user(self.admin).action_apply()
        self.company.spare_parts_personal_adjustment = True
        with self.assertRefused(UserError, "Only spare parts administrators apply"):
            adjustment.with_user(self.engineer).action_apply()
        self.assertStock(self.part_plain, {self.van_1: 0})


class TestSpareParts11TransferMenu(PersonalWarehouseCommon):
    def test_SP_11_transfer_menu_follows_the_setting(self):
        menu = self.env.ref("spare_parts_personal_wh.menu_spare_parts_transfers")
        self.company.spare_parts_personal_transfer = False
        self.assertNotIn(menu, self._visible_menus(self.engineer))
        self.company.spare_parts_personal_transfer = True
        self.assertIn(menu, self._visible_menus(self.engineer))
        self.company.spare_parts_personal_transfer = False
        self.assertNotIn(menu, self._visible_menus(self.engineer))

    def _visible_menus(self, user):
        self.env.registry.clear_cache()
        Menu = self.env["ir.ui.menu"].with_user(user)
        return Menu.browse(Menu._visible_menu_ids())

    def test_SP_11_new_transfer_form_opens_for_every_user(self):
        from odoo.tests import Form

        self.company.spare_parts_personal_transfer = True
        for user in (self.engineer, self.admin):
            with Form(self.env["spare.parts.transfer"].with_user(user)) as transfer:
                self.assertFalse(transfer.receiver_id)
                self.assertFalse(transfer.location_dest_id)
                transfer.receiver_id = self.engineer_2 if user == self.engineer else self.engineer
                with transfer.line_ids.new() as line:
                    line.product_id = self.part_plain
