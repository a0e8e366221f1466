# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SP-28 in committed transactions: a work order is billed once, whoever
presses a billing button at the same moment.

Two clerks (or a clerk and the engineer closing the work order) bill the same
work order in transactions of their own, each retried on a serialization
failure as Odoo's request layer does (``Actor`` of ``test_concurrency``). The
first one bills; the second waits for the work order's lock, fails to
serialize, is retried and finds nothing left to bill. The committed data stays
in this profile's throwaway database; the company settings changed here are
put back at the end.
"""

from functools import partial

from psycopg2.errors import SerializationFailure
from test_concurrency import Actor, ConcurrencyBase

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.tests import new_test_user

FILTER_PRICE = 25.0
BOARD_PRICE = 200.0
LABOUR_PRICE = 60.0
LABOUR_HOURS = 1.5
# 2 filters, 1 board and 1.5 hours of labour, at list prices: 340.0
TOTAL_UNTAXED = 2 * FILTER_PRICE + BOARD_PRICE + LABOUR_HOURS * LABOUR_PRICE
NOTHING_TO_BILL = r"^Work order .* has nothing to bill: no installed part or labour"


class TestSpareParts28BillingRace(ConcurrencyBase):
    """Committed fixtures: an engineer, two billing clerks (Spare Parts
    Administrator with Sales rights), a customer, two parts, the labour product
    of the company's settings and a sales journal."""

    @classmethod
    def _build_fixtures(cls, env):
        company = env.company
        if not env["account.journal"].search_count(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        ):
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        engineer = new_test_user(
            env, login=f"bill_eng_{cls.tag}", groups="spare_parts_base.group_spare_parts_engineer"
        )
        clerks = [
            new_test_user(
                env,
                login=f"bill_clerk_{i}_{cls.tag}",
                groups="spare_parts_base.group_spare_parts_admin,"
                "sales_team.group_sale_salesman_all_leads",
            )
            for i in range(2)
        ]
        part_filter, part_board, labour = env["product.product"].create(
            [
                {
                    "name": f"Race Filter {cls.tag}",
                    "is_storable": True,
                    "spare_parts_is_part": True,
                    "list_price": FILTER_PRICE,
                },
                {
                    "name": f"Race Board {cls.tag}",
                    "is_storable": True,
                    "spare_parts_is_part": True,
                    "list_price": BOARD_PRICE,
                },
                {
                    "name": f"Race Labour {cls.tag}",
                    "type": "service",
                    "list_price": LABOUR_PRICE,
                    "uom_id": env.ref("uom.product_uom_hour").id,
                },
            ]
        )
        customer = env["res.partner"].create({"name": f"Race Mills {cls.tag}", "is_company": True})
        team = env["helpdesk.ticket.team"].create(
            {"name": f"Billing race {cls.tag}", "user_ids": [Command.set(engineer.ids)]}
        )
        cls.settings_before = {
            "spare_parts_labour_product_id": company.spare_parts_labour_product_id.id,
            "spare_parts_bill_on_close": company.spare_parts_bill_on_close,
        }
        company.spare_parts_labour_product_id = labour
        return {
            "company": company.id,
            "engineer": engineer.id,
            "clerks": [clerk.id for clerk in clerks],
            "filter": part_filter.id,
            "board": part_board.id,
            "labour": labour.id,
            "customer": customer.id,
            "team": team.id,
            "stage_done": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
        }

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.company"].browse(cls.ids["company"]).write(cls.settings_before)
        super().tearDownClass()

    # ------------------------------------------------------------ helpers
    def set_bill_on_close(self, mode):
        self.committed(
            lambda env: env["res.company"]
            .browse(self.ids["company"])
            .write({"spare_parts_bill_on_close": mode})
        )

    def new_work_order(self):
        """A committed work order whose engineer consumed 2 filters and 1 board
        and worked 1.5 hours. Returns (ticket id, [filter line, board line])."""

        def prepare(env):
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": f"Race billing {self.tag}",
                    "description": "Service",
                    "team_id": self.ids["team"],
                    "user_id": self.ids["engineer"],
                    "partner_id": self.ids["customer"],
                    "spare_parts_labour_hours": LABOUR_HOURS,
                }
            )
            lines = env["spare.parts.line"].create(
                [
                    {"ticket_id": ticket.id, "product_id": self.ids["filter"], "quantity": 2.0},
                    {"ticket_id": ticket.id, "product_id": self.ids["board"], "quantity": 1.0},
                ]
            )
            lines.with_user(self.ids["engineer"]).action_consume()
            return ticket.id, lines.ids

        return self.committed(prepare)

    @staticmethod
    def create_quotation(ticket_id, env):
        return env["helpdesk.ticket"].browse(ticket_id).action_spare_parts_create_quotation()

    @staticmethod
    def invoice(ticket_id, env):
        return env["helpdesk.ticket"].browse(ticket_id).action_spare_parts_invoice()

    def close(self, ticket_id, env):
        return env["helpdesk.ticket"].browse(ticket_id).write({"stage_id": self.ids["stage_done"]})

    def assertRetriedOnce(self, actor):
        """The actor's first try failed to serialize, the retry ran to its end."""
        self.assertEqual(actor.attempts, 2, actor.failures)
        self.assertIsInstance(actor.failures[0], SerializationFailure)

    def assertBilledOnce(self, ticket_id, line_ids, order_state, invoices):
        """One live sale line per consumed part and one for the labour, with
        their exact quantities, on one order; ``invoices`` invoices."""

        def check(env):
            ticket = env["helpdesk.ticket"].browse(ticket_id)
            sale_lines = env["sale.order.line"].search(
                [("spare_parts_ticket_id", "=", ticket_id), ("order_id.state", "!=", "cancel")],
                order="id",
            )
            self.assertEqual(
                [
                    (sol.spare_parts_line_id.id, sol.product_id.id, sol.product_uom_qty)
                    for sol in sale_lines
                ],
                [
                    (line_ids[0], self.ids["filter"], 2.0),
                    (line_ids[1], self.ids["board"], 1.0),
                    (False, self.ids["labour"], LABOUR_HOURS),
                ],
            )
            self.assertRecordValues(
                ticket.spare_parts_sale_order_ids,
                [{"state": order_state, "amount_untaxed": TOTAL_UNTAXED}],
            )
            moves = ticket.spare_parts_sale_order_ids.invoice_ids
            self.assertEqual(len(moves), invoices)
            self.assertEqual(sum(moves.mapped("amount_untaxed")), TOTAL_UNTAXED * invoices)
            self.assertEqual(ticket.spare_parts_to_bill_count, 0)

        self.read_back(check)

    # ------------------------------------------------------------ tests
    def test_SP_28_two_clerks_create_quotation_at_once(self):
        """Two clerks press Create Quotation on the same work order at the same
        moment: one quotation with each part once; the other clerk's request
        fails to serialize, is retried and told there is nothing to bill."""
        ticket_id, line_ids = self.new_work_order()
        actors = self.run_together(
            [
                Actor(self.registry, uid, partial(self.create_quotation, ticket_id))
                for uid in self.ids["clerks"]
            ]
        )
        winners = [actor for actor in actors if actor.error is None]
        losers = [actor for actor in actors if actor.error is not None]
        self.assertEqual(len(winners), 1, [actor.error for actor in actors])
        self.assertEqual(winners[0].attempts, 1, winners[0].failures)
        self.assertRetriedOnce(losers[0])
        self.assertRefusal(losers[0], NOTHING_TO_BILL)
        self.assertBilledOnce(ticket_id, line_ids, "draft", invoices=0)
        # Pressed again later (a retry from the browser), it still bills nothing.
        again = Actor(
            self.registry, losers[0].uid, partial(self.create_quotation, ticket_id)
        ).start()
        again.join()
        self.assertRefusal(again, NOTHING_TO_BILL)
        self.assertBilledOnce(ticket_id, line_ids, "draft", invoices=0)

    def test_SP_28_second_invoice_waits_for_the_first(self):
        """A clerk presses Invoice while another clerk's Invoice is still
        running: the second waits for the work order's lock, fails to
        serialize when the first commits, is retried and told there is nothing
        to bill. One order, one invoice."""
        ticket_id, line_ids = self.new_work_order()
        first_clerk, second_clerk = self.ids["clerks"]
        second = Actor(self.registry, second_clerk, partial(self.invoice, ticket_id))
        action = self.run_after(first_clerk, partial(self.invoice, ticket_id), second)
        self.assertEqual(action["res_model"], "account.move")
        self.assertRetriedOnce(second)
        self.assertRefusal(second, NOTHING_TO_BILL)
        self.assertBilledOnce(ticket_id, line_ids, "sale", invoices=1)

    def test_SP_28_closing_and_create_quotation_at_once(self):
        """With "Create a Quotation" at close, the engineer closes the work
        order while a clerk presses Create Quotation: one quotation, each part
        once, whoever wins."""
        self.set_bill_on_close("quotation")
        ticket_id, line_ids = self.new_work_order()
        engineer, clerk = self.run_together(
            [
                Actor(self.registry, self.ids["engineer"], partial(self.close, ticket_id)),
                Actor(
                    self.registry, self.ids["clerks"][0], partial(self.create_quotation, ticket_id)
                ),
            ]
        )
        self.assertIsNone(engineer.error)
        if clerk.error is None:  # the clerk billed, the engineer's close was retried
            self.assertRetriedOnce(engineer)
        else:  # closing billed, the clerk's request was retried
            self.assertRetriedOnce(clerk)
            self.assertRefusal(clerk, NOTHING_TO_BILL)
        self.assertBilledOnce(ticket_id, line_ids, "draft", invoices=0)
        self.read_back(lambda env: self.assertTrue(env["helpdesk.ticket"].browse(ticket_id).closed))

    def test_SP_28_closing_with_invoice_races_the_invoice_button(self):
        """With "Create an Invoice" at close, the engineer's close and a
        clerk's Invoice meet on the same work order, each of them first in
        turn: whoever comes second waits, is retried and bills nothing more.
        One order, one invoice."""
        self.set_bill_on_close("invoice")
        engineer, clerk = self.ids["engineer"], self.ids["clerks"][0]
        with self.subTest("engineer closes first"):
            ticket_id, line_ids = self.new_work_order()
            second = Actor(self.registry, clerk, partial(self.invoice, ticket_id))
            self.run_after(engineer, partial(self.close, ticket_id), second)
            self.assertRetriedOnce(second)
            self.assertRefusal(second, NOTHING_TO_BILL)
            self.assertBilledOnce(ticket_id, line_ids, "sale", invoices=1)
        with self.subTest("clerk invoices first"):
            ticket_id, line_ids = self.new_work_order()
            second = Actor(self.registry, engineer, partial(self.close, ticket_id))
            self.run_after(clerk, partial(self.invoice, ticket_id), second)
            self.assertRetriedOnce(second)
            self.assertIsNone(second.error)
            self.assertBilledOnce(ticket_id, line_ids, "sale", invoices=1)
            self.read_back(
                lambda env: self.assertTrue(env["helpdesk.ticket"].browse(ticket_id).closed)
            )
