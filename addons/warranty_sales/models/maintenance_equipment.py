# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"
    _rec_names_search = ["name", "serial_no", "warranty_lot_name", "product_id.default_code"]

    # Same names, types and comodels as in spare_parts_base, so that both addons
    # can be installed together.
    customer_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", tracking=True
    )
    product_id = fields.Many2one("product.product", string="Product", index="btree_not_null")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Unit Serial Number",
        domain="[('product_id', '=', product_id)]",
        index="btree_not_null",
    )
    # Sales people label and find equipment by its serial number without any
    # right on stock serials: the stored copy is written as the system.
    warranty_lot_name = fields.Char(
        related="lot_id.name", string="Unit Serial", store=True, index="trigram"
    )
    warranty_ids = fields.One2many(
        "maintenance.equipment.warranty", "equipment_id", string="Warranties"
    )
    warranty_count = fields.Integer(compute="_compute_warranty_count")

    @api.depends("warranty_ids")
    def _compute_warranty_count(self):
        counts = dict(
            self.env["maintenance.equipment.warranty"]._read_group(
                [("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"]
            )
        )
        for equipment in self:
            equipment.warranty_count = counts.get(equipment, 0)

    @api.depends_context("warranty_equipment_label", "warranty_date")
    def _compute_display_name(self):
        if not self.env.context.get("warranty_equipment_label"):
            return super()._compute_display_name()
        statuses = self._get_warranty_statuses(self._get_warranty_label_date())
        for equipment in self:
            label = equipment._get_warranty_label()
            status = statuses.get(equipment._origin)
            equipment.display_name = f"{label} ({status})" if status else label
        return None

    def _get_warranty_label_date(self):
        """Date of the warranty status in labels: ``warranty_date`` of the
        context (the order date on a sale line), else today."""
        value = self.env.context.get("warranty_date")
        try:
            return fields.Date.to_date(str(value)[:10]) if value else self._today_for_label()
        except ValueError:
            # A context date the client sent malformed: the label falls back to today.
            return self._today_for_label()

    def _today_for_label(self):
        return fields.Date.context_today(self)

    def _get_warranty_statuses(self, date):
        """{equipment: "in warranty until ..." or "goodwill until ..."} on
        ``date``, for the equipment having one; all read in one query."""
        warranties = (
            self.env["maintenance.equipment.warranty"]
            .sudo()
            .search([("equipment_id", "in", self._origin.ids)])
        )
        statuses = {}
        for equipment, equipment_warranties in warranties.grouped("equipment_id").items():
            found = {}
            for warranty in equipment_warranties.sorted("date_end", reverse=True):
                found.setdefault(warranty._get_entitlement(date), warranty)
            if "warranty" in found:
                statuses[equipment] = self.env._(
                    "in warranty until %(end)s", end=found["warranty"].date_end
                )
            elif "goodwill" in found:
                statuses[equipment] = self.env._(
                    "goodwill until %(end)s", end=found["goodwill"].goodwill_date_end
                )
        return statuses

    def action_view_warranties(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "warranty_sales.maintenance_equipment_warranty_action"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {"default_equipment_id": self.id}
        return action

    def _get_warranty_label(self):
        """Equipment as the sales team knows it: product and serial number."""
        self.ensure_one()
        parts = [
            self.product_id.display_name or self.name,
            self.warranty_lot_name or self.serial_no,
        ]
        return " / ".join(part for part in parts if part)
