# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import SaleBillingCommon


class TestSpareParts28Billing(SaleBillingCommon):
    """SP-28: installed parts and labour become the customer's quotation or
    invoice, at the customer's pricelist, and are never billed twice."""

    def test_SP_28_quotation_bills_installed_parts_at_customer_pricelist(self):
        consumed = self._consume(
            self.ticket, [(self.part_plain, 2.0, None), (self.part_serial, 1.0, self.serial_1)]
        )
        planned = self._add_line(self.ticket, self.part_plain, 5.0)
        ticket = self._as(self.biller, self.ticket)
        self.assertEqual(ticket.spare_parts_to_bill_count, 2)
        action = ticket.action_spare_parts_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertRecordValues(
            order,
            [
                {
                    "partner_id": self.customer.id,
                    "pricelist_id": self.acme_prices.id,
                    "state": "draft",
                    "origin": self.ticket.display_name,
                    "spare_parts_ticket_id": self.ticket.id,
                    "amount_untaxed": 190.0,
                }
            ],
        )
        self.assertRecordValues(
            order.order_line.sorted("id"),
            [
                {
                    "product_id": self.part_plain.id,
                    "product_uom_qty": 2.0,
                    "price_unit": 20.0,
                    "spare_parts_line_id": consumed[0].id,
                    "qty_delivered": 2.0,
                },
                {
                    "product_id": self.part_serial.id,
                    "product_uom_qty": 1.0,
                    "price_unit": 150.0,
                    "spare_parts_line_id": consumed[1].id,
                    "qty_delivered": 1.0,
                },
            ],
        )
        self.assertEqual(consumed.mapped("billing_state"), ["quoted", "quoted"])
        self.assertEqual(planned.billing_state, "none")
        self.assertEqual(ticket.spare_parts_to_bill_count, 0)
        self.assertIn(f"Billed on {order.name}", self.ticket.message_ids[0].body)

    def test_SP_28_nothing_is_billed_twice(self):
        first = self._consume(self.ticket, [(self.part_plain, 2.0, None)])
        ticket = self._as(self.biller, self.ticket)
        order = self.env["sale.order"].browse(
            ticket.action_spare_parts_create_quotation()["res_id"]
        )
        with self.assertRefused(UserError, "has nothing to bill"):
            self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        # Re-open, add a part, bill again: only the new part, on the same quotation.
        self.ticket.stage_id = self.stage_done
        self._reopen(self.ticket)
        second = self._consume(self.ticket, [(self.part_serial, 1.0, self.serial_2)])
        self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        self.assertEqual(order.order_line.spare_parts_line_id, first | second)
        self.assertEqual(len(order.order_line), 2)
        # A billed part cannot change under the customer's quotation.
        with self.assertRefused(
            UserError,
            rf"2 Units \[SP-AF\] Air Filter already billed on {order.name}; cancel that "
            "quotation before changing the part or its quantity.",
        ):
            first.with_user(self.engineer).quantity = 3.0
        # Once confirmed, new parts go on a new quotation.
        order.with_user(self.biller).action_confirm()
        third = self._consume(self.ticket, [(self.part_plain, 1.0, None)])
        self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        orders = self.ticket.with_user(self.biller).spare_parts_sale_order_ids
        self.assertEqual(len(orders), 2)
        new_order = orders - order
        self.assertEqual(new_order.order_line.spare_parts_line_id, third)
        # Cancelling that quotation makes its part billable again, once.
        new_order.with_user(self.biller).action_cancel()
        self.assertEqual(third.billing_state, "to_bill")
        self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        rebilled = self.ticket.with_user(self.biller).spare_parts_sale_order_ids - orders
        self.assertEqual(rebilled.order_line.spare_parts_line_id, third)
        self.assertEqual(
            self.env["sale.order.line"].search_count(
                [("spare_parts_line_id", "in", (first | second | third).ids)]
            ),
            4,
        )
        self.assertEqual(
            (first | second | third).mapped("billing_state"), ["ordered", "ordered", "quoted"]
        )

    def test_SP_28_labour_is_billed_by_the_hour_once(self):
        self.company.spare_parts_labour_product_id = self.labour
        self.ticket.spare_parts_labour_hours = 2.5
        ticket = self._as(self.biller, self.ticket)
        order = self.env["sale.order"].browse(
            ticket.action_spare_parts_create_quotation()["res_id"]
        )
        self.assertRecordValues(
            order.order_line,
            [{"product_id": self.labour.id, "product_uom_qty": 2.5, "price_unit": 60.0}],
        )
        self.ticket.spare_parts_labour_hours = 3.0
        self._as(self.biller, self.ticket).action_spare_parts_create_quotation()
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [2.5, 0.5])
        with self.assertRefused(UserError, "has nothing to bill"):
            self._as(self.biller, self.ticket).action_spare_parts_create_quotation()

    def test_SP_28_invoice_button_confirms_and_invoices_without_delivery(self):
        self._consume(self.ticket, [(self.part_plain, 2.0, None)])
        action = self._as(self.biller, self.ticket).action_spare_parts_invoice()
        invoice = self.env["account.move"].browse(action["res_id"])
        order = self.ticket.with_user(self.biller).spare_parts_sale_order_ids
        self.assertRecordValues(
            invoice,
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "state": "draft",
                    "amount_untaxed": 40.0,
                }
            ],
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.invoice_status, "invoiced")
        # The parts left with the engineer: confirming ships nothing again.
        self.assertFalse(order.picking_ids)
        self.assertEqual(self.ticket.part_line_ids.billing_state, "invoiced")
        with self.assertRefused(UserError, "has nothing to bill"):
            self._as(self.biller, self.ticket).action_spare_parts_invoice()

    def test_SP_28_closing_bills_when_the_company_says_so(self):
        self.company.spare_parts_bill_on_close = "quotation"
        self._consume(self.ticket, [(self.part_plain, 1.0, None)])
        # The engineer closes his work order; he has no Sales rights, the
        # quotation is the company's rule.
        self._as(self.engineer, self.ticket).stage_id = self.stage_done
        order = self.ticket.with_user(self.biller).spare_parts_sale_order_ids
        self.assertRecordValues(
            order, [{"state": "draft", "amount_untaxed": 20.0, "partner_id": self.customer.id}]
        )
        # Without the option, closing bills nothing.
        other = self._new_ticket(self.engineer)
        self.company.spare_parts_bill_on_close = "none"
        self._consume(other, [(self.part_plain, 1.0, None)])
        self._as(self.engineer, other).stage_id = self.stage_done
        self.assertFalse(other.with_user(self.biller).spare_parts_sale_order_ids)

    def test_SP_28_closing_can_invoice(self):
        self.company.spare_parts_bill_on_close = "invoice"
        self._consume(self.ticket, [(self.part_plain, 3.0, None)])
        self._as(self.engineer, self.ticket).stage_id = self.stage_done
        order = self.ticket.with_user(self.biller).spare_parts_sale_order_ids
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.invoice_ids.amount_untaxed, 60.0)

    def test_SP_28_billing_needs_sales_rights(self):
        self._consume(self.ticket, [(self.part_plain, 1.0, None)])
        for user in (self.engineer, self.admin):
            with self.assertRefused(
                AccessError,
                rf"Billing work order {self.ticket.display_name} creates sale orders: it "
                r"needs Sales rights \(Sales / User\).",
            ):
                self._as(user, self.ticket).action_spare_parts_create_quotation()
            with self.assertRefused(AccessError, "needs Sales rights"):
                self._as(user, self.ticket).action_spare_parts_invoice()
        self.assertFalse(self.env["sale.order"].search([("spare_parts_ticket_id", "!=", False)]))

    def test_SP_28_work_order_without_customer_is_not_billed(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Workshop job",
                "description": "No customer",
                "team_id": self.team.id,
                "user_id": self.engineer.id,
            }
        )
        self._consume(ticket, [(self.part_plain, 1.0, None)])
        with self.assertRefused(
            UserError, rf"Work order {ticket.display_name} has no customer to bill."
        ):
            self._as(self.biller, ticket).action_spare_parts_create_quotation()
