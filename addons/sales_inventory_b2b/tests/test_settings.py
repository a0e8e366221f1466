# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import B2bCommon


class TestSettings(B2bCommon):
    def test_SI_01_defaults_of_a_new_company(self):
        company = self.env["res.company"].create({"name": "Fresh B2B Company"})
        self.assertRecordValues(
            company,
            [
                {
                    "b2b_inventory_mode": "standalone",
                    "b2b_ordering_mode": "single",
                    "b2b_validation_rule": "block",
                    "b2b_show_available": False,
                    "b2b_reserve_inventory": False,
                    "b2b_erp_fallback": "odoo",
                    "b2b_shipping_mode": "notice",
                    "b2b_shipping_population": "auto",
                    "b2b_multi_order_shipping": False,
                    "b2b_receipt_confirmation": "manual",
                    "b2b_receipt_confirmation_days": 7,
                    "b2b_order_return_rule": "several",
                    "b2b_shipment_returns": False,
                    "b2b_source_free_returns": False,
                    "b2b_exchanges": False,
                }
            ],
        )
        settings = self.env["res.config.settings"].with_company(company).create({})
        self.assertEqual(settings.b2b_inventory_mode, "standalone")
        self.assertEqual(settings.b2b_erp_timeout, 5.0)

    def test_SI_01_settings_are_saved_per_company(self):
        settings = self.env["res.config.settings"].create(
            {
                "b2b_inventory_mode": "erp",
                "b2b_erp_url": "http://127.0.0.1:1/availability",
                "b2b_erp_username": "odoo",
                "b2b_erp_timeout": 2.5,
                "b2b_erp_fallback": "block",
                "b2b_ordering_mode": "consolidated",
                "b2b_validation_rule": "allow",
                "b2b_show_available": True,
                "b2b_reserve_inventory": True,
                "b2b_receipt_confirmation": "timeout",
                "b2b_receipt_confirmation_days": 3,
            }
        )
        settings.execute()
        self.assertRecordValues(
            self.company,
            [
                {
                    "b2b_inventory_mode": "erp",
                    "b2b_erp_fallback": "block",
                    "b2b_ordering_mode": "consolidated",
                    "b2b_validation_rule": "allow",
                    "b2b_show_available": True,
                    "b2b_reserve_inventory": True,
                    "b2b_receipt_confirmation": "timeout",
                    "b2b_receipt_confirmation_days": 3,
                }
            ],
        )
        params = self.env["ir.config_parameter"]
        self.assertEqual(
            params.get_param("sales_inventory_b2b.erp_url"),
            "http://127.0.0.1:1/availability",
        )
        self.assertEqual(params.get_param("sales_inventory_b2b.erp_timeout"), "2.5")
        other = self.env["res.company"].create({"name": "Other B2B Company"})
        self.assertEqual(other.b2b_inventory_mode, "standalone")

    def test_SI_01_standalone_checks_odoo_stock(self):
        order = self.create_order([(self.product, 10)])
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_availability_source, "odoo")

    def test_SI_01_order_types_default_and_override(self):
        order = self.create_order([(self.product, 1)])
        self.assertEqual(order.b2b_order_type_id, self.default_type)
        self.assertEqual(order.b2b_ordering_mode, "single")
        self.assertEqual(order.b2b_validation_rule, "block")
        order_type = self.env["sale.b2b.order.type"].create(
            {
                "name": "Distributor",
                "ordering_mode": "consolidated",
                "validation_rule": "allow",
            }
        )
        order.b2b_order_type_id = order_type
        self.assertEqual(order.b2b_ordering_mode, "consolidated")
        self.assertEqual(order.b2b_validation_rule, "allow")
        with self.assertRaisesRegex(Exception, "Only one default order type"):
            order_type.is_default = True
