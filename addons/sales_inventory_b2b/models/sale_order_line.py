# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    b2b_show_available = fields.Boolean(related="order_id.company_id.b2b_show_available")
    b2b_available_qty = fields.Float(
        string="Available",
        digits="Product Unit",
        compute="_compute_b2b_available_qty",
        help="Available inventory (on hand minus reserved) according to the "
        "ordering mode, in the product's unit of measure.",
    )
    b2b_available_uom_id = fields.Many2one(related="product_id.uom_id", string="Available Unit")
    b2b_is_short = fields.Boolean(string="Short", compute="_compute_b2b_available_qty")

    def _b2b_is_checked_product(self):
        """Storable products, (with mrp) kits and products assembled on
        order (checked through their components) are checked."""
        self.ensure_one()
        product = self.product_id
        return (
            product.is_storable
            or bool("is_kits" in product._fields and product.is_kits)
            or bool(
                self.env["sale.b2b.availability"]._get_assembly_ratios(product, self.company_id)
            )
        )

    def _b2b_is_checked(self):
        self.ensure_one()
        return bool(
            self.product_id
            and not self.display_type
            and not self.is_downpayment
            and self.product_uom_qty > 0
            and self._b2b_is_checked_product()
        )

    def _b2b_get_needed_qty(self):
        """Ordered quantity in the product's unit of measure."""
        self.ensure_one()
        return self.product_uom_id._compute_quantity(
            self.product_uom_qty, self.product_id.uom_id, round=False
        )

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom_id",
        "order_id.warehouse_id",
        "order_id.b2b_order_type_id",
        "order_id.company_id",
        "order_id.state",
    )
    def _compute_b2b_available_qty(self):
        self.b2b_available_qty = 0.0
        self.b2b_is_short = False
        lines = self.filtered(
            lambda line: line.order_id.state in ("draft", "sent")
            and line.order_id.company_id.b2b_show_available
            and line.product_id
            and not line.display_type
            and line._b2b_is_checked_product()
        )
        keys_by_company = defaultdict(set)
        scope_by_line = {}
        for line in lines:
            scope = line.order_id._b2b_get_scope()
            if scope is None:
                continue
            scope_by_line[line] = scope
            keys_by_company[line.order_id.company_id].add((line.product_id.id, scope))
        Availability = self.env["sale.b2b.availability"]
        answers = {}
        for company, keys in keys_by_company.items():
            provider = Availability._get_provider(company)
            answers[company], __ = provider._get_available_quantities(
                company, keys, exclude_orders=lines.order_id._origin
            )
        for line, scope in scope_by_line.items():
            uom = line.product_id.uom_id
            quantities = answers[line.order_id.company_id]
            available = uom.round(max(quantities.get((line.product_id.id, scope), 0.0), 0.0))
            line.b2b_available_qty = available
            line.b2b_is_short = uom.compare(line._b2b_get_needed_qty(), available) > 0

    # ------------------------------------------------------------------
    # Shipping (SI-06 .. SI-09, SI-16)
    # ------------------------------------------------------------------
    def _b2b_get_delivery_moves(self):
        """Outgoing moves to the customer (not returns, not cancelled)."""
        return self.move_ids.filtered(
            lambda m: m.state != "cancel"
            and not m.origin_returned_move_id
            and m.location_dest_id._is_outgoing()
        )

    def _b2b_get_open_moves(self):
        return (
            self._b2b_get_delivery_moves()
            .filtered(lambda m: m.state not in ("done", "cancel"))
            .sorted("id")
        )

    def _b2b_get_component_ratios(self):
        """{product: quantity in the product's unit per unit of the line}.
        A plain product ships as itself; a kit (its moves carry other
        products, e.g. Odoo mrp kits) ships as its components in the
        proportions of its moves."""
        self.ensure_one()
        moves = self._b2b_get_delivery_moves()
        if not moves or moves.product_id == self.product_id or not self.product_uom_qty:
            return {
                self.product_id: self.product_uom_id._compute_quantity(
                    1.0, self.product_id.uom_id, round=False
                )
            }
        ratios = {}
        for move in moves:
            ratios[move.product_id] = ratios.get(move.product_id, 0.0) + move.product_qty
        return {product: qty / self.product_uom_qty for product, qty in ratios.items()}

    def _b2b_get_qty_from_moves(self, moves, ratios=None):
        """Quantity of the line (its unit) covered by ``moves``: for a kit,
        only complete kits count (every component must be there).
        ``ratios``: the line's component ratios, when the caller has them."""
        self.ensure_one()
        if ratios is None:
            ratios = self._b2b_get_component_ratios()
        quantities = {}
        for move in moves:
            qty = move.product_qty
            if move.state == "done":
                qty = move.product_uom._compute_quantity(
                    move.quantity, move.product_id.uom_id, round=False
                )
            quantities[move.product_id] = quantities.get(move.product_id, 0.0) + qty
        return self._b2b_kit_qty(ratios, quantities)

    @api.model
    def _b2b_kit_qty(self, ratios, quantities):
        """Complete units given component quantities: min over components,
        whole kits only when there are several components."""
        if not ratios:
            return 0.0
        units = min(quantities.get(product, 0.0) / ratio for product, ratio in ratios.items())
        if len(ratios) > 1:
            units = float(int(units + 1e-9))
        return units

    def _b2b_get_component_qty_to_ship(self):
        """{product: open quantity in the product's unit} of the line's deliveries."""
        self.ensure_one()
        quantities = {}
        for move in self._b2b_get_open_moves():
            quantities[move.product_id] = quantities.get(move.product_id, 0.0) + move.product_qty
        return quantities

    def _b2b_get_qty_to_ship(self):
        """Units (the line's) with something left to ship. A kit counts per
        component: as long as one component is still open, its kits are not
        shipped, even if the other components already left."""
        self.ensure_one()
        ratios = self._b2b_get_component_ratios()
        if len(ratios) <= 1:
            qty = self._b2b_get_qty_from_moves(self._b2b_get_open_moves(), ratios)
        else:
            open_qty = self._b2b_get_component_qty_to_ship()
            units = max(open_qty.get(product, 0.0) / ratio for product, ratio in ratios.items())
            qty = float(math.ceil(units - 1e-9))
        return self.product_uom_id.round(qty)

    def _b2b_is_shippable(self, qty_to_ship=None):
        """A product line with something left to ship. ``qty_to_ship``: what
        ``_b2b_get_qty_to_ship`` returns, when the caller has it."""
        self.ensure_one()
        if not (self.product_id and not self.display_type and self.product_id.type == "consu"):
            return False
        if qty_to_ship is None:
            qty_to_ship = self._b2b_get_qty_to_ship()
        return self.product_uom_id.compare(qty_to_ship, 0.0) > 0

    def _b2b_find_lots(self, names):
        """Lots of the line's products (components for kits) by name:
        (lots, missing names)."""
        products = self.product_id | self.move_ids.product_id
        lots = self.env["stock.lot"].search(
            [
                ("product_id", "in", products.ids),
                ("name", "in", list(names)),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        missing = [name for name in names if name not in lots.mapped("name")]
        return lots, missing

    def _b2b_check_lots(self, quantity, lots, document, planned=False):
        """Serial-tracked products need one serial per unit shipped (when
        planning, serials are optional but may not exceed the quantity)."""
        self.ensure_one()
        for product, ratio in self._b2b_get_component_ratios().items():
            if product.tracking != "serial":
                continue
            needed = product.uom_id.round(quantity * ratio)
            given = len(lots.filtered(lambda lot, p=product: lot.product_id == p))
            if (planned and given > needed) or (not planned and given != needed):
                raise UserError(
                    self.env._(
                        "%(document)s: %(product)s is tracked by serial number: "
                        "%(needed)s serial(s) expected for %(needed)s unit(s), "
                        "%(given)s given.",
                        document=document,
                        product=product.display_name,
                        needed=int(needed),
                        given=given,
                    )
                )

    # ------------------------------------------------------------------
    # What the customer follows on the portal
    # ------------------------------------------------------------------
    def _b2b_get_portal_quantities(self):
        """``{line: {"shipped", "in_transit", "received"}}`` in the line's
        unit: shipped is Odoo's delivered quantity; of what shipments shipped,
        in transit waits for the customer's receipt, received is confirmed."""
        result = {
            line: {"shipped": line.qty_delivered, "in_transit": 0.0, "received": 0.0}
            for line in self
        }
        shipment_lines = self.env["sale.b2b.shipment.line"].search(
            [("sale_line_id", "in", self.ids), ("shipment_id.state", "=", "done")]
        )
        for shipment_line in shipment_lines:
            receipt = shipment_line.shipment_id.receipt_state
            key = {"pending": "in_transit", "confirmed": "received"}.get(receipt)
            if key:
                result[shipment_line.sale_line_id][key] += shipment_line.qty_shipped
        return result
