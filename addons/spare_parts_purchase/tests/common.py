# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon


class SparePartsPurchaseCommon(PersonalWarehouseCommon):
    """Adds to the personal warehouse fixtures (Advanced mode): the vendor
    ``vendor`` (vendor code FLT-9921 for the air filter), the buyer ``buyer``
    (purchase user) and ``_purchase()`` to confirm a purchase order received
    into the spare parts warehouse ``spw``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()
        cls.buyer = cls._new_user("sp_buyer", "purchase.group_purchase_user,stock.group_stock_user")
        cls.vendor = cls.env["res.partner"].create({"name": "Filtra BV", "is_company": True})
        cls.env["product.supplierinfo"].create(
            {
                "partner_id": cls.vendor.id,
                "product_tmpl_id": cls.part_plain.product_tmpl_id.id,
                "product_code": "FLT-9921",
                "price": 11.0,
            }
        )

    @classmethod
    def _purchase(cls, lines, confirm=True):
        """lines: [(product, quantity, price)]"""
        order = cls.env["purchase.order"].create(
            {
                "partner_id": cls.vendor.id,
                "user_id": cls.buyer.id,
                "picking_type_id": cls.spw.in_type_id.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_qty": q, "price_unit": price})
                    for p, q, price in lines
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order
