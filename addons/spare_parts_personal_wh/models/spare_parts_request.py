# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command, Domain
from odoo.tools import float_compare

from odoo.addons.spare_parts_base.models.spare_parts_action_fields_mixin import (
    ADMIN_GROUP,
    ENGINEER_GROUP,
)

REQUEST_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("done", "Received"),
    ("cancel", "Cancelled"),
]


class SparePartsRequest(models.Model):
    """An engineer's request for parts, for a work order or for general stock
    (SP-13). Approval ships them from the virtual supply (Standard) or a spare
    parts warehouse (Advanced); the engineer acknowledges receipt."""

    _name = "spare.parts.request"
    _description = "Spare Parts Request"
    _inherit = ["spare.parts.document.mixin", "spare.parts.warehouse.mixin"]
    _picking_field = "spare_parts_request_id"
    _line_move_field = "spare_parts_request_line_id"
    _sequence_code = "spare.parts.request"

    state = fields.Selection(
        selection_add=REQUEST_STATES[1:],
        ondelete={key: "set default" for key, _label in REQUEST_STATES[1:]},
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Work Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Parts requested for a work order are earmarked for it (SP-08).",
    )
    location_dest_id = fields.Many2one(
        "stock.location",
        string="Personal Warehouse",
        compute="_compute_location_dest_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('spare_parts_old_parts', '=', False), "
        "('spare_parts_owner_id', '=', engineer_id)]",
    )
    warehouse_id = fields.Many2one(string="Ship From")
    date_needed = fields.Date(string="Needed By", tracking=True)
    urgency = fields.Selection(
        [("0", "Normal"), ("1", "Urgent"), ("2", "Critical")], default="0", tracking=True
    )
    line_ids = fields.One2many("spare.parts.request.line", "document_id", string="Parts", copy=True)
    spare_parts_mode = fields.Selection(related="company_id.spare_parts_mode")
    can_ship = fields.Boolean(compute="_compute_can_ship_receive", search="_search_can_ship")
    can_receive = fields.Boolean(compute="_compute_can_ship_receive")
    shipping_status = fields.Selection(
        [
            ("none", "Nothing Shipped"),
            ("partial", "Partially Shipped"),
            ("shipped", "Shipped"),
            ("received", "Received"),
        ],
        compute="_compute_shipping_status",
        help="Where the parts are, as the ledger says: shipped in part or in full, "
        "and received. Follows shipments validated or cancelled from Inventory too.",
    )

    @api.depends("line_ids.qty_shipped", "line_ids.qty_received", "line_ids.qty_cancelled")
    def _compute_shipping_status(self):
        for request in self:
            request.shipping_status = request.line_ids._get_shipping_status()

    def _compute_can_ship_receive(self):
        """Ship while an outbound leg is open; acknowledge once something is
        on its way (an inbound leg is open). The buttons follow these, and the
        actions refuse what they would not offer."""
        for request in self:
            open_legs = (
                request._get_pickings()
                .filtered(lambda p: p.state not in ("done", "cancel"))
                .mapped("spare_parts_leg")
            )
            request.can_ship = request.state == "approved" and "outbound" in open_legs
            request.can_receive = request.state == "approved" and "inbound" in open_legs

    def _search_can_ship(self, operator, value):
        """Approved requests with an outbound leg still open: what waits to be
        shipped (the administrator's Overview counts them)."""
        if operator not in ("in", "not in"):
            return NotImplemented
        open_outbound = self.env["stock.picking"].search_fetch(
            [
                ("spare_parts_request_id", "!=", False),
                ("spare_parts_leg", "=", "outbound"),
                ("state", "not in", ("done", "cancel")),
            ],
            ["spare_parts_request_id"],
        )
        domain = Domain("state", "=", "approved") & Domain(
            "id", "in", open_outbound.spare_parts_request_id.ids
        )
        return domain if (True in value) == (operator == "in") else ~domain

    @api.depends("engineer_id", "company_id")
    def _compute_location_dest_id(self):
        for request in self:
            request.location_dest_id = request.engineer_id._get_spare_parts_location(
                request.company_id
            )

    def _get_outbound_source(self):
        self.ensure_one()
        return self.company_id._get_spare_parts_request_source(self.warehouse_id)

    def _get_inbound_destination(self):
        self.ensure_one()
        return self.location_dest_id

    # ------------------------------------------------------------ actions
    # -------------------------------------------------------- write policy
    def _get_write_policy(self):
        """The administrator reviewing a submitted request may still choose the
        van and the warehouse it ships from (both checked again at approval);
        the engineer may only raise its urgency."""
        policy = super()._get_write_policy()
        policy["submitted"] = {
            ENGINEER_GROUP: {"note", "urgency"},
            ADMIN_GROUP: {"note", "urgency", "warehouse_id", "location_dest_id", "line_ids"},
        }
        policy["approved"] = {
            ENGINEER_GROUP: {"note"},
            ADMIN_GROUP: {"note", "line_ids"},
        }
        return policy

    def _get_line_write_policy(self):
        """Serials are chosen and quantities shipped now are set by the
        administrator once the request is submitted."""
        policy = super()._get_line_write_policy()
        policy["submitted"] = {ADMIN_GROUP: {"lot_ids"}}
        policy["approved"] = {ADMIN_GROUP: {"lot_ids", "qty_to_ship"}}
        return policy

    def action_submit(self):
        self._ensure_state(["draft"], self.env._("Submitting"))
        self._check_submit()
        self._write_action_fields({"state": "submitted"})
        self._schedule_approval_activity()
        for request in self:
            # Parts entered on the work order were announced there already.
            if request.ticket_id and not self.env.context.get("spare_parts_entry_submit"):
                request.ticket_id.message_post(
                    body=self.env._(
                        "Parts requested (%(request)s): %(parts)s",
                        request=request.name,
                        parts=", ".join(request.line_ids.mapped(lambda line: line._label())),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def _schedule_approval_activity(self):
        """The reviewer of the company (its coordinator, else a spare parts
        administrator) gets a to-do to approve; parts entered on a work order
        schedule a more detailed one themselves."""
        if self.env.context.get("spare_parts_entry_submit"):
            return
        for request in self:
            reviewer = request.company_id._get_spare_parts_reviewer()
            if reviewer:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Approve parts request %(name)s", name=request.name),
                    user_id=reviewer.id,
                )

    def _check_submit(self):
        for request in self:
            request.company_id._check_spare_parts_mode("standard", self.env._("Parts requests"))
            if not request.line_ids:
                raise UserError(
                    self.env._("Request %(request)s has no parts.", request=request.name)
                )
            request._check_destination()
            errors = [
                msg for line in request.line_ids for msg in [line._get_request_rule_error()] if msg
            ]
            if errors:
                raise UserError("\n".join(errors))

    def _check_destination(self):
        """The parts go into a van of the request's engineer: checked when it is
        submitted and again whenever they move."""
        for request in self:
            if not request.location_dest_id:
                raise UserError(
                    self.env._(
                        "Engineer %(engineer)s has no personal warehouse to receive request "
                        "%(request)s; create one first.",
                        engineer=request.engineer_id.name,
                        request=request.name,
                    )
                )
            if not request.location_dest_id._is_personal_warehouse_of(request.engineer_id):
                raise AccessError(
                    self.env._(
                        "Request %(request)s: %(location)s is not a personal warehouse of "
                        "%(engineer)s; parts are requested into the engineer's own van.",
                        request=request.name,
                        location=request.location_dest_id.sudo().display_name,
                        engineer=request.engineer_id.name,
                    )
                )

    def action_approve(self):
        """Administrator: open the outbound transfer. In Standard mode company
        stock is not tracked, so the parts ship at once from the supply."""
        self._ensure_spare_parts_admin(self.env._("Approving"))
        self._ensure_state(["submitted"], self.env._("Approving"))
        for request in self:
            request._check_approve()
            picking = request._create_outbound(request._get_outbound_source())
            picking.spare_parts_ticket_id = request.ticket_id
            request._write_action_fields({"state": "approved"})
            request.activity_feedback(["mail.mail_activity_data_todo"])
            if request.spare_parts_mode == "standard":
                request._ship(picking)
        return True

    def _check_approve(self):
        self.ensure_one()
        self._check_destination()
        source = self._get_outbound_source()
        if not source:
            raise UserError(
                self.env._(
                    "Request %(request)s has no spare parts warehouse to ship from; choose "
                    "one or set the default spare parts warehouse of %(company)s.",
                    request=self.name,
                    company=self.company_id.name,
                )
            )
        if self.spare_parts_mode == "standard":
            missing = self.line_ids._get_serials_missing()
            if missing:
                raise UserError(
                    self.env._(
                        "Request %(request)s: enter the serial numbers shipped for %(parts)s.",
                        request=self.name,
                        parts=", ".join(missing.product_id.mapped("display_name")),
                    )
                )

    def _get_transit(self):
        self.ensure_one()
        return self.company_id.spare_parts_transit_location_id

    def _get_open_outbound(self):
        return self._get_pickings().filtered(
            lambda p: p.spare_parts_leg == "outbound" and p.state not in ("done", "cancel")
        )

    def action_ship(self):
        """Administrator: ship what each line says to ship now (all by default);
        what is not shipped stays on a backorder (partial shipments)."""
        self._ensure_spare_parts_admin(self.env._("Shipping"))
        self._ensure_state(["approved"], self.env._("Shipping"))
        for request in self:
            outbound = request._get_open_outbound()
            if not outbound:
                raise UserError(
                    self.env._(
                        "Request %(request)s has nothing left to ship.", request=request.name
                    )
                )
            request._ship(outbound)
        return True

    def _ship(self, outbound):
        self.ensure_one()
        for move in outbound.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
            line = move.spare_parts_request_line_id
            to_ship = line._get_qty_to_ship_now()
            self._reserve_chosen_serials(move, line, to_ship)
            rounding = move.product_uom.rounding
            if float_compare(move.quantity, to_ship, precision_rounding=rounding) < 0:
                raise UserError(
                    self.env._(
                        "Request %(request)s: only %(reserved)s %(uom)s of %(part)s are "
                        "available in %(location)s, %(qty)s %(uom)s to ship.",
                        request=self.name,
                        reserved=move.quantity,
                        qty=to_ship,
                        uom=move.product_uom.name,
                        part=move.product_id.display_name,
                        location=move.location_id.display_name,
                    )
                )
            move.quantity = to_ship
        self._validate_pickings(outbound)
        self.line_ids._write_action_fields({"qty_to_ship": 0.0})

    def _reserve_chosen_serials(self, move, line, to_ship):
        """Serials chosen on the line after approval ship as chosen: Odoo's own
        reservation of other serials is replaced by them (refused, with nothing
        changed, when the source does not hold them)."""
        if line.tracking != "serial" or not line.lot_ids:
            return
        shipped = line.move_ids.filtered(
            lambda m: m.state == "done" and m.spare_parts_leg == "outbound"
        ).move_line_ids.lot_id
        wanted = (line.lot_ids - shipped)[: int(to_ship)]
        if not wanted or move.move_line_ids.lot_id == wanted:
            return
        move = move.sudo()
        move._do_unreserve()
        self.env["stock.quant"]._spare_parts_check_available(
            [(move.location_id, line.product_id, lot, 1.0) for lot in wanted]
        )
        move.write(
            {
                "move_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "lot_id": lot.id,
                            "quantity": 1.0,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                        }
                    )
                    for lot in wanted
                ]
            }
        )

    def action_receive(self):
        """Engineer: acknowledge receipt of the parts shipped to him."""
        self._ensure_state(["approved"], self.env._("Acknowledging receipt"))
        self._ensure_receiver()
        self._receive_inbound()
        return True

    def _ensure_receiver(self):
        """Receipt is acknowledged by the engineer who gets the parts (or an
        administrator on his behalf)."""
        if self._is_spare_parts_admin():
            return
        others = self.filtered(lambda r: r.engineer_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the requesting engineer or a spare parts administrator acknowledges "
                    "receipt of %(requests)s.",
                    requests=", ".join(others.mapped("name")),
                )
            )

    def action_cancel(self):
        self._ensure_state(["draft", "submitted", "approved"], self.env._("Cancelling"))
        shipped = self.filtered(lambda r: any(r.line_ids.mapped("qty_shipped")))
        if shipped:
            raise UserError(
                self.env._(
                    "Request %(requests)s already shipped parts; return them instead of "
                    "cancelling.",
                    requests=", ".join(shipped.mapped("name")),
                )
            )
        self._get_pickings().sudo().action_cancel()
        self._write_action_fields({"state": "cancel"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _on_pickings_done(self, pickings):
        res = super()._on_pickings_done(pickings)
        self._carry_serials_to_work_order(
            pickings.filtered(lambda p: p.spare_parts_leg == "inbound" and p.state == "done")
        )
        return res

    def _carry_serials_to_work_order(self, inbound):
        """Serials received for a work order fill its planned lines of the same
        part that have no serial yet: the engineer does not type them again."""
        for request in self.filtered("ticket_id"):
            waiting = request.ticket_id.part_line_ids.filtered(
                lambda line: line.state == "planned"
                and line.part_condition == "new"
                and line.tracking == "serial"
                and not line.lot_id
            )
            taken = request.ticket_id.part_line_ids.lot_id
            for move_line in inbound.move_ids.move_line_ids.filtered("lot_id"):
                if move_line.lot_id in taken:
                    continue
                line = waiting.filtered(lambda w, ml=move_line: w.product_id == ml.product_id)[:1]
                if line:
                    line.sudo().lot_id = move_line.lot_id
                    waiting -= line
                    taken |= move_line.lot_id

    def _update_state_from_pickings(self):
        """Received once no leg is open; cancelled when every leg was
        cancelled before anything shipped (e.g. from Inventory)."""
        for request in self.filtered(lambda r: r.state == "approved"):
            legs = request._get_leg_pickings()
            if legs.filtered(lambda p: p.state not in ("done", "cancel")):
                continue
            if legs.filtered(lambda p: p.state == "done"):
                request._write_action_fields({"state": "done"})
            else:
                request._write_action_fields({"state": "cancel"})
                request.activity_unlink(["mail.mail_activity_data_todo"])
