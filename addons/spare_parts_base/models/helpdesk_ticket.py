# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command


class HelpdeskTicket(models.Model):
    """Helpdesk tickets act as work orders: equipment, engineer, parts (SP-04)."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "barcodes.barcode_events_mixin"]
    _check_company_auto = True

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('customer_id', 'child_of', commercial_partner_id)]",
    )
    engineer_id = fields.Many2one(
        "res.users",
        string="Engineer",
        compute="_compute_engineer_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The service engineer doing the work; follows the assignee unless set.",
        check_company=True,
    )
    part_line_ids = fields.One2many("spare.parts.line", "ticket_id", string="Parts", copy=False)
    spare_parts_planned_count = fields.Integer(compute="_compute_spare_parts_counts")
    spare_parts_consumed_count = fields.Integer(compute="_compute_spare_parts_counts")
    spare_parts_barcode_scanning = fields.Boolean(related="company_id.spare_parts_barcode_scanning")

    @api.depends("user_id")
    def _compute_engineer_id(self):
        for ticket in self:
            if ticket.user_id:
                ticket.engineer_id = ticket.user_id

    @api.depends("part_line_ids.state")
    def _compute_spare_parts_counts(self):
        for ticket in self:
            states = ticket.part_line_ids.mapped("state")
            ticket.spare_parts_planned_count = states.count("planned")
            ticket.spare_parts_consumed_count = states.count("consumed")

    @api.constrains("equipment_id", "partner_id")
    def _check_equipment_customer(self):
        for ticket in self.filtered("equipment_id"):
            customer = ticket.equipment_id.customer_id.commercial_partner_id
            if customer and customer != ticket.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "Equipment %(equipment)s belongs to %(owner)s, not to the work "
                        "order's customer %(customer)s (%(ticket)s).",
                        equipment=ticket.equipment_id.display_name,
                        owner=customer.display_name,
                        customer=ticket.commercial_partner_id.display_name or "-",
                        ticket=ticket.display_name,
                    )
                )

    def _get_service_bom_parts(self):
        """SP-07: ids of the parts that may be requested or consumed on this work
        order (its equipment's service BOM while the rule is on), or None when
        the rule allows any part."""
        self.ensure_one()
        model = self.equipment_id.product_id
        if not (model and self.company_id.spare_parts_request_rule):
            return None
        return set(model.product_tmpl_id.spare_parts_service_bom_line_ids.part_id.ids)

    def _get_service_bom_error(self, product):
        """SP-07: why ``product`` may not be requested or consumed on this work
        order (not in its equipment's service BOM while the rule is on), or ''."""
        self.ensure_one()
        allowed = self._get_service_bom_parts()
        if allowed is None or product.id in allowed:
            return ""
        equipment = self.equipment_id
        return self.env._(
            "%(part)s is not in the service BOM of equipment %(equipment)s (%(model)s): "
            "with the spare parts request rule on, only parts of that BOM may be "
            "requested or consumed.",
            part=product.display_name,
            equipment=equipment.display_name,
            model=equipment.product_id.display_name,
        )

    # ----------------------------------------------------------- closing
    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed:
                self._check_no_planned_parts()
        return super().write(vals)

    def _check_no_planned_parts(self):
        open_tickets = self.filtered(
            lambda t: any(line.state == "planned" for line in t.part_line_ids)
        )
        if open_tickets:
            raise UserError(
                self.env._(
                    "Work order %(tickets)s still has planned parts (%(parts)s). Consume "
                    "or return them first, or use 'Close and Drop Planned Parts'.",
                    tickets=", ".join(open_tickets.mapped("display_name")),
                    parts=", ".join(
                        open_tickets.part_line_ids.filtered(
                            lambda line: line.state == "planned"
                        ).mapped(lambda line: line._get_chatter_label())
                    ),
                )
            )

    def _get_closing_stage(self):
        self.ensure_one()
        return self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", True),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            order="sequence, id",
            limit=1,
        )

    def action_close_dropping_planned_parts(self):
        """Close the work orders after the user confirmed dropping planned parts."""
        for ticket in self:
            stage = ticket._get_closing_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        "No closing stage is defined for work order %(ticket)s.",
                        ticket=ticket.display_name,
                    )
                )
            dropped = ticket.part_line_ids.filtered(lambda line: line.state == "planned")
            dropped._action_drop()
            if dropped:
                dropped._post_on_tickets(self.env._("Planned parts dropped on closing"))
            # Nothing is planned any more: the closing check passes on its own.
            ticket.stage_id = stage
        return True

    # ------------------------------------------------------------ parts
    def action_consume_parts(self):
        """Consume every planned new part of these work orders."""
        lines = self.part_line_ids.filtered(
            lambda line: line.state == "planned" and line.part_condition == "new"
        )
        if not lines:
            raise UserError(
                self.env._(
                    "Work order %(tickets)s has no planned new parts to consume.",
                    tickets=", ".join(self.mapped("display_name")),
                )
            )
        return lines.action_consume()

    def _get_returnable_old_quantity(self, product):
        """How much of ``product`` may still come back as old parts on this work
        order: what its equipment has installed or what the work order replaces
        (a part naming it as replaced, or the same part installed new), less
        what was returned already. Read as the system: the asset BOM and the
        other lines count whoever wrote them."""
        self.ensure_one()
        installed = (
            sum(
                self.env["spare.parts.equipment.part"]
                .sudo()
                .search(
                    [
                        ("equipment_id", "=", self.equipment_id.id),
                        ("product_id", "=", product.id),
                        ("is_installed", "=", True),
                    ]
                )
                .mapped("quantity")
            )
            if self.equipment_id
            else 0.0
        )
        lines = self.sudo().part_line_ids
        replaced = sum(
            line.quantity
            for line in lines
            if line.part_condition == "new"
            and line.state in ("planned", "consumed")
            and product in (line.replaced_product_id, line.product_id)
        )
        returned = sum(
            line.quantity
            for line in lines
            if line.part_condition == "old"
            and line.state == "returned"
            and line.product_id == product
        )
        return max(installed, replaced) - returned

    def action_print_parts_summary(self):
        return self.env.ref("spare_parts_base.action_report_work_order_parts").report_action(self)

    # ------------------------------------------------------------ SP-09
    def on_barcode_scanned(self, barcode):
        return self._spare_parts_scan(barcode)

    def _spare_parts_find_barcode(self, barcode):
        """(product, lot) for a product barcode, internal reference or serial."""
        product = self.env["product.product"].search(
            ["|", ("barcode", "=", barcode), ("default_code", "=", barcode)], limit=1
        )
        if product:
            return product, self.env["stock.lot"]
        lot = self.env["stock.lot"].search(
            [("name", "=", barcode), ("company_id", "in", [False, self.company_id.id])],
            limit=1,
        )
        return lot.product_id, lot

    def _spare_parts_scan(self, barcode):
        """Add or increment a planned line for a scanned product or serial.
        Returns an onchange-style warning for an unknown code or when off."""
        self.ensure_one()
        if not self.company_id.spare_parts_barcode_scanning:
            return self._spare_parts_scan_warning(
                self.env._("Barcode scanning is off in Spare Parts settings.")
            )
        product, lot = self._spare_parts_find_barcode(barcode)
        if not product:
            return self._spare_parts_scan_warning(
                self.env._(
                    "No product or serial number matches the barcode %(barcode)s.",
                    barcode=barcode,
                )
            )
        planned = self.part_line_ids.filtered(
            lambda line: line.state == "planned"
            and line.part_condition == "new"
            and line.product_id == product
        )
        if lot:
            if planned.filtered(lambda line: line.lot_id == lot):
                return self._spare_parts_scan_warning(
                    self.env._("Serial number %(lot)s is already on this work order.", lot=lot.name)
                )
            free = planned.filtered(lambda line: not line.lot_id)[:1]
            if free and product.tracking == "serial" and free.quantity == 1:
                free.lot_id = lot
                return {}
            self.part_line_ids = [Command.create(self._prepare_scan_line_vals(product, lot))]
            return {}
        line = planned.filtered(lambda line: not line.lot_id)[:1]
        if line and product.tracking != "serial":
            line.quantity += 1
        else:
            self.part_line_ids = [Command.create(self._prepare_scan_line_vals(product, lot))]
        return {}

    def _prepare_scan_line_vals(self, product, lot):
        return {"product_id": product.id, "lot_id": lot.id, "quantity": 1.0}

    def _spare_parts_scan_warning(self, message):
        return {"warning": {"title": self.env._("Barcode"), "message": message}}
