# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    warranty_claim_ids = fields.One2many(
        "warranty.claim", "sale_order_id", string="Warranty Claims", readonly=True
    )
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")
    warranty_has_equipment = fields.Boolean(compute="_compute_warranty_has_equipment")

    @api.depends("warranty_claim_ids")
    def _compute_warranty_claim_count(self):
        for order in self:
            order.warranty_claim_count = len(order.warranty_claim_ids)

    @api.depends("order_line.warranty_equipment_id")
    def _compute_warranty_has_equipment(self):
        for order in self:
            order.warranty_has_equipment = bool(order.order_line.warranty_equipment_id)

    @api.onchange("date_order")
    def _onchange_warranty_date_order(self):
        """The entitlement depends on the order date: follow it in the form."""
        self.order_line._warranty_apply_entitlement_in_form()

    def write(self, vals):
        confirmed = self.browse()
        if "date_order" in vals:
            confirmed = self.filtered(lambda order: order.state == "sale")
        res = super().write(vals)
        if confirmed:
            # the entitlement follows the order date: computed again, never kept
            confirmed.order_line._warranty_check_entitlement()
        return res

    def _action_confirm(self):
        # The entitlement check is part of confirming the lines: date_order is
        # the confirmation date here.
        self.order_line._warranty_check_entitlement()
        return super()._action_confirm()

    def action_warranty_check(self):
        """Run the entitlement check on a quotation, e.g. to apply goodwill or
        print the warranty on the quotation before confirmation."""
        self.env["sale.order.line"]._warranty_ensure_sales_rights(self)
        self.order_line._warranty_check_entitlement()
        return True

    def _warranty_notify_goodwill(self, lines):
        """Tell the salesperson which lines qualify for goodwill."""
        for order in self:
            order_lines = lines.filtered(lambda line, order=order: line.order_id == order)
            if not order_lines:
                continue
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (line.product_id.display_name, line.warranty_message)
                for line in order_lines
            )
            order.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("Lines qualified for goodwill:"), items),
                subtype_xmlid="mail.mt_note",
            )

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "warranty_sales.warranty_claim_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        if len(self.warranty_claim_ids) == 1:
            action.update(
                view_mode="form", views=[(False, "form")], res_id=self.warranty_claim_ids.id
            )
        return action
