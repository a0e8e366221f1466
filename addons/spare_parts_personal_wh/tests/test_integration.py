# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import PersonalWarehouseCommon


class TestSpareParts25Integration(PersonalWarehouseCommon):
    """SP-25: upserts from an external ERP/WMS, idempotent, all or nothing."""

    def setUp(self):
        super().setUp()
        self._advanced()
        self.api = self.env["spare.parts.integration"]

    def test_SP_25_upsert_products_idempotent(self):
        rows = [
            {
                "default_code": "EXT-1",
                "name": "Pump Seal",
                "tracking": "none",
                "standard_price": 4.5,
            },
            {"default_code": "EXT-2", "name": "Motor", "tracking": "serial"},
        ]
        self.assertEqual(
            self.api.upsert_products(rows), {"ok": True, "errors": [], "created": 2, "updated": 0}
        )
        self.assertEqual(
            self.api.upsert_products(rows), {"ok": True, "errors": [], "created": 0, "updated": 2}
        )
        seal = self.env["product.product"].search([("default_code", "=", "EXT-1")])
        self.assertEqual(
            (seal.name, seal.standard_price, seal.is_storable), ("Pump Seal", 4.5, True)
        )

    def test_SP_25_bad_row_applies_nothing(self):
        rows = [
            {"default_code": "EXT-3", "name": "Valve"},
            {"default_code": "EXT-4", "name": "Hose", "tracking": "batch"},
        ]
        result = self.api.upsert_products(rows)
        self.assertFalse(result["ok"])
        self.assertEqual(
            result["errors"],
            [{"row": 1, "error": "tracking of EXT-4 must be none, lot or serial, not batch."}],
        )
        self.assertFalse(self.env["product.product"].search([("default_code", "=", "EXT-3")]))

    def test_SP_25_warehouses_and_stock_levels(self):
        result = self.api.upsert_warehouses([{"code": "EXT", "name": "External DC"}])
        self.assertEqual(result["created"], 1)
        warehouse = self.env["stock.warehouse"].search([("code", "=", "EXT")])
        self.assertTrue(warehouse.is_spare_parts_warehouse)
        rows = [
            {"warehouse": "EXT", "default_code": "SP-AF", "quantity": 7},
            {"warehouse": "EXT", "default_code": "SP-CB", "lot": "CB-0100", "quantity": 1},
        ]
        self.assertEqual(self.api.set_stock_levels(rows)["updated"], 2)
        self.assertStock(self.part_plain, {warehouse.lot_stock_id: 7})
        lot = self.env["stock.lot"].search([("name", "=", "CB-0100")])
        self.assertStock(self.part_serial, {warehouse.lot_stock_id: 1}, lot=lot)
        # Applied twice: nothing changes.
        moves = self.env["stock.move"].search_count([])
        self.assertEqual(self.api.set_stock_levels(rows)["updated"], 0)
        self.assertEqual(self.env["stock.move"].search_count([]), moves)

    def test_SP_25_stock_level_errors(self):
        rows = [
            {"warehouse": "NOPE", "default_code": "SP-AF", "quantity": 1},
            {"warehouse": "SPW", "default_code": "SP-CB", "quantity": 1},
            {"warehouse": "SPW", "default_code": "SP-AF", "quantity": -1},
        ]
        result = self.api.set_stock_levels(rows)
        self.assertEqual(
            [e["error"] for e in result["errors"]],
            [
                "unknown warehouse or location in row 0.",
                "SP-CB is tracked: lot is required.",
                "quantity must be a number of at least 0.",
            ],
        )
        self.assertStock(self.part_plain, {self.spw_stock: 10})

    def test_SP_25_refused_below_advanced(self):
        self.company.spare_parts_warehouse_tracking = False
        with self.assertRefused(UserError, "The integration API needs Spare Parts mode Advanced"):
            self.api.upsert_products([])

    def test_SP_25_numbers_are_finite_and_not_booleans(self):
        rows = [
            {"warehouse": "SPW", "default_code": "SP-AF", "quantity": value}
            for value in (float("nan"), float("inf"), True)
        ]
        result = self.api.set_stock_levels(rows)
        self.assertEqual(
            [e["error"] for e in result["errors"]],
            ["quantity must be a number of at least 0."] * 3,
        )
        product_rows = [{"default_code": "EXT-9", "name": "Seal", "standard_price": True}]
        self.assertFalse(self.api.upsert_products(product_rows)["ok"])
        self.assertStock(self.part_plain, {self.spw_stock: 10})

    def test_SP_25_van_stock_only_where_the_company_allows_it(self):
        row = {"location": self.van_1.complete_name, "default_code": "SP-AF", "quantity": 50}
        result = self.api.set_stock_levels([row])
        self.assertRegex(result["errors"][0]["error"], "personal warehouse; the integration API")
        self.assertStock(self.part_plain, {self.van_1: 0})
        self.company.spare_parts_integration_vans = True
        self.assertTrue(self.api.set_stock_levels([row])["ok"])
        self.assertStock(self.part_plain, {self.van_1: 50})

    def test_SP_25_needs_the_integration_role(self):
        row = {"warehouse": "SPW", "default_code": "SP-AF", "quantity": 4}
        stock_manager = self._new_user("sp_stock_manager", "stock.group_stock_manager")
        integration = self._new_user(
            "sp_integration", "spare_parts_personal_wh.group_spare_parts_integration"
        )
        for user in (self.engineer, stock_manager):
            self.env.invalidate_all()
            with self.assertRefused(AccessError, "may not call the integration API"):
                self.api.with_user(user).set_stock_levels([row])
        self.assertStock(self.part_plain, {self.spw_stock: 10})
        self.env.invalidate_all()
        self.assertTrue(self.api.with_user(integration).set_stock_levels([row])["ok"])
        self.assertStock(self.part_plain, {self.spw_stock: 4})
