# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A generated hostile client ("Done is done"): every role, logged in over
JSON-RPC on a live prefork Odoo, writes every stored field of every document
of the suite in every state it reaches, with a value its screens would never
send, then copies and deletes them, and creates lines on documents that left
draft.

The fixtures are committed before the server starts, so a write the server
accepts is visible to the test: after each attempt a fingerprint of the
suite's tables and of the ledgers (stock, sales lines, accounting, work
orders, equipment) is taken through a connection of its own. An attempt may
be accepted only when the write policy of the record lets that role write
that field in that state (``_get_writable_fields``, computed here as that
user); everything else must be refused and change nothing. Counts per model
go to ``test-output/reports/hostile-generated.txt``."""

import inspect
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from hostile_live import Fingerprint, LiveServer, RpcError, Session
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

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.document_write_policy_sale.models.sale_order_line import (
    INVENTORY_FLOW_FIELDS,
    STRUCTURAL_FIELDS,
)
from odoo.addons.document_write_policy_stock.models.stock_move_line import (
    DONE_CORRECTION_FIELDS,
    MOVE_FOLLOWED_FIELDS,
)
from odoo.addons.document_write_policy_stock.models.stock_move_line import (
    STRUCTURAL_FIELDS as MOVE_LINE_STRUCTURAL_FIELDS,
)

ROOT = Path(os.environ.get("SPS_ROOT", Path(__file__).resolve().parents[1]))
REPORT = ROOT / "test-output" / "reports" / "hostile-generated.txt"
SERVER_LOG = ROOT / "test-output" / "hostile" / "odoo.log"
SERVER_WORKERS = 2
SERVER_LIFETIME = 900
ALL_FIELDS = "__all__"

# Least privileged first: a role's accepted write never hides a stronger
# role's attempt on the same record.
ROLE_ORDER = (PORTAL, USER, SALES, SHIPPING, ORDER_ADMIN, ENGINEER, SP_ADMIN)
STOCK_ROLES = (SP_ADMIN, SHIPPING, ORDER_ADMIN)
SALES_ROLES = (SALES, ORDER_ADMIN)

POLICY_MODELS = (
    "spare.parts.line",
    "spare.parts.request",
    "spare.parts.request.line",
    "spare.parts.return",
    "spare.parts.return.line",
    "spare.parts.transfer",
    "spare.parts.transfer.line",
    "spare.parts.adjustment",
    "spare.parts.adjustment.line",
    "warranty.claim",
    "warranty.claim.line",
    "sale.b2b.shipment",
    "sale.b2b.shipment.line",
    "sale.b2b.return",
    "sale.b2b.return.line",
    "sale.b2b.reservation",
)
ODOO_MODELS = ("sale.order.line", "stock.move.line", "stock.quant", "maintenance.equipment")
# Records of the suite only its buttons and administrators write: the asset BOM
# and the replacement history that Consume records.
ADMIN_MODELS = ("spare.parts.equipment.part", "spare.parts.replacement")
TARGET_MODELS = POLICY_MODELS + ODOO_MODELS + ADMIN_MODELS

# Lines created on a document that left draft: {line model: document field}.
LINE_DOCUMENTS = {
    "spare.parts.request.line": "document_id",
    "spare.parts.return.line": "document_id",
    "spare.parts.transfer.line": "document_id",
    "spare.parts.adjustment.line": "adjustment_id",
    "warranty.claim.line": "claim_id",
}

# Addons whose buttons every model has (archive, follow, send a message...).
GENERIC_ADDONS = frozenset({"base", "mail", "web", "portal", "rating", "bus", "utm"})
VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
MAGIC_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date"})
CHATTER_PREFIXES = ("message_", "activity_", "website_message_")
SKIPPED_TYPES = frozenset({"properties", "properties_definition", "json", "reference"})
HOSTILE_TEXT = "Hostile <b>text</b> %s {0} ' OR 1=1 --"
FAR_DATES = {"date": "2999-12-31", "datetime": "2999-12-31 23:59:59"}
HOSTILE_NUMBERS = (-1, 1e9)

# ------------------------------------------------------------ Odoo models
# What the suite leaves to Odoo's own rules on Odoo's documents, per role.
# Sales people edit their quotations, and amend confirmed orders that are not
# locked, as Odoo's order form lets them. What a line is (its order, its
# deliveries, down payment, linked lines) is set when it is created
# (document_write_policy_sale); what a line's warranty entitlement is, the
# server decides (README, Write policies), nor is the goodwill granted by
# Apply Goodwill a client's to write.
# (The warranty message a form sends back is ignored: the server keeps its own.)
SALE_LINE_SERVER_FIELDS = STRUCTURAL_FIELDS | {
    "linked_line_id",
    "warranty_id",
    "warranty_entitlement",
    "warranty_goodwill_applied",
}
# An inventory user fills in the detailed operations of a transfer that is not
# done yet (Odoo's Detailed Operations), but never moves a line to another
# move, transfer or company; a done move line is the ledger, changed only by
# the corrections Odoo makes on an unlocked transfer (quants follow them).
# Counting is Odoo's physical inventory (``_get_user_writable_fields`` of the
# quant): a counted quantity moves nothing until a stock manager (no role
# here) applies it.
# Engineers fill in a unit's identity once; changing it is an administrator's,
# as is its asset BOM (Consume records what it installs).
EQUIPMENT_IDENTITY_FIELDS = frozenset({"customer_id", "product_id", "lot_id"})
EQUIPMENT_ADMIN_FIELDS = frozenset({"spare_part_ids", "spare_part_history_ids"})


def _order_open(line):
    """Sales people change the lines of a quotation or of a confirmed order
    that is not locked (Odoo's order form)."""
    order = line.order_id
    return order.state in ("draft", "sent") or (order.state == "sale" and not order.locked)


class CommittedFixtures(TransactionCase):
    """Placed last before TransactionCase in a test's bases: the fixtures of
    every class above it are built in a real cursor (``cls.fixture_cr``) the
    test commits, instead of the test transaction rolled back at the end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fixture_cr = cls.registry.cursor()
        cls.addClassCleanup(cls.fixture_cr.close)
        cls.env = api.Environment(cls.fixture_cr, SUPERUSER_ID, {})


class Outcome:
    """Counts per model, and every problem found, for the report."""

    KINDS = ("attempts", "refused", "accepted_by_policy", "outside_policy", "server_errors")

    def __init__(self):
        self.per_model = defaultdict(Counter)
        self.holes = []
        self.changed_on_refusal = []
        self.server_errors = Counter()
        self.context_relaxed = []

    def count(self, model, kind):
        self.per_model[model][kind] += 1

    def totals(self):
        return {kind: sum(c[kind] for c in self.per_model.values()) for kind in self.KINDS}

    def render(self, seconds, tables):
        totals = self.totals()
        lines = [
            f"hostile generated: {totals['attempts']} attempts over JSON-RPC on a prefork "
            f"server ({SERVER_WORKERS} workers) by {len(ROLE_ORDER)} roles in {seconds}, "
            f"{totals['refused']} refused, {totals['accepted_by_policy']} accepted by policy, "
            f"{totals['outside_policy']} accepted outside policy, "
            f"{totals['server_errors']} server errors, "
            f"{len(self.changed_on_refusal)} refusals that changed data, "
            f"{len(tables)} tables fingerprinted",
            "",
            f"{'model':<30} " + " ".join(f"{kind:>18}" for kind in self.KINDS),
        ]
        for model in sorted(self.per_model):
            counts = self.per_model[model]
            lines.append(f"{model:<30} " + " ".join(f"{counts[k]:>18}" for k in self.KINDS))
        lines += ["", "accepted outside policy (model, field, role, state, value):"]
        lines += [_hole_line(hole) for hole in self.holes] or ["  none"]
        lines += ["", "refused but changed the database:"]
        lines += [f"  {entry}" for entry in self.changed_on_refusal] or ["  none"]
        lines += ["", "server errors (not a refusal; the database unchanged):"]
        lines += [f"  {n}x {e}" for e, n in sorted(self.server_errors.items())] or ["  none"]
        lines += ["", "actions refused as such but accepted with crafted context keys:"]
        lines += [f"  {entry}" for entry in self.context_relaxed] or ["  none"]
        return "\n".join(lines) + "\n"


def _hole_line(hole):
    return (
        f"  {hole['model']} {hole['field']} by {hole['role']} in state {hole['state']}: "
        f"{hole['value']!r} -> {hole['changed'] or 'no table changed'}"
    )


@tagged("post_install", "-at_install")
class TestHostileGenerated(AccessMatrixCommon, CommittedFixtures):
    """The access matrix's fixtures, committed, plus every document in each
    state it can reach, attacked by generated attempts."""

    @classmethod
    def setUpClass(cls):
        started = time.monotonic()
        super().setUpClass()
        cls._setup_more_states()
        cls.fixture_cr.commit()
        cls.targets = cls._collect_targets()
        cls.company_b = cls.fx["request_b"].company_id.id
        cls.fixture_cr.commit()
        cls.fixture_seconds = time.monotonic() - started

    # ------------------------------------------------------------ fixtures
    @classmethod
    def _setup_more_states(cls):
        """States the access matrix does not need: finished, cancelled,
        accepted, rejected, applied, settled documents and done part lines."""
        cls._setup_more_part_lines()
        cls._setup_more_documents()
        cls._setup_more_claims()
        cls._setup_ledger_records()

    @classmethod
    def _setup_more_part_lines(cls):
        eng = cls.engineer
        consumed = cls._add_line(cls._new_ticket(eng), cls.part_plain)
        consumed.action_consume()
        dropped = cls._add_line(cls._new_ticket(eng), cls.part_plain)
        dropped.action_not_used()
        returned = cls._add_line(cls._new_ticket(eng), cls.part_plain, part_condition="old")
        returned.action_return()
        cls.fx.update(line_consumed=consumed, line_dropped=dropped, line_returned=returned)

    @classmethod
    def _setup_more_documents(cls):
        eng, eng_2 = cls.engineer, cls.engineer_2
        done = cls._document("spare.parts.request", eng)
        done.action_submit()
        done.action_approve()
        done.action_ship()
        done.action_receive()
        cancelled = cls._document("spare.parts.request", eng)
        cancelled.action_cancel()
        return_cancelled = cls._document("spare.parts.return", eng)
        return_cancelled.action_cancel()
        transfers = [
            cls._document("spare.parts.transfer", eng, receiver_id=eng_2.id) for _i in range(2)
        ]
        for transfer in transfers:
            transfer.action_send()
        transfers[0].action_accept()
        transfers[1].action_reject()
        Adjustment = cls.env["spare.parts.adjustment"]
        counted = {"product_id": cls.part_plain.id, "counted_qty": 4}
        adjustments = Adjustment.create(
            [
                {"location_id": cls.van_1.id, "reason": "Count"}
                | {"line_ids": [Command.create(counted)]}
            ]
            * 2
        )
        adjustments[0].action_apply()
        adjustments[1].action_cancel()
        cls.fx.update(
            request_done=done,
            request_cancel=cancelled,
            return_done=cls.fx["return_core_line"].document_id,
            return_cancel=return_cancelled,
            transfer_accepted=transfers[0],
            transfer_rejected=transfers[1],
            adjustment_done=adjustments[0],
            adjustment_cancel=adjustments[1],
        )
        for key in ("request_done", "request_cancel", "transfer_accepted", "adjustment_done"):
            cls.fx[f"{key}_lines"] = cls.fx[key].line_ids

    @classmethod
    def _setup_more_claims(cls):
        Claim = cls.env["warranty.claim"]
        sent, settled = Claim.create([cls._claim_vals(cls.company)] * 2)
        (sent | settled).action_send()
        settled.action_settle()
        cls.fx.update(
            claim_sent=sent,
            claim_sent_line=sent.line_ids,
            claim_settled=settled,
            claim_settled_line=settled.line_ids,
        )

    @classmethod
    def _setup_ledger_records(cls):
        """Odoo's records the suite's documents stand on."""
        done_moves = cls.fx["request_done"]._get_pickings().move_ids
        cls.fx.update(
            order_lines=cls.fx["order"].order_line,
            quotation_lines=cls.fx["quotation"].order_line,
            move_lines_done=done_moves.move_line_ids,
            quants=cls.env["stock.quant"].search(
                [
                    ("location_id", "in", (cls.van_1 | cls.van_2 | cls.spw_stock).ids),
                    ("product_id", "=", cls.part_plain.id),
                ]
            ),
            equipments=cls.equipment | cls.other_equipment,
        )

    @classmethod
    def _collect_targets(cls):
        """(fixture name, model, id) of the fixture records of the target
        models, in a fixed order: one record per document, state and owner
        (its own engineer's, another's). Company B's documents are left out:
        the access matrix proves them invisible; their records are still the
        hostile values of many2one fields."""
        seen, targets = set(), []
        for name in sorted(cls.fx):
            records = cls.fx[name]
            if getattr(records, "_name", None) not in TARGET_MODELS or name.endswith("_b"):
                continue
            for record in records.sorted("id"):
                key = cls._target_key(name, record)
                if key not in seen:
                    seen.add(key)
                    targets.append((name, record._name, record.id))
        return targets

    @classmethod
    def _target_key(cls, name, record):
        """Records of a policy model in the same state of the same owner are
        attacked once: their policy is the same."""
        if record._name not in POLICY_MODELS:
            return (record._name, record.id)
        return (record._name, record._get_write_policy_state(), "_other" in name)

    # -------------------------------------------------------------- policy
    def _role_env(self, role):
        return api.Environment(self.fixture_cr, self.role_users[role].id, {})

    def _refresh(self):
        """A new snapshot of the committed data for the policy checks."""
        self.fixture_cr.rollback()
        self.env.invalidate_all()
        self.allowed_cache.clear()

    def _can(self, record, operation):
        try:
            if not record.exists():
                return False
            record.check_access(operation)
        except (AccessError, MissingError):
            return False
        return True

    def _allowed_fields(self, model, record_id, role):
        """A predicate on field names: what ``role`` may write on the record
        now, by its write policy (or the B2B and Odoo rules above)."""
        key = (model, record_id, role)
        if key not in self.allowed_cache:
            record = self._role_env(role)[model].browse(record_id)
            self.allowed_cache[key] = self._compute_allowed(record, role)
        return self.allowed_cache[key]

    def _compute_allowed(self, record, role):
        """The access rights first (a role that may not write the record may
        write no field of it), then the record's policy."""
        if not self._can(record, "write"):
            return lambda name: False
        if record._name in POLICY_MODELS:
            writable = record._get_writable_fields()
            guarded = _action_fields(record)
            if writable == ALL_FIELDS:
                return lambda name: name not in guarded
            return lambda name: name in writable and name not in guarded
        return self._odoo_allowed(record.sudo(), role)

    def _odoo_allowed(self, record, role):
        """The explicit allow-list of Odoo's documents (see the constants)."""
        model = record._name
        if model == "sale.order.line":
            if role in SALES_ROLES and _order_open(record):
                return lambda name: name not in SALE_LINE_SERVER_FIELDS
            if role in STOCK_ROLES and record._is_repair_line():
                return INVENTORY_FLOW_FIELDS.__contains__
        elif model == "stock.move.line":
            if role in STOCK_ROLES and record.state not in ("done", "cancel"):
                return lambda name: name not in MOVE_LINE_STRUCTURAL_FIELDS | {"company_id"}
            if role in STOCK_ROLES:
                return (DONE_CORRECTION_FIELDS - {"company_id"}).__contains__
        elif model == "stock.quant":
            if role in STOCK_ROLES:
                return record._get_user_writable_fields().__contains__
        elif model == "maintenance.equipment":
            if role == SP_ADMIN:
                return lambda name: True
            if role == ENGINEER:
                return lambda name: name not in EQUIPMENT_ADMIN_FIELDS and (
                    name not in EQUIPMENT_IDENTITY_FIELDS or not record[name]
                )
        elif model in ADMIN_MODELS:
            if role == SP_ADMIN:
                return lambda name: True
        return lambda name: False

    def _may_unlink(self, model, record_id, role):
        record = self._role_env(role)[model].browse(record_id)
        if not self._can(record, "unlink"):
            return False
        if model == "spare.parts.line":
            return record.sudo().state in ("planned", "dropped")
        if model in POLICY_MODELS:
            return record._get_writable_fields() == ALL_FIELDS
        if model == "sale.order.line":
            return role in SALES_ROLES and record.sudo().order_id.state in ("draft", "sent")
        if model == "stock.move.line":
            # Removing a reservation of a transfer not done is Odoo's unreserve,
            # which any internal user's cancel runs (an order cancelled by its
            # sales person); the done lines are the ledger.
            return role != PORTAL and record.sudo().state not in ("done", "cancel")
        return model in ADMIN_MODELS and role == SP_ADMIN

    def _may_own_new(self, model, new_ids, role):
        """A copy or a new line is allowed when its author may write every
        field of it: a copy of a document starts as a draft, a line follows its
        document."""
        records = self._role_env(role)[model].browse(new_ids)
        if model in POLICY_MODELS:
            return all(
                self._can(record, "write") and record._get_writable_fields() == ALL_FIELDS
                for record in records
            )
        if model == "sale.order.line":
            return role in SALES_ROLES and all(_order_open(r) for r in records.sudo())
        if model == "stock.move.line":
            # a detailed operation duplicated on a transfer not done yet
            return role in STOCK_ROLES and all(
                r.state not in ("done", "cancel") for r in records.sudo()
            )
        return model in ADMIN_MODELS and role == SP_ADMIN

    def _state_of(self, model, record_id):
        record = self.env[model].browse(record_id)
        if not record.exists():
            return "deleted"
        if model in POLICY_MODELS:
            return record._get_write_policy_state()
        if "state" in record._fields:
            return record.state
        return "-"

    # --------------------------------------------------------- generation
    def _hostile_fields(self, model):
        """Stored fields a client could send: not magic, not chatter, not
        computed read-only, in a fixed order."""
        fields = self.env[model]._fields
        return [
            name
            for name in sorted(fields)
            if fields[name].store
            and name not in MAGIC_FIELDS
            and not name.startswith(CHATTER_PREFIXES)
            and not (fields[name].compute and fields[name].readonly)
            and fields[name].type not in SKIPPED_TYPES
        ]

    def _other_ids(self, comodel, current):
        """Another record of ``comodel``: one of company B first, then the
        newest one (another user's, another document's)."""
        key = (comodel, current)
        if key not in self.other_cache:
            Model = self.env[comodel].with_context(active_test=False)
            domain = [("id", "!=", current)] if current else []
            picks = []
            if "company_id" in Model._fields and Model._fields["company_id"].store:
                picks += Model.search(
                    [*domain, ("company_id", "=", self.company_b)], limit=1, order="id"
                ).ids
            picks += Model.search([*domain, ("id", "not in", picks)], limit=1, order="id desc").ids
            self.other_cache[key] = picks
        return self.other_cache[key]

    def _hostile_values(self, record, name):
        """Values a screen would never send for this field of this record."""
        field = record._fields[name]
        current = record[name]
        if field.type == "many2one":
            return self._other_ids(field.comodel_name, current.id)[:1]
        if field.type == "many2many":
            return [[Command.set(self._other_ids(field.comodel_name, 0)[:1])]]
        if field.type == "one2many":
            return [[Command.clear()]]
        if field.type == "selection":
            choices = [v for v, _l in field._description_selection(self.env) if v != current]
            return choices[-1:]
        if field.type == "boolean":
            return [not current]
        if field.type in ("integer", "float", "monetary"):
            # one of them per field, both across the fields of a model
            return [HOSTILE_NUMBERS[sorted(record._fields).index(name) % 2]]
        if field.type in FAR_DATES:
            return [FAR_DATES[field.type]]
        if field.type in ("char", "text", "html"):
            return [HOSTILE_TEXT]
        if field.type == "binary":
            return ["SG9zdGlsZQ=="]
        return []

    def _roles_for(self, model):
        """Every role attacks the suite's documents; Odoo's own documents are
        attacked by the roles Odoo lets write them at all."""
        if model not in ODOO_MODELS:
            return ROLE_ORDER
        return tuple(role for role in ROLE_ORDER if self._role_env(role)[model].has_access("write"))

    def _write_attempts(self):
        """(role, model, id, field, value) of every generated write."""
        attempts = []
        for _name, model, record_id in self.targets:
            record = self.env[model].browse(record_id)
            roles = self._roles_for(model)
            for field in self._hostile_fields(model):
                for value in self._hostile_values(record, field):
                    attempts += [(role, model, record_id, field, value) for role in roles]
        return attempts

    def _forged_line_vals(self, line_model, document):
        vals = {LINE_DOCUMENTS[line_model]: document.id, "product_id": self.part_plain.id}
        if line_model == "warranty.claim.line":
            vals |= {"price_unit": 10.0, "cost_unit": 6.0}
        return vals

    def _create_attempts(self):
        """(role, line model, values) of lines forged onto every document of
        the fixtures that left draft."""
        attempts = []
        for line_model, field_name in LINE_DOCUMENTS.items():
            document_model = self.env[line_model]._fields[field_name].comodel_name
            for _name, model, record_id in self.targets:
                document = self.env[model].browse(record_id)
                if model == document_model and document.state != "draft":
                    vals = self._forged_line_vals(line_model, document)
                    attempts += [(role, line_model, vals) for role in ROLE_ORDER]
        return attempts

    # ------------------------------------------------------------- running
    def _attempt(self, session, model, method, args, kwargs=None):
        """Send one call; returns (result, error) with error None if accepted."""
        try:
            return session.call(model, method, args, kwargs), None
        except RpcError as error:
            return None, error

    def _judge(self, model, label, error, allowed, changed):
        """Count one attempt; returns True when it is a hole."""
        self.outcome.count(model, "attempts")
        if error is not None:
            if error.is_refusal:
                self.outcome.count(model, "refused")
            else:
                self.outcome.count(model, "server_errors")
                self.outcome.server_errors[f"{model}: {error.name}: {error.message[:120]}"] += 1
            if changed:
                self.outcome.changed_on_refusal.append(f"{label}: {', '.join(changed)}")
            return False
        if allowed:
            self.outcome.count(model, "accepted_by_policy")
            return False
        self.outcome.count(model, "outside_policy")
        return True

    def _observe(self):
        """The fingerprint now, and what changed since the last one."""
        after = self.fingerprint.take()
        changed = Fingerprint.changed(self.baseline, after)
        self.baseline = after
        if changed:
            self._refresh()
        return changed

    def _hole(self, model, field, role, state, value, changed):
        self.outcome.holes.append(
            {"model": model, "field": field, "role": role, "state": state}
            | {"value": value, "changed": ", ".join(changed)}
        )

    def _run_write(self, role, model, record_id, field, value):
        allowed = self._allowed_fields(model, record_id, role)(field) or (
            self._is_move_value(model, record_id, field, value)
        )
        state = self._state_of(model, record_id)
        _result, error = self._attempt(
            self.sessions[role], model, "write", [[record_id], {field: value}]
        )
        changed = self._observe()
        label = f"{role}: {model}({record_id}).{field} = {value!r} in {state}"
        if self._judge(model, label, error, allowed, changed):
            self._hole(model, field, role, state, value, changed)

    def _is_move_value(self, model, record_id, field, value):
        """A move line given its move's own date, transfer or picked flag:
        Odoo copies them to the lines whoever writes the move
        (document_write_policy_stock), which changes nothing of the ledger."""
        if model != "stock.move.line" or field not in MOVE_FOLLOWED_FIELDS:
            return False
        move = self.env[model].browse(record_id).move_id
        if not move:
            return False
        if move._fields[field].type == "boolean":
            return bool(move[field]) == bool(value)
        return False  # the generated date and transfer are never the move's

    def _run_copy(self, role, model, record_id):
        state = self._state_of(model, record_id)
        result, error = self._attempt(self.sessions[role], model, "copy", [[record_id]])
        changed = self._observe()
        new_ids = result if isinstance(result, list) else [result] if result else []
        allowed = error is None and self._may_own_new(model, new_ids, role)
        if self._judge(model, f"{role}: copy {model}({record_id})", error, allowed, changed):
            self._hole(model, "copy", role, state, record_id, changed)

    def _run_create(self, role, model, vals):
        document = self.env[model]._fields[LINE_DOCUMENTS[model]].comodel_name
        state = self.env[document].browse(vals[LINE_DOCUMENTS[model]]).state
        result, error = self._attempt(self.sessions[role], model, "create", [[vals]])
        changed = self._observe()
        new_ids = result if isinstance(result, list) else [result] if result else []
        allowed = error is None and self._may_own_new(model, new_ids, role)
        if self._judge(model, f"{role}: create {model} {vals}", error, allowed, changed):
            self._hole(model, "create", role, state, vals, changed)

    # ------------------------------------------------------------- actions
    def _crafted_context(self):
        """Context keys a hostile client adds to a button's call: the keys
        that once relaxed the suite's checks, Odoo's own keys that change what
        code does, and defaults for the records an action creates."""
        return {
            "spare_parts_drop_planned": True,
            "warranty_type_computed": True,
            "warranty_skip_entitlement": True,
            "skip_backorder": True,
            "cancel_backorder": True,
            "inventory_mode": True,
            "active_test": False,
            "tracking_disable": True,
            "force_company": self.company_b,
            "bypass_write_policy": True,
            "sudo": True,
            "default_state": "done",
            "default_company_id": self.company_b,
        }

    def _action_names(self, model):
        """Buttons of the model that take no argument: ``action_*`` methods
        of its own addons (not the generic ones of base and mail)."""
        cls = type(self.env[model])
        names = []
        for name in sorted(dir(cls)):
            method = getattr(cls, name, None)
            if not name.startswith("action_") or not callable(method):
                continue
            if getattr(method, "_api_model", False):
                # a button on the list, not on a record: nothing to press on ids
                continue
            module = getattr(method, "__module__", "") or ""
            if not module.startswith("odoo.addons.") or module.split(".")[2] in GENERIC_ADDONS:
                continue
            try:
                params = list(inspect.signature(method).parameters.values())[1:]
            except (TypeError, ValueError):
                continue
            if all(p.default is not p.empty or p.kind in VARIADIC for p in params):
                names.append(name)
        return names

    def _action_targets(self):
        """One record per model and state: (model, id)."""
        seen, targets = set(), []
        for _name, model, record_id in self.targets:
            key = (model, self._state_of(model, record_id))
            if key not in seen:
                seen.add(key)
                targets.append((model, record_id))
        return targets

    def _run_action(self, role, model, record_id, action):
        """The button pressed as the role's screens would; when refused,
        pressed again with crafted context keys, which must change nothing."""
        state = self._state_of(model, record_id)
        session = self.sessions[role]
        _result, error = self._attempt(session, model, action, [[record_id]])
        changed = self._observe()
        label = f"{role}: {model}({record_id}).{action}() in {state}"
        self._judge(model, label, error, True, changed)
        if error is None:
            return
        kwargs = {"context": self._crafted_context()}
        _result, error = self._attempt(session, model, action, [[record_id]], kwargs)
        changed = self._observe()
        if self._judge(model, f"{label} with crafted context", error, False, changed):
            self.outcome.context_relaxed.append(f"{label}: {', '.join(changed) or 'accepted'}")

    def _run_unlink(self, role, model, record_id):
        allowed = self._may_unlink(model, record_id, role)
        state = self._state_of(model, record_id)
        _result, error = self._attempt(self.sessions[role], model, "unlink", [[record_id]])
        changed = self._observe()
        if self._judge(model, f"{role}: unlink {model}({record_id})", error, allowed, changed):
            self._hole(model, "unlink", role, state, record_id, changed)

    # ---------------------------------------------------------------- setup
    def _tables(self):
        """The suite's tables (and their many2many tables) and the ledgers."""
        prefixes = ("spare.parts.", "warranty.", "maintenance.equipment.warranty", "sale.b2b.")
        tables = {
            "stock_quant",
            "stock_move",
            "stock_move_line",
            "stock_picking",
            "stock_lot",
            "sale_order",
            "sale_order_line",
            "account_move",
            "account_move_line",
            "helpdesk_ticket",
            "maintenance_equipment",
        }
        for name in self.env.registry.models:
            model = self.env[name]
            if not (model._auto and not model._transient and not model._abstract):
                continue
            if name.startswith(prefixes) or name in TARGET_MODELS:
                tables.add(model._table)
                tables |= {
                    field.relation
                    for field in model._fields.values()
                    if field.type == "many2many" and field.store
                }
        return tables

    def _start(self):
        self.outcome = Outcome()
        self.allowed_cache, self.other_cache = {}, {}
        db = self.env.cr.dbname
        self.server = LiveServer(db, SERVER_WORKERS, SERVER_LIFETIME, SERVER_LOG)
        self.addCleanup(self.server.stop)
        self.sessions = {
            role: Session(self.server, user.login, user.login)
            for role, user in self.role_users.items()
        }
        self.fingerprint = Fingerprint(db, self._tables())
        self.addCleanup(self.fingerprint.close)
        self.baseline = self.fingerprint.take()

    # ----------------------------------------------------------------- test
    def test_generated_attempts_stay_within_the_write_policies(self):
        started = time.monotonic()
        self._start()
        self.assertIn("spare_parts_request", self.fingerprint.tables)
        for attempt in self._write_attempts():
            self._run_write(*attempt)
        for _name, model, record_id in self.targets:
            for role in self._roles_for(model):
                self._run_copy(role, model, record_id)
        for attempt in self._create_attempts():
            self._run_create(*attempt)
        for model, record_id in self._action_targets():
            for action in self._action_names(model):
                for role in self._roles_for(model):
                    self._run_action(role, model, record_id, action)
        for _name, model, record_id in reversed(self.targets):
            for role in self._roles_for(model):
                self._run_unlink(role, model, record_id)
        seconds = time.monotonic() - started
        self.server.stop()
        timing = f"{seconds:.0f}s (+{self.fixture_seconds:.0f}s of committed fixtures)"
        report = self.outcome.render(timing, self.fingerprint.tables)
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(report)
        print(report)  # noqa: T201
        totals = self.outcome.totals()
        self.assertGreaterEqual(totals["attempts"], 5000, "too few attempts generated")
        self.assertFalse(self.outcome.changed_on_refusal, report)
        self.assertFalse(self.outcome.holes, report)
        self.assertFalse(self.outcome.context_relaxed, report)


def _action_fields(record):
    """Fields only the document's buttons write, whatever the policy says."""
    if hasattr(record, "_get_action_fields"):
        return set(record._get_action_fields())
    return set(getattr(record, "_warranty_action_fields", ()))
