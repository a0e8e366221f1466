# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SparePartsDocumentLineMixin(models.AbstractModel):
    """Product, quantity, unit and serials of a request, return or transfer line.
    Concrete lines add ``document_id`` and its ``company_id``."""

    _name = "spare.parts.document.line.mixin"
    _description = "Spare Parts Document Line"
    _inherit = ["spare.parts.action.fields.mixin"]
    _order = "document_id, id"
    _check_company_auto = True

    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        check_company=True,
        domain="[('type', '=', 'consu')]",
    )
    tracking = fields.Selection(related="product_id.tracking")
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_ids = fields.Many2many(
        "stock.lot",
        string="Serial Numbers",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )
    # What the ledger moved for the line, whoever moved it (the suite's buttons
    # or Inventory's own screens).
    qty_shipped = fields.Float(
        digits="Spare Parts",
        compute="_compute_ledger_quantities",
        string="Shipped",
        help="Done on the outbound legs: the parts left the source.",
    )
    qty_received = fields.Float(
        digits="Spare Parts",
        compute="_compute_ledger_quantities",
        string="Received",
        help="Done on the inbound legs: the parts reached the destination.",
    )
    qty_returned = fields.Float(
        digits="Spare Parts",
        compute="_compute_ledger_quantities",
        string="Returned",
        help="Received parts sent back from Inventory with the return wizard.",
    )
    qty_cancelled = fields.Float(
        digits="Spare Parts",
        compute="_compute_ledger_quantities",
        string="Cancelled",
        help="Not shipped and never to be: cancelled outbound quantities, or the rest "
        "of a cancelled document.",
    )

    # -------------------------------------------------------- write policy
    def _get_write_policy(self):
        """Lines follow their document: changed (or deleted) only while it is a
        draft, unless the document lets a role complete them later."""
        return self.document_id._get_line_write_policy()

    @api.model
    def _get_write_policy_parent_field(self):
        return "document_id"

    def _get_ledger_quantity_fields(self):
        return ["qty_shipped", "qty_received", "qty_returned", "qty_cancelled"]

    def _get_ledger_moves_domain(self):
        move_field = self.env[self._fields["document_id"].comodel_name]._line_move_field
        return [(move_field, "in", self.ids), ("state", "in", ("done", "cancel"))]

    @api.depends(
        lambda self: ("document_id.state", "move_ids.state", "move_ids.quantity")
        if "move_ids" in self._fields
        else ("document_id.state",)
    )
    def _compute_ledger_quantities(self):
        """One grouped read of the finished moves of the lines, per leg."""
        move_field = self.env[self._fields["document_id"].comodel_name]._line_move_field
        ledger = {
            (line, leg, state): (done, demand)
            for line, leg, state, done, demand in self.env["stock.move"]
            .sudo()
            ._read_group(
                self._get_ledger_moves_domain(),
                [move_field, "spare_parts_leg", "state"],
                ["quantity:sum", "product_uom_qty:sum"],
            )
        }
        for line in self:
            shipped, shipped_demand = ledger.get((line, "outbound", "done"), (0.0, 0.0))
            line.qty_shipped = shipped
            line.qty_received = ledger.get((line, "inbound", "done"), (0.0, 0.0))[0]
            line.qty_returned = ledger.get((line, "return", "done"), (0.0, 0.0))[0]
            if line.document_id.state == "cancel":
                line.qty_cancelled = max(line.quantity - shipped, 0.0)
            else:
                # Demand cancelled, plus what a leg validated without backorder
                # left behind.
                cancelled = ledger.get((line, "outbound", "cancel"), (0.0, 0.0))[1]
                line.qty_cancelled = cancelled + max(shipped_demand - shipped, 0.0)

    def _get_serials_missing(self):
        """Serial-tracked lines whose serial numbers are not entered yet."""
        return self.filtered(lambda line: line.tracking == "serial" and not line.lot_ids)

    @api.constrains("quantity", "lot_ids", "product_id")
    def _check_quantity_and_lots(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "%(document)s: the quantity of %(part)s must be positive, not %(qty)s.",
                        document=line.document_id.name,
                        part=line.product_id.display_name,
                        qty=line.quantity,
                    )
                )
            wrong = line.lot_ids.filtered(lambda lot, line=line: lot.product_id != line.product_id)
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(document)s: serial numbers %(lots)s do not belong to %(part)s.",
                        document=line.document_id.name,
                        lots=", ".join(wrong.mapped("name")),
                        part=line.product_id.display_name,
                    )
                )
            if line.tracking == "serial" and line.lot_ids and len(line.lot_ids) != line.quantity:
                raise ValidationError(
                    self.env._(
                        "%(document)s: %(count)s serial numbers given for %(qty)s units of "
                        "%(part)s.",
                        document=line.document_id.name,
                        count=len(line.lot_ids),
                        qty=line.quantity,
                        part=line.product_id.display_name,
                    )
                )

    def _get_earmark_ticket(self):
        """The work order the moved parts are earmarked for (SP-08)."""
        return self.env["helpdesk.ticket"]

    def _moves(self):
        return self.env["stock.move"].search([(self.document_id._line_move_field, "in", self.ids)])
