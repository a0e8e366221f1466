# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.fields import Command

from .common import SparePartsCommon

CREATE_REFUSED = r"not allowed to create 'Equipment Asset BOM Line'"
WRITE_REFUSED = r"not allowed to modify 'Equipment Asset BOM Line'"
DELETE_REFUSED = r"not allowed to delete 'Equipment Asset BOM Line'"


class TestSpareParts15AssetBomWritePolicy(SparePartsCommon):
    """SP-15: a service engineer reads the asset BOM of a unit and changes it
    only by consuming parts on a work order; adding, editing or deleting its
    lines, directly or through the equipment, is the administrator's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_part_replacement = True
        cls.installed = cls._install(cls.part_serial, lot=cls.serial_1)
        cls.other_installed = cls._install(cls.part_plain, 2, equipment=cls.other_equipment)

    def _as(self, user, records):
        """``records`` as ``user`` reaches them in a new request."""
        self.env.invalidate_all()
        return records.with_user(user)

    def _asset_bom(self):
        """Every asset BOM line of both units, as the database holds it."""
        self.env.invalidate_all()
        return self.env["spare.parts.equipment.part"].search_read(
            [("equipment_id", "in", (self.equipment | self.other_equipment).ids)],
            [
                "equipment_id",
                "product_id",
                "lot_id",
                "quantity",
                "date_installed",
                "installed_by_id",
                "ticket_id",
                "date_removed",
                "removed_ticket_id",
            ],
            order="id",
        )

    def _new_part_vals(self):
        return {"product_id": self.part_plain.id, "quantity": 3}

    def test_SP_15_write_policy_engineer_cannot_add_asset_bom_lines(self):
        before = self._asset_bom()
        Part = self.env["spare.parts.equipment.part"]
        with self.assertRefused(AccessError, CREATE_REFUSED):
            self._as(self.engineer, Part).create(
                {"equipment_id": self.equipment.id, **self._new_part_vals()}
            )
        with self.assertRefused(AccessError, CREATE_REFUSED):
            self._as(self.engineer, self.equipment).write(
                {"spare_part_ids": [Command.create(self._new_part_vals())]}
            )
        with self.assertRefused(AccessError, CREATE_REFUSED):
            self._as(self.engineer, self.env["maintenance.equipment"]).create(
                {
                    "name": "Forged unit",
                    "spare_part_ids": [Command.create(self._new_part_vals())],
                }
            )
        self.assertEqual(self._asset_bom(), before)
        self.assertFalse(self.env["maintenance.equipment"].search([("name", "=", "Forged unit")]))

    def test_SP_15_write_policy_engineer_cannot_forge_replacements(self):
        """The replacement history is written by Consume, not by a client."""
        Replacement = self.env["spare.parts.replacement"]
        before = Replacement.search_count([])
        with self.assertRefused(AccessError, "not allowed to create 'Equipment Part Replacement'"):
            self._as(self.engineer, Replacement).create(
                {
                    "equipment_id": self.equipment.id,
                    "old_product_id": self.part_serial.id,
                    "new_product_id": self.part_serial.id,
                    "old_part_line_id": self.installed.id,
                }
            )
        self.assertEqual(Replacement.search_count([]), before)

    def test_SP_15_write_policy_engineer_cannot_change_asset_bom_lines(self):
        before = self._asset_bom()
        for vals in (
            {"quantity": 5},
            {"lot_id": self.serial_2.id},
            {"date_removed": "2025-01-31"},
            {"equipment_id": self.other_equipment.id},
        ):
            with self.assertRefused(AccessError, WRITE_REFUSED):
                self._as(self.engineer, self.installed).write(vals)
        with self.assertRefused(AccessError, WRITE_REFUSED):
            self._as(self.engineer, self.equipment).write(
                {"spare_part_ids": [Command.update(self.installed.id, {"quantity": 5})]}
            )
        # A line of another unit is not moved into this one.
        with self.assertRefused(AccessError, WRITE_REFUSED):
            self._as(self.engineer, self.equipment).write(
                {"spare_part_ids": [Command.link(self.other_installed.id)]}
            )
        self.assertEqual(self._asset_bom(), before)

    def test_SP_15_write_policy_engineer_cannot_delete_asset_bom_lines(self):
        before = self._asset_bom()
        with self.assertRefused(AccessError, DELETE_REFUSED):
            self._as(self.engineer, self.installed).unlink()
        for command in (
            Command.delete(self.installed.id),
            Command.unlink(self.installed.id),
            Command.clear(),
            Command.set([]),
        ):
            with self.assertRefused(AccessError, DELETE_REFUSED):
                self._as(self.engineer, self.equipment).write({"spare_part_ids": [command]})
        self.assertEqual(self._asset_bom(), before)
        # What the engineer keeps: reading the asset BOM, naming the unit.
        self.assertEqual(self._as(self.engineer, self.equipment).spare_part_ids, self.installed)
        self._as(self.engineer, self.equipment).write({"name": "Acme compressor (hall 2)"})
        self.assertEqual(self.equipment.name, "Acme compressor (hall 2)")

    def test_SP_15_write_policy_consume_updates_asset_bom(self):
        replacing = self._add_line(
            self.ticket,
            self.part_serial,
            1,
            self.serial_2,
            replaced_product_id=self.part_serial.id,
            replaced_lot_id=self.serial_1.id,
        )
        added = self._add_line(self.ticket, self.part_plain, 2)
        self._as(self.engineer, self.ticket).action_consume_parts()
        self.env.invalidate_all()
        self.assertEqual((replacing | added).mapped("state"), ["consumed", "consumed"])
        new_parts = self.equipment.spare_part_ids.sorted("id")
        self.assertRecordValues(
            new_parts,
            [
                {
                    "product_id": self.part_serial.id,
                    "lot_id": self.serial_2.id,
                    "quantity": 1.0,
                    "ticket_id": self.ticket.id,
                    "installed_by_id": self.engineer.id,
                    "create_uid": self.engineer.id,
                },
                {
                    "product_id": self.part_plain.id,
                    "lot_id": False,
                    "quantity": 2.0,
                    "ticket_id": self.ticket.id,
                    "installed_by_id": self.engineer.id,
                    "create_uid": self.engineer.id,
                },
            ],
        )
        self.assertRecordValues(
            self.installed,
            [
                {
                    "is_installed": False,
                    "removed_ticket_id": self.ticket.id,
                    "write_uid": self.engineer.id,
                }
            ],
        )
        self.assertRecordValues(
            self.equipment.spare_parts_replacement_ids,
            [
                {
                    "old_part_line_id": self.installed.id,
                    "new_part_line_id": new_parts[0].id,
                    "parts_line_id": replacing.id,
                }
            ],
        )
        # The old unit taken out comes back by its engineer; the asset BOM stays.
        before = self._asset_bom()
        old = self._add_line(self.ticket, self.part_serial, 1, self.serial_1, part_condition="old")
        self._as(self.engineer, old).action_return()
        self.assertEqual(old.state, "returned")
        self.assertEqual(self._asset_bom(), before)

    def test_SP_15_write_policy_administrator_edits_asset_bom(self):
        Part = self.env["spare.parts.equipment.part"]
        line = self._as(self.admin, Part).create(
            {"equipment_id": self.equipment.id, **self._new_part_vals()}
        )
        self._as(self.admin, line).write({"quantity": 4})
        self.assertEqual(line.quantity, 4.0)
        self._as(self.admin, self.equipment).write(
            {
                "spare_part_ids": [
                    Command.update(self.installed.id, {"lot_id": self.serial_3.id}),
                    Command.create({"product_id": self.part_plain.id, "quantity": 1}),
                ]
            }
        )
        self.assertEqual(self.installed.lot_id, self.serial_3)
        self.assertEqual(len(self.equipment.spare_part_ids), 3)
        self._as(self.admin, line).unlink()
        self._as(self.admin, self.equipment).write(
            {"spare_part_ids": [Command.delete(self.installed.id)]}
        )
        self.assertRecordValues(
            self.equipment.spare_part_ids, [{"product_id": self.part_plain.id, "quantity": 1.0}]
        )
