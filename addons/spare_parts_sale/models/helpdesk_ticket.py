# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from odoo.addons.document_write_policy.models.document_write_policy_mixin import lock_rows


class HelpdeskTicket(models.Model):
    """SP-28: a work order bills its installed parts and its labour to its
    customer on a quotation (or an invoice), once."""

    _inherit = "helpdesk.ticket"

    spare_parts_labour_hours = fields.Float(
        string="Labour Hours",
        help="Hours of work billed with the labour product of the Spare Parts settings.",
    )
    spare_parts_sale_order_ids = fields.One2many(
        "sale.order",
        "spare_parts_ticket_id",
        string="Sale Orders",
        groups="sales_team.group_sale_salesman",
    )
    spare_parts_sale_order_count = fields.Integer(
        compute="_compute_spare_parts_sale_order_count",
        groups="sales_team.group_sale_salesman",
    )
    spare_parts_to_bill_count = fields.Integer(
        string="Parts to Bill",
        compute="_compute_spare_parts_to_bill_count",
        compute_sudo=True,
        help="Installed parts not billed yet (warranty replacements waiting for "
        "approval left out).",
    )

    def _compute_spare_parts_sale_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("spare_parts_ticket_id", "in", self.ids)], ["spare_parts_ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.spare_parts_sale_order_count = counts.get(ticket, 0)

    @api.depends("part_line_ids.state", "part_line_ids.sale_line_ids.order_id.state")
    def _compute_spare_parts_to_bill_count(self):
        for ticket in self:
            lines, _held = ticket.part_line_ids._get_lines_to_bill()
            ticket.spare_parts_to_bill_count = len(lines)

    # ------------------------------------------------------------ buttons
    def action_spare_parts_create_quotation(self):
        """Put the parts and labour not billed yet on the work order's open
        quotation (a new one when there is none) and show it."""
        self._check_spare_parts_billing_rights()
        self._spare_parts_lock_for_billing()
        orders = self._spare_parts_bill()
        if not orders:
            raise UserError(self._get_spare_parts_nothing_to_bill_message())
        return self._get_spare_parts_orders_action(orders)

    def action_spare_parts_invoice(self):
        """Bill what is not billed yet, confirm the work order's quotations and
        invoice everything they have to invoice."""
        self._check_spare_parts_billing_rights()
        self._spare_parts_lock_for_billing()
        self._spare_parts_bill()
        invoices = self._spare_parts_invoice()
        if not invoices:
            raise UserError(self._get_spare_parts_nothing_to_bill_message())
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice")
        action["domain"] = [("id", "in", invoices.ids)]
        if len(invoices) == 1:
            action.update(res_id=invoices.id, view_mode="form", views=[(False, "form")])
        return action

    def action_view_spare_parts_sale_orders(self):
        self.ensure_one()
        return self._get_spare_parts_orders_action(self.spare_parts_sale_order_ids)

    def _get_spare_parts_orders_action(self, orders):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {"create": False}
        if len(orders) == 1:
            action.update(res_id=orders.id, view_mode="form", views=[(False, "form")])
        return action

    # ------------------------------------------------------------ checks
    def _check_spare_parts_billing_rights(self):
        """Billing makes sale orders: the user needs Sales rights, and the
        button is refused by name rather than deep in the order's creation."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_salesman"):
            return
        raise AccessError(
            self.env._(
                "Billing work order %(tickets)s creates sale orders: it needs Sales rights "
                "(Sales / User).",
                tickets=", ".join(self.mapped("display_name")),
            )
        )

    def _get_spare_parts_nothing_to_bill_message(self):
        held = []
        for ticket in self:
            _lines, held_lines = ticket.part_line_ids._get_lines_to_bill()
            held += [msg for errors in held_lines.values() for msg in errors]
        return self.env._(
            "Work order %(tickets)s has nothing to bill: no installed part or labour "
            "that is not billed yet.%(held)s",
            tickets=", ".join(self.mapped("display_name")),
            held=("\n" + "\n".join(held)) if held else "",
        )

    def _get_spare_parts_billing_error(self):
        self.ensure_one()
        if not self.partner_id:
            return self.env._(
                "Work order %(ticket)s has no customer to bill.", ticket=self.display_name
            )
        return ""

    # ------------------------------------------------------------ locking
    def _spare_parts_lock_for_billing(self):
        """Bill a work order one transaction at a time: two clerks pressing a
        billing button at once, or a clerk and the engineer closing it, must
        not both bill the same parts (see ``lock_rows``)."""
        lock_rows(self)
        self._spare_parts_invalidate_billing_cache()

    def _spare_parts_invalidate_billing_cache(self):
        """What is left to bill is read again once the lock is held, never from
        values this transaction cached before it waited."""
        self.invalidate_recordset()
        for model in ("spare.parts.line", "sale.order", "sale.order.line"):
            self.env[model].invalidate_model()

    # ------------------------------------------------------------ billing
    def _spare_parts_bill(self):
        """Bill the parts and labour of these work orders that are not billed
        yet. Returns the sale orders that received lines. Callers hold the
        billing lock (``_spare_parts_lock_for_billing``)."""
        orders = self.env["sale.order"]
        for ticket in self:
            lines, held = ticket.part_line_ids._get_lines_to_bill()
            labour_qty = ticket._get_spare_parts_labour_qty_to_bill()
            if not lines and not labour_qty:
                continue
            error = ticket._get_spare_parts_billing_error()
            if error:
                raise UserError(error)
            order = ticket._get_spare_parts_open_order() or self.env["sale.order"].create(
                ticket._prepare_spare_parts_order_vals()
            )
            line_vals = [line._prepare_sale_line_vals(order) for line in lines]
            if labour_qty:
                line_vals.append(ticket._prepare_spare_parts_labour_line_vals(order, labour_qty))
            SaleLine = self.env["sale.order.line"]
            sale_lines = SaleLine.create(SaleLine._prepare_spare_parts_batch_vals(order, line_vals))
            ticket._spare_parts_apply_warranty(sale_lines.filtered("spare_parts_line_id"))
            ticket._post_spare_parts_billing(order, lines, labour_qty, held)
            orders |= order
        return orders

    def _get_spare_parts_open_order(self):
        """The quotation new lines are added to: the work order's last one not
        confirmed yet."""
        self.ensure_one()
        return self.env["sale.order"].search(
            [("spare_parts_ticket_id", "=", self.id), ("state", "in", ("draft", "sent"))],
            order="id desc",
            limit=1,
        )

    def _prepare_spare_parts_order_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "origin": self.display_name,
            "spare_parts_ticket_id": self.id,
        }

    def _get_spare_parts_labour_product(self):
        self.ensure_one()
        return self.company_id.spare_parts_labour_product_id

    def _get_spare_parts_labour_qty(self):
        """Hours of labour to bill in total; override to take them elsewhere,
        e.g. from timesheets."""
        self.ensure_one()
        return self.spare_parts_labour_hours

    def _get_spare_parts_labour_qty_to_bill(self):
        """Labour hours not billed yet: the total minus the labour lines of the
        work order's orders that are not cancelled."""
        self.ensure_one()
        product = self._get_spare_parts_labour_product()
        if not product:
            return 0.0
        # Every labour line of the work order counts, also on orders of other
        # sales people the user may not read.
        billed = sum(
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("spare_parts_ticket_id", "=", self.id),
                    ("spare_parts_line_id", "=", False),
                    ("product_id", "=", product.id),
                    ("order_id.state", "!=", "cancel"),
                ]
            )
            .mapped("product_uom_qty")
        )
        qty = self._get_spare_parts_labour_qty() - billed
        if float_compare(qty, 0.0, precision_rounding=product.uom_id.rounding) <= 0:
            return 0.0
        return qty

    def _prepare_spare_parts_labour_line_vals(self, order, qty):
        self.ensure_one()
        product = self._get_spare_parts_labour_product()
        return {
            "order_id": order.id,
            "product_id": product.id,
            "product_uom_qty": qty,
            "qty_delivered": qty,
            "spare_parts_ticket_id": self.id,
        }

    def _spare_parts_apply_warranty(self, sale_lines):
        """Parts for the work order's equipment are priced by its warranty
        entitlement when warranty_sales is installed (an independent addon:
        its equipment field on sale lines tells whether it is there)."""
        self.ensure_one()
        equipment = self.equipment_id
        if (
            not sale_lines
            or not equipment.customer_id
            or "warranty_equipment_id" not in sale_lines._fields
        ):
            return
        sale_lines.write({"warranty_equipment_id": equipment.id})
        sale_lines._warranty_check_entitlement()

    def _post_spare_parts_billing(self, order, lines, labour_qty, held):
        self.ensure_one()
        items = [Markup("<li>%s</li>") % line._get_chatter_label() for line in lines]
        if labour_qty:
            items.append(
                Markup("<li>%s</li>") % self.env._("Labour: %(qty)s hours", qty=f"{labour_qty:g}")
            )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Billed on %(order)s", order=order.name),
            Markup("").join(items),
        )
        if held:
            body += Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("Not billed yet"),
                Markup("").join(
                    Markup("<li>%s</li>") % msg for errors in held.values() for msg in errors
                ),
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _spare_parts_invoice(self):
        """Confirm the work orders' quotations and invoice what they have to.
        Callers hold the billing lock (``_spare_parts_lock_for_billing``)."""
        orders = self.env["sale.order"].search(
            [("spare_parts_ticket_id", "in", self.ids), ("state", "!=", "cancel")]
        )
        orders.filtered(lambda order: order.state in ("draft", "sent")).action_confirm()
        to_invoice = orders.filtered(lambda order: order.invoice_status == "to invoice")
        if not to_invoice:
            return self.env["account.move"]
        return to_invoice._create_invoices()

    # ------------------------------------------------------------ closing
    def write(self, vals):
        was_open = self.filtered(lambda ticket: not ticket.closed) if "stage_id" in vals else self
        res = super().write(vals)
        if "stage_id" in vals:
            was_open.filtered("closed")._spare_parts_bill_on_close()
        return res

    def _spare_parts_bill_on_close(self):
        """Closing a work order bills it when the company says so. Closing is
        the engineer's; the quotation it causes follows the company's rule and
        is written as the system (engineers have no Sales rights)."""
        for ticket in self:
            mode = ticket.company_id.spare_parts_bill_on_close
            if mode == "none":
                continue
            ticket = ticket.sudo().with_company(ticket.company_id)
            ticket._spare_parts_lock_for_billing()
            orders = ticket._spare_parts_bill()
            if mode == "invoice" and orders:
                ticket._spare_parts_invoice()
