# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class WarrantyActionFieldsMixin(models.AbstractModel):
    """A claim is sent, settled, rejected or reset only by its buttons (the
    accounting entries and the payer's e-mail follow them); writing its state
    directly is refused for every role."""

    _name = "warranty.action.fields.mixin"
    _description = "Warranty Fields Changed Only by Actions"
    _warranty_action_fields = frozenset({"state"})

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ensure_no_action_field(vals)
        self._ensure_no_action_field(
            {key[len("default_") :] for key in self.env.context if key.startswith("default_")}
        )
        return super().create(vals_list)

    def write(self, vals):
        self._ensure_no_action_field(vals)
        return super().write(vals)

    def _ensure_no_action_field(self, names):
        if self.env.su or not self._warranty_action_fields.intersection(names):
            return
        raise AccessError(
            self.env._(
                "The state of %(document)s changes only through its buttons (Send, Settle, "
                "Reject, Reset to Draft).",
                document=self._description,
            )
        )
