# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .warranty_action_fields_mixin import ALL_FIELDS

CLAIM_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("settled", "Settled"),
    ("rejected", "Rejected"),
]


class WarrantyClaim(models.Model):
    _name = "warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "warranty.action.fields.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    state = fields.Selection(
        CLAIM_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    equipment_id = fields.Many2one(
        "maintenance.equipment", required=True, index=True, check_company=True, readonly=True
    )
    customer_id = fields.Many2one(related="equipment_id.customer_id", store=True)
    payer_id = fields.Many2one(
        "res.partner", string="Claim Payer", required=True, index=True, tracking=True
    )
    pricelist_id = fields.Many2one(
        "product.pricelist", string="Payer Agreement", required=True, check_company=True
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        check_company=True,
        readonly=True,
    )
    warranty_id = fields.Many2one(
        "maintenance.equipment.warranty", string="Equipment Warranty", check_company=True
    )
    warranty_type_id = fields.Many2one(related="warranty_id.type_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("warranty.claim.line", "claim_id", string="Parts", copy=True)
    amount_price = fields.Monetary(
        string="Claim Price", compute="_compute_amounts", store=True, tracking=True
    )
    amount_claimed = fields.Monetary(
        string="Claimed Amount",
        compute="_compute_amounts",
        store=True,
        help="Claim price of the parts times the settlement percentage.",
    )
    amount_cost = fields.Monetary(string="Cost", compute="_compute_amounts", store=True)
    settlement_move_id = fields.Many2one(
        "account.move", string="Settlement Entry", readonly=True, copy=False, check_company=True
    )
    note = fields.Html()
    origin_claim_id = fields.Many2one(
        "warranty.claim",
        string="Credited Claim",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="Claim already sent or settled whose returned parts this credit claim takes back.",
    )
    credit_claim_ids = fields.One2many(
        "warranty.claim", "origin_claim_id", string="Credit Claims", readonly=True
    )
    can_send = fields.Boolean(compute="_compute_can_flags")
    can_settle = fields.Boolean(compute="_compute_can_flags")
    can_reject = fields.Boolean(compute="_compute_can_flags")
    can_reset = fields.Boolean(compute="_compute_can_flags")

    @api.depends("line_ids.price_subtotal", "line_ids.amount_claimed", "line_ids.cost_total")
    def _compute_amounts(self):
        for claim in self:
            claim.amount_price = sum(claim.line_ids.mapped("price_subtotal"))
            claim.amount_claimed = sum(claim.line_ids.mapped("amount_claimed"))
            claim.amount_cost = sum(claim.line_ids.mapped("cost_total"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self._get_next_name(vals)
        return super().create(vals_list)

    @api.model
    def _get_next_name(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        return self.env["ir.sequence"].with_company(company).next_by_code("warranty.claim") or "/"

    # ------------------------------------------------------------------ flags
    @api.depends("state")
    def _compute_can_flags(self):
        for claim in self:
            claim.can_send = claim.state == "draft"
            claim.can_settle = claim.state in ("draft", "sent")
            claim.can_reject = claim.state in ("draft", "sent")
            claim.can_reset = claim.state == "rejected"

    def _ensure_can(self, flag, action_label):
        refused = self.filtered(lambda claim: not claim[flag])
        if refused:
            raise UserError(
                self.env._(
                    "Claims %(claims)s cannot be %(action)s in their current state (%(states)s).",
                    claims=", ".join(refused.mapped("name")),
                    action=action_label,
                    states=", ".join(
                        dict(CLAIM_STATES)[state] for state in sorted(set(refused.mapped("state")))
                    ),
                )
            )

    # ------------------------------------------------------------------ actions
    def action_send(self):
        """Mark the claims sent to the payer; the PDF goes with them."""
        self._ensure_can("can_send", self.env._("sent"))
        self._action_mark_sent()
        return True

    def _action_mark_sent(self):
        self._write_claim_state("sent")
        self.activity_feedback(["warranty_sales.mail_activity_type_claim_send"])

    def action_send_by_email(self):
        """Open the mail composer with the claim PDF for the payer; sending the
        mail marks the claim sent."""
        self.ensure_one()
        # sending changes the claim: refused before the composer opens
        self.check_access("write")
        template = self.env.ref(
            "warranty_sales.mail_template_warranty_claim", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_layout",
                "force_email": True,
                "warranty_mark_claim_sent": True,
            },
        }

    def _mail_get_partner_fields(self, introspect_fields=False):
        # the claim is addressed to its payer
        return ["payer_id"]

    def message_post(self, **kwargs):
        # The composer of Send by Email asks for the Send button's work: the
        # button itself runs, with all its checks (write right, draft claims).
        drafts = self.filtered(lambda claim: claim.state == "draft")
        if drafts and self.env.context.get("warranty_mark_claim_sent"):
            drafts.action_send()
        return super().message_post(**kwargs)

    def _write_claim_state(self, state):
        """The buttons' one way to move the state."""
        self._write_action_fields({"state": state})

    def _get_write_policy(self):
        """What the payer received or accepted is frozen once the claim left
        draft: only the internal note stays open; the buttons write the rest."""
        closed = {
            "sales_team.group_sale_salesman": self._get_open_fields(),
            "account.group_account_invoice": self._get_open_fields(),
        }
        return {
            "draft": {
                "sales_team.group_sale_salesman": ALL_FIELDS,
                "account.group_account_invoice": ALL_FIELDS,
            },
            "sent": closed,
            "settled": closed,
            "rejected": closed,
        }

    def _get_open_fields(self):
        """Fields open in every state: internal, never sent to the payer."""
        return {"note"}

    def _get_write_policy_name(self):
        self.ensure_one()
        return self.name

    def action_print(self):
        return self.env.ref("warranty_sales.warranty_claim_report_action").report_action(self)

    def action_settle(self):
        """Settle: the payer accepts the claimed amount; the claim in progress
        is cleared by an accounting entry."""
        self._ensure_can("can_settle", self.env._("settled"))
        for claim in self:
            move = self.env["account.move"].create(claim._prepare_settlement_move_vals())
            move.action_post()
            claim._write_action_fields({"settlement_move_id": move.id})
        self._write_claim_state("settled")
        return True

    def action_reject(self):
        self._ensure_can("can_reject", self.env._("rejected"))
        self._write_claim_state("rejected")
        self.activity_unlink(["warranty_sales.mail_activity_type_claim_send"])
        return True

    def action_reset_draft(self):
        self._ensure_can("can_reset", self.env._("reset to draft"))
        self._write_claim_state("draft")
        return True

    # ------------------------------------------------------------------ returns
    def _warranty_get_amendable_claim(self):
        """Claim receiving the credit lines of returned parts: the claim itself
        while the payer has not received it (draft, or rejected and not paid),
        else its draft credit claim, created when needed."""
        self.ensure_one()
        if self.state in ("draft", "rejected"):
            return self
        credit = self.credit_claim_ids.filtered(lambda claim: claim.state == "draft")[:1]
        if credit:
            return credit
        credit = self.create(self._prepare_credit_claim_vals())
        credit.activity_schedule(
            "warranty_sales.mail_activity_type_claim_send",
            user_id=self.sale_order_id.user_id.id or self.env.uid,
        )
        return credit

    def _prepare_credit_claim_vals(self):
        self.ensure_one()
        return {
            "origin_claim_id": self.id,
            "equipment_id": self.equipment_id.id,
            "payer_id": self.payer_id.id,
            "pricelist_id": self.pricelist_id.id,
            "warranty_id": self.warranty_id.id,
            "sale_order_id": self.sale_order_id.id,
            "company_id": self.company_id.id,
        }

    def _warranty_notify_returned_parts(self, claim, pickings):
        """Say in the chatter of both claims which return changed them."""
        self.ensure_one()
        returns = ", ".join(pickings.mapped("name"))
        if self == claim:
            body = self.env._("Parts returned by %(returns)s credited.", returns=returns)
        else:
            body = self.env._(
                "Credit claim for the parts of %(claim)s returned by %(returns)s.",
                claim=claim.name,
                returns=returns,
            )
            claim.message_post(
                body=self.env._(
                    "Parts returned by %(returns)s credited in %(credit)s.",
                    returns=returns,
                    credit=self.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ accounting
    def _prepare_settlement_move_vals(self):
        """Settlement entry: the payer owes the claimed amount, the claim in
        progress (the cost) is cleared, the difference goes to the charge account."""
        self.ensure_one()
        company = self.company_id
        journal = company._get_warranty_claim_journal()
        in_progress = company._get_warranty_claim_in_progress_account()
        charge = company._get_warranty_claim_charge_account()
        receivable = self.payer_id.with_company(company).property_account_receivable_id
        self._check_settlement_accounts(journal, in_progress, charge, receivable)
        label = self.env._("Warranty claim %(claim)s settled", claim=self.name)
        lines = [
            Command.create(
                {
                    "name": label,
                    "account_id": receivable.id,
                    "partner_id": self.payer_id.id,
                    # a credit claim (returned parts) has negative amounts
                    "debit": max(self.amount_claimed, 0.0),
                    "credit": max(-self.amount_claimed, 0.0),
                }
            ),
            Command.create(
                {
                    "name": label,
                    "account_id": in_progress.id,
                    "partner_id": self.payer_id.id,
                    "debit": max(-self.amount_cost, 0.0),
                    "credit": max(self.amount_cost, 0.0),
                }
            ),
        ]
        difference = self.currency_id.round(self.amount_claimed - self.amount_cost)
        if not self.currency_id.is_zero(difference):
            lines.append(
                Command.create(
                    {
                        "name": label,
                        "account_id": charge.id,
                        "partner_id": self.payer_id.id,
                        "debit": -difference if difference < 0 else 0.0,
                        "credit": difference if difference > 0 else 0.0,
                    }
                )
            )
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "date": fields.Date.context_today(self),
            "ref": label,
            "line_ids": lines,
        }

    def _check_settlement_accounts(self, journal, in_progress, charge, receivable):
        missing = [
            label
            for label, record in (
                (self.env._("warranty claim journal"), journal),
                (self.env._("claims in progress account"), in_progress),
                (self.env._("internal claim charge account"), charge),
                (self.env._("receivable account of the payer"), receivable),
            )
            if not record
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Claim %(claim)s (%(amount)s) cannot be settled: set the %(missing)s in "
                    "the Warranty settings.",
                    claim=self.name,
                    amount=self.amount_claimed,
                    missing=", ".join(missing),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settled(self):
        settled = self.filtered(lambda claim: claim.state == "settled")
        if settled:
            raise UserError(
                self.env._(
                    "Settled claims %(claims)s cannot be deleted.",
                    claims=", ".join(settled.mapped("name")),
                )
            )
