# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The administrator's desk at 1440 x 900 (Advanced mode): approve, ship,
receive a return, plan the repair of what came back. Each task is a browser
tour leaving its screen in test-output/screens; the stock is checked here."""

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon


@tagged("post_install", "-at_install")
class TestSpareParts20AdminDesk(PersonalWarehouseCommon, HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()

    def test_SP_13_SP_20_admin_approves_ships_receives_and_plans_repair(self):
        request = self._request([(self.part_plain, 4, None)], ticket=self.ticket)
        request.action_submit()

        self.start_tour("/odoo/spare-parts-requests", "spare_parts_admin_approve", login="sp_admin")
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertStock(self.part_plain, {self.spw_stock: 10, self.transit: 0})

        self.start_tour(
            "/odoo/spare-parts-requests", "spare_parts_admin_ship_all", login="sp_admin"
        )
        self.env.invalidate_all()
        self.assertStock(self.part_plain, {self.spw_stock: 6, self.transit: 4, self.van_1: 0})
        self.assertFalse(request.can_ship)
        self.assertTrue(request.can_receive)
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.transit: 0, self.van_1: 4})

        # The engineer sends a defective control board back.
        self._deliver_to_van([(self.part_serial, 1, self.serial_3)])
        defective = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "return_type": "defective",
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.part_serial.id,
                                "quantity": 1,
                                "lot_ids": [Command.set(self.serial_3.ids)],
                            }
                        )
                    ],
                }
            )
        )
        defective.with_user(self.engineer).action_send()
        self.start_tour(
            "/odoo/spare-parts-returns", "spare_parts_admin_receive_return", login="sp_admin"
        )
        self.env.invalidate_all()
        self.assertEqual(defective.state, "done")
        self.assertStock(self.part_serial, {self.defective: 1, self.van_1: 0}, lot=self.serial_3)

        self.start_tour(
            "/odoo/spare-parts-defective-stock", "spare_parts_admin_repair_plan", login="sp_admin"
        )
        self.env.invalidate_all()
        plan = self.env["spare.parts.repair.plan"].search([])
        self.assertRecordValues(plan, [{"plan_type": "adhoc", "state": "in_progress"}])
        self.assertEqual(plan.repair_ids.lot_id, self.serial_3)

    def test_SP_05_work_order_parts_fit_the_desktop(self):
        self._add_line(self.ticket, self.part_plain, 2)
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        self.start_tour(
            f"/odoo/spare-parts-work-orders/{self.ticket.id}",
            "spare_parts_admin_work_order_parts",
            login="sp_admin",
        )
