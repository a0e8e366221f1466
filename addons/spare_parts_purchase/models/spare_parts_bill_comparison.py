# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import float_is_zero


class SparePartsBillComparison(models.TransientModel):
    """SP-27 month-end: the parts used on work orders compared with the vendor
    bills of the period, quantities and amounts side by side."""

    _name = "spare.parts.bill.comparison"
    _description = "Parts Usage against Vendor Bills"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "spare.parts.bill.comparison.line", "comparison_id", string="Comparison", readonly=True
    )
    difference_count = fields.Integer(compute="_compute_difference_count")

    @api.depends("line_ids.has_difference")
    def _compute_difference_count(self):
        for comparison in self:
            comparison.difference_count = len(comparison.line_ids.filtered("has_difference"))

    def _get_usage_domain(self):
        self.ensure_one()
        return Domain(
            [
                ("state", "=", "consumed"),
                ("part_condition", "=", "new"),
                ("company_id", "=", self.company_id.id),
                ("date_done", ">=", fields.Datetime.to_datetime(self.date_from)),
                (
                    "date_done",
                    "<",
                    fields.Datetime.add(fields.Datetime.to_datetime(self.date_to), days=1),
                ),
            ]
        )

    def _get_bill_domain(self, move_types):
        self.ensure_one()
        return Domain(
            [
                ("move_id.move_type", "in", move_types),
                ("parent_state", "=", "posted"),
                ("display_type", "=", "product"),
                ("product_id", "!=", False),
                ("company_id", "=", self.company_id.id),
                ("move_id.invoice_date", ">=", self.date_from),
                ("move_id.invoice_date", "<=", self.date_to),
            ]
        )

    def _get_usage(self):
        """{product: (quantity, amount)} consumed in the period."""
        return {
            product: (qty, amount)
            for product, qty, amount in self.env["spare.parts.line"]._read_group(
                self._get_usage_domain(), ["product_id"], ["quantity:sum", "amount_total:sum"]
            )
        }

    def _get_billed(self):
        """{product: (quantity, amount)} on posted vendor bills of the period,
        credit notes deducted."""
        result = {}
        # The coordinator compares quantities and totals per part without
        # accounting rights; only these aggregates of the company's vendor
        # bills are read.
        AccountLine = self.env["account.move.line"].sudo()
        for move_types, sign in ((["in_invoice"], 1), (["in_refund"], -1)):
            for product, qty, amount in AccountLine._read_group(
                self._get_bill_domain(move_types),
                ["product_id"],
                ["quantity:sum", "price_subtotal:sum"],
            ):
                old_qty, old_amount = result.get(product, (0.0, 0.0))
                result[product] = (old_qty + sign * qty, old_amount + sign * amount)
        return result

    def _prepare_line_vals(self, product, usage, billed):
        return {
            "product_id": product.id,
            "qty_used": usage[0],
            "amount_used": usage[1],
            "qty_billed": billed[0],
            "amount_billed": billed[1],
        }

    @api.model
    def _vals_differ(self, vals):
        return not (
            float_is_zero(vals["qty_billed"] - vals["qty_used"], precision_digits=4)
            and float_is_zero(vals["amount_billed"] - vals["amount_used"], precision_digits=2)
        )

    def action_compute(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(
                self.env._(
                    "The period starts on %(start)s, after its end %(end)s.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        usage = self._get_usage()
        billed = self._get_billed()
        vals_list = [
            self._prepare_line_vals(
                product, usage.get(product, (0.0, 0.0)), billed.get(product, (0.0, 0.0))
            )
            for product in set(usage) | set(billed)
        ]
        products = {product.id: product for product in set(usage) | set(billed)}
        # parts with a difference first, then by reference
        vals_list.sort(
            key=lambda vals: (
                not self._vals_differ(vals),
                products[vals["product_id"]].default_code or "",
                vals["product_id"],
            )
        )
        self.line_ids = [Command.clear()] + [Command.create(vals) for vals in vals_list]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }
