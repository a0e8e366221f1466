# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Command


class SaleB2bReturn(models.Model):
    """The distributor's side of a return: he requests it on the portal, the
    sales person finds it as a draft with an activity, and the distributor
    follows its status. Every check a sales person's return passes, the
    request passes when it is made."""

    _name = "sale.b2b.return"
    _inherit = ["sale.b2b.return", "portal.mixin"]
    # the customer who reads his return on the portal may write about it
    _mail_post_access = "read"

    def _get_action_fields(self):
        return super()._get_action_fields() | {"access_token"}

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ret in self:
            ret.access_url = f"/my/b2b_returns/{ret.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Return %(name)s", name=self.name)

    # ------------------------------------------------------------------
    # What the customer may return from
    # ------------------------------------------------------------------
    @api.model
    def _portal_get_allowed_kinds(self, company):
        """The return kinds the company's rules (SI-12..15) offer customers."""
        kinds = ["order"]
        if company.b2b_shipment_returns:
            kinds.append("shipment")
        if company.b2b_source_free_returns:
            kinds.append("free")
        return kinds

    @api.model
    def _portal_get_orders(self, partner):
        """Confirmed orders of the customer that delivered something."""
        return self.env["sale.order"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.ids),
                ("state", "=", "sale"),
                ("order_line.qty_delivered", ">", 0),
            ]
        )

    @api.model
    def _portal_get_shipments(self, partner):
        return self.env["sale.b2b.shipment"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.ids),
                ("state", "=", "done"),
            ]
        )

    @api.model
    def _portal_get_free_products(self, partner):
        """Source-free returns take back what the customer was delivered."""
        lines = self.env["sale.order.line"].search(
            [
                ("order_id.partner_id", "child_of", partner.commercial_partner_id.ids),
                ("qty_delivered", ">", 0),
            ]
        )
        return lines.product_id.filtered("is_storable")

    @api.model
    def _portal_get_free_warehouse(self, partner, company):
        """Goods without a source go back to the warehouse that last delivered
        to the customer, else to the company's first warehouse."""
        last_delivery = self.env["stock.picking"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.ids),
                ("company_id", "=", company.id),
                ("picking_type_code", "=", "outgoing"),
                ("state", "=", "done"),
            ],
            order="date_done desc, id desc",
            limit=1,
        )
        return last_delivery.picking_type_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )

    # ------------------------------------------------------------------
    # The request
    # ------------------------------------------------------------------
    @api.model
    def _portal_create_request(self, partner, request):
        """Create the draft return ``partner`` (a portal user's partner)
        requests, or raise a ``UserError`` saying why not.

        ``request``: ``{"kind", "source_id", "lines": [{"id", "quantity",
        "serials"}], "is_exchange", "reason"}`` where a line's ``id`` is an
        order line (order), a shipment line (shipment) or a product (free).
        Runs as the system: every reference is checked against what the
        customer's commercial partner owns first."""
        kind = request.get("kind")
        source = self._portal_get_source(partner, kind, request.get("source_id"))
        company = source.company_id if source else self.env.company
        if kind not in self._portal_get_allowed_kinds(company):
            raise UserError(self.env._("This kind of return is not offered."))
        line_vals = [
            self._portal_prepare_line_vals(partner, kind, source, line)
            for line in request.get("lines", [])
            if self._portal_parse_quantity(line.get("quantity")) > 0
        ]
        if not line_vals:
            raise UserError(self.env._("Enter the quantity to return on at least one line."))
        vals = self._portal_prepare_request_vals(partner, kind, source, request, line_vals)
        ret = self.create(vals)
        ret._check_rules()
        ret.line_ids._check_returnable()
        ret._portal_notify_request()
        return ret

    @api.model
    def _portal_get_source(self, partner, kind, source_id):
        if kind == "free":
            return None
        if kind == "order":
            candidates = self._portal_get_orders(partner)
        elif kind == "shipment":
            candidates = self._portal_get_shipments(partner)
        else:
            raise UserError(self.env._("Unknown kind of return."))
        source = candidates.filtered(lambda r: r.id == self._portal_parse_id(source_id))
        if not source:
            raise UserError(self.env._("This order or shipment cannot be returned from."))
        return source

    @api.model
    def _portal_parse_id(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    @api.model
    def _portal_parse_quantity(self, value):
        try:
            quantity = float(value or 0.0)
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("Quantities must be numbers.")) from error
        if quantity != quantity or quantity in (float("inf"), float("-inf")):
            raise UserError(self.env._("Quantities must be numbers."))
        return quantity

    @api.model
    def _portal_prepare_line_vals(self, partner, kind, source, line):
        quantity = self._portal_parse_quantity(line.get("quantity"))
        line_id = self._portal_parse_id(line.get("id"))
        if kind == "order":
            sale_line = source.order_line.filtered(lambda x: x.id == line_id)
            if not sale_line:
                raise UserError(self.env._("This line is not on order %(name)s.", name=source.name))
            vals = {"sale_line_id": sale_line.id}
            product = sale_line.product_id
        elif kind == "shipment":
            shipment_line = source.line_ids.filtered(lambda x: x.id == line_id)
            if not shipment_line:
                raise UserError(
                    self.env._("This line is not on shipment %(name)s.", name=source.name)
                )
            vals = {"shipment_line_id": shipment_line.id}
            product = shipment_line.product_id
        else:
            product = self._portal_get_free_products(partner).filtered(lambda p: p.id == line_id)
            if not product:
                raise UserError(self.env._("This product cannot be returned."))
            vals = {"product_id": product.id}
        vals["quantity"] = quantity
        serials = self._portal_find_serials(product, line.get("serials"))
        if serials:
            vals["lot_ids"] = [Command.set(serials.ids)]
        return vals

    @api.model
    def _portal_find_serials(self, product, text):
        """Serial/lot numbers typed by the customer, separated by commas,
        spaces or new lines; an unknown one refuses the request."""
        names = {name for name in (text or "").replace(",", " ").split() if name}
        if not names:
            return self.env["stock.lot"]
        lots = self.env["stock.lot"].search(
            [
                ("product_id", "=", product.id),
                ("name", "in", sorted(names)),
                ("company_id", "in", [False, self.env.company.id]),
            ]
        )
        unknown = names - set(lots.mapped("name"))
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown serial/lot number(s) %(names)s for %(product)s.",
                    names=", ".join(sorted(unknown)),
                    product=product.display_name,
                )
            )
        return lots

    @api.model
    def _portal_prepare_request_vals(self, partner, kind, source, request, line_vals):
        commercial = partner.commercial_partner_id
        company = source.company_id if source else self.env.company
        is_exchange = bool(request.get("is_exchange")) and company.b2b_exchanges
        vals = {
            "kind": kind,
            "company_id": company.id,
            "partner_id": commercial.id,
            "is_exchange": is_exchange and kind != "free",
            "reason": (request.get("reason") or "").strip()[:200] or False,
            "line_ids": [Command.create(v) for v in line_vals],
        }
        if kind == "shipment":
            vals["shipment_id"] = source.id
        if kind == "free":
            vals["warehouse_id"] = self._portal_get_free_warehouse(partner, company).id
        return vals

    def _get_request_responsible(self):
        """Who handles a customer's request: the sales person of the order,
        else the customer's sales person, else an order administrator."""
        self.ensure_one()
        return (
            self.line_ids.sale_line_id.order_id.user_id[:1]
            or self.partner_id.commercial_partner_id.user_id
            or self.env.ref("sales_inventory_b2b.group_b2b_order_admin").user_ids.filtered(
                lambda u: self.company_id in u.company_ids and not u.share
            )[:1]
        )

    def _portal_notify_request(self):
        self.ensure_one()
        self.message_post(
            body=self.env._("Return requested by the customer on the portal."),
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        responsible = self._get_request_responsible()
        if responsible:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Review the customer's return request"),
                user_id=responsible.id,
            )
