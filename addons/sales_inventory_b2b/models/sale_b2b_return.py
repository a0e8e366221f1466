# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .sale_b2b_action_fields_mixin import ALL_FIELDS, SALES_GROUP, SHIPPING_GROUP

RETURN_KINDS = [
    ("order", "Order-Based"),
    ("shipment", "Shipment-Based"),
    ("free", "Source-Free"),
]


class SaleB2bReturn(models.Model):
    """A customer return (SI-12 .. SI-15). Order- and shipment-based returns
    go through Odoo's ``stock.return.picking`` on the delivered transfers, so
    returned quantities lower the delivered quantities of the order lines
    (``to_refund``) and can be credited by the standard invoicing; an
    exchange also ships a replacement (Odoo's exchange procurement) under a
    new shipment."""

    _name = "sale.b2b.return"
    _description = "B2B Return"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.b2b.action.fields.mixin"]
    # The transfers a receipt validates are the ones the return created.
    _b2b_action_fields = ("state", "picking_ids")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/", index="trigram")
    kind = fields.Selection(RETURN_KINDS, string="Type", required=True, default="order")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Waiting Receipt"),
            ("done", "Received"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, check_company=True, index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Receiving Warehouse",
        check_company=True,
        help="Source-free returns only; other returns go back to the warehouse that shipped.",
    )
    shipment_id = fields.Many2one(
        "sale.b2b.shipment",
        string="Shipment",
        check_company=True,
        domain="[('state', '=', 'done'), ('partner_id', '=', partner_id)]",
    )
    is_exchange = fields.Boolean(string="Exchange", tracking=True)
    to_refund = fields.Boolean(
        string="Update Delivered Quantities",
        default=True,
        help="Lower the delivered quantities of the order lines, so that the "
        "returned goods can be credited.",
    )
    reason = fields.Char()
    line_ids = fields.One2many("sale.b2b.return.line", "return_id", string="Lines", copy=True)
    order_ids = fields.Many2many("sale.order", string="Orders", compute="_compute_order_ids")
    picking_ids = fields.Many2many(
        "stock.picking",
        "sale_b2b_return_picking_rel",
        string="Return Transfers",
        readonly=True,
        copy=False,
    )
    exchange_shipment_ids = fields.One2many(
        "sale.b2b.shipment", "return_id", string="Replacement Shipments", readonly=True
    )

    def _get_write_policy(self):
        """Sales people and shipping staff prepare a draft; once confirmed
        only the reason stays open, and a cancelled return is closed."""
        roles = (SALES_GROUP, SHIPPING_GROUP)
        return {
            "draft": dict.fromkeys(roles, ALL_FIELDS),
            "confirmed": dict.fromkeys(roles, {"reason"}),
            "done": dict.fromkeys(roles, {"reason"}),
            "cancel": dict.fromkeys(roles, set()),
        }

    @api.depends("line_ids.sale_line_id")
    def _compute_order_ids(self):
        for ret in self:
            ret.order_ids = ret.line_ids.sale_line_id.order_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sale.b2b.return") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _check_rules(self):
        for ret in self:
            company = ret.company_id
            if not ret.line_ids:
                raise UserError(self.env._("Return %(name)s has no lines.", name=ret.name))
            if ret.kind == "shipment" and not company.b2b_shipment_returns:
                raise UserError(
                    self.env._(
                        "Return %(name)s is refused: shipment-based returns are disabled.",
                        name=ret.name,
                    )
                )
            if ret.kind == "free" and not company.b2b_source_free_returns:
                raise UserError(
                    self.env._(
                        "Return %(name)s is refused: source-free returns are disabled.",
                        name=ret.name,
                    )
                )
            if ret.is_exchange and not company.b2b_exchanges:
                raise UserError(
                    self.env._("Return %(name)s is refused: exchanges are disabled.", name=ret.name)
                )
            ret._check_sources()

    def _check_sources(self):
        self.ensure_one()
        if self.kind == "free":
            if self.line_ids.sale_line_id or self.shipment_id:
                raise UserError(
                    self.env._(
                        "Source-free return %(name)s cannot refer to an order or a shipment.",
                        name=self.name,
                    )
                )
            if not self.warehouse_id:
                raise UserError(
                    self.env._(
                        "Source-free return %(name)s needs a receiving warehouse.",
                        name=self.name,
                    )
                )
            if self.is_exchange:
                raise UserError(
                    self.env._(
                        "Source-free return %(name)s cannot be an exchange: a replacement "
                        "ships against an order line.",
                        name=self.name,
                    )
                )
            return
        missing = self.line_ids.filtered(lambda x: not x.sale_line_id)
        if missing:
            raise UserError(
                self.env._(
                    "Return %(name)s: every line needs an order line (%(products)s).",
                    name=self.name,
                    products=", ".join(missing.product_id.mapped("display_name")),
                )
            )
        orders = self.line_ids.sale_line_id.order_id
        if orders.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Return %(name)s: orders %(orders)s are not orders of %(partner)s.",
                    name=self.name,
                    orders=", ".join(orders.mapped("name")),
                    partner=self.partner_id.display_name,
                )
            )
        if (
            self.kind == "order"
            and len(orders) > 1
            and self.company_id.b2b_order_return_rule == "single"
        ):
            raise UserError(
                self.env._(
                    'Return %(name)s is refused: the rule "Single order only" allows '
                    "one order per return, got %(orders)s.",
                    name=self.name,
                    orders=", ".join(orders.mapped("name")),
                )
            )
        if self.kind == "shipment":
            if not self.shipment_id:
                raise UserError(
                    self.env._("Shipment-based return %(name)s needs a shipment.", name=self.name)
                )
            outside = self.line_ids.filtered(
                lambda x: x.shipment_line_id.shipment_id != self.shipment_id
            )
            if outside:
                raise UserError(
                    self.env._(
                        "Return %(name)s: %(products)s were not shipped by %(shipment)s.",
                        name=self.name,
                        products=", ".join(outside.product_id.mapped("display_name")),
                        shipment=self.shipment_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Check the rules and quantities of every return, then create the
        return transfers (and, for exchanges, the replacement shipment)."""
        wrong = self.filtered(lambda r: r.state != "draft")
        if wrong:
            raise UserError(
                self.env._(
                    "Returns %(names)s are not drafts.", names=", ".join(wrong.mapped("name"))
                )
            )
        self._check_rules()
        self.line_ids._check_returnable()
        for ret in self:
            # The sales person's checks are done; the return transfers and the
            # replacement shipment belong to the warehouse, which he has no
            # rights on: only they are written as the system.
            ret.sudo()._create_return_pickings()
            ret._b2b_write_action({"state": "confirmed"})
            if ret.is_exchange:
                ret.sudo()._create_exchange_shipment()
        return True

    def _create_return_pickings(self):
        self.ensure_one()
        if self.kind == "free":
            self.picking_ids = self._create_free_picking()
            return
        allocation = {}
        for line in self.line_ids:
            for move, (qty, lots) in line._allocate_on_moves().items():
                entry = allocation.setdefault(move.picking_id, {})
                entry[move] = (qty, lots)
        pickings = self.env["stock.picking"]
        for picking, moves in allocation.items():
            pickings |= self._create_picking_return(picking, moves)
        self.picking_ids = pickings

    def _create_picking_return(self, picking, moves):
        wizard = (
            self.env["stock.return.picking"]
            .with_context(
                active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
            )
            .create({})
        )
        for wizard_line in wizard.product_return_moves:
            qty = moves.get(wizard_line.move_id, (0.0, None))[0]
            wizard_line.write(self._prepare_wizard_line_vals(wizard_line.move_id, qty))
        if self.is_exchange:
            action = wizard.action_create_exchanges()
        else:
            action = wizard.action_create_returns()
        new_picking = self.env["stock.picking"].browse(action["res_id"])
        for return_move in new_picking.move_ids:
            lots = moves.get(return_move.origin_returned_move_id, (0.0, None))[1]
            if lots:
                self._set_move_lots(return_move, lots)
        return new_picking

    def _prepare_wizard_line_vals(self, move, quantity):
        return {
            "quantity": move.product_id.uom_id._compute_quantity(quantity, move.product_uom),
            "to_refund": self.to_refund,
        }

    def _set_move_lots(self, move, lots):
        move.move_line_ids.unlink()
        if move.product_id.tracking == "serial":
            vals = [dict(move._prepare_move_line_vals(quantity=1.0), lot_id=lot.id) for lot in lots]
        else:
            vals = [
                dict(move._prepare_move_line_vals(quantity=move.product_qty), lot_id=lots[0].id)
            ]
        move.move_line_ids = [Command.create(v) for v in vals]

    def _prepare_free_picking_vals(self):
        self.ensure_one()
        picking_type = self.warehouse_id.in_type_id
        return {
            "picking_type_id": picking_type.id,
            "partner_id": self.partner_id.id,
            "location_id": self.partner_id.property_stock_customer.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
            "origin": self.name,
            "move_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.quantity,
                        "product_uom": line.product_id.uom_id.id,
                        "location_id": self.partner_id.property_stock_customer.id,
                        "location_dest_id": picking_type.default_location_dest_id.id,
                    }
                )
                for line in self.line_ids
            ],
        }

    def _create_free_picking(self):
        picking = self.env["stock.picking"].create(self._prepare_free_picking_vals())
        picking.action_confirm()
        picking.action_assign()
        for move, line in zip(picking.move_ids, self.line_ids, strict=True):
            if line.lot_ids:
                self._set_move_lots(move, line.lot_ids)
        return picking

    def _create_exchange_shipment(self):
        self.ensure_one()
        quantities = {}
        for line in self.line_ids:
            quantities[line.sale_line_id] = quantities.get(line.sale_line_id, 0.0) + line.quantity
        orders = self.line_ids.sale_line_id.order_id
        shipment = orders._create_b2b_shipment(quantities=quantities)
        shipment.return_id = self
        if shipment.kind == "notice":
            shipment.action_send()
        return shipment

    def action_receive(self):
        """The returned goods arrived: validate the return transfers."""
        self._check_can_receive()
        wrong = self.filtered(lambda r: r.state != "confirmed")
        if wrong:
            raise UserError(
                self.env._(
                    "Returns %(names)s are not waiting for receipt.",
                    names=", ".join(wrong.mapped("name")),
                )
            )
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in pickings.move_ids:
            if move.product_uom.is_zero(move.quantity):
                move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True).button_validate()
        self._b2b_write_action({"state": "done"})
        return True

    def _check_can_receive(self):
        """Receiving goods into a warehouse is the shipping staff's: sales
        people create and confirm returns, they do not validate stock."""
        if self.env.su or self.env.user.has_group("sales_inventory_b2b.group_b2b_shipping"):
            return
        raise AccessError(
            self.env._(
                "Only shipping staff may receive the goods of returns %(names)s.",
                names=", ".join(self.mapped("name")),
            )
        )

    def action_cancel(self):
        wrong = self.filtered(lambda r: r.state == "done")
        if wrong:
            raise UserError(
                self.env._(
                    "Returns %(names)s are received and cannot be cancelled.",
                    names=", ".join(wrong.mapped("name")),
                )
            )
        self.picking_ids.filtered(lambda p: p.state != "done").action_cancel()
        self._b2b_write_action({"state": "cancel"})
        return True
