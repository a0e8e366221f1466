# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Advanced mode end to end, with the repair loop: a serial part is shipped from
the spare parts warehouse, consumed, the old unit comes back defective, is
refurbished, shipped and consumed again."""

from odoo.exceptions import UserError

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon


class TestAdvancedModeScenario(PersonalWarehouseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()
        cls.company.spare_parts_part_replacement = True
        cls.old_unit = cls.env["stock.lot"].create(
            {"name": "CB-OLD", "product_id": cls.part_serial.id}
        )
        cls.env["spare.parts.equipment.part"].create(
            {
                "equipment_id": cls.equipment.id,
                "product_id": cls.part_serial.id,
                "lot_id": cls.old_unit.id,
                "date_installed": "2024-05-01",
            }
        )

    def test_SP_01_advanced_mode_with_repair_installed(self):
        self.assertEqual(self.company.spare_parts_mode, "advanced")
        self.assertEqual(
            self.env["ir.module.module"].search([("name", "=", "spare_parts_repair")]).state,
            "installed",
        )

    def test_SP_13_advanced_full_flow(self):
        plain, serial, lot = self.part_plain, self.part_serial, self.serial_2
        request = self._request([(plain, 4, None), (serial, 1, lot)], ticket=self.ticket)
        request.action_submit()
        request.with_user(self.admin).action_approve()
        self.assertStock(plain, {self.spw_stock: 10, self.transit: 0, self.van_1: 0})
        request.line_ids.filtered(lambda line: line.product_id == plain).with_user(
            self.admin
        ).write({"qty_to_ship": 3})
        request.with_user(self.admin).action_ship()
        self.assertStock(plain, {self.spw_stock: 7, self.transit: 3, self.van_1: 0})
        self.assertStock(serial, {self.spw_stock: 0, self.transit: 1}, lot=lot)
        request.with_user(self.engineer).action_receive()
        self.assertStock(plain, {self.spw_stock: 7, self.transit: 0, self.van_1: 3})
        request.with_user(self.admin).action_ship()
        request.with_user(self.engineer).action_receive()
        self.assertStock(plain, {self.spw_stock: 6, self.transit: 0, self.van_1: 4})
        self.assertStock(serial, {self.van_1: 1}, lot=lot)
        self.assertEqual(request.state, "done")
        self._add_line(self.ticket, plain, 1)
        self._add_line(
            self.ticket,
            serial,
            1,
            lot,
            replaced_product_id=serial.id,
            replaced_lot_id=self.old_unit.id,
        )
        self.ticket.with_user(self.engineer).action_consume_parts()
        self.assertStock(plain, {self.van_1: 3})
        self.assertStock(serial, {self.van_1: 0}, lot=lot)
        self.assertEqual(self.equipment.spare_part_ids.lot_id, lot)
        unused = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": "unused",
                    "line_ids": [(0, 0, {"product_id": plain.id, "quantity": 2})],
                }
            )
        )
        unused.action_send()
        unused.with_user(self.admin).action_receive()
        self.assertStock(plain, {self.van_1: 1, self.transit: 0, self.spw_stock: 8})
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
        defective.with_user(self.admin).action_receive()
        self.assertStock(
            plain, {self.van_1: 0, self.transit: 0, self.spw_stock: 8, self.defective: 1}
        )

    def _consume_replacing_old_unit(self):
        request = self._deliver_to_van([(self.part_serial, 1, self.serial_2)], ticket=self.ticket)
        self.assertEqual(request.state, "done")
        self._add_line(
            self.ticket,
            self.part_serial,
            1,
            self.serial_2,
            replaced_product_id=self.part_serial.id,
            replaced_lot_id=self.old_unit.id,
        )
        old = self._add_line(self.ticket, self.part_serial, 1, self.old_unit, part_condition="old")
        self.ticket.with_user(self.engineer).action_consume_parts()
        old.with_user(self.engineer).action_return()
        # SP-32: the old unit travels back in the van, then with a parts return.
        old_parts = self.van_1._get_spare_parts_old_parts_location()
        self.assertStock(self.part_serial, {old_parts: 1, self.defective: 0}, lot=self.old_unit)
        action = self.ticket.with_user(self.engineer).action_return_old_parts()
        document = self.env["spare.parts.return"].browse(action["res_id"])
        document.with_user(self.engineer).action_send()
        document.with_user(self.admin).action_receive()
        self.assertStock(
            self.part_serial,
            {old_parts: 0, self.defective: 1, self.spw_stock: 0},
            lot=self.old_unit,
        )

    def _plan(self, lot):
        return (
            self.env["spare.parts.repair.plan"]
            .with_user(self.admin)
            .create(
                {
                    "plan_type": "adhoc",
                    "warehouse_id": self.spw.id,
                    "line_ids": [(0, 0, {"product_id": self.part_serial.id, "lot_id": lot.id})],
                }
            )
        )

    def test_SP_20_repair_loop(self):
        self._consume_replacing_old_unit()
        # Refurbishing a board takes a new filter and half an hour at 40 an hour.
        self.part_serial.product_tmpl_id.write(
            {
                "spare_parts_refurbish_hours": 0.5,
                "spare_parts_refurbish_line_ids": [
                    (0, 0, {"part_id": self.part_plain.id, "quantity": 1})
                ],
            }
        )
        self.company.spare_parts_labour_rate = 40
        plan = self._plan(self.old_unit)
        plan.action_generate_repairs()
        repair = plan.repair_ids
        self.assertEqual(len(repair), 1)
        self.assertEqual((repair.lot_id, repair.state), (self.old_unit, "confirmed"))
        self.assertEqual(repair.move_ids.product_id, self.part_plain)
        self.assertEqual(repair.refurbish_cost, 32.5)  # 12.5 filter + 0.5 h x 40
        repair.action_repair_start()
        repair.action_repair_done()
        self.assertStock(self.part_plain, {self.spw_stock: 9})
        self.assertEqual(repair.spare_parts_outcome, "repaired")
        self.assertEqual(plan.state, "done")
        self.assertStock(
            self.part_serial, {self.defective: 0, self.spw_stock: 1}, lot=self.old_unit
        )
        self.assertEqual(self.old_unit.spare_parts_grade, "refurbished")
        self.assertEqual(self.old_unit.spare_parts_refurbish_count, 1)
        # The refurbished unit ships and is consumed like any other.
        other_ticket = self._new_ticket(self.engineer, self.other_customer)
        self._deliver_to_van([(self.part_serial, 1, self.old_unit)], ticket=other_ticket)
        self.assertStock(self.part_serial, {self.spw_stock: 0, self.van_1: 1}, lot=self.old_unit)
        line = self._add_line(other_ticket, self.part_serial, 1, self.old_unit)
        line.with_user(self.engineer).action_consume()
        self.assertStock(self.part_serial, {self.van_1: 0, self.spw_stock: 0}, lot=self.old_unit)
        self.assertEqual(self.other_equipment.spare_part_ids.lot_id, self.old_unit)
        # Its history shows every trip.
        history = self.env["stock.move.line"].search(
            self.old_unit.with_user(self.engineer).action_view_spare_parts_history()["domain"],
            order="id",
        )
        trips = [(ml.location_id, ml.location_dest_id) for ml in history]
        old_parts = self.van_1._get_spare_parts_old_parts_location()
        self.assertEqual(
            trips,
            [
                (self.customers, old_parts),  # removed, back in the van (SP-32)
                (old_parts, self.transit),  # sent with a parts return
                (self.transit, self.defective),  # received as defective
                (self.defective, self.spw_stock),  # repaired
                (self.spw_stock, self.transit),  # shipped
                (self.transit, self.van_1),  # received by the engineer
                (self.van_1, self.customers),  # installed in equipment Y
            ],
        )
        yield_rows = self.env["repair.order"]._read_group(
            [("spare_parts_plan_id", "!=", False)],
            ["spare_parts_outcome"],
            ["__count", "refurbish_cost:sum"],
        )
        self.assertEqual(yield_rows, [("repaired", 1, 32.5)])

    def test_SP_20_failed_repair_scraps_the_unit(self):
        self._consume_replacing_old_unit()
        plan = self._plan(self.old_unit)
        plan.action_generate_repairs()
        repair = plan.repair_ids
        with self.assertRefused(UserError, "Give the reason"):
            repair.action_scrap_unit("")
        wizard = (
            self.env["spare.parts.repair.scrap"]
            .with_user(self.admin)
            .create({"repair_id": repair.id, "reason": "Cracked housing"})
        )
        wizard.action_scrap()
        scrap = self.env["stock.scrap"].search([("lot_id", "=", self.old_unit.id)])
        self.assertEqual(scrap.state, "done")
        self.assertEqual(
            (repair.state, repair.spare_parts_outcome, repair.scrap_reason),
            ("cancel", "scrapped", "Cracked housing"),
        )
        self.assertStock(
            self.part_serial, {self.defective: 0, self.spw_stock: 0}, lot=self.old_unit
        )
        self.assertEqual(self._qty(scrap.scrap_location_id, self.part_serial, self.old_unit), 1)
        self.assertEqual(plan.state, "done")

    def test_SP_20_regular_plan_picks_defective_stock(self):
        self._consume_replacing_old_unit()
        plan = (
            self.env["spare.parts.repair.plan"]
            .with_user(self.admin)
            .create({"plan_type": "regular", "warehouse_id": self.spw.id, "threshold_qty": 1})
        )
        plan.action_generate_repairs()
        self.assertEqual(plan.repair_ids.lot_id, self.old_unit)
        self.assertGreater(plan.next_date, plan.create_date.date())
        with self.assertRefused(UserError, "has no defective units to repair"):
            plan.action_generate_repairs()

    def test_SP_20_refused_below_advanced(self):
        self._consume_replacing_old_unit()
        self.company.spare_parts_warehouse_tracking = False
        plan = self._plan(self.old_unit)
        with self.assertRefused(UserError, "Spare parts repair needs Spare Parts mode Advanced"):
            plan.action_generate_repairs()
        self.assertFalse(plan.repair_ids)
