# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import SparePartsCommon


class TestSpareParts14ServiceBom(SparePartsCommon):
    """SP-14 service BOM and SP-07 request rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.spare_parts_service_bom = True
        cls.bom_line = cls.env["spare.parts.service.bom.line"].create(
            {
                "equipment_product_tmpl_id": cls.equipment_model.product_tmpl_id.id,
                "part_id": cls.part_plain.id,
                "quantity": 2,
            }
        )

    def test_SP_14_service_bom_visible_from_equipment(self):
        self.assertEqual(self.equipment.service_bom_line_ids, self.bom_line)
        self.assertTrue(self.equipment_model.product_tmpl_id.spare_parts_service_bom_enabled)

    def test_SP_14_part_listed_once_with_positive_quantity(self):
        with self.assertRefused(ValidationError, "must be positive, not 0.0"):
            self.bom_line.quantity = 0
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["spare.parts.service.bom.line"].create(
                {
                    "equipment_product_tmpl_id": self.equipment_model.product_tmpl_id.id,
                    "part_id": self.part_plain.id,
                }
            )

    def test_SP_07_request_rule_off_allows_any_part(self):
        line = self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "consumed")

    def test_SP_07_request_rule_refuses_part_outside_bom(self):
        self.company.spare_parts_request_rule = True
        with self.assertRaises(ValidationError) as error:
            self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        self.assertEqual(
            error.exception.args[0],
            f"[SP-CB] Control Board is not in the service BOM of equipment "
            f"{self.equipment.display_name} ([EQ-X200] Compressor X200): with the spare parts "
            f"request rule on, only parts of that BOM may be requested or consumed.",
        )
        line = self._add_line(self.ticket, self.part_plain, 2)
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "consumed")

    def test_SP_07_rule_checked_again_at_consumption(self):
        line = self._add_line(self.ticket, self.part_serial, 1, self.serial_1)
        self.company.spare_parts_request_rule = True
        with self.assertRefused(UserError, "is not in the service BOM of equipment"):
            line.with_user(self.engineer).action_consume()

    def test_SP_07_work_order_without_equipment_is_free(self):
        self.company.spare_parts_request_rule = True
        ticket = self._new_ticket(self.engineer, equipment=self.env["maintenance.equipment"])
        line = self._add_line(ticket, self.part_serial, 1, self.serial_1)
        self.assertEqual(line.state, "planned")
