# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsAdjustmentLine(models.Model):
    _name = "spare.parts.adjustment.line"
    _inherit = ["spare.parts.action.fields.mixin"]
    _description = "Personal Warehouse Adjustment Line"

    adjustment_id = fields.Many2one(
        "spare.parts.adjustment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="adjustment_id.company_id", store=True)
    product_id = fields.Many2one("product.product", string="Part", required=True)
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", domain="[('product_id', '=', product_id)]"
    )
    counted_qty = fields.Float(string="Counted", digits="Spare Parts", required=True)
    theoretical_qty = fields.Float(string="On Hand Before", digits="Spare Parts", readonly=True)

    @api.constrains("counted_qty", "lot_id", "product_id")
    def _check_counted(self):
        for line in self:
            if line.counted_qty < 0:
                raise ValidationError(
                    self.env._(
                        "Adjustment %(name)s: the counted quantity of %(part)s cannot be "
                        "negative (%(qty)s).",
                        name=line.adjustment_id.name,
                        part=line.product_id.display_name,
                        qty=line.counted_qty,
                    )
                )
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Adjustment %(name)s: serial %(lot)s is not a %(part)s.",
                        name=line.adjustment_id.name,
                        lot=line.lot_id.name,
                        part=line.product_id.display_name,
                    )
                )

    def _get_write_policy(self):
        """Lines follow their adjustment (see its write policy)."""
        return self.adjustment_id._get_write_policy()

    @api.model
    def _get_write_policy_parent_field(self):
        return "adjustment_id"
