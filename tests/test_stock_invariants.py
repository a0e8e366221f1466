# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock invariants under random sequences of spare parts operations.

Hypothesis generates sequences of requests, shipments, acknowledgements,
consumptions, returns, engineer transfers and adjustments, valid and invalid,
for two engineers and two parts (one serial-tracked) in Advanced mode,
interleaved with what a warehouse clerk does on Odoo's own Inventory screens
to the same documents' transfers: validate (in full, with a backorder, or
without one), cancel, and send back with the return wizard. Each operation is
refused or done; after each one the test checks that:

- a refused operation changed nothing (quants, moves, documents);
- every personal location and the transit location hold exactly what their
  done moves brought in minus what they took out, and never less than zero;
- every serial number is in at most one place, one unit at most;
- every document line's shipped, received and returned quantities equal what
  its transfers' done move lines moved, nothing is shipped beyond what was
  asked nor received beyond what was shipped, a finished document has no
  open transfer left, and a consumed part left the van exactly once.

Each sequence runs in a savepoint rolled back at its end. The number of
sequences and operations run is written to test-output/reports/.
"""

import os
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st
from random_sequences import RandomSequenceMixin, sequence_settings

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import float_is_zero

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon

# 90 sequences of 12 to 16 operations: more than 1,000 operations by default.
EXAMPLES = int(os.environ.get("SPS_HYPOTHESIS_EXAMPLES", "90"))

engineer = st.integers(0, 1)
part = st.sampled_from(["plain", "serial"])
serial = st.integers(0, 2)
qty = st.integers(1, 4)
document = st.integers(0, 7)
OPERATIONS = st.one_of(
    st.tuples(st.just("request"), engineer, part, qty),
    st.tuples(st.just("ship"), document),
    st.tuples(st.just("acknowledge"), document),
    st.tuples(st.just("consume"), engineer, part, qty, serial),
    st.tuples(st.just("return"), engineer, part, qty, serial, st.booleans()),
    st.tuples(st.just("transfer"), engineer, part, qty, serial),
    st.tuples(st.just("reject"), document),
    st.tuples(st.just("adjust"), engineer, st.integers(0, 6)),
    # Odoo's own Inventory screens, used by a warehouse clerk.
    st.tuples(
        st.just("inventory_validate"),
        document,
        st.sampled_from(["full", "backorder", "no_backorder"]),
    ),
    st.tuples(st.just("inventory_cancel"), document),
    st.tuples(st.just("inventory_return"), document),
)
PICKING_LINKS = {
    "spare.parts.request": "spare_parts_request_id",
    "spare.parts.return": "spare_parts_return_id",
    "spare.parts.transfer": "spare_parts_transfer_id",
}


class TestStockInvariants(RandomSequenceMixin, PersonalWarehouseCommon):
    """Random operation sequences keep personal stock exact."""

    test_tags = {"standard", "at_install"}
    test_module = "suite"
    report_name = "stock-invariants"
    report_title = "stock invariants"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()
        cls.company.write(
            {"spare_parts_personal_transfer": True, "spare_parts_personal_adjustment": True}
        )
        cls.engineers = (cls.engineer, cls.engineer_2)
        cls.vans = (cls.van_1, cls.van_2)
        cls.tickets = (cls.ticket, cls._new_ticket(cls.engineer_2))
        cls.parts = {"plain": cls.part_plain, "serial": cls.part_serial}
        cls.serials = (cls.serial_1, cls.serial_2, cls.serial_3)
        cls.watched = (*cls.vans, cls.transit)
        cls.clerk = cls._new_user("sp_clerk_invariants", "stock.group_stock_user")
        cls._reset_counts()

    def setUp(self):
        super().setUp()
        # Both vans start with parts, delivered the real way (request, ship,
        # acknowledge) so that their quants come from done moves too.
        self.env["stock.quant"]._update_available_quantity(self.part_plain, self.spw_stock, 20)
        self._deliver_to_van([(self.part_plain, 5, None), (self.part_serial, 1, self.serial_1)])
        self._deliver_to_van(
            [(self.part_plain, 3, None), (self.part_serial, 1, self.serial_2)],
            engineer=self.engineer_2,
        )

    @classmethod
    def tearDownClass(cls):
        cls._write_report()
        super().tearDownClass()

    # ------------------------------------------------------------ the property
    @sequence_settings(EXAMPLES)
    @given(st.lists(OPERATIONS, min_size=12, max_size=16))
    def test_random_operations_keep_stock_exact(self, operations):
        self.documents = []
        self._run_sequence(operations)

    # ------------------------------------------------------------ operations
    def _lines(self, part_key, quantity, serial_index):
        product = self.parts[part_key]
        if part_key == "serial":
            return [
                Command.create(
                    {
                        "product_id": product.id,
                        "quantity": 1,
                        "lot_ids": [Command.set(self.serials[serial_index].ids)],
                    }
                )
            ]
        return [Command.create({"product_id": product.id, "quantity": quantity})]

    def _document(self, index, kind=None):
        candidates = [d for d in self.documents if kind is None or d._name == kind]
        if not candidates:
            raise UserError("no document to act on yet")
        return candidates[index % len(candidates)]

    def _op_request(self, who, part_key, quantity):
        user = self.engineers[who]
        product = self.parts[part_key]
        if part_key == "serial":
            quantity = 1
        request = (
            self.env["spare.parts.request"]
            .with_user(user)
            .create(
                {
                    "engineer_id": user.id,
                    "line_ids": [Command.create({"product_id": product.id, "quantity": quantity})],
                }
            )
        )
        request.action_submit()
        request.with_user(self.admin).action_approve()
        self.documents.append(request)

    def _op_ship(self, index):
        self._document(index, "spare.parts.request").with_user(self.admin).action_ship()

    def _op_acknowledge(self, index):
        doc = self._document(index)
        if doc._name == "spare.parts.request":
            doc.with_user(doc.engineer_id).action_receive()
        elif doc._name == "spare.parts.return":
            doc.with_user(self.admin).action_receive()
        else:
            doc.with_user(doc.receiver_id).action_accept()

    def _op_reject(self, index):
        doc = self._document(index, "spare.parts.transfer")
        doc.with_user(doc.receiver_id).action_reject()

    def _op_consume(self, who, part_key, quantity, serial_index):
        lot = self.serials[serial_index] if part_key == "serial" else None
        line = self._add_line(self.tickets[who], self.parts[part_key], 1 if lot else quantity, lot)
        line.with_user(self.engineers[who]).action_consume()

    def _op_return(self, who, part_key, quantity, serial_index, defective):
        user = self.engineers[who]
        doc = (
            self.env["spare.parts.return"]
            .with_user(user)
            .create(
                {
                    "engineer_id": user.id,
                    "return_type": "defective" if defective else "unused",
                    "line_ids": self._lines(part_key, quantity, serial_index),
                }
            )
        )
        doc.action_send()
        self.documents.append(doc)

    def _op_transfer(self, who, part_key, quantity, serial_index):
        user = self.engineers[who]
        doc = (
            self.env["spare.parts.transfer"]
            .with_user(user)
            .create(
                {
                    "engineer_id": user.id,
                    "receiver_id": self.engineers[1 - who].id,
                    "line_ids": self._lines(part_key, quantity, serial_index),
                }
            )
        )
        doc.action_send()
        self.documents.append(doc)

    def _op_adjust(self, who, counted):
        adjustment = (
            self.env["spare.parts.adjustment"]
            .with_user(self.admin)
            .create(
                {
                    "location_id": self.vans[who].id,
                    "reason": "Random count",
                    "line_ids": [
                        Command.create({"product_id": self.part_plain.id, "counted_qty": counted})
                    ],
                }
            )
        )
        adjustment.action_apply()

    def _pickings(self, doc, states):
        return (
            self.env["stock.picking"]
            .with_user(self.clerk)
            .search([(PICKING_LINKS[doc._name], "=", doc.id), ("state", "in", states)], order="id")
        )

    def _op_inventory_validate(self, index, how):
        picking = self._pickings(self._document(index), ("assigned",))[:1]
        if not picking:
            raise UserError("no transfer ready to validate")
        self._validate_in_inventory(picking, how)

    def _op_inventory_cancel(self, index):
        picking = self._pickings(
            self._document(index), ("draft", "waiting", "confirmed", "assigned")
        )
        if not picking:
            raise UserError("no open transfer to cancel")
        picking[:1].action_cancel()

    def _op_inventory_return(self, index):
        """Send one unit of a done transfer back with the return wizard and
        validate the return."""
        picking = self._pickings(self._document(index), ("done",))[-1:]
        if not picking:
            raise UserError("no done transfer to return")
        returned = self._return_one_in_inventory(picking, self.clerk)
        if returned.state != "assigned":
            raise UserError("the returned part is no longer there")
        returned.button_validate()

    # ------------------------------------------------------------ checks
    def _snapshot(self):
        self.env.invalidate_all()
        products = list(self.parts.values())
        quants = (
            self.env["stock.quant"].sudo().search([("product_id", "in", [p.id for p in products])])
        )
        moves = (
            self.env["stock.move"].sudo().search([("product_id", "in", [p.id for p in products])])
        )
        documents = {(d._name, d.id): d.exists().state for d in getattr(self, "documents", [])}
        return (
            sorted(
                (q.location_id.id, q.product_id.id, q.lot_id.id, q.quantity, q.reserved_quantity)
                for q in quants
            ),
            sorted((m.id, m.state, m.quantity) for m in moves),
            documents,
        )

    def _check_invariants(self, operation):
        self.env.invalidate_all()
        products = list(self.parts.values())
        on_hand = defaultdict(float)
        for quant in (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "in", [p.id for p in products]),
                    ("location_id", "in", [loc.id for loc in self.watched]),
                ]
            )
        ):
            on_hand[(quant.location_id, quant.product_id, quant.lot_id)] += quant.quantity
        moved = defaultdict(float)
        for line in (
            self.env["stock.move.line"]
            .sudo()
            .search([("product_id", "in", [p.id for p in products]), ("state", "=", "done")])
        ):
            qty = line.quantity_product_uom
            if line.location_dest_id in self.watched:
                moved[(line.location_dest_id, line.product_id, line.lot_id)] += qty
            if line.location_id in self.watched:
                moved[(line.location_id, line.product_id, line.lot_id)] -= qty
        for key in set(on_hand) | set(moved):
            location, product, lot = key
            label = f"{location.display_name} / {product.display_name} / {lot.name or '-'}"
            rounding = product.uom_id.rounding
            self.assertTrue(
                float_is_zero(on_hand[key] - moved[key], precision_rounding=rounding),
                f"after {operation}: {label} holds {on_hand[key]}, moves say {moved[key]}",
            )
            self.assertGreaterEqual(on_hand[key], 0, f"after {operation}: {label} negative")
        self._check_serials(operation)
        self._check_documents(operation)
        self._check_consumption(operation)

    def _check_documents(self, operation):
        """Each line's quantities are what its transfers' move lines moved."""
        for doc in getattr(self, "documents", []):
            pickings = (
                self.env["stock.picking"].sudo().search([(PICKING_LINKS[doc._name], "=", doc.id)])
            )
            done = defaultdict(float)
            for move_line in pickings.move_line_ids.filtered(lambda ml: ml.state == "done"):
                done[(move_line.picking_id.spare_parts_leg, move_line.product_id)] += (
                    move_line.quantity_product_uom
                )
            lines = doc.sudo().line_ids
            for leg, field in (
                ("outbound", "qty_shipped"),
                ("inbound", "qty_received"),
                ("return", "qty_returned"),
            ):
                for product in lines.product_id:
                    of_product = lines.filtered(lambda line, p=product: line.product_id == p)
                    self.assertAlmostEqual(
                        sum(of_product.mapped(field)),
                        done[(leg, product)],
                        msg=f"after {operation}: {doc.name} {field} of {product.display_name}",
                    )
            for line in lines:
                label = f"after {operation}: {doc.name} {line.product_id.display_name}"
                self.assertLessEqual(line.qty_shipped, line.quantity, f"{label} shipped twice")
                self.assertLessEqual(line.qty_received, line.qty_shipped, f"{label} received twice")
                self.assertLessEqual(
                    line.qty_shipped + line.qty_cancelled, line.quantity + 1e-6, label
                )
            open_pickings = pickings.filtered(lambda p: p.state not in ("done", "cancel"))
            if doc.state in ("done", "cancel"):
                self.assertFalse(
                    open_pickings,
                    f"after {operation}: {doc.name} is {doc.state} with open transfers",
                )

    def _check_consumption(self, operation):
        """A consumed part left its van once: its done moves out of the van
        add up to the line's quantity."""
        for ticket in self.tickets:
            for line in ticket.sudo().part_line_ids.filtered(lambda ln: ln.state == "done"):
                moved = sum(
                    move.quantity
                    for move in line.move_ids
                    if move.state == "done"
                    and move.product_id == line.product_id
                    and move.location_id in self.vans
                )
                if line.move_ids.filtered(lambda m, ln=line: m.product_id == ln.product_id):
                    self.assertAlmostEqual(
                        moved,
                        line.quantity,
                        msg=f"after {operation}: consumption of {line.display_name}",
                    )

    def _check_serials(self, operation):
        for lot in self.serials:
            quants = (
                self.env["stock.quant"]
                .sudo()
                .search(
                    [
                        ("lot_id", "=", lot.id),
                        ("location_id.usage", "in", ("internal", "transit")),
                        ("quantity", "!=", 0),
                    ]
                )
            )
            self.assertLessEqual(
                len(quants),
                1,
                f"after {operation}: {lot.name} is in {quants.location_id.mapped('display_name')}",
            )
            self.assertIn(sum(quants.mapped("quantity")), (0, 1), f"after {operation}: {lot.name}")
