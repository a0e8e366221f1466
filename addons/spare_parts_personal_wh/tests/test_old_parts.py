# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import PersonalWarehouseCommon


class TestSpareParts32OldPartsInTheVan(PersonalWarehouseCommon):
    """SP-32: an old part taken out on a work order travels in the engineer's van,
    held apart from usable stock, and reaches the defective location with a
    parts return."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_parts_1 = cls.van_1.child_ids.filtered("spare_parts_old_parts")
        cls.old_unit = cls.env["stock.lot"].create(
            {"name": "CB-OLD", "product_id": cls.part_serial.id}
        )

    def _return_old(self, product, qty=1.0, lot=None, ticket=None):
        ticket = ticket or self.ticket
        self._install(product, qty, lot, equipment=ticket.equipment_id)
        line = self._add_line(ticket, product, qty, lot, part_condition="old")
        line.with_user(self.engineer).action_return()
        return line

    def _quants(self, location):
        """{(product, lot): quantity} held exactly in ``location``."""
        quants = self.env["stock.quant"].sudo().search([("location_id", "=", location.id)])
        return {
            (quant.product_id, quant.lot_id): quant.quantity for quant in quants if quant.quantity
        }

    def test_SP_32_old_parts_location_created_with_the_van(self):
        self.assertRecordValues(
            self.old_parts_1,
            [
                {
                    "name": "Old Parts",
                    "usage": "internal",
                    "location_id": self.van_1.id,
                    "spare_parts_owner_id": self.engineer.id,
                    "spare_parts_old_parts": True,
                    "spare_parts_default": False,
                }
            ],
        )
        # Still one personal warehouse: the old-parts location is part of the van.
        self.assertEqual(self.engineer.spare_parts_location_ids, self.van_1)
        self.assertEqual(self.engineer._get_spare_parts_location(self.company), self.van_1)
        self.assertTrue(self.company.spare_parts_old_parts_via_van)

    def test_SP_32_old_part_lands_in_the_van_apart_and_is_not_consumed(self):
        # The old filter comes out first, so that the oldest filter in the van
        # is the old one: taking from the van must still leave it alone.
        self._return_old(self.part_plain)
        self.assertEqual(
            self._quants(self.old_parts_1), {(self.part_plain, self.env["stock.lot"]): 1}
        )
        self.assertEqual(self._quants(self.van_1), {})
        self.assertStock(self.part_plain, {self.van_1: 0, self.defective: 0})
        self._deliver_to_van([(self.part_plain, 2, None)])
        self.assertStock(self.part_plain, {self.van_1: 2, self.old_parts_1: 1, self.defective: 0})
        # Not counted in what the van holds...
        Product = self.env["product.product"].with_user(self.engineer)
        self.assertEqual(Product.browse(self.part_plain.id).spare_parts_van_qty, 2)
        # ...nor consumed from it: three filters are more than the van holds,
        too_many = self._add_line(self.ticket, self.part_plain, 3)
        with self.assertRefused(
            UserError,
            r"Personal Warehouses/sp_engineer holds 2\.0 Units of \[SP-AF\] Air Filter; "
            r"3\.0 Units needed\.",
        ):
            too_many.with_user(self.engineer).action_consume()
        # the old-parts location is no source,
        from_old = self._add_line(self.ticket, self.part_plain, 1, location_id=self.old_parts_1.id)
        with self.assertRefused(
            UserError,
            rf"Work order {self.ticket.display_name}: Personal Warehouses/sp_engineer/Old Parts "
            r"holds old parts taken out on work orders; \[SP-AF\] Air Filter cannot be "
            r"consumed from it\.",
        ):
            from_old.with_user(self.engineer).action_consume()
        self.assertStock(self.part_plain, {self.van_1: 2, self.old_parts_1: 1})
        # and the two usable filters leave, the old one stays.
        too_many.with_user(self.engineer).write({"quantity": 2})
        too_many.with_user(self.engineer).action_consume()
        self.assertEqual(self._quants(self.van_1), {})
        self.assertEqual(
            self._quants(self.old_parts_1), {(self.part_plain, self.env["stock.lot"]): 1}
        )
        self.assertStock(self.part_plain, {self.van_1: 0, self.old_parts_1: 1, self.customers: 1})

    def test_SP_32_parts_return_takes_old_parts_to_defective(self):
        self._return_old(self.part_plain, 2)
        self.assertStock(self.part_plain, {self.old_parts_1: 2, self.defective: 0})
        action = self.ticket.with_user(self.engineer).action_return_old_parts()
        document = self.env["spare.parts.return"].browse(action["res_id"])
        self.assertRecordValues(
            document,
            [
                {
                    "state": "draft",
                    "engineer_id": self.engineer.id,
                    "return_type": "defective",
                    "location_id": self.old_parts_1.id,
                }
            ],
        )
        self.assertRecordValues(
            document.line_ids, [{"product_id": self.part_plain.id, "quantity": 2}]
        )
        document.with_user(self.engineer).action_send()
        self.assertEqual(document.state, "sent")
        self.assertStock(self.part_plain, {self.old_parts_1: 0, self.transit: 2, self.defective: 0})
        document.with_user(self.admin).action_receive()
        self.assertEqual(document.state, "done")
        self.assertStock(self.part_plain, {self.old_parts_1: 0, self.transit: 0, self.defective: 2})
        with self.assertRefused(UserError, "sp_engineer carries no old parts to return."):
            self.ticket.with_user(self.engineer).action_return_old_parts()

    def test_SP_32_advanced_serial_old_unit_travels_back(self):
        self._advanced()
        self._deliver_to_van([(self.part_serial, 1, self.serial_1)], ticket=self.ticket)
        self._add_line(self.ticket, self.part_serial, 1, self.serial_1).with_user(
            self.engineer
        ).action_consume()
        self._return_old(self.part_serial, 1, self.old_unit)
        self.assertStock(
            self.part_serial,
            {self.old_parts_1: 1, self.van_1: 0, self.defective: 0},
            lot=self.old_unit,
        )
        self.assertEqual(self._quants(self.old_parts_1), {(self.part_serial, self.old_unit): 1})
        # The engineer sees it among his parts, as an old part earmarked for nothing.
        old_quant = (
            self.env["stock.quant"]
            .with_user(self.engineer)
            .search([("location_id", "=", self.old_parts_1.id)])
        )
        self.assertRecordValues(
            old_quant,
            [
                {
                    "lot_id": self.old_unit.id,
                    "spare_parts_old_part": True,
                    "spare_parts_ticket_id": False,
                    "spare_parts_earmarked_qty": 0.0,
                }
            ],
        )
        action = self.ticket.with_user(self.engineer).action_return_old_parts()
        document = self.env["spare.parts.return"].browse(action["res_id"])
        self.assertRecordValues(
            document.line_ids,
            [{"product_id": self.part_serial.id, "quantity": 1, "lot_ids": self.old_unit.ids}],
        )
        document.with_user(self.engineer).action_send()
        document.with_user(self.admin).action_receive()
        self.assertStock(
            self.part_serial,
            {self.old_parts_1: 0, self.transit: 0, self.defective: 1, self.spw_stock: 0},
            lot=self.old_unit,
        )

    def test_SP_32_old_parts_never_go_back_as_unused(self):
        self._return_old(self.part_plain)
        document = (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": "unused",
                    "location_id": self.old_parts_1.id,
                    "line_ids": [(0, 0, {"product_id": self.part_plain.id, "quantity": 1})],
                }
            )
        )
        with self.assertRefused(
            UserError,
            rf"Return {document.name}: Personal Warehouses/sp_engineer/Old Parts holds old "
            r"parts; they go back as old / defective parts, not as unused parts\.",
        ):
            document.with_user(self.engineer).action_send()
        self.assertEqual(document.state, "draft")
        self.assertStock(self.part_plain, {self.old_parts_1: 1, self.transit: 0, self.supply: 0})

    def test_SP_32_reminder_lists_old_parts(self):
        self._return_old(self.part_plain)
        later = fields.Datetime.now() + timedelta(days=31)
        reminded = self.env["stock.quant"]._spare_parts_remind_unused_parts(now=later)
        self.assertEqual(reminded, self.engineer)
        activity = self.engineer.partner_id.activity_ids
        self.assertRecordValues(
            activity,
            [{"user_id": self.engineer.id, "summary": "Return parts held over 30 days"}],
        )
        self.assertIn("1 Units [SP-AF] Air Filter (old part)", activity.note)

    def test_SP_32_setting_off_keeps_the_direct_route(self):
        self.company.spare_parts_old_parts_via_van = False
        self._return_old(self.part_plain)
        self.assertStock(self.part_plain, {self.old_parts_1: 0, self.van_1: 0, self.defective: 1})
        self.assertEqual(
            self._quants(self.defective), {(self.part_plain, self.env["stock.lot"]): 1}
        )

    def test_SP_32_van_without_old_parts_location_gets_one(self):
        """Vans of a database upgraded from before SP-32 have none yet."""
        old_parts_2 = self.van_2.child_ids.filtered("spare_parts_old_parts")
        old_parts_2.sudo().unlink()
        ticket_2 = self._new_ticket(self.engineer_2)
        self._install(self.part_plain)
        line = self._add_line(ticket_2, self.part_plain, 1, part_condition="old")
        line.with_user(self.engineer_2).action_return()
        created = self.van_2.child_ids.filtered("spare_parts_old_parts")
        self.assertRecordValues(
            created, [{"spare_parts_owner_id": self.engineer_2.id, "location_id": self.van_2.id}]
        )
        self.assertStock(self.part_plain, {created: 1, self.van_2: 0, self.defective: 0})
