# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Modes in increasing order: a feature of one mode is available in every mode above it.
SPARE_PARTS_MODES = [
    ("simple", "Simple"),
    ("standard", "Standard"),
    ("advanced", "Advanced"),
]
MODE_RANK = {code: rank for rank, (code, _label) in enumerate(SPARE_PARTS_MODES)}


class ResCompany(models.Model):
    _inherit = "res.company"

    spare_parts_mode = fields.Selection(
        SPARE_PARTS_MODES,
        compute="_compute_spare_parts_mode",
        help="Simple: consumption only. Standard: engineers' personal inventory. "
        "Advanced: plus spare parts warehouse inventory. The mode follows the "
        "installed addons and the warehouse tracking setting.",
    )
    spare_parts_warehouse_tracking = fields.Boolean(
        string="Track Spare Parts Warehouse Inventory",
        help="Advanced mode: requested parts are shipped from spare parts "
        "warehouses through real transfers. Only effective once personal "
        "warehouses are installed.",
    )
    # SP-07
    spare_parts_request_rule = fields.Boolean(
        string="Restrict Parts to the Service BOM",
        help="When the work order has equipment, only parts of that equipment "
        "model's service BOM may be requested or consumed.",
    )
    # SP-08
    spare_parts_consumption_rule = fields.Boolean(
        string="Consume Requested Parts Only on Their Work Order",
    )
    # SP-09
    spare_parts_barcode_scanning = fields.Boolean(string="Barcode Scanning")
    # SP-10
    spare_parts_multi_personal_warehouse = fields.Boolean(
        string="Several Personal Warehouses per Engineer",
    )
    # SP-11
    spare_parts_personal_transfer = fields.Boolean(
        string="Transfers Between Engineers",
    )
    # SP-12
    spare_parts_personal_adjustment = fields.Boolean(
        string="Personal Warehouse Adjustments",
    )
    # SP-14
    spare_parts_service_bom = fields.Boolean(string="Service BOM")
    # SP-15
    spare_parts_part_replacement = fields.Boolean(
        string="Equipment Part Replacement",
        help="Consuming a new part that replaces an old one updates the "
        "equipment's asset BOM and keeps a replacement history.",
    )
    # SP-16
    spare_parts_return_reminder_days = fields.Integer(
        string="Remind Unused Parts After (days)",
        default=30,
    )
    # SP-17
    spare_parts_auto_confirm_inbound = fields.Boolean(
        string="Auto-confirm Inbound of Transfer Orders",
    )
    # SP-18
    spare_parts_check_sheet_source = fields.Selection(
        [("products", "Products"), ("inventory", "Inventory")],
        string="Check Sheet Product Source",
        default="products",
        required=True,
    )
    # SP-26
    spare_parts_coordinator_id = fields.Many2one(
        "res.users",
        string="Inventory Coordinator",
        domain="[('share', '=', False)]",
        help="Receives the engineers' requests to add parts to the catalogue (SP-26).",
    )

    _spare_parts_return_reminder_days_positive = models.Constraint(
        "CHECK(spare_parts_return_reminder_days >= 0)",
        "The reminder delay for unused parts cannot be negative.",
    )

    @api.depends("spare_parts_warehouse_tracking")
    def _compute_spare_parts_mode(self):
        for company in self:
            company.spare_parts_mode = company._get_spare_parts_mode()

    def _get_spare_parts_mode(self):
        """Mode of this company. Simple here; addons of higher modes extend it."""
        self.ensure_one()
        return "simple"

    @api.model
    def _spare_parts_mode_label(self, mode):
        return dict(self._fields["spare_parts_mode"]._description_selection(self.env))[mode]

    def _spare_parts_mode_allows(self, required_mode):
        self.ensure_one()
        return MODE_RANK[self.spare_parts_mode] >= MODE_RANK[required_mode]

    def _spare_parts_mode_message(self, required_mode, feature):
        """Why ``feature`` is refused for the first company of ``self`` below
        ``required_mode``, or an empty string when every company allows it."""
        for company in self:
            if not company._spare_parts_mode_allows(required_mode):
                return self.env._(
                    "%(feature)s needs Spare Parts mode %(required)s or higher; "
                    "company %(company)s is in %(current)s mode. Move up a mode in "
                    "Settings > Spare Parts.",
                    feature=feature,
                    required=self._spare_parts_mode_label(required_mode),
                    company=company.name,
                    current=self._spare_parts_mode_label(company.spare_parts_mode),
                )
        return ""

    def _check_spare_parts_mode(self, required_mode, feature):
        """Refuse ``feature`` unless every company of ``self`` is at least in
        ``required_mode``. Called by every server path of a mode-bound feature."""
        message = self._spare_parts_mode_message(required_mode, feature)
        if message:
            raise UserError(message)

    @api.model
    def _spare_parts_feature_modes(self):
        """Company settings that belong to a mode above Simple:
        {field name: (lowest mode, label)}. Enabling one below its mode is refused."""
        return {
            "spare_parts_consumption_rule": ("standard", self.env._("The consumption rule")),
            "spare_parts_multi_personal_warehouse": (
                "standard",
                self.env._("Several personal warehouses per engineer"),
            ),
            "spare_parts_personal_transfer": (
                "standard",
                self.env._("Transfers between engineers"),
            ),
            "spare_parts_personal_adjustment": (
                "standard",
                self.env._("Personal warehouse adjustments"),
            ),
            "spare_parts_auto_confirm_inbound": (
                "advanced",
                self.env._("Auto-confirming the inbound of transfer orders"),
            ),
        }

    @api.constrains(
        "spare_parts_consumption_rule",
        "spare_parts_multi_personal_warehouse",
        "spare_parts_personal_transfer",
        "spare_parts_personal_adjustment",
        "spare_parts_auto_confirm_inbound",
        "spare_parts_check_sheet_source",
    )
    def _check_spare_parts_feature_mode(self):
        features = self._spare_parts_feature_modes()
        for company in self:
            enabled = [(mode, label) for fname, (mode, label) in features.items() if company[fname]]
            if company.spare_parts_check_sheet_source == "inventory":
                enabled.append(
                    ("advanced", self.env._("Counting only products in stock on check sheets"))
                )
            for mode, label in enabled:
                message = company._spare_parts_mode_message(mode, label)
                if message:
                    raise ValidationError(message)
