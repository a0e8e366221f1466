# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Done is done: what the server computes (entitlement), what only a checked
path grants (goodwill) and what a claim's buttons decide (a sent or settled
claim) is never taken from a client, whatever its role or context. Each user
action starts from an empty cache, as a web request does."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import WarrantySalesCommon

BUTTONS = "only its buttons (Send, Settle, Reject, Reset to Draft) change it."


class WarrantyRolesCommon(WarrantySalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._new_user("wsdd_sales", "sales_team.group_sale_salesman")
        cls.shipping = cls._new_user(
            "wsdd_shipping", "stock.group_stock_user,stock.group_production_lot"
        )
        cls.sales_manager = cls._new_user("wsdd_manager", "sales_team.group_sale_manager")
        cls.billing = cls._new_user("wsdd_billing", "account.group_account_invoice")

    def _order_on(self, lines, when, partner=None):
        """A confirmed order of the sales person."""
        order = self._create_order(lines, partner=partner)
        order.user_id = self.salesperson
        return self._confirm_on(order, when)

    def _as(self, user, records):
        """``records`` as ``user`` in a new request: nothing cached."""
        self.env.invalidate_all()
        return records.with_user(user)

    def _deliver_as(self, user, order):
        picking = self._as(user, order.picking_ids)
        picking.action_assign()
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestWSServerDecides(WarrantyRolesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_claim_accounts("DD")
        cls.env["res.config.settings"].create(
            {
                "warranty_claim_journal_id": cls.misc_journal.id,
                "warranty_claim_in_progress_account_id": cls.in_progress_account.id,
                "warranty_claim_charge_account_id": cls.charge_account.id,
            }
        ).execute()

    def _entitlement_error(self, order, sent, computed):
        return (
            "The warranty entitlement of a sales order line is computed from its equipment "
            f"and the order date; it cannot be set by hand. {order.name} / [TCL] Teat Cup "
            f"Liner: {sent} sent, the server computed {computed}."
        )

    def _line_readers_error(self, user):
        return (
            f"{user.name} may read sales order lines but not change them: only sales people "
            "and invoicing users do."
        )

    # ------------------------------------------------------------ WS-03
    def test_WS_03_entitlement_sent_by_a_client_is_refused(self):
        """A customer without warranty: the sales person and the shipping user
        send the warranty entitlement of another customer's equipment."""
        order = self._order_on(
            [(self.part, 2, None)], "2025-10-01 10:00:00", partner=self.other_customer
        )
        line = order.order_line
        forged = {"warranty_entitlement": "warranty", "warranty_id": self.warranty.id}
        sent = f"Warranty period ({self.warranty.display_name})"
        expected = {
            self.salesperson: self._entitlement_error(order, sent, "no entitlement"),
            # shipping staff read order lines, they do not write them at all
            self.shipping: self._line_readers_error(self.shipping),
        }
        for user, message in expected.items():
            with self.subTest(user=user.login):
                with self.assertRaises(UserError) as error:
                    self._as(user, line).write(forged)
                self.assertEqual(str(error.exception), message)
                self.env.invalidate_all()
                self.assertRecordValues(
                    line,
                    [
                        {
                            "warranty_entitlement": False,
                            "warranty_id": False,
                            "warranty_price_origin": "pricelist",
                            "price_unit": 48.0,
                            "warranty_claim_charge": 0.0,
                        }
                    ],
                )
        # the delivery goes through and claims nothing
        self._deliver_as(self.shipping, order)
        self.assertFalse(order.warranty_claim_ids)

    def test_WS_03_entitlement_of_the_own_equipment_is_computed(self):
        """The customer's equipment, after its goodwill: a forged warranty
        entitlement is refused, the server's own check stands."""
        order = self._order_on([(self.part, 2, self.equipment)], "2026-08-01 10:00:00")
        line = order.order_line
        self.assertEqual(line.warranty_entitlement, "none")
        sent = f"Warranty period ({self.warranty.display_name})"
        with self.assertRaises(UserError) as error:
            self._as(self.salesperson, line).write(
                {"warranty_entitlement": "warranty", "warranty_id": self.warranty.id}
            )
        self.assertEqual(str(error.exception), self._entitlement_error(order, sent, "Not entitled"))
        # the same entitlement as the server's goes through (a form saving what it shows)
        self._as(self.salesperson, line).write({"warranty_entitlement": "none", "price_unit": 45.0})
        self.env.invalidate_all()
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "none",
                    "warranty_id": False,
                    "price_unit": 45.0,
                    "warranty_claim_charge": 0.0,
                }
            ],
        )
        self._deliver_as(self.shipping, order)
        self.assertFalse(order.warranty_claim_ids)

    def test_WS_03_entitlement_follows_the_order_date(self):
        """The entitlement depends on the order date: a confirmed order whose
        date changes is checked again, whoever changes it."""
        order = self._order_on([(self.part, 2, self.equipment)], "2025-10-01 10:00:00")
        line = order.order_line
        self.assertRecordValues(line, [{"warranty_entitlement": "warranty", "price_unit": 0.0}])
        self._as(self.salesperson, order).write({"date_order": "2026-08-01 10:00:00"})
        self.env.invalidate_all()
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "none",
                    "warranty_id": False,
                    "price_unit": 48.0,
                    "warranty_claim_charge": 0.0,
                }
            ],
        )
        self._as(self.salesperson, order).write({"date_order": "2025-10-02 10:00:00"})
        self.env.invalidate_all()
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_entitlement": "warranty",
                    "warranty_id": self.warranty.id,
                    "price_unit": 0.0,
                    "warranty_claim_charge": -60.0,
                }
            ],
        )

    # ------------------------------------------------------------ WS-04
    def test_WS_04_goodwill_written_directly_is_refused(self):
        order = self._order_on([(self.part, 2, self.equipment)], "2026-03-15 10:00:00")
        line = order.order_line
        unchanged = [
            {
                "warranty_entitlement": "goodwill",
                "warranty_goodwill_applied": False,
                "warranty_type_id": False,
                "warranty_price_origin": "pricelist",
                "price_unit": 48.0,
            }
        ]
        message = (
            f"Goodwill cannot be written on {order.name} / [TCL] Teat Cup Liner: it is "
            "granted only by Apply Goodwill or by entering the warranty type of the line, and "
            "taken back by clearing that type."
        )
        for user in (self.salesperson, self.shipping):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError) as error:
                    self._as(user, line).write({"warranty_goodwill_applied": True, "price_unit": 0})
                self.assertEqual(str(error.exception), message)
                self.env.invalidate_all()
                self.assertRecordValues(line, unchanged)
        # the type sent with the entitlement, as a form computing it would, is an
        # entry of goodwill all the same: for sales people only
        with self.assertRaises(AccessError) as error:
            self._as(self.shipping, line).write(
                {"warranty_type_id": self.warranty_type.id, "warranty_entitlement": "goodwill"}
            )
        self.assertEqual(str(error.exception), self._line_readers_error(self.shipping))
        self.env.invalidate_all()
        self.assertRecordValues(line, unchanged)
        # the button checking the rights grants it
        self._as(self.salesperson, line).action_warranty_apply_goodwill()
        self.env.invalidate_all()
        self.assertRecordValues(
            line,
            [
                {
                    "warranty_goodwill_applied": True,
                    "warranty_price_origin": "goodwill",
                    "price_unit": 0,
                }
            ],
        )

    def test_WS_03_warranty_message_is_the_servers(self):
        """A form sends back the message it shows; a client's own text is
        ignored: the server keeps the answer of its warranty check."""
        order = self._order_on([(self.part, 2, self.equipment)], "2026-03-15 10:00:00")
        line = order.order_line
        stored = line.warranty_message
        self._as(self.salesperson, line).write({"warranty_message": "Covered, trust me"})
        self.env.invalidate_all()
        self.assertEqual(line.warranty_message, stored)

    def test_WS_04_context_keys_do_not_relax_checks(self):
        order = self._order_on([(self.part, 2, self.equipment)], "2026-03-15 10:00:00")
        line = order.order_line
        # warranty_type_computed once skipped the goodwill rights and type checks
        with self.assertRaises(AccessError) as error:
            self._as(self.shipping, line).with_context(warranty_type_computed=True).write(
                {"warranty_type_id": self.warranty_type.id}
            )
        self.assertEqual(str(error.exception), self._line_readers_error(self.shipping))
        self.env.invalidate_all()
        self.assertRecordValues(
            line,
            [{"warranty_goodwill_applied": False, "warranty_type_id": False, "price_unit": 48}],
        )
        # warranty_skip_entitlement once skipped the check at confirmation: an
        # entitlement of an earlier date (stored by the suite's own code) is checked again
        quotation = self._create_order([(self.part, 2, self.equipment)])
        quotation.user_id = self.salesperson
        quotation.order_line.sudo().write(
            {
                "warranty_entitlement": "warranty",
                "warranty_id": self.warranty.id,
                "price_unit": 0.0,
                "technical_price_unit": 0.0,
            }
        )
        with freeze_time("2026-08-01 10:00:00"):
            self._as(self.salesperson, quotation).with_context(
                warranty_skip_entitlement=True
            ).action_confirm()
        self.env.invalidate_all()
        self.assertRecordValues(
            quotation.order_line,
            [{"warranty_entitlement": "none", "warranty_id": False, "price_unit": 48.0}],
        )

    # ------------------------------------------------------------ WS-06
    def test_WS_06_claims_only_for_the_equipment_warranty(self):
        """Entitlements stored before the server checked them (here written by
        the superuser): a line without equipment, or sold for another
        equipment than the warranty's, makes no claim and the delivery goes
        through."""
        order = self._order_on(
            [(self.part, 1, None), (self.part, 1, self.other_equipment)],
            "2025-10-01 10:00:00",
            partner=self.other_customer,
        )
        order.order_line.sudo().write(
            {"warranty_entitlement": "warranty", "warranty_id": self.warranty.id}
        )
        self._deliver_as(self.shipping, order)
        self.assertFalse(order.warranty_claim_ids)
        self.assertEqual(order.order_line.mapped("qty_delivered"), [1.0, 1.0])

    def test_WS_06_mark_sent_context_meets_the_send_checks(self):
        order = self._order_on([(self.part, 2, self.equipment)], "2025-10-01 10:00:00")
        self._deliver_as(self.shipping, order)
        claim = order.warranty_claim_ids
        # the shipping user reads claims, he does not send them
        with self.assertRaises(AccessError):
            self._as(self.shipping, claim).with_context(warranty_mark_claim_sent=True).message_post(
                body="Sent by hand"
            )
        self.env.invalidate_all()
        self.assertEqual(claim.state, "draft")

    def test_WS_06_claims_frozen_once_sent_or_settled(self):
        order = self._order_on([(self.part, 2, self.equipment)], "2025-10-01 10:00:00")
        self._deliver_as(self.shipping, order)
        claim = order.warranty_claim_ids
        claim_line = claim.line_ids
        part = f"{claim.name} / [TCL] Teat Cup Liner"
        # a draft claim is corrected by the sales manager
        self._as(self.sales_manager, claim_line).write({"settlement_percent": 90.0})
        self._as(self.salesperson, claim).action_send()
        self.env.invalidate_all()
        self.assertEqual(claim.state, "sent")
        with self.assertRaises(AccessError) as error:
            self._as(self.salesperson, claim_line).write({"quantity": 5.0})
        self.assertEqual(
            str(error.exception),
            f"Quantity of Warranty Claim Part {part} cannot be changed: the claim is Sent and "
            + BUTTONS,
        )
        claim.action_settle()
        self.env.invalidate_all()
        settled = {
            "state": "settled",
            "amount_claimed": 64.8,
            "settlement_move_id": claim.settlement_move_id.id,
            "payer_id": self.payer.id,
        }
        settled_line = {
            "quantity": 2.0,
            "price_unit": 36.0,
            "settlement_percent": 90.0,
            "product_id": self.part.id,
        }
        self.assertTrue(claim.settlement_move_id)
        self.assertRecordValues(claim, [settled])
        for user in (self.salesperson, self.sales_manager, self.billing):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError) as error:
                    self._as(user, claim_line).write(
                        {"price_unit": 1.0, "quantity": 9.0, "product_id": self.serial_part.id}
                    )
                self.assertEqual(
                    str(error.exception),
                    f"Claim Price, Part, Quantity of Warranty Claim Part {part} cannot be "
                    "changed: the claim is Settled and " + BUTTONS,
                )
                with self.assertRaises(AccessError) as error:
                    self._as(user, claim).write({"settlement_move_id": False})
                self.assertEqual(
                    str(error.exception),
                    f"Settlement Entry of Warranty Claim {claim.name} cannot be changed: the "
                    "claim is Settled and " + BUTTONS,
                )
                with self.assertRaises(AccessError) as error:
                    self._as(user, claim).write({"line_ids": [Command.unlink(claim_line.id)]})
                self.env.invalidate_all()
                self.assertRecordValues(claim, [settled])
                self.assertRecordValues(claim_line, [settled_line])
        # the sales manager may create and delete claim parts, not on a settled claim
        with self.assertRaises(AccessError) as error:
            self._as(self.sales_manager, claim_line).unlink()
        self.assertEqual(
            str(error.exception),
            f"Warranty Claim Part {part} cannot be added or deleted: the claim is Settled and "
            + BUTTONS,
        )
        with self.assertRaises(AccessError):
            self._as(self.sales_manager, self.env["warranty.claim.line"]).create(
                {"claim_id": claim.id, "product_id": self.part.id, "quantity": 1.0}
            )
        # nor move a part of a draft claim into it
        draft = self.env["warranty.claim"].create(
            {
                "equipment_id": self.equipment.id,
                "payer_id": self.payer.id,
                "pricelist_id": self.payer_pricelist.id,
                "line_ids": [Command.create({"product_id": self.part.id, "quantity": 1.0})],
            }
        )
        with self.assertRaises(AccessError):
            self._as(self.sales_manager, draft.line_ids).write({"claim_id": claim.id})
        self.env.invalidate_all()
        self.assertEqual(draft.line_ids.claim_id, draft)
        self.assertEqual(claim.line_ids, claim_line)
        # the internal note stays open
        self._as(self.salesperson, claim).note = "<p>Paid on 2025-11-30</p>"
        self.env.invalidate_all()
        self.assertEqual(str(claim.note), "<p>Paid on 2025-11-30</p>")


