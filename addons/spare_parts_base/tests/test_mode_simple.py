# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Simple mode end to end: spare_parts_base alone records consumption on work
orders without touching stock."""

from .common import SparePartsCommon


class TestSimpleModeScenario(SparePartsCommon):
    def test_SP_01_simple_mode_installed_alone(self):
        modules = self.env["ir.module.module"].search(
            [("name", "like", "spare_parts_%"), ("state", "=", "installed")]
        )
        self.assertEqual(modules.mapped("name"), ["spare_parts_base"])
        self.assertEqual(self.company.spare_parts_mode, "simple")
        self.assertNotIn("spare.parts.request", self.env)

    def test_SP_05_simple_flow_work_order_to_report(self):
        self.company.spare_parts_part_replacement = True
        self.env["spare.parts.equipment.part"].create(
            {
                "equipment_id": self.equipment.id,
                "product_id": self.part_serial.id,
                "lot_id": self.serial_1.id,
            }
        )
        moves_before = self.env["stock.move"].search_count([])
        self._add_line(self.ticket, self.part_plain, 2, note="Filter changed")
        self._add_line(
            self.ticket,
            self.part_serial,
            1,
            self.serial_2,
            replaced_product_id=self.part_serial.id,
            replaced_lot_id=self.serial_1.id,
        )
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1, part_condition="old")
        self.ticket.with_user(self.engineer).action_consume_parts()
        self.ticket.part_line_ids.filtered(lambda line: line.part_condition == "old").with_user(
            self.engineer
        ).action_return()
        self.ticket.stage_id = self.stage_done
        self.assertEqual(
            self.ticket.part_line_ids.mapped("state"), ["consumed", "consumed", "returned"]
        )
        self.assertEqual(self.equipment.spare_part_ids.lot_id, self.serial_2)
        self.assertEqual(self.equipment.spare_parts_replacement_count, 1)
        self.assertEqual(self.env["stock.move"].search_count([]), moves_before)
        usage = dict(
            self.env["spare.parts.line"]._read_group(
                [("state", "=", "consumed")], ["product_id"], ["quantity:sum"]
            )
        )
        self.assertEqual(usage, {self.part_plain: 2.0, self.part_serial: 1.0})

    def test_SP_21_engineer_picks_and_consumes_a_serial_as_himself(self):
        """With spare_parts_base alone, the engineer finds the serial, enters it
        on his work order and consumes it, each step in a fresh environment."""
        lots = self.env["stock.lot"].with_user(self.engineer).name_search("CB-000")
        self.assertEqual({name for _id, name in lots}, {"CB-0001", "CB-0002", "CB-0003"})
        line = (
            self.env["spare.parts.line"]
            .with_user(self.engineer)
            .create(
                {
                    "ticket_id": self.ticket.id,
                    "product_id": self.part_serial.id,
                    "lot_id": self.serial_2.id,
                }
            )
        )
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "consumed")
        self.assertIn("(CB-0002)", self.ticket.message_ids[:1].body)
