# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    customer_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        tracking=True,
        help="The customer this unit is installed at.",
        check_company=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="The equipment model: its service BOM lists the serviceable parts.",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Unit Serial Number",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    installation_date = fields.Date(tracking=True)
    spare_part_ids = fields.One2many(
        "spare.parts.equipment.part",
        "equipment_id",
        string="Asset BOM",
        domain=[("is_installed", "=", True)],
    )
    spare_part_history_ids = fields.One2many(
        "spare.parts.equipment.part",
        "equipment_id",
        string="Asset BOM History",
    )
    spare_parts_replacement_ids = fields.One2many(
        "spare.parts.replacement", "equipment_id", string="Replacements"
    )
    spare_parts_ticket_ids = fields.One2many(
        "helpdesk.ticket", "equipment_id", string="Work Orders"
    )
    spare_parts_ticket_count = fields.Integer(compute="_compute_spare_parts_counts")
    spare_parts_replacement_count = fields.Integer(compute="_compute_spare_parts_counts")
    service_bom_line_ids = fields.One2many(
        related="product_id.product_tmpl_id.spare_parts_service_bom_line_ids",
        string="Service BOM",
    )

    @api.depends("spare_parts_ticket_ids", "spare_parts_replacement_ids")
    def _compute_spare_parts_counts(self):
        tickets = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"]
            )
        )
        replacements = dict(
            self.env["spare.parts.replacement"]._read_group(
                [("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"]
            )
        )
        for equipment in self:
            equipment.spare_parts_ticket_count = tickets.get(equipment, 0)
            equipment.spare_parts_replacement_count = replacements.get(equipment, 0)

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for equipment in self.filtered("lot_id"):
            if equipment.lot_id.product_id != equipment.product_id:
                raise ValidationError(
                    self.env._(
                        "Serial number %(lot)s of equipment %(equipment)s belongs to "
                        "%(lot_product)s, not to %(product)s.",
                        lot=equipment.lot_id.name,
                        equipment=equipment.display_name,
                        lot_product=equipment.lot_id.product_id.display_name,
                        product=equipment.product_id.display_name or "-",
                    )
                )

    def write(self, vals):
        self._check_identity_change(vals)
        return super().write(vals)

    def _get_identity_fields(self):
        """What says which unit this is and whose: warranty prices, service BOMs
        and part histories follow them."""
        return {"customer_id", "product_id", "lot_id"}

    def _check_identity_change(self, vals):
        """Engineers fill in a unit's identity once; changing it afterwards is
        for a spare parts administrator."""
        if self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            return
        changed = {
            name
            for name in self._get_identity_fields() & set(vals)
            for equipment in self
            if equipment[name] and equipment[name].id != vals[name]
        }
        if changed:
            raise AccessError(
                self.env._(
                    "%(fields)s of equipment %(equipment)s can be changed only by a spare "
                    "parts administrator.",
                    fields=", ".join(
                        sorted(self._fields[name]._description_string(self.env) for name in changed)
                    ),
                    equipment=", ".join(self.mapped("display_name")),
                )
            )

    def action_view_spare_parts_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spare_parts_base.helpdesk_ticket_action_work_orders"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {
            "default_equipment_id": self.id,
            "default_partner_id": self.customer_id.id,
        }
        return action

    def action_view_spare_parts_replacements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spare_parts_base.spare_parts_replacement_action"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        return action

    def _find_installed_part(self, product, lot=None):
        """The installed asset BOM line holding ``product`` (and ``lot``)."""
        self.ensure_one()
        lines = self.spare_part_ids.filtered(lambda line: line.product_id == product)
        if lot:
            lines = lines.filtered(lambda line: line.lot_id == lot)
        return lines[:1]
