# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WarrantyType(models.Model):
    _name = "warranty.type"
    _description = "Warranty Type"
    _order = "sequence, code"
    _rec_names_search = ["code", "name"]

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Short code printed on quotations and invoices.")
    name = fields.Char(string="Description", required=True, translate=True)
    warranty_months = fields.Integer(
        string="Warranty Duration (months)",
        default=12,
        help="Default length of the warranty period, counted from its start date.",
    )
    goodwill_months = fields.Integer(
        string="Goodwill Extension (months)",
        default=0,
        help="Default length of the goodwill period that follows the warranty period.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the type between companies."
    )
    note = fields.Text()

    _code_company_uniq = models.Constraint(
        "unique(code, company_id)",
        "A warranty type code must be unique per company.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for wtype in self:
            wtype.display_name = f"[{wtype.code}] {wtype.name}" if wtype.code else wtype.name

    @api.constrains("warranty_months", "goodwill_months")
    def _check_durations(self):
        for wtype in self:
            if wtype.warranty_months < 0 or wtype.goodwill_months < 0:
                raise ValidationError(
                    self.env._(
                        "Warranty type %(type)s: the warranty duration (%(warranty)s months) "
                        "and the goodwill extension (%(goodwill)s months) cannot be negative.",
                        type=wtype.display_name,
                        warranty=wtype.warranty_months,
                        goodwill=wtype.goodwill_months,
                    )
                )