@tagged("post_install", "-at_install")
class TestWS05CustomerInvoice(WarrantyRolesCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="wsdd_portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )

    def test_WS_05_claim_charge_stays_off_the_customer_invoice(self):
        order = self._order_on(
            [(self.part, 2, self.equipment), (self.serial_part, 1, None)], "2025-10-01 10:00:00"
        )
        self._deliver_as(self.shipping, order)
        invoice = self._invoice(order)
        # internally, the invoice and the claim record the charge, payer and agreement
        charge = invoice.invoice_line_ids.filtered("warranty_charge_sale_line_id")
        self.assertRecordValues(
            charge,
            [
                {
                    "warranty_claim_charge_amount": -60.0,
                    "warranty_payer_id": self.payer.id,
                    "warranty_pricelist_id": self.payer_pricelist.id,
                }
            ],
        )
        self.assertTrue(charge.name.startswith("Internal claim charge -60.00"))
        self.assertRecordValues(
            order.warranty_claim_ids,
            [{"payer_id": self.payer.id, "pricelist_id": self.payer_pricelist.id}],
        )
        hidden = ("Internal claim charge", self.payer_pricelist.name, "claim payer")
        # the customer's portal: the invoice page and the invoice it shows
        token = invoice._portal_ensure_token()
        self.authenticate("wsdd_portal", "wsdd_portal")
        for query in ("", "&report_type=html"):
            with self.subTest(query=query):
                response = self.url_open(f"/my/invoices/{invoice.id}?access_token={token}{query}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(invoice.name, response.text)
                for text in hidden:
                    self.assertNotIn(text, response.text)
        # the printed invoice, rendered for the portal user as the portal does
        # (his user, the controller's superuser rights)
        self.env.invalidate_all()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.portal_user)
            .sudo()
            ._render_qweb_html("account.account_invoices", invoice.ids)[0]
            .decode()
        )
        self.assertIn("Vacuum Pump", html)
        for text in hidden:
            self.assertNotIn(text, html)

    # ------------------------------------------------------------ WS-05 fields
    def _claim_fields_fixture(self):
        """A warranty line delivered and invoiced: its order line, its invoice
        line and the invoice's internal claim charge line."""
        order = self._order_on(
            [(self.part, 2, self.equipment), (self.serial_part, 1, None)], "2025-10-01 10:00:00"
        )
        self._deliver_as(self.shipping, order)
        invoice = self._invoice(order)
        line = order.order_line[0]
        charge = invoice.invoice_line_ids.filtered("warranty_charge_sale_line_id")
        invoice_line = invoice.invoice_line_ids.filtered(lambda aml: aml.sale_line_ids == line)
        return order, invoice, line, invoice_line, charge

    def _warranty_fields_read(self, records):
        """The warranty fields a read without field list returns to the user of
        ``records``: those fields_get lists to him. (Odoo's own fields refuse a
        read of every field of an order line to portal and sales users alike,
        e.g. its analytic lines: the warranty fields are read by name.)"""
        return [fname for fname in records.fields_get(attributes=()) if "warranty" in fname]

    def test_WS_05_portal_cannot_read_claim_fields(self):
        """The customer reads his order and invoice lines, as the portal's RPC
        read and search_read do, but not what the company claims from the claim
        payer: payer, payer agreement, cost and claim charge. Internal users
        (sales person, shipping, billing) still read them."""
        order, invoice, line, invoice_line, charge = self._claim_fields_fixture()
        claim_line = order.warranty_claim_ids.line_ids
        self.assertTrue(claim_line)
        internal = {
            "sale.order.line": (
                line,
                {
                    "warranty_payer_id": (self.payer.id, self.payer.display_name),
                    "warranty_pricelist_id": (
                        self.payer_pricelist.id,
                        self.payer_pricelist.display_name,
                    ),
                    "warranty_cost_unit": 30.0,
                    "warranty_cost": 60.0,
                    "warranty_claim_charge": -60.0,
                    "warranty_claim_line_ids": claim_line.ids,
                    "warranty_badge": "In warranty until 2025-12-31, paid by Robot Works Ltd",
                },
            ),
            "account.move.line": (
                charge,
                {
                    "warranty_charge_sale_line_id": (line.id, line.display_name),
                    "warranty_claim_charge_amount": -60.0,
                    "warranty_payer_id": (self.payer.id, self.payer.display_name),
                    "warranty_pricelist_id": (
                        self.payer_pricelist.id,
                        self.payer_pricelist.display_name,
                    ),
                },
            ),
        }
        public = {
            "sale.order.line": (
                line,
                {
                    "product_uom_qty": 2.0,
                    "price_unit": 0.0,
                    "warranty_equipment_id": (self.equipment.id, self.equipment.display_name),
                    "warranty_entitlement": "warranty",
                    "warranty_price_origin": "warranty",
                    "warranty_print_label": "Warranty: STD Standard supplier warranty",
                },
            ),
            "account.move.line": (
                invoice_line,
                {
                    "quantity": 2.0,
                    "price_unit": 0.0,
                    "warranty_print_label": "Warranty: STD Standard supplier warranty",
                },
            ),
        }
        for model, (records, values) in internal.items():
            fnames = list(values)
            portal = self._as(self.portal_user, records)
            for fname in fnames:
                with self.subTest(model=model, field=fname, user="portal"):
                    with self.assertRaises(AccessError):
                        self._as(self.portal_user, records).read([fname])
                    with self.assertRaises(AccessError):
                        self._as(self.portal_user, records).search_read(
                            [("id", "=", records.id)], [fname]
                        )
                    if not records._fields[fname]._description_searchable:
                        continue
                    # nor found by them
                    with self.assertRaises(AccessError):
                        self._as(self.portal_user, records.browse()).search([(fname, "!=", False)])
            with self.subTest(model=model, user="portal", fields="all"):
                readable = self._warranty_fields_read(portal)
                self.assertFalse(set(fnames) & set(readable))
                # the other warranty fields read, the computed ones computed as
                # him (on his own lines: the claim charge line is not his)
                own = self._as(self.portal_user, public[model][0])
                (row,) = own.read(readable)
                self.assertEqual(row["id"], own.id)
                self.env.invalidate_all()
                (row,) = own.search_read([("id", "=", own.id)], readable)
                self.assertEqual(row["id"], own.id)
            # the customer's own figures still read
            records, values = public[model]
            with self.subTest(model=model, user="portal", fields="public"):
                self.assertEqual(
                    self._as(self.portal_user, records).read(list(values))[0],
                    {"id": records.id, **values},
                )
                (row,) = self._as(self.portal_user, records).search_read(
                    [("id", "=", records.id)], list(values)
                )
                self.assertEqual({fname: row[fname] for fname in values}, values)
        # internal users read them, each on the lines of his job
        readers = {
            "sale.order.line": (self.salesperson, self.shipping, self.sales_manager),
            "account.move.line": (self.salesperson, self.billing),
        }
        for model, (records, values) in internal.items():
            for user in readers[model]:
                with self.subTest(model=model, user=user.login):
                    (row,) = self._as(user, records).read(list(values))
                    self.assertEqual({fname: row[fname] for fname in values}, values)
                    self.env.invalidate_all()
                    user_records = self._as(user, records)
                    (row,) = user_records.read(self._warranty_fields_read(user_records))
                    self.assertLessEqual(set(values), row.keys())

    def test_WS_05_portal_cannot_read_the_claim_charge_line(self):
        """The internal claim charge line of the customer's invoice names the
        claim payer and the payer agreement: the customer's RPC neither finds
        nor reads it; his other lines, and the line for employees, read."""
        _order, invoice, _line, invoice_line, charge = self._claim_fields_fixture()
        self.assertIn(self.payer.display_name, charge.name)
        Line = self._as(self.portal_user, self.env["account.move.line"])
        found = Line.search([("move_id", "=", invoice.id)])
        self.assertIn(invoice_line, found)
        self.assertNotIn(charge, found)
        with self.assertRaises(AccessError):
            self._as(self.portal_user, charge).read(["name"])
        rows = Line.search_read([("move_id", "=", invoice.id)], ["name"])
        self.assertFalse([row for row in rows if self.payer.display_name in (row["name"] or "")])
        for user in (self.salesperson, self.billing):
            with self.subTest(user=user.login):
                self.assertEqual(self._as(user, charge).read(["name"])[0]["name"], charge.name)

    def test_WS_05_portal_pages_render_for_the_customer(self):
        """The customer's portal order page, its printed order and the printed
        invoice render for him and show the warranty, never the claim."""
        order, invoice, *_lines = self._claim_fields_fixture()
        label = "Warranty: STD Standard supplier warranty"
        hidden = ("Internal claim charge", self.payer_pricelist.name, self.payer.name)
        self.authenticate("wsdd_portal", "wsdd_portal")
        pages = {
            f"/my/orders/{order.id}?access_token={order._portal_ensure_token()}": order.name,
            f"/my/orders/{order.id}?access_token={order.access_token}&report_type=html": label,
            f"/my/invoices/{invoice.id}?access_token={invoice._portal_ensure_token()}": (
                invoice.name
            ),
        }
        for url, shown in pages.items():
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(shown, response.text)
                for text in hidden:
                    self.assertNotIn(text, response.text)
        # the printed documents, rendered for the portal user as the portal does
        for report, records in (
            ("sale.action_report_saleorder", order),
            ("account.account_invoices", invoice),
        ):
            with self.subTest(report=report):
                self.env.invalidate_all()
                html = (
                    self.env["ir.actions.report"]
                    .with_user(self.portal_user)
                    .sudo()
                    ._render_qweb_html(report, records.ids)[0]
                    .decode()
                )
                self.assertEqual(html.count(label), 1)
                for text in hidden:
                    self.assertNotIn(text, html)
