# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Document Write Policy",
    "summary": "Documents declare which fields each role may write in each state; "
    "the server enforces it on every create, write, copy and delete",
    "version": "19.0.1.0.0",
    "development_status": "Beta",
    "license": "AGPL-3",
    "category": "Hidden/Tools",
    "author": "Spare Parts Suite Contributors",
    "website": "https://github.com/spare-parts-suite/spare-parts-suite",
    "depends": ["base"],
    "installable": True,
}
