# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

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

    state = fields.Selection(REQUEST_STATES)
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
        domain="[('spare_parts_owner_id', '=', engineer_id)]",
    )
    warehouse_id = fields.Many2one(string="Ship From")
    date_needed = fields.Date(string="Needed By", tracking=True)
    urgency = fields.Selection(
        [("0", "Normal"), ("1", "Urgent"), ("2", "Critical")], default="0", tracking=True
    )
    line_ids = fields.One2many("spare.parts.request.line", "document_id", string="Parts", copy=True)
    spare_parts_mode = fields.Selection(related="company_id.spare_parts_mode")

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
    def action_submit(self):
        self._ensure_state(["draft"], self.env._("Submitting"))
        self._check_submit()
        self.write({"state": "submitted"})
        for request in self:
            if request.ticket_id:
                request.ticket_id.message_post(
                    body=self.env._(
                        "Parts requested (%(request)s): %(parts)s",
                        request=request.name,
                        parts=", ".join(request.line_ids.mapped(lambda line: line._label())),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def _check_submit(self):
        for request in self:
            request.company_id._check_spare_parts_mode("standard", self.env._("Parts requests"))
            if not request.line_ids:
                raise UserError(
                    self.env._("Request %(request)s has no parts.", request=request.name)
                )
            if not request.location_dest_id:
                raise UserError(
                    self.env._(
                        "Engineer %(engineer)s has no personal warehouse to receive request "
                        "%(request)s; create one first.",
                        engineer=request.engineer_id.name,
                        request=request.name,
                    )
                )
            errors = [
                msg for line in request.line_ids for msg in [line._get_request_rule_error()] if msg
            ]
            if errors:
                raise UserError("\n".join(errors))

    def action_approve(self):
        """Administrator: open the outbound transfer. In Standard mode company
        stock is not tracked, so the parts ship at once from the supply."""
        self._ensure_spare_parts_admin(self.env._("Approving"))
        self._ensure_state(["submitted"], self.env._("Approving"))
        for request in self:
            request._check_approve()
            picking = request._create_outbound(request._get_outbound_source())
            picking.spare_parts_ticket_id = request.ticket_id
            request.state = "approved"
            if request.spare_parts_mode == "standard":
                request._ship(picking)
        return True

    def _check_approve(self):
        self.ensure_one()
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
        self.line_ids.qty_to_ship = 0.0

    def action_receive(self):
        """Engineer: acknowledge receipt of the parts shipped to him."""
        self._ensure_state(["approved"], self.env._("Acknowledging receipt"))
        self._receive_inbound()
        return True

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
        self.write({"state": "cancel"})
        return True

    def _update_state_from_pickings(self):
        for request in self.filtered(lambda r: r.state == "approved"):
            open_pickings = request._get_pickings().filtered(
                lambda p: p.state not in ("done", "cancel")
            )
            if not open_pickings:
                request.state = "done"
