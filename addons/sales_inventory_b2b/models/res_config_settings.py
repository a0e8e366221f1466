# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_inventory_mode = fields.Selection(related="company_id.b2b_inventory_mode", readonly=False)
    b2b_ordering_mode = fields.Selection(related="company_id.b2b_ordering_mode", readonly=False)
    b2b_validation_rule = fields.Selection(related="company_id.b2b_validation_rule", readonly=False)
    b2b_show_available = fields.Boolean(related="company_id.b2b_show_available", readonly=False)
    b2b_reserve_inventory = fields.Boolean(
        related="company_id.b2b_reserve_inventory", readonly=False
    )
    b2b_consolidated_warehouse_ids = fields.Many2many(
        related="company_id.b2b_consolidated_warehouse_ids", readonly=False
    )
    b2b_erp_fallback = fields.Selection(related="company_id.b2b_erp_fallback", readonly=False)
    b2b_erp_url = fields.Char(
        string="ERP Availability URL",
        config_parameter="sales_inventory_b2b.erp_url",
    )
    b2b_erp_username = fields.Char(
        string="ERP User", config_parameter="sales_inventory_b2b.erp_username"
    )
    b2b_erp_password = fields.Char(
        string="ERP Password", config_parameter="sales_inventory_b2b.erp_password"
    )
    b2b_erp_timeout = fields.Float(
        string="ERP Timeout (s)",
        default=5.0,
        config_parameter="sales_inventory_b2b.erp_timeout",
    )
    b2b_shipping_mode = fields.Selection(related="company_id.b2b_shipping_mode", readonly=False)
    b2b_shipping_population = fields.Selection(
        related="company_id.b2b_shipping_population", readonly=False
    )
    b2b_multi_order_shipping = fields.Boolean(
        related="company_id.b2b_multi_order_shipping", readonly=False
    )
    b2b_receipt_confirmation = fields.Selection(
        related="company_id.b2b_receipt_confirmation", readonly=False
    )
    b2b_receipt_confirmation_days = fields.Integer(
        related="company_id.b2b_receipt_confirmation_days", readonly=False
    )
    b2b_order_return_rule = fields.Selection(
        related="company_id.b2b_order_return_rule", readonly=False
    )
    b2b_shipment_returns = fields.Boolean(related="company_id.b2b_shipment_returns", readonly=False)
    b2b_source_free_returns = fields.Boolean(
        related="company_id.b2b_source_free_returns", readonly=False
    )
    b2b_return_refund_price = fields.Selection(
        related="company_id.b2b_return_refund_price", readonly=False
    )
    b2b_exchanges = fields.Boolean(related="company_id.b2b_exchanges", readonly=False)
