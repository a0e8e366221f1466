# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL, float_compare

_logger = logging.getLogger(__name__)

# Odoo's stock scheduler, which also computes and procures reordering rules.
STOCK_SCHEDULER_CRON = "stock.ir_cron_scheduler_action"
# When the scheduler is running, warehouses are replenished this much later.
SCHEDULER_RETRY_DELAY = timedelta(minutes=10)


class SparePartsWarningRule(models.Model):
    """Minimum / maximum / safety stock of a part in a spare parts warehouse or a
    personal warehouse (SP-19). Odoo's reordering rules need a warehouse, which
    personal warehouses do not have, hence this small model.

    Replenishment (SP-29): a van below its minimum gets a draft parts request up
    to its maximum (one per engineer and van); a spare parts warehouse location
    below its minimum is kept by an Odoo reordering rule with the same minimum
    and maximum, run as Odoo runs them (buy, or resupply from another warehouse)."""

    _name = "spare.parts.warning.rule"
    _description = "Spare Parts Inventory Warning Rule"
    _order = "location_id, product_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        index=True,
        check_company=True,
        domain="[('usage', '=', 'internal')]",
    )
    engineer_id = fields.Many2one(related="location_id.spare_parts_owner_id", store=True)
    product_id = fields.Many2one("product.product", string="Part", required=True, index=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    min_qty = fields.Float(string="Minimum", digits="Spare Parts")
    max_qty = fields.Float(string="Maximum", digits="Spare Parts")
    safety_qty = fields.Float(string="Safety Stock", digits="Spare Parts")
    qty_on_hand = fields.Float(digits="Spare Parts", compute="_compute_status", string="On Hand")
    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint",
        string="Reordering Rule",
        readonly=True,
        copy=False,
        help="The Odoo reordering rule that keeps a spare parts warehouse stocked.",
    )
    status = fields.Selection(
        [
            ("below_safety", "Below Safety Stock"),
            ("below_min", "Below Minimum"),
            ("ok", "OK"),
            ("above_max", "Above Maximum"),
        ],
        compute="_compute_status",
        search="_search_status",
    )

    _product_location_unique = models.Constraint(
        "unique(product_id, location_id)",
        "A part has one warning rule per location.",
    )

    @api.constrains("min_qty", "max_qty", "safety_qty")
    def _check_quantities(self):
        for rule in self:
            if min(rule.min_qty, rule.max_qty, rule.safety_qty) < 0 or (
                rule.max_qty and rule.max_qty < rule.min_qty
            ):
                raise ValidationError(
                    self.env._(
                        "Warning rule for %(part)s in %(location)s: quantities must be "
                        "positive and the maximum (%(max)s) at least the minimum (%(min)s).",
                        part=rule.product_id.display_name,
                        location=rule.location_id.display_name,
                        max=rule.max_qty,
                        min=rule.min_qty,
                    )
                )

    def _get_on_hand(self):
        """{(location, product): quantity} for these rules in one grouped query,
        sub-locations included."""
        quants = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("location_id", "child_of", self.location_id.ids),
                    ("product_id", "in", self.product_id.ids),
                ],
                ["location_id", "product_id"],
                ["quantity:sum"],
            )
        )
        result = {}
        for rule in self:
            result[(rule.location_id, rule.product_id)] = sum(
                qty
                for location, product, qty in quants
                if product == rule.product_id
                and (location == rule.location_id or location._child_of(rule.location_id))
            )
        return result

    @api.depends("min_qty", "max_qty", "safety_qty", "location_id", "product_id")
    def _compute_status(self):
        on_hand = self._get_on_hand() if self else {}
        for rule in self:
            qty = on_hand.get((rule.location_id, rule.product_id), 0.0)
            rule.qty_on_hand = qty
            rule.status = rule._status_for(qty)

    def _status_for(self, qty):
        self.ensure_one()
        if self.safety_qty and qty < self.safety_qty:
            return "below_safety"
        if qty < self.min_qty:
            return "below_min"
        if self.max_qty and qty > self.max_qty:
            return "above_max"
        return "ok"

    def _search_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        rules = self.search([])
        matching = rules.filtered(lambda rule: rule.status in value)
        if operator == "not in":
            matching = rules - matching
        return [("id", "in", matching.ids)]

    # ------------------------------------------------------------ SP-29
    def action_replenish(self):
        """Administrator: replenish the selected rules now (all rules when none
        is selected), as the daily scheduled action does."""
        if not (self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin")):
            raise AccessError(
                self.env._("Replenishing vans and warehouses is for spare parts administrators.")
            )
        rules = self or self.search([])
        if not self._lock_stock_scheduler():
            raise UserError(
                self.env._(
                    "Odoo's stock scheduler is computing the reordering rules right now; "
                    "replenish again in a few minutes."
                )
            )
        rules._replenish()
        return True

    @api.model
    def _cron_replenish(self):
        """Scheduled action: every rule of every company in Standard or Advanced
        mode. Safe to run twice: what is already requested is not asked again."""
        rules = self.search([]).filtered(
            lambda rule: rule.company_id.spare_parts_mode in ("standard", "advanced")
        )
        return rules._replenish()

    def _replenish(self):
        """Returns the draft requests created for vans. Never beside Odoo's
        stock scheduler: while it runs, the whole replenishment waits for a
        later run of the job."""
        if not self._lock_stock_scheduler():
            self._postpone_replenishment()
            return self.env["spare.parts.request"]
        self._get_warehouse_rules()._replenish_warehouses()
        return self.filtered("engineer_id")._replenish_vans()

    def _get_warehouse_rules(self):
        return self.filtered(
            lambda rule: not rule.engineer_id
            and rule.location_id.warehouse_id.is_spare_parts_warehouse
        )

    @api.model
    def _lock_stock_scheduler(self):
        """Keep Odoo's stock scheduler from running while this transaction
        replenishes: both write the same reordering rules and stock, and two
        at once fail to serialize. The scheduler's job row is locked as
        Odoo's cron runner locks the job it runs; returns False, without
        waiting, when the scheduler is running now (it holds the row). The
        cron runner skips a locked job and runs it once this commits."""
        cron = self.env.ref(STOCK_SCHEDULER_CRON, raise_if_not_found=False)
        if not cron:
            return True
        self.env.cr.execute(
            SQL(
                "SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                cron.id,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _postpone_replenishment(self):
        """The scheduler is running: the replenishment job runs again a little
        later, when the reordering rules are free."""
        _logger.info(
            "Stock scheduler running: vans and spare parts warehouses are replenished in %s",
            SCHEDULER_RETRY_DELAY,
        )
        self.env.ref("spare_parts_personal_wh.ir_cron_replenish").sudo()._trigger(
            fields.Datetime.now() + SCHEDULER_RETRY_DELAY
        )

    def _get_incoming(self):
        """{(van, product): quantity still to arrive} from the vans' open
        requests (draft, submitted, approved and not received yet)."""
        lines = (
            self.env["spare.parts.request.line"]
            .sudo()
            .search(
                [
                    ("document_id.state", "in", ("draft", "submitted", "approved")),
                    ("document_id.location_dest_id", "in", self.location_id.ids),
                    ("product_id", "in", self.product_id.ids),
                ]
            )
        )
        incoming = defaultdict(float)
        for line in lines:
            incoming[(line.document_id.location_dest_id, line.product_id)] += (
                line.quantity - line.qty_received
            )
        return incoming

    def _get_qty_to_request(self, on_hand, incoming):
        """Up to the maximum (the minimum when no maximum) once below the
        minimum, counting what is already on its way."""
        self.ensure_one()
        if float_compare(on_hand, self.min_qty, precision_rounding=self.uom_id.rounding) >= 0:
            return 0.0
        target = self.max_qty or self.min_qty
        return max(target - on_hand - incoming, 0.0)

    def _replenish_vans(self):
        on_hand = self._get_on_hand() if self else {}
        incoming = self._get_incoming() if self else {}
        needs = defaultdict(list)
        for rule in self:
            key = (rule.location_id, rule.product_id)
            qty = rule._get_qty_to_request(on_hand.get(key, 0.0), incoming.get(key, 0.0))
            if float_compare(qty, 0.0, precision_rounding=rule.uom_id.rounding) > 0:
                needs[(rule.company_id, rule.engineer_id, rule.location_id)].append((rule, qty))
        Request = self.env["spare.parts.request"]
        requests = Request
        for (company, engineer, van), items in needs.items():
            # Requests belong to their engineer; the scheduled action writes
            # them for him, as the system.
            request = Request.sudo().create(
                self._prepare_replenishment_request_vals(company, engineer, van, items)
            )
            self._schedule_replenishment_activities(request)
            requests |= request
        return requests

    @api.model
    def _schedule_replenishment_activities(self, request):
        """The engineer reviews and submits his draft; the reviewer knows one
        is coming."""
        request.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Review and submit replenishment request %(request)s", request=request.name
            ),
            user_id=request.engineer_id.id,
        )
        reviewer = request.company_id._get_spare_parts_reviewer()
        if reviewer and reviewer != request.engineer_id:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Replenishment request %(request)s of %(engineer)s to approve",
                    request=request.name,
                    engineer=request.engineer_id.name,
                ),
                user_id=reviewer.id,
            )

    @api.model
    def _prepare_replenishment_request_vals(self, company, engineer, van, items):
        return {
            "company_id": company.id,
            "engineer_id": engineer.id,
            "location_dest_id": van.id,
            "note": self.env._("Replenishment of %(van)s below its minimum.", van=van.display_name),
            "line_ids": [
                Command.create({"product_id": rule.product_id.id, "quantity": qty})
                for rule, qty in items
            ],
        }

    def _prepare_orderpoint_vals(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "location_id": self.location_id.id,
            "warehouse_id": self.location_id.warehouse_id.id,
            "company_id": self.company_id.id,
            "product_min_qty": self.min_qty,
            "product_max_qty": self.max_qty or self.min_qty,
            "trigger": "auto",
        }

    def _sync_orderpoints(self):
        """Give each spare parts warehouse rule its Odoo reordering rule (the
        existing one for that part and location when there is one) with the
        same minimum and maximum."""
        # Odoo's reordering rules are Inventory administrators' records; spare
        # parts administrators keep them through their warning rules.
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo().with_context(active_test=False)
        existing = {
            (op.location_id, op.product_id): op
            for op in Orderpoint.search(
                [
                    ("location_id", "in", self.location_id.ids),
                    ("product_id", "in", self.product_id.ids),
                ]
            )
        }
        for rule in self:
            vals = rule._prepare_orderpoint_vals()
            orderpoint = (
                rule.orderpoint_id or existing.get((rule.location_id, rule.product_id), Orderpoint)
            ).sudo()
            if orderpoint:
                orderpoint.write(dict(vals, active=True))
            else:
                orderpoint = Orderpoint.create(vals)
            if rule.orderpoint_id != orderpoint:
                rule.sudo().orderpoint_id = orderpoint
        return self.orderpoint_id

    def _replenish_warehouses(self):
        """Odoo's reordering rules do the rest: a purchase or a resupply
        transfer, or the usual activity on the product when no route applies."""
        orderpoints = self._sync_orderpoints()
        for company, company_orderpoints in orderpoints.grouped("company_id").items():
            company_orderpoints.sudo()._procure_orderpoint_confirm(
                company_id=company, raise_user_error=False
            )
        return orderpoints
