# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class SaleB2bActionFieldsMixin(models.AbstractModel):
    """States of B2B documents move only through their buttons (confirm, send,
    register fulfilment, receive...), which check the role allowed to press
    them; a client sending the end state directly is refused."""

    _name = "sale.b2b.action.fields.mixin"
    _description = "B2B Fields Changed Only by Actions"
    _b2b_action_fields = ("state",)

    @api.model_create_multi
    def create(self, vals_list):
        sent = {name for vals in vals_list for name in vals}
        sent |= {key.removeprefix("default_") for key in self.env.context if key[:8] == "default_"}
        self._check_b2b_action_fields(sent)
        return super().create(vals_list)

    def write(self, vals):
        self._check_b2b_action_fields(vals)
        return super().write(vals)

    def _check_b2b_action_fields(self, names):
        guarded = [name for name in self._b2b_action_fields if name in names]
        if guarded and not self.env.su:
            raise AccessError(
                self.env._(
                    "%(document)s: %(fields)s change only through the document's buttons.",
                    document=self._description,
                    fields=", ".join(self._fields[n].string for n in guarded),
                )
            )

    def _b2b_write_action(self, vals):
        """As the system once the button checked the user's role and his right
        to change these records (the user stays the author of the change)."""
        self.check_access("write")
        return self.sudo().write(vals)
