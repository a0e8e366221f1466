# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import float_is_zero


class SparePartsBillComparisonLine(models.TransientModel):
    _name = "spare.parts.bill.comparison.line"
    _description = "Parts Usage against Vendor Bills, per Part"
    _order = "has_difference desc, id"

    comparison_id = fields.Many2one(
        "spare.parts.bill.comparison", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one("product.product", string="Part", required=True)
    qty_used = fields.Float(string="Used", digits="Spare Parts")
    qty_billed = fields.Float(string="Billed", digits="Spare Parts")
    qty_difference = fields.Float(
        string="Quantity Difference",
        digits="Spare Parts",
        compute="_compute_difference",
        store=True,
    )
    amount_used = fields.Float(string="Usage Cost", digits="Product Price")
    amount_billed = fields.Float(string="Billed Amount", digits="Product Price")
    amount_difference = fields.Float(
        digits="Product Price",
        compute="_compute_difference",
        store=True,
    )
    has_difference = fields.Boolean(compute="_compute_difference", store=True)

    @api.depends("qty_used", "qty_billed", "amount_used", "amount_billed")
    def _compute_difference(self):
        for line in self:
            line.qty_difference = line.qty_billed - line.qty_used
            line.amount_difference = line.amount_billed - line.amount_used
            line.has_difference = not (
                float_is_zero(line.qty_difference, precision_digits=4)
                and float_is_zero(line.amount_difference, precision_digits=2)
            )
