# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SparePartsReturnLine(models.Model):
    _name = "spare.parts.return.line"
    _description = "Spare Parts Return Line"
    _inherit = ["spare.parts.document.line.mixin"]

    document_id = fields.Many2one(
        "spare.parts.return", string="Return", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    reason = fields.Char()
    is_warranty_core = fields.Boolean(
        string="Warranty Core",
        help="A defective part under warranty that goes back to its supplier (SP-23).",
    )
    core_vendor_id = fields.Many2one("res.partner", string="Core Supplier")

    def _label(self):
        self.ensure_one()
        return f"{self.quantity:g} {self.uom_id.name} {self.product_id.display_name}"
