# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Concurrency and faults, in real transactions.

Every test here works in committed transactions of its own, as two people
clicking at the same time would: the fixtures are committed, each actor runs
in its own cursor through ``retrying`` (what Odoo's request layer does with a
serialization failure), and the outcome is read back in a fresh cursor. The
test transaction itself writes nothing, so the actors never wait for it.
The committed data stays in this profile's throwaway database.
"""

import threading
import time
import uuid
from functools import partial
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user

LOCK_WAIT_TIMEOUT = 30


class Actor:
    """One user working in a transaction of his own, in a thread of its own.

    The transaction starts (and takes its snapshot) when the actor starts, so
    anything another transaction commits later is a concurrent change for it.
    ``run`` is retried on serialization failures and committed; any other
    error rolls the whole transaction back, as the end of a request does."""

    def __init__(self, registry, uid, run):
        self.registry = registry
        self.uid = uid
        self.run = run
        self.attempts = 0
        self.failures = []
        self.pid = None
        self.result = None
        self.error = None
        self.ready = threading.Event()
        self.go = threading.Event()
        self.thread = threading.Thread(target=self._target, daemon=True)

    def start(self, wait_for_go=False):
        if not wait_for_go:
            self.go.set()
        self.thread.start()
        self.ready.wait(LOCK_WAIT_TIMEOUT)
        return self

    def _target(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT pg_backend_pid()")
            self.pid = cr.fetchone()[0]
            self.ready.set()
            self.go.wait(LOCK_WAIT_TIMEOUT)
            env = api.Environment(cr, self.uid, {})
            try:
                self.result = retrying(partial(self._attempt, env), env)
            except Exception as error:  # noqa: BLE001 - reported to the test
                cr.rollback()
                self.error = error

    def _attempt(self, env):
        """One try of ``run``: counted in ``attempts``, its error (if any) kept
        in ``failures``, so a test can tell a retried serialization failure."""
        self.attempts += 1
        try:
            return self.run(env)
        except Exception as error:
            self.failures.append(error)
            raise

    def join(self):
        self.thread.join(LOCK_WAIT_TIMEOUT * 2)
        if self.thread.is_alive():
            raise AssertionError("an actor's transaction never finished")
        return self


class ConcurrencyBase(TransactionCase):
    """Committed fixtures of ``_build_fixtures`` (ids in ``cls.ids``, names
    made unique by ``cls.tag``) and the helpers to race actors; any profile's
    addons."""

    test_tags = {"standard", "at_install"}
    test_module = "suite"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = uuid.uuid4().hex[:6]
        with cls.registry.cursor() as cr:
            cls.ids = cls._build_fixtures(api.Environment(cr, SUPERUSER_ID, {}))

    @classmethod
    def _build_fixtures(cls, env):
        """Create and return ``{name: id}`` of the records the tests share."""
        return {}

    # ------------------------------------------------------------ helpers
    def committed(self, func):
        """Run ``func(env)`` as superuser in a transaction of its own, committed."""
        with self.registry.cursor() as cr:
            return func(api.Environment(cr, SUPERUSER_ID, {}))

    def read_back(self, func):
        """Run ``func(env)`` in a fresh transaction that sees every commit."""
        with self.registry.cursor() as cr:
            try:
                return func(api.Environment(cr, SUPERUSER_ID, {}))
            finally:
                cr.rollback()

    def run_together(self, actors):
        """Open every actor's transaction first, then let all of them act at
        once, as users pressing the same button at the same moment."""
        for actor in actors:
            actor.start(wait_for_go=True)
        for actor in actors:
            actor.go.set()
        for actor in actors:
            actor.join()
        return actors

    def run_after(self, uid, run, second):
        """Run ``run`` as ``uid`` in a transaction of its own and keep it open
        until the ``second`` actor (started here, so its snapshot is older)
        waits on a lock it holds; then commit it and let ``second`` finish."""
        with self.registry.cursor() as cr:
            result = run(api.Environment(cr, uid, {}))
            second.start()
            self.wait_until_blocked(second)
            cr.commit()
        second.join()
        return result

    def wait_until_blocked(self, actor):
        """Wait until ``actor``'s transaction waits on a lock held by another."""
        deadline = time.monotonic() + LOCK_WAIT_TIMEOUT
        with self.registry.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [actor.pid]
                )
                row = cr.fetchone()
                cr.rollback()  # the statistics are a snapshot per transaction
                if row and row[0] == "Lock":
                    return
                if not actor.thread.is_alive():
                    return
                time.sleep(0.05)
        raise AssertionError("the second transaction never waited for the first one's lock")

    def assertRefusal(self, actor, pattern):
        self.assertIsInstance(actor.error, UserError, f"unexpected outcome: {actor.error!r}")
        self.assertRegex(str(actor.error), pattern)


