# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    """Delivery split per warehouse (SI-19)."""

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def _create_procurements(self, product_qty, procurement_uom, values):
        """One procurement per warehouse of the allocation decided when the
        order was confirmed in consolidated mode, so each warehouse delivers
        what the check counted in it (one picking per warehouse)."""
        split = self._b2b_get_warehouse_split(product_qty, procurement_uom)
        if not split:
            return super()._create_procurements(product_qty, procurement_uom, values)
        procurements = []
        for warehouse, qty in split:
            procurements += super()._create_procurements(
                qty, procurement_uom, dict(values, warehouse_id=warehouse)
            )
        return procurements

    def _b2b_get_warehouse_split(self, product_qty, procurement_uom):
        """[(warehouse, quantity in ``procurement_uom``)], or an empty list
        when nothing was allocated for this quantity (Odoo's single
        procurement from the line's warehouse applies)."""
        self.ensure_one()
        parts = (self.env.context.get("b2b_warehouse_allocation") or {}).get(self.id)
        if not parts:
            return []
        merged = {}
        for warehouse_id, qty in parts:
            merged[warehouse_id] = merged.get(warehouse_id, 0.0) + qty
        uom = self.product_id.uom_id
        split = [
            (warehouse_id, uom._compute_quantity(qty, procurement_uom, round=False))
            for warehouse_id, qty in merged.items()
        ]
        if procurement_uom.compare(sum(qty for __, qty in split), product_qty):
            return []
        # the last part takes the rounding difference
        last_qty = product_qty - sum(qty for __, qty in split[:-1])
        split[-1] = (split[-1][0], last_qty)
        Warehouse = self.env["stock.warehouse"]
        return [(Warehouse.browse(warehouse_id), qty) for warehouse_id, qty in split]
