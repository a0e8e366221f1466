# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    spare_parts_root_location_id = fields.Many2one(
        "stock.location", string="Spare Parts Root Location", readonly=True
    )
    spare_parts_personal_parent_id = fields.Many2one(
        "stock.location", string="Personal Warehouses Parent", readonly=True
    )
    spare_parts_transit_location_id = fields.Many2one(
        "stock.location", string="Spare Parts in Transit", readonly=True
    )
    spare_parts_defective_location_id = fields.Many2one(
        "stock.location", string="Defective Parts Location", readonly=True
    )
    spare_parts_supply_location_id = fields.Many2one(
        "stock.location",
        string="Spare Parts Supply",
        readonly=True,
        help="Standard mode: company stock is not tracked, requested parts come from "
        "this virtual location and unused returns go back to it.",
    )
    spare_parts_picking_type_id = fields.Many2one(
        "stock.picking.type", string="Spare Parts Operation Type", readonly=True
    )
    spare_parts_consumption_type_id = fields.Many2one(
        "stock.picking.type", string="Spare Parts Consumption Type", readonly=True
    )
    spare_parts_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Default Spare Parts Warehouse",
        domain="[('company_id', '=', id), ('is_spare_parts_warehouse', '=', True)]",
        help="Advanced mode: requests ship from this warehouse unless another is chosen.",
    )
    # SP-32
    spare_parts_old_parts_via_van = fields.Boolean(
        string="Old Parts Travel with the Engineer",
        default=True,
        help="On: an old part taken out on a work order goes into the old-parts "
        "location of the engineer's van, and a parts return brings it to the defective "
        "location. Off: it goes straight to the defective location.",
    )

    # SP-25
    spare_parts_integration_vans = fields.Boolean(
        string="Integration Sets Van Stock",
        help="On: the integration API may set the stock of engineers' personal "
        "warehouses. Off (default): it sets warehouse stock only; van stock moves with "
        "the suite's documents.",
    )

    def _get_spare_parts_mode(self):
        self.ensure_one()
        return "advanced" if self.spare_parts_warehouse_tracking else "standard"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._spare_parts_setup_locations()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "spare_parts_personal_transfer" in vals:
            self._sync_spare_parts_transfer_menu()
        return res

    @api.model
    def _sync_spare_parts_transfer_menu(self):
        """Internal users see Engineer Transfers while a company allows them."""
        group = self.env.ref("spare_parts_personal_wh.group_spare_parts_personal_transfer")
        users = self.env.ref("base.group_user").sudo()
        wanted = bool(self.sudo().search_count([("spare_parts_personal_transfer", "=", True)]))
        if wanted and group not in users.implied_ids:
            users.implied_ids = [Command.link(group.id)]
        elif not wanted and group in users.implied_ids:
            users.implied_ids = [Command.unlink(group.id)]

    # ------------------------------------------------------------- setup
    def _prepare_spare_parts_location_vals(self, key, parent):
        """Values of the company location ``key`` (root, personal, transit,
        defective, supply); override to rename or reparent them."""
        self.ensure_one()
        names = {
            "root": (self.env._("Spare Parts"), "view"),
            "personal": (self.env._("Personal Warehouses"), "view"),
            "transit": (self.env._("Spare Parts in Transit"), "transit"),
            "defective": (self.env._("Defective Parts"), "internal"),
            "supply": (self.env._("Spare Parts Supply"), "inventory"),
        }
        name, usage = names[key]
        return {
            "name": name,
            "usage": usage,
            "location_id": parent.id if parent else False,
            "company_id": self.id,
        }

    def _prepare_spare_parts_picking_type_vals(self, kind):
        self.ensure_one()
        if kind == "consumption":
            return {
                "name": self.env._("Spare Parts Consumption"),
                "code": "outgoing",
                "sequence_code": "SPC",
                "company_id": self.id,
                "default_location_src_id": self.spare_parts_personal_parent_id.id,
                "default_location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "create_backorder": "never",
                "use_existing_lots": True,
                "use_create_lots": False,
            }
        return {
            "name": self.env._("Spare Parts Shipments"),
            "code": "internal",
            "sequence_code": "SPS",
            "company_id": self.id,
            "default_location_src_id": self.spare_parts_defective_location_id.id,
            "default_location_dest_id": self.spare_parts_transit_location_id.id,
            "create_backorder": "always",
            "use_existing_lots": True,
            "use_create_lots": False,
        }

    def _spare_parts_setup_locations(self):
        """Create the locations and operation types personal warehouses work with,
        where missing. Safe to run again."""
        Location = self.env["stock.location"].sudo()
        PickingType = self.env["stock.picking.type"].sudo()
        for company in self.sudo():
            if not company.spare_parts_root_location_id:
                company.spare_parts_root_location_id = Location.create(
                    company._prepare_spare_parts_location_vals("root", None)
                )
            root = company.spare_parts_root_location_id
            for key, fname in (
                ("personal", "spare_parts_personal_parent_id"),
                ("transit", "spare_parts_transit_location_id"),
                ("defective", "spare_parts_defective_location_id"),
                ("supply", "spare_parts_supply_location_id"),
            ):
                if not company[fname]:
                    company[fname] = Location.create(
                        company._prepare_spare_parts_location_vals(key, root)
                    )
            if not company.spare_parts_picking_type_id:
                company.spare_parts_picking_type_id = PickingType.create(
                    company._prepare_spare_parts_picking_type_vals("shipment")
                )
            if not company.spare_parts_consumption_type_id:
                company.spare_parts_consumption_type_id = PickingType.create(
                    company._prepare_spare_parts_picking_type_vals("consumption")
                )

    def _get_spare_parts_request_source(self, warehouse=None):
        """Where requested parts ship from: the virtual supply in Standard mode,
        a spare parts warehouse's stock in Advanced mode."""
        self.ensure_one()
        if self.spare_parts_mode == "advanced":
            warehouse = warehouse or self.spare_parts_warehouse_id
            return warehouse.lot_stock_id
        return self.spare_parts_supply_location_id

    def _get_spare_parts_unused_return_destination(self, warehouse=None):
        return self._get_spare_parts_request_source(warehouse)

    def _get_spare_parts_reviewer(self):
        """Who reviews engineers' requests: the inventory coordinator of the
        Spare Parts settings, else the company's first spare parts administrator."""
        self.ensure_one()
        if self.spare_parts_coordinator_id:
            return self.spare_parts_coordinator_id
        # Reading a group's members is not an engineer's right; only the
        # reviewer is taken from it.
        admins = (
            self.env.ref("spare_parts_base.group_spare_parts_admin")
            .sudo()
            .all_user_ids.filtered(
                lambda user: not user.share
                and self in user.company_ids
                and not user._is_superuser()
            )
        )
        return admins.sorted("id")[:1].sudo(False)
