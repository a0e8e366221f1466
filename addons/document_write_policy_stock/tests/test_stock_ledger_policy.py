# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stock ledger changes only through stock moves: a user (here an
inventory user and a plain internal user, as an RPC client in a fresh
environment) cannot move, re-date or re-quantify a quant, nor give a move
line to another company; counting stays open."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.document_write_policy.tests.common import RefusalAssertions


class TestStockLedgerPolicy(RefusalAssertions, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf 9", "location_id": cls.stock.id}
        )
        cls.part = cls.env["product.product"].create({"name": "Valve", "is_storable": True})
        cls.env["stock.quant"]._update_available_quantity(cls.part, cls.stock, 5)
        cls.quant = cls.env["stock.quant"].search(
            [("product_id", "=", cls.part.id), ("location_id", "=", cls.stock.id)]
        )
        cls.stock_user = new_test_user(
            cls.env, login="ledger_stock", groups="stock.group_stock_user"
        )
        cls.internal = new_test_user(cls.env, login="ledger_user", groups="base.group_user")
        cls.other_company = cls.env["res.company"].create({"name": "Ledger Co B"})

    def _as(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def _ledger(self):
        self.env.invalidate_all()
        return [(q.location_id, q.quantity, q.in_date) for q in self.quant]

    def test_SP_02_quant_moves_only_through_moves(self):
        before = self._ledger()
        refusals = {
            "location_id": self.shelf.id,
            "quantity": 50,
            "reserved_quantity": 3,
            "in_date": "2999-12-31 23:59:59",
            "product_id": self.env["product.product"].search([], limit=1).id,
        }
        for field, value in refusals.items():
            with (
                self.subTest(field=field),
                self.assertRefused(AccessError, "of a quant change only through stock moves"),
            ):
                self._as(self.stock_user, self.quant).write({field: value})
        self.assertEqual(self._ledger(), before)

    def test_SP_02_counting_stays_open(self):
        self._as(self.stock_user, self.quant).with_context(inventory_mode=True).write(
            {"inventory_quantity": 4}
        )
        self.assertEqual(self.quant.inventory_quantity, 4)
        self.assertTrue(self.quant.inventory_quantity_set)
        self.assertEqual(self.quant.quantity, 5, "a count moves nothing until applied")

    def _done_transfer(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.int_type_id.id,
                "location_id": self.stock.id,
                "location_dest_id": self.shelf.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.part.id,
                            "product_uom_qty": 2,
                            "location_id": self.stock.id,
                            "location_dest_id": self.shelf.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.button_validate()
        self.assertEqual(picking.move_line_ids.state, "done")
        return picking

    def test_SP_02_done_move_line_keeps_its_company(self):
        line = self._done_transfer().move_line_ids
        refusals = {
            self.internal: "may read move lines but not change them",
            self.stock_user: "belong to the company of their transfer",
        }
        for user, message in refusals.items():
            with self.subTest(user=user.login), self.assertRefused(AccessError, message):
                self._as(user, line).write({"company_id": self.other_company.id})
        self.assertEqual(line.company_id, self.env.company)
        # Writing the company it already has changes nothing and is accepted.
        self._as(self.stock_user, line).write({"company_id": self.env.company.id})

    def test_SP_02_done_move_line_is_the_ledger(self):
        picking = self._done_transfer()
        line = picking.move_line_ids
        other = self._done_transfer()
        before = line.read(["date", "move_id", "picking_id", "lot_name", "picked"])
        refusals = {
            "move_id": (other.move_ids.id, "a done transfer is the stock ledger"),
            "picking_id": (other.id, "follow their move and cannot be changed"),
            "date": ("2999-12-31 23:59:59", "a done transfer is the stock ledger"),
            "lot_name": ("Forged", "a done transfer is the stock ledger"),
            "picked": (False, "a done transfer is the stock ledger"),
        }
        for field, (value, message) in refusals.items():
            with self.subTest(field=field), self.assertRefused(AccessError, message):
                self._as(self.stock_user, line).write({field: value})
        # an internal user without an Inventory role writes no move line at all
        with self.assertRefused(AccessError, "may read move lines but not change them"):
            self._as(self.internal, line).write({"quantity": 1})
        self.env.invalidate_all()
        self.assertEqual(line.read(["date", "move_id", "picking_id", "lot_name", "picked"]), before)
        self.assertEqual(self.quant.quantity, 1, "5 on hand, 2 + 2 moved to the shelf")

    def test_SP_02_detailed_operations_are_inventory_users(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.int_type_id.id,
                "location_id": self.stock.id,
                "location_dest_id": self.shelf.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {"product_id": self.part.id, "product_uom_qty": 1}
                        | {"location_id": self.stock.id, "location_dest_id": self.shelf.id},
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        line = picking.move_line_ids
        with self.assertRefused(AccessError, "may read move lines but not change them"):
            self._as(self.internal, line).copy()
        with self.assertRefused(AccessError, "may read move lines but not change them"):
            self._as(self.internal, line).write({"location_dest_id": self.stock.id})
        self.assertEqual(len(picking.move_line_ids), 1)
        # the Inventory user works the transfer as Odoo lets him
        self._as(self.stock_user, line).write({"quantity": 1, "picked": True})
        self.assertEqual(len(self._as(self.stock_user, line).copy()), 1)

    def test_SP_02_no_stock_from_a_line_on_a_done_transfer(self):
        picking = self._done_transfer()
        before = self._ledger()
        with self.assertRefused(AccessError, "may read move lines but not change them"):
            self.env["stock.move.line"].with_user(self.internal).create(
                {
                    "move_id": picking.move_ids.id,
                    "picking_id": picking.id,
                    "product_id": self.part.id,
                    "quantity": 100,
                    "location_id": self.stock.id,
                    "location_dest_id": self.shelf.id,
                }
            )
        self.assertEqual(self._ledger(), before)
        self.assertEqual(len(picking.move_line_ids), 1)
