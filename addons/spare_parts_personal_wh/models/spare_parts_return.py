# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.spare_parts_base.models.spare_parts_action_fields_mixin import ADMIN_GROUP

RETURN_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("done", "Received"),
    ("cancel", "Cancelled"),
]


class SparePartsReturn(models.Model):
    """Parts an engineer gives back (SP-16): unused parts go back to stock
    (the supply in Standard mode, a spare parts warehouse in Advanced mode), old
    and defective parts, warranty cores included (SP-23), to the defective
    location that repair works from."""

    _name = "spare.parts.return"
    _description = "Spare Parts Return"
    _inherit = ["spare.parts.document.mixin", "spare.parts.warehouse.mixin"]
    _picking_field = "spare_parts_return_id"
    _line_move_field = "spare_parts_return_line_id"
    _sequence_code = "spare.parts.return"

    state = fields.Selection(
        selection_add=RETURN_STATES[1:],
        ondelete={key: "set default" for key, _label in RETURN_STATES[1:]},
    )
    return_type = fields.Selection(
        [("unused", "Unused Parts"), ("defective", "Old / Defective Parts")],
        required=True,
        default="unused",
        tracking=True,
    )
    location_id = fields.Many2one(
        "stock.location",
        string="From Personal Warehouse",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('spare_parts_owner_id', '=', engineer_id)]",
    )
    warehouse_id = fields.Many2one(string="Return To")
    line_ids = fields.One2many("spare.parts.return.line", "document_id", string="Parts", copy=True)
    spare_parts_mode = fields.Selection(related="company_id.spare_parts_mode")

    def _get_outbound_source(self):
        self.ensure_one()
        return self.location_id

    def _get_inbound_destination(self):
        self.ensure_one()
        if self.return_type == "defective":
            return self.company_id.spare_parts_defective_location_id
        return self.company_id._get_spare_parts_unused_return_destination(self.warehouse_id)

    def _after_send(self):
        self._schedule_core_followups()

    def _check_send(self):
        self.ensure_one()
        self.company_id._check_spare_parts_mode("standard", self.env._("Parts returns"))
        self._ensure_own_van(self.env._("Sending"))
        if not self.line_ids:
            raise UserError(self.env._("Return %(name)s has no parts.", name=self.name))
        if not self.location_id:
            raise UserError(
                self.env._(
                    "Return %(name)s: engineer %(engineer)s has no personal warehouse.",
                    name=self.name,
                    engineer=self.engineer_id.name,
                )
            )
        self._check_old_parts_source()
        if not self._get_inbound_destination():
            raise UserError(
                self.env._(
                    "Return %(name)s has no spare parts warehouse to return to.", name=self.name
                )
            )
        missing = self.line_ids._get_serials_missing()
        if missing:
            raise UserError(
                self.env._(
                    "Return %(name)s: enter the serial numbers of %(parts)s.",
                    name=self.name,
                    parts=", ".join(missing.product_id.mapped("display_name")),
                )
            )

    def _check_old_parts_source(self):
        """SP-32: old parts leave a van's old-parts location only towards the
        defective location, never back into usable stock."""
        self.ensure_one()
        if self.return_type != "defective" and self.location_id.sudo().spare_parts_old_parts:
            raise UserError(
                self.env._(
                    "Return %(name)s: %(location)s holds old parts; they go back as old / "
                    "defective parts, not as unused parts.",
                    name=self.name,
                    location=self.location_id.sudo().display_name,
                )
            )

    def _schedule_core_followups(self):
        """SP-23: a warranty core goes back to its supplier: a follow-up task."""
        self.ensure_one()
        for line in self.line_ids.filtered("is_warranty_core"):
            self.activity_schedule(
                "spare_parts_personal_wh.mail_activity_type_core_return",
                summary=self.env._(
                    "Return core %(part)s to %(vendor)s",
                    part=line._label(),
                    vendor=line.core_vendor_id.name or self.env._("its supplier"),
                ),
                user_id=self.env.user.id,
            )

    def _get_line_write_policy(self):
        """Once the parts are on their way, the administrator still tells which
        are warranty cores and their supplier (SP-30): no stock moves on it."""
        policy = super()._get_line_write_policy()
        cores = {ADMIN_GROUP: {"is_warranty_core", "core_vendor_id"}}
        policy.update(sent=cores, done=cores)
        return policy

    def action_receive(self):
        """Administrator: the returned parts arrived."""
        self._ensure_spare_parts_admin(self.env._("Receiving"))
        self._ensure_state(["sent"], self.env._("Receiving"))
        self._receive_inbound()
        return True

    def action_cancel(self):
        self._ensure_state(["draft"], self.env._("Cancelling"))
        self._write_action_fields({"state": "cancel"})
        return True

    def _update_state_from_pickings(self):
        for document in self.filtered(lambda d: d.state == "sent"):
            if document._shipments_finished():
                document._write_action_fields({"state": "done"})
