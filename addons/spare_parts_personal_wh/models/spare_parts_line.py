# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import float_compare


class SparePartsLine(models.Model):
    """Consumption from stock (SP-05): in Standard and Advanced mode consuming a
    part moves it from the engineer's personal warehouse (Advanced: or a spare
    parts warehouse) to the customer; an old part comes back from the customer
    into the defective location."""

    _inherit = "spare.parts.line"

    location_id = fields.Many2one(
        "stock.location",
        string="Take From",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('spare_parts_old_parts', '=', False), "
        "'|', ('spare_parts_owner_id', '=', engineer_id), "
        "('warehouse_id.is_spare_parts_warehouse', '=', True)]",
    )
    move_ids = fields.One2many("stock.move", "spare_parts_line_id", string="Stock Moves")
    # SP-23
    is_consignment = fields.Boolean(
        string="Consignment",
        readonly=True,
        copy=False,
        help="Taken from stock still owned by the vendor: invoiced after installation.",
    )
    consignment_owner_id = fields.Many2one("res.partner", readonly=True, copy=False)
    is_warranty_replacement = fields.Boolean(
        string="Warranty Replacement",
        help="Needs a spare parts administrator's approval before it can be billed.",
    )
    warranty_approval_state = fields.Selection(
        [("to_approve", "To Approve"), ("approved", "Approved"), ("rejected", "Rejected")],
        compute="_compute_warranty_approval_state",
        store=True,
        copy=False,
        help="Changed only by the administrator's Approve / Reject buttons.",
    )
    billable = fields.Boolean(compute="_compute_billable", store=True)

    @api.depends("engineer_id", "company_id")
    def _compute_location_id(self):
        for line in self:
            if line.state == "planned" and not line.location_id:
                line.location_id = line.engineer_id._get_spare_parts_location(
                    line.company_id or self.env.company
                )

    @api.depends("is_warranty_replacement")
    def _compute_warranty_approval_state(self):
        for line in self:
            if not line.is_warranty_replacement:
                line.warranty_approval_state = False
            elif not line.warranty_approval_state:
                line.warranty_approval_state = "to_approve"

    @api.depends("state", "is_warranty_replacement", "warranty_approval_state")
    def _compute_billable(self):
        for line in self:
            line.billable = line.state == "consumed" and (
                not line.is_warranty_replacement or line.warranty_approval_state == "approved"
            )

    def _get_action_fields(self):
        return super()._get_action_fields() | {
            "is_consignment",
            "consignment_owner_id",
            "warranty_approval_state",
            "request_line_id",
        }

    def write(self, vals):
        if "is_warranty_replacement" in vals and not self.env.su:
            decided = self.filtered(
                lambda line: line.warranty_approval_state in ("approved", "rejected")
            )
            if decided:
                raise AccessError(
                    self.env._(
                        "The administrator decided on the warranty replacement of "
                        "%(parts)s; it cannot be changed any more.",
                        parts=", ".join(decided.mapped(lambda line: line._get_chatter_label())),
                    )
                )
        return super().write(vals)

    def _uses_stock(self):
        self.ensure_one()
        return self.company_id.spare_parts_mode in ("standard", "advanced")

    # ------------------------------------------------------------ checks
    def _get_consume_errors(self):
        errors = super()._get_consume_errors()
        if not self._uses_stock() or errors:
            return errors
        if not self.location_id:
            errors.append(
                self.env._(
                    "Work order %(ticket)s: engineer %(engineer)s has no personal warehouse "
                    "to take %(part)s from.",
                    ticket=self.ticket_id.display_name,
                    engineer=self.engineer_id.name or "-",
                    part=self.product_id.display_name,
                )
            )
        elif self.location_id.sudo().spare_parts_old_parts:
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(location)s holds old parts taken out on work "
                    "orders; %(part)s cannot be consumed from it.",
                    ticket=self.ticket_id.display_name,
                    location=self.location_id.sudo().display_name,
                    part=self.product_id.display_name,
                )
            )
        elif not self._is_allowed_source(self.location_id):
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(location)s is not %(engineer)s's personal "
                    "warehouse%(or_wh)s.",
                    ticket=self.ticket_id.display_name,
                    location=self.location_id.display_name,
                    engineer=self.engineer_id.name,
                    or_wh=self.env._(" nor a spare parts warehouse")
                    if self.company_id.spare_parts_mode == "advanced"
                    else "",
                )
            )
        return errors

    def _is_allowed_source(self, location):
        self.ensure_one()
        if location.spare_parts_owner_id:
            return location.spare_parts_owner_id == self.engineer_id
        return bool(
            self.company_id.spare_parts_mode == "advanced"
            and location.warehouse_id.is_spare_parts_warehouse
        )

    def _check_can_consume(self):
        # Lines planned before the engineer got a personal warehouse take it now.
        for line in self.filtered(lambda line: not line.location_id and line._uses_stock()):
            line.location_id = line.engineer_id._get_spare_parts_location(line.company_id)
        stock_lines = self.filtered(lambda line: line._uses_stock())
        stock_lines._check_consume_rights()
        res = super()._check_can_consume()
        if stock_lines:
            stock_lines._check_holdings()
        return res

    def _get_serial_choices(self):
        """SP-31: the serials free in the van (or warehouse) each line takes
        from, the ones the consumption will accept."""
        stock_lines = self.filtered(lambda line: line._uses_stock() and line.location_id)
        lots = super(SparePartsLine, self - stock_lines)._get_serial_choices()
        if not stock_lines:
            return lots
        available = self.env["stock.quant"]._spare_parts_available(
            stock_lines.location_id, stock_lines.product_id
        )
        wanted = {(line.location_id, line.product_id) for line in stock_lines}
        for (location, product, lot), qty in available.items():
            if lot and qty > 0 and (location, product) in wanted:
                lots |= lot
        return lots

    def _check_consume_rights(self):
        """An engineer consumes from his own van only; what another van holds
        is for its engineer or a spare parts administrator to move."""
        if self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            return
        foreign = self.filtered(
            lambda line: line.location_id.sudo().spare_parts_owner_id
            and not line.location_id._is_personal_warehouse_of(self.env.user)
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "%(user)s may consume only from his own personal warehouse, not from "
                    "%(locations)s: that needs the Spare Parts Administrator role.",
                    user=self.env.user.name,
                    locations=", ".join(foreign.location_id.sudo().mapped("display_name")),
                )
            )

    def _check_holdings(self):
        """More than the engineer holds, a serial he does not hold, or (SP-08)
        parts earmarked for another work order: refused, nothing moves."""
        Quant = self.env["stock.quant"]
        Quant._spare_parts_check_available(
            [(line.location_id, line.product_id, line.lot_id, line.quantity) for line in self],
            holder_label=None,
        )
        rule_lines = self.filtered(lambda line: line.company_id.spare_parts_consumption_rule)
        if rule_lines:
            rule_lines._check_earmarks()

    def _check_earmarks(self):
        locations = self.location_id
        products = self.product_id
        available = self.env["stock.quant"]._spare_parts_available(locations, products)
        on_hand = defaultdict(float)
        for (location, product, _lot), qty in available.items():
            on_hand[(location, product)] += qty
        earmarks = self._get_earmarks(locations, products)
        needed = defaultdict(float)
        for line in self:
            needed[(line.location_id, line.product_id, line.ticket_id)] += line.quantity
        errors = []
        for (location, product, ticket), qty in needed.items():
            others = sum(
                q
                for (loc, prod, tkt), q in earmarks.items()
                if loc == location and prod == product and tkt != ticket
            )
            free = on_hand[(location, product)] - others
            if float_compare(qty, free, precision_rounding=product.uom_id.rounding) > 0:
                errors.append(
                    self.env._(
                        "Work order %(ticket)s: %(qty)s %(uom)s of %(part)s needed, but only "
                        "%(free)s %(uom)s in %(location)s are free; the rest was requested for "
                        "other work orders (consumption rule).",
                        ticket=ticket.display_name,
                        qty=qty,
                        free=max(free, 0.0),
                        uom=product.uom_id.name,
                        part=product.display_name,
                        location=location.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    @api.model
    def _get_earmarks(self, locations, products):
        """{(location, product, work order): quantity still earmarked}: parts
        received for an open work order minus those consumed on it. Two grouped
        queries for any number of locations and products."""
        Move = self.env["stock.move"].sudo()
        base = [
            ("state", "=", "done"),
            ("product_id", "in", products.ids),
            ("spare_parts_ticket_id", "!=", False),
            ("spare_parts_ticket_id.closed", "=", False),
        ]
        earmarks = defaultdict(float)
        for location, product, ticket, qty in Move._read_group(
            base + [("location_dest_id", "in", locations.ids)],
            ["location_dest_id", "product_id", "spare_parts_ticket_id"],
            ["product_qty:sum"],
        ):
            earmarks[(location, product, ticket)] += qty
        for location, product, ticket, qty in Move._read_group(
            base + [("location_id", "in", locations.ids)],
            ["location_id", "product_id", "spare_parts_ticket_id"],
            ["product_qty:sum"],
        ):
            earmarks[(location, product, ticket)] -= qty
        return {key: qty for key, qty in earmarks.items() if qty > 0}

    # ------------------------------------------------------------ moves
    def _action_consume(self):
        stock_lines = self.filtered(lambda line: line._uses_stock())
        if stock_lines:
            stock_lines._post_stock_moves(
                lambda line: line.location_id,
                lambda line: line.ticket_id.partner_id.property_stock_customer
                or self.env.ref("stock.stock_location_customers"),
            )
            stock_lines._mark_consignment()
        return super()._action_consume()

    def _apply_quantity_correction(self, delta):
        """The van gives the missing units to the customer, or takes back what
        was counted too many, with the same checks as a consumption."""
        super()._apply_quantity_correction(delta)
        if not self._uses_stock():
            return
        customer = self.ticket_id.partner_id.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
        if delta > 0:
            self.env["stock.quant"]._spare_parts_check_available(
                [(self.location_id, self.product_id, self.lot_id, delta)]
            )
            self._post_stock_moves(
                lambda line: line.location_id, lambda line: customer, lambda line: delta
            )
        else:
            self._post_stock_moves(
                lambda line: customer, lambda line: line.location_id, lambda line: -delta
            )

    def _action_return(self):
        stock_lines = self.filtered(lambda line: line._uses_stock())
        if stock_lines:
            stock_lines._post_stock_moves(
                lambda line: line.ticket_id.partner_id.property_stock_customer
                or self.env.ref("stock.stock_location_customers"),
                lambda line: line._get_old_part_destination(),
            )
        return super()._action_return()

    def _get_old_part_destination(self):
        """Where an old part taken out on the work order goes (SP-32): the
        old-parts location of the engineer's van while old parts travel with the
        engineer, the defective location otherwise (or for an engineer without
        a van)."""
        self.ensure_one()
        company = self.company_id
        if company.spare_parts_old_parts_via_van:
            van = self._get_old_part_van()
            old_parts = van._get_spare_parts_old_parts_location() if van else van
            if old_parts:
                return old_parts
        return company.spare_parts_defective_location_id

    def _get_old_part_van(self):
        """The van the old part travels in: the line's own personal warehouse
        when it is one of its engineer's, else his default van."""
        self.ensure_one()
        van = self.location_id
        if not self.engineer_id or (van and van._is_personal_warehouse_of(self.engineer_id)):
            return van
        return self.engineer_id._get_spare_parts_location(self.company_id)

    def _prepare_consumption_picking_vals(self, source, destination):
        ticket = self.ticket_id[:1]
        return {
            "picking_type_id": ticket.company_id.spare_parts_consumption_type_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "partner_id": ticket.partner_id.id,
            "origin": ticket.display_name,
            "company_id": ticket.company_id.id,
            "spare_parts_ticket_id": ticket.id,
        }

    def _prepare_consumption_move_vals(self, source, destination, quantity=None):
        self.ensure_one()
        quantity = self.quantity if quantity is None else quantity
        vals = {
            "product_id": self.product_id.id,
            "product_uom_qty": quantity,
            "product_uom": self.product_id.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "spare_parts_line_id": self.id,
            "spare_parts_ticket_id": self.ticket_id.id,
        }
        if self.lot_id:
            vals["move_line_ids"] = [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "lot_id": self.lot_id.id,
                        "quantity": quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                    }
                )
            ]
        return vals

    def _post_stock_moves(self, get_source, get_destination, get_quantity=None):
        """One done transfer per (work order, source, destination), moving each
        line's quantity (or ``get_quantity(line)``)."""
        for company in self.company_id:
            company._spare_parts_setup_locations()
        groups = defaultdict(lambda: self.browse())
        for line in self:
            groups[(line.ticket_id, get_source(line), get_destination(line))] |= line
        # The engineer records his own work; the stock documents it causes are
        # written as the system, after the checks above met his rights.
        Picking = self.env["stock.picking"].sudo()
        pickings = Picking.create(
            [
                dict(
                    lines._prepare_consumption_picking_vals(source, destination),
                    move_ids=[
                        Command.create(
                            line._prepare_consumption_move_vals(
                                source, destination, get_quantity(line) if get_quantity else None
                            )
                        )
                        for line in lines
                    ],
                )
                for (_ticket, source, destination), lines in groups.items()
            ]
        )
        pickings.action_confirm()
        pickings.action_assign()
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        pickings._action_done()
        not_done = pickings.filtered(lambda p: p.state != "done")
        if not_done:
            raise UserError(
                self.env._(
                    "The stock moves of %(pickings)s could not be completed.",
                    pickings=", ".join(not_done.mapped("name")),
                )
            )
        return pickings

    def _mark_consignment(self):
        """SP-23: parts taken from vendor-owned stock are consignment parts."""
        for line in self:
            owner = line.move_ids.move_line_ids.owner_id[:1]
            if owner:
                line._write_action_fields(
                    {"is_consignment": True, "consignment_owner_id": owner.id}
                )

    # ------------------------------------------------------------ SP-23
    def action_approve_warranty_replacement(self):
        self._check_warranty_approver()
        self._write_action_fields({"warranty_approval_state": "approved"})
        return True

    def action_reject_warranty_replacement(self):
        self._check_warranty_approver()
        self._write_action_fields({"warranty_approval_state": "rejected"})
        return True

    def _check_warranty_approver(self):
        if not self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            raise AccessError(
                self.env._(
                    "Only spare parts administrators approve or reject warranty replacements "
                    "(%(parts)s).",
                    parts=", ".join(self.mapped(lambda line: line._get_chatter_label())),
                )
            )
        not_flagged = self.filtered(lambda line: not line.is_warranty_replacement)
        if not_flagged:
            raise UserError(
                self.env._(
                    "%(parts)s is not flagged as a warranty replacement.",
                    parts=", ".join(not_flagged.mapped(lambda line: line._get_chatter_label())),
                )
            )

    def _get_billing_errors(self):
        errors = super()._get_billing_errors()
        if errors or not self.is_warranty_replacement:
            return errors
        if self.warranty_approval_state != "approved":
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(part)s is a warranty replacement %(state)s; a "
                    "spare parts administrator must approve it before it is billed.",
                    ticket=self.ticket_id.display_name,
                    part=self._get_chatter_label(),
                    state=self.env._("rejected")
                    if self.warranty_approval_state == "rejected"
                    else self.env._("waiting for approval"),
                )
            )
        return errors

    def _check_billable(self):
        """Billing a warranty replacement needs the administrator's approval."""
        blocked = self.filtered(lambda line: not line.billable)
        if blocked:
            raise UserError(
                self.env._(
                    "These parts cannot be billed yet: %(parts)s (not consumed, or a warranty "
                    "replacement not approved by a spare parts administrator).",
                    parts=", ".join(blocked.mapped(lambda line: line._get_chatter_label())),
                )
            )

    # ------------------------------------------------------------ SP-26 entry
    request_line_id = fields.Many2one(
        "spare.parts.request.line",
        string="Parts Request Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The parts request line that brings this submitted part to the engineer.",
    )
    request_id = fields.Many2one(
        related="request_line_id.document_id", string="Parts Request", store=True
    )
    request_state = fields.Selection(
        related="request_line_id.document_id.state", string="Request Status"
    )

    def action_submit_entry(self):
        """In Standard and Advanced mode a submitted part entry also asks stock
        for the part: it goes on the work order's open parts request, which the
        administrator approves. The work order shows one "Parts requested" note."""
        to_request = self.filtered(
            lambda line: line.state == "planned"
            and line.part_condition == "new"
            and not line.request_line_id
            and line._uses_stock()
        )
        if to_request:
            to_request._request_entries()
        return super().action_submit_entry()

    def _request_entries(self):
        """Add these entries to the open parts request of their work order and
        engineer (a new one when there is none), submitted for approval."""
        for (ticket, engineer), lines in self.grouped(
            lambda line: (line.ticket_id, line.engineer_id)
        ).items():
            request = lines._get_entry_request(ticket, engineer)
            RequestLine = self.env["spare.parts.request.line"]
            if request.state != "draft":
                # A submitted request is closed to its engineer's edits; the
                # entries he submits join it for the administrator to approve
                # with the rest (the user may change the entries themselves).
                lines.check_access("write")
                RequestLine = RequestLine.sudo()
            request_lines = RequestLine.create(
                [
                    dict(line._prepare_entry_request_line_vals(), document_id=request.id)
                    for line in lines
                ]
            )
            for line, request_line in zip(lines, request_lines, strict=True):
                line._write_action_fields({"request_line_id": request_line.id})
            if request.state == "draft":
                request.with_context(spare_parts_entry_submit=True).action_submit()
                lines._schedule_entry_review(request)

    def _get_entry_request(self, ticket, engineer):
        """The work order's request of ``engineer`` not approved yet, or a new draft."""
        Request = self.env["spare.parts.request"]
        request = Request.search(
            [
                ("ticket_id", "=", ticket.id),
                ("engineer_id", "=", engineer.id),
                ("state", "in", ("draft", "submitted")),
            ],
            order="id desc",
            limit=1,
        )
        return request or Request.create(self._prepare_entry_request_vals(ticket, engineer))

    def _prepare_entry_request_vals(self, ticket, engineer):
        return {
            "ticket_id": ticket.id,
            "engineer_id": engineer.id,
            "company_id": ticket.company_id.id,
            "urgency": max(self.mapped("urgency") or ["0"]),
        }

    def _schedule_entry_review(self, request):
        """The administrator (the company's inventory coordinator, else its
        first spare parts administrator) gets an activity to approve the request."""
        reviewer = request.company_id._get_spare_parts_reviewer()
        if reviewer:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Approve parts request %(request)s for work order %(ticket)s",
                    request=request.name,
                    ticket=request.ticket_id.display_name,
                ),
                note=", ".join(self.mapped(lambda line: line._get_chatter_label())),
                user_id=reviewer.id,
            )

    def _prepare_entry_request_line_vals(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "lot_ids": [Command.set(self.lot_id.ids)],
            "unit_cost": self.unit_cost,
            "restocking_fee": self.restocking_fee,
            "request_reason": self.request_reason,
            "urgency": self.urgency,
        }

    def _get_chatter_label(self):
        label = super()._get_chatter_label()
        if self.request_line_id and self.state == "planned":
            label += f" [{self.request_line_id.document_id.name}]"
        return label
