# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    spare_parts_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Work Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="spare_parts_base.group_spare_parts_engineer",
    )
    spare_parts_line_id = fields.Many2one(
        "spare.parts.line",
        string="Work Order Part",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="spare_parts_base.group_spare_parts_engineer",
        help="The installed part this line bills (SP-28).",
    )

    def _get_spare_parts_billing_state(self):
        self.ensure_one()
        if self.qty_invoiced:
            return "invoiced"
        return "ordered" if self.order_id.state == "sale" else "quoted"

    def _is_spare_parts_billing(self):
        """Lines billing work done: parts already at the customer, labour."""
        self.ensure_one()
        return bool(self.sudo().spare_parts_ticket_id)

    @api.depends("spare_parts_ticket_id")
    def _compute_qty_delivered_method(self):
        # Installed parts and labour were delivered on the work order: their
        # delivered quantity is what the work order says, not stock moves.
        res = super()._compute_qty_delivered_method()
        for line in self.filtered(lambda line: line._is_spare_parts_billing()):
            line.qty_delivered_method = "manual"
        return res

    def _action_launch_stock_rule(self, *, previous_product_uom_qty=False):
        # Parts billed from a work order left the van when they were consumed
        # (or are not stock-tracked in Simple mode): no delivery for them.
        work_lines = self.filtered(lambda line: line._is_spare_parts_billing())
        return super(SaleOrderLine, self - work_lines)._action_launch_stock_rule(
            previous_product_uom_qty=previous_product_uom_qty
        )

    @api.model
    def _prepare_spare_parts_batch_vals(self, order, vals_list):
        """Values Odoo would compute line by line (one query per line), read
        once for the whole order: the pricelist rule of each line from one
        search of the order's pricelist rules, and the analytic distribution
        when the company has no distribution model (nothing to look up)."""
        pricelist = order.pricelist_id
        products = self.env["product.product"].browse([vals["product_id"] for vals in vals_list])
        rules = (
            pricelist._get_applicable_rules(products, order.date_order)
            if pricelist
            else self.env["product.pricelist.item"]
        )
        # Whether any distribution model exists at all, whoever may read them:
        # only then does each line need its own lookup.
        no_distribution = not (
            self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1)
        )
        result = []
        for vals, product in zip(vals_list, products, strict=True):
            extra = {}
            if pricelist:
                qty = vals.get("product_uom_qty", 1.0)
                extra["pricelist_item_id"] = next(
                    (rule.id for rule in rules if rule._is_applicable_for(product, qty)), False
                )
            if no_distribution:
                extra["analytic_distribution"] = False
            result.append(dict(vals, **extra))
        return result
