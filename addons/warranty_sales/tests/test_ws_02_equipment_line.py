# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import WarrantySalesCommon


@tagged("post_install", "-at_install")
class TestWS02EquipmentLine(WarrantySalesCommon):
    def test_WS_02_line_carries_equipment_product_and_serial(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        line = order.order_line
        self.assertEqual(line.warranty_equipment_id, self.equipment)
        self.assertEqual(line.warranty_equipment_product_id, self.robot)
        self.assertEqual(line.warranty_equipment_lot_id, self.robot_lot)
        self.assertEqual(
            self.equipment.with_context(warranty_equipment_label=True).display_name,
            "[MR] Milking Robot / MR-0001",
        )

    def test_WS_02_equipment_found_by_serial(self):
        found = self.env["maintenance.equipment"].name_search("MR-0001")
        self.assertEqual([res[0] for res in found], [self.equipment.id])

    def test_WS_02_order_for_a_contact_of_the_customer(self):
        order = self._create_order([(self.part, 1, self.equipment)], partner=self.customer_contact)
        self.assertEqual(order.order_line.warranty_equipment_id, self.equipment)

    def test_WS_02_serial_of_another_customer_refused(self):
        with self.assertRaises(ValidationError) as error:
            self._create_order([(self.part, 1, self.other_equipment)])
        self.assertRegex(
            str(error.exception),
            r"^Order S\d+, line \[TCL\] Teat Cup Liner: the equipment Milking robot south "
            r"\(serial MR-0002\) does not belong to the customer Nordic Dairy Farm; only the "
            r"customer's own equipment can be chosen\.$",
        )

    def test_WS_02_equipment_changed_on_confirmed_line_checked_again(self):
        order = self._create_order([(self.part, 2, self.equipment)])
        self._confirm_on(order, "2025-10-01 10:00:00")
        line = order.order_line
        self.assertEqual(line.price_unit, 0.0)
        line.warranty_equipment_id = False
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": False,
                    "warranty_price_origin": "pricelist",
                    "warranty_claim_charge": 0.0,
                    "price_unit": 48.0,
                }
            ],
        )
        with freeze_time("2025-10-02 10:00:00"):
            line.warranty_equipment_id = self.equipment
        # the check uses the order date (2025-10-01), in warranty
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "price_unit": 0.0,
                    "warranty_claim_charge": -60.0,
                }
            ],
        )

    def test_WS_02_equipment_chosen_in_the_order_form(self):
        with Form(self.env["sale.order"]) as order_form:
            order_form.partner_id = self.customer
            with order_form.order_line.new() as line_form:
                line_form.product_id = self.part
                line_form.product_uom_qty = 2
                line_form.warranty_equipment_id = self.equipment
        order = order_form.record
        self.assertEqual(order.order_line.warranty_equipment_id, self.equipment)
        self.assertEqual(order.order_line.price_subtotal, 96.0)
        self.assertEqual(order.order_line.warranty_price_origin, "pricelist")
