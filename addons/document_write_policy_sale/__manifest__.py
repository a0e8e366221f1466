# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Document Write Policy - Sales",
    "summary": "Sales order lines are changed by sales people only, and never moved "
    "to another order or detached from their deliveries",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Hidden/Tools",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["document_write_policy_stock", "sale_stock"],
    "auto_install": True,
    "installable": True,
}
