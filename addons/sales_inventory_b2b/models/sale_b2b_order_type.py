# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .res_company import ORDERING_MODES, VALIDATION_RULES


class SaleB2bOrderType(models.Model):
    _name = "sale.b2b.order.type"
    _description = "B2B Order Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_default = fields.Boolean(
        string="Default Type",
        help="Type given to new orders of its company (or of every company when "
        "the type has no company).",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the type between companies."
    )
    ordering_mode = fields.Selection(
        ORDERING_MODES,
        help="Overrides the ordering mode of the settings. Empty: use the settings.",
    )
    validation_rule = fields.Selection(
        VALIDATION_RULES,
        help="Overrides the validation rule of the settings. Empty: use the settings.",
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Consolidated Warehouses",
        help="Warehouses counted in consolidated mode for this type. Empty: the "
        "warehouses of the settings.",
    )
    note = fields.Text()
    order_count = fields.Integer(compute="_compute_order_count")

    _name_company_uniq = models.Constraint(
        "unique(name, company_id)",
        "An order type with this name already exists in this company.",
    )

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("b2b_order_type_id", "in", self.ids)],
                ["b2b_order_type_id"],
                ["__count"],
            )
        )
        for order_type in self:
            order_type.order_count = counts.get(order_type, 0)

    @api.constrains("is_default", "company_id", "active")
    def _check_single_default(self):
        defaults = self.filtered(lambda t: t.is_default and t.active)
        if not defaults:
            return
        groups = self._read_group(
            [("is_default", "=", True), ("company_id", "in", defaults.company_id.ids + [False])],
            ["company_id"],
            ["__count"],
        )
        for company, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "Only one default order type is allowed for %(company)s.",
                        company=company.display_name or self.env._("all companies"),
                    )
                )

    @api.model
    def _get_default_type(self, company):
        """Default order type for ``company``: its own default first, then a
        shared one."""
        domain = Domain("is_default", "=", True) & Domain("company_id", "in", [company.id, False])
        return self.search(domain, order="company_id, sequence, id", limit=1)

    def _get_ordering_mode(self, company):
        """Ordering mode of this type (empty recordset allowed), else the
        company's."""
        return self[:1].ordering_mode or company.b2b_ordering_mode

    def _get_validation_rule(self, company):
        return self[:1].validation_rule or company.b2b_validation_rule

    def _get_consolidated_warehouses(self, company):
        """Warehouses that may ship for ``company`` and this type."""
        warehouses = self[:1].warehouse_ids
        if not warehouses:
            warehouses = company.b2b_consolidated_warehouse_ids
        warehouses = warehouses.filtered(lambda w: w.active and w.company_id == company)
        if not warehouses:
            warehouses = self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], order="sequence, id"
            )
        return warehouses
