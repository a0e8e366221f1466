# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .sale_b2b_action_fields_mixin import ALL_FIELDS


class SaleB2bShipmentLine(models.Model):
    _name = "sale.b2b.shipment.line"
    _description = "B2B Shipment Line"
    _inherit = ["sale.b2b.action.fields.mixin"]
    # The moves a fulfilment shipped, set by registering it.
    _b2b_action_fields = ("move_ids",)
    _order = "shipment_id, id"
    _check_company_auto = True

    shipment_id = fields.Many2one(
        "sale.b2b.shipment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="shipment_id.company_id", store=True)
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        required=True,
        ondelete="restrict",
        check_company=True,
        index=True,
        domain="[('order_id.state', '=', 'sale')]",
    )
    order_id = fields.Many2one(related="sale_line_id.order_id", store=True, index=True)
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    product_uom_id = fields.Many2one(related="sale_line_id.product_uom_id", string="Unit")
    quantity = fields.Float(digits="Product Unit", required=True, default=0.0)
    lot_ids = fields.Many2many(
        "stock.lot",
        "sale_b2b_shipment_line_lot_rel",
        string="Planned Serials/Lots",
        domain="[('product_id', '=', product_id)]",
    )
    move_ids = fields.Many2many(
        "stock.move",
        "sale_b2b_shipment_line_move_rel",
        string="Shipped Moves",
        readonly=True,
        copy=False,
    )
    shipped_lot_ids = fields.Many2many(
        "stock.lot", string="Shipped Serials/Lots", compute="_compute_shipped"
    )
    qty_shipped = fields.Float(digits="Product Unit", compute="_compute_shipped")
    return_line_ids = fields.One2many("sale.b2b.return.line", "shipment_line_id")
    qty_returned = fields.Float(digits="Product Unit", compute="_compute_qty_returned")

    @api.depends("shipment_id.name", "product_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.shipment_id.name} / {line.product_id.display_name}"

    # ---------------------------------------------------------- write policy
    def _get_write_policy(self):
        """Lines are edited with their shipment while it is a draft; then
        they are what the shipment shipped."""
        return {
            state: {
                group: names if names == ALL_FIELDS else set() for group, names in roles.items()
            }
            for state, roles in self.env["sale.b2b.shipment"]._get_write_policy().items()
        }

    @api.model
    def _get_write_policy_parent_field(self):
        return "shipment_id"

    @api.depends("move_ids.state", "move_ids.quantity")
    def _compute_shipped(self):
        for line in self:
            done = line.move_ids.filtered(lambda m: m.state == "done")
            line.shipped_lot_ids = done.move_line_ids.lot_id
            line.qty_shipped = line._b2b_get_shipped_qty(done)

    def _b2b_get_shipped_qty(self, done):
        """Units (the line's) that ``done`` shipped. A kit counts as shipped
        by the line that completes it: the kits complete with this line's
        moves and those of the order line's earlier shipment lines, minus
        those complete before it."""
        self.ensure_one()
        sale_line = self.sale_line_id
        if not done or len(sale_line._b2b_get_component_ratios()) <= 1:
            return sale_line._b2b_get_qty_from_moves(done)
        earlier = (
            self.search(
                [("sale_line_id", "=", sale_line.id), ("id", "<", self._origin.id)]
            ).move_ids.filtered(lambda m: m.state == "done")
            - done
        )
        before = sale_line._b2b_get_qty_from_moves(earlier)
        return sale_line._b2b_get_qty_from_moves(earlier | done) - before

    @api.depends("return_line_ids.quantity", "return_line_ids.return_id.state")
    def _compute_qty_returned(self):
        for line in self:
            line.qty_returned = sum(
                line.return_line_ids.filtered(lambda r: r.return_id.state != "cancel").mapped(
                    "quantity"
                )
            )

    def _get_open_moves(self):
        return self.sale_line_id._b2b_get_open_moves()

    def _prepare_export_vals(self):
        self.ensure_one()
        return {
            "line_id": self.id,
            "order": self.order_id.name,
            "sale_line_id": self.sale_line_id.id,
            "sku": self.product_id.default_code or "",
            "product": self.product_id.display_name,
            "quantity": self.quantity,
            "uom": self.product_uom_id.name,
            "serials": self.lot_ids.mapped("name"),
            "components": self._prepare_export_component_vals(),
        }

    def _prepare_export_component_vals(self):
        """Components still to ship for the planned kits: a component that
        already left (the rest of a partly shipped kit) is not asked again."""
        self.ensure_one()
        sale_line = self.sale_line_id
        open_qty = sale_line._b2b_get_component_qty_to_ship()
        vals = []
        for product, ratio in sale_line._b2b_get_component_ratios().items():
            qty = product.uom_id.round(min(self.quantity * ratio, open_qty.get(product, 0.0)))
            if product.uom_id.compare(qty, 0.0) > 0:
                vals.append({"sku": product.default_code or "", "quantity": qty})
        return vals

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_quantities(self):
        for line in self:
            line._check_fulfilment(line.quantity, line.lot_ids, planned=True)

    def _check_fulfilment(self, quantity, lots, planned=False):
        self.ensure_one()
        uom = self.product_uom_id
        open_qty = self.sale_line_id._b2b_get_qty_to_ship()
        if uom.compare(quantity, 0.0) < 0 or (planned and uom.compare(quantity, 0.0) <= 0):
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s: the quantity of %(product)s must be positive "
                    "(got %(qty)s %(uom)s).",
                    shipment=self.shipment_id.name,
                    product=self.product_id.display_name,
                    qty=quantity,
                    uom=uom.name,
                )
            )
        if uom.compare(quantity, open_qty) > 0:
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s cannot ship %(qty)s %(uom)s of %(product)s "
                    "(order %(order)s): only %(open)s %(uom)s remain to ship.",
                    shipment=self.shipment_id.name,
                    qty=quantity,
                    uom=uom.name,
                    product=self.product_id.display_name,
                    order=self.order_id.name,
                    open=open_qty,
                )
            )
        self.sale_line_id._b2b_check_lots(quantity, lots, self.shipment_id.name, planned=planned)
        if not planned:
            self._check_stock_available(quantity)

    def _check_stock_available(self, quantity):
        """A fulfilment never takes more than the delivery's source location
        holds (what its open moves reserved plus what is free there): the
        stock would go below zero."""
        self.ensure_one()
        Quant = self.env["stock.quant"].sudo()
        open_moves = self._get_open_moves()
        for product, ratio in self.sale_line_id._b2b_get_component_ratios().items():
            if not product.is_storable:
                continue
            uom = product.uom_id
            moves = open_moves.filtered(lambda m, p=product: m.product_id == p)
            needed = uom.round(min(quantity * ratio, sum(moves.mapped("product_qty"))))
            reserved = sum(
                m.product_uom._compute_quantity(m.quantity, uom, round=False) for m in moves
            )
            free = sum(
                max(Quant._get_available_quantity(product, location), 0.0)
                for location in moves.location_id
            )
            available = uom.round(reserved + free)
            if uom.compare(needed, available) > 0:
                raise UserError(
                    self.env._(
                        "Shipment %(shipment)s cannot ship %(qty)s %(uom)s of %(product)s: "
                        "only %(available)s %(uom)s are in stock at %(location)s.",
                        shipment=self.shipment_id.name,
                        qty=needed,
                        uom=uom.name,
                        product=product.display_name,
                        available=available,
                        location=", ".join(moves.location_id.mapped("display_name")),
                    )
                )

    def _find_lots(self, names):
        lots, missing = self.sale_line_id._b2b_find_lots(names)
        if missing:
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s: unknown serial/lot numbers %(names)s for %(product)s.",
                    shipment=self.shipment_id.name,
                    names=", ".join(missing),
                    product=self.product_id.display_name,
                )
            )
        return lots

    # ------------------------------------------------------------------
    # Shipping
    # ------------------------------------------------------------------
    def _prepare_shipped_moves(self, quantity, lots):
        """Put ``quantity`` (order unit) on the open moves of the order line,
        component by component, with the given lots; returns the moves."""
        self.ensure_one()
        shipped = self.env["stock.move"]
        if self.product_uom_id.is_zero(quantity):
            return shipped
        for product, ratio in self.sale_line_id._b2b_get_component_ratios().items():
            remaining = product.uom_id.round(quantity * ratio)
            product_lots = lots.filtered(lambda lot, p=product: lot.product_id == p)
            for move in self._get_open_moves().filtered(lambda m, p=product: m.product_id == p):
                if product.uom_id.compare(remaining, 0.0) <= 0:
                    break
                take = min(remaining, move.product_qty)
                move_lots, product_lots = self._split_lots(product, take, product_lots)
                move._do_unreserve()
                move.write(
                    {
                        "move_line_ids": self._prepare_move_line_commands(move, take, move_lots),
                        "picked": True,
                    }
                )
                remaining -= take
                shipped |= move
        self._b2b_write_action({"move_ids": [Command.link(move.id) for move in shipped]})
        return shipped

    def _split_lots(self, product, quantity, lots):
        if product.tracking == "serial":
            count = int(round(quantity))
            return lots[:count], lots[count:]
        return lots[:1], lots

    def _prepare_move_line_commands(self, move, quantity, lots):
        if move.product_id.tracking == "serial" and lots:
            return [
                Command.create(
                    dict(move._prepare_move_line_vals(quantity=1.0), lot_id=lot.id, picked=True)
                )
                for lot in lots
            ]
        vals = dict(move._prepare_move_line_vals(quantity=quantity), picked=True)
        if lots:
            vals["lot_id"] = lots[0].id
        return [Command.create(vals)]

    # ------------------------------------------------------------------
    # Following the transfers (SI-06)
    # ------------------------------------------------------------------
    @api.model
    def _b2b_get_open_lines(self, sale_lines):
        return self.search(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("shipment_id.state", "in", ("draft", "pending")),
            ],
            order="id",
        )

    @api.model
    def _b2b_get_qty_left(self, sale_line):
        """What shipments may still plan on ``sale_line``: nothing once its
        order is cancelled."""
        if sale_line.order_id.state == "cancel":
            return 0.0
        return sale_line._b2b_get_qty_to_ship()

    @api.model
    def _b2b_follow_open_quantities(self, sale_lines):
        """Open shipments never plan more than their order lines still have
        to ship: after a transfer or an order is cancelled (or shipped by
        another document), the oldest lines keep what is left, the others
        are reduced or dropped, and a shipment left with nothing to ship is
        cancelled. Returns the shipments changed."""
        lines = self._b2b_get_open_lines(sale_lines)
        new_qty = {}
        for sale_line, group in lines.grouped("sale_line_id").items():
            left = self._b2b_get_qty_left(sale_line)
            for line in group:
                qty = max(min(line.quantity, left), 0.0)
                left -= qty
                if line.product_uom_id.compare(qty, line.quantity) != 0:
                    new_qty[line] = qty
        shipments = self.env["sale.b2b.shipment"]
        for line in new_qty:
            shipments |= line.shipment_id
        for shipment in shipments:
            shipment._b2b_apply_open_quantities(
                {line: qty for line, qty in new_qty.items() if line.shipment_id == shipment}
            )
        return shipments

    def _b2b_get_remainder_qty(self):
        """What this (shipped) line planned and did not ship, within what
        its order line still has to ship beside the other open shipments."""
        self.ensure_one()
        uom = self.product_uom_id
        planned_left = self.quantity - self.qty_shipped
        others = self._b2b_get_open_lines(self.sale_line_id) - self
        free = self._b2b_get_qty_left(self.sale_line_id) - sum(others.mapped("quantity"))
        return uom.round(max(min(planned_left, free), 0.0))

    def _prepare_remainder_vals(self, quantity):
        self.ensure_one()
        return {
            "sale_line_id": self.sale_line_id.id,
            "quantity": quantity,
            "lot_ids": [Command.set((self.lot_ids - self.shipped_lot_ids).ids)],
        }