class ConcurrencyCase(ConcurrencyBase):
    """Committed fixtures: an engineer with a personal warehouse, a spare parts
    administrator, a spare parts warehouse, a customer work order, in a company
    in Advanced mode (requests are approved, then shipped)."""

    @classmethod
    def _build_fixtures(cls, env):
        company = env.company
        engineer = new_test_user(
            env, login=f"race_eng_{cls.tag}", groups="spare_parts_base.group_spare_parts_engineer"
        )
        admin = new_test_user(
            env, login=f"race_admin_{cls.tag}", groups="spare_parts_base.group_spare_parts_admin"
        )
        van = engineer.action_create_personal_warehouse()
        spw = env["stock.warehouse"].search(
            [("is_spare_parts_warehouse", "=", True), ("company_id", "=", company.id)], limit=1
        ) or env["stock.warehouse"].create(
            {"name": "Race Central", "code": "RCW", "is_spare_parts_warehouse": True}
        )
        company.write({"spare_parts_warehouse_id": spw.id, "spare_parts_warehouse_tracking": True})
        customer = env["res.partner"].create({"name": f"Race Dairy {cls.tag}"})
        team = env["helpdesk.ticket.team"].create(
            {"name": f"Race team {cls.tag}", "user_ids": [Command.set((engineer | admin).ids)]}
        )
        return {
            "engineer": engineer.id,
            "admin": admin.id,
            "van": van.id,
            "spw_stock": spw.lot_stock_id.id,
            "transit": company.spare_parts_transit_location_id.id,
            "customer": customer.id,
            "team": team.id,
        }

    # ------------------------------------------------------------ helpers
    def new_part(self, env, name, stock=None):
        part = env["product.product"].create(
            {
                "name": f"{name} {self.tag}",
                "default_code": f"{name[:4]}-{self.tag}",
                "is_storable": True,
            }
        )
        for location_key, qty in (stock or {}).items():
            env["stock.quant"]._update_available_quantity(
                part, env["stock.location"].browse(self.ids[location_key]), qty
            )
        return part

    def new_ticket(self, env):
        return env["helpdesk.ticket"].create(
            {
                "name": f"Race visit {self.tag}",
                "description": "Service",
                "team_id": self.ids["team"],
                "user_id": self.ids["engineer"],
                "partner_id": self.ids["customer"],
            }
        )

    def quantity(self, env, location_key, product_id):
        quants = env["stock.quant"].search(
            [
                ("location_id", "=", self.ids[location_key]),
                ("product_id", "=", product_id),
            ]
        )
        return sum(quants.mapped("quantity"))


