# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    spare_parts_location_ids = fields.One2many(
        "stock.location",
        "spare_parts_owner_id",
        string="Personal Warehouses",
        domain=[("spare_parts_old_parts", "=", False)],
    )
    spare_parts_location_id = fields.Many2one(
        "stock.location",
        string="Default Personal Warehouse",
        compute="_compute_spare_parts_location_id",
    )

    @api.depends("spare_parts_location_ids.spare_parts_default")
    @api.depends_context("company")
    def _compute_spare_parts_location_id(self):
        for user in self:
            user.spare_parts_location_id = user._get_spare_parts_location(self.env.company)

    def _get_spare_parts_location(self, company):
        """The engineer's default personal warehouse in ``company``."""
        self.ensure_one()
        locations = self.sudo().spare_parts_location_ids.filtered(
            lambda loc: loc.company_id == company and loc.active
        )
        return (locations.filtered("spare_parts_default") or locations)[:1].sudo(False)

    def _get_spare_parts_old_parts_location(self, company):
        """Where the old parts this engineer takes out in ``company`` travel
        (SP-32): the old-parts location of his default van, or nothing."""
        self.ensure_one()
        van = self._get_spare_parts_location(company)
        return van._get_spare_parts_old_parts_location() if van else van

    def _prepare_personal_location_vals(self, company):
        self.ensure_one()
        return {
            "name": self.name,
            "usage": "internal",
            "location_id": company.spare_parts_personal_parent_id.id,
            "company_id": company.id,
            "spare_parts_owner_id": self.id,
            "spare_parts_default": not self._get_spare_parts_location(company),
        }

    def action_create_personal_warehouse(self):
        """Create a personal warehouse for each of these engineers in the current
        company (SP-10): refused for an engineer who has one unless the company
        allows several."""
        self._ensure_can_create_personal_warehouses()
        company = self.env.company
        company._check_spare_parts_mode("standard", self.env._("Personal warehouses"))
        company._spare_parts_setup_locations()
        not_engineers = self.filtered(
            lambda u: not u.has_group("spare_parts_base.group_spare_parts_engineer")
        )
        if not_engineers:
            raise UserError(
                self.env._(
                    "Personal warehouses are for service engineers; %(users)s is not one.",
                    users=", ".join(not_engineers.mapped("name")),
                )
            )
        return (
            self.env["stock.location"]
            .sudo()
            .create([user._prepare_personal_location_vals(company) for user in self])
        )

    def _ensure_can_create_personal_warehouses(self):
        """Personal warehouses are stock locations: spare parts (or system)
        administrators create them, engineers and other users do not."""
        if self.env.su or self.env.user.has_groups(
            "spare_parts_base.group_spare_parts_admin,base.group_system"
        ):
            return
        raise AccessError(
            self.env._(
                "Only spare parts administrators create personal warehouses (%(users)s).",
                users=", ".join(self.mapped("name")),
            )
        )

    @api.model
    def _create_missing_personal_warehouses(self, company=None):
        """Bulk creation from Settings: every engineer without one gets one."""
        company = company or self.env.company
        engineers = self.env.ref("spare_parts_base.group_spare_parts_engineer").all_user_ids
        missing = engineers.filtered(
            lambda u: company in u.company_ids
            and not u.share
            and not u._get_spare_parts_location(company)
        )
        return missing.with_company(company).action_create_personal_warehouse()
