# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    spare_parts_service_bom_line_ids = fields.One2many(
        "spare.parts.service.bom.line",
        "equipment_product_tmpl_id",
        string="Service BOM",
        help="Spare parts that may be used to service this equipment model (SP-14).",
    )
    spare_parts_is_part = fields.Boolean(
        string="Spare Part",
        index=True,
        help="Offered when engineers plan, request or consume parts; parts of a "
        "service BOM and parts added from a catalogue request are marked "
        "automatically.",
    )
    spare_parts_service_bom_enabled = fields.Boolean(
        compute="_compute_spare_parts_service_bom_enabled",
    )

    @api.depends_context("company")
    def _compute_spare_parts_service_bom_enabled(self):
        self.spare_parts_service_bom_enabled = self.env.company.spare_parts_service_bom
