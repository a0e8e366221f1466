# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from odoo.addons.spare_parts_base.models.spare_parts_action_fields_mixin import (
    ADMIN_GROUP,
    ALL_FIELDS,
    ENGINEER_GROUP,
)


class SparePartsDocumentMixin(models.AbstractModel):
    """What parts requests, returns and engineer transfers share: a numbered
    document of one engineer, shipped in two legs through the company's transit
    location (outbound from the source, inbound to the destination, SP-17).

    Concrete models set ``_picking_field`` (the Many2one on stock.picking back to
    the document) and ``_line_move_field`` (the Many2one on stock.move back to the
    line) and say where parts go with ``_get_outbound_source`` and
    ``_get_inbound_destination``."""

    _name = "spare.parts.document.mixin"
    _description = "Spare Parts Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "spare.parts.action.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _picking_field = None
    _line_move_field = None
    _sequence_code = None

    # Concrete documents give the selection; the rest is shared.
    state = fields.Selection(
        [("draft", "Draft")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    engineer_id = fields.Many2one(
        "res.users",
        string="Engineer",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    note = fields.Text(string="Notes")
    picking_count = fields.Integer(compute="_compute_picking_count")

    # -------------------------------------------------------- write policy
    def _get_write_policy(self):
        """Draft documents are their author's to change; once sent, submitted or
        finished only the notes change, so approvals, shipments and receipts
        always act on what was checked when the document left draft."""
        draft = {ENGINEER_GROUP: ALL_FIELDS, ADMIN_GROUP: ALL_FIELDS}
        later = {ENGINEER_GROUP: {"note"}, ADMIN_GROUP: {"note"}}
        states = [state for state, _label in self._fields["state"]._description_selection(self.env)]
        return {state: draft if state == "draft" else later for state in states}

    def _get_line_write_policy(self):
        """The write policy of this document's lines: see ``_get_write_policy``."""
        draft = {ENGINEER_GROUP: ALL_FIELDS, ADMIN_GROUP: ALL_FIELDS}
        states = [state for state, _label in self._fields["state"]._description_selection(self.env)]
        return {state: draft if state == "draft" else {} for state in states}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._sequence_code) or "/"
        return super().create(vals_list)

    @api.depends("engineer_id", "company_id")
    def _compute_location_id(self):
        """Documents leaving an engineer's van start from his default one."""
        for document in self:
            document.location_id = document.engineer_id._get_spare_parts_location(
                document.company_id
            )

    def _get_pickings(self):
        return self.env["stock.picking"].search([(self._picking_field, "in", self.ids)])

    def _compute_picking_count(self):
        counts = dict(
            self.env["stock.picking"]._read_group(
                [(self._picking_field, "in", self.ids)], [self._picking_field], ["__count"]
            )
        )
        for document in self:
            document.picking_count = counts.get(document, 0)

    def action_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [(self._picking_field, "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------ helpers
    def _ensure_spare_parts_admin(self, action_label):
        """Approving, shipping and taking parts back into company stock are an
        administrator's: the buttons are hidden from engineers, and refused."""
        if self._is_spare_parts_admin():
            return
        raise AccessError(
            self.env._(
                "%(action)s %(documents)s is for spare parts administrators only.",
                action=action_label,
                documents=", ".join(self.mapped("name")),
            )
        )

    def _is_spare_parts_admin(self):
        return self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin")

    def _ensure_own_van(self, action_label):
        """Parts leave a van only by the hand of its engineer (or an
        administrator), and only from a van of the document's engineer: checked
        here, not left to the form's domain or to the record rules."""
        for document in self:
            van = document.location_id
            if not van._is_personal_warehouse_of(document.engineer_id):
                raise AccessError(
                    self.env._(
                        "%(action)s %(document)s: %(location)s is not a personal warehouse of "
                        "%(engineer)s; an engineer sends parts only from his own van.",
                        action=action_label,
                        document=document.name,
                        location=van.sudo().display_name or "-",
                        engineer=document.engineer_id.name,
                    )
                )
            if document.engineer_id != self.env.user and not self._is_spare_parts_admin():
                raise AccessError(
                    self.env._(
                        "%(action)s %(document)s is for its engineer %(engineer)s or a spare "
                        "parts administrator.",
                        action=action_label,
                        document=document.name,
                        engineer=document.engineer_id.name,
                    )
                )

    # ------------------------------------------------------------ sending
    def action_send(self):
        """Parts leave the sender's van: the outbound leg is done at once and
        the inbound leg waits for the receiver (returns and transfers)."""
        self._ensure_state(["draft"], self.env._("Sending"))
        for document in self:
            document._check_send()
            outbound = document._create_outbound(document.location_id)
            document._write_action_fields({"state": "sent"})
            document._validate_pickings(outbound)
            document._after_send()
        return True

    def _check_send(self):
        """Hook: refuse sending what is not ready (documents that ship from a
        van override it; others are never sent)."""
        raise UserError(
            self.env._("%(documents)s cannot be sent.", documents=", ".join(self.mapped("name")))
        )

    def _after_send(self):
        """Hook: what follows once the parts left (activities, follow-ups)."""

    def _ensure_state(self, states, action_label):
        wrong = self.filtered(lambda d: d.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s is not possible for %(documents)s in state %(state)s.",
                    action=action_label,
                    documents=", ".join(wrong.mapped("name")),
                    state=", ".join(sorted({labels[d.state] for d in wrong})),
                )
            )

    def _get_picking_type(self):
        self.ensure_one()
        self.company_id._spare_parts_setup_locations()
        return self.company_id.spare_parts_picking_type_id

    def _prepare_picking_vals(self, leg, source, destination):
        self.ensure_one()
        return {
            "picking_type_id": self._get_picking_type().id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "spare_parts_leg": leg,
            self._picking_field: self.id,
            "user_id": self.env.user.id,
        }

    def _prepare_move_vals(self, line, qty, source, destination, lots=None):
        self.ensure_one()
        vals = {
            "product_id": line.product_id.id,
            "product_uom_qty": qty,
            "product_uom": line.product_id.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "description_picking": line.product_id.display_name,
            self._line_move_field: line.id,
            "spare_parts_ticket_id": line._get_earmark_ticket().id,
        }
        if lots:
            vals["move_line_ids"] = [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "lot_id": lot.id,
                        "quantity": 1.0 if line.product_id.tracking == "serial" else qty,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                    }
                )
                for lot in lots
            ]
        return vals

    def _create_picking(self, leg, source, destination, items):
        """One confirmed transfer for ``items`` [(line, qty, lots)]; lots given are
        reserved as such, the rest is reserved by Odoo. Refuses what the source
        does not hold (nothing is written then)."""
        self.ensure_one()
        Quant = self.env["stock.quant"]
        Quant._spare_parts_check_available(
            [
                (source, line.product_id, lot, 1.0 if lot else qty)
                for line, qty, lots in items
                for lot in (lots or [self.env["stock.lot"]])
            ]
        )
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                dict(
                    self._prepare_picking_vals(leg, source, destination),
                    move_ids=[
                        Command.create(
                            self._prepare_move_vals(line, qty, source, destination, lots=lots)
                        )
                        for line, qty, lots in items
                    ],
                )
            )
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _create_outbound(self, source):
        """The outbound leg of every line: from ``source`` into transit."""
        self.ensure_one()
        items = [(line, line.quantity, line.lot_ids) for line in self.line_ids]
        return self._create_picking(
            "outbound", source, self.company_id.spare_parts_transit_location_id, items
        )

    def _create_inbound_from(self, outbound, destination):
        """The inbound leg carrying exactly what ``outbound`` moved into transit."""
        self.ensure_one()
        transit = outbound.location_dest_id
        moves = outbound.move_ids.filtered(lambda m: m.state == "done")
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                dict(
                    self._prepare_picking_vals("inbound", transit, destination),
                    spare_parts_ticket_id=outbound.spare_parts_ticket_id.id,
                    spare_parts_carrier=outbound.spare_parts_carrier,
                    spare_parts_tracking_ref=outbound.spare_parts_tracking_ref,
                    move_ids=[
                        Command.create(
                            dict(
                                self._prepare_move_vals(
                                    move[self._line_move_field], move.quantity, transit, destination
                                ),
                                spare_parts_ticket_id=move.spare_parts_ticket_id.id,
                                move_line_ids=[
                                    Command.create(
                                        {
                                            "product_id": ml.product_id.id,
                                            "lot_id": ml.lot_id.id,
                                            "quantity": ml.quantity,
                                            "location_id": transit.id,
                                            "location_dest_id": destination.id,
                                        }
                                    )
                                    for ml in move.move_line_ids
                                ],
                            )
                        )
                        for move in moves
                    ],
                )
            )
        )
        picking.action_confirm()
        return picking

    def _validate_pickings(self, pickings):
        """Validate transfers whose quantities are set; the rest becomes a backorder."""
        pickings = pickings.sudo()
        for move in pickings.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
            move.picked = True
        pickings.with_context(skip_sms=True, cancel_backorder=False)._action_done()
        return pickings

    def _auto_confirm_inbound(self):
        self.ensure_one()
        return self.company_id.spare_parts_auto_confirm_inbound

    def _on_pickings_done(self, pickings):
        """An outbound leg done opens its inbound leg (validated at once when the
        company auto-confirms inbound); then the document updates its state."""
        for document in self:
            for outbound in pickings.filtered(lambda p: p.spare_parts_leg == "outbound"):
                inbound = document._create_inbound_from(
                    outbound, document._get_inbound_destination()
                )
                if document._auto_confirm_inbound():
                    document._validate_pickings(inbound)
            document._update_state_from_pickings()
        self.line_ids.invalidate_recordset(self.line_ids._get_ledger_quantity_fields())

    def _on_pickings_cancelled(self, pickings):
        """Moves of these legs were cancelled (from Inventory, or the rest of a
        partial validation without backorder): the document follows."""
        self._update_state_from_pickings()
        self.line_ids.invalidate_recordset(self.line_ids._get_ledger_quantity_fields())

    def _update_state_from_pickings(self):
        """Hook: move the document on when its shipments are done."""

    def _get_leg_pickings(self):
        """The outbound and inbound legs; returns sent back from Inventory are
        not part of the document's own flow."""
        return self._get_pickings().filtered(lambda p: p.spare_parts_leg in ("outbound", "inbound"))

    def _shipments_finished(self):
        """True once an inbound leg exists and no leg is open any more."""
        self.ensure_one()
        pickings = self._get_leg_pickings()
        return bool(pickings.filtered(lambda p: p.spare_parts_leg == "inbound")) and all(
            p.state in ("done", "cancel") for p in pickings
        )

    def _receive_inbound(self):
        """Validate the inbound legs waiting for the receiver."""
        inbound = self._get_pickings().filtered(
            lambda p: p.spare_parts_leg == "inbound" and p.state not in ("done", "cancel")
        )
        if not inbound:
            raise UserError(
                self.env._(
                    "Nothing is waiting to be received for %(documents)s.",
                    documents=", ".join(self.mapped("name")),
                )
            )
        self._validate_pickings(inbound)
        return inbound
