# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import PersonalWarehouseCommon


class TestSpareParts10PersonalWarehouse(PersonalWarehouseCommon):
    """SP-01 (Standard/Advanced), SP-02, SP-03 and SP-10."""

    def test_SP_01_mode_follows_installed_addon_and_tracking(self):
        self.assertEqual(self.company.spare_parts_mode, "standard")
        self._advanced()
        self.assertEqual(self.company.spare_parts_mode, "advanced")
        settings = self.env["res.config.settings"].create({"spare_parts_mode": "simple"})
        with self.assertRefused(UserError, "cannot move down from Advanced to Simple mode"):
            settings.execute()
        self.assertEqual(self.company.spare_parts_mode, "advanced")

    def test_SP_01_moving_down_to_standard_keeps_history(self):
        self._advanced()
        self._deliver_to_van([(self.part_plain, 2, None)])
        moves = self.env["stock.move"].search_count([("product_id", "=", self.part_plain.id)])
        settings = self.env["res.config.settings"].create({"spare_parts_mode": "standard"})
        settings.execute()
        self.assertEqual(self.company.spare_parts_mode, "standard")
        self.assertEqual(
            self.env["stock.move"].search_count([("product_id", "=", self.part_plain.id)]), moves
        )
        self.assertStock(self.part_plain, {self.van_1: 2, self.spw_stock: 8})

    def test_SP_10_one_personal_warehouse_per_engineer(self):
        self.assertEqual(self.van_1.spare_parts_owner_id, self.engineer)
        self.assertTrue(self.van_1.spare_parts_default)
        self.assertEqual(self.van_1.location_id, self.company.spare_parts_personal_parent_id)
        self.assertEqual(self.engineer.spare_parts_location_id, self.van_1)
        with self.assertRefused(ValidationError, "already has a personal warehouse"):
            self.engineer.with_user(self.admin).action_create_personal_warehouse()
        self.company.spare_parts_multi_personal_warehouse = True
        second = self.engineer.with_user(self.admin).action_create_personal_warehouse()
        self.assertFalse(second.spare_parts_default)
        self.assertEqual(self.engineer.spare_parts_location_id, self.van_1)

    def test_SP_10_bulk_creation_from_settings(self):
        engineer_3 = self._new_user("sp_engineer_3", "spare_parts_base.group_spare_parts_engineer")
        created = self.env["res.users"]._create_missing_personal_warehouses(self.company)
        self.assertIn(engineer_3, created.spare_parts_owner_id)
        self.assertNotIn(self.engineer, created.spare_parts_owner_id)
        self.assertFalse(self.env["res.users"]._create_missing_personal_warehouses(self.company))

    def test_SP_10_only_engineers_get_one(self):
        with self.assertRefused(UserError, "Personal warehouses are for service engineers"):
            self.plain_user.with_user(self.admin).action_create_personal_warehouse()

    def test_SP_10_holdings_real_time_one_grouped_query(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        self._deliver_to_van([(self.part_plain, 1, None)], engineer=self.engineer_2)
        Quant = self.env["stock.quant"]
        Quant.flush_model()
        with self.assertQueryCount(1):
            holdings = Quant._read_group(
                [("spare_parts_owner_id", "!=", False)],
                ["spare_parts_owner_id", "product_id"],
                ["quantity:sum"],
            )
        self.assertEqual(
            {(e, p): q for e, p, q in holdings},
            {(self.engineer, self.part_plain): 3.0, (self.engineer_2, self.part_plain): 1.0},
        )

    def test_SP_02_engineer_sees_only_his_holdings(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        self._deliver_to_van([(self.part_plain, 1, None)], engineer=self.engineer_2)
        Quant = self.env["stock.quant"]
        own = Quant.with_user(self.engineer).search([("spare_parts_owner_id", "!=", False)])
        self.assertEqual(own.location_id, self.van_1)
        self.assertEqual(
            Quant.with_user(self.admin).search([("spare_parts_owner_id", "!=", False)]).location_id,
            self.van_1 | self.van_2,
        )
        self.assertFalse(
            self.env["stock.location"].with_user(self.engineer).search([("id", "=", self.van_2.id)])
        )
        with self.assertRaises(AccessError):
            self.van_2.with_user(self.engineer).read(["name"])

    def test_SP_02_engineer_cannot_consume_from_anothers_van(self):
        self._deliver_to_van([(self.part_plain, 2, None)], engineer=self.engineer_2)
        line = self._add_line(self.ticket, self.part_plain, 1, location_id=self.van_2.id)
        with self.assertRefused(AccessError, "may consume only from his own personal warehouse"):
            line.with_user(self.engineer).action_consume()
        # Even an administrator takes the engineer's parts only from his own van.
        with self.assertRefused(UserError, "is not sp_engineer's personal warehouse"):
            line.with_user(self.admin).action_consume()
        self.assertStock(self.part_plain, {self.van_2: 2})

    def test_SP_03_spare_parts_warehouse_flag(self):
        self.assertTrue(self.spw.is_spare_parts_warehouse)
        self._advanced()
        self.assertEqual(self.company._get_spare_parts_request_source(), self.spw_stock)
        self.company.spare_parts_warehouse_tracking = False
        self.assertEqual(self.company._get_spare_parts_request_source(), self.supply)
        action = self.env.ref("spare_parts_personal_wh.stock_picking_action_spare_parts_warehouses")
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.spw.in_type_id.id,
                "location_id": self.supply.id,
                "location_dest_id": self.spw_stock.id,
            }
        )
        self.assertIn(receipt, self.env["stock.picking"].search(safe_eval(action.domain)))
