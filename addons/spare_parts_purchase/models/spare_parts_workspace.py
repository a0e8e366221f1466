# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from odoo import api, fields, models
from odoo.fields import Domain


class SparePartsWorkspace(models.TransientModel):
    """SP-27: the coordinator's parts workspace. One screen with the current
    stock per location (spare parts warehouses and engineers' personal
    warehouses), the reorder points and the open purchase orders for parts,
    filterable by location; the stock list exports before the monthly count."""

    _name = "spare.parts.workspace"
    _description = "Parts Workspace"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Location",
        domain="[('id', 'in', allowed_location_ids)]",
        help="Show only this warehouse or service vehicle (and its sublocations).",
    )
    allowed_location_ids = fields.Many2many(
        "stock.location", compute="_compute_allowed_location_ids"
    )
    quant_ids = fields.Many2many(
        "stock.quant", string="Current Stock", compute="_compute_workspace"
    )
    orderpoint_ids = fields.Many2many(
        "stock.warehouse.orderpoint", string="Reorder Points", compute="_compute_workspace"
    )
    purchase_order_ids = fields.Many2many(
        "purchase.order", string="Open Purchase Orders", compute="_compute_workspace"
    )
    export_file = fields.Binary(readonly=True, attachment=False)
    export_filename = fields.Char(readonly=True)

    @api.model
    def _get_parts_locations_domain(self, company):
        """Internal locations of spare parts warehouses, and personal warehouses."""
        return (
            Domain("company_id", "=", company.id)
            & Domain("usage", "=", "internal")
            & (
                Domain("warehouse_id.is_spare_parts_warehouse", "=", True)
                | Domain("spare_parts_owner_id", "!=", False)
            )
        )

    @api.depends("company_id")
    def _compute_allowed_location_ids(self):
        for workspace in self:
            workspace.allowed_location_ids = self.env["stock.location"].search(
                self._get_parts_locations_domain(workspace.company_id)
            )

    def _get_locations(self):
        self.ensure_one()
        domain = self._get_parts_locations_domain(self.company_id)
        if self.location_id:
            domain &= Domain("id", "child_of", self.location_id.id)
        return self.env["stock.location"].search(domain)

    def _get_quant_domain(self):
        self.ensure_one()
        return Domain("location_id", "in", self._get_locations().ids) & Domain("quantity", "!=", 0)

    def _get_orderpoint_domain(self):
        self.ensure_one()
        return Domain("location_id", "in", self._get_locations().ids)

    def _get_purchase_domain(self):
        self.ensure_one()
        domain = self.env["purchase.order"]._get_spare_parts_open_domain() & Domain(
            "company_id", "=", self.company_id.id
        )
        if self.location_id:
            domain &= Domain(
                "picking_type_id.default_location_dest_id", "in", self._get_locations().ids
            )
        return domain

    @api.depends("company_id", "location_id")
    def _compute_workspace(self):
        for workspace in self:
            workspace.quant_ids = self.env["stock.quant"].search(
                workspace._get_quant_domain(), order="location_id, product_id"
            )
            workspace.orderpoint_ids = self.env["stock.warehouse.orderpoint"].search(
                workspace._get_orderpoint_domain()
            )
            workspace.purchase_order_ids = self.env["purchase.order"].search(
                workspace._get_purchase_domain()
            )

    # ------------------------------------------------------------ actions
    def _action_list(self, xmlid, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = list(domain)
        return action

    def action_open_stock(self):
        self.ensure_one()
        return self._action_list(
            "spare_parts_purchase.stock_quant_action_parts_stock", self._get_quant_domain()
        )

    def action_open_orderpoints(self):
        self.ensure_one()
        return self._action_list(
            "spare_parts_purchase.stock_warehouse_orderpoint_action_parts",
            self._get_orderpoint_domain(),
        )

    def action_open_purchase_orders(self):
        self.ensure_one()
        return self._action_list(
            "spare_parts_purchase.purchase_order_action_parts_open", self._get_purchase_domain()
        )

    # --------------------------------------------------------- stock export
    def _get_stock_list_header(self):
        return [
            self.env._("Location"),
            self.env._("Engineer"),
            self.env._("Internal Reference"),
            self.env._("Part"),
            self.env._("Serial Number"),
            self.env._("On Hand"),
            self.env._("Unit"),
            self.env._("Counted"),
        ]

    def _get_stock_list_rows(self):
        """One row per location, part and serial, ready for the monthly count:
        the Counted column is left empty to be filled in on the floor."""
        self.ensure_one()
        rows = []
        quants = self.env["stock.quant"].search(
            self._get_quant_domain(), order="location_id, product_id, lot_id"
        )
        for quant in quants:
            rows.append(
                [
                    quant.location_id.complete_name,
                    quant.location_id.spare_parts_owner_id.name or "",
                    quant.product_id.default_code or "",
                    quant.product_id.name,
                    quant.lot_id.name or "",
                    quant.quantity,
                    quant.product_uom_id.name,
                    "",
                ]
            )
        return rows

    def action_export_stock_list(self):
        """Write the stock list as CSV and offer it for download."""
        self.ensure_one()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self._get_stock_list_header())
        writer.writerows(self._get_stock_list_rows())
        name = self.env._(
            "stock-list-%(location)s-%(date)s.csv",
            location=(self.location_id.name or self.company_id.name).replace("/", "-"),
            date=fields.Date.context_today(self),
        )
        self.write(
            {
                "export_file": base64.b64encode(buffer.getvalue().encode()),
                "export_filename": name,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/export_file/{name}?download=true",
            "target": "self",
        }
