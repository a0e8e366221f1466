# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SparePartsTransferLine(models.Model):
    _name = "spare.parts.transfer.line"
    _description = "Engineer Transfer Line"
    _inherit = ["spare.parts.document.line.mixin"]

    document_id = fields.Many2one(
        "spare.parts.transfer", string="Transfer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    move_ids = fields.One2many("stock.move", "spare_parts_transfer_line_id", string="Moves")
