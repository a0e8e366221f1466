# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command

from odoo.addons.sales_inventory_b2b.tests.common import B2bCommon


class B2bKitCommon(B2bCommon):
    """A kit of two components, 2 ``comp_a`` + 1 ``comp_b`` per kit, with
    10 ``comp_a`` and 4 ``comp_b`` in warehouse A (so 4 kits): subclasses say
    how it is made (``kit_bom_type``) and name its products."""

    kit_bom_type = "phantom"
    component_names = (("Component A", "KC-A"), ("Component B", "KC-B"))
    kit_name = ("Kit", "KIT-1")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.comp_a, cls.comp_b = cls.env["product.product"].create(
            [
                {"name": name, "default_code": code, "is_storable": True}
                for name, code in cls.component_names
            ]
        )
        cls.kit = cls.env["product.product"].create(cls._prepare_kit_vals())
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.kit.product_tmpl_id.id,
                "product_qty": 1.0,
                "type": cls.kit_bom_type,
                "bom_line_ids": [
                    Command.create({"product_id": cls.comp_a.id, "product_qty": 2.0}),
                    Command.create({"product_id": cls.comp_b.id, "product_qty": 1.0}),
                ],
            }
        )
        cls.set_stock(cls.comp_a, cls.wh_a, 10)
        cls.set_stock(cls.comp_b, cls.wh_a, 4)

    @classmethod
    def _prepare_kit_vals(cls):
        name, code = cls.kit_name
        return {"name": name, "default_code": code, "type": "consu", "list_price": 500.0}
