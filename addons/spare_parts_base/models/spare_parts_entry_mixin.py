# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

URGENCY = [("0", "Normal"), ("1", "Urgent"), ("2", "Critical")]


class SparePartsEntryMixin(models.AbstractModel):
    """SP-26: what a technician enters with each part he asks for (the cost,
    the vendor's restocking fee and the urgency), shared by the work order
    line, the Add Part wizard, the catalogue request and the request line."""

    _name = "spare.parts.entry.mixin"
    _description = "Spare Parts Entry Details"

    unit_cost = fields.Float(
        digits="Product Price",
        help="Cost of one unit of the part; follows the product cost unless entered.",
    )
    restocking_fee = fields.Float(
        digits="Product Price", help="Fee charged by the vendor if the part goes back unused."
    )
    # No default here: a request line follows its request's urgency.
    urgency = fields.Selection(URGENCY)

    def _get_entry_reason(self):
        """Why the part is needed, as the technician wrote it."""
        self.ensure_one()
        return False

    def _prepare_line_vals(self):
        """The work order part line this entry becomes."""
        self.ensure_one()
        return {
            "ticket_id": self.ticket_id.id,
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "unit_cost": self.unit_cost,
            "restocking_fee": self.restocking_fee,
            "request_reason": self._get_entry_reason(),
            "urgency": self.urgency,
        }
