# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class WarrantyClaimLine(models.Model):
    _name = "warranty.claim.line"
    _description = "Warranty Claim Part"
    _order = "claim_id, id"

    claim_id = fields.Many2one("warranty.claim", required=True, index=True, ondelete="cascade")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Sales Order Line", index="btree_not_null"
    )
    move_id = fields.Many2one("stock.move", string="Delivery Move", index="btree_not_null")
    product_id = fields.Many2one("product.product", string="Part", required=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number")
    quantity = fields.Float(digits="Product Unit", required=True, default=1.0)
    product_uom_id = fields.Many2one("uom.uom", string="Unit")
    price_unit = fields.Monetary(
        string="Claim Price", help="Unit price of the part in the payer agreement."
    )
    settlement_percent = fields.Float(string="Settlement %", digits=(5, 2))
    cost_unit = fields.Monetary(string="Unit Cost")
    price_subtotal = fields.Monetary(string="Claim Amount", compute="_compute_amounts", store=True)
    amount_claimed = fields.Monetary(string="Claimed", compute="_compute_amounts", store=True)
    cost_total = fields.Monetary(string="Cost", compute="_compute_amounts", store=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    state = fields.Selection(related="claim_id.state", store=True)

    @api.depends("quantity", "price_unit", "settlement_percent", "cost_unit")
    def _compute_amounts(self):
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            line.price_subtotal = currency.round(line.price_unit * line.quantity)
            line.amount_claimed = currency.round(
                line.price_subtotal * line.settlement_percent / 100.0
            )
            line.cost_total = currency.round(line.cost_unit * line.quantity)
