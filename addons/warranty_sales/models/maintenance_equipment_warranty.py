# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MaintenanceEquipmentWarranty(models.Model):
    _name = "maintenance.equipment.warranty"
    _description = "Equipment Warranty"
    _inherit = ["mail.thread"]
    _order = "equipment_id, date_start desc, id desc"
    _check_company_auto = True

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    customer_id = fields.Many2one(related="equipment_id.customer_id", store=True)
    product_id = fields.Many2one(related="equipment_id.product_id", store=True)
    lot_id = fields.Many2one(related="equipment_id.lot_id", store=True)
    type_id = fields.Many2one(
        "warranty.type",
        string="Warranty Type",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    date_start = fields.Date(string="Warranty Start", required=True, tracking=True)
    date_end = fields.Date(
        string="Warranty End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Last day of the warranty period (included). Computed from the start date "
        "and the duration of the warranty type; can be changed by hand.",
    )
    goodwill_date_end = fields.Date(
        string="Goodwill End",
        compute="_compute_goodwill_date_end",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Last day of the goodwill period (included), which starts the day after "
        "the warranty end. Empty or equal to the warranty end: no goodwill period.",
    )
    payer_id = fields.Many2one(
        "res.partner",
        string="Claim Payer",
        required=True,
        check_company=True,
        tracking=True,
        help="Partner the claims are made on: the supplier of the equipment, "
        "or an internal payer when no supplier is claimed.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Payer Agreement",
        required=True,
        check_company=True,
        tracking=True,
        domain="[('is_warranty_agreement', '=', True)]",
        context={"default_is_warranty_agreement": True},
        help="Agreement with the claim payer: it fixes the claim price of each part.",
    )
    settlement_percent = fields.Float(
        string="Settlement %",
        default=100.0,
        digits=(5, 2),
        tracking=True,
        help="Share of the claim price the payer settles.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        warranties = super().create(vals_list)
        warranties._mark_payer_agreements()
        return warranties

    def write(self, vals):
        res = super().write(vals)
        if "pricelist_id" in vals:
            self._mark_payer_agreements()
        return res

    def _mark_payer_agreements(self):
        """A pricelist used as a payer agreement prices claims only: it is
        taken out of the pricelists Odoo gives customers by default (as the
        system: sales people choose agreements without managing pricelists)."""
        agreements = self.pricelist_id.filtered(
            lambda pricelist: not pricelist.is_warranty_agreement
        )
        if agreements:
            agreements.sudo().is_warranty_agreement = True

    @api.depends("equipment_id.company_id")
    def _compute_company_id(self):
        for warranty in self:
            warranty.company_id = warranty.equipment_id.company_id or self.env.company

    @api.depends("date_start", "type_id")
    def _compute_date_end(self):
        for warranty in self:
            if warranty.date_start and warranty.type_id:
                warranty.date_end = warranty._get_default_date_end()
            elif not warranty.date_end:
                warranty.date_end = warranty.date_start

    @api.depends("date_end", "type_id")
    def _compute_goodwill_date_end(self):
        for warranty in self:
            if warranty.date_end and warranty.type_id:
                warranty.goodwill_date_end = warranty._get_default_goodwill_date_end()
            elif not warranty.goodwill_date_end:
                warranty.goodwill_date_end = warranty.date_end

    def _get_default_date_end(self):
        """Last day of the warranty: start + the type's months, minus one day."""
        self.ensure_one()
        return (
            self.date_start
            + relativedelta(months=self.type_id.warranty_months)
            - relativedelta(days=1)
        )

    def _get_default_goodwill_date_end(self):
        """Last day of goodwill: warranty end + the type's goodwill months."""
        self.ensure_one()
        return self.date_end + relativedelta(months=self.type_id.goodwill_months)

    @api.depends("equipment_id", "type_id", "date_start", "date_end")
    def _compute_display_name(self):
        for warranty in self:
            warranty.display_name = self.env._(
                "%(type)s on %(equipment)s (%(start)s - %(end)s)",
                type=warranty.type_id.code or "",
                equipment=warranty.equipment_id.display_name or "",
                start=warranty.date_start or "",
                end=warranty.date_end or "",
            )

    @api.constrains("settlement_percent")
    def _check_settlement_percent(self):
        for warranty in self:
            if not 0.0 <= warranty.settlement_percent <= 100.0:
                raise ValidationError(
                    self.env._(
                        "Warranty %(warranty)s: the settlement percentage %(percent)s%% is "
                        "outside 0-100.",
                        warranty=warranty.display_name,
                        percent=warranty.settlement_percent,
                    )
                )

    @api.constrains("date_start", "date_end", "goodwill_date_end")
    def _check_dates(self):
        for warranty in self:
            if warranty.date_end < warranty.date_start:
                raise ValidationError(
                    self.env._(
                        "Warranty %(warranty)s: the warranty end %(end)s is before its start "
                        "%(start)s.",
                        warranty=warranty.display_name,
                        end=warranty.date_end,
                        start=warranty.date_start,
                    )
                )
            if warranty.goodwill_date_end and warranty.goodwill_date_end < warranty.date_end:
                raise ValidationError(
                    self.env._(
                        "Warranty %(warranty)s: the goodwill end %(goodwill)s is before the "
                        "warranty end %(end)s.",
                        warranty=warranty.display_name,
                        goodwill=warranty.goodwill_date_end,
                        end=warranty.date_end,
                    )
                )

    @api.constrains("equipment_id", "type_id", "date_start", "date_end")
    def _check_overlap(self):
        others = self.search(
            [
                ("equipment_id", "in", self.equipment_id.ids),
                ("type_id", "in", self.type_id.ids),
            ]
        )
        for warranty in self:
            for other in others:
                if warranty._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "Warranty %(warranty)s overlaps warranty %(other)s: an equipment "
                            "cannot have two warranties of the same type over the same days.",
                            warranty=warranty.display_name,
                            other=other.display_name,
                        )
                    )

    def _overlaps(self, other):
        """Whether two warranties of the same equipment and type share a day."""
        self.ensure_one()
        return (
            other != self
            and other.equipment_id == self.equipment_id
            and other.type_id == self.type_id
            and other.date_start <= self.date_end
            and self.date_start <= other.date_end
        )

    def _get_entitlement(self, date):
        """Entitlement this warranty gives on ``date``: 'warranty', 'goodwill' or 'none'."""
        self.ensure_one()
        if self.date_start <= date <= self.date_end:
            return "warranty"
        if self.goodwill_date_end and self.date_end < date <= self.goodwill_date_end:
            return "goodwill"
        return "none"
