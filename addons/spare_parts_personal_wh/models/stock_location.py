# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class StockLocation(models.Model):
    _inherit = "stock.location"

    spare_parts_owner_id = fields.Many2one(
        "res.users",
        string="Engineer",
        index="btree_not_null",
        help="Set on an engineer's personal warehouse (van stock).",
    )
    spare_parts_default = fields.Boolean(
        string="Default Personal Warehouse",
        help="With several personal warehouses per engineer, the one parts go to "
        "and come from unless another is chosen.",
    )

    @api.constrains("spare_parts_owner_id", "active", "company_id", "usage")
    def _check_spare_parts_personal(self):
        personal = self.filtered("spare_parts_owner_id")
        if not personal:
            return
        for location in personal:
            if location.usage != "internal":
                raise ValidationError(
                    self.env._(
                        "Personal warehouse %(location)s must be an internal location.",
                        location=location.display_name,
                    )
                )
        counts = self.sudo()._read_group(
            [
                ("spare_parts_owner_id", "in", personal.spare_parts_owner_id.ids),
                ("company_id", "in", personal.company_id.ids),
            ],
            ["spare_parts_owner_id", "company_id"],
            ["__count"],
        )
        for owner, company, count in counts:
            if count > 1 and not company.spare_parts_multi_personal_warehouse:
                raise ValidationError(
                    self.env._(
                        "Engineer %(engineer)s already has a personal warehouse in "
                        "%(company)s; allow several personal warehouses per engineer in "
                        "Settings to add another.",
                        engineer=owner.name,
                        company=company.name,
                    )
                )

    def _is_personal_warehouse_of(self, user):
        """Read as the system: whoever asks learns whether the van is the
        user's, even a van his record rules hide from him."""
        self.ensure_one()
        return bool(self) and self.sudo().spare_parts_owner_id == user
