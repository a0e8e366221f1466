# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""B2B documents stay equal to the ledger under random sequences.

Hypothesis generates sequences mixing the suite's B2B actions (a sales person
confirms an order, the ERP sends a fulfilment result for a shipping notice, in
full or in part) with what users do on Odoo's own screens (a warehouse clerk
validates a delivery in Inventory in full, with a backorder or without one,
cancels it, or takes a part back with the Return wizard; a sales person
cancels the order). After each operation the test checks that:

- a refused operation changed nothing (quants, moves, shipments);
- what each shipment line says it shipped is what its moves delivered, and no
  sale line is shipped beyond what was ordered;
- every quantity still to deliver is on exactly one shipping notice waiting
  for fulfilment (the remainder of a partial delivery gets its own notice),
  and nothing a notice waits for is already delivered or cancelled;
- a cancelled order has no notice waiting, and the export never sends one;
- the warehouses' stock is what their done moves left, never below zero.

The counts are written to test-output/reports/b2b-invariants.txt.
"""

import os
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st
from random_sequences import RandomSequenceMixin, sequence_settings

from odoo.exceptions import UserError
from odoo.tests import new_test_user
from odoo.tools import float_compare

from odoo.addons.sales_inventory_b2b.tests.common import B2bCommon

# 80 sequences of 12 to 16 operations: more than 1,000 operations by default.
EXAMPLES = int(os.environ.get("SPS_HYPOTHESIS_EXAMPLES_B2B", "80"))
# Each sequence starts with an order of each product, so that the operations
# drawn after them find something to act on.
OPENING = [("order", 0, 4), ("order", 1, 2)]

index = st.integers(0, 7)
OPERATIONS = st.one_of(
    st.tuples(st.just("order"), st.integers(0, 1), st.integers(1, 6)),
    st.tuples(st.just("fulfil"), index, st.booleans()),
    st.tuples(
        st.just("inventory_validate"), index, st.sampled_from(["full", "backorder", "no_backorder"])
    ),
    st.tuples(st.just("inventory_cancel"), index),
    st.tuples(st.just("inventory_return"), index),
    st.tuples(st.just("cancel_order"), index),
)


class TestB2bInvariants(RandomSequenceMixin, B2bCommon):
    """Random B2B sequences keep notices, orders and stock equal to the ledger."""

    report_name = "b2b-invariants"
    report_title = "b2b invariants"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.b2b_validation_rule = "allow"
        cls.clerk = new_test_user(
            cls.env, login="b2b_invariants_clerk", groups="stock.group_stock_user"
        )
        cls.products = (cls.product, cls.product_2)
        cls.locations = cls.wh_a.lot_stock_id | cls.wh_b.lot_stock_id
        cls._reset_counts()

    @classmethod
    def tearDownClass(cls):
        cls._write_report()
        super().tearDownClass()

    @sequence_settings(EXAMPLES)
    @given(st.lists(OPERATIONS, min_size=10, max_size=14))
    def test_SI_06_random_sequences_keep_documents_equal_to_the_ledger(self, operations):
        self.orders = self.env["sale.order"]
        self._run_sequence(OPENING + operations)

    # ------------------------------------------------------------ operations
    def _pick(self, records, position, what):
        if not records:
            raise UserError(f"no {what} to act on")
        return records[position % len(records)]

    def _pickings(self, states):
        return (
            self.env["stock.picking"]
            .with_user(self.clerk)
            .search([("sale_id", "in", self.orders.ids), ("state", "in", states)], order="id")
        )

    def _op_order(self, product_index, quantity):
        order = self.create_order([(self.products[product_index], quantity)])
        order.with_user(self.salesperson).action_confirm()
        self.orders |= order

    def _op_fulfil(self, position, partial):
        """The ERP reports what left the warehouse for a notice."""
        notices = (
            self.env["sale.b2b.shipment"]
            .with_user(self.shipping)
            .search(
                [
                    ("order_ids", "in", self.orders.ids),
                    ("kind", "=", "notice"),
                    ("state", "=", "pending"),
                ],
                order="id",
            )
        )
        notice = self._pick(notices, position, "notice")
        lines = [
            {"line_id": line.id, "quantity": line.quantity - 1 if partial else line.quantity}
            for line in notice.line_ids
        ]
        self.stats["result_refs"] += 1
        notice.b2b_import_fulfilment(
            [
                {
                    "result_ref": f"ERP-{self.stats['result_refs']}",
                    "notice": notice.name,
                    "lines": lines,
                }
            ]
        )

    def _op_inventory_validate(self, position, how):
        picking = self._pick(self._pickings(("assigned",)), position, "ready delivery")
        self._validate_in_inventory(picking, how)

    def _op_inventory_cancel(self, position):
        states = ("draft", "waiting", "confirmed", "assigned")
        self._pick(self._pickings(states), position, "open delivery").action_cancel()

    def _op_inventory_return(self, position):
        picking = self._pick(
            self._pickings(("done",)).filtered(lambda p: p.picking_type_code == "outgoing"),
            position,
            "done delivery",
        )
        self._return_one_in_inventory(picking, self.clerk).button_validate()

    def _op_cancel_order(self, position):
        order = self._pick(self.orders.filtered(lambda o: o.state == "sale"), position, "order")
        order.with_user(self.salesperson).action_cancel()

    # ------------------------------------------------------------ checks
    def _snapshot(self):
        self.env.invalidate_all()
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search([("product_id", "in", [p.id for p in self.products])])
        )
        moves = (
            self.env["stock.move"]
            .sudo()
            .search([("product_id", "in", [p.id for p in self.products])])
        )
        shipments = self.env["sale.b2b.shipment"].sudo().search([])
        return (
            sorted(
                (q.location_id.id, q.product_id.id, q.quantity, q.reserved_quantity) for q in quants
            ),
            sorted((m.id, m.state, m.quantity) for m in moves),
            sorted(
                (s.id, s.state, tuple((ln.id, ln.quantity) for ln in s.line_ids)) for s in shipments
            ),
            sorted((o.id, o.state) for o in getattr(self, "orders", [])),
        )

    def _check_invariants(self, operation):
        self.env.invalidate_all()
        self._check_stock(operation)
        for sale_line in self.orders.sudo().order_line:
            self._check_sale_line(sale_line, operation)
        exported = self.env["sale.b2b.shipment"].sudo().b2b_export_notices(include_exported=True)
        cancelled = self.orders.filtered(lambda o: o.state == "cancel")
        for notice in exported:
            for line in notice["lines"]:
                self.assertNotIn(
                    line["order"],
                    cancelled.mapped("name"),
                    f"after {operation}: notice {notice['notice']} of a cancelled order exported",
                )

    def _check_stock(self, operation):
        on_hand = defaultdict(float)
        for quant in (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "in", [p.id for p in self.products]),
                    ("location_id", "in", self.locations.ids),
                ]
            )
        ):
            on_hand[(quant.location_id, quant.product_id)] += quant.quantity
        for (location, product), quantity in on_hand.items():
            self.assertGreaterEqual(
                quantity, 0, f"after {operation}: {location.display_name} {product.display_name}"
            )

    def _check_sale_line(self, sale_line, operation):
        label = f"after {operation}: {sale_line.order_id.name} {sale_line.product_id.display_name}"
        rounding = sale_line.product_uom_id.rounding
        outgoing = sale_line.move_ids.filtered(lambda m: m.location_dest_id.usage == "customer")
        # done: the quantity moved (the demand may be larger when validated
        # without a backorder); open: the demand still to deliver
        delivered = sum(
            move.product_uom._compute_quantity(move.quantity, move.product_id.uom_id)
            for move in outgoing.filtered(lambda m: m.state == "done")
        )
        still_open = sum(
            outgoing.filtered(lambda m: m.state not in ("done", "cancel")).mapped("product_qty")
        )
        shipment_lines = (
            self.env["sale.b2b.shipment.line"].sudo().search([("sale_line_id", "=", sale_line.id)])
        )
        shipped = sum(shipment_lines.mapped("qty_shipped"))
        self.assertEqual(
            float_compare(shipped, delivered, precision_rounding=rounding),
            0,
            f"{label}: shipments say {shipped} shipped, the moves delivered {delivered}",
        )
        self.assertLessEqual(
            float_compare(delivered, sale_line.product_uom_qty, precision_rounding=rounding),
            0,
            f"{label}: delivered {delivered} of {sale_line.product_uom_qty}",
        )
        waiting = sum(
            shipment_lines.filtered(
                lambda ln: ln.shipment_id.kind == "notice" and ln.shipment_id.state == "pending"
            ).mapped("quantity")
        )
        if sale_line.order_id.state == "cancel":
            self.assertFalse(waiting, f"{label}: a cancelled order's notice still waits")
        else:
            self.assertEqual(
                float_compare(waiting, still_open, precision_rounding=rounding),
                0,
                f"{label}: notices wait for {waiting}, {still_open} is still to deliver",
            )
