# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict

from odoo import api, models
from odoo.fields import Domain


class SaleB2bAvailability(models.AbstractModel):
    """Availability provider reading Odoo's own stock (standalone mode).

    A provider answers ``_get_available_quantities(company, keys,
    exclude_orders)`` where ``keys`` is a set of ``(product_id, scope)`` and
    ``scope`` a sorted tuple of warehouse ids. It returns ``(quantities,
    info)``: ``quantities`` maps each key to the available quantity in the
    product's unit of measure, ``info`` is a dict with ``source`` (``odoo``,
    ``erp``, ``fallback`` or ``blocked``) and a human ``message``.

    Available = on hand minus reserved (Odoo's free quantity, kits converted
    into kit units when mrp is installed, products assembled on order counted
    through their components, see ``_get_assembly_ratios``) minus the frozen
    inventory of other orders that their stock moves do not cover yet.
    """

    _name = "sale.b2b.availability"
    _description = "B2B Availability (Odoo stock)"

    @api.model
    def _get_provider(self, company):
        if company.b2b_inventory_mode == "erp":
            return self.env["sale.b2b.erp.provider"]
        return self

    @api.model
    def _get_available_quantities(self, company, keys, exclude_orders=None):
        products_by_scope = defaultdict(set)
        for product_id, scope in keys:
            products_by_scope[scope].add(product_id)
        frozen = {}
        if company.b2b_reserve_inventory:
            warehouse_ids = {wid for scope in products_by_scope for wid in scope}
            frozen = self._get_frozen_quantities(
                company,
                self.env["product.product"].browse({pid for pid, __ in keys}),
                self.env["stock.warehouse"].browse(warehouse_ids),
                exclude_orders,
            )
        result = {}
        for scope, product_ids in products_by_scope.items():
            free = self._get_free_quantities(company, product_ids, scope)
            for product_id in product_ids:
                qty = free.get(product_id, 0.0) - sum(
                    frozen.get((product_id, wid), 0.0) for wid in scope
                )
                result[(product_id, scope)] = qty
        info = {"source": "odoo", "message": self.env._("Availability from Odoo stock.")}
        return result, info

    @api.model
    def _get_free_quantities(self, company, product_ids, scope):
        """Free quantity (on hand minus reserved) per product over the
        warehouses of ``scope``, read in one batch. A product assembled on
        order counts the units its components make."""
        Product = self.env["product.product"]
        assembled = self._get_assembly_ratios(Product.browse(product_ids), company)
        read_ids = set(product_ids) - {product.id for product in assembled}
        read_ids |= {component.id for ratios in assembled.values() for component in ratios}
        products = (
            Product.with_company(company).with_context(warehouse_id=list(scope)).browse(read_ids)
        )
        quantities = products._compute_quantities_dict(None, None, None)
        free = {pid: values["free_qty"] for pid, values in quantities.items()}
        for product, ratios in assembled.items():
            free[product.id] = self._get_assembled_quantity(
                ratios, {component: free.get(component.id, 0.0) for component in ratios}
            )
        return free

    @api.model
    def _get_free_quantities_by_warehouse(self, company, products, warehouses):
        """Free quantity per (product_id, warehouse_id), as the check counts
        it over the same warehouses: one grouped read of the quants of all
        the warehouses, so that the cost does not grow with their number.
        Kits (their free quantity comes from their components) go through
        Odoo's computation, warehouse by warehouse; a product assembled on
        order counts the units its components make in each warehouse."""
        assembled = self._get_assembly_ratios(products, company)
        if assembled:
            components = products.browse(
                {component.id for ratios in assembled.values() for component in ratios}
            )
            products = products - products.browse([p.id for p in assembled]) | components
        kits = products.filtered(self._is_kit)
        regular = products - kits
        result = defaultdict(float)
        if regular and warehouses:
            locations_domain = (
                regular.with_company(company)
                .with_context(warehouse_id=warehouses.ids)
                ._get_domain_locations()[0]
            )
            # sudo: free quantities are counted whatever the user may read
            groups = (
                self.env["stock.quant"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    Domain("product_id", "in", regular.ids) & Domain(locations_domain),
                    ["product_id", "location_id.warehouse_id"],
                    ["quantity:sum", "reserved_quantity:sum"],
                )
            )
            for product, warehouse, quantity, reserved in groups:
                result[(product.id, warehouse.id)] = product.uom_id.round(quantity - reserved)
        for warehouse in warehouses if kits else ():
            free = self._get_free_quantities(company, kits.ids, (warehouse.id,))
            for product_id, qty in free.items():
                result[(product_id, warehouse.id)] = qty
        for product, ratios in assembled.items():
            for warehouse in warehouses:
                result[(product.id, warehouse.id)] = self._get_assembled_quantity(
                    ratios,
                    {component: result[(component.id, warehouse.id)] for component in ratios},
                )
        return result

    @api.model
    def _is_kit(self, product):
        """A kit of Odoo mrp: it holds no stock of its own."""
        return bool("is_kits" in product._fields and product.is_kits)

    @api.model
    def _get_assembly_ratios(self, products, company=None):
        """Products of ``products`` checked through their components because
        they are assembled on order (their own stock is not what ships):
        ``{product: {component: quantity of the component, in its unit, per
        unit of the product}}``. None here; a bridge addon knowing how
        products are assembled (e.g. ``sales_inventory_b2b_mrp``) lists them."""
        return {}

    @api.model
    def _get_assembled_quantity(self, ratios, quantities):
        """Whole units of a product assembled from ``quantities`` ({component:
        quantity in its unit}) at ``ratios`` (see ``_get_assembly_ratios``):
        the component that runs out first decides."""
        return min(
            float(math.floor(quantities.get(component, 0.0) / ratio + 1e-9))
            for component, ratio in ratios.items()
        )

    @api.model
    def _get_frozen_quantities(self, company, products, warehouses, exclude_orders=None):
        """Frozen inventory of other orders not yet covered by their stock
        moves, per (product_id, warehouse_id), in the product's unit."""
        domain = [
            ("state", "=", "active"),
            ("company_id", "=", company.id),
            ("product_id", "in", products.ids),
            ("warehouse_id", "in", warehouses.ids),
        ]
        if exclude_orders:
            domain.append(("order_id", "not in", exclude_orders.ids))
        # sudo: frozen quantities of every salesperson's orders count for all
        groups = (
            self.env["sale.b2b.reservation"]
            .sudo()
            ._read_group(
                domain,
                ["order_line_id", "product_id", "warehouse_id"],
                ["quantity:sum"],
            )
        )
        if not groups:
            return {}
        lines = self.env["sale.order.line"].browse({line.id for line, *__ in groups})
        covered = self._get_covered_quantities(lines)
        result = defaultdict(float)
        for line, product, warehouse, quantity in groups:
            outstanding = quantity - covered.get((line.id, warehouse.id), 0.0)
            if outstanding > 0:
                result[(product.id, warehouse.id)] += outstanding
        return result

    @api.model
    def _get_covered_quantities(self, lines):
        """Quantity of each order line reserved or done by its own stock moves,
        per (line_id, warehouse_id), in the product's unit. A kit (its moves
        carry its components) is covered by the complete kits its component
        moves hold. In multi-step deliveries every step carries the same
        quantity, so the largest location total is taken."""
        groups = (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [("sale_line_id", "in", lines.ids), ("state", "!=", "cancel")],
                ["sale_line_id", "product_id", "location_id", "product_uom"],
                ["quantity:sum"],
            )
        )
        per_location = defaultdict(lambda: defaultdict(float))
        for line, product, location, uom, quantity in groups:
            qty = uom._compute_quantity(quantity, product.uom_id, round=False)
            per_location[(line, location.warehouse_id.id, location.id)][product] += qty
        result = {}
        for (line, warehouse_id, __), quantities in per_location.items():
            if line.product_id in quantities:
                qty = quantities[line.product_id]
            else:
                kits = line._b2b_kit_qty(line._b2b_get_component_ratios(), quantities)
                qty = line.product_uom_id._compute_quantity(
                    kits, line.product_id.uom_id, round=False
                )
            key = (line.id, warehouse_id)
            result[key] = max(result.get(key, 0.0), qty)
        return result
