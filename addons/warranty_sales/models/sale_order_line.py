# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

PRICE_ORIGINS = [
    ("pricelist", "Pricelist"),
    ("warranty", "Warranty"),
    ("goodwill", "Goodwill"),
    ("manual", "Manual"),
]


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    warranty_commercial_partner_id = fields.Many2one(
        related="order_id.partner_id.commercial_partner_id", string="Commercial Customer"
    )
    warranty_equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        index="btree_not_null",
        domain="[('customer_id', 'child_of', warranty_commercial_partner_id)]",
        help="Equipment of the customer the part is sold for, found by product and "
        "serial number: its warranties decide the price of the line.",
        check_company=True,
    )
    warranty_equipment_product_id = fields.Many2one(
        related="warranty_equipment_id.product_id", string="Equipment Product"
    )
    warranty_equipment_lot_id = fields.Many2one(
        related="warranty_equipment_id.lot_id", string="Equipment Serial"
    )
    warranty_id = fields.Many2one(
        "maintenance.equipment.warranty",
        string="Equipment Warranty",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    warranty_entitlement = fields.Selection(
        [
            ("none", "Not entitled"),
            ("warranty", "Warranty period"),
            ("goodwill", "Goodwill period"),
            ("not_covered", "Not covered"),
        ],
        string="Entitlement",
        readonly=True,
        copy=False,
        help="Outcome of the warranty entitlement check made when the line is confirmed.",
    )
    warranty_goodwill_qualified = fields.Boolean(
        string="Qualified for Goodwill",
        compute="_compute_warranty_goodwill_qualified",
        store=True,
    )
    warranty_goodwill_applied = fields.Boolean(string="Goodwill Applied", readonly=True, copy=False)
    warranty_type_id = fields.Many2one(
        "warranty.type",
        string="Warranty Type",
        compute="_compute_warranty_type_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        help="Type of the warranty the line is given under. On a line qualified for "
        "goodwill, entering the type of its warranty applies goodwill (as Apply "
        "Goodwill does); clearing it takes the goodwill back.",
    )
    warranty_price_origin = fields.Selection(
        PRICE_ORIGINS,
        string="Price Origin",
        compute="_compute_warranty_price_origin",
        store=True,
        help="Where the unit price comes from: the pricelist, the warranty (free), "
        "goodwill (free or partly paid) or a manual change.",
    )
    warranty_message = fields.Char(readonly=True, copy=False)
    warranty_payer_id = fields.Many2one(related="warranty_id.payer_id", string="Claim Payer")
    warranty_pricelist_id = fields.Many2one(
        related="warranty_id.pricelist_id", string="Payer Agreement"
    )
    warranty_cost_unit = fields.Float(
        string="Unit Cost",
        compute="_compute_warranty_cost_unit",
        store=True,
        digits="Product Price",
        help="Cost of one unit of the part when the line was checked.",
    )
    warranty_cost = fields.Monetary(
        string="Cost", compute="_compute_warranty_cost", store=True, aggregator="sum"
    )
    warranty_claim_charge = fields.Monetary(
        string="Internal Claim Charge",
        compute="_compute_warranty_claim_charge",
        store=True,
        aggregator="sum",
        help="Cost of the part given free under warranty: it is charged to the internal "
        "claim account (hence the negative amount) until the claim payer settles the "
        "claim; the customer does not pay it.",
    )
    warranty_claim_line_ids = fields.One2many(
        "warranty.claim.line", "sale_line_id", string="Claim Lines", readonly=True
    )
    warranty_can_apply_goodwill = fields.Boolean(compute="_compute_warranty_can_apply_goodwill")
    warranty_print_label = fields.Char(compute="_compute_warranty_print_label")
    warranty_badge = fields.Char(
        string="Warranty Status",
        compute="_compute_warranty_badge",
        help="Entitlement of the line for its equipment: in warranty (free, with the "
        "claim payer) or in goodwill, and until when.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("warranty_entitlement")
    def _compute_warranty_goodwill_qualified(self):
        for line in self:
            line.warranty_goodwill_qualified = line.warranty_entitlement == "goodwill"

    @api.depends("warranty_id", "warranty_entitlement", "warranty_goodwill_applied")
    def _compute_warranty_type_id(self):
        for line in self:
            line.warranty_type_id = (
                line.warranty_id.type_id if line._is_warranty_granted() else False
            )

    def _is_warranty_granted(self):
        """The part is given under its warranty: in the warranty period, or in
        the goodwill period once goodwill is applied."""
        self.ensure_one()
        return self.warranty_entitlement == "warranty" or (
            self.warranty_entitlement == "goodwill" and self.warranty_goodwill_applied
        )

    @api.depends(
        "warranty_entitlement", "warranty_goodwill_applied", "price_unit", "technical_price_unit"
    )
    def _compute_warranty_price_origin(self):
        for line in self:
            line.warranty_price_origin = line._get_warranty_price_origin()

    def _get_warranty_price_origin(self):
        self.ensure_one()
        if self.warranty_entitlement == "warranty":
            return "warranty"
        if self.warranty_goodwill_applied:
            return "goodwill"
        currency = self.currency_id or self.company_id.currency_id or self.env.company.currency_id
        if currency.compare_amounts(self.technical_price_unit, self.price_unit):
            return "manual"
        return "pricelist"

    @api.depends("warranty_entitlement", "product_id", "product_uom_id")
    def _compute_warranty_cost_unit(self):
        for line in self:
            if line.warranty_entitlement in ("warranty", "goodwill") and line.product_id:
                line.warranty_cost_unit = line._get_warranty_cost_unit()
            else:
                line.warranty_cost_unit = 0.0

    def _get_warranty_cost_unit(self):
        """Cost of one unit of the line: the product cost in the line's unit."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        cost = product.standard_price
        if self.product_uom_id and self.product_uom_id != product.uom_id:
            cost = product.uom_id._compute_price(cost, self.product_uom_id)
        return cost

    @api.depends("warranty_cost_unit", "product_uom_qty")
    def _compute_warranty_cost(self):
        for line in self:
            line.warranty_cost = (
                line.currency_id.round(line.warranty_cost_unit * line.product_uom_qty)
                if line.currency_id
                else line.warranty_cost_unit * line.product_uom_qty
            )

    @api.depends("warranty_cost", "warranty_entitlement")
    def _compute_warranty_claim_charge(self):
        for line in self:
            line.warranty_claim_charge = (
                -line.warranty_cost if line.warranty_entitlement == "warranty" else 0.0
            )

    @api.depends("warranty_goodwill_qualified", "warranty_goodwill_applied", "qty_invoiced")
    def _compute_warranty_can_apply_goodwill(self):
        for line in self:
            line.warranty_can_apply_goodwill = (
                line.warranty_goodwill_qualified
                and not line.warranty_goodwill_applied
                and not line.qty_invoiced
            )

    @api.depends("warranty_price_origin", "warranty_type_id")
    def _compute_warranty_print_label(self):
        for line in self:
            line.warranty_print_label = line._get_warranty_print_label()

    def _get_warranty_print_label(self):
        """Text printed under a warranty or goodwill line: type code and description."""
        self.ensure_one()
        if self.warranty_price_origin not in ("warranty", "goodwill") or not self.warranty_type_id:
            return False
        origin = dict(PRICE_ORIGINS)[self.warranty_price_origin]
        return self.env._(
            "%(origin)s: %(code)s %(description)s",
            origin=origin,
            code=self.warranty_type_id.code,
            description=self.warranty_type_id.name,
        )

    @api.depends(
        "warranty_entitlement",
        "warranty_goodwill_applied",
        "warranty_id.date_end",
        "warranty_id.goodwill_date_end",
        "warranty_id.payer_id",
    )
    def _compute_warranty_badge(self):
        for line in self:
            line.warranty_badge = line._get_warranty_badge()

    def _get_warranty_badge(self):
        """Short status shown as a badge on the line: in warranty until when and
        paid by whom, or in goodwill until when; nothing otherwise."""
        self.ensure_one()
        warranty = self.warranty_id
        if self.warranty_entitlement == "warranty" and warranty:
            return self.env._(
                "In warranty until %(end)s, paid by %(payer)s",
                end=warranty.date_end,
                payer=warranty.payer_id.display_name,
            )
        if self.warranty_entitlement == "goodwill" and warranty:
            if self.warranty_goodwill_applied:
                return self.env._(
                    "Goodwill applied (until %(end)s)", end=warranty.goodwill_date_end
                )
            return self.env._("Goodwill until %(end)s", end=warranty.goodwill_date_end)
        if self.warranty_entitlement == "not_covered" and warranty:
            return self.env._("Not covered by warranty %(type)s", type=warranty.type_id.code)
        return False

    # ------------------------------------------------------------------ onchange
    @api.onchange("product_id", "warranty_equipment_id")
    def _onchange_warranty_entitlement(self):
        """Entitlement as the line is entered in the form: the same outcome as
        Check Warranty, without waiting for the button."""
        self._warranty_apply_entitlement_in_form()

    def _ensure_price_unit_computed(self):
        """Compute a pending pricelist price now, so that it cannot come back
        later over the warranty price written after it."""
        self.ensure_one()
        return self.price_unit

    def _warranty_apply_entitlement_in_form(self):
        """Apply the entitlement check to lines being edited (new records):
        nothing is written, the form saves what it shows."""
        if self.env.context.get("warranty_skip_entitlement"):
            return
        lines = self.filtered(lambda line: not line.display_type and not line.qty_invoiced)
        to_check = lines._get_warranty_lines_to_check().filtered("product_id")
        for line in lines - to_check:
            if line.warranty_goodwill_applied and line.warranty_equipment_id:
                continue
            was_free = line.warranty_entitlement == "warranty" or line.warranty_goodwill_applied
            line.update(
                {
                    "warranty_id": False,
                    "warranty_entitlement": False,
                    "warranty_goodwill_applied": False,
                    "warranty_message": False,
                }
            )
            if was_free and line.product_id and line.product_uom_id:
                line.with_context(sale_write_from_compute=True)._reset_price_unit()
        if not to_check:
            return
        candidates = to_check._get_warranty_candidates()
        bom_parts = to_check._get_warranty_service_bom_parts(candidates)
        no_warranty = self.env["maintenance.equipment.warranty"]
        for line in to_check:
            # read the price first: a pending pricelist price must not come back
            # over the warranty price set below
            line._ensure_price_unit_computed()
            was_free = line.warranty_entitlement == "warranty"
            warranty, entitlement, reason = line._get_warranty_outcome(
                candidates.get(line.warranty_equipment_id._origin, no_warranty),
                line._get_warranty_check_date(),
                bom_parts,
            )
            line.update(line._prepare_warranty_entitlement_vals(warranty, entitlement, reason))
            if was_free and entitlement != "warranty" and line.product_uom_id:
                line.with_context(sale_write_from_compute=True)._reset_price_unit()

    # ------------------------------------------------------------------ price
    def _compute_price_unit(self):
        # Warranty and goodwill prices are set by the entitlement check and by
        # Apply Goodwill; a change of quantity must not bring the pricelist back.
        kept = self.filtered(
            lambda line: line.warranty_entitlement == "warranty" or line.warranty_goodwill_applied
        )
        return super(SaleOrderLine, self - kept)._compute_price_unit()

    # ------------------------------------------------------------------ constraints
    @api.constrains("warranty_equipment_id", "order_partner_id")
    def _check_warranty_equipment_customer(self):
        for line in self.filtered("warranty_equipment_id"):
            equipment = line.warranty_equipment_id
            customer = line.order_id.partner_id.commercial_partner_id
            if equipment.customer_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s, line %(product)s: the equipment %(equipment)s "
                        "(serial %(serial)s) does not belong to the customer %(customer)s; "
                        "only the customer's own equipment can be chosen.",
                        order=line.order_id.name,
                        product=line.product_id.display_name,
                        equipment=equipment.name,
                        serial=equipment.warranty_lot_name or equipment.serial_no or "-",
                        customer=customer.display_name,
                    )
                )

    # ------------------------------------------------------------------ crud
    def write(self, vals):
        granted = withdrawn = self.browse()
        if self._warranty_is_type_entry(vals):
            granted, withdrawn = self._warranty_split_type_entry(vals["warranty_type_id"])
        changed, was_free = self._warranty_get_equipment_changes(vals)
        res = super().write(vals)
        # The form sends the entitlement it computed while the line was entered.
        if changed and "warranty_entitlement" not in vals:
            changed._warranty_reset_entitlement(was_free)
        if granted:
            granted.with_context(warranty_type_computed=True).write(
                granted._prepare_warranty_goodwill_vals()
            )
        if withdrawn:
            withdrawn._warranty_withdraw_goodwill()
        return res

    def _warranty_is_type_entry(self, vals):
        """The warranty type is entered by the user, not the form's copy of the
        entitlement it computed (sent with the entitlement or the equipment)."""
        return (
            "warranty_type_id" in vals
            and "warranty_entitlement" not in vals
            and "warranty_equipment_id" not in vals
            and not self.env.context.get("warranty_type_computed")
        )

    def _warranty_get_equipment_changes(self, vals):
        """Lines whose equipment ``vals`` changes, and those of them that were free."""
        if "warranty_equipment_id" not in vals:
            return self.browse(), self.browse()
        changed = self.filtered(
            lambda line: line.warranty_equipment_id.id != (vals["warranty_equipment_id"] or False)
        )
        was_free = changed.filtered(
            lambda line: line.warranty_entitlement == "warranty" or line.warranty_goodwill_applied
        )
        return changed, was_free

    def _warranty_reset_entitlement(self, was_free):  # pylint: disable=missing-return
        """The equipment of the lines changed: forget the previous entitlement,
        give back the normal price to the lines that were free, and check
        confirmed lines again. (``super().write`` skips the write override above,
        which called this method: a procedure, nothing to return.)"""
        super().write(
            {
                "warranty_id": False,
                "warranty_entitlement": False,
                "warranty_goodwill_applied": False,
                "warranty_message": False,
            }
        )
        for line in was_free:
            line.with_context(sale_write_from_compute=True)._reset_price_unit()
        self.filtered(lambda line: line.state == "sale")._warranty_check_entitlement()

    # ------------------------------------------------------------------ entitlement
    def _get_warranty_lines_to_check(self):
        """Lines whose entitlement is (re)checked: parts sold for an equipment,
        not yet invoiced, where goodwill was not applied by hand."""
        if self.env.context.get("warranty_skip_entitlement"):
            return self.browse()
        return self.filtered(
            lambda line: line.warranty_equipment_id
            and not line.display_type
            and not line.warranty_goodwill_applied
            and not line.qty_invoiced
        )

    def _get_warranty_check_date(self):
        """The order date, in the user's time zone."""
        self.ensure_one()
        order_date = self.order_id.date_order or fields.Datetime.now()
        return fields.Datetime.context_timestamp(self, order_date).date()

    def _get_warranty_candidates(self):
        """All warranties of the lines' equipment, read in one query."""
        warranties = self.env["maintenance.equipment.warranty"].search(
            [("equipment_id", "in", self.warranty_equipment_id.ids)]
        )
        return warranties.grouped("equipment_id")

    def _get_warranty_entitlement(self, warranties, date):
        """Best entitlement among ``warranties`` on ``date``: a warranty period
        wins over a goodwill period. Returns (warranty, entitlement)."""
        self.ensure_one()
        found = {}
        for warranty in warranties.sorted("date_end", reverse=True):
            entitlement = warranty._get_entitlement(date)
            found.setdefault(entitlement, warranty)
        for entitlement in ("warranty", "goodwill"):
            if entitlement in found:
                return found[entitlement], entitlement
        return warranties.browse(), "none"

    def _get_warranty_service_bom_parts(self, candidates):
        """(equipment template id, part id) pairs of the service BOMs that
        matter to the lines, read in one query, and only when a candidate
        warranty's type covers the service BOM and that model is installed."""
        warranties = self.env["maintenance.equipment.warranty"].union(*candidates.values())
        types = warranties.type_id.filtered(lambda wtype: wtype.coverage_scope == "service_bom")
        if not types or not types._warranty_has_service_bom():
            return set()
        # a coverage lookup: the salesperson needs no right on service BOMs
        rows = (
            self.env["spare.parts.service.bom.line"]
            .sudo()
            ._read_group(
                [
                    (
                        "equipment_product_tmpl_id",
                        "in",
                        self.warranty_equipment_id._origin.product_id.product_tmpl_id.ids,
                    ),
                    ("part_id", "in", self.product_id._origin.ids),
                ],
                ["equipment_product_tmpl_id", "part_id"],
            )
        )
        return {(tmpl.id, part.id) for tmpl, part in rows}

    def _get_warranty_outcome(self, warranties, date, bom_parts):
        """(warranty, entitlement, reason) of the line: the best entitlement
        among the warranties covering its product; 'not_covered', with the
        reason, when only warranties not covering it would entitle it."""
        self.ensure_one()
        covering = warranties.browse()
        reasons = {}
        equipment = self.warranty_equipment_id._origin
        for warranty in warranties:
            reason = warranty.type_id._get_warranty_uncovered_reason(
                self.product_id._origin, equipment, bom_parts
            )
            if reason:
                reasons[warranty] = reason
            else:
                covering |= warranty
        warranty, entitlement = self._get_warranty_entitlement(covering, date)
        if entitlement == "none" and reasons:
            lost, lost_entitlement = self._get_warranty_entitlement(warranties - covering, date)
            if lost_entitlement != "none":
                return lost, "not_covered", reasons[lost]
        return warranty, entitlement, False

    def _prepare_warranty_entitlement_vals(self, warranty, entitlement, reason=False):
        """Values written on the lines of one entitlement outcome."""
        vals = {
            "warranty_id": warranty.id,
            "warranty_entitlement": entitlement,
            "warranty_message": False,
        }
        if entitlement == "warranty":
            vals.update(price_unit=0.0, technical_price_unit=0.0)
        elif entitlement == "goodwill":
            vals["warranty_message"] = self.env._(
                "Qualified for goodwill: warranty %(type)s ended on %(end)s, goodwill "
                "runs until %(goodwill)s. Use Apply Goodwill, or enter the warranty type on the "
                "line, to give the part free.",
                type=warranty.type_id.display_name,
                end=warranty.date_end,
                goodwill=warranty.goodwill_date_end,
            )
        elif entitlement == "not_covered":
            vals["warranty_message"] = self.env._(
                "Not covered by warranty %(type)s: %(reason)s. The normal price applies.",
                type=warranty.type_id.display_name,
                reason=reason,
            )
        return vals

    def _warranty_check_entitlement(self):
        """Entitlement check: warranty period -> free, goodwill period -> message
        and normal price, otherwise normal price. Batched: one search for all lines."""
        lines = self._get_warranty_lines_to_check()
        if not lines:
            return lines
        candidates = lines._get_warranty_candidates()
        bom_parts = lines._get_warranty_service_bom_parts(candidates)
        outcomes = defaultdict(lambda: self.browse())
        no_warranty = self.env["maintenance.equipment.warranty"]
        for line in lines:
            outcome = line._get_warranty_outcome(
                candidates.get(line.warranty_equipment_id, no_warranty),
                line._get_warranty_check_date(),
                bom_parts,
            )
            outcomes[outcome] |= line
        lost_warranty = lines.filtered(lambda line: line.warranty_entitlement == "warranty")
        # one write per outcome, not per line
        for (warranty, entitlement, reason), outcome_lines in outcomes.items():
            outcome_lines.write(
                outcome_lines._prepare_warranty_entitlement_vals(warranty, entitlement, reason)
            )
        # Lines that were free under a warranty that no longer applies go back
        # to the normal price search.
        for line in lost_warranty.filtered(lambda line: line.warranty_entitlement != "warranty"):
            line.with_context(sale_write_from_compute=True)._reset_price_unit()
        lines.order_id._warranty_notify_goodwill(
            lines.filtered(lambda line: line.warranty_entitlement == "goodwill")
        )
        return lines

    # ------------------------------------------------------------------ goodwill
    def _warranty_split_type_entry(self, type_id):
        """A warranty type entered on lines: the lines granted goodwill by it and
        the lines whose goodwill is taken back (type cleared). Entering the type
        is Apply Goodwill by another way: the same rights and conditions hold."""
        changed = self.filtered(lambda line: line.warranty_type_id.id != (type_id or False))
        if not changed:
            return self.browse(), self.browse()
        self._warranty_ensure_sales_rights(changed.order_id)
        if not type_id:
            withdrawn = changed.filtered("warranty_goodwill_applied")
            (changed - withdrawn)._ensure_warranty_type_not_cleared()
            return self.browse(), withdrawn
        changed._ensure_warranty_can_apply_goodwill()
        changed._ensure_warranty_type_matches(self.env["warranty.type"].browse(type_id))
        return changed, self.browse()

    def _ensure_warranty_type_not_cleared(self):
        if self:
            raise UserError(
                self.env._(
                    "The warranty type of %(lines)s comes from the warranty of the equipment "
                    "and cannot be cleared; only goodwill granted by hand can be taken back.",
                    lines=", ".join(
                        f"{line.order_id.name} / {line.product_id.display_name}" for line in self
                    ),
                )
            )

    def _ensure_warranty_type_matches(self, wtype):
        refused = self.filtered(lambda line: line.warranty_id.type_id != wtype)
        if refused:
            raise UserError(
                self.env._(
                    "Warranty type %(type)s cannot be entered on %(lines)s: goodwill is "
                    "granted by entering the type of the warranty qualifying the line "
                    "(%(expected)s).",
                    type=wtype.display_name,
                    lines=", ".join(
                        f"{line.order_id.name} / {line.product_id.display_name}" for line in refused
                    ),
                    expected=", ".join(refused.warranty_id.type_id.mapped("display_name")),
                )
            )

    def _warranty_withdraw_goodwill(self):
        """Take goodwill back: the line is qualified again and priced by the
        pricelist."""
        self.with_context(warranty_type_computed=True).write({"warranty_goodwill_applied": False})
        for line in self:
            line.with_context(sale_write_from_compute=True)._reset_price_unit()
        self._warranty_check_entitlement()

    @api.onchange("warranty_type_id")
    def _onchange_warranty_type_goodwill(self):
        """Entering the warranty type of a line qualified for goodwill applies
        goodwill in the form; saving checks the rights and the type."""
        for line in self:
            if line.warranty_type_id and line.warranty_can_apply_goodwill:
                line.update(line._prepare_warranty_goodwill_vals())

    def _ensure_warranty_can_apply_goodwill(self):
        refused = self.filtered(lambda line: not line.warranty_can_apply_goodwill)
        if refused:
            raise UserError(
                self.env._(
                    "Goodwill cannot be applied on %(lines)s: only a line qualified for "
                    "goodwill by the entitlement check, not yet invoiced and without "
                    "goodwill applied, can get it.",
                    lines=", ".join(
                        f"{line.order_id.name} / {line.product_id.display_name}" for line in refused
                    ),
                )
            )

    def _prepare_warranty_goodwill_vals(self):
        return {
            "warranty_goodwill_applied": True,
            "price_unit": 0.0,
            "technical_price_unit": 0.0,
            "warranty_message": False,
        }

    @api.model
    def _warranty_ensure_sales_rights(self, orders):
        """Warranty prices are a sales decision: warehouse staff, who may write
        order lines for deliveries, cannot check warranties or give goodwill."""
        if self.env.su or self.env.user.has_group("sales_team.group_sale_salesman"):
            return
        raise AccessError(
            self.env._(
                "Only sales people may check warranties or apply goodwill on %(orders)s.",
                orders=", ".join(orders.mapped("name")),
            )
        )

    def action_warranty_apply_goodwill(self):
        """Apply Goodwill: price origin Goodwill and price 0; the price stays
        editable for a partial payment by the customer."""
        self._warranty_ensure_sales_rights(self.order_id)
        self._ensure_warranty_can_apply_goodwill()
        self.write(self._prepare_warranty_goodwill_vals())
        return True

    # ------------------------------------------------------------------ returns
    def _warranty_get_claim_in_progress_open(self, exclude=None):
        """Claim in progress still open per line: what the posted invoices booked
        for its claim charges, less what returns reversed already (``exclude``:
        credit lines being booked now)."""
        if not self:
            return {}
        open_amounts = defaultdict(float)
        charges = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("warranty_charge_sale_line_id", "in", self.ids),
                    ("parent_state", "=", "posted"),
                    ("move_id.warranty_claim_move_id", "!=", False),
                ]
            )
        )
        for charge in charges:
            sign = -1 if charge.move_id.move_type == "out_refund" else 1
            open_amounts[charge.warranty_charge_sale_line_id] -= (
                sign * charge.warranty_claim_charge_amount
            )
        credits = (
            self.env["warranty.claim.line"]
            .sudo()
            .search(
                [
                    ("sale_line_id", "in", self.ids),
                    ("origin_line_id", "!=", False),
                    ("id", "not in", exclude.ids if exclude else []),
                ]
            )
        )
        for credit in credits:
            open_amounts[credit.sale_line_id] -= credit.in_progress_reversed
        return open_amounts

    # ------------------------------------------------------------------ invoicing
    def _prepare_invoice_lines_vals_list(self, **optional_values):
        vals_list = super()._prepare_invoice_lines_vals_list(**optional_values)
        if self.warranty_entitlement == "warranty" and self.warranty_claim_charge:
            quantity = self._get_warranty_claim_charge_quantity(
                optional_values.get("quantity", self.qty_to_invoice)
            )
            if quantity:
                vals_list.append(
                    self._prepare_warranty_claim_charge_invoice_line(
                        **{**optional_values, "quantity": quantity}
                    )
                )
        return vals_list

    def _get_warranty_claim_charge_quantity(self, quantity):
        """Quantity of the claim charge of an invoice: the invoiced quantity; a
        credited quantity (negative) only as far as a return did not already
        reverse its claim in progress."""
        self.ensure_one()
        if quantity >= 0 or not self.warranty_cost_unit:
            return quantity
        open_amount = self._warranty_get_claim_in_progress_open().get(self, 0.0)
        open_quantity = open_amount / self.warranty_cost_unit
        kept_quantity = max(self.qty_invoiced + quantity, 0.0)
        credited = min(-quantity, max(open_quantity - kept_quantity, 0.0))
        return -self.product_uom_id.round(credited)

    def _prepare_warranty_claim_charge_invoice_line(self, **optional_values):
        """The internal claim charge as its own invoice line (a note line: it is
        internal and does not change what the customer pays)."""
        self.ensure_one()
        quantity = optional_values.get("quantity", self.qty_to_invoice)
        amount = self.currency_id.round(-self.warranty_cost_unit * quantity)
        name = self.env._(
            "Internal claim charge %(amount)s %(currency)s for %(product)s - claim payer: "
            "%(payer)s, payer agreement: %(agreement)s",
            amount=f"{amount:.2f}",
            currency=self.currency_id.name,
            product=self.product_id.display_name,
            payer=self.warranty_payer_id.display_name,
            agreement=self.warranty_pricelist_id.display_name,
        )
        return {
            "display_type": "line_note",
            "sequence": optional_values.get("sequence", self.sequence),
            "name": name,
            "warranty_charge_sale_line_id": self.id,
            "warranty_claim_charge_amount": amount,
            "warranty_payer_id": self.warranty_payer_id.id,
            "warranty_pricelist_id": self.warranty_pricelist_id.id,
        }
