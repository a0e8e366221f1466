# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    """Refurbishment of a defective spare part (SP-20): from the defective
    location back to a spare parts warehouse, with its cost and outcome."""

    _inherit = "repair.order"

    spare_parts_plan_id = fields.Many2one(
        "spare.parts.repair.plan", string="Repair Plan", index="btree_not_null", copy=False
    )
    refurbish_labour_hours = fields.Float(string="Labour (hours)")
    refurbish_cost = fields.Monetary(
        string="Refurbishment Cost",
        currency_field="spare_parts_currency_id",
        compute="_compute_refurbish_cost",
        store=True,
        readonly=False,
        help="Parts at cost plus labour at the company's rate; editable.",
    )
    spare_parts_currency_id = fields.Many2one(related="company_id.currency_id")
    spare_parts_outcome = fields.Selection(
        [("repaired", "Repaired"), ("scrapped", "Scrapped")],
        string="Outcome",
        readonly=True,
        copy=False,
        index=True,
    )
    scrap_reason = fields.Char(readonly=True, copy=False)
    date_finished = fields.Datetime(readonly=True, copy=False)
    turnaround_days = fields.Float(
        compute="_compute_turnaround_days",
        store=True,
        aggregator="avg",
        string="Turnaround (days)",
    )

    @api.depends("move_ids.product_uom_qty", "move_ids.product_id", "refurbish_labour_hours")
    def _compute_refurbish_cost(self):
        for repair in self:
            parts = sum(
                move.product_id.standard_price * move.product_qty
                for move in repair.move_ids
                if move.repair_line_type == "add"
            )
            repair.refurbish_cost = (
                parts + repair.refurbish_labour_hours * repair.company_id.spare_parts_labour_rate
            )

    @api.depends("create_date", "date_finished")
    def _compute_turnaround_days(self):
        for repair in self:
            if repair.create_date and repair.date_finished:
                delta = repair.date_finished - repair.create_date
                repair.turnaround_days = round(delta.total_seconds() / 86400, 2)
            else:
                repair.turnaround_days = 0.0

    def _is_spare_parts_refurbishment(self):
        self.ensure_one()
        return bool(self.spare_parts_plan_id)

    def action_repair_done(self):
        refurbishments = self.filtered(lambda r: r._is_spare_parts_refurbishment())
        for repair in refurbishments:
            repair.company_id._check_spare_parts_mode("advanced", self.env._("Spare parts repair"))
        res = super().action_repair_done()
        refurbishments.write(
            {"spare_parts_outcome": "repaired", "date_finished": fields.Datetime.now()}
        )
        for lot in refurbishments.lot_id:
            lot._write_action_fields(
                {
                    "spare_parts_grade": "refurbished",
                    "spare_parts_refurbish_count": lot.spare_parts_refurbish_count + 1,
                }
            )
        refurbishments.spare_parts_plan_id._update_state()
        return res

    def action_scrap_unit(self, reason):
        """The repair failed: scrap the unit from the defective location."""
        if not reason:
            raise UserError(self.env._("Give the reason the unit is scrapped."))
        not_open = self.filtered(lambda r: r.state in ("done", "cancel"))
        if not_open:
            raise UserError(
                self.env._(
                    "Repair %(repairs)s is already finished or cancelled.",
                    repairs=", ".join(not_open.mapped("name")),
                )
            )
        scraps = self.env["stock.scrap"].create(
            [repair._prepare_scrap_vals(reason) for repair in self]
        )
        scraps.do_scrap()
        self.action_repair_cancel()
        self.write(
            {
                "spare_parts_outcome": "scrapped",
                "scrap_reason": reason,
                "date_finished": fields.Datetime.now(),
            }
        )
        for repair in self:
            repair.message_post(
                body=self.env._("Unit scrapped: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self.spare_parts_plan_id._update_state()
        return scraps

    def _prepare_scrap_vals(self, reason):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom_id": self.product_uom.id or self.product_id.uom_id.id,
            "scrap_qty": self.product_qty,
            "lot_id": self.lot_id.id,
            "location_id": self.product_location_src_id.id,
            "company_id": self.company_id.id,
            "origin": f"{self.name}: {reason}",
        }
