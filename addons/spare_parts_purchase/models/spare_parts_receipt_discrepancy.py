# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

DISCREPANCY_STATES = [
    ("open", "To Replace"),
    ("replaced", "Replacement Ordered"),
    ("closed", "Closed"),
]


class SparePartsReceiptDiscrepancy(models.Model):
    """SP-27: items that arrived damaged (or missing, or wrong) on a receipt.
    Recording one notifies purchasing with an activity; purchasing raises the
    replacement order from it."""

    _name = "spare.parts.receipt.discrepancy"
    _description = "Receipt Discrepancy"
    _inherit = ["mail.thread", "mail.activity.mixin", "spare.parts.action.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, copy=False, default="/")
    state = fields.Selection(
        DISCREPANCY_STATES,
        default="open",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Receipt",
        required=True,
        index=True,
        check_company=True,
        domain="[('picking_type_code', '=', 'incoming')]",
    )
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    purchase_id = fields.Many2one(
        related="picking_id.purchase_id",
        store=True,
        index="btree_not_null",
        string="Purchase Order",
    )
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Vendor")
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        domain="[('id', 'in', allowed_product_ids)]",
    )
    allowed_product_ids = fields.Many2many(
        "product.product", compute="_compute_allowed_product_ids"
    )
    kind = fields.Selection(
        [("damaged", "Damaged"), ("missing", "Missing"), ("wrong", "Wrong Item")],
        default="damaged",
        required=True,
        tracking=True,
    )
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True, tracking=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    note = fields.Text(string="What Was Found")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "spare_parts_receipt_discrepancy_attachment_rel",
        "discrepancy_id",
        "attachment_id",
        string="Photos",
    )
    purchaser_id = fields.Many2one(
        "res.users",
        string="Purchasing",
        compute="_compute_purchaser_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Notified to raise the replacement order; the buyer of the purchase order.",
    )
    replacement_purchase_id = fields.Many2one(
        "purchase.order", string="Replacement Order", readonly=True, copy=False
    )

    @api.depends("picking_id")
    def _compute_allowed_product_ids(self):
        for discrepancy in self:
            discrepancy.allowed_product_ids = discrepancy.picking_id.move_ids.product_id

    @api.depends("picking_id.purchase_id")
    def _compute_purchaser_id(self):
        for discrepancy in self:
            if not discrepancy.purchaser_id:
                discrepancy.purchaser_id = discrepancy._get_purchasing_user()

    def _get_purchasing_user(self):
        self.ensure_one()
        return self.picking_id.purchase_id.user_id or self.env.user

    @api.constrains("quantity", "product_id", "picking_id")
    def _check_quantity(self):
        for discrepancy in self:
            moves = discrepancy.picking_id.move_ids.filtered(
                lambda m, d=discrepancy: m.product_id == d.product_id
            )
            expected = sum(moves.mapped("product_uom_qty"))
            if discrepancy.quantity <= 0 or discrepancy.quantity > expected:
                raise ValidationError(
                    self.env._(
                        "Receipt %(picking)s: a discrepancy of %(qty)s %(uom)s of %(part)s is "
                        "not possible; between 0 and the %(expected)s %(uom)s ordered.",
                        picking=discrepancy.picking_id.name,
                        qty=discrepancy.quantity,
                        uom=discrepancy.uom_id.name,
                        part=discrepancy.product_id.display_name,
                        expected=expected,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("spare.parts.receipt.discrepancy") or "/"
        discrepancies = super().create(vals_list)
        discrepancies._notify_purchasing()
        return discrepancies

    def _get_label(self):
        self.ensure_one()
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        return f"{self.quantity:g} {self.uom_id.name} {self.product_id.display_name} ({kind})"

    def _notify_purchasing(self):
        """Tell purchasing: an activity to raise the replacement order, and a
        note on the receipt and the purchase order."""
        for discrepancy in self:
            discrepancy.activity_schedule(
                "spare_parts_purchase.mail_activity_type_replacement_order",
                summary=self.env._(
                    "Raise a replacement order for %(items)s", items=discrepancy._get_label()
                ),
                note=discrepancy.note,
                user_id=discrepancy.purchaser_id.id,
            )
            body = self.env._(
                "Discrepancy %(name)s on receipt %(picking)s: %(items)s.",
                name=discrepancy.name,
                picking=discrepancy.picking_id.name,
                items=discrepancy._get_label(),
            )
            discrepancy.picking_id.message_post(body=body, subtype_xmlid="mail.mt_note")
            if discrepancy.purchase_id:
                # Whoever receives the parts may lack purchase rights; the note
                # only informs the order's followers and keeps the real author.
                discrepancy.purchase_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------ actions
    def _ensure_open(self, action):
        wrong = self.filtered(lambda d: d.state != "open")
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s: discrepancy %(names)s is no longer open.",
                    action=action,
                    names=", ".join(wrong.mapped("name")),
                )
            )

    def action_create_replacement_order(self):
        """Purchasing: raise the replacement order for the damaged items, from
        the same vendor, at the price of the original order."""
        self._ensure_open(self.env._("Raising a replacement order"))
        no_vendor = self.filtered(lambda d: not d.partner_id)
        if no_vendor:
            raise UserError(
                self.env._(
                    "Discrepancy %(names)s: the receipt has no vendor to order the "
                    "replacement from.",
                    names=", ".join(no_vendor.mapped("name")),
                )
            )
        orders = self.env["purchase.order"]
        for discrepancy in self:
            order = self.env["purchase.order"].create(discrepancy._prepare_replacement_order_vals())
            discrepancy._write_action_fields(
                {"replacement_purchase_id": order.id, "state": "replaced"}
            )
            discrepancy.activity_feedback(
                ["spare_parts_purchase.mail_activity_type_replacement_order"],
                feedback=self.env._("Replacement order %(order)s raised.", order=order.name),
            )
            discrepancy.message_post(
                body=self.env._("Replacement order %(order)s raised.", order=order.name),
                subtype_xmlid="mail.mt_note",
            )
            orders |= order
        if len(orders) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "purchase.order",
                "res_id": orders.id,
                "view_mode": "form",
            }
        return True

    def _get_original_order_line(self):
        self.ensure_one()
        return self.purchase_id.order_line.filtered(
            lambda line: line.product_id == self.product_id
        )[:1]

    def _prepare_replacement_order_vals(self):
        self.ensure_one()
        vals = {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "origin": f"{self.name} ({self.picking_id.name})",
            "spare_parts_replaced_discrepancy_id": self.id,
            "order_line": [Command.create(self._prepare_replacement_line_vals())],
        }
        if self.purchase_id:
            vals["picking_type_id"] = self.purchase_id.picking_type_id.id
            vals["user_id"] = self.purchase_id.user_id.id
        return vals

    def _prepare_replacement_line_vals(self):
        self.ensure_one()
        original = self._get_original_order_line()
        vals = {"product_id": self.product_id.id, "product_qty": self.quantity}
        if original:
            vals["price_unit"] = original.price_unit
        return vals

    def _get_action_fields(self):
        """Reopening a replaced discrepancy would raise a second replacement."""
        return super()._get_action_fields() | {"replacement_purchase_id"}

    def action_close(self):
        """Close without a replacement (credit from the vendor, accepted as is)."""
        self._ensure_open(self.env._("Closing"))
        self._write_action_fields({"state": "closed"})
        self.activity_unlink(["spare_parts_purchase.mail_activity_type_replacement_order"])
        return True
