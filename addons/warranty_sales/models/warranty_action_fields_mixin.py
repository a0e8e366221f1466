# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.document_write_policy.models.document_write_policy_mixin import ALL_FIELDS

__all__ = ["ALL_FIELDS"]


class WarrantyActionFieldsMixin(models.AbstractModel):
    """The claims' write policy (``document.write.policy.mixin``): a claim is
    sent, settled, rejected or reset only by its buttons (the accounting
    entries and the payer's e-mail follow them), and what the payer received
    or accepted is frozen for every create, write and delete of a user."""

    _name = "warranty.action.fields.mixin"
    _inherit = ["document.write.policy.mixin"]
    _description = "Warranty Claim Write Policy"

    def _get_action_fields_error(self, guarded):
        return self.env._(
            "The state of %(document)s changes only through its buttons (Send, Settle, "
            "Reject, Reset to Draft).",
            document=self._description,
        )

    def _get_write_policy_reason(self):
        return self.env._(
            ": the claim is %(state)s and only its buttons (Send, Settle, Reject, Reset to "
            "Draft) change it.",
            state=self._get_write_policy_state_label(),
        )
