# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from odoo.addons.document_write_policy.models.document_write_policy_mixin import lock_rows

from .res_company import SHIPPING_MODES
from .sale_b2b_action_fields_mixin import ALL_FIELDS, SHIPPING_GROUP
from .sale_b2b_tracking_mixin import TRACKING_FIELDS, TRACKING_STATUSES


class SaleB2bShipment(models.Model):
    """A shipping notice (instruction to the warehouse or the ERP) or a
    shipping order (fulfilment recorded directly).

    The document never moves stock itself: its lines point at the outgoing
    ``stock.move`` of the sale order lines, and registering the fulfilment
    sets the shipped quantities (and serials) on those moves and validates
    their pickings, leaving a backorder for what was not shipped."""

    _name = "sale.b2b.shipment"
    _description = "B2B Shipment"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "sale.b2b.action.fields.mixin",
        "sale.b2b.tracking.mixin",
    ]
    # Set by the buttons, the fulfilment import and the export to the ERP;
    # what a shipment is the remainder or the exchange of, by the system;
    # the customer's receipt note and the portal link, by the portal.
    _b2b_action_fields = (
        "state",
        "receipt_state",
        "receipt_note",
        "access_token",
        "date_done",
        "receipt_date",
        "receipt_method",
        "exported_date",
        "result_ref",
        "remainder_of_id",
        "return_id",
    )
    _order = "id desc"
    _check_company_auto = True
    # the customer who reads his shipment on the portal may write about it
    _mail_post_access = "read"

    name = fields.Char(required=True, readonly=True, copy=False, default="/", index="trigram")
    kind = fields.Selection(
        SHIPPING_MODES, string="Type", required=True, readonly=True, default="notice"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("pending", "Waiting Fulfilment"),
            ("done", "Shipped"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, check_company=True, index=True
    )
    partner_shipping_id = fields.Many2one(
        "res.partner", string="Delivery Address", required=True, check_company=True
    )
    line_ids = fields.One2many("sale.b2b.shipment.line", "shipment_id", string="Lines", copy=True)
    order_ids = fields.Many2many(
        "sale.order", string="Orders", compute="_compute_order_ids", store=True
    )
    picking_ids = fields.Many2many(
        "stock.picking", string="Transfers", compute="_compute_picking_ids"
    )
    return_id = fields.Many2one(
        "sale.b2b.return", string="Exchange Of", readonly=True, copy=False, index="btree_not_null"
    )
    remainder_of_id = fields.Many2one(
        "sale.b2b.shipment",
        string="Remainder Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The notice whose transfer was shipped in part: this notice carries the rest.",
    )
    remainder_ids = fields.One2many(
        "sale.b2b.shipment", "remainder_of_id", string="Remainders", readonly=True
    )
    exported_date = fields.Datetime(string="Exported On", readonly=True, copy=False)
    result_ref = fields.Char(
        string="Fulfilment Result", readonly=True, copy=False, index="btree_not_null"
    )
    date_done = fields.Datetime(string="Shipped On", readonly=True, copy=False)
    receipt_state = fields.Selection(
        [("none", "Not Shipped"), ("pending", "To Confirm"), ("confirmed", "Confirmed")],
        string="Receipt",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    receipt_date = fields.Datetime(string="Receipt Confirmed On", readonly=True, copy=False)
    receipt_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("timeout", "Automatic (timeout)"),
            ("delivered", "Automatic (delivered status)"),
            ("customer", "By the Customer (portal)"),
        ],
        readonly=True,
        copy=False,
    )
    receipt_note = fields.Text(
        string="Receipt Discrepancy",
        readonly=True,
        copy=False,
        help="What the customer reported missing or damaged when confirming the receipt.",
    )

    def _get_write_policy(self):
        """Shipping staff prepare a draft; once sent, only the carrier and the
        tracking are theirs to fill in."""
        return {
            "draft": {SHIPPING_GROUP: ALL_FIELDS},
            "pending": {SHIPPING_GROUP: TRACKING_FIELDS},
            "done": {SHIPPING_GROUP: TRACKING_FIELDS},
            "cancel": {SHIPPING_GROUP: set()},
        }

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for shipment in self:
            shipment.access_url = f"/my/b2b_shipments/{shipment.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Shipment %(name)s", name=self.name)

    @api.depends("line_ids.sale_line_id")
    def _compute_order_ids(self):
        for shipment in self:
            shipment.order_ids = shipment.line_ids.sale_line_id.order_id

    @api.depends("line_ids.move_ids", "state")
    def _compute_picking_ids(self):
        for shipment in self:
            pickings = shipment.line_ids.move_ids.picking_id
            if shipment.state in ("draft", "pending"):
                pickings |= shipment.line_ids._get_open_moves().picking_id
            shipment.picking_ids = pickings

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                code = (
                    "sale.b2b.shipment.order"
                    if vals.get("kind") == "order"
                    else "sale.b2b.shipment.notice"
                )
                vals["name"] = self.env["ir.sequence"].next_by_code(code) or "/"
        shipments = super().create(vals_list)
        shipments._check_orders()
        return shipments

    def write(self, vals):
        res = super().write(vals)
        if "line_ids" in vals:
            self._check_orders()
        return res

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _check_orders(self):
        """SI-08: several orders in one shipment only when multi-order
        shipping is on, and never across customers or delivery addresses.
        The rest of a shipped notice ships what its notice was allowed to."""
        for shipment in self:
            orders = shipment.line_ids.sale_line_id.order_id
            if len(orders) <= 1 or shipment.remainder_of_id:
                continue
            if not shipment.company_id.b2b_multi_order_shipping:
                raise UserError(
                    self.env._(
                        "Shipment %(shipment)s cannot ship orders %(orders)s together: "
                        "multi-order shipping is disabled.",
                        shipment=shipment.name,
                        orders=", ".join(orders.mapped("name")),
                    )
                )
            partners = orders.partner_id.commercial_partner_id
            addresses = orders.partner_shipping_id
            if len(partners) > 1 or len(addresses) > 1:
                raise UserError(
                    self.env._(
                        "Shipment %(shipment)s cannot ship orders %(orders)s together: "
                        "multi-order shipping requires the same customer and delivery "
                        "address.",
                        shipment=shipment.name,
                        orders=", ".join(orders.mapped("name")),
                    )
                )

    def _check_state(self, states, action):
        wrong = self.filtered(lambda s: s.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s is not possible for shipment(s) %(shipments)s in state %(state)s.",
                    action=action,
                    shipments=", ".join(wrong.mapped("name")),
                    state=", ".join(
                        sorted(
                            set(wrong.mapped(lambda s: dict(s._fields["state"].selection)[s.state]))
                        )
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------
    def action_send(self):
        """Notice ready for the warehouse / ERP."""
        self._check_state(("draft",), self.env._("Sending"))
        empty = self.filtered(lambda s: not s.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Shipment(s) %(shipments)s have no lines to ship.",
                    shipments=", ".join(empty.mapped("name")),
                )
            )
        self.line_ids._check_quantities()
        self._b2b_write_action({"state": "pending"})
        return True

    def action_cancel(self):
        self._check_state(("draft", "pending"), self.env._("Cancelling"))
        self._b2b_write_action({"state": "cancel"})
        return True

    def action_register_fulfilment(self):
        """Ship every line as planned (the warehouse result in standalone
        mode; the ERP uses :meth:`b2b_import_fulfilment`)."""
        for shipment in self:
            shipment._apply_fulfilment(
                {line: (line.quantity, line.lot_ids) for line in shipment.line_ids}
            )
        return True

    def _apply_fulfilment(self, line_results, result_ref=False, tracking_vals=None):
        """``line_results``: {shipment line: (quantity in the order unit, lots)}.
        Checks everything, then ships; the moves and pickings are validated
        in one call."""
        self.ensure_one()
        # refuse before any transfer is touched
        self.check_access("write")
        self._check_state(("draft", "pending"), self.env._("Registering the fulfilment"))
        for line, (quantity, lots) in line_results.items():
            line._check_fulfilment(quantity, lots)
        moves = self.env["stock.move"]
        for line, (quantity, lots) in line_results.items():
            moves |= line._prepare_shipped_moves(quantity, lots)
        pickings = moves.picking_id
        if pickings:
            # backorders keep what was not shipped; validating the transfers
            # closes this shipment and issues the notice of the rest
            # (stock.move._action_done)
            pickings.with_context(skip_backorder=True).button_validate()
        if self.state in ("draft", "pending"):
            # nothing shipped at all: closed all the same, the rest follows
            self.sudo()._b2b_close(fields.Datetime.now())
        vals = {"result_ref": result_ref or False}
        vals.update(tracking_vals or {})
        self._b2b_write_action(vals)
        self._after_tracking_update()
        return True

    def _prepare_done_vals(self, date_done=None):
        return {
            "state": "done",
            "date_done": date_done or fields.Datetime.now(),
            "receipt_state": "pending",
        }

    # ------------------------------------------------------------------
    # Following the transfers (SI-06), called as the system by stock.move
    # ------------------------------------------------------------------
    @api.model
    def _b2b_follow_done_moves(self, moves, sale_lines):
        """Delivered ``moves`` close the open shipments planning them: a move
        goes to the line it was prepared for, or else to the oldest open
        line of its order line. Then the other open shipments of
        ``sale_lines`` are cut to what is left, and each closed notice hands
        what it did not ship to a new notice."""
        Line = self.env["sale.b2b.shipment.line"]
        open_lines = Line._b2b_get_open_lines(moves.sale_line_id)
        closed = self.browse()
        for move in moves:
            line = (
                open_lines.filtered(lambda x, m=move: m in x.move_ids)[:1]
                or (open_lines.filtered(lambda x, m=move: x.sale_line_id == m.sale_line_id)[:1])
            )
            if not line:
                continue
            line.move_ids = [Command.link(move.id)]
            closed |= line.shipment_id
        date_done = max(moves.mapped("date"), default=fields.Datetime.now())
        closed._b2b_close(date_done, sale_lines)
        return closed

    def _b2b_close(self, date_done, sale_lines=None):
        """Shipped: the shipment is done, the other open shipments of the
        same order lines keep only what is left, and the rest of a notice
        goes on a new notice."""
        self.write(self._prepare_done_vals(date_done))
        for shipment in self:
            shipment.message_post(
                body=self.env._(
                    "Shipped through %(pickings)s.",
                    pickings=", ".join(shipment.line_ids.move_ids.picking_id.mapped("name")) or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        sale_lines = (sale_lines or self.env["sale.order.line"]) | self.line_ids.sale_line_id
        self.env["sale.b2b.shipment.line"]._b2b_follow_open_quantities(sale_lines)
        self._b2b_create_remainders()
        self._after_tracking_update()

    def _b2b_needs_remainder(self):
        self.ensure_one()
        return self.kind == "notice"

    def _prepare_remainder_vals(self, line_commands):
        self.ensure_one()
        return {
            "kind": self.kind,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "partner_shipping_id": self.partner_shipping_id.id,
            "return_id": self.return_id.id,
            "remainder_of_id": self.id,
            "state": "pending",
            "line_ids": line_commands,
        }

    def _b2b_create_remainders(self):
        """SI-06: the backorder of a notice gets its own pending notice, for
        the quantities planned and not shipped (exported like any other)."""
        remainders = self.browse()
        for shipment in self.filtered(lambda s: s._b2b_needs_remainder()):
            commands = []
            for line in shipment.line_ids:
                qty = line._b2b_get_remainder_qty()
                if line.product_uom_id.compare(qty, 0.0) > 0:
                    commands.append(Command.create(line._prepare_remainder_vals(qty)))
            if not commands:
                continue
            remainder = self.create(shipment._prepare_remainder_vals(commands))
            shipment.message_post(
                body=self.env._(
                    "What was not shipped goes on notice %(notice)s.", notice=remainder.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            remainders |= remainder
        return remainders

    def _b2b_apply_open_quantities(self, new_qty):
        """``new_qty``: {line: quantity still possible}. Lines left with
        nothing are dropped, or the shipment is cancelled when none is left."""
        self.ensure_one()
        dropped = self.line_ids.filtered(
            lambda x: x in new_qty and x.product_uom_id.is_zero(new_qty[x])
        )
        if dropped == self.line_ids:
            self.write({"state": "cancel"})
            self.message_post(
                body=self.env._("Cancelled: its transfers or orders were cancelled or shipped."),
                subtype_xmlid="mail.mt_note",
            )
            return
        details = ", ".join(
            f"{line.product_id.display_name}: {line.quantity:g} -> {new_qty[line]:g}"
            for line in self.line_ids.filtered(lambda x: x in new_qty)
        )
        for line, qty in new_qty.items():
            if line not in dropped:
                line.quantity = qty
        dropped.unlink()
        self.message_post(
            body=self.env._(
                "Quantities cut to what is left to ship (%(details)s).", details=details
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Merging (SI-08)
    # ------------------------------------------------------------------
    def _get_merge_key(self):
        self.ensure_one()
        return (
            self.company_id,
            self.kind,
            self.state,
            self.partner_id.commercial_partner_id,
            self.partner_shipping_id,
        )

    def _b2b_is_mergeable(self):
        """Not handed over yet: open, and (notices) not exported to the ERP."""
        self.ensure_one()
        return self.state in ("draft", "pending") and not self.exported_date

    def _get_merge_candidates(self):
        """The other shipments this one may absorb."""
        self.ensure_one()
        return self.search(
            [
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
                ("kind", "=", self.kind),
                ("state", "=", self.state),
                ("exported_date", "=", False),
                ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                ("partner_shipping_id", "=", self.partner_shipping_id.id),
            ],
            order="id",
        )

    def _check_can_merge(self):
        if len(self) < 2:
            raise UserError(
                self.env._(
                    "Shipment(s) %(shipments)s: select at least two shipments to merge.",
                    shipments=", ".join(self.mapped("name")) or "-",
                )
            )
        not_open = self.filtered(lambda s: not s._b2b_is_mergeable())
        if not_open:
            raise UserError(
                self.env._(
                    "Shipment(s) %(shipments)s cannot be merged: only shipments waiting "
                    "for fulfilment and not yet exported can be merged.",
                    shipments=", ".join(not_open.mapped("name")),
                )
            )
        if len({s._get_merge_key() for s in self}) > 1:
            raise UserError(
                self.env._(
                    "Shipments %(shipments)s cannot be merged: they need the same type, "
                    "status, customer and delivery address.",
                    shipments=", ".join(self.mapped("name")),
                )
            )
        orders = self.line_ids.sale_line_id.order_id
        if len(orders) > 1 and not self.company_id.b2b_multi_order_shipping:
            raise UserError(
                self.env._(
                    "Shipments %(shipments)s cannot be merged: they ship orders "
                    "%(orders)s and multi-order shipping is disabled.",
                    shipments=", ".join(self.mapped("name")),
                    orders=", ".join(orders.mapped("name")),
                )
            )

    def action_merge(self):
        """SI-08: one shipment for the selected ones (the oldest keeps the
        lines of the others, which stay on their moves; the others are
        cancelled)."""
        self.check_access("write")
        shipments = self.sorted("id")
        shipments._check_can_merge()
        target = shipments[0]
        target._merge(shipments - target)
        return target._get_form_action()

    def action_merge_candidates(self):
        """Form button: absorb the other open shipments of this customer and
        delivery address."""
        self.ensure_one()
        candidates = self._get_merge_candidates()
        if not candidates:
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s: no other shipment of %(customer)s for this "
                    "delivery address waits for fulfilment without being exported.",
                    shipment=self.name,
                    customer=self.partner_id.display_name,
                )
            )
        return (self | candidates).action_merge()

    def _merge(self, others):
        self.ensure_one()
        others.line_ids._b2b_write_action({"shipment_id": self.id})
        self.message_post(
            body=self.env._("Merged from %(names)s.", names=", ".join(others.mapped("name"))),
            subtype_xmlid="mail.mt_note",
        )
        for other in others:
            other.message_post(
                body=self.env._("Merged into %(name)s.", name=self.name),
                subtype_xmlid="mail.mt_note",
            )
        others._b2b_write_action({"state": "cancel"})

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Receipt confirmation (SI-11)
    # ------------------------------------------------------------------
    def action_confirm_receipt(self):
        self._confirm_receipt("manual")
        return True

    def _confirm_receipt(self, method):
        """Confirm the pending receipts of ``self``. A receipt is confirmed
        once: two confirmations of the same shipment at once (the customer on
        the portal, the staff, the timeout or the carrier) are serialized
        (``lock_rows``), the second one finds it confirmed."""
        lock_rows(self)
        not_shipped = self.filtered(lambda s: s.state != "done")
        if not_shipped:
            raise UserError(
                self.env._(
                    "The receipt of shipment(s) %(shipments)s cannot be confirmed: "
                    "they are not shipped.",
                    shipments=", ".join(not_shipped.mapped("name")),
                )
            )
        to_confirm = self.filtered(lambda s: s.receipt_state == "pending")
        to_confirm._b2b_write_action(
            {
                "receipt_state": "confirmed",
                "receipt_date": fields.Datetime.now(),
                "receipt_method": method,
            }
        )
        return to_confirm

    def _portal_confirm_receipt(self, note=None):
        """The customer confirms the receipt on the portal, fully or with a
        discrepancy note that the sales person follows up as an activity."""
        self.ensure_one()
        lock_rows(self)
        if self.receipt_state != "pending":
            raise UserError(
                self.env._(
                    "The receipt of shipment %(name)s cannot be confirmed: it is %(state)s.",
                    name=self.name,
                    state=dict(self._fields["receipt_state"].selection)[self.receipt_state],
                )
            )
        self._confirm_receipt("customer")
        note = (note or "").strip()
        if note:
            self._b2b_write_action({"receipt_note": note})
            self._notify_receipt_discrepancy(note)
        return True

    def _get_portal_delivery_slips(self):
        """The delivery transfers the customer may print: those that shipped."""
        self.ensure_one()
        return self.line_ids.move_ids.picking_id.filtered(lambda p: p.state == "done")

    def _get_receipt_discrepancy_user(self):
        """Who follows up a discrepancy: the sales person of the order, else
        the customer's sales person, else whoever created the shipment."""
        self.ensure_one()
        return (
            self.order_ids.user_id[:1]
            or self.partner_id.commercial_partner_id.user_id
            or self.create_uid
        )

    def _notify_receipt_discrepancy(self, note):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Receipt discrepancy reported by the customer"),
            note=note,
            user_id=self._get_receipt_discrepancy_user().id,
        )

    def _after_tracking_update(self):
        to_confirm = self.filtered(
            lambda s: s.state == "done"
            and s.receipt_state == "pending"
            and s.tracking_status == "delivered"
            and s.company_id.b2b_receipt_confirmation == "delivered"
        )
        if to_confirm:
            to_confirm._confirm_receipt("delivered")

    @api.model
    def _get_receipt_timeout_domain(self, company):
        limit = fields.Datetime.now() - timedelta(days=company.b2b_receipt_confirmation_days)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "done"),
            ("receipt_state", "=", "pending"),
            ("date_done", "<=", limit),
        ]

    @api.model
    def _cron_confirm_receipts(self, limit=500):
        """Confirm, in id order, the receipts whose timeout has passed.
        Safe to run twice: confirmed receipts are no longer pending."""
        companies = self.env["res.company"].search([("b2b_receipt_confirmation", "=", "timeout")])
        confirmed = self.browse()
        for company in companies:
            shipments = self.search(
                self._get_receipt_timeout_domain(company), order="id", limit=limit
            )
            confirmed |= shipments._confirm_receipt("timeout")
        return confirmed

    # ------------------------------------------------------------------
    # Tracking (SI-10)
    # ------------------------------------------------------------------
    def action_update_tracking(
        self, status, carrier_name=None, tracking_ref=None, tracking_url=None
    ):
        valid = dict(TRACKING_STATUSES)
        if status not in valid:
            raise UserError(
                self.env._(
                    'Unknown delivery status "%(status)s"; expected one of %(valid)s.',
                    status=status,
                    valid=", ".join(valid),
                )
            )
        vals = {"tracking_status": status}
        if carrier_name is not None:
            vals["carrier_name"] = carrier_name
        if tracking_ref is not None:
            vals["tracking_ref"] = tracking_ref
        if tracking_url is not None:
            vals["tracking_url"] = tracking_url
        self.write(vals)
        self._after_tracking_update()
        return True

    # ------------------------------------------------------------------
    # Integration API (JSON-RPC / XML-RPC), see readme/USAGE.md
    # ------------------------------------------------------------------
    def _prepare_export_vals(self):
        self.ensure_one()
        return {
            "notice": self.name,
            "id": self.id,
            "customer": self.partner_id.display_name,
            "customer_ref": self.partner_id.ref or "",
            "delivery_address": self.partner_shipping_id._display_address().strip(),
            "orders": self.order_ids.mapped("name"),
            "lines": [line._prepare_export_vals() for line in self.line_ids],
        }

    @api.model
    def b2b_export_notices(self, include_exported=False):
        """Notices waiting for fulfilment, as plain dicts. Returns those not
        exported yet (or all of them with ``include_exported``) and marks
        them exported."""
        domain = [
            ("kind", "=", "notice"),
            ("state", "=", "pending"),
            ("company_id", "in", self.env.companies.ids),
        ]
        if not include_exported:
            domain.append(("exported_date", "=", False))
        notices = self.search(domain, order="id")
        result = [notice._prepare_export_vals() for notice in notices]
        notices.filtered(lambda n: not n.exported_date)._b2b_write_action(
            {"exported_date": fields.Datetime.now()}
        )
        return result

    @api.model
    def b2b_import_fulfilment(self, results):
        """Apply fulfilment results, all or nothing.

        ``results``: list of dicts ``{"result_ref", "notice" (name; omitted in
        shipping-order mode), "carrier", "tracking_ref", "lines": [{"line_id"
        (notice line) or "sale_line_id", "quantity", "serials": [names]}]}``.
        A result already applied (same ``result_ref``) is skipped; an unknown
        notice or line refuses the whole call."""
        plans, errors = [], []
        for result in results:
            plan = self._plan_result(result, errors)
            if plan:
                plans.append(plan)
        if errors:
            raise UserError(
                self.env._(
                    "Fulfilment results refused, nothing was applied:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        answers = []
        with self.env.cr.savepoint():
            for plan in plans:
                answers.append(self._apply_plan(plan))
        return answers

    def _plan_result(self, result, errors):
        ref = result.get("result_ref")
        if not ref:
            errors.append(self.env._("- A result has no result_ref."))
            return None
        applied = self.search([("result_ref", "=", ref)], limit=1)
        if applied:
            return {"ref": ref, "applied": applied}
        if result.get("notice"):
            shipment = self.search(
                [
                    ("name", "=", result["notice"]),
                    ("kind", "=", "notice"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
            if not shipment:
                errors.append(
                    self.env._(
                        '- Result %(ref)s: unknown notice "%(notice)s".',
                        ref=ref,
                        notice=result["notice"],
                    )
                )
                return None
            if shipment.state not in ("draft", "pending"):
                errors.append(shipment._b2b_get_closed_message(ref))
                return None
        else:
            shipment = self.browse()
        lines = {}
        for line_vals in result.get("lines") or []:
            key = self._plan_result_line(ref, shipment, line_vals, errors)
            if key is not None:
                lines[key] = (line_vals.get("quantity", 0.0), line_vals.get("serials") or [])
        if not lines:
            errors.append(self.env._("- Result %(ref)s has no known line.", ref=ref))
            return None
        return {"ref": ref, "shipment": shipment, "lines": lines, "result": result}

    def _b2b_get_closed_message(self, ref):
        """Why a result for this closed notice is refused."""
        self.ensure_one()
        if self.state == "cancel":
            return self.env._(
                "- Result %(ref)s: notice %(notice)s is cancelled.", ref=ref, notice=self.name
            )
        if self.result_ref:
            return self.env._(
                "- Result %(ref)s: notice %(notice)s is already fulfilled by result %(other)s.",
                ref=ref,
                notice=self.name,
                other=self.result_ref,
            )
        message = self.env._(
            "- Result %(ref)s: notice %(notice)s was already shipped through %(pickings)s.",
            ref=ref,
            notice=self.name,
            pickings=", ".join(self.line_ids.move_ids.picking_id.mapped("name")) or "-",
        )
        if self.remainder_ids:
            message += " " + self.env._(
                "The rest is on notice %(notices)s.",
                notices=", ".join(self.remainder_ids.mapped("name")),
            )
        return message

    def _plan_result_line(self, ref, shipment, line_vals, errors):
        if shipment:
            line = shipment.line_ids.filtered(lambda x: x.id == line_vals.get("line_id"))
            if not line:
                errors.append(
                    self.env._(
                        "- Result %(ref)s: line %(line)s is not a line of notice %(notice)s.",
                        ref=ref,
                        line=line_vals.get("line_id"),
                        notice=shipment.name,
                    )
                )
                return None
            return line
        sale_line = (
            self.env["sale.order.line"]
            .browse(line_vals.get("sale_line_id") or [])
            .exists()
            .filtered(lambda sol: sol.order_id.state == "sale")
        )
        if not sale_line:
            errors.append(
                self.env._(
                    "- Result %(ref)s: order line %(line)s is unknown or not confirmed.",
                    ref=ref,
                    line=line_vals.get("sale_line_id"),
                )
            )
            return None
        return sale_line

    def _apply_plan(self, plan):
        if plan.get("applied"):
            return {
                "result_ref": plan["ref"],
                "shipment": plan["applied"].name,
                "status": "already_applied",
            }
        result = plan["result"]
        shipment = plan["shipment"]
        if not shipment:
            sale_lines = self.env["sale.order.line"].concat(*plan["lines"])
            shipment = sale_lines.order_id._create_b2b_shipment(
                kind="order",
                quantities={sol: qty for sol, (qty, __) in plan["lines"].items()},
            )
            line_results = {
                shipment.line_ids.filtered(lambda x, sol=sol: x.sale_line_id == sol)[:1]: value
                for sol, value in plan["lines"].items()
            }
        else:
            line_results = plan["lines"]
        line_results = {
            line: (qty, line._find_lots(serials)) for line, (qty, serials) in line_results.items()
        }
        tracking_vals = {}
        if result.get("carrier"):
            tracking_vals["carrier_name"] = result["carrier"]
        if result.get("tracking_ref"):
            tracking_vals["tracking_ref"] = result["tracking_ref"]
            tracking_vals["tracking_status"] = result.get("tracking_status") or "in_transit"
        shipment._apply_fulfilment(line_results, plan["ref"], tracking_vals)
        return {"result_ref": plan["ref"], "shipment": shipment.name, "status": "applied"}

    @api.model
    def b2b_update_tracking(self, updates):
        """``updates``: list of ``{"shipment", "status", "carrier",
        "tracking_ref", "tracking_url"}``; an unknown shipment or status refuses the call."""
        errors, todo = [], []
        valid = dict(TRACKING_STATUSES)
        for update in updates:
            shipment = self.search(
                [
                    ("name", "=", update.get("shipment")),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
            if not shipment:
                errors.append(
                    self.env._('- Unknown shipment "%(name)s".', name=update.get("shipment"))
                )
            elif update.get("status") not in valid:
                errors.append(
                    self.env._(
                        '- Shipment %(name)s: unknown delivery status "%(status)s".',
                        name=shipment.name,
                        status=update.get("status"),
                    )
                )
            else:
                todo.append((shipment, update))
        if errors:
            raise UserError(
                self.env._(
                    "Tracking updates refused, nothing was applied:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        for shipment, update in todo:
            shipment.action_update_tracking(
                update["status"],
                update.get("carrier"),
                update.get("tracking_ref"),
                update.get("tracking_url"),
            )
        return [
            {"shipment": s.name, "status": s.tracking_status, "receipt": s.receipt_state}
            for s, __ in todo
        ]
