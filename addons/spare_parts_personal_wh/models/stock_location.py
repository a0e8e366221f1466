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
    # SP-32
    spare_parts_old_parts = fields.Boolean(
        string="Old Parts Location",
        readonly=True,
        index=True,
        help="Sub-location of a personal warehouse holding the old and defective parts "
        "the engineer took out on work orders, until a parts return brings them to the "
        "defective location. Never counted as usable stock nor consumed from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        locations = super().create(vals_list)
        vans = locations.filtered(
            lambda loc: loc.spare_parts_owner_id and not loc.spare_parts_old_parts
        )
        if vans:
            vans._create_spare_parts_old_parts_locations()
        return locations

    def write(self, vals):
        res = super().write(vals)
        if "spare_parts_owner_id" in vals:
            self._sync_spare_parts_old_parts_owner()
        return res

    def _sync_spare_parts_old_parts_owner(self):
        """A van handed to another engineer takes its old-parts location along."""
        for van, old_parts in self._get_spare_parts_old_parts_children().items():
            if old_parts.spare_parts_owner_id != van.spare_parts_owner_id:
                old_parts.spare_parts_owner_id = van.spare_parts_owner_id

    @api.constrains(
        "spare_parts_owner_id", "active", "company_id", "usage", "spare_parts_old_parts"
    )
    def _check_spare_parts_personal(self):
        personal = self.filtered(lambda loc: loc.spare_parts_owner_id)
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
        # An engineer's old-parts locations belong to his vans: not counted as vans.
        counts = self.sudo()._read_group(
            [
                ("spare_parts_owner_id", "in", personal.spare_parts_owner_id.ids),
                ("company_id", "in", personal.company_id.ids),
                ("spare_parts_old_parts", "=", False),
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

    # ------------------------------------------------------------ SP-32
    def _prepare_spare_parts_old_parts_location_vals(self):
        """Values of the old-parts sub-location of this van."""
        self.ensure_one()
        return {
            "name": self.env._("Old Parts"),
            "usage": "internal",
            "location_id": self.id,
            "company_id": self.company_id.id,
            "spare_parts_owner_id": self.spare_parts_owner_id.id,
            "spare_parts_old_parts": True,
        }

    def _create_spare_parts_old_parts_locations(self):
        """Give these vans their old-parts sub-location where missing, written as
        the system like the vans themselves. Returns {van: old-parts location}."""
        result = self._get_spare_parts_old_parts_children()
        missing = self.filtered(lambda van: van not in result)
        if missing:
            created = (
                self.env["stock.location"]
                .sudo()
                .create([van._prepare_spare_parts_old_parts_location_vals() for van in missing])
            )
            result.update(zip(missing, created, strict=True))
        return result

    def _get_spare_parts_old_parts_children(self):
        """{van: its old-parts sub-location} for these vans, one search."""
        children = (
            self.env["stock.location"]
            .sudo()
            .search(
                [("location_id", "in", self.ids), ("spare_parts_old_parts", "=", True)],
                order="id",
            )
        )
        result = {}
        for child in children:
            result.setdefault(child.location_id, child)
        return result

    def _get_spare_parts_old_parts_location(self):
        """The old-parts sub-location of this van, created on first use (vans of
        a database that had none yet get it here)."""
        self.ensure_one()
        van = self.sudo()
        if not van.spare_parts_owner_id or van.spare_parts_old_parts:
            return self.browse()
        location = van._get_spare_parts_old_parts_children().get(van)
        if not location:
            location = van._create_spare_parts_old_parts_locations()[van]
        return location.sudo(False)

    def _get_spare_parts_held_apart(self):
        """Locations under this one whose stock is not offered when taking parts
        from it: the old-parts sub-location of a van."""
        self.ensure_one()
        location = self.sudo()
        if not location.spare_parts_owner_id or location.spare_parts_old_parts:
            return self.browse()
        return location.child_ids.filtered("spare_parts_old_parts")