class TestConcurrentConsumption(ConcurrencyCase):
    def _consume(self, line_id, env):
        return env["spare.parts.line"].browse(line_id).action_consume()

    def test_two_transactions_consume_the_last_unit(self):
        """Two work orders take the van's last unit at once: the first wins; the
        second waits on the quant lock, fails to serialize, is retried and
        refused. The van never goes negative and only one move is done."""

        def prepare(env):
            part = self.new_part(env, "Last Valve", stock={"van": 1})
            lines = env["spare.parts.line"].create(
                [
                    {"ticket_id": self.new_ticket(env).id, "product_id": part.id, "quantity": 1}
                    for __ in range(2)
                ]
            )
            return part.id, lines.ids

        part_id, (line_1, line_2) = self.committed(prepare)
        with self.registry.cursor() as cr:
            first = api.Environment(cr, self.ids["engineer"], {})
            self._consume(line_1, first)  # holds the quant lock, not committed yet
            second = Actor(self.registry, self.ids["engineer"], partial(self._consume, line_2))
            second.start()
            self.wait_until_blocked(second)
            cr.commit()
        second.join()

        self.assertRefusal(
            second, r"holds 0\.0 Units of \[Last-.*\] Last Valve.*; 1\.0 Units needed"
        )

        def check(env):
            lines = env["spare.parts.line"].browse([line_1, line_2])
            self.assertEqual(lines.mapped("state"), ["consumed", "planned"])
            self.assertEqual(self.quantity(env, "van", part_id), 0)
            moves = env["stock.move"].search([("product_id", "=", part_id), ("state", "=", "done")])
            self.assertEqual(len(moves), 1)
            self.assertEqual(moves.spare_parts_line_id.id, line_1)

        self.read_back(check)

    def test_fault_mid_multi_line_consumption_changes_nothing(self):
        """An error after the stock moves of a two-line consumption are done
        (here, updating the equipment's parts list) rolls everything back."""

        def prepare(env):
            parts = [
                self.new_part(env, "Fault Belt", stock={"van": 4}),
                self.new_part(env, "Fault Fuse", stock={"van": 2, "spw_stock": 3}),
            ]
            ticket = self.new_ticket(env)
            lines = env["spare.parts.line"].create(
                [
                    {"ticket_id": ticket.id, "product_id": parts[0].id, "quantity": 3},
                    {
                        "ticket_id": ticket.id,
                        "product_id": parts[1].id,
                        "quantity": 2,
                        "location_id": self.ids["spw_stock"],
                    },
                ]
            )
            return [p.id for p in parts], lines.ids

        part_ids, line_ids = self.committed(prepare)
        Line = self.registry["spare.parts.line"]
        with patch.object(Line, "_update_equipment_bom", side_effect=RuntimeError("disk full")):
            actor = Actor(
                self.registry,
                self.ids["engineer"],
                lambda env: env["spare.parts.line"].browse(line_ids).action_consume(),
            ).start()
            actor.join()
        self.assertIsInstance(actor.error, RuntimeError)

        def check(env):
            self.assertEqual(
                env["spare.parts.line"].browse(line_ids).mapped("state"), ["planned", "planned"]
            )
            self.assertEqual(self.quantity(env, "van", part_ids[0]), 4)
            self.assertEqual(self.quantity(env, "van", part_ids[1]), 2)
            self.assertEqual(self.quantity(env, "spw_stock", part_ids[1]), 3)
            self.assertFalse(env["stock.move"].search([("product_id", "in", part_ids)]))

        self.read_back(check)

    def test_fault_mid_return_changes_nothing(self):
        """An error after a return's outbound leg is validated leaves the parts
        in the van and the return in draft."""

        def prepare(env):
            parts = [
                self.new_part(env, "Ret Pump", stock={"van": 2}),
                self.new_part(env, "Ret Seal", stock={"van": 5}),
            ]
            document = env["spare.parts.return"].create(
                {
                    "engineer_id": self.ids["engineer"],
                    "return_type": "unused",
                    "line_ids": [
                        Command.create({"product_id": parts[0].id, "quantity": 2}),
                        Command.create({"product_id": parts[1].id, "quantity": 4}),
                    ],
                }
            )
            return [p.id for p in parts], document.id

        part_ids, return_id = self.committed(prepare)
        Return = self.registry["spare.parts.return"]
        with patch.object(Return, "_schedule_core_followups", side_effect=RuntimeError("crash")):
            actor = Actor(
                self.registry,
                self.ids["engineer"],
                lambda env: env["spare.parts.return"].browse(return_id).action_send(),
            ).start()
            actor.join()
        self.assertIsInstance(actor.error, RuntimeError)

        def check(env):
            self.assertEqual(env["spare.parts.return"].browse(return_id).state, "draft")
            self.assertEqual(self.quantity(env, "van", part_ids[0]), 2)
            self.assertEqual(self.quantity(env, "van", part_ids[1]), 5)
            self.assertEqual(self.quantity(env, "transit", part_ids[1]), 0)
            self.assertFalse(
                env["stock.picking"].search([("spare_parts_return_id", "=", return_id)])
            )

        self.read_back(check)


