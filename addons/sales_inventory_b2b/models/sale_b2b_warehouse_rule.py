# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

RULE_TYPES = [
    ("priority", "Warehouse priority"),
    ("region", "Customer region"),
    ("most_stock", "Most stock first"),
]


class SaleB2bWarehouseRule(models.Model):
    """Warehouse assignment rule (SI-19): in consolidated mode, decides in
    which order the counted warehouses ship an order.

    The first active rule of the company (by sequence) that applies to the
    order ranks the warehouses; the warehouses of the check it does not list
    come after, so everything that was counted can ship."""

    _name = "sale.b2b.warehouse.rule"
    _description = "B2B Warehouse Assignment Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    rule_type = fields.Selection(
        RULE_TYPES,
        string="Rule",
        required=True,
        default="priority",
        help="Warehouse priority: the listed warehouses ship first, in their order. "
        "Customer region: the same, only for delivery addresses in the listed "
        "countries or states. Most stock first: the warehouse holding the most "
        "free stock of the product ships first.",
    )
    line_ids = fields.One2many(
        "sale.b2b.warehouse.rule.line",
        "rule_id",
        string="Warehouses",
        copy=True,
        help="Warehouses shipping first, in this order.",
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    state_ids = fields.Many2many("res.country.state", string="States")
    note = fields.Text()
    warehouse_order = fields.Char(
        compute="_compute_warehouse_order",
        help="The listed warehouses in the order they ship.",
    )

    @api.depends("line_ids.sequence", "line_ids.warehouse_id")
    def _compute_warehouse_order(self):
        for rule in self:
            rule.warehouse_order = " > ".join(rule.line_ids.sorted().warehouse_id.mapped("name"))

    @api.model
    def _get_rules(self, company):
        """Active rules of ``company``, in the order they are tried."""
        return self.search([("company_id", "=", company.id)], order="sequence, id")

    def _applies_to(self, order):
        """Region rules apply to delivery addresses of their countries or
        states; the other rules apply to every order."""
        self.ensure_one()
        if self.rule_type != "region":
            return True
        partner = order.partner_shipping_id or order.partner_id
        return bool(
            (partner.state_id and partner.state_id in self.state_ids)
            or (partner.country_id and partner.country_id in self.country_ids)
        )

    def _rank_warehouses(self, default_ranking, product, free):
        """Warehouse ids of ``default_ranking`` in the order they ship
        ``product``; ``free`` maps (product_id, warehouse_id) to free stock."""
        self.ensure_one()
        if self.rule_type == "most_stock":
            position = {wid: index for index, wid in enumerate(default_ranking)}
            return sorted(
                default_ranking,
                key=lambda wid: (-free.get((product.id, wid), 0.0), position[wid]),
            )
        listed = [wid for wid in self.line_ids.sorted().warehouse_id.ids if wid in default_ranking]
        return listed + [wid for wid in default_ranking if wid not in listed]
