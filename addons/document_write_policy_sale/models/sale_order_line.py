# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError

from odoo.addons.document_write_policy.models.document_write_policy_mixin import changed_fields

# Who changes an order line: sales people, and invoicing users (Odoo's own
# rights); inventory users only read them (their deliveries update the
# delivered quantities as the system).
LINE_EDITOR_GROUPS = ("sales_team.group_sale_salesman", "account.group_account_invoice")
# What Odoo's inventory flows write as the inventory user: a repair quoted on
# an order updates the quantities and prices of its parts' lines.
INVENTORY_FLOW_FIELDS = frozenset({"product_uom_qty", "price_unit", "technical_price_unit"})
# What a line is, set when it is created by Odoo's code: which order it is on,
# the deliveries made for it, a down payment or expense line, and the lines
# linked to it.
STRUCTURAL_FIELDS = frozenset(
    {
        "order_id",
        "move_ids",
        "is_downpayment",
        "is_expense",
        "linked_line_ids",
        "linked_virtual_id",
    }
)


class SaleOrderLine(models.Model):
    """Order lines are written by those who sell and invoice, and what a line
    is never changes once created: a client cannot move a line to another
    order, detach its deliveries, turn it into a down payment or link it to a
    line of another order. Odoo's own code (as the system) is not checked."""

    _inherit = "sale.order.line"

    def _get_structural_fields(self):
        return STRUCTURAL_FIELDS

    def _check_user_write(self, vals):
        if self.env.su or not self:
            return
        user = self.env.user
        if not any(user.has_group(group) for group in LINE_EDITOR_GROUPS) and not (
            self._is_inventory_flow_write(vals)
        ):
            raise AccessError(
                self.env._(
                    "%(user)s may read sales order lines but not change them: only sales "
                    "people and invoicing users do.",
                    user=user.name,
                )
            )
        changed = changed_fields(self, vals, self._get_structural_fields())
        if changed:
            raise AccessError(
                self.env._(
                    "%(fields)s of sales order lines %(lines)s are set when the line is "
                    "created and cannot be changed.",
                    fields=", ".join(
                        self._fields[n]._description_string(self.env) for n in changed
                    ),
                    lines=", ".join(self.mapped("display_name")),
                )
            )
        if vals.get("linked_line_id"):
            self._check_linked_line(vals["linked_line_id"])

    def _is_inventory_flow_write(self, vals):
        """Whether an inventory user's write is one Odoo's inventory flows make
        (the parts of a repair quoted on the order)."""
        return set(vals) <= INVENTORY_FLOW_FIELDS and all(line._is_repair_line() for line in self)

    def _is_repair_line(self):
        self.ensure_one()
        order = self.sudo().order_id
        return "repair_order_ids" in order._fields and bool(order.repair_order_ids)

    def _check_linked_line(self, linked_line_id):
        linked = self.browse(linked_line_id)
        foreign = self.filtered(lambda line: line.order_id != linked.order_id)
        if foreign:
            raise AccessError(
                self.env._(
                    "Sales order lines %(lines)s can only be linked to a line of their own order.",
                    lines=", ".join(foreign.mapped("display_name")),
                )
            )

    def write(self, vals):
        self._check_user_write(vals)
        return super().write(vals)
