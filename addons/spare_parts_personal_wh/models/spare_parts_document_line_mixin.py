# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsDocumentLineMixin(models.AbstractModel):
    """Product, quantity, unit and serials of a request, return or transfer line.
    Concrete lines add ``document_id`` and its ``company_id``."""

    _name = "spare.parts.document.line.mixin"
    _description = "Spare Parts Document Line"
    _order = "document_id, id"
    _check_company_auto = True

    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        check_company=True,
        domain="[('type', '=', 'consu')]",
    )
    tracking = fields.Selection(related="product_id.tracking")
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_ids = fields.Many2many(
        "stock.lot",
        string="Serial Numbers",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )

    def _get_serials_missing(self):
        """Serial-tracked lines whose serial numbers are not entered yet."""
        return self.filtered(lambda line: line.tracking == "serial" and not line.lot_ids)

    @api.constrains("quantity", "lot_ids", "product_id")
    def _check_quantity_and_lots(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "%(document)s: the quantity of %(part)s must be positive, not %(qty)s.",
                        document=line.document_id.name,
                        part=line.product_id.display_name,
                        qty=line.quantity,
                    )
                )
            wrong = line.lot_ids.filtered(lambda lot, line=line: lot.product_id != line.product_id)
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(document)s: serial numbers %(lots)s do not belong to %(part)s.",
                        document=line.document_id.name,
                        lots=", ".join(wrong.mapped("name")),
                        part=line.product_id.display_name,
                    )
                )
            if line.tracking == "serial" and line.lot_ids and len(line.lot_ids) != line.quantity:
                raise ValidationError(
                    self.env._(
                        "%(document)s: %(count)s serial numbers given for %(qty)s units of "
                        "%(part)s.",
                        document=line.document_id.name,
                        count=len(line.lot_ids),
                        qty=line.quantity,
                        part=line.product_id.display_name,
                    )
                )

    def _get_earmark_ticket(self):
        """The work order the moved parts are earmarked for (SP-08)."""
        return self.env["helpdesk.ticket"]

    def _moves(self):
        return self.env["stock.move"].search([(self.document_id._line_move_field, "in", self.ids)])
