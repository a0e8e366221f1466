# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sale_b2b_action_fields_mixin import ORDER_ADMIN_GROUP


class SaleB2bReservation(models.Model):
    """Inventory frozen for an order line in a warehouse at submission (SI-17).

    The part of it not yet reserved or delivered by the line's own stock moves
    is subtracted from what other orders may take."""

    _name = "sale.b2b.reservation"
    _description = "B2B Frozen Inventory"
    _inherit = ["mail.thread", "sale.b2b.action.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, readonly=True
    )
    order_line_id = fields.Many2one(
        "sale.order.line", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    user_id = fields.Many2one(related="order_id.user_id", store=True, string="Salesperson")
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, check_company=True
    )
    quantity = fields.Float(
        string="Frozen Quantity", digits="Product Unit", readonly=True, tracking=True
    )
    state = fields.Selection(
        [("active", "Active"), ("released", "Released")],
        default="active",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )

    _quantity_positive = models.Constraint(
        "CHECK(quantity >= 0)", "A frozen quantity cannot be negative."
    )

    def _get_write_policy(self):
        """Frozen inventory is made by order confirmation; its quantity
        changes only through Adjust and Release (order administrators)."""
        return {"active": {ORDER_ADMIN_GROUP: set()}, "released": {ORDER_ADMIN_GROUP: set()}}

    @api.depends("order_id.name", "product_id", "warehouse_id")
    def _compute_display_name(self):
        for reservation in self:
            reservation.display_name = (
                f"{reservation.order_id.name} / {reservation.product_id.display_name}"
                f" / {reservation.warehouse_id.code}"
            )

    def _check_can_manage(self):
        if not self.env.su and not self.env.user.has_group(ORDER_ADMIN_GROUP):
            raise AccessError(
                self.env._(
                    "Only order administrators may adjust or release frozen inventory "
                    "(%(reservations)s).",
                    reservations=", ".join(self.mapped("display_name")),
                )
            )

    def _check_active(self):
        released = self.filtered(lambda r: r.state != "active")
        if released:
            raise UserError(
                self.env._(
                    "Frozen inventory %(reservations)s is already released.",
                    reservations=", ".join(released.mapped("display_name")),
                )
            )

    def _action_adjust(self, quantity, reason):
        """Set the frozen quantity, with the reason in the chatter."""
        self._check_can_manage()
        self._check_active()
        if quantity < 0:
            raise ValidationError(
                self.env._(
                    "Frozen quantity of %(reservation)s cannot be set to %(qty)s: it "
                    "cannot be negative.",
                    reservation=self.display_name,
                    qty=quantity,
                )
            )
        for reservation in self:
            old = reservation.quantity
            reservation._b2b_write_action({"quantity": quantity})
            reservation.message_post(
                body=self.env._(
                    "Frozen quantity adjusted from %(old)s to %(new)s %(uom)s by "
                    "%(user)s. Reason: %(reason)s",
                    old=old,
                    new=quantity,
                    uom=reservation.product_uom_id.name,
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_release(self):
        self._check_can_manage()
        self._check_active()
        return self._action_release(self.env._("Released by %(user)s.", user=self.env.user.name))

    def _action_release(self, reason):
        active = self.filtered(lambda r: r.state == "active")
        active._b2b_write_action({"state": "released"})
        for reservation in active:
            reservation.message_post(body=reason, subtype_xmlid="mail.mt_note")
        return True

    def action_open_adjust_wizard(self):
        self.ensure_one()
        self._check_can_manage()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Adjust Frozen Inventory"),
            "res_model": "sale.b2b.reservation.adjust",
            "view_mode": "form",
            "target": "new",
            "context": {"default_reservation_id": self.id},
        }
