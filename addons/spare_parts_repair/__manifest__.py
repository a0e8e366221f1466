# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Spare Parts Repair",
    "summary": "Plan and run the refurbishment of defective parts back into serviceable "
    "stock (Advanced mode)",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Services/Field Service",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["spare_parts_personal_wh", "repair"],
    "data": [
        "security/ir.model.access.csv",
        "security/spare_parts_repair_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "wizards/spare_parts_repair_scrap_views.xml",
        "views/spare_parts_repair_plan_views.xml",
        "views/repair_order_views.xml",
        "views/product_template_views.xml",
        "views/stock_lot_views.xml",
        "views/spare_parts_repair_menus.xml",
        "data/spare_parts_overview_card_data.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "spare_parts_repair/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
