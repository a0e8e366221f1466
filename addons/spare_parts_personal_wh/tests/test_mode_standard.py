# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Standard mode end to end: request -> ship -> acknowledge -> consume -> return
unused -> return defective, with the quantity in every location after each step."""

from .common import PersonalWarehouseCommon


class TestStandardModeScenario(PersonalWarehouseCommon):
    def _customer_qty(self, product, lot=None):
        moves = self.env["stock.move.line"].search(
            [
                ("product_id", "=", product.id),
                ("state", "=", "done"),
                ("lot_id", "=", lot.id if lot else False),
            ]
        )
        return sum(ml.quantity for ml in moves if ml.location_dest_id == self.customers) - sum(
            ml.quantity for ml in moves if ml.location_id == self.customers
        )

    def test_SP_13_standard_full_flow(self):
        self.assertEqual(self.company.spare_parts_mode, "standard")
        plain, serial, lot = self.part_plain, self.part_serial, self.serial_1
        # 1. Request for the work order: 6 filters and one control board.
        request = self._request([(plain, 6, None), (serial, 1, lot)], ticket=self.ticket)
        request.action_submit()
        self.assertStock(plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 10})
        # 2. Approved: Standard mode ships at once from the untracked supply.
        request.with_user(self.admin).action_approve()
        self.assertStock(plain, {self.van_1: 0, self.transit: 6, self.spw_stock: 10})
        self.assertStock(serial, {self.van_1: 0, self.transit: 1}, lot=lot)
        # 3. Acknowledged by the engineer.
        request.with_user(self.engineer).action_receive()
        self.assertEqual(request.state, "done")
        self.assertStock(plain, {self.van_1: 6, self.transit: 0, self.spw_stock: 10})
        self.assertStock(serial, {self.van_1: 1, self.transit: 0}, lot=lot)
        # 4. Consumed on the work order: 2 filters and the board go to the customer.
        self._add_line(self.ticket, plain, 2)
        self._add_line(self.ticket, serial, 1, lot)
        self.ticket.with_user(self.engineer).action_consume_parts()
        self.assertStock(plain, {self.van_1: 4, self.transit: 0})
        self.assertStock(serial, {self.van_1: 0}, lot=lot)
        self.assertEqual(self._customer_qty(plain), 2)
        self.assertEqual(self._customer_qty(serial, lot), 1)
        # 5. Three unused filters go back to the supply.
        unused = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": "unused",
                    "line_ids": [(0, 0, {"product_id": plain.id, "quantity": 3})],
                }
            )
        )
        unused.action_send()
        self.assertStock(plain, {self.van_1: 1, self.transit: 3})
        unused.with_user(self.admin).action_receive()
        self.assertStock(plain, {self.van_1: 1, self.transit: 0, self.defective: 0})
        # 6. The last filter is defective: it goes to the defective location.
        defective = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": "defective",
                    "line_ids": [(0, 0, {"product_id": plain.id, "quantity": 1})],
                }
            )
        )
        defective.action_send()
        self.assertStock(plain, {self.van_1: 0, self.transit: 1, self.defective: 0})
        defective.with_user(self.admin).action_receive()
        self.assertStock(
            plain, {self.van_1: 0, self.transit: 0, self.defective: 1, self.spw_stock: 10}
        )
        self.assertEqual(unused.state, "done")
        self.assertEqual(defective.state, "done")
