# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class StockQuant(models.Model):
    _inherit = "stock.quant"

    spare_parts_age_days = fields.Integer(
        string="Age (days)", compute="_compute_spare_parts_repair_info"
    )
    spare_parts_open_demand = fields.Float(
        string="Open Requests",
        digits="Spare Parts",
        compute="_compute_spare_parts_repair_info",
        help="Requested and not yet shipped: what repairing this part would serve.",
    )

    def _action_view_defective_stock(self):
        """Defective units waiting for repair, with their age and the open
        requests for the same part: what is short is what to repair first."""
        locations = self.env.companies.spare_parts_defective_location_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Defective Stock"),
            "res_model": "stock.quant",
            "view_mode": "list",
            "views": [
                (self.env.ref("spare_parts_repair.stock_quant_view_list_defective").id, "list")
            ],
            "domain": [("location_id", "in", locations.ids), ("quantity", ">", 0)],
            "context": {"create": False},
            "help": self.env._(
                "<p class='o_view_nocontent_smiling_face'>No defective parts to repair</p>"
                "<p>Old parts taken out on work orders and defective parts returned by "
                "engineers land here. Select units and press <b>Create Repair Plan</b> to "
                "refurbish them.</p>"
            ),
        }

    def action_create_repair_plan(self):
        """An ad hoc repair plan for the selected defective units, opened to be
        checked and started (Generate Repairs)."""
        self._check_defective_for_plan()
        plan = self.env["spare.parts.repair.plan"].create(self._prepare_repair_plan_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "spare.parts.repair.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _check_defective_for_plan(self):
        others = self.filtered(
            lambda quant: quant.location_id != quant.company_id.spare_parts_defective_location_id
            or quant.quantity <= 0
        )
        if others or not self:
            raise UserError(
                self.env._(
                    "Only units in defective stock can be planned for repair (%(units)s).",
                    units=", ".join(others.mapped("display_name")) or "-",
                )
            )

    def _prepare_repair_plan_vals(self):
        warehouse = self.company_id[:1].spare_parts_warehouse_id
        return {
            "plan_type": "adhoc",
            "warehouse_id": warehouse.id,
            "line_ids": [
                Command.create(
                    {
                        "product_id": quant.product_id.id,
                        "lot_id": quant.lot_id.id,
                        "quantity": quant.quantity,
                    }
                )
                for quant in self
            ],
        }

    def _compute_spare_parts_repair_info(self):
        now = fields.Datetime.now()
        demand = self._get_spare_parts_open_demand(self.product_id)
        for quant in self:
            quant.spare_parts_age_days = (now - quant.in_date).days if quant.in_date else 0
            quant.spare_parts_open_demand = demand.get(quant.product_id, 0.0)

    def _get_spare_parts_open_demand(self, products):
        """{product: requested quantity not shipped yet}, two grouped queries."""
        requested = dict(
            self.env["spare.parts.request.line"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("document_id.state", "in", ("submitted", "approved")),
                ],
                ["product_id"],
                ["quantity:sum"],
            )
        )
        shipped = dict(
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("state", "=", "done"),
                    ("spare_parts_leg", "=", "outbound"),
                    ("spare_parts_request_line_id.document_id.state", "=", "approved"),
                ],
                ["product_id"],
                ["product_qty:sum"],
            )
        )
        return {p: max(requested.get(p, 0.0) - shipped.get(p, 0.0), 0.0) for p in requested}
