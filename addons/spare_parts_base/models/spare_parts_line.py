# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from odoo.addons.document_write_policy.models.document_write_policy_mixin import lock_rows

from .spare_parts_action_fields_mixin import ADMIN_GROUP, ALL_FIELDS, ENGINEER_GROUP

LINE_STATES = [
    ("planned", "Planned"),
    ("consumed", "Consumed"),
    ("returned", "Returned"),
    ("dropped", "Not Used"),
]


class SparePartsLine(models.Model):
    """A part planned, consumed or returned on a work order (SP-04, SP-05).

    In Simple mode consuming a line only records it; higher modes extend
    ``_action_consume`` and ``_action_return`` to post the stock moves."""

    _name = "spare.parts.line"
    _inherit = ["spare.parts.action.fields.mixin"]
    _description = "Work Order Part Line"
    _order = "ticket_id, sequence, id"
    _check_company_auto = True
    # How many serials the Consume prompt offers in Simple mode.
    _serial_choices_limit = 80
    # How many lines a chatter note lists before summing up the rest.
    _chatter_note_limit = 20

    sequence = fields.Integer(default=10)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Work Order",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    engineer_id = fields.Many2one(
        "res.users",
        string="Engineer",
        compute="_compute_engineer_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="ticket_id.commercial_partner_id",
        store=True,
        precompute=True,
        index="btree_not_null",
    )
    equipment_id = fields.Many2one(
        related="ticket_id.equipment_id", store=True, precompute=True, index="btree_not_null"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        check_company=True,
        domain="[('spare_parts_is_part', '=', True)]",
    )
    tracking = fields.Selection(related="product_id.tracking")
    quantity = fields.Float(digits="Spare Parts", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
        index="btree_not_null",
    )
    part_condition = fields.Selection(
        [("new", "New Part"), ("old", "Old Part")],
        string="Condition",
        required=True,
        default="new",
        help="New: a part installed on this work order. Old: a part taken out of the "
        "equipment and given back.",
    )
    replaced_product_id = fields.Many2one(
        "product.product",
        string="Replaces Part",
        check_company=True,
        help="The old part this new part replaces in the equipment (SP-15).",
    )
    replaced_lot_id = fields.Many2one(
        "stock.lot",
        string="Replaces Serial",
        domain="[('product_id', '=', replaced_product_id)]",
        check_company=True,
    )
    note = fields.Text(string="Installation Notes")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Photos and Certificates",
        help="Photos of the installation, calibration certificates and the like.",
    )
    state = fields.Selection(
        LINE_STATES,
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False, index=True)

    # -------------------------------------------------------- write policy
    def _get_write_policy(self):
        """A planned part is the engineer's to change; once consumed, returned
        or not used it is what the stock ledger and the bill say, and only its
        notes and photos change (corrections go through documents that move
        the stock too)."""
        done = {ENGINEER_GROUP: self._get_notes_fields(), ADMIN_GROUP: self._get_notes_fields()}
        return {
            "planned": {ENGINEER_GROUP: ALL_FIELDS, ADMIN_GROUP: ALL_FIELDS},
            "consumed": done,
            "returned": done,
            "dropped": done,
        }

    def _get_notes_fields(self):
        return {"note", "attachment_ids"}

    @api.model_create_multi
    def create(self, vals_list):
        self._check_named_targets(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_named_targets([vals])
        res = super().write(vals)
        if "state" in vals and "engineer_id" not in vals:
            self._sync_engineer_on_state_change()
        return res

    def _check_named_targets(self, vals_list):
        """The work orders a user puts parts on must be ones he may change, and
        only an administrator names another engineer: a line cannot be moved to
        a stranger's work order or booked to a colleague's van. One access
        check for all the work orders named, however many lines."""
        if self.env.su:
            return
        ticket_ids = {vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")}
        if ticket_ids:
            self.env["helpdesk.ticket"].browse(sorted(ticket_ids)).check_access("write")
        others = [
            vals["engineer_id"]
            for vals in vals_list
            if vals.get("engineer_id") and vals["engineer_id"] != self.env.uid
        ]
        if others and not self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            raise AccessError(
                self.env._(
                    "%(user)s may book parts only to himself, not to %(engineer)s: that "
                    "needs the Spare Parts Administrator role.",
                    user=self.env.user.name,
                    engineer=self.env["res.users"].browse(others[0]).sudo().name,
                )
            )

    def _check_company(self, fnames=None):
        """Odoo's company check of the linked parts, serials and engineer, done
        once per field and company for the whole batch instead of once per
        line; the lines found inconsistent go through Odoo's own check, whose
        message names them."""
        if len(self) < 2:
            return super()._check_company(fnames)
        suspects = self._get_company_suspects(fnames)
        if suspects:
            super(SparePartsLine, self.filtered(lambda line: line in suspects))._check_company(
                fnames
            )
        return None

    def _get_company_suspects(self, fnames=None):
        """The lines linking a record of another company (one filter per field
        and company over the records all the lines link)."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        names = [
            name
            for name in fnames
            if self._fields[name].relational and self._fields[name].check_company
        ]
        if not names:
            return self.browse()
        if any(self._fields[name].company_dependent for name in names):
            return self
        suspects = self.browse()
        for company, lines in self.grouped("company_id").items():
            for name in names:
                linked = lines.sudo().mapped(name)
                domain = linked._check_company_domain(company) if linked else None
                if not domain:
                    continue
                wrong = self._get_company_mismatches(linked, domain)
                if wrong:
                    suspects |= lines.filtered(lambda line, n=name, w=wrong: line.sudo()[n] & w)
        return suspects

    @api.model
    def _get_company_mismatches(self, records, domain):
        """The ``records`` outside their company ``domain``: a single record is
        checked in memory, many in one query rather than by reading the
        company of each."""
        records = records.with_context(active_test=False)
        if len(records) == 1:
            return records - records.filtered_domain(domain)
        return records.search(Domain("id", "in", records.ids) & ~Domain(domain))

    def _check_unlink_policy(self):
        """Parts not used may be deleted; ``_unlink_except_done`` keeps the rest."""

    # ------------------------------------------------------------ computes
    @api.depends("ticket_id.engineer_id")
    def _compute_engineer_id(self):
        """A planned part follows its work order's engineer; a done part keeps
        the engineer who did it. The state is no dependency, so that a batch
        of lines changing state recomputes nothing: ``write`` applies the same
        rule to the few lines it concerns (``_sync_engineer_on_state_change``)."""
        for line in self:
            if line._follows_ticket_engineer():
                line.engineer_id = line.ticket_id.engineer_id

    def _follows_ticket_engineer(self):
        self.ensure_one()
        return self.state == "planned" or not self.engineer_id

    def _sync_engineer_on_state_change(self):
        """After a state change, give the work order's engineer to the lines
        that follow it but differ (a done line without engineer, usually none).
        Written as the system, as the compute would: the line is no longer the
        user's to change."""
        lines = self.filtered(
            lambda line: line._follows_ticket_engineer()
            and line.engineer_id != line.ticket_id.engineer_id
        )
        for engineer, group in lines.grouped(lambda line: line.ticket_id.engineer_id).items():
            group.sudo().write({"engineer_id": engineer.id})

    # --------------------------------------------------------- constraints
    @api.constrains("quantity", "product_id", "lot_id")
    def _check_quantity_and_serial(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Work order %(ticket)s: the quantity of %(part)s must be positive, "
                        "not %(qty)s.",
                        ticket=line.ticket_id.display_name,
                        part=line.product_id.display_name,
                        qty=line.quantity,
                    )
                )
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Work order %(ticket)s: serial number %(lot)s belongs to "
                        "%(lot_product)s, not to %(part)s.",
                        ticket=line.ticket_id.display_name,
                        lot=line.lot_id.name,
                        lot_product=line.lot_id.product_id.display_name,
                        part=line.product_id.display_name,
                    )
                )
            if line.lot_id and line.tracking == "serial" and line.quantity != 1:
                raise ValidationError(
                    self.env._(
                        "Work order %(ticket)s: serial number %(lot)s of %(part)s is one "
                        "unit; the line says %(qty)s.",
                        ticket=line.ticket_id.display_name,
                        lot=line.lot_id.name,
                        part=line.product_id.display_name,
                        qty=line.quantity,
                    )
                )

    @api.constrains("product_id", "ticket_id")
    def _check_request_rule(self):
        """SP-07: with the rule on, only parts of the equipment's service BOM."""
        errors = self._get_request_rule_errors()
        if errors:
            raise ValidationError(next(iter(errors.values())))

    def _get_request_rule_errors(self):
        """SP-07 refusals of these lines, ``{line: message}`` in line order: the
        service BOM is read once per work order, messages only for the lines
        it refuses."""
        refused = {}
        for ticket, lines in self.grouped("ticket_id").items():
            allowed = ticket._get_service_bom_parts()
            if allowed is None:
                continue
            for line in lines:
                if line.product_id.id not in allowed:
                    refused[line] = ticket._get_service_bom_error(line.product_id)
        return {line: refused[line] for line in self if line in refused}

    def _get_request_rule_error(self):
        self.ensure_one()
        return self.ticket_id._get_service_bom_error(self.product_id)

    # -------------------------------------------------------------- consume
    def action_consume(self):
        """Record the use of these planned new parts on their work orders.

        Parts still waiting for their serial are not refused: the serials are
        asked for first (as Odoo's Validate asks about a backorder), and the
        prompt consumes the parts once they are given."""
        if self._get_lines_waiting_for_serial():
            return self._action_open_serial_prompt()
        self._check_can_consume()
        self._action_consume()
        self._update_equipment_bom()
        self._post_on_tickets(self.env._("Parts consumed"))
        return True

    def _check_can_consume(self):
        """Every reason the lines cannot be consumed, gathered and raised once.
        A line passing its checks costs a few field reads: messages (and the
        names in them) are built only for the lines refused."""
        errors = [error for line in self for error in line._get_consume_errors()]
        errors += self._get_serial_conflicts()
        if errors:
            raise UserError("\n".join(errors))

    def _get_consume_errors(self):
        """Reasons this line cannot be consumed (list of messages)."""
        self.ensure_one()
        errors = []
        if self.state != "planned":
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(part)s is already %(state)s.",
                    ticket=self.ticket_id.display_name,
                    part=self.product_id.display_name,
                    state=dict(LINE_STATES)[self.state].lower(),
                )
            )
        if self.part_condition != "new":
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(part)s is an old part; give it back with "
                    "Return instead of consuming it.",
                    ticket=self.ticket_id.display_name,
                    part=self.product_id.display_name,
                )
            )
        if self.tracking in ("serial", "lot") and not self.lot_id:
            errors.append(
                self.env._(
                    "Work order %(ticket)s: %(part)s is tracked by serial number; enter "
                    "the serial of the part used.",
                    ticket=self.ticket_id.display_name,
                    part=self.product_id.display_name,
                )
            )
        request_rule_error = self._get_request_rule_error()
        if request_rule_error:
            errors.append(request_rule_error)
        errors += self._get_replacement_errors()
        return errors

    # -------------------------------------------------- SP-31 serial prompt
    def _get_lines_waiting_for_serial(self):
        """The lines whose serial must be asked for before they are consumed:
        only lines of tracked parts can wait, so one look at the parts spares
        the per-line test when none is tracked."""
        tracked = set(self.product_id.filtered(lambda part: part.tracking in ("serial", "lot")).ids)
        return self.filtered(
            lambda line: line.product_id.id in tracked and line._is_waiting_for_serial()
        )

    def _is_waiting_for_serial(self):
        self.ensure_one()
        return (
            self.state == "planned"
            and self.part_condition == "new"
            and self.tracking in ("serial", "lot")
            and not self.lot_id
        )

    def _get_serials_needed(self):
        """Serials this line needs: one per unit of a serial-tracked part."""
        self.ensure_one()
        if self.tracking != "serial":
            return 1
        units = round(self.quantity)
        if units < 1 or abs(self.quantity - units) > 1e-6:
            raise UserError(
                self.env._(
                    "Work order %(ticket)s: %(part)s is tracked by serial number and "
                    "counted in whole units, not %(quantity)s.",
                    ticket=self.ticket_id.display_name,
                    part=self.product_id.display_name,
                    quantity=self.quantity,
                )
            )
        return units

    def _action_open_serial_prompt(self):
        self.check_access("write")
        for line in self._get_lines_waiting_for_serial():
            line._get_serials_needed()
        prompt = self.env["spare.parts.serial.prompt"].create(
            {"part_line_ids": [Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Serial Numbers"),
            "res_model": prompt._name,
            "res_id": prompt.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _get_serial_choices(self):
        """Serials offered for these lines when they are consumed. In Simple
        mode: the part's serials not installed anywhere, newest first; higher
        modes offer what the engineer holds."""
        if not self:
            return self.env["stock.lot"]
        lots = self.env["stock.lot"].search(
            [
                ("product_id", "in", self.product_id.ids),
                ("company_id", "in", [False, *self.company_id.ids]),
            ],
            order="id desc",
            limit=self._serial_choices_limit,
        )
        installed = self._get_installed_serials(lots)
        return lots.filtered(lambda lot: lot not in installed)

    def _set_consumed_serials(self, lots):
        """Give this line its serials; a serial-tracked line of several units
        becomes one line per serial. Returns the lines."""
        self.ensure_one()
        if self.tracking != "serial":
            self.lot_id = lots[:1]
            return self
        self.write({"lot_id": lots[:1].id, "quantity": 1.0})
        return self | self.create([self._prepare_serial_split_vals(lot) for lot in lots[1:]])

    def _prepare_serial_split_vals(self, lot):
        return dict(self.copy_data()[0], lot_id=lot.id, quantity=1.0)

    def _get_serial_conflicts(self):
        """Serials consumed twice: in this batch, or still installed elsewhere."""
        serial_lines = self.filtered(lambda line: line.lot_id and line.tracking == "serial")
        if not serial_lines:
            return []
        errors = []
        seen = {}
        for line in serial_lines:
            if line.lot_id in seen:
                errors.append(
                    self.env._(
                        "Serial number %(lot)s of %(part)s appears twice (work orders "
                        "%(first)s and %(second)s).",
                        lot=line.lot_id.name,
                        part=line.product_id.display_name,
                        first=seen[line.lot_id].ticket_id.display_name,
                        second=line.ticket_id.display_name,
                    )
                )
            seen[line.lot_id] = line
        installed = self._get_installed_serials(serial_lines.lot_id)
        for line in serial_lines:
            where = installed.get(line.lot_id)
            if where:
                errors.append(
                    self.env._(
                        "Serial number %(lot)s of %(part)s was already consumed and is "
                        "still installed (%(where)s); it cannot be consumed again on work "
                        "order %(ticket)s.",
                        lot=line.lot_id.name,
                        part=line.product_id.display_name,
                        where=where,
                        ticket=line.ticket_id.display_name,
                    )
                )
        return errors

    @api.model
    def _get_installed_serials(self, lots):
        """{lot: description of where it is installed} for lots consumed as new
        parts more often than they came back as old parts, or present in an
        installed asset BOM line. Two grouped queries for any number of lots."""
        result = {}
        balance = {}
        # Every work order counts, not only those the engineer may read: a
        # serial installed by a colleague is still installed.
        for lot, condition, count in self.sudo()._read_group(
            [
                ("lot_id", "in", lots.ids),
                "|",
                "&",
                ("part_condition", "=", "new"),
                ("state", "=", "consumed"),
                "&",
                ("part_condition", "=", "old"),
                ("state", "=", "returned"),
            ],
            ["lot_id", "part_condition"],
            ["__count"],
        ):
            balance[lot] = balance.get(lot, 0) + (count if condition == "new" else -count)
        for lot, qty in balance.items():
            if qty > 0:
                result[lot] = self.env._("consumed on an earlier work order")
        for lot, equipments in (
            self.env["spare.parts.equipment.part"]
            .sudo()
            ._read_group(
                [("lot_id", "in", lots.ids), ("is_installed", "=", True)],
                ["lot_id"],
                ["equipment_id:recordset"],
            )
        ):
            result[lot] = self.env._(
                "in equipment %(equipment)s", equipment=equipments[:1].display_name
            )
        return result

    def _action_consume(self):
        """Write the consumption. Higher modes add the stock moves here."""
        self._write_action_fields({"state": "consumed", "date_done": fields.Datetime.now()})

    # ------------------------------------------------ consumed corrections
    def action_open_correction(self):
        """Administrator: correct the quantity of this consumed part."""
        self.ensure_one()
        self._check_correction_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct a Consumed Part"),
            "res_model": "spare.parts.line.correction",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def _check_correction_rights(self):
        if self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            return
        raise AccessError(
            self.env._(
                "%(user)s may not correct consumed parts: that needs the Spare Parts "
                "Administrator role.",
                user=self.env.user.name,
            )
        )

    def _correct_consumed_quantity(self, quantity, reason):
        """Set the quantity really consumed: the stock moves follow (higher
        modes), a billed part is refused until its quotation is cancelled, and
        the work order's chatter keeps who changed what and why."""
        self.ensure_one()
        self._check_correction_rights()
        # Pressed twice at once, the second correction waits, is retried and
        # finds the quantity already set: the stock moves once.
        lock_rows(self)
        self._check_quantity_correction(quantity, reason)
        before = self.quantity
        self._apply_quantity_correction(quantity - before)
        self._write_action_fields({"quantity": quantity})
        self.ticket_id.message_post(
            body=self.env._(
                "Consumed quantity of %(part)s corrected from %(before)s to %(after)s by "
                "%(user)s: %(reason)s",
                part=self.product_id.display_name,
                before=before,
                after=quantity,
                user=self.env.user.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _check_quantity_correction(self, quantity, reason):
        error = ""
        if self.state != "consumed" or self.part_condition != "new":
            error = self.env._("only consumed new parts can be corrected")
        elif self.tracking == "serial":
            error = self.env._("a serial number is one unit")
        elif quantity <= 0:
            error = self.env._("the quantity must stay above 0; unused parts go back with a return")
        elif abs(quantity - self.quantity) < 1e-9:
            error = self.env._("the quantity is unchanged")
        elif not (reason or "").strip():
            error = self.env._("give the reason")
        if error:
            raise UserError(
                self.env._(
                    "Work order %(ticket)s, %(part)s: %(error)s.",
                    ticket=self.ticket_id.display_name,
                    part=self.product_id.display_name,
                    error=error,
                )
            )

    def _apply_quantity_correction(self, delta):
        """Higher modes move the stock for the difference here."""

    # ------------------------------------------------------- SP-15 asset BOM
    def _is_bom_update_wanted(self):
        self.ensure_one()
        return bool(
            self.company_id.spare_parts_part_replacement
            and self.ticket_id.equipment_id
            and self.part_condition == "new"
        )

    def _get_replaced_bom_line(self):
        self.ensure_one()
        if not self.replaced_product_id:
            return self.env["spare.parts.equipment.part"]
        return self.ticket_id.equipment_id._find_installed_part(
            self.replaced_product_id, self.replaced_lot_id
        )

    def _get_replacement_errors(self):
        self.ensure_one()
        if not (self.replaced_product_id and self._is_bom_update_wanted()):
            return []
        if self._get_replaced_bom_line():
            return []
        return [
            self.env._(
                "Work order %(ticket)s: the old part %(old)s%(serial)s is not installed in "
                "equipment %(equipment)s, so %(part)s cannot replace it.",
                ticket=self.ticket_id.display_name,
                old=self.replaced_product_id.display_name,
                serial=f" ({self.replaced_lot_id.name})" if self.replaced_lot_id else "",
                equipment=self.ticket_id.equipment_id.display_name,
                part=self.product_id.display_name,
            )
        ]

    def _prepare_equipment_part_vals(self):
        self.ensure_one()
        return {
            "equipment_id": self.ticket_id.equipment_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "quantity": self.quantity,
            "date_installed": fields.Date.context_today(self),
            "installed_by_id": (self.engineer_id or self.env.user).id,
            "ticket_id": self.ticket_id.id,
        }

    def _prepare_replacement_vals(self, old_part, new_part):
        self.ensure_one()
        return {
            "equipment_id": self.ticket_id.equipment_id.id,
            "ticket_id": self.ticket_id.id,
            "engineer_id": (self.engineer_id or self.env.user).id,
            "old_product_id": old_part.product_id.id,
            "old_lot_id": old_part.lot_id.id,
            "new_product_id": self.product_id.id,
            "new_lot_id": self.lot_id.id,
            "quantity": self.quantity,
            "old_part_line_id": old_part.id,
            "new_part_line_id": new_part.id,
            "parts_line_id": self.id,
        }

    def _update_equipment_bom(self):
        """SP-15: the new part starts a line of the asset BOM; a part it replaces
        ends its line and a replacement record keeps the history.

        Engineers only read the asset BOM: the action that consumed these lines
        checked them, and the user must still be allowed to change them; the
        asset BOM is then written as the system, the user staying its author."""
        if not self.ticket_id.equipment_id:
            return
        lines = self.filtered(lambda line: line._is_bom_update_wanted())
        if not lines:
            return
        lines.check_access("write")
        old_parts = [line._get_replaced_bom_line() for line in lines]
        # Consume records what it installed: engineers may not write the asset BOM.
        new_parts = (
            self.env["spare.parts.equipment.part"]
            .sudo()
            .create([line._prepare_equipment_part_vals() for line in lines])
        )
        replacement_vals = []
        for line, old_part, new_part in zip(lines, old_parts, new_parts, strict=True):
            if old_part:
                # The replaced part leaves the asset BOM, as Consume records it.
                old_part.sudo()._end_installation(ticket=line.ticket_id)
                replacement_vals.append(line._prepare_replacement_vals(old_part, new_part))
        if replacement_vals:
            self.env["spare.parts.replacement"].sudo().create(replacement_vals)

    # --------------------------------------------------------------- return
    def action_return(self):
        """Give back old parts taken out of the equipment."""
        errors = []
        for line in self:
            if line.state != "planned" or line.part_condition != "old":
                errors.append(
                    self.env._(
                        "Work order %(ticket)s: only planned old parts can be returned; "
                        "%(part)s is a %(condition)s in state %(state)s.",
                        ticket=line.ticket_id.display_name,
                        part=line.product_id.display_name,
                        condition=dict(
                            self._fields["part_condition"]._description_selection(self.env)
                        )[line.part_condition].lower(),
                        state=dict(LINE_STATES)[line.state].lower(),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        # Old parts returned at the same moment on one work order are counted
        # one transaction at a time against what it may give back.
        lock_rows(self.ticket_id)
        self._check_old_part_returns()
        self._action_return()
        self._post_on_tickets(self.env._("Old parts returned"))
        return True

    def _check_old_part_returns(self):
        """Old parts come out of the work order's equipment: only the line's
        own engineer gives them back, and no more of a part than the equipment
        holds or the work order replaces, so no stock appears from nothing."""
        if self.env.su:
            return
        if not self.env.user.has_group("spare_parts_base.group_spare_parts_admin"):
            foreign = self.filtered(lambda line: line.engineer_id != self.env.user)
            if foreign:
                raise AccessError(
                    self.env._(
                        "%(user)s may return only his own old parts, not those of "
                        "%(engineers)s: that needs the Spare Parts Administrator role.",
                        user=self.env.user.name,
                        engineers=", ".join(sorted(set(foreign.engineer_id.mapped("name")))),
                    )
                )
        errors = []
        for (ticket, product), lines in self.grouped(
            lambda line: (line.ticket_id, line.product_id)
        ).items():
            returnable = ticket._get_returnable_old_quantity(product)
            asked = sum(lines.mapped("quantity"))
            if asked > returnable + 1e-6:
                errors.append(
                    self.env._(
                        "Work order %(ticket)s: %(asked)s %(uom)s of old %(part)s cannot be "
                        "returned; the equipment holds or the work order replaces "
                        "%(returnable)s %(uom)s not returned yet.",
                        ticket=ticket.display_name,
                        asked=asked,
                        returnable=returnable,
                        uom=product.uom_id.name,
                        part=product.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _action_return(self):
        self._write_action_fields({"state": "returned", "date_done": fields.Datetime.now()})

    # ------------------------------------------------- SP-31 part cards
    def action_increase_quantity(self):
        """The + of a part card: one more unit planned."""
        self._check_planned_for_card()
        for line in self:
            line.quantity += 1
        return True

    def action_decrease_quantity(self):
        """The - of a part card: one unit less, never below one."""
        self._check_planned_for_card()
        for line in self.filtered(lambda line: line.quantity > 1):
            line.quantity -= 1
        return True

    def action_not_used(self):
        """Not Used on a part card: the planned part was not needed."""
        self._check_planned_for_card()
        self._action_drop()
        self._post_on_tickets(self.env._("Planned parts not used"))
        return True

    def _check_planned_for_card(self):
        done = self.filtered(lambda line: line.state != "planned")
        if done:
            raise UserError(
                self.env._(
                    "Only planned parts can be changed (%(lines)s).",
                    lines=", ".join(done.mapped(lambda line: line._get_chatter_label())),
                )
            )

    def _action_drop(self):
        self.filtered(lambda line: line.state == "planned")._write_action_fields(
            {"state": "dropped"}
        )

    # ------------------------------------------------------------ SP-28
    def _get_billing_errors(self):
        """Why this part cannot be billed to the customer yet (messages). Only a
        new part consumed on the work order (installed) is billed; billing
        addons ask this before billing and higher modes add their own rules
        (e.g. warranty replacements waiting for approval)."""
        self.ensure_one()
        if self.state == "consumed" and self.part_condition == "new":
            return []
        return [
            self.env._(
                "Work order %(ticket)s: %(part)s is not an installed part (state %(state)s).",
                ticket=self.ticket_id.display_name,
                part=self._get_chatter_label(),
                state=dict(LINE_STATES)[self.state].lower(),
            )
        ]

    # ---------------------------------------------------------------- chatter
    def _post_on_tickets(self, title):
        """One note per work order listing the lines, so the timeline shows them.
        A long batch is summed up: its first lines, then how many more the
        work order's Parts tab lists (a note stays readable, and its cost does
        not grow with the lines)."""
        for ticket, lines in self.grouped("ticket_id").items():
            ticket.message_post(
                body=lines._get_chatter_note(title),
                subtype_xmlid="mail.mt_note",
            )

    def _get_chatter_note(self, title):
        """The note body for these lines of one work order: the first
        ``_chatter_note_limit`` lines, then how many more there are."""
        shown = self[: self._chatter_note_limit]
        items = Markup("").join(Markup("<li>%s</li>") % line._get_chatter_label() for line in shown)
        body = Markup("<p>%s</p><ul>%s</ul>") % (title, items)
        if len(self) > len(shown):
            body += Markup("<p>%s</p>") % self.env._(
                "... and %(count)s more parts (%(total)s lines in all), listed in the "
                "work order's Parts tab.",
                count=len(self) - len(shown),
                total=len(self),
            )
        return body

    def _get_chatter_label(self):
        self.ensure_one()
        label = f"{self.quantity:g} {self.uom_id.name} {self.product_id.display_name}"
        if self.lot_id:
            label += f" ({self.lot_id.name})"
        return label

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        done = self.filtered(lambda line: line.state in ("consumed", "returned"))
        if done:
            raise UserError(
                self.env._(
                    "Consumed or returned parts cannot be deleted (%(lines)s): they are "
                    "part of the work order's history.",
                    lines=", ".join(done.mapped(lambda line: line._get_chatter_label())),
                )
            )


class SparePartsLineEntry(models.Model):
    """SP-26: the technician's parts entry. A line entered from a work order
    carries the cost, restocking fee, reason and urgency of the request, and is
    announced on the work order's timeline when submitted."""

    _name = "spare.parts.line"
    _inherit = ["spare.parts.line", "spare.parts.entry.mixin"]

    unit_cost = fields.Float(
        compute="_compute_unit_cost", store=True, readonly=False, precompute=True
    )
    request_reason = fields.Text(
        string="Why Needed", help="Why the part is required on this work order."
    )
    urgency = fields.Selection(default="0")
    requested_date = fields.Datetime(string="Requested On", readonly=True, copy=False)
    qty_requested = fields.Float(
        string="Requested Quantity",
        digits="Spare Parts",
        readonly=True,
        copy=False,
        help="The quantity asked for when the entry was submitted; the line's quantity "
        "is the quantity actually consumed.",
    )
    amount_total = fields.Float(
        string="Total Cost",
        digits="Product Price",
        compute="_compute_amount_total",
        store=True,
        precompute=True,
        help="Quantity times unit cost, plus the restocking fee.",
    )
    catalogue_request_id = fields.Many2one(
        "spare.parts.catalogue.request",
        string="Catalogue Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The request for a new catalogue part this line completes.",
    )
    original_return_line_id = fields.Many2one(
        "spare.parts.line",
        string="Original Part Return",
        readonly=True,
        copy=False,
        help="The old-part line that gave the replaced component back.",
    )
    original_returned = fields.Boolean(
        string="Original Returned to Stock",
        compute="_compute_original_returned",
        store=True,
        precompute=True,
    )

    def _get_action_fields(self):
        return super()._get_action_fields() | {
            "date_done",
            "requested_date",
            "qty_requested",
            "catalogue_request_id",
            "original_return_line_id",
        }

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            if line.state == "planned":
                line.unit_cost = line.product_id.standard_price

    @api.depends("quantity", "unit_cost", "restocking_fee")
    def _compute_amount_total(self):
        for line in self:
            line.amount_total = line.quantity * line.unit_cost + line.restocking_fee

    @api.depends("original_return_line_id.state")
    def _compute_original_returned(self):
        for line in self:
            line.original_returned = line.original_return_line_id.state == "returned"

    @api.constrains("unit_cost", "restocking_fee")
    def _check_costs(self):
        for line in self:
            if line.unit_cost < 0 or line.restocking_fee < 0:
                raise ValidationError(
                    self.env._(
                        "Work order %(ticket)s: the cost (%(cost)s) and restocking fee "
                        "(%(fee)s) of %(part)s cannot be negative.",
                        ticket=line.ticket_id.display_name,
                        cost=line.unit_cost,
                        fee=line.restocking_fee,
                        part=line.product_id.display_name,
                    )
                )

    # ------------------------------------------------------------ SP-26 entry
    def action_submit_entry(self):
        """Submit planned entries: remember what was asked and tell dispatch
        on the work order's timeline."""
        not_planned = self.filtered(lambda line: line.state != "planned")
        if not_planned:
            raise UserError(
                self.env._(
                    "Only planned parts can be submitted as requests (%(lines)s).",
                    lines=", ".join(not_planned.mapped(lambda line: line._get_chatter_label())),
                )
            )
        for line in self:
            line._write_action_fields(line._prepare_submit_entry_vals())
        self._post_on_tickets(self.env._("Parts requested"))
        return True

    def _prepare_submit_entry_vals(self):
        self.ensure_one()
        return {"requested_date": fields.Datetime.now(), "qty_requested": self.quantity}

    def _get_chatter_label(self):
        label = super()._get_chatter_label()
        if not self.requested_date or self.state != "planned":
            return label
        details = [
            self.env._("cost %(cost)s", cost=f"{self.unit_cost:g}"),
        ]
        if self.restocking_fee:
            details.append(self.env._("restocking fee %(fee)s", fee=f"{self.restocking_fee:g}"))
        details.append(dict(self._fields["urgency"]._description_selection(self.env))[self.urgency])
        if self.request_reason:
            details.append(self.request_reason)
        return f"{label}: {', '.join(details)}"

    # ------------------------------------------------------- usage logging
    def action_return_original(self):
        """After installing a new part, give back the component it replaced:
        an old-part line for the replaced part is created and returned."""
        errors = []
        for line in self:
            if line.part_condition != "new" or not line.replaced_product_id:
                errors.append(
                    self.env._(
                        "Work order %(ticket)s: %(part)s does not say which part it replaces, "
                        "so no original component can be returned.",
                        ticket=line.ticket_id.display_name,
                        part=line.product_id.display_name,
                    )
                )
            elif line.original_return_line_id:
                errors.append(
                    self.env._(
                        "Work order %(ticket)s: the original of %(part)s was already returned.",
                        ticket=line.ticket_id.display_name,
                        part=line.product_id.display_name,
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        old_lines = self.create([line._prepare_original_return_vals() for line in self])
        for line, old_line in zip(self, old_lines, strict=True):
            line._write_action_fields({"original_return_line_id": old_line.id})
        old_lines.action_return()
        return True

    def _prepare_original_return_vals(self):
        self.ensure_one()
        return {
            "ticket_id": self.ticket_id.id,
            "product_id": self.replaced_product_id.id,
            "lot_id": self.replaced_lot_id.id,
            "quantity": 1.0 if self.replaced_lot_id else self.quantity,
            "part_condition": "old",
            "note": self.env._(
                "Original component replaced by %(part)s.", part=self.product_id.display_name
            ),
        }