class TestConcurrentCorrection(ConcurrencyCase):
    def test_SP_05_consumed_quantity_corrected_twice_at_once(self):
        """Two administrators correct the same consumed quantity (5 to 3) at
        the same moment: the first gives 2 back to the van; the second waits
        on the line's lock, fails to serialize, is retried and finds the
        quantity already 3. The van gets its 2 units once."""

        def prepare(env):
            part = self.new_part(env, "Fix Gasket", stock={"van": 5})
            line = env["spare.parts.line"].create(
                {"ticket_id": self.new_ticket(env).id, "product_id": part.id, "quantity": 5}
            )
            line.with_user(self.ids["engineer"]).action_consume()
            return part.id, line.id

        part_id, line_id = self.committed(prepare)

        def correct(env):
            line = env["spare.parts.line"].browse(line_id)
            return line._correct_consumed_quantity(3, "Counted 3 on site")

        actors = self.run_together(
            [Actor(self.registry, self.ids["admin"], correct) for __ in range(2)]
        )
        winners = [a for a in actors if a.error is None]
        losers = [a for a in actors if a.error is not None]
        self.assertEqual(len(winners), 1, [a.error for a in actors])
        self.assertRefusal(losers[0], r"the quantity is unchanged\.$")

        def check(env):
            self.assertEqual(env["spare.parts.line"].browse(line_id).quantity, 3)
            self.assertEqual(self.quantity(env, "van", part_id), 2)
            back = env["stock.move"].search(
                [
                    ("product_id", "=", part_id),
                    ("state", "=", "done"),
                    ("location_dest_id", "=", self.ids["van"]),
                    ("spare_parts_line_id", "=", line_id),
                ]
            )
            self.assertEqual(back.mapped("product_uom_qty"), [2.0])

        self.read_back(check)


class TestConcurrentOldPartReturns(ConcurrencyCase):
    def test_SP_32_old_parts_returned_twice_at_once(self):
        """A work order replaces 2 filters; two old-part lines of 2 are
        returned at the same moment: the first goes through, the second waits
        on the work order's lock, is retried and refused. 2 come back, not 4."""

        def prepare(env):
            part = self.new_part(env, "Old Filter")
            ticket = self.new_ticket(env)
            lines = env["spare.parts.line"].create(
                [
                    {"ticket_id": ticket.id, "product_id": part.id, "quantity": 2},
                    *(
                        {
                            "ticket_id": ticket.id,
                            "product_id": part.id,
                            "quantity": 2,
                            "part_condition": "old",
                        }
                        for __ in range(2)
                    ),
                ]
            )
            return part.id, lines[1:].ids

        part_id, old_ids = self.committed(prepare)

        def give_back(line_id, env):
            return env["spare.parts.line"].browse(line_id).action_return()

        actors = self.run_together(
            [Actor(self.registry, self.ids["engineer"], partial(give_back, i)) for i in old_ids]
        )
        winners = [a for a in actors if a.error is None]
        losers = [a for a in actors if a.error is not None]
        self.assertEqual(len(winners), 1, [a.error for a in actors])
        self.assertRefusal(losers[0], r"2\.0 Units of old .* cannot be returned")

        def check(env):
            lines = env["spare.parts.line"].browse(old_ids)
            self.assertEqual(sorted(lines.mapped("state")), ["planned", "returned"])
            moved = env["stock.move"].search([("product_id", "=", part_id), ("state", "=", "done")])
            self.assertEqual(sum(moved.mapped("quantity")), 2)

        self.read_back(check)


class TestConcurrentShipping(ConcurrencyCase):
    def test_request_shipped_twice_at_once(self):
        """Two administrators press Ship on the same approved request at the
        same time: one shipment is validated, the other is told there is
        nothing left to ship; no move is duplicated."""

        def prepare(env):
            part = self.new_part(env, "Ship Motor", stock={"spw_stock": 3})
            request = (
                env["spare.parts.request"]
                .with_user(self.ids["engineer"])
                .create(
                    {
                        "engineer_id": self.ids["engineer"],
                        "line_ids": [Command.create({"product_id": part.id, "quantity": 2})],
                    }
                )
            )
            request.action_submit()
            request.with_user(self.ids["admin"]).action_approve()
            return part.id, request.id

        part_id, request_id = self.committed(prepare)

        def ship(env):
            return env["spare.parts.request"].browse(request_id).action_ship()

        actors = self.run_together(
            [Actor(self.registry, self.ids["admin"], ship) for __ in range(2)]
        )

        winners = [a for a in actors if a.error is None]
        losers = [a for a in actors if a.error is not None]
        self.assertEqual(len(winners), 1, [a.error for a in actors])
        self.assertRefusal(losers[0], r"^Request .* has nothing left to ship\.$")

        def check(env):
            request = env["spare.parts.request"].browse(request_id)
            self.assertEqual(request.state, "approved")  # waiting for the engineer
            self.assertEqual(self.quantity(env, "spw_stock", part_id), 1)
            self.assertEqual(self.quantity(env, "transit", part_id), 2)
            done = env["stock.move"].search(
                [
                    ("product_id", "=", part_id),
                    ("state", "=", "done"),
                    ("location_dest_id", "=", self.ids["transit"]),
                ]
            )
            self.assertEqual(len(done), 1)
            self.assertEqual(done.quantity, 2)

        self.read_back(check)


