# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    is_spare_parts_order = fields.Boolean(
        string="Spare Parts Order",
        compute="_compute_is_spare_parts_order",
        store=True,
        index=True,
        help="Received into a spare parts warehouse (SP-27).",
    )
    spare_parts_discrepancy_ids = fields.One2many(
        "spare.parts.receipt.discrepancy", "purchase_id", string="Receipt Discrepancies"
    )
    spare_parts_discrepancy_count = fields.Integer(compute="_compute_spare_parts_discrepancy_count")
    spare_parts_replaced_discrepancy_id = fields.Many2one(
        "spare.parts.receipt.discrepancy",
        string="Replaces Discrepancy",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("picking_type_id.warehouse_id.is_spare_parts_warehouse")
    def _compute_is_spare_parts_order(self):
        for order in self:
            order.is_spare_parts_order = order.picking_type_id.warehouse_id.is_spare_parts_warehouse

    def _compute_spare_parts_discrepancy_count(self):
        counts = dict(
            self.env["spare.parts.receipt.discrepancy"]._read_group(
                [("purchase_id", "in", self.ids)], ["purchase_id"], ["__count"]
            )
        )
        for order in self:
            order.spare_parts_discrepancy_count = counts.get(order, 0)

    @api.model
    def _get_spare_parts_open_domain(self):
        """Open purchase orders for parts: not cancelled, not fully received."""
        return (
            Domain("is_spare_parts_order", "=", True)
            & Domain("state", "in", ["draft", "sent", "to approve", "purchase"])
            & Domain("receipt_status", "!=", "full")
        )

    def action_view_spare_parts_discrepancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spare_parts_purchase.spare_parts_receipt_discrepancy_action"
        )
        action["domain"] = [("purchase_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
