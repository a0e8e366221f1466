# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.document_write_policy.models.document_write_policy_mixin import (
    ALL_FIELDS,
    CHATTER_PREFIXES,
)

__all__ = ["ADMIN_GROUP", "ALL_FIELDS", "CHATTER_PREFIXES", "ENGINEER_GROUP"]

ENGINEER_GROUP = "spare_parts_base.group_spare_parts_engineer"
ADMIN_GROUP = "spare_parts_base.group_spare_parts_admin"


class SparePartsActionFieldsMixin(models.AbstractModel):
    """The spare parts documents' write policy (``document.write.policy.mixin``):
    states, approvals and done dates change only through their buttons, and
    each document says which fields the Service Engineer and the Spare Parts
    Administrator may write in each of its states."""

    _name = "spare.parts.action.fields.mixin"
    _inherit = ["document.write.policy.mixin"]
    _description = "Spare Parts Document Write Policy"
