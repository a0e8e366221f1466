# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales & Inventory B2B",
    "summary": "B2B ordering modes, stock checks on order submission, "
    "frozen inventory, ERP availability, shipping notices, receipts and returns",
    "version": "19.0.2.0.0",
    "development_status": "Beta",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["document_write_policy_sale", "sale_stock"],
    "data": [
        "security/sales_inventory_b2b_security.xml",
        "security/ir.model.access.csv",
        "data/sale_b2b_order_type_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/sale_b2b_order_type_views.xml",
        "views/sale_b2b_shortage_views.xml",
        "views/sale_b2b_reservation_views.xml",
        "wizards/sale_b2b_reservation_adjust_views.xml",
        "wizards/sale_b2b_confirm_override_views.xml",
        "views/sale_b2b_shipment_views.xml",
        "views/sale_b2b_return_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/sales_inventory_b2b_menus.xml",
        "security/sale_b2b_warehouse_rule_security.xml",
        "views/sale_b2b_warehouse_rule_views.xml",
    ],
    "demo": [
        "demo/sales_inventory_b2b_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_inventory_b2b/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "post_init_hook": "post_init_hook",
}
