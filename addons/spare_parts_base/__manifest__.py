# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Spare Parts Base",
    "summary": "Work orders, equipment asset and service BOMs, parts consumption "
    "and the Spare Parts settings (Simple mode)",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Services/Field Service",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["stock", "maintenance", "helpdesk_mgmt"],
    "data": [
        "security/spare_parts_security.xml",
        "security/ir.model.access.csv",
        "security/spare_parts_rules.xml",
        "data/decimal_precision_data.xml",
        "views/maintenance_equipment_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/spare_parts_line_views.xml",
        "views/spare_parts_menus.xml",
        "views/res_config_settings_views.xml",
        "report/work_order_parts_report.xml",
        "security/spare_parts_catalogue_rules.xml",
        "views/spare_parts_part_entry_views.xml",
        "views/helpdesk_ticket_technician_views.xml",
    ],
    "demo": ["demo/spare_parts_demo.xml", "demo/spare_parts_catalogue_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "spare_parts_base/static/src/scan_field/*",
        ],
    },
    "application": True,
    "installable": True,
}
