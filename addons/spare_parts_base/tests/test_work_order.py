# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import SparePartsCommon


class TestSpareParts04WorkOrder(SparePartsCommon):
    """SP-04: tickets act as work orders with equipment, engineer and parts."""

    def test_SP_04_engineer_follows_assignee(self):
        self.assertEqual(self.ticket.engineer_id, self.engineer)
        self.ticket.user_id = self.engineer_2
        self.assertEqual(self.ticket.engineer_id, self.engineer_2)

    def test_SP_04_equipment_restricted_to_customer(self):
        with self.assertRaises(ValidationError) as error:
            self.ticket.equipment_id = self.other_equipment
        self.assertEqual(
            error.exception.args[0],
            f"Equipment {self.other_equipment.display_name} belongs to Bolt Mills, not to the "
            f"work order's customer Acme Dairy ({self.ticket.display_name}).",
        )
        self.assertEqual(self.ticket.equipment_id, self.equipment)

    def test_SP_04_equipment_smart_button_counts_work_orders(self):
        self._new_ticket(self.engineer_2)
        self.assertEqual(self.equipment.spare_parts_ticket_count, 2)
        action = self.equipment.with_user(self.engineer).action_view_spare_parts_tickets()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]).equipment_id, self.equipment
        )

    def test_SP_04_closing_with_planned_parts_is_refused(self):
        self._add_line(self.ticket, self.part_plain, 2)
        with self.assertRaises(UserError) as error:
            self.ticket.stage_id = self.stage_done
        self.assertEqual(
            error.exception.args[0],
            f"Work order {self.ticket.display_name} still has planned parts (2 Units [SP-AF] Air "
            f"Filter). Consume or return them first, or use 'Close and Drop Planned Parts'.",
        )
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)

    def test_SP_04_close_dropping_planned_parts(self):
        line = self._add_line(self.ticket, self.part_plain, 2)
        self.ticket.with_user(self.engineer).action_close_dropping_planned_parts()
        self.assertTrue(self.ticket.stage_id.closed)
        self.assertEqual(line.state, "dropped")
        self.assertIn("Planned parts dropped", self.ticket.message_ids[0].body)

    def test_SP_04_closing_after_consumption_is_allowed(self):
        self._add_line(self.ticket, self.part_plain, 2)
        self.ticket.with_user(self.engineer).action_consume_parts()
        self.ticket.stage_id = self.stage_done
        self.assertEqual(self.ticket.stage_id, self.stage_done)

    def test_SP_04_consumed_lines_on_the_timeline(self):
        self._add_line(self.ticket, self.part_plain, 2)
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        self.ticket.with_user(self.engineer).action_consume_parts()
        body = self.ticket.message_ids[0].body
        self.assertIn("Parts consumed", body)
        self.assertIn("2 Units [SP-AF] Air Filter", body)
        self.assertIn("1 Units [SP-CB] Control Board (CB-0001)", body)

    def test_SP_04_nothing_to_consume(self):
        with self.assertRefused(UserError, "has no planned new parts to consume"):
            self.ticket.with_user(self.engineer).action_consume_parts()


class TestSpareParts16EquipmentList(SparePartsCommon):
    def test_SP_15_equipment_list_shows_each_column_once(self):
        arch = self.env["maintenance.equipment"].get_view(view_type="list")["arch"]
        for name in ("customer_id", "product_id", "lot_id"):
            self.assertEqual(arch.count(f'name="{name}"'), 1, name)
        self.assertIn('name="serial_no" optional="hide"', arch)
