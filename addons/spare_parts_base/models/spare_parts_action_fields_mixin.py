# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class SparePartsActionFieldsMixin(models.AbstractModel):
    """State-like fields (states, approvals, done dates) change only through the
    document's action methods, which check who may press them first. A client
    writing them directly (RPC, import, a customised view) is refused whatever
    its role, so no rule can be skipped by sending the end state."""

    _name = "spare.parts.action.fields.mixin"
    _description = "Fields Changed Only by Actions"

    def _get_action_fields(self):
        """Names of the fields only action methods may write."""
        return {"state"}

    @api.model_create_multi
    def create(self, vals_list):
        names = {name for vals in vals_list for name in vals}
        names |= {key[8:] for key in self.env.context if key.startswith("default_")}
        self._check_action_fields(names)
        return super().create(vals_list)

    def write(self, vals):
        self._check_action_fields(vals)
        return super().write(vals)

    def _check_action_fields(self, names):
        if self.env.su:
            return
        guarded = sorted(set(names) & self._get_action_fields())
        if guarded:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(document)s change only through the document's "
                    "buttons, which check the role allowed to press them; they cannot be "
                    "written directly.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in guarded
                    ),
                    document=self._description,
                )
            )

    def _write_action_fields(self, vals):
        """Write action fields once the calling action checked the user's role:
        the user must still be allowed to change the records themselves; the
        write then runs as superuser, keeping the user as author of the change."""
        self.check_access("write")
        return self.sudo().write(vals)
