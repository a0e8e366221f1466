# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # The internal claim charge with its claim payer and payer agreement: the
    # customer reads his invoice lines, never these.
    warranty_charge_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Claim Charge of",
        index="btree_not_null",
        groups="base.group_user",
        help="Warranty sales order line whose internal claim charge this line shows.",
    )
    warranty_claim_charge_amount = fields.Monetary(
        string="Internal Claim Charge",
        groups="base.group_user",
        help="Negative amount equal to the cost of the parts given under warranty; "
        "it is internal and does not change the invoice total.",
    )
    warranty_payer_id = fields.Many2one(
        "res.partner", string="Claim Payer", groups="base.group_user"
    )
    warranty_pricelist_id = fields.Many2one(
        "product.pricelist", string="Payer Agreement", groups="base.group_user"
    )
    warranty_print_label = fields.Char(compute="_compute_warranty_print_label")

    @api.depends("sale_line_ids.warranty_price_origin", "sale_line_ids.warranty_type_id")
    def _compute_warranty_print_label(self):
        for line in self:
            labels = [label for label in line.sale_line_ids.mapped("warranty_print_label") if label]
            line.warranty_print_label = labels[0] if labels else False

    def _warranty_is_internal_line(self):
        """Lines for the company only, never printed for the customer: the
        internal claim charge with its claim payer and payer agreement."""
        self.ensure_one()
        # superuser: the customer's invoice asks it too; the answer tells no
        # more than that the line is left out
        return bool(self.sudo().warranty_charge_sale_line_id)
