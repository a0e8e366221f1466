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
    # What the company claims from the claim payer (payer, agreement, cost,
    # charge) is internal: the customer reads his order lines, never these.
    # The payer and agreement follow the warranty with the user's rights, so a
    # search by them is refused to the customer as a read is.
    warranty_payer_id = fields.Many2one(
        related="warranty_id.payer_id",
        related_sudo=False,
        string="Claim Payer",
        groups="base.group_user",
    )
    warranty_pricelist_id = fields.Many2one(
        related="warranty_id.pricelist_id",
        related_sudo=False,
        string="Payer Agreement",
        groups="base.group_user",
    )
    warranty_cost_unit = fields.Float(
        string="Unit Cost",
        compute="_compute_warranty_cost_unit",
        store=True,
        digits="Product Price",
        groups="base.group_user",
        help="Cost of one unit of the part when the line was checked.",
    )
    warranty_cost = fields.Monetary(
        string="Cost",
        compute="_compute_warranty_cost",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )
    warranty_claim_charge = fields.Monetary(
        string="Internal Claim Charge",
        compute="_compute_warranty_claim_charge",
        store=True,
        aggregator="sum",
        groups="base.group_user",
        help="Cost of the part given free under warranty: it is charged to the internal "
        "claim account (hence the negative amount) until the claim payer settles the "
        "claim; the customer does not pay it.",
    )
    warranty_claim_line_ids = fields.One2many(
        "warranty.claim.line",
        "sale_line_id",
        string="Claim Lines",
        readonly=True,
        groups="base.group_user",
    )
    warranty_can_apply_goodwill = fields.Boolean(compute="_compute_warranty_can_apply_goodwill")
    # printed for the customer: computed as superuser, the warranty type being
    # no document of his
    warranty_print_label = fields.Char(compute="_compute_warranty_print_label", compute_sudo=True)
    warranty_badge = fields.Char(
        string="Warranty Status",
        compute="_compute_warranty_badge",
        groups="base.group_user",
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
    @api.model_create_multi
    def create(self, vals_list):
        # the suite's own code, as superuser, creates lines with the values it computed
        sent_list = [
            {} if self.env.su else self._warranty_pop_client_values(vals) for vals in vals_list
        ]
        lines = super().create(vals_list)
        sent_by_line = {}
        priced = self.browse()
        for line, vals, sent in zip(lines, vals_list, sent_list, strict=True):
            if sent:
                sent_by_line[line] = sent
                priced |= line if "price_unit" in vals else self.browse()
        if sent_by_line:
            sent_lines = lines.filtered(lambda line: line in sent_by_line)
            sent_lines._warranty_ensure_goodwill_not_sent(sent_by_line)
            sent_lines._warranty_apply_client_values(sent_by_line, priced)
        lines._warranty_get_unchecked_confirmed_lines()._warranty_check_entitlement()
        return lines

    def write(self, vals):
        vals = dict(vals)
        sent = self._warranty_pop_client_values(vals)
        keep_price = "price_unit" in vals
        self._warranty_ensure_goodwill_not_sent(dict.fromkeys(self, sent))
        changed, was_free = self._warranty_get_dependency_changes(vals)
        keeping = self._warranty_get_lines_keeping_entitlement(sent) - changed
        res = super().write(vals)
        trusted_entitlement = any(fname in vals for fname in self._warranty_get_server_fields())
        if changed and not trusted_entitlement:
            changed._warranty_reset_entitlement(self.browse() if keep_price else was_free)
        if sent:
            # lines to which the client repeats their stored entitlement: nothing to check
            repeated = {
                fname: value
                for fname, value in sent.items()
                if fname not in ("warranty_id", "warranty_entitlement")
            }
            self._warranty_apply_client_values(
                {line: repeated if line in keeping else sent for line in self},
                self if keep_price else self.browse(),
            )
        return res

    @api.model
    def _warranty_get_server_fields(self):
        """Fields the server decides on a line: the entitlement of its
        equipment, the goodwill granted by Apply Goodwill and the warranty type
        that follows them. A client never writes them as they are."""
        return (
            "warranty_id",
            "warranty_entitlement",
            "warranty_message",
            "warranty_goodwill_applied",
            "warranty_type_id",
        )

    @api.model
    def _warranty_get_dependency_fields(self):
        """Fields of the line the entitlement is computed from (the order date
        is followed by the order)."""
        return ("warranty_equipment_id", "product_id")

    def _warranty_pop_client_values(self, vals):
        """Take the server's fields out of ``vals``: they are compared with what
        the server computes, then the server writes its own values. The suite's
        own code, running as superuser, writes the values it computed as they
        are; a warranty type alone is still an entry, checked like Apply Goodwill."""
        if self.env.su:
            fnames = ("warranty_type_id",) if self._warranty_is_type_entry(vals) else ()
        else:
            fnames = self._warranty_get_server_fields()
        return {fname: vals.pop(fname) for fname in fnames if fname in vals}

    def _warranty_is_type_entry(self, vals):
        """The warranty type is entered by the user, not sent with the
        entitlement or the equipment it follows."""
        return "warranty_type_id" in vals and not any(
            fname in vals
            for fname in ("warranty_id", "warranty_entitlement", "warranty_equipment_id")
        )

    def _warranty_get_dependency_changes(self, vals):
        """Lines whose equipment or product ``vals`` changes, and those of them
        that were free."""
        changed = self.browse()
        for fname in self._warranty_get_dependency_fields():
            if fname in vals:
                changed |= self.filtered(
                    lambda line, fname=fname: line[fname].id != (vals[fname] or False)
                )
        if "product_id" in vals:
            # a part sold for no equipment has no entitlement to follow
            changed = changed.filtered(
                lambda line: line.warranty_equipment_id
                or "warranty_equipment_id" in vals
                or line.warranty_entitlement
            )
        was_free = changed.filtered(
            lambda line: line.warranty_entitlement == "warranty" or line.warranty_goodwill_applied
        )
        return changed, was_free

    def _warranty_get_lines_keeping_entitlement(self, sent):
        """Lines to which ``sent`` only repeats the stored entitlement (a form
        saving what it shows): nothing to check for them."""
        if not {"warranty_id", "warranty_entitlement"} & sent.keys():
            return self.browse()
        return self.filtered(
            lambda line: line._warranty_matches_sent(
                sent, (line.warranty_id, line.warranty_entitlement)
            )
        )

    def _warranty_reset_entitlement(self, was_free):
        """The equipment or product of the lines changed: forget the previous
        entitlement, give back the normal price to the lines that were free,
        and check confirmed lines again."""
        self._warranty_write_server_values(
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

    def _warranty_get_unchecked_confirmed_lines(self):
        """Lines added to a confirmed order for an equipment and not checked:
        they get the check of the confirmation."""
        return self.filtered(
            lambda line: line.state == "sale"
            and line.warranty_equipment_id
            and not line.warranty_entitlement
        )

    def _warranty_write_server_values(self, vals):
        """Write values the server computed or granted after its own checks.
        The user must be allowed to change the lines; the write then passes the
        guard refusing these fields from clients."""
        self.check_access("write")
        # superuser: the values are the server's outcome, not the client's
        return self.sudo().write(vals)

    # ------------------------------------------------------------------ client values
    def _warranty_ensure_goodwill_not_sent(self, sent_by_line):
        """Goodwill is granted by Apply Goodwill or by entering the warranty
        type, which check the sales rights and the entitlement; never written."""
        refused = self.filtered(
            lambda line: "warranty_goodwill_applied" in sent_by_line[line]
            and line.warranty_goodwill_applied
            != bool(sent_by_line[line]["warranty_goodwill_applied"])
        )
        if refused:
            raise AccessError(
                self.env._(
                    "Goodwill cannot be written on %(lines)s: it is granted only by Apply "
                    "Goodwill or by entering the warranty type of the line, and taken back by "
                    "clearing that type.",
                    lines=refused._warranty_get_lines_label(),
                )
            )

    def _warranty_apply_client_values(self, sent_by_line, priced):
        """Values a client sent for the server's fields (``sent_by_line``): the
        entitlement must be the one the server computes, then the server writes
        its own; a warranty type that differs from the line's is an entry of
        goodwill. The lines ``priced`` keep the price the client sent."""
        to_settle = self.filtered(
            lambda line: {"warranty_id", "warranty_entitlement"} & sent_by_line[line].keys()
        )
        if to_settle:
            expected = to_settle._warranty_get_expected_entitlement()
            to_settle._warranty_ensure_sent_entitlement(sent_by_line, expected)
            checkable = to_settle._get_warranty_lines_to_check()
            for keep_price, lines in ((True, checkable & priced), (False, checkable - priced)):
                lines._warranty_write_outcomes(
                    {line: expected[line] for line in lines}, keep_price=keep_price
                )
        typed = self.filtered(lambda line: "warranty_type_id" in sent_by_line[line])
        entries = typed.grouped(
            lambda line: self._warranty_get_sent_id(sent_by_line[line]["warranty_type_id"])
        )
        for type_id, lines in entries.items():
            entered = lines.filtered(
                lambda line, type_id=type_id: line.warranty_type_id.id != type_id
            )
            (entered & priced)._warranty_apply_type_entry(type_id, keep_price=True)
            (entered - priced)._warranty_apply_type_entry(type_id)

    @api.model
    def _warranty_get_sent_id(self, value):
        """The record id a client sent for a many2one (False for none or for
        anything that is no id)."""
        return value if isinstance(value, int) and not isinstance(value, bool) else False

    def _warranty_get_expected_entitlement(self):
        """{line: (warranty, entitlement, reason)} as the server gives it now:
        checked lines get the outcome of the check, lines whose entitlement is
        settled (goodwill applied, invoiced) keep theirs, others have none."""
        no_warranty = self.env["maintenance.equipment.warranty"]
        to_check = self._get_warranty_lines_to_check()
        expected = to_check._warranty_compute_outcomes()
        for line in self - to_check:
            if line.warranty_equipment_id and not line.display_type:
                expected[line] = (line.warranty_id, line.warranty_entitlement, False)
            else:
                expected[line] = (no_warranty, False, False)
        return expected

    def _warranty_matches_sent(self, sent, outcome):
        """Whether the entitlement values a client sent are ``outcome``."""
        warranty, entitlement = outcome[:2]
        if "warranty_id" in sent and (
            self._warranty_get_sent_id(sent["warranty_id"]) != (warranty.id or False)
        ):
            return False
        return "warranty_entitlement" not in sent or (sent["warranty_entitlement"] or False) == (
            entitlement or False
        )

    def _warranty_ensure_sent_entitlement(self, sent_by_line, expected):
        """Refuse, naming every line, an entitlement the server does not give."""
        refused = self.filtered(
            lambda line: not line._warranty_matches_sent(sent_by_line[line], expected[line])
        )
        if not refused:
            return
        details = "; ".join(
            self.env._(
                "%(line)s: %(sent)s sent, the server computed %(computed)s",
                line=line._warranty_get_lines_label(),
                sent=line._warranty_describe_sent_entitlement(sent_by_line[line]),
                computed=line._warranty_describe_entitlement(*expected[line][:2]),
            )
            for line in refused
        )
        raise UserError(
            self.env._(
                "The warranty entitlement of a sales order line is computed from its equipment "
                "and the order date; it cannot be set by hand. %(details)s.",
                details=details,
            )
        )

    def _warranty_describe_sent_entitlement(self, sent):
        """The entitlement a client sent, in words (whatever it sent)."""
        self.ensure_one()
        warranty = self.warranty_id
        if "warranty_id" in sent:
            warranty = warranty.browse(self._warranty_get_sent_id(sent["warranty_id"]) or [])
        entitlement = sent.get("warranty_entitlement", self.warranty_entitlement)
        if entitlement and not isinstance(entitlement, str):
            entitlement = str(entitlement)
        return self._warranty_describe_entitlement(warranty, entitlement)

    def _warranty_describe_entitlement(self, warranty, entitlement):
        """An entitlement in words, for messages: its label and the warranty."""
        if not entitlement:
            return self.env._("no entitlement")
        labels = dict(self._fields["warranty_entitlement"]._description_selection(self.env))
        label = labels.get(entitlement, entitlement)
        warranty = warranty.exists()
        if not warranty:
            return label
        # a warranty the user may not read is named by its id only; one he reads
        # is named in full, its equipment included (which warehouse staff do not read)
        name = warranty.sudo().display_name if warranty.has_access("read") else f"#{warranty.id}"
        return self.env._("%(entitlement)s (%(warranty)s)", entitlement=label, warranty=name)

    def _warranty_get_lines_label(self):
        """The lines as named in messages: order / part."""
        return ", ".join(f"{line.order_id.name} / {line.product_id.display_name}" for line in self)

    # ------------------------------------------------------------------ entitlement
    def _get_warranty_lines_to_check(self):
        """Lines whose entitlement is (re)checked: parts sold for an equipment,
        not yet invoiced, where goodwill was not applied by hand."""
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
        lines._warranty_write_outcomes(lines._warranty_compute_outcomes())
        lines.order_id._warranty_notify_goodwill(
            lines.filtered(lambda line: line.warranty_entitlement == "goodwill")
        )
        return lines

    def _warranty_compute_outcomes(self):
        """{line: (warranty, entitlement, reason)} of the check, for lines to
        check; one search for all of them."""
        if not self:
            return {}
        candidates = self._get_warranty_candidates()
        bom_parts = self._get_warranty_service_bom_parts(candidates)
        no_warranty = self.env["maintenance.equipment.warranty"]
        return {
            line: line._get_warranty_outcome(
                candidates.get(line.warranty_equipment_id, no_warranty),
                line._get_warranty_check_date(),
                bom_parts,
            )
            for line in self
        }

    def _warranty_write_outcomes(self, outcomes, keep_price=False):
        """Write the outcomes of the check, one write per outcome. Lines that
        were free under a warranty that no longer applies go back to the normal
        price, unless the client sets the price itself (``keep_price``)."""
        lost_warranty = self.filtered(lambda line: line.warranty_entitlement == "warranty")
        grouped = defaultdict(self.browse)
        for line, outcome in outcomes.items():
            grouped[outcome] |= line
        for (warranty, entitlement, reason), outcome_lines in grouped.items():
            vals = outcome_lines._prepare_warranty_entitlement_vals(warranty, entitlement, reason)
            if keep_price:
                vals.pop("price_unit", None)
                vals.pop("technical_price_unit", None)
            outcome_lines._warranty_write_server_values(vals)
        if keep_price:
            return
        for line in lost_warranty.filtered(lambda line: line.warranty_entitlement != "warranty"):
            line.with_context(sale_write_from_compute=True)._reset_price_unit()

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

    def _warranty_apply_type_entry(self, type_id, keep_price=False):
        """A warranty type entered on the lines: goodwill granted or taken back,
        under the rights and conditions of Apply Goodwill. A price the client
        sends with it is kept (a partial payment agreed at once)."""
        granted, withdrawn = self._warranty_split_type_entry(type_id)
        if granted:
            vals = granted._prepare_warranty_goodwill_vals()
            if keep_price:
                vals.pop("price_unit", None)
                vals.pop("technical_price_unit", None)
            granted._warranty_write_server_values(vals)
        if withdrawn:
            withdrawn._warranty_withdraw_goodwill()

    def _warranty_withdraw_goodwill(self):
        """Take goodwill back: the line is qualified again and priced by the
        pricelist."""
        self._warranty_write_server_values({"warranty_goodwill_applied": False})
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
        self._warranty_write_server_values(self._prepare_warranty_goodwill_vals())
        return True

    def _warranty_is_claimable(self):
        """A claim is made only for a part given under the warranty of the
        very equipment it is sold for."""
        self.ensure_one()
        return bool(
            self.warranty_entitlement == "warranty"
            and self.warranty_equipment_id
            and self.warranty_id.equipment_id == self.warranty_equipment_id
        )

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
        if self.warranty_claim_charge and self._warranty_is_claimable():
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