class TestConcurrentOrders(ConcurrencyCase):
    def test_two_orders_confirm_on_the_last_units_with_reservation(self):
        """Two sales people confirm orders for the same last 5 units at once with
        frozen inventory on: exactly one order is confirmed, the other gets the
        block message, and 5 units are frozen, not 10."""

        def prepare(env):
            company = env.company
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id), ("is_spare_parts_warehouse", "=", False)],
                order="id",
                limit=1,
            )
            warehouse.out_type_id.reservation_method = "manual"
            company.write(
                {
                    "b2b_reserve_inventory": True,
                    "b2b_ordering_mode": "single",
                    "b2b_validation_rule": "block",
                }
            )
            part = self.new_part(env, "Race Switch")
            env["stock.quant"]._update_available_quantity(part, warehouse.lot_stock_id, 5)
            partner = env["res.partner"].create({"name": f"Race Distributor {self.tag}"})
            sales = [
                new_test_user(
                    env,
                    login=f"race_sales_{i}_{self.tag}",
                    groups="sales_inventory_b2b.group_b2b_salesperson",
                )
                for i in range(2)
            ]
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "user_id": user.id,
                        "warehouse_id": warehouse.id,
                        "order_line": [
                            Command.create({"product_id": part.id, "product_uom_qty": 5})
                        ],
                    }
                    for user in sales
                ]
            )
            return part.id, [u.id for u in sales], orders.ids

        part_id, sales_ids, order_ids = self.committed(prepare)

        def confirm(order_id, env):
            return env["sale.order"].browse(order_id).action_confirm()

        actors = self.run_together(
            [
                Actor(self.registry, uid, partial(confirm, order_id))
                for uid, order_id in zip(sales_ids, order_ids, strict=True)
            ]
        )

        losers = [a for a in actors if a.error is not None]
        self.assertEqual(len(losers), 1, [a.error for a in actors])
        self.assertRefusal(
            losers[0],
            r"cannot be confirmed: the validation rule \"Block submission\" refuses orders "
            r"needing more than the available inventory\.\n- \[Race-.*\] Race Switch .*: "
            r"needed 5\.00 Units, available 0\.00 Units",
        )

        def check(env):
            orders = env["sale.order"].browse(order_ids)
            self.assertEqual(sorted(orders.mapped("state")), ["draft", "sale"])
            reservations = env["sale.b2b.reservation"].search([("product_id", "=", part_id)])
            self.assertEqual(sum(reservations.mapped("quantity")), 5.0)
            self.assertEqual(reservations.order_id.state, "sale")

        self.read_back(check)


class TestConcurrentReceipts(ConcurrencyCase):
    def test_SI_11_customer_and_staff_confirm_one_receipt_at_once(self):
        """The distributor confirms a receipt on the portal with a discrepancy
        note while the shipping staff confirms it in the back office: both
        transactions commit, the receipt is confirmed once, by whoever came
        first, and the second finds it confirmed."""

        def prepare(env):
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id), ("is_spare_parts_warehouse", "=", False)],
                order="id",
                limit=1,
            )
            env.company.write(
                {
                    "b2b_ordering_mode": "single",
                    "b2b_validation_rule": "block",
                    "b2b_shipping_mode": "notice",
                    "b2b_shipping_population": "auto",
                }
            )
            part = self.new_part(env, "Race Router")
            env["stock.quant"]._update_available_quantity(part, warehouse.lot_stock_id, 3)
            distributor = env["res.partner"].create(
                {"name": f"Race Distributor {self.tag}", "is_company": True}
            )
            clerk = env["res.partner"].create({"name": "Clerk", "parent_id": distributor.id})
            portal = new_test_user(
                env,
                login=f"race_portal_{self.tag}",
                groups="base.group_portal",
                partner_id=clerk.id,
            )
            shipping = new_test_user(
                env, login=f"race_ship_{self.tag}", groups="sales_inventory_b2b.group_b2b_shipping"
            )
            order = env["sale.order"].create(
                {
                    "partner_id": distributor.id,
                    "warehouse_id": warehouse.id,
                    "order_line": [Command.create({"product_id": part.id, "product_uom_qty": 3})],
                }
            )
            order.action_confirm()
            shipment = order.b2b_shipment_ids
            shipment.action_register_fulfilment()
            return shipment.id, portal.id, shipping.id

        shipment_id, portal_id, shipping_id = self.committed(prepare)

        def customer(env):
            shipment = env["sale.b2b.shipment"].browse(shipment_id)
            return shipment.sudo()._portal_confirm_receipt("One router is dented")

        def staff(env):
            return env["sale.b2b.shipment"].browse(shipment_id).action_confirm_receipt()

        actors = self.run_together(
            [Actor(self.registry, portal_id, customer), Actor(self.registry, shipping_id, staff)]
        )
        portal_actor, staff_actor = actors

        def check(env):
            shipment = env["sale.b2b.shipment"].browse(shipment_id)
            self.assertEqual(shipment.receipt_state, "confirmed")
            discrepancies = shipment.activity_ids.filtered(
                lambda a: a.summary == "Receipt discrepancy reported by the customer"
            )
            return shipment.receipt_method, shipment.receipt_note, len(discrepancies)

        method, note, activities = self.read_back(check)
        if method == "customer":
            # the customer came first: the staff's confirmation changes nothing
            self.assertIsNone(portal_actor.error)
            self.assertIsNone(staff_actor.error)
            self.assertEqual((note, activities), ("One router is dented", 1))
        else:
            # the staff came first: the customer is told, nothing is recorded
            self.assertEqual(method, "manual")
            self.assertIsNone(staff_actor.error)
            self.assertRefusal(
                portal_actor, r"^The receipt of shipment .* cannot be confirmed: it is Confirmed\.$"
            )
            self.assertEqual((note, activities), (False, 0))


