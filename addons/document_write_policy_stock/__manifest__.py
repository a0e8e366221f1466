# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Document Write Policy - Stock",
    "summary": "Quants and move lines refuse the writes Inventory's screens never send: "
    "the stock ledger changes only through stock moves",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Hidden/Tools",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["document_write_policy", "stock"],
    "auto_install": True,
    "installable": True,
}
