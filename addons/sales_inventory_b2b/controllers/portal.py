# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

SHIPMENT = "sale.b2b.shipment"
RETURN = "sale.b2b.return"


class B2bCustomerPortal(CustomerPortal):
    """The distributor's shipments, receipts and returns under ``/my``.

    Lists and actions run as the portal user, so Odoo's record rules decide
    what he sees (his commercial partner's documents); a shared link with an
    access token shows a document, it never confirms or requests anything."""

    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        for counter, model, domain in (
            ("b2b_shipment_count", SHIPMENT, self._prepare_b2b_shipments_domain(partner)),
            ("b2b_return_count", RETURN, self._prepare_b2b_returns_domain(partner)),
        ):
            if counter in counters:
                Model = request.env[model]
                values[counter] = (
                    Model.search_count(domain, limit=1) if Model.has_access("read") else 0
                )
        return values

    def _prepare_b2b_shipments_domain(self, partner):
        return [
            ("partner_id", "child_of", partner.commercial_partner_id.ids),
            ("state", "in", ("pending", "done")),
        ]

    def _prepare_b2b_returns_domain(self, partner):
        return [("partner_id", "child_of", partner.commercial_partner_id.ids)]

    # ------------------------------------------------------------------
    # Lists
    # ------------------------------------------------------------------
    def _get_b2b_shipment_searchbar_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "id desc"},
            "name": {"label": request.env._("Reference"), "order": "name"},
        }

    def _get_b2b_shipment_searchbar_filters(self):
        return {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {
                "label": request.env._("To Ship"),
                "domain": [("state", "=", "pending")],
            },
            "in_transit": {
                "label": request.env._("To Confirm"),
                "domain": [("state", "=", "done"), ("receipt_state", "=", "pending")],
            },
            "received": {
                "label": request.env._("Received"),
                "domain": [("receipt_state", "=", "confirmed")],
            },
        }

    def _get_b2b_searchbar_inputs(self):
        return {
            "name": {"input": "name", "label": request.env._("Search in Reference")},
            "order": {"input": "order", "label": request.env._("Search in Orders")},
        }

    def _get_b2b_search_domain(self, search_in, search):
        if not search:
            return []
        if search_in == "order":
            return [("line_ids.order_id.name", "ilike", search)]
        return [("name", "ilike", search)]

    def _render_b2b_list(self, model, url, domain, template, page, sortby, filterby, **kw):
        Model = request.env[model]
        sortings = (
            self._get_b2b_shipment_searchbar_sortings()
            if model == SHIPMENT
            else {"date": {"label": request.env._("Newest"), "order": "id desc"}}
        )
        filters = self._get_b2b_shipment_searchbar_filters() if model == SHIPMENT else {}
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = kw.get("search_in") if kw.get("search_in") in ("name", "order") else "name"
        search = kw.get("search") or ""
        if filters:
            domain = domain + filters[filterby]["domain"]
        domain = domain + self._get_b2b_search_domain(search_in, search)
        can_read = Model.has_access("read")
        pager = portal_pager(
            url=url,
            total=Model.search_count(domain) if can_read else 0,
            page=page,
            step=self._items_per_page,
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
        )
        records = (
            Model.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if can_read
            else Model
        )
        request.session[f"my_{model.replace('.', '_')}_history"] = records.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": records.sudo(),
                "page_name": "b2b_shipment" if model == SHIPMENT else "b2b_return",
                "pager": pager,
                "default_url": url,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": self._get_b2b_searchbar_inputs(),
                "search_in": search_in,
                "search": search,
            }
        )
        return request.render(template, values)

    @http.route(
        ["/my/b2b_shipments", "/my/b2b_shipments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_b2b_shipments(self, page=1, sortby=None, filterby=None, **kw):
        partner = request.env.user.partner_id
        return self._render_b2b_list(
            SHIPMENT,
            "/my/b2b_shipments",
            self._prepare_b2b_shipments_domain(partner),
            "sales_inventory_b2b.portal_my_b2b_shipments",
            page,
            sortby,
            filterby,
            **kw,
        )

    @http.route(
        ["/my/b2b_returns", "/my/b2b_returns/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_b2b_returns(self, page=1, sortby=None, **kw):
        partner = request.env.user.partner_id
        return self._render_b2b_list(
            RETURN,
            "/my/b2b_returns",
            self._prepare_b2b_returns_domain(partner),
            "sales_inventory_b2b.portal_my_b2b_returns",
            page,
            sortby,
            None,
            **kw,
        )

    # ------------------------------------------------------------------
    # Shipment page, documents and receipt
    # ------------------------------------------------------------------
    def _b2b_shipment_check_access(self, shipment_id, access_token=None):
        shipment_sudo = self._document_check_access(SHIPMENT, shipment_id, access_token)
        if shipment_sudo.state not in ("pending", "done"):
            raise MissingError(request.env._("This document does not exist."))
        return shipment_sudo

    @http.route(["/my/b2b_shipments/<int:shipment_id>"], type="http", auth="public", website=True)
    def portal_my_b2b_shipment(
        self, shipment_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            shipment_sudo = self._b2b_shipment_check_access(shipment_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=shipment_sudo,
                report_type=report_type,
                report_ref="sales_inventory_b2b.action_report_b2b_shipment",
                download=download,
            )
        return self._render_b2b_shipment_page(shipment_sudo, access_token, **kw)

    def _render_b2b_shipment_page(self, shipment_sudo, access_token=None, receipt_error=None, **kw):
        values = {
            "shipment": shipment_sudo,
            "page_name": "b2b_shipment",
            "report_type": "html",
            "can_confirm_receipt": self._b2b_can_act(shipment_sudo)
            and shipment_sudo.receipt_state == "pending",
            "receipt_error": receipt_error,
        }
        values = self._get_page_view_values(
            shipment_sudo, access_token, values, "my_sale_b2b_shipment_history", False, **kw
        )
        return request.render("sales_inventory_b2b.portal_b2b_shipment_page", values)

    @http.route(
        ["/my/b2b_shipments/<int:shipment_id>/delivery_slip"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_b2b_shipment_delivery_slip(
        self, shipment_id, access_token=None, download=False, **kw
    ):
        try:
            shipment_sudo = self._b2b_shipment_check_access(shipment_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        pickings = shipment_sudo._get_portal_delivery_slips()
        if not pickings:
            raise NotFound()
        report = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(shipment_sudo.company_id)
            ._render_qweb_pdf("stock.action_report_delivery", pickings.ids)[0]
        )
        filename = "{}.pdf".format(
            re.sub(r"\W+", "_", request.env._("Delivery Slip %(name)s", name=shipment_sudo.name))
        )
        disposition = "attachment" if download else "inline"
        return request.make_response(
            report,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(report)),
                ("Content-Disposition", content_disposition(filename, disposition)),
            ],
        )

    def _b2b_can_act(self, document_sudo):
        """Actions are the logged-in customer's own: a shared link is not enough."""
        document = document_sudo.with_user(request.env.user)
        return not request.env.user._is_public() and document.has_access("read")

    @http.route(
        ["/my/b2b_shipments/<int:shipment_id>/confirm_receipt"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_b2b_shipment_confirm_receipt(self, shipment_id, note=None, **kw):
        try:
            shipment_sudo = self._b2b_shipment_check_access(shipment_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not self._b2b_can_act(shipment_sudo):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                shipment_sudo.with_user(request.env.user).sudo()._portal_confirm_receipt(note)
        except UserError as error:
            return self._render_b2b_shipment_page(shipment_sudo, receipt_error=error.args[0])
        return request.redirect(shipment_sudo.get_portal_url())

    # ------------------------------------------------------------------
    # Returns
    # ------------------------------------------------------------------
    @http.route(["/my/b2b_returns/<int:return_id>"], type="http", auth="public", website=True)
    def portal_my_b2b_return(self, return_id, access_token=None, **kw):
        try:
            return_sudo = self._document_check_access(RETURN, return_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = {"b2b_return": return_sudo, "page_name": "b2b_return", "report_type": "html"}
        values = self._get_page_view_values(
            return_sudo, access_token, values, "my_sale_b2b_return_history", False, **kw
        )
        return request.render("sales_inventory_b2b.portal_b2b_return_page", values)

    def _prepare_b2b_return_form_values(self, kind=None, source_id=None, error=None, post=None):
        partner = request.env.user.partner_id
        Return = request.env[RETURN].sudo()
        kinds = Return._portal_get_allowed_kinds(request.env.company)
        kind = kind if kind in kinds else None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_return_new",
                "kinds": kinds,
                "kind": kind,
                "orders": Return._portal_get_orders(partner),
                "shipments": Return._portal_get_shipments(partner)
                if "shipment" in kinds
                else request.env[SHIPMENT],
                "source": None,
                "lines": [],
                "error": error,
                "post": post or {},
                "allow_exchange": request.env.company.b2b_exchanges and kind != "free",
            }
        )
        if kind == "free":
            values["lines"] = Return._portal_get_free_products(partner)
        elif kind:
            try:
                source = Return._portal_get_source(partner, kind, source_id)
            except UserError:
                source = None
            if source:
                values["source"] = source
                values["lines"] = (
                    source.order_line.filtered(lambda x: x.qty_delivered > 0)
                    if kind == "order"
                    else source.line_ids.filtered(lambda x: x.qty_shipped > 0)
                )
        return values

    @http.route(["/my/b2b_returns/new"], type="http", auth="user", website=True)
    def portal_my_b2b_return_new(self, kind=None, source_id=None, **kw):
        if request.httprequest.method == "POST":
            return self._portal_b2b_return_submit(kind, source_id, kw)
        values = self._prepare_b2b_return_form_values(kind, source_id)
        return request.render("sales_inventory_b2b.portal_b2b_return_new", values)

    def _parse_b2b_return_lines(self, post):
        lines = []
        for key, quantity in post.items():
            match = re.fullmatch(r"qty_(\d+)", key)
            if match:
                line_id = match.group(1)
                lines.append(
                    {
                        "id": line_id,
                        "quantity": quantity,
                        "serials": post.get(f"serials_{line_id}"),
                    }
                )
        return lines

    def _portal_b2b_return_submit(self, kind, source_id, post):
        data = {
            "kind": kind,
            "source_id": source_id,
            "lines": self._parse_b2b_return_lines(post),
            "is_exchange": post.get("is_exchange"),
            "reason": post.get("reason"),
        }
        try:
            with request.env.cr.savepoint():
                ret = (
                    request.env[RETURN]
                    .sudo()
                    ._portal_create_request(request.env.user.partner_id, data)
                )
        except UserError as error:
            values = self._prepare_b2b_return_form_values(
                kind, source_id, error=error.args[0], post=post
            )
            return request.render("sales_inventory_b2b.portal_b2b_return_new", values)
        return request.redirect(ret.get_portal_url())
