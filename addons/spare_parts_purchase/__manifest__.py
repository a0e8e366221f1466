# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Spare Parts Purchase",
    "summary": "Parts workspace for coordinators: stock per location, reorder points, "
    "open purchase orders, receiving with discrepancies, usage against vendor bills",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Services/Field Service",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["spare_parts_personal_wh", "purchase_stock"],
    "data": [
        "security/ir.model.access.csv",
        "security/spare_parts_purchase_security.xml",
        "data/spare_parts_purchase_data.xml",
        "views/spare_parts_receipt_views.xml",
        "views/spare_parts_workspace_views.xml",
        "data/spare_parts_overview_card_data.xml",
    ],
    "demo": ["demo/spare_parts_purchase_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "spare_parts_purchase/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
