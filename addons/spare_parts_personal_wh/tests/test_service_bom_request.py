# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import PersonalWarehouseCommon


class TestSpareParts14RequestFromServiceBom(PersonalWarehouseCommon):
    """SP-14: "Request from Service BOM" on a work order asks for the parts of the
    equipment's service BOM the engineer's van does not hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_service_bom = True
        cls.env["spare.parts.service.bom.line"].create(
            [
                {
                    "equipment_product_tmpl_id": cls.equipment_model.product_tmpl_id.id,
                    "part_id": cls.part_plain.id,
                    "quantity": 3,
                },
                {
                    "equipment_product_tmpl_id": cls.equipment_model.product_tmpl_id.id,
                    "part_id": cls.part_serial.id,
                    "quantity": 1,
                },
            ]
        )

    def _request_from_bom(self, user, ticket=None):
        action = (ticket or self.ticket).with_user(user).action_request_service_bom()
        return self.env["spare.parts.request"].browse(action["res_id"])

    def test_SP_14_request_what_the_van_lacks(self):
        self._deliver_to_van([(self.part_plain, 1, None)])
        # Something planned on the work order does not change what the BOM asks.
        self._add_line(self.ticket, self.part_plain, 5)
        request = self._request_from_bom(self.engineer)
        self.assertRecordValues(
            request,
            [
                {
                    "state": "draft",
                    "engineer_id": self.engineer.id,
                    "ticket_id": self.ticket.id,
                    "location_dest_id": self.van_1.id,
                }
            ],
        )
        self.assertEqual(
            [(line.product_id, line.quantity) for line in request.line_ids],
            [(self.part_plain, 2.0), (self.part_serial, 1.0)],
        )
        self.assertStock(self.part_plain, {self.van_1: 1})

    def test_SP_14_part_fully_held_is_left_out(self):
        self._deliver_to_van([(self.part_plain, 4, None)])
        # Old parts carried in the van are no usable stock (SP-32).
        old_unit = self.env["stock.lot"].create(
            {"name": "CB-OLD", "product_id": self.part_serial.id}
        )
        self._install(self.part_serial, lot=old_unit)
        self._add_line(self.ticket, self.part_serial, 1, old_unit, part_condition="old")
        self.ticket.part_line_ids.with_user(self.engineer).action_return()
        request = self._request_from_bom(self.engineer)
        self.assertRecordValues(
            request.line_ids, [{"product_id": self.part_serial.id, "quantity": 1}]
        )

    def test_SP_14_administrator_requests_for_the_engineer(self):
        request = self._request_from_bom(self.admin)
        self.assertRecordValues(
            request,
            [{"engineer_id": self.engineer.id, "location_dest_id": self.van_1.id}],
        )
        self.assertEqual(
            [(line.product_id, line.quantity) for line in request.line_ids],
            [(self.part_plain, 3.0), (self.part_serial, 1.0)],
        )

    def test_SP_14_refusals(self):
        Request = self.env["spare.parts.request"]
        self._deliver_to_van([(self.part_plain, 3, None), (self.part_serial, 1, self.serial_1)])
        with self.assertRefused(
            UserError,
            rf"sp_engineer already holds every part of the service BOM of \[EQ-X200\] "
            rf"Compressor X200 for work order {self.ticket.display_name}: nothing to request\.",
        ):
            self.ticket.with_user(self.engineer).action_request_service_bom()
        no_equipment = self._new_ticket(self.engineer, equipment=self.env["maintenance.equipment"])
        with self.assertRefused(
            UserError,
            rf"Work order {no_equipment.display_name}: equipment \(none\) has no service BOM "
            r"to request parts from\.",
        ):
            no_equipment.with_user(self.engineer).action_request_service_bom()
        model_without_bom = self.env["product.product"].create(
            {"name": "Chiller C10", "is_storable": True}
        )
        chiller = self.env["maintenance.equipment"].create(
            {
                "name": "Acme chiller",
                "customer_id": self.customer.id,
                "product_id": model_without_bom.id,
            }
        )
        chiller_ticket = self._new_ticket(self.engineer, equipment=chiller)
        with self.assertRefused(
            UserError,
            rf"Work order {chiller_ticket.display_name}: equipment Acme chiller has no service "
            r"BOM to request parts from\.",
        ):
            chiller_ticket.with_user(self.engineer).action_request_service_bom()
        self.company.spare_parts_service_bom = False
        with self.assertRefused(
            UserError,
            rf"Work order {self.ticket.display_name}: requesting from the service BOM needs the "
            rf"Service BOM setting of {self.company.name}\.",
        ):
            self.ticket.with_user(self.engineer).action_request_service_bom()
        self.assertFalse(
            Request.search(
                [
                    ("ticket_id", "in", (self.ticket | chiller_ticket | no_equipment).ids),
                    ("state", "=", "draft"),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestSpareParts14ServiceBomOnAPhone(PersonalWarehouseCommon, HttpCase):
    """The button on the phone work order form (390 px wide)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_SP_14_request_from_service_bom_on_a_phone(self):
        self.company.spare_parts_service_bom = True
        self.env["spare.parts.service.bom.line"].create(
            {
                "equipment_product_tmpl_id": self.equipment_model.product_tmpl_id.id,
                "part_id": self.part_plain.id,
                "quantity": 3,
            }
        )
        self._deliver_to_van([(self.part_plain, 1, None)])
        self.start_tour(
            f"/odoo/my-day/{self.ticket.id}", "spare_parts_mobile_service_bom", login="sp_engineer"
        )
        self.env.invalidate_all()
        request = self.env["spare.parts.request"].search([("ticket_id", "=", self.ticket.id)])
        self.assertRecordValues(request, [{"state": "draft", "engineer_id": self.engineer.id}])
        self.assertRecordValues(
            request.line_ids, [{"product_id": self.part_plain.id, "quantity": 2}]
        )
