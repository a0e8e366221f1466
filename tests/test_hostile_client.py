# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A hostile client: every role logs in over JSON-RPC on a real Odoo HTTP
server and sends the writes and calls its screens never offer (another van as
source, approving its own work, writing states and approvals, reading another
engineer's or company's documents, moving stock into vans by hand).

Each attempt must be refused, and refused cleanly: the suite's tables and the
stock ledger (quants, moves, move lines, transfers) are byte for byte what they
were before it. The number of attempts made and refused is written to
``test-output/reports/hostile-client.txt``."""

import os
from pathlib import Path

from test_access_matrix import (
    ENGINEER,
    ORDER_ADMIN,
    PORTAL,
    SALES,
    SHIPPING,
    SP_ADMIN,
    USER,
    AccessMatrixCommon,
)

from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

REPORTS = Path(os.environ.get("SPS_ROOT", Path(__file__).resolve().parents[1])) / (
    "test-output/reports"
)
SUITE_PREFIXES = ("spare.parts.", "warranty.", "maintenance.equipment.warranty", "sale.b2b.")
LEDGER_TABLES = ("stock_quant", "stock_move", "stock_move_line", "stock_picking", "stock_lot")
REFUSALS = {"odoo.exceptions.AccessError", "odoo.exceptions.UserError"}


def call(model, method, ids=None, *args, **kwargs):
    """One attempt: ``model.method(ids, *args, **kwargs)`` over JSON-RPC;
    ``ids`` is a fixture name (or a function of the test) or None."""
    return (model, method, ids, args, kwargs)


def write(model, ids, vals):
    return call(model, "write", ids, vals)


def read(model, ids):
    return call(model, "read", ids, ["display_name"])


def fx(name):
    return lambda t: t.fx[name]


# fmt: off
ATTEMPTS = {
    ENGINEER: [
        # ------------------------------------------------ vans and stock
        call("spare.parts.return", "action_send", fx("hostile_return")),
        call("spare.parts.transfer", "action_send", fx("hostile_transfer")),
        call("spare.parts.transfer", "action_send", fx("hostile_transfer_to_user")),
        call("spare.parts.line", "action_consume", fx("hostile_line")),
        call("stock.move", "create", None, lambda t: {
            "product_id": t.part_plain.id, "product_uom_qty": 5,
            "location_id": t.supply.id, "location_dest_id": t.van_2.id}),
        call("stock.move.line", "create", None, lambda t: {
            "move_id": t.fx["own_done_move"].id, "product_id": t.part_plain.id, "quantity": 5,
            "location_id": t.supply.id, "location_dest_id": t.van_1.id}),
        call("stock.move.line", "create", None, lambda t: {
            "move_id": t.fx["own_done_move"].id, "product_id": t.part_plain.id, "quantity": 5,
            "location_id": t.supply.id, "location_dest_id": t.van_2.id}),
        write("stock.quant", lambda t: t.fx["own_quant"], {"quantity": 99}),
        call("stock.quant", "create", None, lambda t: {
            "product_id": t.part_plain.id, "location_id": t.van_1.id, "quantity": 99}),
        write("stock.picking", lambda t: t.fx["request_approved"]._get_pickings(),
              lambda t: {"location_dest_id": t.van_2.id}),
        call("stock.picking", "button_validate",
             lambda t: t.fx["request_approved"]._get_pickings()),
        write("stock.location", lambda t: t.van_2,
              lambda t: {"spare_parts_owner_id": t.engineer.id}),
        write("stock.location", lambda t: t.van_1,
              lambda t: {"spare_parts_owner_id": t.engineer_2.id}),
        # ------------------------------------------------ approvals and states
        call("spare.parts.request", "action_approve", fx("request_submitted")),
        call("spare.parts.request", "action_ship", fx("request_approved")),
        call("spare.parts.return", "action_receive", fx("return_sent")),
        call("spare.parts.adjustment", "action_apply", fx("adjustment")),
        call("spare.parts.line", "action_approve_warranty_replacement", fx("line_warranty")),
        call("spare.parts.catalogue.request", "action_create_product", fx("catalogue_submitted")),
        call("spare.parts.repair.plan", "action_generate_repairs", fx("repair_plan")),
        call("res.users", "action_create_personal_warehouse", lambda t: t.engineer),
        write("spare.parts.line", fx("line_warranty"), {"warranty_approval_state": "approved"}),
        write("spare.parts.line", fx("line"), {"state": "consumed"}),
        write("spare.parts.request", fx("request_draft"), {"state": "approved"}),
        write("spare.parts.request", fx("request_approved"), {"state": "done"}),
        write("spare.parts.return", fx("return_sent"), {"state": "done"}),
        write("spare.parts.transfer", fx("transfer_incoming"), {"state": "done"}),
        write("spare.parts.transfer", fx("transfer_draft"), {"rejected": True}),
        write("spare.parts.catalogue.request", fx("catalogue_draft"), {"state": "done"}),
        write("stock.lot", lambda t: t.serial_1, {"name": "FORGED"}),
        call("spare.parts.request", "create", None, lambda t: {
            "state": "done", "line_ids": [Command.create({"product_id": t.part_plain.id})]}),
        call("spare.parts.request", "create", None, lambda t: {
            "location_dest_id": t.van_2.id, "engineer_id": t.engineer_2.id,
            "line_ids": [Command.create({"product_id": t.part_plain.id})]}),
        call("spare.parts.request", "unlink", fx("request_draft")),
        # ------------------------------------------------ reading
        read("spare.parts.request", fx("request_other")),
        read("spare.parts.return", fx("return_other")),
        read("spare.parts.request", fx("request_b")),
        read("stock.location", lambda t: t.van_2),
        read("stock.picking", lambda t: t.fx["receipt"]),
        read("stock.picking", lambda t: t.fx["other_van_pickings"]),
        read("stock.move", lambda t: t.fx["other_van_pickings"].move_ids),
        read("sale.order", fx("order")),
        read("warranty.claim", fx("claim")),
    ],
    SP_ADMIN: [
        write("spare.parts.request", fx("request_submitted"), {"state": "done"}),
        write("spare.parts.line", fx("line"), {"state": "consumed", "date_done": "2026-01-01"}),
        write("spare.parts.adjustment", fx("adjustment"), {"state": "done"}),
        write("spare.parts.repair.plan", fx("repair_plan"), {"state": "done"}),
        write("stock.lot", lambda t: t.serial_1, {"spare_parts_grade": "refurbished"}),
        call("spare.parts.return", "action_send", fx("hostile_return")),
        write("warranty.claim", fx("claim"), {"state": "settled"}),
        read("spare.parts.request", fx("request_b")),
    ],
    SALES: [
        write("warranty.claim", fx("claim"), {"state": "settled"}),
        call("warranty.claim", "action_settle", fx("claim")),
        write("sale.b2b.shipment", fx("shipment"), {"state": "done"}),
        call("sale.b2b.shipment", "action_register_fulfilment", fx("shipment")),
        call("sale.order", "action_b2b_confirm_override", fx("quotation")),
        call("sale.b2b.return", "action_receive", fx("b2b_return_confirmed")),
        write("sale.b2b.return", fx("b2b_return"), {"state": "done"}),
        call("sale.b2b.reservation", "action_release", fx("reservation")),
        write("sale.b2b.reservation", fx("reservation"), {"state": "released"}),
        read("sale.order", fx("order_other")),
        read("spare.parts.request", fx("request_draft")),
        read("stock.quant", lambda t: t.fx["own_quant"]),
    ],
    ORDER_ADMIN: [
        write("sale.b2b.shipment", fx("shipment_done"), {"receipt_state": "confirmed"}),
        write("sale.b2b.shipment", fx("shipment"), {"state": "done"}),
        write("warranty.claim", fx("claim"), {"state": "sent"}),
        read("sale.b2b.shipment", fx("shipment_b")),
        call("spare.parts.request", "action_approve", fx("request_submitted")),
    ],
    SHIPPING: [
        write("sale.b2b.shipment", fx("shipment"), {"state": "done", "date_done": "2026-01-01"}),
        write("sale.b2b.return", fx("b2b_return_confirmed"), {"state": "done"}),
        call("sale.b2b.reservation", "action_release", fx("reservation")),
        call("warranty.claim", "action_reject", fx("claim")),
    ],
    USER: [
        read("spare.parts.request", fx("request_draft")),
        call("spare.parts.line", "create", None, lambda t: {
            "ticket_id": t.ticket.id, "product_id": t.part_plain.id}),
        call("spare.parts.line", "action_consume", fx("line")),
        call("spare.parts.request", "action_approve", fx("request_submitted")),
        call("res.users", "action_create_personal_warehouse", lambda t: t.engineer_2),
        write("sale.b2b.shipment", fx("shipment"), {"state": "done"}),
    ],
    PORTAL: [
        read("spare.parts.line", fx("line")),
        read("spare.parts.request", fx("request_draft")),
        read("warranty.claim", fx("claim")),
        read("sale.b2b.shipment", fx("shipment")),
        call("spare.parts.request", "action_submit", fx("request_draft")),
        # another distributor's shipped shipment, its lines and returns
        read("sale.b2b.shipment", fx("shipment_done")),
        read("sale.b2b.shipment.line", lambda t: t.fx["shipment_done"].line_ids),
        read("sale.b2b.return", fx("b2b_return_confirmed")),
        call("sale.b2b.shipment", "action_confirm_receipt", fx("shipment_done")),
        call("sale.b2b.shipment", "_portal_confirm_receipt", fx("shipment_done"), "Hostile"),
        write("sale.b2b.shipment", fx("shipment_done"), {"receipt_state": "confirmed"}),
        write("sale.b2b.shipment", fx("shipment_done"), {"tracking_url": "https://x.example"}),
        call("sale.b2b.return", "create", None, lambda t: {
            "partner_id": t.customer.id, "kind": "free"}),
        call("sale.b2b.return", "_portal_create_request", None,
             lambda t: t.role_users[PORTAL].partner_id.id,
             lambda t: {"kind": "order", "source_id": t.fx["order"].id,
                        "lines": [{"id": t.fx["order"].order_line.id, "quantity": 1}]}),
    ],
}
# fmt: on


@tagged("post_install", "-at_install")
class TestHostileClient(AccessMatrixCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_personal_transfer = True
        cls._deliver_to_van_cls(cls.engineer, 3)
        cls._deliver_to_van_cls(cls.engineer_2, 2)
        eng, eng_2 = cls.engineer, cls.engineer_2
        plain = {"product_id": cls.part_plain.id, "quantity": 1}
        Return, Transfer = cls.env["spare.parts.return"], cls.env["spare.parts.transfer"]
        ticket = cls._new_ticket(eng)
        line = cls._add_line(ticket, cls.part_plain, 1)
        line.write({"engineer_id": eng_2.id, "location_id": cls.van_2.id})
        cls.fx.update(
            hostile_return=Return.create(
                {
                    "engineer_id": eng.id,
                    "location_id": cls.van_2.id,
                    "line_ids": [Command.create(plain)],
                }
            ),
            hostile_transfer=Transfer.create(
                {
                    "engineer_id": eng.id,
                    "location_id": cls.van_2.id,
                    "receiver_id": cls.admin.id,
                    "line_ids": [Command.create(plain)],
                }
            ),
            hostile_transfer_to_user=Transfer.create(
                {
                    "engineer_id": eng.id,
                    "receiver_id": cls.role_users[USER].id,
                    "line_ids": [Command.create(plain)],
                }
            ),
            hostile_line=line,
            own_done_move=cls.env["stock.move"].search(
                [("location_dest_id", "=", cls.van_1.id), ("state", "=", "done")], limit=1
            ),
            own_quant=cls.env["stock.quant"].search(
                [("location_id", "=", cls.van_1.id), ("product_id", "=", cls.part_plain.id)]
            ),
            other_van_pickings=cls.env["stock.picking"].search(
                [("location_dest_id", "=", cls.van_2.id)]
            ),
        )

    @classmethod
    def _deliver_to_van_cls(cls, engineer, qty):
        request = cls.env["spare.parts.request"].create(
            {
                "engineer_id": engineer.id,
                "line_ids": [Command.create({"product_id": cls.part_plain.id, "quantity": qty})],
            }
        )
        request.action_submit()
        request.action_approve()
        request.action_ship()
        request.action_receive()

    # ------------------------------------------------------------- helpers
    def _tables(self):
        """The suite's own tables and the stock ledger's."""
        tables = set(LEDGER_TABLES)
        for name in self.env.registry.models:
            model = self.env[name]
            if name.startswith(SUITE_PREFIXES) and model._auto and not model._transient:
                tables.add(model._table)
        return sorted(tables)

    def _fingerprint(self, tables):
        """Row count and a digest of every row of each table."""
        self.env.flush_all()
        fingerprint = {}
        for table in tables:
            self.env.cr.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "
                f'FROM "{table}" t'  # noqa: S608 - table names come from the registry
            )
            fingerprint[table] = self.env.cr.fetchone()
        return fingerprint

    def _login(self, user):
        self.opener.cookies.clear()
        result = self.make_jsonrpc_request(
            "/web/session/authenticate",
            {"db": self.env.cr.dbname, "login": user.login, "password": user.login},
        )
        self.assertEqual(result["uid"], user.id)

    def _send(self, attempt):
        model, method, ids, args, kwargs = attempt
        args = [arg(self) if callable(arg) else arg for arg in args]
        if ids is not None:
            records = ids(self)
            self.assertTrue(records, f"{model}.{method}: empty fixture")
            args = [records.ids, *args]
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    # ---------------------------------------------------------------- test
    def test_every_forbidden_call_is_refused_and_changes_nothing(self):
        tables = self._tables()
        self.assertIn("spare_parts_request", tables)
        self.assertIn("sale_b2b_shipment", tables)
        self.assertIn("warranty_claim", tables)
        made = refused = 0
        errors = []
        for role, attempts in ATTEMPTS.items():
            self._login(self.role_users[role])
            for attempt in attempts:
                label = f"{role}: {attempt[0]}.{attempt[1]}"
                before = self._fingerprint(tables)
                made += 1
                try:
                    result = self._send(attempt)
                except JsonRpcException as error:
                    name = error.args[0]
                    if name in REFUSALS:
                        refused += 1
                    else:
                        errors.append(f"{label} refused with {name}")
                else:
                    errors.append(f"{label} was accepted: {result!r}"[:300])
                after = self._fingerprint(tables)
                changed = [table for table in tables if before[table] != after[table]]
                if changed:
                    errors.append(f"{label} changed {', '.join(changed)}")
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / "hostile-client.txt").write_text(
            f"hostile client: {made} attempts over JSON-RPC by {len(ATTEMPTS)} roles, "
            f"{refused} refused, {len(tables)} tables unchanged after each\n"
        )
        self.assertFalse(errors, "\n".join(errors))
        self.assertEqual(refused, made)
