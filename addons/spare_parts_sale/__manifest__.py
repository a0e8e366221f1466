# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Spare Parts Sale",
    "summary": "Bill work orders: consumed parts and labour become a quotation or an "
    "invoice for the work order's customer",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Services/Field Service",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["spare_parts_base", "document_write_policy_sale", "sale_management", "sale_stock"],
    "data": [
        "views/helpdesk_ticket_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/spare_parts_sale_demo.xml"],
    "auto_install": ["spare_parts_base", "sale_management"],
    "installable": True,
}
