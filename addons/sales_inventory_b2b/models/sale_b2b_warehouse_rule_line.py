# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleB2bWarehouseRuleLine(models.Model):
    """One warehouse of an assignment rule, at its rank."""

    _name = "sale.b2b.warehouse.rule.line"
    _description = "B2B Warehouse Assignment Rule Line"
    _order = "sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one(
        "sale.b2b.warehouse.rule", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="rule_id.company_id", store=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True, check_company=True)

    _warehouse_uniq = models.Constraint(
        "unique(rule_id, warehouse_id)",
        "A warehouse is listed once per assignment rule.",
    )
