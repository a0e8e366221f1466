# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class SparePartsRepairPlan(models.Model):
    """A regular or ad hoc plan to refurbish defective parts (SP-20). It creates
    one repair order per serial, or per part for untracked parts, from the
    defective location back into a spare parts warehouse."""

    _name = "spare.parts.repair.plan"
    _description = "Spare Parts Repair Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "spare.parts.action.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    plan_type = fields.Selection(
        [("adhoc", "Ad Hoc"), ("regular", "Regular")],
        required=True,
        default="adhoc",
        tracking=True,
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Refurbished Parts Go To",
        required=True,
        check_company=True,
        domain="[('is_spare_parts_warehouse', '=', True)]",
        default=lambda self: self.env.company.spare_parts_warehouse_id,
    )
    threshold_qty = fields.Float(
        string="Minimum Defective Quantity",
        digits="Spare Parts",
        default=1.0,
        help="Regular plans pick every part with at least this much defective stock.",
    )
    interval_days = fields.Integer(string="Every (days)", default=7)
    next_date = fields.Date(string="Next Run", default=fields.Date.context_today)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many("spare.parts.repair.plan.line", "plan_id", string="Units")
    repair_ids = fields.One2many("repair.order", "spare_parts_plan_id", string="Repairs")
    repair_count = fields.Integer(compute="_compute_repair_stats")
    repaired_count = fields.Integer(compute="_compute_repair_stats")
    scrapped_count = fields.Integer(compute="_compute_repair_stats")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("spare.parts.repair.plan")
        return super().create(vals_list)

    @api.depends("repair_ids.spare_parts_outcome")
    def _compute_repair_stats(self):
        for plan in self:
            outcomes = plan.repair_ids.mapped("spare_parts_outcome")
            plan.repair_count = len(plan.repair_ids)
            plan.repaired_count = outcomes.count("repaired")
            plan.scrapped_count = outcomes.count("scrapped")

    def _get_defective_location(self):
        self.ensure_one()
        return self.company_id.spare_parts_defective_location_id

    # ------------------------------------------------------------ actions
    def action_generate_repairs(self):
        """Create and confirm the repair orders of the plan's units."""
        for plan in self:
            plan._check_can_generate()
            if plan.plan_type == "regular":
                plan._fill_from_defective_stock()
            lines = plan.line_ids.filtered(lambda line: not line.repair_ids)
            if not lines:
                raise UserError(
                    self.env._("Plan %(plan)s has no defective units to repair.", plan=plan.name)
                )
            self.env["stock.quant"]._spare_parts_check_available(
                [
                    (plan._get_defective_location(), line.product_id, line.lot_id, line.quantity)
                    for line in lines
                ]
            )
            repairs = self.env["repair.order"].create(
                [vals for line in lines for vals in line._prepare_repair_vals_list()]
            )
            for repair in repairs:
                repair._action_repair_confirm()
            plan._write_action_fields({"state": "in_progress"})
            if plan.plan_type == "regular":
                plan.next_date = fields.Date.context_today(plan) + timedelta(
                    days=plan.interval_days
                )
        return True

    def _check_can_generate(self):
        self.ensure_one()
        self.company_id._check_spare_parts_mode("advanced", self.env._("Spare parts repair"))
        if not self.warehouse_id.repair_type_id:
            raise UserError(
                self.env._(
                    "Warehouse %(warehouse)s has no repair operation type.",
                    warehouse=self.warehouse_id.name,
                )
            )

    def _fill_from_defective_stock(self):
        """Regular plans: one line per defective unit (serial) or part above the
        threshold, not already under repair."""
        self.ensure_one()
        under_repair = self.env["repair.order"].search(
            [
                ("state", "not in", ("done", "cancel")),
                ("product_location_src_id", "=", self._get_defective_location().id),
            ]
        )
        taken_lots = under_repair.lot_id
        taken_products = under_repair.filtered(lambda r: not r.lot_id).product_id
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [("location_id", "=", self._get_defective_location().id), ("quantity", ">", 0)],
                ["product_id", "lot_id"],
                ["quantity:sum"],
            )
        )
        per_product = {}
        for product, _lot, qty in groups:
            per_product[product] = per_product.get(product, 0.0) + qty
        vals_list = []
        for product, lot, qty in groups:
            if per_product[product] < self.threshold_qty:
                continue
            if lot and lot not in taken_lots:
                vals_list.append(
                    {
                        "plan_id": self.id,
                        "product_id": product.id,
                        "lot_id": lot.id,
                        "quantity": qty,
                    }
                )
            elif not lot and product not in taken_products:
                vals_list.append({"plan_id": self.id, "product_id": product.id, "quantity": qty})
        return self.env["spare.parts.repair.plan.line"].create(vals_list)

    def _update_state(self):
        for plan in self.filtered(lambda p: p.state == "in_progress"):
            if plan.repair_ids and all(r.state in ("done", "cancel") for r in plan.repair_ids):
                plan._write_action_fields(
                    {"state": "done" if plan.plan_type == "adhoc" else "draft"}
                )

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("repair.action_repair_order_tree")
        action["domain"] = [("spare_parts_plan_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    @api.model
    def _cron_run_regular_plans(self):
        """Run the regular plans that are due; safe to run twice a day."""
        today = fields.Date.context_today(self)
        plans = self.search(
            [("plan_type", "=", "regular"), ("state", "=", "draft"), ("next_date", "<=", today)]
        )
        for plan in plans:
            try:
                with self.env.cr.savepoint():
                    plan.action_generate_repairs()
            except UserError as error:
                plan.message_post(body=str(error), subtype_xmlid="mail.mt_note")
        return plans
