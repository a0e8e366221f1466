# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SparePartsPartEntry(models.TransientModel):
    """SP-26 "Add Part" on a work order: find the part by SKU, description or
    vendor reference, enter quantity, cost, fee, reason and urgency, submit."""

    _name = "spare.parts.part.entry"
    _inherit = ["spare.parts.entry.mixin"]
    _description = "Add Part to Work Order"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Work Order", required=True)
    search_text = fields.Char(
        string="Search", help="SKU, description or vendor reference of the part."
    )
    match_ids = fields.Many2many(
        "product.product", string="Matching Parts", compute="_compute_match_ids"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        domain="[('spare_parts_is_part', '=', True)]",
    )
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    unit_cost = fields.Float(compute="_compute_unit_cost", store=True, readonly=False)
    request_reason = fields.Text(string="Why Needed")
    urgency = fields.Selection(default="0")

    @api.depends("search_text")
    def _compute_match_ids(self):
        Product = self.env["product.product"]
        for entry in self:
            entry.match_ids = (
                Product._spare_parts_search(entry.search_text, limit=20)
                if entry.search_text
                else Product
            )

    @api.depends("match_ids")
    def _compute_product_id(self):
        for entry in self:
            if len(entry.match_ids) == 1:
                entry.product_id = entry.match_ids
            elif entry.product_id not in entry.match_ids:
                entry.product_id = False

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for entry in self:
            entry.unit_cost = entry.product_id.standard_price

    def _get_entry_reason(self):
        return self.request_reason

    def action_submit(self):
        """Create the parts line and announce it on the work order's timeline."""
        self.ensure_one()
        line = self.env["spare.parts.line"].create(self._prepare_line_vals())
        line.action_submit_entry()
        return {"type": "ir.actions.act_window_close"}

    def _prepare_catalogue_request_vals(self):
        self.ensure_one()
        return {
            "name": self.search_text or "",
            "ticket_id": self.ticket_id.id,
            "quantity": self.quantity,
            "unit_cost": self.unit_cost,
            "restocking_fee": self.restocking_fee,
            "reason": self.request_reason,
            "urgency": self.urgency,
        }

    def action_request_catalogue_part(self):
        """The part is not in the catalogue: open a catalogue request prefilled
        with what was entered."""
        self.ensure_one()
        context = {
            f"default_{key}": value for key, value in self._prepare_catalogue_request_vals().items()
        }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a New Part"),
            "res_model": "spare.parts.catalogue.request",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }
