# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import PersonalWarehouseCommon


class TestSpareParts29Replenishment(PersonalWarehouseCommon):
    """SP-29: warning rules refill vans with draft parts requests (one per
    engineer) and spare parts warehouses through Odoo reordering rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_coordinator_id = cls.admin
        Rule = cls.env["spare.parts.warning.rule"]
        cls.rule_van_1, cls.rule_van_2_plain, cls.rule_van_2_serial, cls.rule_ok = Rule.create(
            [
                {"location_id": cls.van_1.id, "product_id": cls.part_plain.id}
                | {"min_qty": 4, "max_qty": 10},
                {"location_id": cls.van_2.id, "product_id": cls.part_plain.id}
                | {"min_qty": 2, "max_qty": 5},
                {"location_id": cls.van_2.id, "product_id": cls.part_serial.id}
                | {"min_qty": 1, "max_qty": 2},
                {"location_id": cls.van_1.id, "product_id": cls.part_serial.id}
                | {"min_qty": 0, "max_qty": 3},
            ]
        )
        cls.env["stock.quant"]._update_available_quantity(cls.part_plain, cls.van_1, 1)

    def _requests(self):
        return self.env["spare.parts.request"].search(
            [("engineer_id", "in", (self.engineer | self.engineer_2).ids)], order="id"
        )

    def test_SP_29_vans_below_minimum_get_one_draft_request_per_engineer(self):
        self.env["spare.parts.warning.rule"]._cron_replenish()
        requests = self._requests()
        self.assertRecordValues(
            requests,
            [
                {"engineer_id": self.engineer.id, "location_dest_id": self.van_1.id},
                {"engineer_id": self.engineer_2.id, "location_dest_id": self.van_2.id},
            ],
        )
        self.assertEqual(requests.mapped("state"), ["draft", "draft"])
        self.assertEqual(
            [(line.product_id, line.quantity) for line in requests[0].line_ids],
            [(self.part_plain, 9.0)],
        )
        self.assertEqual(
            [(line.product_id, line.quantity) for line in requests[1].line_ids],
            [(self.part_plain, 5.0), (self.part_serial, 2.0)],
        )
        self.assertEqual(
            sorted(
                (activity.user_id.login, activity.summary) for activity in requests[0].activity_ids
            ),
            [
                ("sp_admin", f"Replenishment request {requests[0].name} of sp_engineer to approve"),
                ("sp_engineer", f"Review and submit replenishment request {requests[0].name}"),
            ],
        )
        # Run again: what is requested is on its way, nothing is asked twice.
        self.env["spare.parts.warning.rule"]._cron_replenish()
        self.assertEqual(self._requests(), requests)

        # The engineer submits, the parts arrive: the van is at its maximum.
        self.env.invalidate_all()
        requests[0].with_user(self.engineer).action_submit()
        requests[0].with_user(self.admin).action_approve()
        requests[0].with_user(self.engineer).action_receive()
        self.assertStock(self.part_plain, {self.van_1: 10.0})
        self.assertEqual(self.rule_van_1.status, "ok")
        self.env["spare.parts.warning.rule"]._cron_replenish()
        self.assertEqual(self._requests(), requests)

    def test_SP_29_replenish_button_is_for_administrators(self):
        Rule = self.env["spare.parts.warning.rule"]
        self.env.invalidate_all()
        with self.assertRefused(
            AccessError, "Replenishing vans and warehouses is for spare parts administrators."
        ):
            Rule.with_user(self.engineer).action_replenish()
        self.assertFalse(self._requests())
        self.rule_van_1.with_user(self.admin).action_replenish()
        self.assertEqual(self._requests().engineer_id, self.engineer)

    def test_SP_29_spare_parts_warehouse_below_minimum_reorders_the_odoo_way(self):
        main = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id), ("id", "!=", self.spw.id)], order="id", limit=1
        )
        self.env["stock.quant"]._update_available_quantity(self.part_plain, main.lot_stock_id, 50)
        self.spw.resupply_wh_ids = main
        self.part_plain.route_ids = self.spw.resupply_route_ids
        rule = self.env["spare.parts.warning.rule"].create(
            {"location_id": self.spw_stock.id, "product_id": self.part_plain.id}
            | {"min_qty": 15, "max_qty": 30}
        )
        rule.with_user(self.admin).action_replenish()
        orderpoint = rule.orderpoint_id
        self.assertRecordValues(
            orderpoint,
            [
                {
                    "product_id": self.part_plain.id,
                    "location_id": self.spw_stock.id,
                    "warehouse_id": self.spw.id,
                    "product_min_qty": 15.0,
                    "product_max_qty": 30.0,
                    "trigger": "auto",
                }
            ],
        )
        # 10 on hand, 20 on their way from the main warehouse: up to 30.
        self.assertEqual(orderpoint.qty_forecast, 30.0)
        moves = self.env["stock.move"].search(
            [("product_id", "=", self.part_plain.id), ("location_id", "=", main.lot_stock_id.id)]
        )
        self.assertEqual(sum(moves.mapped("product_uom_qty")), 20.0)
        # No van request for a warehouse rule; running again orders nothing more.
        rule.with_user(self.admin).action_replenish()
        self.assertEqual(orderpoint.qty_forecast, 30.0)
        self.assertEqual(rule.orderpoint_id, orderpoint)
