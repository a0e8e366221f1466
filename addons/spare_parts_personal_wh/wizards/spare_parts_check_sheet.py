# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SparePartsCheckSheet(models.TransientModel):
    """Start an inventory count of a spare parts or personal warehouse with Odoo's
    physical inventory (SP-18). The product source of the company decides what
    may be counted: any product, or only products with stock there."""

    _name = "spare.parts.check.sheet"
    _description = "Spare Parts Inventory Check Sheet"

    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        domain="[('usage', '=', 'internal'), '|', ('spare_parts_owner_id', '!=', False), "
        "('warehouse_id.is_spare_parts_warehouse', '=', True)]",
    )
    product_source = fields.Selection(related="company_id.spare_parts_check_sheet_source")
    product_ids = fields.Many2many(
        "product.product",
        string="Products to Count",
        domain="[('is_storable', '=', True)]",
        help="Empty: every product with stock in the location.",
    )

    def _get_products_in_stock(self):
        self.ensure_one()
        return (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [("location_id", "=", self.location_id.id), ("quantity", "!=", 0)],
                [],
                ["product_id:recordset"],
            )[0][0]
        )

    def _check_products(self, products):
        self.ensure_one()
        if self.product_source != "inventory":
            return
        outside = products - self._get_products_in_stock()
        if outside:
            raise UserError(
                self.env._(
                    "The check sheet's product source is Inventory: only products with "
                    "stock in %(location)s can be counted, not %(products)s.",
                    location=self.location_id.display_name,
                    products=", ".join(outside.mapped("display_name")),
                )
            )

    def action_start_count(self):
        self.ensure_one()
        self.company_id._check_spare_parts_mode("standard", self.env._("Inventory check sheets"))
        products = self.product_ids or self._get_products_in_stock()
        self._check_products(products)
        quants = self.env["stock.quant"].sudo().with_context(inventory_mode=True)
        existing = quants.search(
            [("location_id", "=", self.location_id.id), ("product_id", "in", products.ids)]
        )
        missing = products - existing.product_id
        created = quants.create(
            [
                {"location_id": self.location_id.id, "product_id": p.id, "inventory_quantity": 0}
                for p in missing.filtered(lambda p: p.tracking == "none")
            ]
        )
        (existing | created).action_set_inventory_quantity_zero()
        (existing | created).write({"inventory_quantity_set": True})
        action = self.env["stock.quant"].action_view_inventory()
        action["domain"] = [
            ("location_id", "=", self.location_id.id),
            ("inventory_quantity_set", "=", True),
        ]
        return action
