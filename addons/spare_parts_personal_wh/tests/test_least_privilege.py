# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-02 least privilege: what an engineer's client may send and what the
server refuses, whatever the form's domains say. Every refusal is an
AccessError naming the rule and leaves stock and documents as they were."""

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form

from .common import PersonalWarehouseCommon


class TestSpareParts02LeastPrivilege(PersonalWarehouseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_personal_transfer = True

    def _snapshot(self):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT (SELECT count(*) FROM stock_move),
                      (SELECT coalesce(sum(quantity), 0) FROM stock_quant),
                      (SELECT count(*) FROM stock_picking),
                      (SELECT string_agg(state, ',' ORDER BY id) FROM spare_parts_return),
                      (SELECT string_agg(state, ',' ORDER BY id) FROM spare_parts_transfer)"""
        )
        return self.env.cr.fetchone()

    def _fill_van_1(self, qty=3):
        self._deliver_to_van([(self.part_plain, qty, None)])

    # ------------------------------------------------------------ vans
    def test_SP_02_return_from_another_engineers_van_is_refused(self):
        self._fill_van_1()
        document = (
            self.env["spare.parts.return"]
            .with_user(self.engineer_2)
            .create(
                {
                    "return_type": "unused",
                    "location_id": self.van_1.id,
                    "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 1})],
                }
            )
        )
        before = self._snapshot()
        with self.assertRaisesRegex(AccessError, "not a personal warehouse of sp_engineer_2"):
            document.with_user(self.engineer_2).action_send()
        self.assertEqual(self._snapshot(), before)
        self.assertStock(self.part_plain, {self.van_1: 3, self.van_2: 0, self.transit: 0})

    def test_SP_11_transfer_from_another_engineers_van_is_refused(self):
        self._fill_van_1()
        transfer = (
            self.env["spare.parts.transfer"]
            .with_user(self.engineer_2)
            .create(
                {
                    "location_id": self.van_1.id,
                    "receiver_id": self.admin.id,
                    "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 2})],
                }
            )
        )
        before = self._snapshot()
        with self.assertRaisesRegex(AccessError, "an engineer sends parts only from his own van"):
            transfer.with_user(self.engineer_2).action_send()
        self.assertEqual(self._snapshot(), before)
        self.assertStock(self.part_plain, {self.van_1: 3, self.transit: 0})

    def test_SP_11_transfer_only_to_another_engineer(self):
        self._fill_van_1()
        Transfer = self.env["spare.parts.transfer"].with_user(self.engineer)
        to_plain_user = Transfer.create(
            {
                "receiver_id": self.plain_user.id,
                "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 1})],
            }
        )
        # A van of the receiver chosen by hand must be his.
        to_wrong_van = Transfer.create(
            {
                "receiver_id": self.engineer_2.id,
                "line_ids": [Command.create({"product_id": self.part_plain.id, "quantity": 1})],
            }
        )
        to_wrong_van.sudo().location_dest_id = self.van_1
        before = self._snapshot()
        with self.assertRaisesRegex(AccessError, "sp_plain is not another service engineer"):
            to_plain_user.with_user(self.engineer).action_send()
        with self.assertRaisesRegex(AccessError, "is not a personal warehouse of sp_engineer_2"):
            to_wrong_van.with_user(self.engineer).action_send()
        self.assertEqual(self._snapshot(), before)

    def test_SP_11_new_transfer_form_opens_without_receiver(self):
        with Form(self.env["spare.parts.transfer"].with_user(self.engineer)) as transfer:
            self.assertFalse(transfer.location_dest_id)
            self.assertEqual(transfer.location_id, self.van_1)
            transfer.receiver_id = self.engineer_2
            self.assertEqual(transfer.location_dest_id, self.van_2)
            with transfer.line_ids.new() as line:
                line.product_id = self.part_plain

    def test_SP_05_consume_from_another_engineers_van_is_refused(self):
        self._fill_van_1()
        ticket = self._new_ticket(self.engineer_2)
        line = (
            self.env["spare.parts.line"]
            .with_user(self.engineer_2)
            .create({"ticket_id": ticket.id, "product_id": self.part_plain.id, "quantity": 1})
        )
        line.sudo().write({"engineer_id": self.engineer.id, "location_id": self.van_1.id})
        before = self._snapshot()
        with self.assertRaisesRegex(
            AccessError, "sp_engineer_2 may consume only from his own personal warehouse"
        ):
            line.with_user(self.engineer_2).action_consume()
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(line.state, "planned")

    # ------------------------------------------------------ action fields
    def test_SP_23_engineer_cannot_approve_his_warranty_replacement(self):
        line = self._add_line(self.ticket, self.part_plain, 1, is_warranty_replacement=True)
        self.assertEqual(line.warranty_approval_state, "to_approve")
        as_engineer = line.with_user(self.engineer)
        with self.assertRaisesRegex(AccessError, "Warranty Approval State of Work Order Part Line"):
            as_engineer.write({"warranty_approval_state": "approved"})
        with self.assertRaisesRegex(AccessError, "Only spare parts administrators approve"):
            line.with_user(self.engineer).action_approve_warranty_replacement()
        self.assertEqual(line.warranty_approval_state, "to_approve")
        line.with_user(self.admin).action_approve_warranty_replacement()
        self.assertEqual(line.warranty_approval_state, "approved")

    def test_SP_02_states_change_only_through_buttons(self):
        request = self._request([(self.part_plain, 2, None)])
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            request.with_user(self.engineer).write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            request.with_user(self.admin).write({"state": "done"})
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            self.env["spare.parts.request"].with_user(self.engineer).create(
                {"state": "done", "line_ids": [Command.create({"product_id": self.part_plain.id})]}
            )
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            self.env["spare.parts.request"].with_user(self.engineer).with_context(
                default_state="done"
            ).create({"line_ids": [Command.create({"product_id": self.part_plain.id})]})
        line = self._add_line(self.ticket, self.part_plain, 1)
        with self.assertRaisesRegex(AccessError, "change only through the document's buttons"):
            line.with_user(self.engineer).write({"state": "consumed"})
        self.assertEqual(request.state, "draft")
        self.assertEqual(line.state, "planned")

    # ------------------------------------------------------ stock records
    def test_SP_02_engineer_reads_only_his_own_stock_documents(self):
        self._advanced()
        own = self._deliver_to_van([(self.part_plain, 2, None)])
        other = self._deliver_to_van([(self.part_plain, 1, None)], engineer=self.engineer_2)
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(
            self.part_plain, self.env.ref("stock.stock_location_stock"), 5
        )
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.env.ref("stock.picking_type_in").id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.env.ref("stock.stock_location_stock").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part_plain.id,
                            "product_uom_qty": 4,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.env.ref("stock.stock_location_stock").id,
                        }
                    )
                ],
            }
        )
        Picking = self.env["stock.picking"].with_user(self.engineer)
        visible = Picking.search([])
        self.assertEqual(visible, own._get_pickings())
        for model in ("stock.picking", "stock.move", "stock.move.line"):
            records = self.env[model].with_user(self.engineer).search([])
            self.assertTrue(records, model)
        with self.assertRaises(AccessError):
            other._get_pickings().with_user(self.engineer).read(["name"])
        with self.assertRaises(AccessError):
            receipt.move_ids.with_user(self.engineer).read(["product_uom_qty"])
        self.assertTrue(own.with_user(self.engineer).picking_count)
        # The administrator (an inventory user) still sees everything.
        self.assertIn(receipt, self.env["stock.picking"].with_user(self.admin).search([]))

    def test_SP_02_engineer_creates_no_move_line_into_a_van(self):
        self._fill_van_1()
        own_move = self.env["stock.move"].search(
            [("location_dest_id", "=", self.van_1.id), ("state", "=", "done")], limit=1
        )
        before = self._snapshot()
        for van in (self.van_1, self.van_2):
            with self.assertRaises(AccessError):
                self.env["stock.move.line"].with_user(self.engineer).create(
                    {
                        "move_id": own_move.id,
                        "product_id": self.part_plain.id,
                        "quantity": 5,
                        "location_id": self.supply.id,
                        "location_dest_id": van.id,
                    }
                )
        self.assertEqual(self._snapshot(), before)
        self.assertStock(self.part_plain, {self.van_1: 3, self.van_2: 0})

    # ------------------------------------------------------------ serials
    def test_SP_21_serial_chosen_on_an_approved_request_ships(self):
        self._advanced()
        request = self._request([(self.part_serial, 1, None)])
        request.with_user(self.engineer).action_submit()
        request.with_user(self.admin).action_approve()
        reserved = request._get_pickings().move_ids.move_line_ids.lot_id
        chosen = (self.serial_1 | self.serial_2 | self.serial_3) - reserved
        chosen = chosen[:1]
        request.line_ids.with_user(self.admin).write({"lot_ids": [Command.set(chosen.ids)]})
        request.with_user(self.admin).action_ship()
        request.with_user(self.engineer).action_receive()
        self.assertStock(self.part_serial, {self.van_1: 1, self.spw_stock: 0}, lot=chosen)
        self.assertStock(self.part_serial, {self.van_1: 0, self.spw_stock: 1}, lot=reserved)

    def test_SP_21_serial_the_warehouse_does_not_hold_is_refused(self):
        self._advanced()
        request = self._request([(self.part_serial, 1, None)])
        request.with_user(self.engineer).action_submit()
        request.with_user(self.admin).action_approve()
        elsewhere = self.env["stock.lot"].create(
            {"name": "CB-0099", "product_id": self.part_serial.id}
        )
        request.line_ids.with_user(self.admin).write({"lot_ids": [Command.set(elsewhere.ids)]})
        with self.assertRaisesRegex(Exception, "CB-0099"):
            request.with_user(self.admin).action_ship()
        self.assertEqual(request.state, "approved")
        self.assertStock(self.part_serial, {self.spw_stock: 3, self.transit: 0})
