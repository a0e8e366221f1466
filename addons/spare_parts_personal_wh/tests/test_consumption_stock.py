# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts05ConsumptionFromStock(PersonalWarehouseCommon):
    """SP-05 (stock part) and SP-08 consumption rule."""

    def test_SP_05_consumption_moves_parts_to_the_customer(self):
        self._deliver_to_van([(self.part_plain, 3, None)])
        line = self._add_line(self.ticket, self.part_plain, 2)
        self.assertEqual(line.location_id, self.van_1)
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "consumed")
        self.assertEqual(line.move_ids.state, "done")
        self.assertEqual(line.move_ids.location_dest_id, self.customers)
        self.assertEqual(line.move_ids.spare_parts_ticket_id, self.ticket)
        self.assertStock(self.part_plain, {self.van_1: 1})

    def test_SP_05_more_than_held_refused_without_stock_change(self):
        self._deliver_to_van([(self.part_plain, 1, None)])
        line = self._add_line(self.ticket, self.part_plain, 2)
        with self.assertRefused(
            UserError,
            r"^Personal Warehouses/sp_engineer holds 1.0 Units of \[SP-AF\] Air Filter; "
            r"2.0 Units needed.$",
        ):
            line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "planned")
        self.assertFalse(line.move_ids)
        self.assertStock(self.part_plain, {self.van_1: 1})

    def test_SP_05_serial_not_held_refused(self):
        self._advanced()
        self._deliver_to_van([(self.part_serial, 1, self.serial_1)])
        line = self._add_line(self.ticket, self.part_serial, 1, self.serial_2)
        with self.assertRefused(
            UserError, r"holds 0.0 Units of \[SP-CB\] Control Board \(serial CB-0002\)"
        ):
            line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_serial, {self.van_1: 1}, lot=self.serial_1)
        self.assertStock(self.part_serial, {self.spw_stock: 1, self.van_1: 0}, lot=self.serial_2)

    def test_SP_05_multi_line_failure_leaves_no_partial_change(self):
        self._deliver_to_van([(self.part_plain, 5, None)])
        ok = self._add_line(self.ticket, self.part_plain, 2)
        bad = self._add_line(self.ticket, self.part_serial, 1, self.serial_3)
        with self.assertRaises(UserError):
            (ok | bad).with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 5})
        self.assertEqual((ok | bad).mapped("state"), ["planned", "planned"])

    def test_SP_05_advanced_consume_from_spare_parts_warehouse(self):
        self._advanced()
        line = self._add_line(self.ticket, self.part_plain, 3, location_id=self.spw_stock.id)
        line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.spw_stock: 7, self.van_1: 0})

    def test_SP_05_standard_cannot_consume_from_warehouse(self):
        line = self._add_line(self.ticket, self.part_plain, 3, location_id=self.spw_stock.id)
        with self.assertRefused(UserError, "is not sp_engineer's personal warehouse."):
            line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.spw_stock: 10})

    def test_SP_05_old_part_returns_to_defective_location(self):
        # The direct route of old parts (SP-32 setting off).
        self.company.spare_parts_old_parts_via_van = False
        self._advanced()
        self._deliver_to_van([(self.part_serial, 1, self.serial_1)])
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1).with_user(
            self.engineer
        ).action_consume()
        self.assertStock(self.part_serial, {self.van_1: 0}, lot=self.serial_1)
        old = self._add_line(self.ticket, self.part_serial, 1, self.serial_1, part_condition="old")
        old.with_user(self.engineer).action_return()
        self.assertStock(self.part_serial, {self.defective: 1, self.van_1: 0}, lot=self.serial_1)

    def test_SP_15_equipment_bom_still_updated_with_stock(self):
        self.company.spare_parts_part_replacement = True
        self._deliver_to_van([(self.part_plain, 1, None)])
        self._add_line(self.ticket, self.part_plain, 1).with_user(self.engineer).action_consume()
        self.assertEqual(self.equipment.spare_part_ids.product_id, self.part_plain)

    def test_SP_08_rule_off_parts_of_any_work_order(self):
        self._deliver_to_van([(self.part_plain, 2, None)], ticket=self.ticket)
        other = self._new_ticket(self.engineer)
        line = self._add_line(other, self.part_plain, 2)
        line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 0})

    def test_SP_08_rule_on_earmarked_parts_stay_with_their_work_order(self):
        self.company.spare_parts_consumption_rule = True
        self._deliver_to_van([(self.part_plain, 2, None)], ticket=self.ticket)
        self._deliver_to_van([(self.part_plain, 1, None)])  # general stock
        other = self._new_ticket(self.engineer)
        line = self._add_line(other, self.part_plain, 2)
        with self.assertRefused(
            UserError,
            rf"Work order {other.display_name}: 2.0 Units of \[SP-AF\] Air Filter needed, but "
            r"only 1.0 Units in Personal Warehouses/sp_engineer are free",
        ):
            line.with_user(self.engineer).action_consume()
        line.quantity = 1
        line.with_user(self.engineer).action_consume()
        own = self._add_line(self.ticket, self.part_plain, 2)
        own.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 0})
        self.assertEqual(
            self.env["spare.parts.line"]._get_earmarks(self.van_1, self.part_plain), {}
        )

    def test_SP_08_earmarks_released_when_work_order_closes(self):
        self.company.spare_parts_consumption_rule = True
        self._deliver_to_van([(self.part_plain, 2, None)], ticket=self.ticket)
        earmarks = self.env["spare.parts.line"]._get_earmarks(self.van_1, self.part_plain)
        self.assertEqual(earmarks, {(self.van_1, self.part_plain, self.ticket): 2.0})
        self.ticket.stage_id = self.stage_done
        self.assertEqual(
            self.env["spare.parts.line"]._get_earmarks(self.van_1, self.part_plain), {}
        )

    def test_SP_08_holdings_show_what_is_earmarked_for_which_work_order(self):
        self._advanced()
        self._deliver_to_van([(self.part_plain, 2, None)], ticket=self.ticket)
        self._deliver_to_van([(self.part_plain, 1, None)])
        self._deliver_to_van([(self.part_serial, 1, self.serial_1)], ticket=self.ticket)
        holdings = self.env["stock.quant"].search([("location_id", "=", self.van_1.id)])
        plain = holdings.filtered(lambda q: q.product_id == self.part_plain)
        self.assertEqual(sum(plain.mapped("quantity")), 3)
        self.assertEqual(sum(plain.mapped("spare_parts_earmarked_qty")), 2)
        self.assertEqual(plain.spare_parts_ticket_id, self.ticket)
        serial = holdings.filtered(lambda q: q.lot_id == self.serial_1)
        self.assertEqual(
            (serial.spare_parts_ticket_id, serial.spare_parts_earmarked_qty), (self.ticket, 1.0)
        )
