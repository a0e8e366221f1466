# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .warranty_action_fields_mixin import ALL_FIELDS


class WarrantyClaimLine(models.Model):
    _name = "warranty.claim.line"
    _description = "Warranty Claim Part"
    _inherit = ["warranty.action.fields.mixin"]
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
    origin_line_id = fields.Many2one(
        "warranty.claim.line",
        string="Credited Part",
        index="btree_not_null",
        readonly=True,
        help="Claimed part this credit line takes back, the part being returned.",
    )
    credit_line_ids = fields.One2many(
        "warranty.claim.line", "origin_line_id", string="Credits", readonly=True
    )
    in_progress_reversed = fields.Monetary(
        string="Claim in Progress Reversed",
        readonly=True,
        help="Cost of the returned part taken back from the claims in progress by the "
        "return (only what the invoices had booked).",
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal Entry", readonly=True, index="btree_not_null"
    )

    def _get_write_policy(self):
        """The parts of a claim are what its payer receives: once the claim
        left draft they are frozen for every role; returns credit them in a
        credit claim."""
        roles = ("sales_team.group_sale_salesman", "account.group_account_invoice")
        return {
            "draft": dict.fromkeys(roles, ALL_FIELDS),
            "sent": dict.fromkeys(roles, ()),
            "settled": dict.fromkeys(roles, ()),
            "rejected": dict.fromkeys(roles, ()),
        }

    @api.model
    def _get_write_policy_parent_field(self):
        return "claim_id"

    def _get_write_policy_name(self):
        self.ensure_one()
        return f"{self.claim_id.name} / {self.product_id.display_name}"

    @api.depends("quantity", "price_unit", "settlement_percent", "cost_unit")
    def _compute_amounts(self):
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            line.price_subtotal = currency.round(line.price_unit * line.quantity)
            line.amount_claimed = currency.round(
                line.price_subtotal * line.settlement_percent / 100.0
            )
            line.cost_total = currency.round(line.cost_unit * line.quantity)

    def _get_quantity_not_credited(self):
        """Quantity of a claimed part not yet taken back by returns."""
        self.ensure_one()
        return self.quantity + sum(self.credit_line_ids.mapped("quantity"))

    def _warranty_reverse_claim_in_progress(self):
        """Reverse the claim in progress of returned parts: their cost, as far
        as the invoices of their order lines booked it, in one entry per company."""
        open_amounts = self.sale_line_id._warranty_get_claim_in_progress_open(exclude=self)
        for line in self:
            currency = line.currency_id
            available = open_amounts.get(line.sale_line_id, 0.0)
            amount = currency.round(max(min(-line.cost_total, available), 0.0))
            if not currency.is_zero(amount):
                line.in_progress_reversed = amount
                open_amounts[line.sale_line_id] = available - amount
        for company, lines in self.filtered("in_progress_reversed").grouped("company_id").items():
            entry = self.env["account.move"].create(
                lines._prepare_warranty_reversal_move_vals(company)
            )
            entry.action_post()
            lines.reversal_move_id = entry

    def _prepare_warranty_reversal_move_vals(self, company):
        """The mirror of the claim in progress posted at invoicing: debit the
        internal claim charge, credit the claims in progress."""
        journal = company._get_warranty_claim_journal()
        in_progress = company._get_warranty_claim_in_progress_account()
        charge = company._get_warranty_claim_charge_account()
        amount = sum(self.mapped("in_progress_reversed"))
        references = ", ".join(sorted(set(self.move_id.picking_id.mapped("name"))))
        if not (journal and in_progress and charge):
            raise UserError(
                self.env._(
                    "The return %(picking)s takes back %(amount)s of claims in progress but "
                    "the reversal cannot be booked: set the warranty claim journal and "
                    "accounts in the Warranty settings.",
                    picking=references,
                    amount=amount,
                )
            )
        label = self.env._(
            "Claim in progress reversed for returned parts (%(picking)s)", picking=references
        )
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "date": fields.Date.context_today(self),
            "ref": label,
            "line_ids": [
                Command.create(
                    {"name": label, "account_id": charge.id, "debit": amount, "credit": 0.0}
                ),
                Command.create(
                    {"name": label, "account_id": in_progress.id, "debit": 0.0, "credit": amount}
                ),
            ],
        }
