# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

BILLING_STATES = [
    ("none", "Not Billable"),
    ("held", "Waiting for Approval"),
    ("to_bill", "To Bill"),
    ("quoted", "Quoted"),
    ("ordered", "Ordered"),
    ("invoiced", "Invoiced"),
]


class SparePartsLine(models.Model):
    """SP-28: a consumed part is billed once, on a sale order line of its work
    order's quotation; that link is what "already billed" means."""

    _inherit = "spare.parts.line"

    sale_line_ids = fields.One2many(
        "sale.order.line",
        "spare_parts_line_id",
        string="Sale Order Lines",
        readonly=True,
        groups="sales_team.group_sale_salesman",
    )
    billing_state = fields.Selection(
        BILLING_STATES,
        string="Billing",
        compute="_compute_billing_state",
        compute_sudo=True,
        help="Not billable: not an installed part. Waiting for approval: a warranty "
        "replacement not approved yet. To bill: installed, on no sale order yet. Then "
        "the state of the sale order that bills it.",
    )

    @api.depends("state", "part_condition", "sale_line_ids.order_id.state")
    def _compute_billing_state(self):
        billed = self._get_billing_sale_lines()
        for line in self:
            sale_line = billed.get(line)
            if sale_line:
                line.billing_state = sale_line._get_spare_parts_billing_state()
            elif line.state != "consumed" or line.part_condition != "new":
                line.billing_state = "none"
            else:
                line.billing_state = "held" if line._get_billing_errors() else "to_bill"

    def _get_billing_sale_lines(self):
        """{part line: the sale order line billing it}, cancelled orders left out:
        cancelling a quotation makes its parts billable again."""
        sale_lines = self.sudo().sale_line_ids.filtered(lambda sol: sol.order_id.state != "cancel")
        return {sol.spare_parts_line_id: sol for sol in sale_lines}

    def _get_lines_to_bill(self):
        """(lines billable now, {line: reasons} for installed lines held back)."""
        billed = self._get_billing_sale_lines()
        candidates = self.filtered(
            lambda line: line.state == "consumed"
            and line.part_condition == "new"
            and line not in billed
        )
        held = {}
        for line in candidates:
            errors = line._get_billing_errors()
            if errors:
                held[line] = errors
        return candidates.filtered(lambda line: line not in held), held

    def _prepare_sale_line_vals(self, order):
        """Values of the sale order line billing this part: the customer's
        pricelist prices it, as for any product sold (no price here)."""
        self.ensure_one()
        return {
            "order_id": order.id,
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom_id": self.uom_id.id,
            "qty_delivered": self.quantity,
            "spare_parts_line_id": self.id,
            "spare_parts_ticket_id": self.ticket_id.id,
        }

    def write(self, vals):
        if {"product_id", "quantity", "lot_id", "uom_id"} & set(vals):
            self._check_not_billed()
        return super().write(vals)

    def _check_not_billed(self):
        """A billed part is what the customer was charged: it cannot change
        unless its quotation is cancelled first."""
        billed = self._get_billing_sale_lines()
        if billed:
            raise UserError(
                self.env._(
                    "%(parts)s already billed on %(orders)s; cancel that quotation before "
                    "changing the part or its quantity.",
                    parts=", ".join(line._get_chatter_label() for line in billed),
                    orders=", ".join(sorted({sol.order_id.name for sol in billed.values()})),
                )
            )
