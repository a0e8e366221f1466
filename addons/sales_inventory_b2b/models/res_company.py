# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

INVENTORY_MODES = [
    ("standalone", "Standalone"),
    ("erp", "ERP integration"),
]
ORDERING_MODES = [
    ("none", "No warehouse"),
    ("single", "Single warehouse"),
    ("consolidated", "Consolidated warehouses"),
]
VALIDATION_RULES = [
    ("block", "Block submission"),
    ("allow", "Allow submission"),
]
ERP_FALLBACKS = [
    ("odoo", "Use Odoo stock"),
    ("block", "Block submission"),
]
SHIPPING_MODES = [
    ("notice", "Shipping Notice"),
    ("order", "Shipping Order"),
]
SHIPPING_POPULATIONS = [
    ("auto", "Auto-populate shippable products"),
    ("manual", "Manual"),
]
RECEIPT_CONFIRMATIONS = [
    ("manual", "Manual"),
    ("timeout", "Automatic after a timeout"),
    ("delivered", "Automatic on delivered logistics status"),
]
ORDER_RETURN_RULES = [
    ("several", "Against several orders"),
    ("single", "Single order only"),
]
RETURN_REFUND_PRICES = [
    ("pricelist", "Customer pricelist"),
    ("last_sale", "Last sale price to the customer"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    # SI-01 .. SI-05, SI-17 (this addon)
    b2b_inventory_mode = fields.Selection(
        INVENTORY_MODES, string="Inventory Mode", default="standalone", required=True
    )
    b2b_ordering_mode = fields.Selection(
        ORDERING_MODES, string="Ordering Mode", default="single", required=True
    )
    b2b_validation_rule = fields.Selection(
        VALIDATION_RULES, string="Validation Rule", default="block", required=True
    )
    b2b_show_available = fields.Boolean(string="Show Available Inventory")
    b2b_reserve_inventory = fields.Boolean(string="Frozen Inventory")
    b2b_consolidated_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        "res_company_b2b_consolidated_warehouse_rel",
        "company_id",
        "warehouse_id",
        string="Consolidated Warehouses",
        help="Warehouses counted in consolidated mode. Empty means every warehouse of the company.",
    )
    b2b_erp_fallback = fields.Selection(
        ERP_FALLBACKS,
        string="When the ERP Does Not Answer",
        default="odoo",
        required=True,
    )
    # SI-06 .. SI-15 (settings present now, features in a later version)
    b2b_shipping_mode = fields.Selection(
        SHIPPING_MODES, string="Shipping Mode", default="notice", required=True
    )
    b2b_shipping_population = fields.Selection(
        SHIPPING_POPULATIONS,
        string="Shipping Product Population",
        default="auto",
        required=True,
    )
    b2b_multi_order_shipping = fields.Boolean(string="Multi-Order Shipping")
    b2b_receipt_confirmation = fields.Selection(
        RECEIPT_CONFIRMATIONS,
        string="Receipt Confirmation",
        default="manual",
        required=True,
    )
    b2b_receipt_confirmation_days = fields.Integer(
        string="Auto-Confirm Receipt After (Days)", default=7
    )
    b2b_order_return_rule = fields.Selection(
        ORDER_RETURN_RULES,
        string="Order-Based Returns",
        default="several",
        required=True,
    )
    b2b_shipment_returns = fields.Boolean(string="Shipment-Based Returns")
    b2b_source_free_returns = fields.Boolean(string="Source-Free Returns")
    b2b_return_refund_price = fields.Selection(
        RETURN_REFUND_PRICES,
        string="Source-Free Refund Price",
        default="pricelist",
        required=True,
        help="Unit price of the credit note of a source-free return: the customer's "
        "pricelist, or the price of his last confirmed order of the product (after "
        "discount; the pricelist when he never ordered it).",
    )
    b2b_exchanges = fields.Boolean(string="Exchanges")
