# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command


class SparePartsRepairPlanLine(models.Model):
    _name = "spare.parts.repair.plan.line"
    _description = "Spare Parts Repair Plan Unit"

    plan_id = fields.Many2one(
        "spare.parts.repair.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    product_id = fields.Many2one("product.product", string="Part", required=True)
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", domain="[('product_id', '=', product_id)]"
    )
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    repair_ids = fields.One2many("repair.order", compute="_compute_repair_ids")

    @api.depends("plan_id.repair_ids", "product_id", "lot_id")
    def _compute_repair_ids(self):
        for line in self:
            line.repair_ids = line.plan_id.repair_ids.filtered(
                lambda r, line=line: r.product_id == line.product_id and r.lot_id == line.lot_id
            )

    @api.constrains("quantity", "lot_id", "product_id")
    def _check_unit(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: the quantity of %(part)s must be positive.",
                        plan=line.plan_id.name,
                        part=line.product_id.display_name,
                    )
                )
            if line.tracking == "serial" and not line.lot_id:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: %(part)s is serial tracked; choose the unit.",
                        plan=line.plan_id.name,
                        part=line.product_id.display_name,
                    )
                )
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: serial %(lot)s is not a %(part)s.",
                        plan=line.plan_id.name,
                        lot=line.lot_id.name,
                        part=line.product_id.display_name,
                    )
                )

    def _prepare_repair_vals_list(self):
        """One repair per unit: a serial is one order, an untracked part one batch."""
        self.ensure_one()
        plan = self.plan_id
        warehouse = plan.warehouse_id
        defective = plan._get_defective_location()
        return [
            {
                "product_id": self.product_id.id,
                "product_qty": self.quantity,
                "product_uom": self.product_id.uom_id.id,
                "lot_id": self.lot_id.id,
                "company_id": plan.company_id.id,
                "picking_type_id": warehouse.repair_type_id.id,
                "product_location_src_id": defective.id,
                "product_location_dest_id": warehouse.lot_stock_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "spare_parts_plan_id": plan.id,
                "internal_notes": plan.name,
                "refurbish_labour_hours": self.product_id.spare_parts_refurbish_hours
                * self.quantity,
                "move_ids": [
                    Command.create(vals) for vals in self._prepare_refurbish_move_vals_list()
                ],
            }
        ]

    def _prepare_refurbish_move_vals_list(self):
        """The parts of the refurbishment kit, for the quantity repaired."""
        self.ensure_one()
        return [
            {
                "product_id": kit_line.part_id.id,
                "product_uom_qty": kit_line.quantity * self.quantity,
                "repair_line_type": "add",
            }
            for kit_line in self.product_id.spare_parts_refurbish_line_ids
        ]
