# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    """Warehouse assignment (SI-19): in consolidated mode the stock check
    counts several warehouses; the assignment rules decide which of them
    ship, and the delivery is split so that each warehouse ships what was
    counted in it."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _b2b_get_default_warehouse_ranking(self, scope):
        """Default priority: the order's warehouse, then the others in the
        order of the warehouses (sequence)."""
        self.ensure_one()
        warehouses = self.env["stock.warehouse"].browse(scope).sorted()
        ranking = [self.warehouse_id.id] if self.warehouse_id.id in scope else []
        return ranking + [wid for wid in warehouses.ids if wid not in ranking]

    def _b2b_get_warehouse_rule(self):
        """First assignment rule of the company applying to this order."""
        self.ensure_one()
        rules = self.env["sale.b2b.warehouse.rule"]._get_rules(self.company_id)
        return rules.filtered(lambda rule: rule._applies_to(self))[:1]

    def _b2b_get_warehouse_ranking(self, product, scope, free, rule=None):
        """Warehouse ids of ``scope`` in the order they ship ``product``.
        ``rule``: the order's assignment rule when the caller already looked
        it up for all the lines (an empty recordset: no rule applies)."""
        self.ensure_one()
        ranking = self._b2b_get_default_warehouse_ranking(scope)
        if rule is None:
            rule = self._b2b_get_warehouse_rule()
        if rule:
            ranking = rule._rank_warehouses(ranking, product, free)
        return ranking

    def _b2b_get_free_by_warehouse(self, scope, products, exclude_orders):
        """Free quantity per (product_id, warehouse_id) as the check counts
        it (kits in kit units), minus what other orders froze."""
        self.ensure_one()
        Availability = self.env["sale.b2b.availability"]
        warehouses = self.env["stock.warehouse"].browse(scope)
        free = Availability._get_free_quantities_by_warehouse(self.company_id, products, warehouses)
        if self.company_id.b2b_reserve_inventory:
            frozen = Availability._get_frozen_quantities(
                self.company_id, products, warehouses, exclude_orders=exclude_orders
            )
            for key, qty in frozen.items():
                free[key] = free.get(key, 0.0) - qty
        return free

    def _b2b_prepare_warehouse_allocation(self, report):
        """Before confirmation (the order's own moves would reserve stock),
        decide per checked line how much each warehouse ships:
        ``entry["allocation"] = {line id: [(warehouse id, qty)]}`` in the
        product's unit, the stock held first, what no warehouse holds last."""
        for order, entry in report.items():
            if order.b2b_ordering_mode != "consolidated" or entry["info"]["source"] == "blocked":
                continue
            lines = order.order_line.filtered(lambda line: line._b2b_is_checked())
            free = order._b2b_get_free_by_warehouse(entry["scope"], lines.product_id, self)
            rule = order._b2b_get_warehouse_rule()
            entry["allocation"] = {
                line.id: order._b2b_allocate(
                    line.product_id, line._b2b_get_needed_qty(), entry["scope"], free, rule
                )
                for line in lines
            }

    def _b2b_with_warehouse_allocation(self, report):
        """The orders with the allocation in their context, for the
        procurements of their lines (see ``sale.order.line``)."""
        allocation = {}
        for entry in report.values():
            for line_id, parts in entry.get("allocation", {}).items():
                allocation[line_id] = tuple(parts)
        if not allocation:
            return self
        return self.with_context(b2b_warehouse_allocation=allocation)

    def _b2b_split_frozen(self, parts, qty):
        """Frozen inventory of a line within what its warehouses ship: the
        allocation's parts in their order (stock held first), merged per
        warehouse."""
        self.ensure_one()
        frozen = {}
        for warehouse_id, part in parts:
            take = min(part, qty)
            if take <= 0:
                break
            frozen[warehouse_id] = frozen.get(warehouse_id, 0.0) + take
            qty -= take
        return list(frozen.items())
