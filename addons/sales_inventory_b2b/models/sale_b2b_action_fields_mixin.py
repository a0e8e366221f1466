# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.document_write_policy.models.document_write_policy_mixin import ALL_FIELDS

__all__ = ["ALL_FIELDS", "ORDER_ADMIN_GROUP", "SALES_GROUP", "SHIPPING_GROUP"]

SALES_GROUP = "sales_inventory_b2b.group_b2b_salesperson"
SHIPPING_GROUP = "sales_inventory_b2b.group_b2b_shipping"
# Implies both roles above.
ORDER_ADMIN_GROUP = "sales_inventory_b2b.group_b2b_order_admin"


class SaleB2bActionFieldsMixin(models.AbstractModel):
    """States of B2B documents move only through their buttons (confirm, send,
    register fulfilment, receive...), which check the role allowed to press
    them; a client sending the end state directly is refused. Each document
    and its lines declare what each role may write in each state
    (``document.write.policy.mixin``)."""

    _name = "sale.b2b.action.fields.mixin"
    _inherit = ["document.write.policy.mixin"]
    _description = "B2B Fields Changed Only by Actions"
    _b2b_action_fields = ("state",)

    def _get_action_fields(self):
        return set(self._b2b_action_fields)

    def _get_action_fields_error(self, guarded):
        return self.env._(
            "%(document)s: %(fields)s change only through the document's buttons.",
            document=self._description,
            fields=", ".join(self._fields[n].string for n in guarded),
        )

    def _b2b_write_action(self, vals):
        """As the system once the button checked the user's role and his right
        to change these records (the user stays the author of the change)."""
        return self._write_action_fields(vals)
