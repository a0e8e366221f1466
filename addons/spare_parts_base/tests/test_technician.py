# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

from odoo import fields
from odoo.exceptions import UserError

from .common import SparePartsCommon


class TestSpareParts31Technician(SparePartsCommon):
    """SP-31: the engineer's phone screens, as the engineer."""

    def test_SP_31_my_day_lists_todays_work_orders_in_time_order(self):
        now = fields.Datetime.now()
        later = self._new_ticket(self.engineer)
        later.spare_parts_planned_date = now.replace(hour=23, minute=0)
        self.ticket.spare_parts_planned_date = now.replace(hour=0, minute=30)
        tomorrow = self._new_ticket(self.engineer)
        tomorrow.spare_parts_planned_date = fields.Datetime.add(now, days=1)
        self._new_ticket(self.engineer_2).spare_parts_planned_date = now
        action = self.env.ref("spare_parts_base.helpdesk_ticket_action_my_day")
        self.assertEqual(action.path, "my-day")
        Ticket = self.env["helpdesk.ticket"].with_user(self.engineer)
        mine_today = Ticket.search(
            [
                ("engineer_id", "=", self.engineer.id),
                ("spare_parts_planned_date", ">=", now.replace(hour=0, minute=0, second=0)),
                (
                    "spare_parts_planned_date",
                    "<",
                    fields.Datetime.add(now, days=1).replace(hour=0, minute=0, second=0),
                ),
            ],
            order="spare_parts_planned_date",
        )
        self.assertEqual(mine_today, self.ticket | later)
        self.assertEqual(mine_today[0], self.ticket)

    def test_SP_31_address_and_map_link(self):
        self.customer.write({"street": "Zuiderzeeweg 12", "zip": "8938 AB", "city": "Leeuwarden"})
        ticket = self.ticket.with_user(self.engineer)
        self.assertEqual(ticket.spare_parts_address, "Zuiderzeeweg 12, 8938 AB Leeuwarden")
        self.assertEqual(
            ticket.spare_parts_map_url,
            "https://www.openstreetmap.org/search?query=Zuiderzeeweg+12%2C+8938+AB+Leeuwarden",
        )

    def test_SP_31_scan_adds_the_part_or_says_why_not(self):
        self.company.spare_parts_barcode_scanning = True
        ticket = self.ticket.with_user(self.engineer)
        ticket.action_spare_parts_scan("4000000000024")
        ticket.with_user(self.engineer).action_spare_parts_scan("SP-AF")
        self.ticket.with_user(self.engineer).action_spare_parts_scan("CB-0002")
        self.assertRecordValues(
            self.ticket.part_line_ids,
            [
                {"product_id": self.part_plain.id, "quantity": 2, "lot_id": False},
                {"product_id": self.part_serial.id, "quantity": 1, "lot_id": self.serial_2.id},
            ],
        )
        with self.assertRefused(UserError, "No product or serial number matches the barcode XX-1"):
            self.ticket.with_user(self.engineer).action_spare_parts_scan("XX-1")
        self.company.spare_parts_barcode_scanning = False
        with self.assertRefused(UserError, "Barcode scanning is off"):
            self.ticket.with_user(self.engineer).action_spare_parts_scan("SP-AF")
        self.assertEqual(len(self.ticket.part_line_ids), 2)

    def test_SP_31_part_card_buttons(self):
        line = self._add_line(self.ticket, self.part_plain, 2)
        line.with_user(self.engineer).action_increase_quantity()
        self.assertEqual(line.quantity, 3)
        line.with_user(self.engineer).action_decrease_quantity()
        line.with_user(self.engineer).action_decrease_quantity()
        line.with_user(self.engineer).action_decrease_quantity()
        self.assertEqual(line.quantity, 1, "never below one")
        line.with_user(self.engineer).action_not_used()
        self.assertEqual(line.state, "dropped")
        self.assertIn("Planned parts not used", self.ticket.message_ids[:1].body)
        with self.assertRefused(UserError, "Only planned parts can be changed"):
            line.with_user(self.engineer).action_increase_quantity()
        self.assertEqual(line.quantity, 1)

    def test_SP_31_part_picker_offers_spare_parts_only(self):
        desk = self.env["product.product"].create({"name": "Office Desk", "is_storable": True})
        domain = self.env["spare.parts.line"]._fields["product_id"].domain
        Product = self.env["product.product"].with_user(self.engineer)
        offered = Product.search(literal_eval(domain))
        self.assertIn(self.part_plain, offered)
        self.assertNotIn(desk, offered)
        self.assertNotIn(self.equipment_model, offered)
        # A part of a service BOM becomes a spare part by itself.
        belt = self.env["product.product"].create({"name": "Belt", "is_storable": True})
        self.env["spare.parts.service.bom.line"].create(
            {
                "equipment_product_tmpl_id": self.equipment_model.product_tmpl_id.id,
                "part_id": belt.id,
            }
        )
        self.assertTrue(belt.spare_parts_is_part)

    def test_SP_31_settings_speak_the_users_language(self):
        arch = self.env.ref("spare_parts_base.res_config_settings_view_form").arch_db
        self.assertNotRegex(arch, r"\((SP|SI|WS)-\d\d\)")
