# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

TRANSFER_STATES = [
    ("draft", "Draft"),
    ("sent", "Waiting Acceptance"),
    ("done", "Accepted"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]


class SparePartsTransfer(models.Model):
    """Parts handed from one engineer to another, accepted by the receiver (SP-11)."""

    _name = "spare.parts.transfer"
    _description = "Engineer to Engineer Transfer"
    _inherit = ["spare.parts.document.mixin"]
    _picking_field = "spare_parts_transfer_id"
    _line_move_field = "spare_parts_transfer_line_id"
    _sequence_code = "spare.parts.transfer"

    state = fields.Selection(
        selection_add=TRANSFER_STATES[1:],
        ondelete={key: "set default" for key, _label in TRANSFER_STATES[1:]},
    )
    location_id = fields.Many2one(
        "stock.location",
        string="From",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('spare_parts_old_parts', '=', False), "
        "('spare_parts_owner_id', '=', engineer_id)]",
    )
    receiver_id = fields.Many2one(
        "res.users",
        string="To Engineer",
        required=True,
        tracking=True,
        domain="[('share', '=', False), ('id', '!=', engineer_id)]",
        check_company=True,
    )
    location_dest_id = fields.Many2one(
        "stock.location",
        string="To",
        compute="_compute_location_dest_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('spare_parts_old_parts', '=', False), "
        "('spare_parts_owner_id', '=', receiver_id)]",
    )
    line_ids = fields.One2many(
        "spare.parts.transfer.line", "document_id", string="Parts", copy=True
    )
    rejected = fields.Boolean(readonly=True, copy=False)

    @api.depends("receiver_id", "company_id")
    def _compute_location_dest_id(self):
        for document in self:
            receiver = document.receiver_id
            document.location_dest_id = (
                receiver._get_spare_parts_location(document.company_id) if receiver else False
            )

    def _get_action_fields(self):
        return super()._get_action_fields() | {"rejected"}

    def _get_inbound_destination(self):
        self.ensure_one()
        return self.location_id if self.rejected else self.location_dest_id

    def _auto_confirm_inbound(self):
        return False

    def _after_send(self):
        """The receiver is asked to accept the parts."""
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Accept parts from %(engineer)s", engineer=self.engineer_id.name),
            user_id=self.receiver_id.id,
        )

    def _check_send(self):
        self.ensure_one()
        company = self.company_id
        company._check_spare_parts_mode("standard", self.env._("Transfers between engineers"))
        if not company.spare_parts_personal_transfer:
            raise UserError(
                self.env._(
                    "Transfers between engineers are off in Spare Parts settings (%(name)s).",
                    name=self.name,
                )
            )
        self._ensure_own_van(self.env._("Sending"))
        self._check_receiver_is_engineer()
        if not self.line_ids:
            raise UserError(self.env._("Transfer %(name)s has no parts.", name=self.name))
        if not (self.location_id and self.location_dest_id):
            raise UserError(
                self.env._(
                    "Transfer %(name)s: both engineers need a personal warehouse.",
                    name=self.name,
                )
            )
        if self.location_id == self.location_dest_id:
            raise UserError(
                self.env._(
                    "Transfer %(name)s: source and destination are the same.", name=self.name
                )
            )

    def _check_receiver_is_engineer(self):
        """Parts go to another service engineer of the same company, into one of
        his own vans."""
        self.ensure_one()
        receiver = self.receiver_id.sudo()
        if (
            receiver == self.engineer_id
            or self.company_id not in receiver.company_ids
            or not receiver.has_group("spare_parts_base.group_spare_parts_engineer")
        ):
            raise AccessError(
                self.env._(
                    "Transfer %(name)s: %(receiver)s is not another service engineer of "
                    "%(company)s; parts go only to a colleague holding the Service Engineer "
                    "role.",
                    name=self.name,
                    receiver=receiver.name or "-",
                    company=self.company_id.name,
                )
            )
        if self.location_dest_id and not self.location_dest_id._is_personal_warehouse_of(receiver):
            raise AccessError(
                self.env._(
                    "Transfer %(name)s: %(location)s is not a personal warehouse of %(receiver)s.",
                    name=self.name,
                    location=self.location_dest_id.sudo().display_name,
                    receiver=receiver.name,
                )
            )

    def _check_receiver(self):
        for document in self:
            if document.receiver_id != self.env.user and not self._is_spare_parts_admin():
                raise AccessError(
                    self.env._(
                        "Only %(receiver)s can accept or reject transfer %(name)s.",
                        receiver=document.receiver_id.name,
                        name=document.name,
                    )
                )

    def action_accept(self):
        self._ensure_state(["sent"], self.env._("Accepting"))
        self._check_receiver()
        self._receive_inbound()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_reject(self):
        """The parts go back to the sender."""
        self._ensure_state(["sent"], self.env._("Rejecting"))
        self._check_receiver()
        for document in self:
            inbound = document._get_pickings().filtered(
                lambda p: p.spare_parts_leg == "inbound" and p.state not in ("done", "cancel")
            )
            document._write_action_fields({"rejected": True})
            inbound.sudo().location_dest_id = document.location_id
            inbound.move_ids.sudo().location_dest_id = document.location_id
            inbound.move_ids.move_line_ids.sudo().location_dest_id = document.location_id
            document._validate_pickings(inbound)
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def _update_state_from_pickings(self):
        for document in self.filtered(lambda d: d.state == "sent"):
            if document._shipments_finished():
                document._write_action_fields(
                    {"state": "rejected" if document.rejected else "done"}
                )
                # Accepted from Inventory as well: the receiver's to-do is done.
                document.activity_feedback(["mail.mail_activity_data_todo"])
