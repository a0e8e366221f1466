# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsRefurbishLine(models.Model):
    """A part the refurbishment of a spare part uses (its refurbishment kit)."""

    _name = "spare.parts.refurbish.line"
    _description = "Refurbishment Part"
    _order = "product_tmpl_id, id"

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Refurbished Part",
        required=True,
        ondelete="cascade",
        index=True,
    )
    part_id = fields.Many2one("product.product", string="Uses Part", required=True)
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Refurbishing %(part)s uses a positive quantity of %(used)s, not %(qty)s.",
                        part=line.product_tmpl_id.display_name,
                        used=line.part_id.display_name,
                        qty=line.quantity,
                    )
                )
