# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_company import MODE_RANK, SPARE_PARTS_MODES


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    spare_parts_current_mode = fields.Selection(
        related="company_id.spare_parts_mode",
        string="Current Spare Parts Mode",
    )
    spare_parts_mode = fields.Selection(
        SPARE_PARTS_MODES,
        compute="_compute_spare_parts_mode",
        readonly=False,
        store=True,
        help="Choose a higher mode and save: the addon it needs is installed.",
    )
    module_spare_parts_personal_wh = fields.Boolean(
        string="Personal Warehouses (Standard and Advanced modes)",
    )
    module_spare_parts_repair = fields.Boolean(
        string="Spare Parts Repair (Advanced mode)",
    )
    spare_parts_precision = fields.Integer(
        string="Spare Parts Quantity Precision",
        compute="_compute_spare_parts_precision",
        inverse="_inverse_spare_parts_precision",
        readonly=False,
        help="Decimal places of spare parts quantities in warehouses, personal "
        "warehouses and transactions.",
    )
    spare_parts_request_rule = fields.Boolean(
        related="company_id.spare_parts_request_rule", readonly=False
    )
    spare_parts_consumption_rule = fields.Boolean(
        related="company_id.spare_parts_consumption_rule", readonly=False
    )
    spare_parts_barcode_scanning = fields.Boolean(
        related="company_id.spare_parts_barcode_scanning", readonly=False
    )
    spare_parts_multi_personal_warehouse = fields.Boolean(
        related="company_id.spare_parts_multi_personal_warehouse", readonly=False
    )
    spare_parts_personal_transfer = fields.Boolean(
        related="company_id.spare_parts_personal_transfer", readonly=False
    )
    spare_parts_personal_adjustment = fields.Boolean(
        related="company_id.spare_parts_personal_adjustment", readonly=False
    )
    spare_parts_service_bom = fields.Boolean(
        related="company_id.spare_parts_service_bom", readonly=False
    )
    spare_parts_part_replacement = fields.Boolean(
        related="company_id.spare_parts_part_replacement", readonly=False
    )
    spare_parts_return_reminder_days = fields.Integer(
        related="company_id.spare_parts_return_reminder_days", readonly=False
    )
    spare_parts_auto_confirm_inbound = fields.Boolean(
        related="company_id.spare_parts_auto_confirm_inbound", readonly=False
    )
    spare_parts_check_sheet_source = fields.Selection(
        related="company_id.spare_parts_check_sheet_source", readonly=False
    )
    spare_parts_coordinator_id = fields.Many2one(
        related="company_id.spare_parts_coordinator_id", readonly=False
    )

    @api.depends("company_id")
    def _compute_spare_parts_mode(self):
        for settings in self:
            settings.spare_parts_mode = settings.company_id.spare_parts_mode

    def _compute_spare_parts_precision(self):
        precision = self._get_spare_parts_precision_record()
        for settings in self:
            settings.spare_parts_precision = precision.digits

    def _inverse_spare_parts_precision(self):
        precision = self._get_spare_parts_precision_record()
        for settings in self:
            if settings.spare_parts_precision < 0:
                raise UserError(
                    self.env._(
                        "The spare parts precision must be zero or more decimal places, "
                        "not %(digits)s.",
                        digits=settings.spare_parts_precision,
                    )
                )
            if precision.digits != settings.spare_parts_precision:
                precision.digits = settings.spare_parts_precision

    @api.model
    def _get_spare_parts_precision_record(self):
        return self.env.ref("spare_parts_base.decimal_spare_parts")

    # ------------------------------------------------------------------ modes
    def _get_spare_parts_modules_for_mode(self, mode):
        """Addons a mode needs installed: {module field name: required?}."""
        return {"module_spare_parts_personal_wh": MODE_RANK[mode] >= MODE_RANK["standard"]}

    def _check_spare_parts_mode_change(self):
        """Moving down to Simple would uninstall personal warehouses and delete
        their stock history, and repair only exists in Advanced mode: refuse both."""
        self.ensure_one()
        current = self.company_id.spare_parts_mode
        target = self.spare_parts_mode or current
        if current != "simple" and target == "simple":
            raise UserError(
                self.env._(
                    "Company %(company)s cannot move down from %(current)s to Simple mode: "
                    "that would uninstall personal warehouses and delete the engineers' "
                    "stock history. Choose Standard mode to stop tracking warehouse stock.",
                    company=self.company_id.name,
                    current=self.company_id._spare_parts_mode_label(current),
                )
            )
        if (
            self.module_spare_parts_repair
            and target != "advanced"
            and not self._is_module_installed_or_planned("spare_parts_repair")
        ):
            raise UserError(
                self.env._(
                    "Spare parts repair needs Advanced mode; company %(company)s would be "
                    "in %(mode)s mode.",
                    company=self.company_id.name,
                    mode=self.company_id._spare_parts_mode_label(target),
                )
            )

    @api.model
    def _is_module_installed_or_planned(self, name):
        module = self.env["ir.module.module"].sudo().search([("name", "=", name)], limit=1)
        return module.state in ("installed", "to install", "to upgrade")

    def _apply_spare_parts_mode(self):
        """Tick the addons the chosen mode needs and store the company flag;
        ``execute`` installs the ticked addons afterwards."""
        self.ensure_one()
        mode = self.spare_parts_mode or self.company_id.spare_parts_mode
        for fname, needed in self._get_spare_parts_modules_for_mode(mode).items():
            if needed:
                self[fname] = True
        tracking = mode == "advanced"
        if self.company_id.spare_parts_warehouse_tracking != tracking:
            self.company_id.spare_parts_warehouse_tracking = tracking

    def execute(self):
        for settings in self:
            settings._check_spare_parts_mode_change()
            settings._apply_spare_parts_mode()
        return super().execute()
