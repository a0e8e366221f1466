# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models


class SaleB2bAvailability(models.AbstractModel):
    """Assemble-to-order kits (SI-09). A product with a normal bill of
    materials, the Replenish on Order (MTO) route and the Manufacture route
    (its own or its warehouse's) is made for each order by a manufacturing
    order (Odoo's procurement), then shipped as itself. The B2B check counts
    it through its components: the kits they make, as for Odoo's kits. Its
    frozen inventory is covered by the kits its open manufacturing orders
    hold the components of, then by the finished kits its delivery holds."""

    _inherit = "sale.b2b.availability"

    @api.model
    def _get_assembly_ratios(self, products, company=None):
        result = super()._get_assembly_ratios(products, company)
        candidates = self._filter_assembled_to_order(
            products.filtered(lambda p: p not in result), company
        )
        if not candidates:
            return result
        boms = self._get_assembly_boms(candidates, company)
        for product in candidates:
            ratios = self._get_bom_component_ratios(product, boms[product])
            if ratios:
                result[product] = ratios
        return result

    @api.model
    def _filter_assembled_to_order(self, products, company=None):
        """The products of ``products`` made for each order: goods (not kits,
        which ship as their components) with the Replenish on Order (MTO)
        route, on the product or its category, and manufactured: the
        Manufacture route on the product or, as Odoo sets it up, on the
        warehouses of the company that manufacture. Whether they have a bill
        of materials is checked after."""
        mto_route = self._get_mto_route()
        products = products.filtered(
            lambda p: p.type == "consu"
            and not p.is_kits
            and mto_route in (p.route_ids | p.categ_id.total_route_ids)
        )
        if not products:
            return products
        warehouses = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)] if company else []
        )
        warehouse_routes = warehouses.route_ids
        return products.filtered(
            lambda p: any(
                rule.action == "manufacture"
                and (not company or not rule.company_id or rule.company_id == company)
                for rule in (p.route_ids | p.categ_id.total_route_ids | warehouse_routes).rule_ids
            )
        )

    @api.model
    def _get_mto_route(self):
        """Odoo's Replenish on Order (MTO) route, or an empty recordset."""
        return (
            self.env.ref("stock.route_warehouse0_mto", raise_if_not_found=False)
            or self.env["stock.route"].browse()
        )

    @api.model
    def _get_assembly_boms(self, products, company=None):
        """{product: the normal bill of materials a manufacturing order would
        use} (an empty recordset for a product without one)."""
        return self.env["mrp.bom"]._bom_find(
            products, bom_type="normal", company_id=company.id if company else False
        )

    @api.model
    def _get_bom_component_ratios(self, product, bom):
        """{component: quantity in its unit per unit of ``product``} of the
        storable components of ``bom`` (components that are kits give their
        own components). Other components never run short."""
        if not bom:
            return {}
        made = bom.product_uom_id._compute_quantity(bom.product_qty, product.uom_id, round=False)
        if product.uom_id.is_zero(made):
            return {}
        __, lines = bom.explode(product, 1.0)
        ratios = defaultdict(float)
        for bom_line, line_data in lines:
            component = bom_line.product_id
            if not component.is_storable:
                continue
            ratios[component] += (
                bom_line.product_uom_id._compute_quantity(
                    line_data["qty"], component.uom_id, round=False
                )
                / made
            )
        return {component: ratio for component, ratio in ratios.items() if ratio > 0}

    @api.model
    def _get_covered_quantities(self, lines):
        result = super()._get_covered_quantities(lines)
        for key, kits in self._get_assembly_covered_quantities(lines).items():
            result[key] = result.get(key, 0.0) + kits
        return result

    @api.model
    def _get_assembly_covered_quantities(self, lines):
        """Kits (in the product's unit) of the open manufacturing orders of
        ``lines`` whose components are reserved, per (line_id,
        warehouse_id): those components already left the free stock."""
        # sudo: the moves of every order's manufacturing count, whoever checks
        groups = (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [
                    ("raw_material_production_id.sale_line_id", "in", lines.ids),
                    ("raw_material_production_id.state", "not in", ("done", "cancel")),
                    ("state", "!=", "cancel"),
                    ("product_id.is_storable", "=", True),
                ],
                ["raw_material_production_id", "product_id", "product_uom"],
                ["product_uom_qty:sum", "quantity:sum"],
            )
        )
        needed = defaultdict(lambda: defaultdict(float))
        reserved = defaultdict(lambda: defaultdict(float))
        for production, product, uom, demand, quantity in groups:
            needed[production][product] += uom._compute_quantity(
                demand, product.uom_id, round=False
            )
            reserved[production][product] += uom._compute_quantity(
                quantity, product.uom_id, round=False
            )
        result = defaultdict(float)
        for production, demands in needed.items():
            made = production.product_uom_qty
            ratios = {product: qty / made for product, qty in demands.items() if qty > 0 and made}
            if not ratios:
                continue
            kits = min(self._get_assembled_quantity(ratios, reserved[production]), made)
            result[(production.sale_line_id.id, production.warehouse_id.id)] += kits
        return result
