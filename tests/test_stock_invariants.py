# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock invariants under random sequences of spare parts operations.

Hypothesis generates sequences of requests, shipments, acknowledgements,
consumptions, returns, engineer transfers and adjustments, valid and invalid,
for two engineers and two parts (one serial-tracked) in Advanced mode. Each
operation is refused or done; after each one the test checks that:

- a refused operation changed nothing (quants, moves, documents);
- every personal location and the transit location hold exactly what their
  done moves brought in minus what they took out, and never less than zero;
- every serial number is in at most one place, one unit at most.

Each sequence runs in a savepoint rolled back at its end. The number of
sequences and operations run is written to test-output/reports/.
"""

import os
from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import float_is_zero

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon

EXAMPLES = int(os.environ.get("SPS_HYPOTHESIS_EXAMPLES", "60"))
REFUSALS = (UserError, ValidationError, AccessError)

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
)


class TestStockInvariants(PersonalWarehouseCommon):
    """Random operation sequences keep personal stock exact."""

    test_tags = {"standard", "at_install"}
    test_module = "suite"
    stats = Counter()

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
        cls.stats = Counter()

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

    @classmethod
    def _write_report(cls):
        s = cls.stats
        line = (
            f"stock invariants: {s['sequences']} sequences, {s['operations']} operations "
            f"({s['done']} done, {s['refused']} refused), {s['checks']} invariant checks\n"
        )
        line += "".join(
            f"  {name}: {s[f'{name} done']} done, {s[f'{name} refused']} refused\n"
            for name in sorted({key.split()[0] for key in s if " " in key})
        )
        folder = Path(os.environ.get("SPS_ROOT") or Path(__file__).parents[1]) / "test-output"
        (folder / "reports").mkdir(parents=True, exist_ok=True)
        (folder / "reports" / "stock-invariants.txt").write_text(line)
        print(line, end="")

    # ------------------------------------------------------------ the property
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not os.environ.get("SPS_HYPOTHESIS_RANDOM"),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )
    @given(st.lists(OPERATIONS, min_size=1, max_size=16))
    def test_random_operations_keep_stock_exact(self, operations):
        savepoint = self.env.cr.savepoint()
        try:
            self.documents = []
            self.stats["sequences"] += 1
            for operation in operations:
                self._attempt(operation)
        finally:
            savepoint.close(rollback=True)

    def _attempt(self, operation):
        before = self._snapshot()
        self.stats["operations"] += 1
        savepoint = self.env.cr.savepoint()
        try:
            getattr(self, f"_op_{operation[0]}")(*operation[1:])
            self.env.flush_all()
        except REFUSALS:
            savepoint.close(rollback=True)
            self.stats["refused"] += 1
            self.stats[f"{operation[0]} refused"] += 1
            self.assertEqual(self._snapshot(), before, f"refused {operation} changed stock")
        else:
            savepoint.close(rollback=False)
            self.stats["done"] += 1
            self.stats[f"{operation[0]} done"] += 1
        self._check_invariants(operation)

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
        self.stats["checks"] += 1
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
