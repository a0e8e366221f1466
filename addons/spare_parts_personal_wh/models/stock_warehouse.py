# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    is_spare_parts_warehouse = fields.Boolean(
        string="Spare Parts Warehouse",
        help="Spare parts record type (SP-03): requests ship from it in Advanced "
        "mode, and its documents show in the Spare Parts menus.",
    )
