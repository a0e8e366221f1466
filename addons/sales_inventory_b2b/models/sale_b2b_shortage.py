# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleB2bShortage(models.Model):
    """A product an order needed more of than was available when it was
    submitted under the "allow" rule (or confirmed by an order administrator
    despite the "block" rule)."""

    _name = "sale.b2b.shortage"
    _description = "B2B Order Short Line"
    _order = "id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    user_id = fields.Many2one(related="order_id.user_id", store=True, string="Salesperson")
    order_line_ids = fields.Many2many("sale.order.line", string="Order Lines", readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        readonly=True,
        help="Warehouse checked; empty when all warehouses were checked together.",
    )
    scope_label = fields.Char(string="Checked In", readonly=True)
    qty_needed = fields.Float(string="Needed", digits="Product Unit", readonly=True)
    qty_available = fields.Float(string="Available", digits="Product Unit", readonly=True)
    qty_missing = fields.Float(
        string="Missing", digits="Product Unit", compute="_compute_qty_missing", store=True
    )
    overridden_by_id = fields.Many2one(
        "res.users",
        string="Block Overridden By",
        readonly=True,
        help="Order administrator who confirmed the order despite the block rule.",
    )
    override_reason = fields.Text(
        readonly=True,
        help="Why the order administrator confirmed the order despite the block rule.",
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "Resolved")],
        default="open",
        required=True,
        index=True,
    )

    @api.depends("qty_needed", "qty_available")
    def _compute_qty_missing(self):
        for shortage in self:
            shortage.qty_missing = shortage.qty_needed - shortage.qty_available

    def action_resolve(self):
        self.write({"state": "done"})

    def action_reopen(self):
        self.write({"state": "open"})
