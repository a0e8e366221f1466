# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import float_repr

from .res_company import ORDERING_MODES, VALIDATION_RULES

ORDER_ADMIN_GROUP = "sales_inventory_b2b.group_b2b_order_admin"
SHIPMENT_READERS = (
    "sales_inventory_b2b.group_b2b_salesperson,sales_inventory_b2b.group_b2b_shipping"
)
RESERVATION_READERS = (
    "sales_inventory_b2b.group_b2b_salesperson,sales_inventory_b2b.group_b2b_shipping"
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_order_type_id = fields.Many2one(
        "sale.b2b.order.type",
        string="Order Type",
        compute="_compute_b2b_order_type_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    b2b_ordering_mode = fields.Selection(
        ORDERING_MODES, string="Ordering Mode", compute="_compute_b2b_rules"
    )
    b2b_validation_rule = fields.Selection(
        VALIDATION_RULES, string="Validation Rule", compute="_compute_b2b_rules"
    )
    b2b_show_available = fields.Boolean(related="company_id.b2b_show_available")
    b2b_shortage_ids = fields.One2many(
        "sale.b2b.shortage",
        "order_id",
        string="Short Lines",
        readonly=True,
        groups="sales_inventory_b2b.group_b2b_salesperson",
    )
    b2b_confirm_blocked = fields.Boolean(
        string="Blocked by Shortage",
        compute="_compute_b2b_confirm_blocked",
        help="The block rule would refuse this quotation now: some lines need more "
        "than the available inventory.",
    )
    b2b_has_shortage = fields.Boolean(
        string="Has Short Lines",
        compute="_compute_b2b_has_shortage",
        store=True,
        index=True,
    )
    b2b_reservation_ids = fields.One2many(
        "sale.b2b.reservation",
        "order_id",
        string="Frozen Inventory",
        readonly=True,
        groups=RESERVATION_READERS,
    )
    b2b_reservation_count = fields.Integer(
        compute="_compute_b2b_reservation_count", groups=RESERVATION_READERS
    )
    b2b_availability_source = fields.Selection(
        [
            ("odoo", "Odoo stock"),
            ("erp", "ERP"),
            ("fallback", "Odoo stock (ERP fallback)"),
        ],
        string="Availability Source",
        readonly=True,
        copy=False,
    )
    b2b_availability_note = fields.Char(string="Availability Check", readonly=True, copy=False)
    b2b_shipment_line_ids = fields.One2many(
        "sale.b2b.shipment.line",
        "order_id",
        string="Shipment Lines",
        readonly=True,
        groups=SHIPMENT_READERS,
    )
    b2b_return_line_ids = fields.One2many(
        "sale.b2b.return.line",
        "order_id",
        string="Return Lines",
        readonly=True,
        groups=SHIPMENT_READERS,
    )
    b2b_shipment_ids = fields.Many2many(
        "sale.b2b.shipment",
        string="Shipments",
        compute="_compute_b2b_shipments",
        groups=SHIPMENT_READERS,
    )
    b2b_shipment_count = fields.Integer(compute="_compute_b2b_shipments", groups=SHIPMENT_READERS)
    b2b_receipt_state = fields.Selection(
        [
            ("none", "Nothing Shipped"),
            ("pending", "To Confirm"),
            ("partial", "Partially Confirmed"),
            ("confirmed", "Confirmed"),
        ],
        string="Receipt",
        compute="_compute_b2b_receipt_state",
        compute_sudo=True,
    )
    b2b_return_ids = fields.Many2many(
        "sale.b2b.return",
        string="Returns",
        compute="_compute_b2b_returns",
        groups=SHIPMENT_READERS,
    )
    b2b_return_count = fields.Integer(compute="_compute_b2b_returns", groups=SHIPMENT_READERS)

    @api.depends("company_id")
    def _compute_b2b_order_type_id(self):
        OrderType = self.env["sale.b2b.order.type"]
        defaults = {}
        for order in self:
            if order.b2b_order_type_id and order.b2b_order_type_id.company_id in (
                order.company_id,
                OrderType.company_id,
            ):
                continue
            company = order.company_id or self.env.company
            if company not in defaults:
                defaults[company] = OrderType._get_default_type(company)
            order.b2b_order_type_id = defaults[company]

    @api.depends(
        "b2b_order_type_id.ordering_mode",
        "b2b_order_type_id.validation_rule",
        "company_id.b2b_ordering_mode",
        "company_id.b2b_validation_rule",
    )
    def _compute_b2b_rules(self):
        for order in self:
            company = order.company_id or self.env.company
            order.b2b_ordering_mode = order.b2b_order_type_id._get_ordering_mode(company)
            order.b2b_validation_rule = order.b2b_order_type_id._get_validation_rule(company)

    @api.depends("b2b_shortage_ids.state")
    def _compute_b2b_has_shortage(self):
        for order in self:
            order.b2b_has_shortage = any(s.state == "open" for s in order.b2b_shortage_ids)

    @api.depends(
        "state",
        "b2b_validation_rule",
        "b2b_ordering_mode",
        "warehouse_id",
        "order_line.product_id",
        "order_line.product_uom_qty",
        "order_line.product_uom_id",
    )
    def _compute_b2b_confirm_blocked(self):
        """Whether Confirm would be refused by the block rule. Saved standalone
        quotations are checked against the stock; with an ERP the answer needs
        the ERP, so any quotation with checked lines may be overridden."""
        candidates = self.filtered(
            lambda o: isinstance(o.id, int)
            and o.state in ("draft", "sent")
            and o.b2b_validation_rule == "block"
            and o.b2b_ordering_mode != "none"
            and any(line._b2b_is_checked() for line in o.order_line)
        )
        blocked = candidates.filtered(lambda o: o.company_id.b2b_inventory_mode != "standalone")
        standalone = candidates - blocked
        if standalone:
            report = standalone._b2b_compute_shortages()
            blocked |= standalone.filtered(
                lambda o: o in report
                and (report[o]["shortages"] or report[o]["info"]["source"] == "blocked")
            )
        for order in self:
            order.b2b_confirm_blocked = order in blocked

    def _compute_b2b_reservation_count(self):
        # sudo: a count of the order's own frozen lines, shown to its readers
        counts = dict(
            self.env["sale.b2b.reservation"]
            .sudo()
            ._read_group(
                [("order_id", "in", self.ids), ("state", "=", "active")],
                ["order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.b2b_reservation_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # Scope of the check
    # ------------------------------------------------------------------
    def _b2b_get_scope(self):
        """Sorted tuple of the warehouse ids whose stock is checked, or None
        when the ordering mode checks nothing."""
        self.ensure_one()
        mode = self.b2b_ordering_mode
        if mode == "single":
            return (self.warehouse_id.id,) if self.warehouse_id else None
        if mode == "consolidated":
            warehouses = self.b2b_order_type_id._get_consolidated_warehouses(self.company_id)
            return tuple(sorted(warehouses.ids)) or None
        return None

    def _b2b_get_scope_label(self, scope):
        self.ensure_one()
        if self.b2b_ordering_mode == "consolidated":
            return self.env._("all warehouses")
        return self._b2b_get_warehouse_label(self.env["stock.warehouse"].browse(scope))

    def _b2b_get_warehouse_label(self, warehouse):
        """The warehouse as messages name it: its name, or its code when the
        name is just the company's (Odoo names the first warehouse so)."""
        labels = []
        for wh in warehouse.sudo():
            if wh.name and wh.name != wh.company_id.name:
                labels.append(wh.name)
            else:
                labels.append(self.env._("warehouse %(code)s", code=wh.code))
        return ", ".join(labels)

    def _b2b_get_orders_to_check(self):
        return self.filtered(lambda o: o.state in ("draft", "sent"))

    def _b2b_get_needs(self):
        """{order: (scope, {product: [qty in product unit, lines]})}"""
        needs = {}
        for order in self:
            scope = order._b2b_get_scope()
            if scope is None:
                continue
            per_product = {}
            for line in order.order_line:
                if not line._b2b_is_checked():
                    continue
                entry = per_product.setdefault(line.product_id, [0.0, self.env["sale.order.line"]])
                entry[0] += line._b2b_get_needed_qty()
                entry[1] |= line
            if per_product:
                needs[order] = (scope, per_product)
        return needs

    # ------------------------------------------------------------------
    # The check
    # ------------------------------------------------------------------
    def _b2b_compute_shortages(self):
        """Check every order of ``self`` in one batch: one availability
        request per company, whatever the number of lines and warehouses.

        Returns ``{order: {"scope", "info", "available", "shortages"}}`` where
        ``shortages`` is a list of dicts (product, needed, available, lines).
        """
        needs = self._b2b_get_needs()
        keys_by_company = defaultdict(set)
        for order, (scope, per_product) in needs.items():
            keys_by_company[order.company_id].update((product.id, scope) for product in per_product)
        Availability = self.env["sale.b2b.availability"]
        answers = {}
        for company, keys in keys_by_company.items():
            provider = Availability._get_provider(company)
            answers[company] = provider._get_available_quantities(
                company, keys, exclude_orders=self
            )
        report = {}
        for order, (scope, per_product) in needs.items():
            quantities, info = answers[order.company_id]
            entry = {"scope": scope, "info": info, "available": {}, "shortages": []}
            report[order] = entry
            if info["source"] == "blocked":
                continue
            for product, (needed, lines) in per_product.items():
                available = max(quantities.get((product.id, scope), 0.0), 0.0)
                available = product.uom_id.round(available)
                entry["available"][product] = available
                if product.uom_id.compare(needed, available) > 0:
                    entry["shortages"].append(
                        {
                            "product": product,
                            "needed": product.uom_id.round(needed),
                            "available": available,
                            "lines": lines,
                        }
                    )
        return report

    def _b2b_can_override_block(self):
        return self.env.user.has_group(ORDER_ADMIN_GROUP)

    def _b2b_format_qty(self, qty, uom):
        digits = self.env["decimal.precision"].precision_get("Product Unit")
        return f"{float_repr(qty, digits)} {uom.name}"

    def _b2b_get_shortage_message(self, entry):
        self.ensure_one()
        scope_label = self._b2b_get_scope_label(entry["scope"])
        details = [
            self.env._(
                "- %(product)s: needed %(needed)s, available %(available)s (%(scope)s)",
                product=shortage["product"].display_name,
                needed=self._b2b_format_qty(shortage["needed"], shortage["product"].uom_id),
                available=self._b2b_format_qty(shortage["available"], shortage["product"].uom_id),
                scope=scope_label,
            )
            for shortage in entry["shortages"]
        ]
        return self.env._(
            'Order %(order)s cannot be confirmed: the validation rule "Block submission" '
            "refuses orders needing more than the available inventory.\n%(details)s",
            order=self.name,
            details="\n".join(details),
        )

    def _b2b_get_blocked_message(self, entry):
        self.ensure_one()
        return self.env._(
            "Order %(order)s cannot be confirmed. %(reason)s",
            order=self.name,
            reason=entry["info"]["message"],
        )

    def _b2b_check_shortages(self, report):
        """Raise once for every order the rules refuse; nothing is confirmed."""
        override = self.env.context.get("b2b_override_block") and (self._b2b_can_override_block())
        messages = []
        for order, entry in report.items():
            if entry["info"]["source"] == "blocked":
                messages.append(order._b2b_get_blocked_message(entry))
            elif entry["shortages"] and order.b2b_validation_rule == "block" and not override:
                messages.append(order._b2b_get_shortage_message(entry))
        if messages:
            raise UserError("\n\n".join(messages))

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Check availability of all orders in one batch before confirming:
        refuse (nothing confirmed) when a block rule applies, otherwise
        confirm, then record short lines and frozen inventory."""
        to_check = self._b2b_get_orders_to_check()
        report = {}
        if to_check:
            to_check._b2b_lock_products()
            report = to_check._b2b_compute_shortages()
            to_check._b2b_check_shortages(report)
            to_check._b2b_prepare_warehouse_allocation(report)
        res = super(SaleOrder, self._b2b_with_warehouse_allocation(report)).action_confirm()
        if report:
            to_check._b2b_after_confirm(report)
        return res

    def _b2b_ensure_can_override_block(self):
        if not self._b2b_can_override_block():
            raise AccessError(
                self.env._(
                    "Only order administrators may confirm %(orders)s despite "
                    "insufficient inventory.",
                    orders=", ".join(self.mapped("name")),
                )
            )

    def action_b2b_open_confirm_override(self):
        """Confirm Despite Shortage: ask the order administrator why."""
        self._b2b_ensure_can_override_block()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm Despite Shortage"),
            "res_model": "sale.b2b.confirm.override",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_ids": [Command.set(self.ids)]},
        }

    def action_b2b_confirm_override(self, reason=None):
        """Confirm despite the block rule (order administrators only); the
        reason goes to the chatter of the orders and on their short lines."""
        self._b2b_ensure_can_override_block()
        reason = (reason or "").strip()
        res = self.with_context(
            b2b_override_block=True, b2b_override_reason=reason or False
        ).action_confirm()
        self._b2b_log_override(reason)
        return res

    def _b2b_log_override(self, reason):
        """Chatter note of the override, with its reason and what was short."""
        for order in self:
            missing = ", ".join(
                f"{shortage.product_id.display_name}: "
                + order._b2b_format_qty(shortage.qty_missing, shortage.product_uom_id)
                for shortage in order.sudo().b2b_shortage_ids.filtered(
                    lambda s: s.overridden_by_id == self.env.user
                )
            )
            body = self.env._(
                "Confirmed despite insufficient inventory by %(user)s. Reason: %(reason)s",
                user=self.env.user.name,
                reason=reason or self.env._("none given"),
            )
            if missing:
                body += " " + self.env._("Missing: %(missing)s", missing=missing)
            order.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _b2b_should_freeze(self):
        self.ensure_one()
        return self.company_id.b2b_reserve_inventory and self.b2b_ordering_mode in (
            "single",
            "consolidated",
        )

    def _b2b_lock_products(self):
        Lock = self.env["sale.b2b.reservation.lock"]
        for company, orders in self.grouped("company_id").items():
            freezing = orders.filtered(lambda o: o._b2b_should_freeze())
            products = freezing.order_line.filtered(lambda line: line._b2b_is_checked()).product_id
            Lock._lock_products(company, products)

    def _b2b_after_confirm(self, report):
        shortage_vals, reservation_vals = [], []
        overridden_by = (
            self.env.user
            if self.env.context.get("b2b_override_block") and self._b2b_can_override_block()
            else self.env["res.users"]
        )
        for order, entry in report.items():
            order.write(order._b2b_prepare_availability_vals(entry))
            if entry["info"]["source"] == "fallback":
                order.message_post(body=entry["info"]["message"], subtype_xmlid="mail.mt_note")
            shortage_vals += [
                order._b2b_prepare_shortage_vals(entry, shortage, overridden_by)
                for shortage in entry["shortages"]
            ]
            if order._b2b_should_freeze() and entry["info"]["source"] in (
                "odoo",
                "fallback",
            ):
                reservation_vals += order._b2b_prepare_reservation_vals_list(entry)
        # sudo: the confirming salesperson records the flags and frozen
        # quantities of his order; only order administrators may edit them
        if shortage_vals:
            self.env["sale.b2b.shortage"].sudo().create(shortage_vals)
        if reservation_vals:
            self.env["sale.b2b.reservation"].sudo().create(reservation_vals)

    def _b2b_prepare_availability_vals(self, entry):
        return {
            "b2b_availability_source": entry["info"]["source"],
            "b2b_availability_note": entry["info"]["message"],
        }

    def _b2b_prepare_shortage_vals(self, entry, shortage, overridden_by):
        self.ensure_one()
        scope = entry["scope"]
        return {
            "order_id": self.id,
            "order_line_ids": [(6, 0, shortage["lines"].ids)],
            "product_id": shortage["product"].id,
            "warehouse_id": scope[0] if self.b2b_ordering_mode == "single" else False,
            "scope_label": self._b2b_get_scope_label(scope),
            "qty_needed": shortage["needed"],
            "qty_available": shortage["available"],
            "overridden_by_id": overridden_by.id,
            "override_reason": (
                self.env.context.get("b2b_override_reason") if overridden_by else False
            ),
        }

    def _b2b_get_freeze_warehouse_order(self, scope):
        """Warehouses to freeze from, the order's own warehouse first."""
        self.ensure_one()
        ordered = [self.warehouse_id.id] if self.warehouse_id.id in scope else []
        return ordered + [wid for wid in scope if wid not in ordered]

    def _b2b_prepare_reservation_vals_list(self, entry):
        """Freeze what each line needs, up to what is available."""
        self.ensure_one()
        remaining = dict(entry["available"])
        vals_list = []
        for line in self.order_line.filtered(lambda line: line._b2b_is_checked()):
            product = line.product_id
            qty = min(line._b2b_get_needed_qty(), remaining.get(product, 0.0))
            if product.uom_id.compare(qty, 0.0) <= 0:
                continue
            remaining[product] -= qty
            if line.id in entry.get("allocation", {}):
                allocation = self._b2b_split_frozen(entry["allocation"][line.id], qty)
            else:
                first = self._b2b_get_freeze_warehouse_order(entry["scope"])[0]
                allocation = [(first, qty)]
            vals_list += [
                {
                    "order_id": self.id,
                    "order_line_id": line.id,
                    "product_id": product.id,
                    "warehouse_id": warehouse_id,
                    "quantity": product.uom_id.round(part),
                }
                for warehouse_id, part in allocation
            ]
        return vals_list

    def _b2b_allocate(self, product, qty, scope, free, rule=None):
        """Spread ``qty`` over the warehouses of ``scope`` by free quantity,
        in the order of the warehouse assignment rules (SI-19); what no
        warehouse holds goes to the first one. ``rule``: see
        ``_b2b_get_warehouse_ranking``."""
        order = self._b2b_get_warehouse_ranking(product, scope, free, rule)
        allocation = []
        for warehouse_id in order:
            if product.uom_id.compare(qty, 0.0) <= 0:
                break
            take = min(qty, max(free.get((product.id, warehouse_id), 0.0), 0.0))
            if product.uom_id.compare(take, 0.0) > 0:
                allocation.append((warehouse_id, take))
                free[(product.id, warehouse_id)] -= take
                qty -= take
        if product.uom_id.compare(qty, 0.0) > 0:
            allocation.append((order[0], qty))
        return allocation

    def _action_cancel(self):
        res = super()._action_cancel()
        # sudo: cancelling an order releases its frozen inventory whoever cancels
        reservations = (
            self.env["sale.b2b.reservation"]
            .sudo()
            .search([("order_id", "in", self.ids), ("state", "=", "active")])
        )
        if reservations:
            reservations._action_release(self.env._("Released: the order was cancelled."))
        # sudo: a cancelled order's open notices are cancelled (never exported)
        # whoever cancels it
        self.env["sale.b2b.shipment.line"].sudo()._b2b_follow_open_quantities(self.order_line)
        return res

    # ------------------------------------------------------------------
    # Shipping (SI-06 .. SI-08), receipts (SI-11), returns (SI-12 ..)
    # ------------------------------------------------------------------
    @api.depends(
        "b2b_shipment_line_ids.shipment_id.state",
        "b2b_shipment_line_ids.shipment_id.receipt_state",
    )
    def _compute_b2b_shipments(self):
        for order in self:
            shipments = order.b2b_shipment_line_ids.shipment_id
            order.b2b_shipment_ids = shipments
            order.b2b_shipment_count = len(shipments)

    @api.depends(
        "b2b_shipment_line_ids.shipment_id.state",
        "b2b_shipment_line_ids.shipment_id.receipt_state",
    )
    def _compute_b2b_receipt_state(self):
        for order in self:
            shipped = order.b2b_shipment_line_ids.shipment_id.filtered(lambda s: s.state == "done")
            if not shipped:
                order.b2b_receipt_state = "none"
            elif all(s.receipt_state == "confirmed" for s in shipped):
                order.b2b_receipt_state = "confirmed"
            elif any(s.receipt_state == "confirmed" for s in shipped):
                order.b2b_receipt_state = "partial"
            else:
                order.b2b_receipt_state = "pending"

    @api.depends("b2b_return_line_ids.return_id")
    def _compute_b2b_returns(self):
        for order in self:
            order.b2b_return_ids = order.b2b_return_line_ids.return_id
            order.b2b_return_count = len(order.b2b_return_ids)

    def _action_confirm(self):
        res = super()._action_confirm()
        self._b2b_create_notices_on_confirm()
        return res

    def _b2b_skip_notice_on_confirm(self):
        self.ensure_one()
        return (
            self.company_id.b2b_shipping_mode != "notice"
            or self.company_id.b2b_shipping_population != "auto"
        )

    def _b2b_create_notices_on_confirm(self):
        """SI-06/SI-07: in notice mode with auto population, confirming an
        order creates its shipping notice with every shippable line."""
        for order in self:
            if order._b2b_skip_notice_on_confirm():
                continue
            quantities = order._b2b_get_quantities_to_ship()
            if quantities:
                # sudo: the confirming salesperson issues his order's notice;
                # only shipping staff handle notices afterwards
                notice = order.sudo()._create_b2b_shipment(kind="notice", quantities=quantities)
                notice.action_send()

    def _b2b_get_shipping_kind(self):
        return self.company_id[:1].b2b_shipping_mode or "notice"

    def _prepare_b2b_shipment_vals(self, kind):
        order = self[:1]
        return {
            "kind": kind,
            "company_id": order.company_id.id,
            "partner_id": order.partner_id.commercial_partner_id.id,
            "partner_shipping_id": order.partner_shipping_id.id,
        }

    def _prepare_b2b_shipment_line_vals(self, sale_line, quantity):
        return {"sale_line_id": sale_line.id, "quantity": quantity}

    def _b2b_get_quantities_to_ship(self):
        """{order line: quantity left to ship} of the shippable lines of the
        orders of ``self`` (what auto population puts on a shipment)."""
        quantities = {}
        for line in self.order_line:
            qty = line._b2b_get_qty_to_ship() if line.product_id else 0.0
            if line._b2b_is_shippable(qty):
                quantities[line] = qty
        return quantities

    def _create_b2b_shipment(self, kind=None, quantities=None):
        """One shipment for the orders of ``self`` (several orders only with
        multi-order shipping, same customer and address). ``quantities``
        ({order line: qty}) chooses the lines (manual population); by default
        every shippable line with what remains to ship (auto population)."""
        if not self:
            return self.env["sale.b2b.shipment"]
        not_confirmed = self.filtered(lambda o: o.state != "sale")
        if not_confirmed:
            raise UserError(
                self.env._(
                    "Orders %(orders)s are not confirmed and cannot be shipped.",
                    orders=", ".join(not_confirmed.mapped("name")),
                )
            )
        kind = kind or self._b2b_get_shipping_kind()
        vals = self._prepare_b2b_shipment_vals(kind)
        if quantities is None and self.company_id[:1].b2b_shipping_population == "auto":
            quantities = self._b2b_get_quantities_to_ship()
        vals["line_ids"] = [
            Command.create(self._prepare_b2b_shipment_line_vals(line, qty))
            for line, qty in (quantities or {}).items()
        ]
        return self.env["sale.b2b.shipment"].create(vals)

    def action_b2b_create_shipment(self):
        """Button: a shipment for the selected orders, opened in its form."""
        shipment = self._create_b2b_shipment()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.b2b.shipment",
            "res_id": shipment.id,
            "view_mode": "form",
        }

    def action_b2b_view_shipments(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_inventory_b2b.sale_b2b_shipment_action"
        )
        action["domain"] = [("id", "in", self.b2b_shipment_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_b2b_view_returns(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_inventory_b2b.sale_b2b_return_action"
        )
        action["domain"] = [("id", "in", self.b2b_return_ids.ids)]
        return action
