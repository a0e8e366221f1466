# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .sale_b2b_action_fields_mixin import ALL_FIELDS


class SaleB2bReturnLine(models.Model):
    _name = "sale.b2b.return.line"
    _description = "B2B Return Line"
    _inherit = ["sale.b2b.action.fields.mixin"]
    _b2b_action_fields = ()
    _order = "return_id, id"
    _check_company_auto = True

    return_id = fields.Many2one("sale.b2b.return", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="return_id.company_id", store=True)
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        check_company=True,
        index="btree_not_null",
        compute="_compute_sale_line_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    order_id = fields.Many2one(related="sale_line_id.order_id", store=True, index="btree_not_null")
    shipment_line_id = fields.Many2one(
        "sale.b2b.shipment.line",
        string="Shipment Line",
        check_company=True,
        index="btree_not_null",
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    quantity = fields.Float(
        digits="Product Unit",
        required=True,
        default=1.0,
        help="In the unit of the order line (the product's unit for source-free returns).",
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        "sale_b2b_return_line_lot_rel",
        string="Serials/Lots",
        domain="[('product_id', '=', product_id)]",
    )

    @api.depends("return_id.name", "product_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.return_id.name} / {line.product_id.display_name}"

    # ---------------------------------------------------------- write policy
    def _get_write_policy(self):
        """Lines are edited with their return while it is a draft; then
        they are what the return takes back."""
        return {
            state: {
                group: names if names == ALL_FIELDS else set() for group, names in roles.items()
            }
            for state, roles in self.env["sale.b2b.return"]._get_write_policy().items()
        }

    @api.model
    def _get_write_policy_parent_field(self):
        return "return_id"

    @api.depends("shipment_line_id")
    def _compute_sale_line_id(self):
        for line in self:
            if line.shipment_line_id:
                line.sale_line_id = line.shipment_line_id.sale_line_id

    @api.depends("sale_line_id")
    def _compute_product_id(self):
        for line in self:
            if line.sale_line_id:
                line.product_id = line.sale_line_id.product_id

    # ------------------------------------------------------------------
    # Limits (never more than delivered: per order line, shipment, serial)
    # ------------------------------------------------------------------
    def _get_source_moves(self):
        """Done deliveries this line may return from."""
        self.ensure_one()
        if self.shipment_line_id:
            moves = self.shipment_line_id.move_ids
        else:
            moves = self.sale_line_id._b2b_get_delivery_moves()
        return moves.filtered(lambda m: m.state == "done")

    @api.model
    def _get_returned_qty(self, move):
        """Product-unit quantity already returned (or being returned) from ``move``."""
        returns = move.returned_move_ids.filtered(lambda m: m.state != "cancel")
        return sum(
            r.product_uom._compute_quantity(
                r.quantity if r.state == "done" else r.product_uom_qty,
                r.product_id.uom_id,
                round=False,
            )
            for r in returns
        )

    @api.model
    def _get_move_lots(self, move):
        delivered = move.move_line_ids.lot_id
        returned = move.returned_move_ids.filtered(
            lambda m: m.state != "cancel"
        ).move_line_ids.lot_id
        return delivered - returned

    def _get_returnable_qty(self, moves):
        """Order-unit quantity still returnable from ``moves``."""
        self.ensure_one()
        sale_line = self.sale_line_id
        ratios = sale_line._b2b_get_component_ratios()
        left = {}
        for move in moves:
            done = move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id, round=False
            )
            left[move.product_id] = (
                left.get(move.product_id, 0.0) + done - self._get_returned_qty(move)
            )
        return sale_line.product_uom_id.round(sale_line._b2b_kit_qty(ratios, left))

    def _check_returnable(self):
        by_source = {}
        for line in self:
            if line.product_id.uom_id.compare(line.quantity, 0.0) <= 0:
                raise UserError(
                    self.env._(
                        "Return %(name)s: the quantity of %(product)s must be positive.",
                        name=line.return_id.name,
                        product=line.product_id.display_name,
                    )
                )
            if not line.sale_line_id:
                line._check_free_lots()
                continue
            key = (line.sale_line_id, line.shipment_line_id)
            by_source.setdefault(key, self.browse())
            by_source[key] |= line
        for (sale_line, shipment_line), lines in by_source.items():
            first = lines[0]
            requested = sum(lines.mapped("quantity"))
            returnable = first._get_returnable_qty(first._get_source_moves())
            if sale_line.product_uom_id.compare(requested, returnable) > 0:
                source = (
                    self.env._("shipment %(name)s", name=shipment_line.shipment_id.name)
                    if shipment_line
                    else self.env._("order %(name)s", name=sale_line.order_id.name)
                )
                raise UserError(
                    self.env._(
                        "Return %(name)s cannot take back %(qty)s %(uom)s of %(product)s: "
                        "only %(returnable)s %(uom)s delivered by %(origin)s remain "
                        "returnable.",
                        name=first.return_id.name,
                        qty=requested,
                        uom=sale_line.product_uom_id.name,
                        product=sale_line.product_id.display_name,
                        returnable=returnable,
                        origin=source,
                    )
                )
            for line in lines:
                sale_line._b2b_check_lots(line.quantity, line.lot_ids, line.return_id.name)
                line._check_delivered_lots()

    def _check_delivered_lots(self):
        self.ensure_one()
        if not self.lot_ids:
            return
        delivered = self.env["stock.lot"]
        for move in self._get_source_moves():
            delivered |= self._get_move_lots(move)
        unknown = self.lot_ids - delivered
        if unknown:
            raise UserError(
                self.env._(
                    "Return %(name)s: serial/lot %(lots)s of %(product)s was not delivered "
                    "by this source or is already returned.",
                    name=self.return_id.name,
                    lots=", ".join(unknown.mapped("name")),
                    product=self.product_id.display_name,
                )
            )

    def _check_free_lots(self):
        self.ensure_one()
        product = self.product_id
        if product.tracking == "serial" and len(self.lot_ids) != int(round(self.quantity)):
            raise UserError(
                self.env._(
                    "%(document)s: %(product)s is tracked by serial number: "
                    "%(needed)s serial(s) expected for %(needed)s unit(s), %(given)s given.",
                    document=self.return_id.name,
                    product=product.display_name,
                    needed=int(round(self.quantity)),
                    given=len(self.lot_ids),
                )
            )
        customer_location = self.return_id.partner_id.property_stock_customer
        for lot in self.lot_ids:
            at_customer = sum(
                self.env["stock.quant"]
                ._gather(product, customer_location, lot_id=lot, strict=True)
                .mapped("quantity")
            )
            if product.uom_id.compare(at_customer, 0.0) <= 0:
                raise UserError(
                    self.env._(
                        "Return %(name)s: serial/lot %(lot)s of %(product)s is not at the "
                        "customer.",
                        name=self.return_id.name,
                        lot=lot.name,
                        product=product.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Allocation on the delivered moves
    # ------------------------------------------------------------------
    def _allocate_on_moves(self):
        """{delivered move: (product-unit quantity to return, lots)}"""
        self.ensure_one()
        allocation = {}
        sources = self._get_source_moves().sorted("id", reverse=True)
        for product, ratio in self.sale_line_id._b2b_get_component_ratios().items():
            need = product.uom_id.round(self.quantity * ratio)
            lots = self.lot_ids.filtered(lambda lot, p=product: lot.product_id == p)
            for move in sources.filtered(lambda m, p=product: m.product_id == p):
                if product.uom_id.compare(need, 0.0) <= 0:
                    break
                move_lots = self._get_move_lots(move) & lots if lots else lots
                if lots and not move_lots:
                    continue
                done = move.product_uom._compute_quantity(
                    move.quantity, product.uom_id, round=False
                )
                free = done - self._get_returned_qty(move)
                if product.tracking == "serial" and lots:
                    free = min(free, len(move_lots))
                take = min(need, free)
                if product.uom_id.compare(take, 0.0) <= 0:
                    continue
                if product.tracking == "serial":
                    move_lots = move_lots[: int(round(take))]
                lots -= move_lots
                allocation[move] = (take, move_lots)
                need -= take
        return allocation
