# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    b2b_show_available = fields.Boolean(related="order_id.company_id.b2b_show_available")
    b2b_available_qty = fields.Float(
        string="Available",
        digits="Product Unit",
        compute="_compute_b2b_available_qty",
        help="Available inventory (on hand minus reserved) according to the "
        "ordering mode, in the product's unit of measure.",
    )
    b2b_available_uom_id = fields.Many2one(related="product_id.uom_id", string="Available Unit")
    b2b_is_short = fields.Boolean(string="Short", compute="_compute_b2b_available_qty")

    def _b2b_is_checked_product(self):
        """Storable products and (with mrp) kits are checked."""
        self.ensure_one()
        product = self.product_id
        return product.is_storable or bool("is_kits" in product._fields and product.is_kits)

    def _b2b_is_checked(self):
        self.ensure_one()
        return bool(
            self.product_id
            and not self.display_type
            and not self.is_downpayment
            and self.product_uom_qty > 0
            and self._b2b_is_checked_product()
        )

    def _b2b_get_needed_qty(self):
        """Ordered quantity in the product's unit of measure."""
        self.ensure_one()
        return self.product_uom_id._compute_quantity(
            self.product_uom_qty, self.product_id.uom_id, round=False
        )

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom_id",
        "order_id.warehouse_id",
        "order_id.b2b_order_type_id",
        "order_id.company_id",
        "order_id.state",
    )
    def _compute_b2b_available_qty(self):
        self.b2b_available_qty = 0.0
        self.b2b_is_short = False
        lines = self.filtered(
            lambda line: line.order_id.state in ("draft", "sent")
            and line.order_id.company_id.b2b_show_available
            and line.product_id
            and not line.display_type
            and line._b2b_is_checked_product()
        )
        keys_by_company = defaultdict(set)
        scope_by_line = {}
        for line in lines:
            scope = line.order_id._b2b_get_scope()
            if scope is None:
                continue
            scope_by_line[line] = scope
            keys_by_company[line.order_id.company_id].add((line.product_id.id, scope))
        Availability = self.env["sale.b2b.availability"]
        answers = {}
        for company, keys in keys_by_company.items():
            provider = Availability._get_provider(company)
            answers[company], __ = provider._get_available_quantities(
                company, keys, exclude_orders=lines.order_id._origin
            )
        for line, scope in scope_by_line.items():
            uom = line.product_id.uom_id
            quantities = answers[line.order_id.company_id]
            available = uom.round(max(quantities.get((line.product_id.id, scope), 0.0), 0.0))
            line.b2b_available_qty = available
            line.b2b_is_short = uom.compare(line._b2b_get_needed_qty(), available) > 0
