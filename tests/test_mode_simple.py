# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Simple mode end to end: spare_parts_base alone records consumption on work
orders without touching stock."""

from odoo.addons.spare_parts_base.tests.common import SparePartsCommon


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
        self.ticket.part_line_ids.filtered(
            lambda line: line.part_condition == "old"
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
