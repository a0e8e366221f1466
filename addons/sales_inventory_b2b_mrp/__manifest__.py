# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales & Inventory B2B - Manufacturing",
    "summary": "Assemble-to-order kits: the B2B stock check counts the kits their "
    "components make, and confirming the order manufactures them before shipping",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["sales_inventory_b2b", "sale_mrp"],
    "auto_install": True,
    "installable": True,
}
