# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.document_write_policy.tests.common import RefusalAssertions


class SparePartsCommon(RefusalAssertions, BaseCommon):
    """Fixtures of the spare parts addons, built without demo data:

    - ``engineer`` and ``engineer_2`` (Service Engineer), ``admin`` (Spare Parts
      Administrator), ``plain_user`` (internal user without spare parts role);
    - ``equipment_model`` (serial-tracked storable product), ``part_serial`` (serial
      tracked part) with lots ``serial_1``..``serial_3``, ``part_plain`` (untracked);
    - ``customer`` with ``equipment`` (unit ``equipment_serial`` of the model) and
      ``other_customer`` with ``other_equipment``;
    - ``team`` and ``ticket`` (a work order of ``customer`` on ``equipment``
      assigned to ``engineer``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.engineer = cls._new_user("sp_engineer", "spare_parts_base.group_spare_parts_engineer")
        cls.engineer_2 = cls._new_user(
            "sp_engineer_2", "spare_parts_base.group_spare_parts_engineer"
        )
        cls.admin = cls._new_user("sp_admin", "spare_parts_base.group_spare_parts_admin")
        cls.plain_user = cls._new_user("sp_plain", "base.group_user")

        Product = cls.env["product.product"]
        cls.equipment_model, cls.part_serial, cls.part_plain = Product.create(
            [
                {
                    "name": "Compressor X200",
                    "is_storable": True,
                    "tracking": "serial",
                    "default_code": "EQ-X200",
                },
                {
                    "name": "Control Board",
                    "is_storable": True,
                    "spare_parts_is_part": True,
                    "tracking": "serial",
                    "default_code": "SP-CB",
                    "barcode": "4000000000017",
                },
                {
                    "name": "Air Filter",
                    "is_storable": True,
                    "spare_parts_is_part": True,
                    "default_code": "SP-AF",
                    "barcode": "4000000000024",
                    "standard_price": 12.5,
                },
            ]
        )
        Lot = cls.env["stock.lot"]
        cls.serial_1, cls.serial_2, cls.serial_3 = Lot.create(
            [{"name": f"CB-000{i}", "product_id": cls.part_serial.id} for i in (1, 2, 3)]
        )
        cls.equipment_serial, cls.other_equipment_serial = Lot.create(
            [
                {"name": "X200-0001", "product_id": cls.equipment_model.id},
                {"name": "X200-0002", "product_id": cls.equipment_model.id},
            ]
        )
        cls.customer, cls.other_customer = cls.env["res.partner"].create(
            [{"name": "Acme Dairy", "is_company": True}, {"name": "Bolt Mills", "is_company": True}]
        )
        Equipment = cls.env["maintenance.equipment"]
        cls.equipment, cls.other_equipment = Equipment.create(
            [
                {
                    "name": "Acme compressor",
                    "customer_id": cls.customer.id,
                    "product_id": cls.equipment_model.id,
                    "lot_id": cls.equipment_serial.id,
                },
                {
                    "name": "Bolt compressor",
                    "customer_id": cls.other_customer.id,
                    "product_id": cls.equipment_model.id,
                    "lot_id": cls.other_equipment_serial.id,
                },
            ]
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Field Service",
                "user_ids": [(6, 0, (cls.engineer | cls.engineer_2 | cls.admin).ids)],
            }
        )
        cls.ticket = cls._new_ticket(cls.engineer)
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @classmethod
    def _new_user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            name=login,
            groups=groups,
            company_id=cls.env.company.id,
            company_ids=[(6, 0, cls.env.company.ids)],
        )

    @classmethod
    def _new_ticket(cls, engineer, customer=None, equipment=None):
        customer = customer or cls.customer
        if equipment is None:
            equipment = cls.equipment if customer == cls.customer else cls.other_equipment
        return cls.env["helpdesk.ticket"].create(
            {
                "name": f"Service visit {customer.name}",
                "description": "Annual service",
                "team_id": cls.team.id,
                "user_id": engineer.id,
                "partner_id": customer.id,
                "equipment_id": equipment.id,
            }
        )

    @classmethod
    def _add_line(cls, ticket, product, qty=1.0, lot=None, **vals):
        return cls.env["spare.parts.line"].create(
            {
                "ticket_id": ticket.id,
                "product_id": product.id,
                "quantity": qty,
                "lot_id": lot.id if lot else False,
                **vals,
            }
        )

    @classmethod
    def _install(cls, product, qty=1.0, lot=None, equipment=None):
        """Put ``product`` in the equipment's asset BOM: old parts come out of it."""
        return cls.env["spare.parts.equipment.part"].create(
            {
                "equipment_id": (equipment or cls.equipment).id,
                "product_id": product.id,
                "quantity": qty,
                "lot_id": lot.id if lot else False,
            }
        )