class TestReplenishmentBesideTheScheduler(ConcurrencyCase):
    def test_SP_29_replenishment_runs_beside_the_stock_scheduler(self):
        """Odoo's stock scheduler is running (its cron runner holds the job's
        row and the scheduler has written every automatic reordering rule) when
        the suite's replenishment job starts: it does nothing now and runs
        again a little later, instead of waiting for, or failing to serialize
        against, the scheduler's reordering rules and stock."""

        def prepare(env):
            part = self.new_part(env, "Sched Filter")
            rules = env["spare.parts.warning.rule"].create(
                [
                    {"location_id": self.ids["spw_stock"], "product_id": part.id}
                    | {"min_qty": 5, "max_qty": 10},
                    {"location_id": self.ids["van"], "product_id": part.id}
                    | {"min_qty": 1, "max_qty": 2},
                ]
            )
            rules._get_warehouse_rules()._sync_orderpoints()
            return part.id, rules[0].id

        part_id, warehouse_rule_id = self.committed(prepare)

        def replenish(env):
            return env["spare.parts.warning.rule"]._cron_replenish().ids

        started = self.read_back(lambda env: env.cr.now())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            scheduler = env.ref("stock.ir_cron_scheduler_action")
            # as Odoo's cron runner takes a job, then runs it
            self.assertTrue(
                env["ir.cron"]._acquire_one_job(cr, scheduler.id, include_not_ready=True)
            )
            env["stock.rule"].run_scheduler()
            actor = Actor(self.registry, SUPERUSER_ID, replenish).start()
            actor.thread.join(LOCK_WAIT_TIMEOUT)
            self.assertFalse(actor.thread.is_alive(), "the replenishment waited for the scheduler")
            cr.commit()
        actor.join()
        self.assertIsNone(actor.error)
        self.assertEqual(actor.attempts, 1, actor.failures)
        self.assertEqual(actor.result, [], "no van is served beside the scheduler")

        def check_postponed(env):
            cron = env.ref("spare_parts_personal_wh.ir_cron_replenish")
            triggers = env["ir.cron.trigger"].search(
                [("cron_id", "=", cron.id), ("call_at", ">", started)]
            )
            self.assertTrue(triggers, "vans and warehouses are replenished by a later run")
            self.assertFalse(
                env["spare.parts.request"].search_count([("line_ids.product_id", "=", part_id)])
            )

        self.read_back(check_postponed)

        # The later run, with the scheduler idle, serves the warehouse and the van.
        def later(env):
            Rule = env["spare.parts.warning.rule"]
            self.assertTrue(Rule._lock_stock_scheduler())
            return Rule._cron_replenish().ids, Rule.browse(warehouse_rule_id).orderpoint_id

        requests, orderpoint = self.committed(later)
        self.assertEqual(len(requests), 1, "the van's draft request")
        self.assertTrue(orderpoint)
        self.read_back(
            lambda env: self.assertEqual(
                env["spare.parts.request"].search_count([("line_ids.product_id", "=", part_id)]),
                1,
            )
        )
