# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsWarningRule(models.Model):
    """Minimum / maximum / safety stock of a part in a spare parts warehouse or a
    personal warehouse (SP-19). Odoo's reordering rules need a warehouse, which
    personal warehouses do not have, hence this small model."""

    _name = "spare.parts.warning.rule"
    _description = "Spare Parts Inventory Warning Rule"
    _order = "location_id, product_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        index=True,
        check_company=True,
        domain="[('usage', '=', 'internal')]",
    )
    engineer_id = fields.Many2one(related="location_id.spare_parts_owner_id", store=True)
    product_id = fields.Many2one("product.product", string="Part", required=True, index=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    min_qty = fields.Float(string="Minimum", digits="Spare Parts")
    max_qty = fields.Float(string="Maximum", digits="Spare Parts")
    safety_qty = fields.Float(string="Safety Stock", digits="Spare Parts")
    qty_on_hand = fields.Float(digits="Spare Parts", compute="_compute_status", string="On Hand")
    status = fields.Selection(
        [
            ("below_safety", "Below Safety Stock"),
            ("below_min", "Below Minimum"),
            ("ok", "OK"),
            ("above_max", "Above Maximum"),
        ],
        compute="_compute_status",
        search="_search_status",
    )

    _product_location_unique = models.Constraint(
        "unique(product_id, location_id)",
        "A part has one warning rule per location.",
    )

    @api.constrains("min_qty", "max_qty", "safety_qty")
    def _check_quantities(self):
        for rule in self:
            if min(rule.min_qty, rule.max_qty, rule.safety_qty) < 0 or (
                rule.max_qty and rule.max_qty < rule.min_qty
            ):
                raise ValidationError(
                    self.env._(
                        "Warning rule for %(part)s in %(location)s: quantities must be "
                        "positive and the maximum (%(max)s) at least the minimum (%(min)s).",
                        part=rule.product_id.display_name,
                        location=rule.location_id.display_name,
                        max=rule.max_qty,
                        min=rule.min_qty,
                    )
                )

    def _get_on_hand(self):
        """{(location, product): quantity} for these rules in one grouped query,
        sub-locations included."""
        quants = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("location_id", "child_of", self.location_id.ids),
                    ("product_id", "in", self.product_id.ids),
                ],
                ["location_id", "product_id"],
                ["quantity:sum"],
            )
        )
        result = {}
        for rule in self:
            result[(rule.location_id, rule.product_id)] = sum(
                qty
                for location, product, qty in quants
                if product == rule.product_id
                and (location == rule.location_id or location._child_of(rule.location_id))
            )
        return result

    @api.depends("min_qty", "max_qty", "safety_qty", "location_id", "product_id")
    def _compute_status(self):
        on_hand = self._get_on_hand() if self else {}
        for rule in self:
            qty = on_hand.get((rule.location_id, rule.product_id), 0.0)
            rule.qty_on_hand = qty
            rule.status = rule._status_for(qty)

    def _status_for(self, qty):
        self.ensure_one()
        if self.safety_qty and qty < self.safety_qty:
            return "below_safety"
        if qty < self.min_qty:
            return "below_min"
        if self.max_qty and qty > self.max_qty:
            return "above_max"
        return "ok"

    def _search_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        rules = self.search([])
        matching = rules.filtered(lambda rule: rule.status in value)
        if operator == "not in":
            matching = rules - matching
        return [("id", "in", matching.ids)]
