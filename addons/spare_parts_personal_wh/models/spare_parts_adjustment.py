# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.spare_parts_base.models.spare_parts_action_fields_mixin import (
    ADMIN_GROUP,
    ALL_FIELDS,
    ENGINEER_GROUP,
)


class SparePartsAdjustment(models.Model):
    """An administrator's count and correction of a personal warehouse, with a
    reason (SP-12). Applying it posts inventory moves: the audit trail."""

    _name = "spare.parts.adjustment"
    _description = "Personal Warehouse Adjustment"
    _inherit = ["mail.thread", "mail.activity.mixin", "spare.parts.action.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Personal Warehouse",
        required=True,
        check_company=True,
        domain="[('spare_parts_owner_id', '!=', False)]",
        tracking=True,
    )
    engineer_id = fields.Many2one(related="location_id.spare_parts_owner_id", store=True)
    reason = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Applied"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_done = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("spare.parts.adjustment.line", "adjustment_id", copy=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("spare.parts.adjustment")
        return super().create(vals_list)

    def action_apply(self):
        for adjustment in self:
            adjustment._check_apply()
            adjustment._apply_counts()
        self._write_action_fields({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def _get_action_fields(self):
        return super()._get_action_fields() | {"date_done"}

    def _get_write_policy(self):
        """An applied or cancelled adjustment is history: nothing changes."""
        return {
            "draft": {ENGINEER_GROUP: ALL_FIELDS, ADMIN_GROUP: ALL_FIELDS},
            "done": {},
            "cancel": {},
        }

    def _check_apply(self):
        self.ensure_one()
        company = self.company_id
        company._check_spare_parts_mode("standard", self.env._("Personal warehouse adjustments"))
        if not company.spare_parts_personal_adjustment:
            raise UserError(
                self.env._(
                    "Personal warehouse adjustments are off in Spare Parts settings (%(name)s).",
                    name=self.name,
                )
            )
        if self.state != "draft":
            raise UserError(
                self.env._("Adjustment %(name)s is already applied or cancelled.", name=self.name)
            )
        if not self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            raise AccessError(
                self.env._(
                    "Only spare parts administrators apply adjustments (%(name)s).", name=self.name
                )
            )
        if not self.line_ids:
            raise UserError(self.env._("Adjustment %(name)s has no lines.", name=self.name))

    def _apply_counts(self):
        """Counted quantities become the stock, through Odoo's physical inventory."""
        self.ensure_one()
        before = self.env["stock.quant"]._spare_parts_set_quantities(
            [
                (self.location_id, line.product_id, line.lot_id, line.counted_qty)
                for line in self.line_ids
            ],
            f"{self.name}: {self.reason}",
        )
        for index, line in enumerate(self.line_ids):
            line.theoretical_qty = before[index]
        self.message_post(
            body=self.env._(
                "Applied: %(lines)s",
                lines="; ".join(
                    f"{line.product_id.display_name}"
                    f"{' (' + line.lot_id.name + ')' if line.lot_id else ''}: "
                    f"{line.theoretical_qty:g} -> {line.counted_qty:g}"
                    for line in self.line_ids
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_cancel(self):
        if self.filtered(lambda a: a.state == "done"):
            raise UserError(self.env._("An applied adjustment cannot be cancelled."))
        self._write_action_fields({"state": "cancel"})
        return True
