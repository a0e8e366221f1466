# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.sale_order_line import PRICE_ORIGINS


class SaleReport(models.Model):
    _inherit = "sale.report"

    warranty_equipment_id = fields.Many2one(
        "maintenance.equipment", string="Equipment", readonly=True
    )
    warranty_type_id = fields.Many2one("warranty.type", string="Warranty Type", readonly=True)
    warranty_price_origin = fields.Selection(PRICE_ORIGINS, string="Price Origin", readonly=True)
    warranty_cost = fields.Float(string="Cost", readonly=True)
    warranty_claim_charge = fields.Float(string="Internal Claim Charge", readonly=True)

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        rate = (
            f"/ {self._case_value_or_one('s.currency_rate')}"
            f" * {self._case_value_or_one('account_currency_table.rate')}"
        )
        res["warranty_equipment_id"] = "l.warranty_equipment_id"
        res["warranty_type_id"] = "l.warranty_type_id"
        res["warranty_price_origin"] = "l.warranty_price_origin"
        res["warranty_cost"] = f"SUM(COALESCE(l.warranty_cost, 0) {rate})"
        res["warranty_claim_charge"] = f"SUM(COALESCE(l.warranty_claim_charge, 0) {rate})"
        return res

    def _group_by_sale(self):
        return (
            super()._group_by_sale()
            + """,
            l.warranty_equipment_id,
            l.warranty_type_id,
            l.warranty_price_origin"""
        )
