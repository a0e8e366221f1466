# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SparePartsRequestLine(models.Model):
    _name = "spare.parts.request.line"
    _description = "Spare Parts Request Line"
    _inherit = ["spare.parts.document.line.mixin", "spare.parts.entry.mixin"]

    document_id = fields.Many2one(
        "spare.parts.request", string="Request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    move_ids = fields.One2many("stock.move", "spare_parts_request_line_id", string="Moves")
    qty_available = fields.Float(
        digits="Spare Parts",
        compute="_compute_qty_available",
        string="Available",
        help="Free quantity where the request ships from (the spare parts warehouse "
        "in Advanced mode); an untracked supply in Standard mode always has it.",
    )
    qty_to_ship = fields.Float(
        digits="Spare Parts",
        string="To Ship Now",
        help="Leave empty to ship everything still open.",
    )

    # SP-26: what the engineer enters with each requested part
    unit_cost = fields.Float(
        compute="_compute_unit_cost", store=True, readonly=False, precompute=True
    )
    request_reason = fields.Char(string="Why Needed")
    urgency = fields.Selection(
        compute="_compute_urgency", store=True, readonly=False, precompute=True
    )

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            line.unit_cost = line.product_id.standard_price

    @api.depends("document_id.urgency")
    def _compute_urgency(self):
        for line in self:
            if not line.urgency:
                line.urgency = line.document_id.urgency or "0"

    @api.depends("product_id", "document_id.warehouse_id")
    def _compute_qty_available(self):
        """Per source, one grouped read of the free quantities."""
        for document, lines in self.grouped("document_id").items():
            source = document._get_outbound_source() if document else False
            if not source or source.should_bypass_reservation():
                for line in lines:
                    line.qty_available = line.quantity
                continue
            available = self.env["stock.quant"]._spare_parts_available(source, lines.product_id)
            for line in lines:
                line.qty_available = sum(
                    qty
                    for (_location, product, _lot), qty in available.items()
                    if product == line.product_id
                )

    def _get_shipping_status(self):
        """Shipping status of these lines taken together (see the request's)."""
        lines = [
            (line.qty_shipped, line.qty_received, line.quantity - line.qty_cancelled, line)
            for line in self
        ]
        if not any(shipped for shipped, _received, _due, _line in lines):
            return "none"
        if any(line.uom_id.compare(shipped, due) < 0 for shipped, _received, due, line in lines):
            return "partial"
        if any(
            line.uom_id.compare(received, shipped) < 0 for shipped, received, _due, line in lines
        ):
            return "shipped"
        return "received"

    def _get_qty_to_ship_now(self):
        self.ensure_one()
        remaining = self.quantity - self.qty_shipped
        return min(self.qty_to_ship, remaining) if self.qty_to_ship else remaining

    def _get_earmark_ticket(self):
        return self.document_id.ticket_id

    def _get_request_rule_error(self):
        """SP-07 applied to requests for a work order with equipment."""
        self.ensure_one()
        ticket = self.document_id.ticket_id
        if not ticket:
            return ""
        return ticket._get_service_bom_error(self.product_id)

    def _label(self):
        self.ensure_one()
        return f"{self.quantity:g} {self.uom_id.name} {self.product_id.display_name}"
