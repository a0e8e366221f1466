# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WarrantyType(models.Model):
    _name = "warranty.type"
    _description = "Warranty Type"
    _order = "sequence, code"
    _rec_names_search = ["code", "name"]

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Short code printed on quotations and invoices.")
    name = fields.Char(string="Description", required=True, translate=True)
    warranty_months = fields.Integer(
        string="Warranty Duration (months)",
        default=12,
        help="Default length of the warranty period, counted from its start date.",
    )
    goodwill_months = fields.Integer(
        string="Goodwill Extension (months)",
        default=0,
        help="Default length of the goodwill period that follows the warranty period.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the type between companies."
    )
    note = fields.Text()
    coverage_scope = fields.Selection(
        selection="_selection_coverage_scope",
        string="Covered Parts",
        default="all",
        required=True,
        help="Which parts sold for an equipment the warranty gives free (or qualifies "
        "for goodwill): every part, the parts of the covered categories, or the parts "
        "of the equipment's service BOM (and of the covered categories). Other products "
        "keep their price. The equipment's own product is never a covered part.",
    )
    covered_categ_ids = fields.Many2many(
        "product.category",
        "warranty_type_product_category_rel",
        "type_id",
        "categ_id",
        string="Covered Part Categories",
        help="Parts of these categories (and of their subcategories) are covered.",
    )

    _code_company_uniq = models.Constraint(
        "unique(code, company_id)",
        "A warranty type code must be unique per company.",
    )

    @api.model
    def _selection_coverage_scope(self):
        """The service BOM scope exists only where the service BOM model is
        installed: this addon does not depend on it."""
        scopes = [("all", self.env._("All parts")), ("categories", self.env._("Part categories"))]
        if self._warranty_has_service_bom():
            scopes.append(("service_bom", self.env._("Service BOM of the equipment")))
        return scopes

    @api.model
    def _warranty_has_service_bom(self):
        return "spare.parts.service.bom.line" in self.env

    @api.depends("code", "name")
    def _compute_display_name(self):
        for wtype in self:
            wtype.display_name = f"[{wtype.code}] {wtype.name}" if wtype.code else wtype.name

    @api.constrains("warranty_months", "goodwill_months")
    def _check_durations(self):
        for wtype in self:
            if wtype.warranty_months < 0 or wtype.goodwill_months < 0:
                raise ValidationError(
                    self.env._(
                        "Warranty type %(type)s: the warranty duration (%(warranty)s months) "
                        "and the goodwill extension (%(goodwill)s months) cannot be negative.",
                        type=wtype.display_name,
                        warranty=wtype.warranty_months,
                        goodwill=wtype.goodwill_months,
                    )
                )

    # ------------------------------------------------------------------ coverage
    def _get_warranty_uncovered_reason(self, product, equipment, bom_parts):
        """Why the type does not cover ``product`` sold for ``equipment``, or
        '' when it does. ``bom_parts``: the (equipment template id, part id)
        pairs of the service BOMs, read once for all the lines being checked."""
        self.ensure_one()
        if product == equipment.product_id:
            return self.env._(
                "%(product)s is the equipment itself, not one of its parts",
                product=product.display_name,
            )
        if self.coverage_scope == "all" or self._covers_category(product.categ_id):
            return ""
        categories = ", ".join(self.covered_categ_ids.mapped("complete_name")) or "-"
        if self.coverage_scope == "service_bom" and self._warranty_has_service_bom():
            if (equipment.product_id.product_tmpl_id.id, product.id) in bom_parts:
                return ""
            return self.env._(
                "only the parts of the service BOM of %(model)s and of the categories "
                "%(categories)s are covered",
                model=equipment.product_id.display_name or "-",
                categories=categories,
            )
        return self.env._(
            "only the parts of the categories %(categories)s are covered",
            categories=categories,
        )

    def _covers_category(self, category):
        """The category is one of the covered ones or one of their subcategories."""
        self.ensure_one()
        paths = self.covered_categ_ids.mapped("parent_path")
        return bool(category) and any(category.parent_path.startswith(path) for path in paths)
