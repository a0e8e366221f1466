# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPricingFreshDatabase(TransactionCase):
    """On the database this addon was just installed in (no accounting test
    company, no demo): switching pricelists on for payer agreements leaves a
    customer's ordinary quotation at the list price."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.sales_manager = new_test_user(
            cls.env, login="ws_fresh_manager", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, login="ws_fresh_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Teat cup liner", "list_price": 100.0, "type": "consu"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Fresh Dairy", "is_company": True})

    def _create_agreement_as_readme_says(self):
        """CONFIGURE step 2, as the sales manager: a pricelist with the claim price."""
        return (
            self.env["product.pricelist"]
            .with_user(self.sales_manager)
            .create(
                {
                    "name": "Robot Works claim agreement",
                    "item_ids": [
                        Command.create(
                            {
                                "applied_on": "1_product",
                                "product_tmpl_id": self.part.product_tmpl_id.id,
                                "compute_price": "fixed",
                                "fixed_price": 80.0,
                            }
                        )
                    ],
                }
            )
        )

    def _quote(self):
        """The salesman quotes the part to a customer without a pricelist."""
        with Form(self.env["sale.order"].with_user(self.salesman)) as order:
            order.partner_id = self.customer
            with order.order_line.new() as line:
                line.product_id = self.part
        return order.record

    def test_install_leaves_pricing_as_it_was(self):
        """Installing the addon does not switch Odoo's pricelists on: ordinary
        sales are priced exactly as before, with no pricelist to look up."""
        self.assertFalse(self.salesman.has_group("product.group_product_pricelist"))
        self.assertFalse(self._quote().pricelist_id)

    def test_agreements_survive_the_pricelist_setting(self):
        agreement = self._create_agreement_as_readme_says()
        agreement.is_warranty_agreement = True
        settings = self.env["res.config.settings"].create({"group_product_pricelist": False})
        settings.execute()
        self.assertTrue(agreement.active)

    def test_ordinary_quotation_keeps_list_price(self):
        agreement = self._create_agreement_as_readme_says()
        order = self._quote()
        self.assertNotEqual(order.pricelist_id, agreement)
        self.assertEqual(order.order_line.price_unit, 100.0)

    def test_agreement_used_by_a_warranty_is_nobodys_default(self):
        agreement = self._create_agreement_as_readme_says()
        # The agreement comes first in Odoo's order of pricelists...
        agreement.sequence = 1
        robot = self.env["product.product"].create({"name": "Milking robot", "type": "consu"})
        equipment = self.env["maintenance.equipment"].create(
            {"name": "Robot", "customer_id": self.customer.id, "product_id": robot.id}
        )
        warranty_type = self.env["warranty.type"].create(
            {"code": "FR", "name": "Fresh", "warranty_months": 12, "goodwill_months": 6}
        )
        self.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": equipment.id,
                "type_id": warranty_type.id,
                "date_start": date.today(),
                "payer_id": self.customer.id,
                "pricelist_id": agreement.id,
            }
        )
        # ...but once it is a payer agreement Odoo never gives it to a customer.
        self.assertTrue(agreement.is_warranty_agreement)
        self.assertNotEqual(self.customer.property_product_pricelist, agreement)
        self.assertNotEqual(
            self.env["res.partner"].create({"name": "New"}).property_product_pricelist, agreement
        )
        order = self._quote()
        self.assertNotEqual(order.pricelist_id, agreement)
        self.assertEqual(order.order_line.price_unit, 100.0)
