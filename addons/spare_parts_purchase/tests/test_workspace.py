# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from .common import SparePartsPurchaseCommon


class TestSpareParts27Workspace(SparePartsPurchaseCommon):
    """SP-27: the parts workspace and the stock list export."""

    def _workspace(self, location=None):
        return (
            self.env["spare.parts.workspace"]
            .with_user(self.admin)
            .create({"location_id": location.id if location else False})
        )

    def _stock(self, workspace):
        return {
            (q.location_id, q.product_id, q.lot_id.name or ""): q.quantity
            for q in workspace.quant_ids
        }

    def test_SP_27_workspace_stock_per_location_reorder_points_open_orders(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": self.spw.id,
                "location_id": self.spw_stock.id,
                "product_id": self.part_plain.id,
                "product_min_qty": 8,
                "product_max_qty": 20,
            }
        )
        open_order = self._purchase([(self.part_plain, 12, 11.0)])
        received = self._purchase([(self.part_plain, 1, 11.0)])
        received.picking_ids.button_validate()
        elsewhere = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [(0, 0, {"product_id": self.part_plain.id})],
            }
        )

        workspace = self._workspace()
        self.assertEqual(
            self._stock(workspace),
            {
                (self.spw_stock, self.part_plain, ""): 8.0,
                (self.spw_stock, self.part_serial, "CB-0001"): 1.0,
                (self.spw_stock, self.part_serial, "CB-0002"): 1.0,
                (self.spw_stock, self.part_serial, "CB-0003"): 1.0,
                (self.van_1, self.part_plain, ""): 3.0,
            },
        )
        self.assertEqual(workspace.orderpoint_ids, orderpoint)
        self.assertEqual(orderpoint.qty_on_hand, 8.0)
        self.assertEqual(workspace.purchase_order_ids, open_order)
        self.assertNotIn(elsewhere, workspace.purchase_order_ids)

        # filtered on the engineer's vehicle: only what he holds, no orders to it
        van = self._workspace(self.van_1)
        self.assertEqual(self._stock(van), {(self.van_1, self.part_plain, ""): 3.0})
        self.assertFalse(van.orderpoint_ids)
        self.assertFalse(van.purchase_order_ids)
        self.assertIn(self.van_1, workspace.allowed_location_ids)
        self.assertIn(self.spw_stock, workspace.allowed_location_ids)

        action = workspace.action_open_purchase_orders()
        self.assertEqual(self.env["purchase.order"].search(action["domain"]), open_order)

    def test_SP_27_stock_list_export_before_monthly_count(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        workspace = self._workspace()
        workspace.action_export_stock_list()
        self.assertTrue(workspace.export_filename.endswith(".csv"))
        rows = list(csv.reader(io.StringIO(base64.b64decode(workspace.export_file).decode())))
        self.assertEqual(
            rows[0],
            [
                "Location",
                "Engineer",
                "Internal Reference",
                "Part",
                "Serial Number",
                "On Hand",
                "Unit",
                "Counted",
            ],
        )
        by_key = {(r[0], r[3], r[4]): (r[1], r[5]) for r in rows[1:]}
        self.assertEqual(len(rows), 6)
        self.assertEqual(by_key[(self.spw_stock.complete_name, "Air Filter", "")], ("", "7.0"))
        self.assertEqual(
            by_key[(self.van_1.complete_name, "Air Filter", "")], ("sp_engineer", "3.0")
        )
        self.assertEqual(
            by_key[(self.spw_stock.complete_name, "Control Board", "CB-0002")], ("", "1.0")
        )
        van = self._workspace(self.van_1)
        self.assertEqual(
            van._get_stock_list_rows(),
            [
                [
                    self.van_1.complete_name,
                    "sp_engineer",
                    "SP-AF",
                    "Air Filter",
                    "",
                    3.0,
                    "Units",
                    "",
                ],
            ],
        )
