# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

CATALOGUE_REQUEST_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("done", "Part Added"),
    ("rejected", "Rejected"),
]


class SparePartsCatalogueRequest(models.Model):
    """SP-26: an engineer asks the inventory coordinator to add a part that is
    not in the catalogue. The request carries what the work order line needs
    (quantity, cost, fee, reason, urgency); creating the product completes that
    line on the work order."""

    _name = "spare.parts.catalogue.request"
    _description = "Catalogue Part Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "spare.parts.action.fields.mixin",
        "spare.parts.entry.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True, tracking=True)
    state = fields.Selection(
        CATALOGUE_REQUEST_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested By", default=lambda self: self.env.user, readonly=True
    )
    coordinator_id = fields.Many2one(
        "res.users",
        string="Inventory Coordinator",
        compute="_compute_coordinator_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    vendor_id = fields.Many2one("res.partner", string="Vendor", check_company=True)
    vendor_ref = fields.Char(string="Vendor Reference", help="The vendor's product code.")
    default_code = fields.Char(string="Internal Reference (SKU)")
    reason = fields.Text(string="Why Needed", required=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Work Order", index="btree_not_null", check_company=True
    )
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    urgency = fields.Selection(default="0")
    product_id = fields.Many2one(
        "product.product", string="Catalogue Part", readonly=True, copy=False
    )
    line_id = fields.Many2one(
        "spare.parts.line", string="Work Order Line", readonly=True, copy=False
    )
    rejection_reason = fields.Text(readonly=True, copy=False)

    @api.depends("company_id")
    def _compute_coordinator_id(self):
        for request in self:
            if not request.coordinator_id:
                request.coordinator_id = request.company_id.spare_parts_coordinator_id

    # ------------------------------------------------------------ helpers
    def _get_action_fields(self):
        return super()._get_action_fields() | {"product_id", "line_id"}

    def _ensure_state(self, states, action):
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            labels = dict(CATALOGUE_REQUEST_STATES)
            raise UserError(
                self.env._(
                    "%(action)s is not possible for catalogue request %(requests)s in state "
                    "%(state)s.",
                    action=action,
                    requests=", ".join(wrong.mapped("name")),
                    state=labels[wrong[0].state],
                )
            )

    # ------------------------------------------------------------ actions
    def action_submit(self):
        """Engineer: send the request to the inventory coordinator."""
        self._ensure_state(["draft"], self.env._("Submitting"))
        missing = self.filtered(lambda r: not r.coordinator_id)
        if missing:
            raise UserError(
                self.env._(
                    "Catalogue request %(requests)s has no inventory coordinator; choose one "
                    "or set the coordinator in the Spare Parts settings.",
                    requests=", ".join(missing.mapped("name")),
                )
            )
        self._write_action_fields({"state": "submitted"})
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Add %(part)s to the catalogue", part=request.name),
                note=request.reason,
                user_id=request.coordinator_id.id,
            )
            if request.ticket_id:
                request.ticket_id.message_post(
                    body=self.env._(
                        "New catalogue part requested: %(part)s (%(qty)s), %(reason)s",
                        part=request.name,
                        qty=f"{request.quantity:g}",
                        reason=request.reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_create_product(self):
        """Coordinator: create the part from the request in one click and
        complete the work order line with it."""
        self._ensure_state(["submitted"], self.env._("Adding the part"))
        if not self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            raise AccessError(
                self.env._(
                    "Only a spare parts administrator can add catalogue request %(requests)s "
                    "to the catalogue.",
                    requests=", ".join(self.mapped("name")),
                )
            )
        for request in self:
            # The coordinator role adds parts to the catalogue without being a
            # product manager: only this one product is created with sudo.
            product = (
                self.env["product.product"].sudo().create(request._prepare_product_vals())
            ).sudo(False)
            request._write_action_fields({"product_id": product.id, "state": "done"})
            if request.ticket_id:
                # The line carries the request it completes, an action field.
                line = (
                    self.env["spare.parts.line"].sudo().create(request._prepare_line_vals())
                ).sudo(False)
                request._write_action_fields({"line_id": line.id})
                line.action_submit_entry()
            request.activity_feedback(
                ["mail.mail_activity_data_todo"],
                feedback=self.env._("Part %(part)s added.", part=product.display_name),
            )
        return True

    def action_reject(self):
        self._ensure_state(["draft", "submitted"], self.env._("Rejecting"))
        self._write_action_fields({"state": "rejected"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _prepare_product_vals(self):
        self.ensure_one()
        vals = {
            "name": self.name,
            "default_code": self.default_code or False,
            "type": "consu",
            "is_storable": True,
            "spare_parts_is_part": True,
            "standard_price": self.unit_cost,
            "company_id": False,
        }
        if self.vendor_id:
            vals["seller_ids"] = [Command.create(self._prepare_supplierinfo_vals())]
        return vals

    def _prepare_supplierinfo_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.vendor_id.id,
            "product_code": self.vendor_ref or False,
            "price": self.unit_cost,
        }

    def _get_entry_reason(self):
        return self.reason

    def _prepare_line_vals(self):
        return dict(super()._prepare_line_vals(), catalogue_request_id=self.id)

    def action_open_product(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.product",
            "res_id": self.product_id.id,
            "view_mode": "form",
        }
