# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command

from odoo.addons.spare_parts_base.tests.common import SparePartsCommon


class SaleBillingCommon(SparePartsCommon):
    """Adds to the base fixtures: ``biller`` (Spare Parts Administrator with
    Sales rights), the customer's pricelist ``acme_prices`` (filters 20.0, boards
    150.0; list prices 25.0 and 200.0), the service product ``labour`` (60.0 an
    hour) and a sales journal for invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.biller = cls._new_user(
            "sp_biller",
            "spare_parts_base.group_spare_parts_admin,sales_team.group_sale_salesman_all_leads",
        )
        cls.part_plain.list_price = 25.0
        cls.part_serial.list_price = 200.0
        cls.labour = cls.env["product.product"].create(
            {
                "name": "Field Service Labour",
                "type": "service",
                "list_price": 60.0,
                "uom_id": cls.env.ref("uom.product_uom_hour").id,
            }
        )
        # Customer pricelists are an option of Sales settings: on here.
        cls.env.ref("base.group_user").implied_ids |= cls.env.ref("product.group_product_pricelist")
        # ...with the default pricelist Settings gives each company when switching it on.
        cls.env["res.company"]._activate_or_create_pricelists()
        cls.acme_prices = cls.env["product.pricelist"].create(
            {
                "name": "Acme prices",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": product.id,
                            "compute_price": "fixed",
                            "fixed_price": price,
                        }
                    )
                    for product, price in ((cls.part_plain, 20.0), (cls.part_serial, 150.0))
                ],
            }
        )
        cls.customer.property_product_pricelist = cls.acme_prices
        if not cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", cls.company, install_demo=False
            )

    def _consume(self, ticket, lines):
        """lines: [(product, qty, lot or None)] consumed by the work order's engineer."""
        created = self.env["spare.parts.line"]
        for product, qty, lot in lines:
            created |= self._add_line(ticket, product, qty, lot=lot)
        created.with_user(ticket.engineer_id).action_consume()
        return created

    def _as(self, user, records):
        """``records`` as ``user`` in a fresh cache, as a new request would see them."""
        self.env.invalidate_all()
        return records.with_user(user)

    def _reopen(self, ticket):
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
