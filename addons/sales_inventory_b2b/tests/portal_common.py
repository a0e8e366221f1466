# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from .common import B2bCommon


class B2bPortalCommon(B2bCommon):
    """Two distributors, each with a portal user (a contact of the company):
    distributor One (``partner``, ``portal_user``) ordered 4 switches and
    1 serial-tracked router and got 3 switches and the router (serial
    SN-PORTAL-1) in ``shipment``, the last switch waits in ``remainder``;
    distributor Two (``partner_two``, ``portal_user_two``) got 2 switches
    in ``shipment_two``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"b2b_shipment_returns": True, "b2b_source_free_returns": True})
        cls.router = cls.env["product.product"].create(
            {
                "name": "Serial Router",
                "default_code": "SR-1",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 300.0,
            }
        )
        cls.router_serial = cls.create_serials(cls.router, ["SN-PORTAL-1"])
        cls.partner_two = cls.env["res.partner"].create(
            {"name": "Distributor Two", "is_company": True}
        )
        cls.portal_user = cls._portal_user("portal_one", cls.partner, "Olga One")
        cls.portal_user_two = cls._portal_user("portal_two", cls.partner_two, "Tom Two")

        cls.order = cls.create_confirmed_order([(cls.product, 4), (cls.router, 1)])
        switch_line, router_line = cls.order.order_line
        notice = cls.notice_of(cls.order)
        staff_notice = notice.with_user(cls.shipping)
        staff_notice._apply_fulfilment(
            {
                staff_notice.line_ids.filtered(lambda x: x.sale_line_id == switch_line): (
                    3,
                    cls.env["stock.lot"],
                ),
                staff_notice.line_ids.filtered(lambda x: x.sale_line_id == router_line): (
                    1,
                    cls.router_serial,
                ),
            }
        )
        cls.shipment = notice
        cls.remainder = cls.notice_of(cls.order)
        cls.order_two = cls.create_confirmed_order([(cls.product, 2)], partner=cls.partner_two)
        cls.shipment_two = cls.notice_of(cls.order_two)
        cls.shipment_two.with_user(cls.shipping).action_register_fulfilment()
        cls.shipment.with_user(cls.shipping).write(
            {
                "carrier_name": "DHL Express",
                "tracking_ref": "JD0146",
                "tracking_url": "https://tracking.example.com/JD0146",
            }
        )

    @classmethod
    def _portal_user(cls, login, company, name):
        contact = cls.env["res.partner"].create({"name": name, "parent_id": company.id})
        return new_test_user(
            cls.env, login=login, groups="base.group_portal", partner_id=contact.id
        )
