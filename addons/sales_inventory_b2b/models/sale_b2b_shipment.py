# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_company import SHIPPING_MODES

TRACKING_STATUSES = [
    ("none", "No Tracking"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("exception", "Exception"),
]


class SaleB2bShipment(models.Model):
    """A shipping notice (instruction to the warehouse or the ERP) or a
    shipping order (fulfilment recorded directly).

    The document never moves stock itself: its lines point at the outgoing
    ``stock.move`` of the sale order lines, and registering the fulfilment
    sets the shipped quantities (and serials) on those moves and validates
    their pickings, leaving a backorder for what was not shipped."""

    _name = "sale.b2b.shipment"
    _description = "B2B Shipment"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.b2b.action.fields.mixin"]
    _b2b_action_fields = ("state", "receipt_state", "date_done", "receipt_date")
    _order = "id desc"
    _check_company_auto = True

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
    exported_date = fields.Datetime(string="Exported On", readonly=True, copy=False)
    result_ref = fields.Char(
        string="Fulfilment Result", readonly=True, copy=False, index="btree_not_null"
    )
    date_done = fields.Datetime(string="Shipped On", readonly=True, copy=False)
    carrier_name = fields.Char(string="Carrier", tracking=True)
    tracking_ref = fields.Char(string="Tracking Reference", tracking=True, copy=False)
    tracking_status = fields.Selection(
        TRACKING_STATUSES,
        string="Delivery Status",
        default="none",
        required=True,
        tracking=True,
        copy=False,
    )
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
        ],
        readonly=True,
        copy=False,
    )

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
        shipping is on, and never across customers or delivery addresses."""
        for shipment in self:
            orders = shipment.line_ids.sale_line_id.order_id
            if len(orders) <= 1:
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
            # backorders keep what was not shipped
            pickings.with_context(skip_backorder=True).button_validate()
        vals = self._prepare_done_vals(result_ref)
        vals.update(tracking_vals or {})
        self._b2b_write_action(vals)
        self._after_tracking_update()
        return True

    def _prepare_done_vals(self, result_ref=False):
        return {
            "state": "done",
            "date_done": fields.Datetime.now(),
            "result_ref": result_ref or False,
            "receipt_state": "pending",
        }

    # ------------------------------------------------------------------
    # Receipt confirmation (SI-11)
    # ------------------------------------------------------------------
    def action_confirm_receipt(self):
        self._confirm_receipt("manual")
        return True

    def _confirm_receipt(self, method):
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
    def action_update_tracking(self, status, carrier_name=None, tracking_ref=None):
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
        notices.filtered(lambda n: not n.exported_date).exported_date = fields.Datetime.now()
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
                errors.append(
                    self.env._(
                        "- Result %(ref)s: notice %(notice)s is already fulfilled by "
                        "result %(other)s.",
                        ref=ref,
                        notice=shipment.name,
                        other=shipment.result_ref or "-",
                    )
                )
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
        "tracking_ref"}``; an unknown shipment or status refuses the call."""
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
                update["status"], update.get("carrier"), update.get("tracking_ref")
            )
        return [
            {"shipment": s.name, "status": s.tracking_status, "receipt": s.receipt_state}
            for s, __ in todo
        ]
