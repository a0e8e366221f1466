# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools.misc import format_amount

from odoo.addons.document_write_policy.models.document_write_policy_mixin import lock_rows

from .sale_b2b_action_fields_mixin import ALL_FIELDS, SALES_GROUP, SHIPPING_GROUP
from .sale_b2b_tracking_mixin import TRACKING_FIELDS

RETURN_KINDS = [
    ("order", "Order-Based"),
    ("shipment", "Shipment-Based"),
    ("free", "Source-Free"),
]
# Who may read credit notes (the smart button and its count).
REFUND_READERS = (
    "sales_team.group_sale_salesman,account.group_account_invoice,account.group_account_readonly"
)


class SaleB2bReturn(models.Model):
    """A customer return (SI-12 .. SI-15). Order- and shipment-based returns
    go through Odoo's ``stock.return.picking`` on the delivered transfers, so
    returned quantities lower the delivered quantities of the order lines
    (``to_refund``) and can be credited by the standard invoicing; an
    exchange also ships a replacement (Odoo's exchange procurement) under a
    new shipment. A source-free return has no order to invoice again: when
    it is received it drafts its own credit note (``refund_ids``)."""

    _name = "sale.b2b.return"
    _description = "B2B Return"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sale.b2b.action.fields.mixin",
        "sale.b2b.tracking.mixin",
    ]
    # The transfers a receipt validates are the ones the return created.
    # The credit notes are the ones its receipt drafted.
    _b2b_action_fields = ("state", "picking_ids", "refund_ids")
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
        string="Refund",
        default=True,
        help="Order- and shipment-based returns lower the delivered quantities of "
        "the order lines, so that invoicing the order credits the returned goods. "
        "A source-free return drafts a credit note for the customer when its goods "
        "are received.",
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
    refund_ids = fields.Many2many(
        "account.move",
        "sale_b2b_return_account_move_rel",
        "return_id",
        "move_id",
        string="Credit Notes",
        readonly=True,
        copy=False,
        groups=REFUND_READERS,
    )
    refund_count = fields.Integer(
        string="Credit Note Count", compute="_compute_refund_count", groups=REFUND_READERS
    )

    def _get_write_policy(self):
        """Sales people and shipping staff prepare a draft; once confirmed
        only the reason, the carrier and the tracking stay open, and a
        cancelled return is closed."""
        roles = (SALES_GROUP, SHIPPING_GROUP)
        open_fields = {"reason"} | TRACKING_FIELDS
        return {
            "draft": dict.fromkeys(roles, ALL_FIELDS),
            "confirmed": dict.fromkeys(roles, open_fields),
            "done": dict.fromkeys(roles, open_fields),
            "cancel": dict.fromkeys(roles, set()),
        }

    @api.depends("line_ids.sale_line_id")
    def _compute_order_ids(self):
        for ret in self:
            ret.order_ids = ret.line_ids.sale_line_id.order_id

    @api.depends("refund_ids")
    def _compute_refund_count(self):
        for ret in self:
            ret.refund_count = len(ret.refund_ids)

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
        """The returned goods arrived: validate the return transfers, then
        draft the credit notes of the source-free returns. Receiving happens
        once: two receipts pressed at once of the same return are serialized
        (``lock_rows``), the second one finds it received."""
        self._check_can_receive()
        lock_rows(self)
        wrong = self.filtered(lambda r: r.state != "confirmed")
        if wrong:
            raise UserError(
                self.env._(
                    "Returns %(names)s are not waiting for receipt.",
                    names=", ".join(wrong.mapped("name")),
                )
            )
        self._check_can_refund()
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in pickings.move_ids:
            if move.product_uom.is_zero(move.quantity):
                move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True).button_validate()
        self._b2b_write_action({"state": "done"})
        self._create_refunds()
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

    # ------------------------------------------------------------------
    # Credit notes of source-free returns (SI-14)
    # ------------------------------------------------------------------
    def _skip_refund(self):
        """Only a source-free return ticked Refund drafts its own credit
        note, and only once: the other returns are credited by invoicing
        their orders (their delivered quantities went down)."""
        self.ensure_one()
        return self.kind != "free" or not self.to_refund or bool(self.sudo().refund_ids)

    def _check_can_refund(self):
        """Refuse the receipt, before any stock moves, when a credit note to
        draft would find no customer invoice journal."""
        to_refund = self.filtered(lambda r: not r._skip_refund())
        # sudo: the receiving staff need not read the accounting setup
        Journal = self.env["account.journal"].sudo()
        for company in to_refund.company_id:
            domain = [*Journal._check_company_domain(company), ("type", "=", "sale")]
            if not Journal.search_count(domain, limit=1):
                returns = to_refund.filtered(lambda r, c=company: r.company_id == c)
                raise UserError(
                    self.env._(
                        "Returns %(names)s cannot be received: their credit notes need a "
                        "customer invoice journal in %(company)s. Set up the accounting of "
                        "the company, or untick Refund.",
                        names=", ".join(returns.mapped("name")),
                        company=company.name,
                    )
                )

    def _create_refunds(self):
        """Draft the credit note of each received source-free return."""
        refunds = self.env["account.move"].sudo()
        for ret in self.filtered(lambda r: not r._skip_refund()):
            refunds |= ret._create_refund()
        return refunds

    def _create_refund(self):
        self.ensure_one()
        # sudo: the shipping staff receiving the goods has no accounting
        # rights; the credit note stays a draft for accounting to check and
        # post, priced from data the receiver need not read (prices, taxes)
        vals = self.sudo()._prepare_refund_vals()
        refund = self.env["account.move"].sudo().with_company(self.company_id).create(vals)
        self._b2b_write_action({"refund_ids": [Command.link(refund.id)]})
        self.message_post(
            body=self.env._(
                "Credit note %(refund)s drafted for %(customer)s: %(untaxed)s untaxed, "
                "%(total)s with taxes.",
                refund=refund._get_html_link(),
                customer=refund.partner_id.display_name,
                untaxed=format_amount(self.env, refund.amount_untaxed, refund.currency_id),
                total=format_amount(self.env, refund.amount_total, refund.currency_id),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return refund

    def _get_refund_partner(self):
        """The customer credited: the commercial entity of the return's partner."""
        self.ensure_one()
        return self.partner_id.commercial_partner_id

    def _get_refund_fiscal_position(self):
        """The fiscal position Odoo gives an invoice of the customer."""
        self.ensure_one()
        return (
            self.env["account.fiscal.position"]
            .with_company(self.company_id)
            ._get_fiscal_position(self._get_refund_partner(), delivery=self.partner_id)
        )

    def _prepare_refund_vals(self):
        """Values of the draft credit note (``account.move``) of this return,
        in the company currency."""
        self.ensure_one()
        partner = self._get_refund_partner()
        # whoever sells to the customer follows the credit note (not a portal user)
        responsible = (partner.user_id or self.create_uid).filtered(lambda u: not u.share)
        return {
            "move_type": "out_refund",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "currency_id": self.company_id.currency_id.id,
            "fiscal_position_id": self._get_refund_fiscal_position().id,
            "invoice_origin": self.name,
            "ref": self.reason or False,
            "invoice_user_id": responsible.id,
            "invoice_line_ids": [
                Command.create(self._prepare_refund_line_vals(line)) for line in self.line_ids
            ],
        }

    def _prepare_refund_line_vals(self, line):
        """One credit note line per return line, in the product's unit, with
        the product's customer taxes mapped by the fiscal position."""
        self.ensure_one()
        product = line.product_id
        taxes = self._get_refund_fiscal_position().map_tax(
            product.taxes_id._filter_taxes_by_company(self.company_id)
        )
        return {
            "product_id": product.id,
            "quantity": line.quantity,
            "product_uom_id": product.uom_id.id,
            "price_unit": self._get_refund_price(line),
            "tax_ids": [Command.set(taxes.ids)],
        }

    def _get_refund_price(self, line):
        """Unit price credited for ``line`` (per unit of the product, in the
        company currency), as the company's Source-Free Refund Price says:
        the customer's pricelist, or his last sale price of the product,
        falling back to the pricelist when he never bought it."""
        self.ensure_one()
        if self.company_id.b2b_return_refund_price == "last_sale":
            sale_line = self._get_last_sale_line(line.product_id)
            if sale_line:
                return self._get_sale_line_refund_price(sale_line)
        return self._get_pricelist_refund_price(line)

    def _get_last_sale_line(self, product):
        """The customer's most recent confirmed order line of ``product``."""
        self.ensure_one()
        return self.env["sale.order.line"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("order_partner_id", "child_of", self._get_refund_partner().ids),
                ("product_id", "=", product.id),
                ("state", "=", "sale"),
                ("display_type", "=", False),
                ("is_downpayment", "=", False),
            ],
            # the orders' own order: newest first
            order="order_id, id desc",
            limit=1,
        )

    def _get_sale_line_refund_price(self, sale_line):
        """The net unit price of ``sale_line`` (after its discount), per unit
        of the product, in the company currency."""
        self.ensure_one()
        company = self.company_id
        price = sale_line.price_unit * (1.0 - (sale_line.discount or 0.0) / 100.0)
        price = sale_line.product_uom_id._compute_price(price, sale_line.product_id.uom_id)
        if sale_line.currency_id != company.currency_id:
            price = sale_line.currency_id._convert(
                price,
                company.currency_id,
                company,
                fields.Date.to_date(sale_line.order_id.date_order),
                round=False,
            )
        return price

    def _get_pricelist_refund_price(self, line):
        """The customer's pricelist price of ``line`` today, for its quantity,
        as an order of the customer would get it (list price without a
        pricelist; included taxes adapted to the fiscal position)."""
        self.ensure_one()
        company = self.company_id
        product = line.product_id.with_company(company)
        pricelist = self._get_refund_partner().with_company(company).property_product_pricelist
        price = pricelist._get_product_price(
            product,
            line.quantity or 1.0,
            currency=company.currency_id,
            uom=product.uom_id,
            date=fields.Datetime.now(),
        )
        return product._get_tax_included_unit_price_from_price(
            price,
            product.taxes_id._filter_taxes_by_company(company),
            fiscal_position=self._get_refund_fiscal_position(),
        )

    def action_view_refunds(self):
        """Smart button: the credit notes drafted by this return."""
        self.ensure_one()
        refunds = self.refund_ids
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Credit Notes"),
            "res_model": "account.move",
            "context": {"default_move_type": "out_refund", "create": False},
        }
        form = self.env.ref("account.view_move_form").id
        if len(refunds) == 1:
            action.update(view_mode="form", views=[(form, "form")], res_id=refunds.id)
        else:
            action.update(
                view_mode="list,form",
                views=[(self.env.ref("account.view_out_invoice_tree").id, "list"), (form, "form")],
                domain=[("id", "in", refunds.ids)],
            )
        return action

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
