# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date, datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil as safe_dateutil
from odoo.tools.safe_eval import safe_eval

from .res_company import SPARE_PARTS_MODES

# Days shown by the graph of a card, today included.
WEEK_DAYS = 7


class SparePartsOverviewCard(models.Model):
    """One tile of the administrator's Overview: how many documents wait for
    him (a domain on the documents of a window action), how many of them are
    late, and how many arrived each day of the week.

    Each addon declares the cards of its own documents in XML data, so only
    the cards of installed addons exist; a card whose feature is above the
    company's mode (or behind a company setting that is off) is not shown.
    Counts are computed as the current user: record rules apply."""

    _name = "spare.parts.overview.card"
    _description = "Spare Parts Overview Card"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to show the card in every company.",
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Opens",
        required=True,
        ondelete="cascade",
        help="The list the card opens, filtered by the card's domain. Its own "
        "domain applies to the counts too.",
    )
    res_model = fields.Char(related="action_id.res_model", string="Documents")
    domain = fields.Char(
        required=True,
        default="[]",
        help="Documents that wait, evaluated on the server; may use uid, user, "
        "today (the user's date as YYYY-MM-DD), company_id and company_ids.",
    )
    late_domain = fields.Char(
        help="Among the waiting documents, those that are late. Empty: the card "
        "has no Late button.",
    )
    count_label = fields.Char(
        string="Button Label",
        translate=True,
        required=True,
        default="To Process",
        help='Follows the count on the button: "3 To Approve".',
    )
    date_field = fields.Char(
        string="Graph Date Field",
        required=True,
        default="create_date",
        help="Date or datetime field of the documents counted per day in the graph.",
    )
    required_mode = fields.Selection(
        SPARE_PARTS_MODES,
        string="From Mode",
        required=True,
        default="simple",
        help="The card shows only in companies at this mode or above.",
    )
    company_setting = fields.Char(
        help="Boolean field of the company that must be on for the card to show "
        "(e.g. spare_parts_personal_transfer).",
    )
    color = fields.Integer()
    icon = fields.Char(default="fa-inbox", help="Font Awesome class, e.g. fa-truck.")
    is_available = fields.Boolean(
        compute="_compute_is_available",
        search="_search_is_available",
        help="The card's feature exists in the current company's mode and settings.",
    )
    count = fields.Integer(compute="_compute_counts")
    late_count = fields.Integer(compute="_compute_counts")
    week_graph = fields.Text(compute="_compute_week_graph")

    # ------------------------------------------------------------ checks
    @api.constrains("action_id", "domain", "late_domain", "date_field", "company_setting")
    def _check_definition(self):
        """A card that cannot be counted would break the whole Overview: refuse it."""
        for card in self:
            Model = card._get_target_model()
            for text in (card.domain, card.late_domain):
                card._check_domain_applies(Model, text)
            field = Model._fields.get(card.date_field)
            if not field or field.type not in ("date", "datetime"):
                raise ValidationError(
                    self.env._(
                        "Overview card %(card)s: %(field)s is not a date field of %(model)s.",
                        card=card.name,
                        field=card.date_field,
                        model=Model._name,
                    )
                )
            setting = self.env["res.company"]._fields.get(card.company_setting or "")
            if card.company_setting and (not setting or setting.type != "boolean"):
                raise ValidationError(
                    self.env._(
                        "Overview card %(card)s: %(setting)s is not a setting (a boolean "
                        "field) of the company.",
                        card=card.name,
                        setting=card.company_setting,
                    )
                )

    def _check_domain_applies(self, Model, text):
        if not text:
            return
        try:
            Model._search(self._eval_domain(text))
        except Exception as error:  # noqa: BLE001 - any failure is reported the same way
            raise ValidationError(
                self.env._(
                    "Overview card %(card)s: the domain %(domain)s does not apply to "
                    "%(model)s (%(error)s).",
                    card=self.name,
                    domain=text,
                    model=Model._name,
                    error=error,
                )
            ) from error

    # ------------------------------------------------------------ availability
    def _is_available_for(self, company):
        """Whether this card's feature exists in ``company``: its mode is at
        least the card's, and the card's company setting (if any) is on."""
        self.ensure_one()
        if self.company_id and self.company_id != company:
            return False
        if not company._spare_parts_mode_allows(self.required_mode):
            return False
        return not self.company_setting or bool(company[self.company_setting])

    @api.depends_context("company")
    def _compute_is_available(self):
        for card in self:
            card.is_available = card._is_available_for(self.env.company)

    def _search_is_available(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        available = self.search([]).filtered(lambda card: card._is_available_for(self.env.company))
        wanted = (True in value) == (operator == "in")
        return [("id", "in" if wanted else "not in", available.ids)]

    # ------------------------------------------------------------ domains
    def _get_target_model(self):
        """The documents of the card, as the current user (rules apply)."""
        self.ensure_one()
        return self.env[self.action_id.sudo().res_model]

    def _get_eval_context(self):
        """Names a card's domain may use."""
        return {
            "uid": self.env.uid,
            "user": self.env.user,
            "today": fields.Date.to_string(fields.Date.context_today(self)),
            "company_id": self.env.company.id,
            "company_ids": self.env.companies.ids,
            "datetime": safe_datetime,
            "relativedelta": safe_dateutil.relativedelta.relativedelta,
        }

    def _eval_domain(self, text):
        return Domain(safe_eval(text or "[]", self._get_eval_context()))

    def _get_action_domain(self):
        """The domain of the action the card opens: the card counts what it opens."""
        self.ensure_one()
        return self._eval_domain(self.action_id.sudo().domain)

    def _get_count_domain(self):
        self.ensure_one()
        return self._get_action_domain() & self._eval_domain(self.domain)

    def _get_late_domain(self):
        self.ensure_one()
        if not self.late_domain:
            return Domain.FALSE
        return self._get_count_domain() & self._eval_domain(self.late_domain)

    # ------------------------------------------------------------ counts
    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_counts(self):
        """One count per card (and one more for cards with a Late button):
        the cost follows the number of cards, never the number of documents."""
        for card in self:
            Model = card._get_target_model()
            card.count = Model.search_count(card._get_count_domain())
            card.late_count = Model.search_count(card._get_late_domain()) if card.late_domain else 0

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_week_graph(self):
        """Waiting documents per day they were created, over the last week:
        one grouped read per card."""
        today = fields.Date.context_today(self)
        days = [today - timedelta(days=offset) for offset in range(WEEK_DAYS - 1, -1, -1)]
        for card in self:
            counts = card._read_counts_per_day(days[0])
            card.week_graph = json.dumps(card._prepare_week_graph(days, counts))

    def _read_counts_per_day(self, first_day):
        """{date: number of waiting documents created that day} from ``first_day``."""
        self.ensure_one()
        Model = self._get_target_model()
        domain = self._get_count_domain() & Domain(self.date_field, ">=", first_day)
        groups = Model._read_group(domain, [f"{self.date_field}:day"], ["__count"])
        return {self._to_day(day): count for day, count in groups if day}

    @staticmethod
    def _to_day(value):
        return value.date() if isinstance(value, datetime) else value

    def _prepare_week_graph(self, days, counts):
        """The week in the format of the web client's ``dashboard_graph``
        widget (bar chart): one value per day, the last one labelled Today;
        an empty week is drawn as sample data, as Odoo's dashboards do."""
        self.ensure_one()
        empty = not any(counts.get(day) for day in days)
        today = days[-1]
        return [
            {
                "key": self.name,
                "is_sample_data": empty,
                "values": [
                    {
                        "label": self._get_day_label(day, today),
                        "value": counts.get(day, 0),
                        "type": "sample" if empty else "past",
                    }
                    for day in days
                ],
            }
        ]

    def _get_day_label(self, day: date, today: date):
        if day == today:
            return self.env._("Today")
        return format_date(self.env, day, date_format="EEE d")

    # ------------------------------------------------------------ buttons
    def action_open(self):
        """The card's documents, in its action's views, titled by the card."""
        self.ensure_one()
        return self._get_window_action(self._get_count_domain(), self.name)

    def action_open_late(self):
        """The card's late documents."""
        self.ensure_one()
        if not self.late_domain:
            raise UserError(
                self.env._("Overview card %(card)s has no late documents to show.", card=self.name)
            )
        title = self.env._("%(card)s: Late", card=self.name)
        return self._get_window_action(self._get_late_domain(), title)

    def _get_window_action(self, domain, title):
        action = self.action_id.sudo()._get_action_dict()
        action.update(
            name=title,
            display_name=title,
            domain=list(domain),
            context=self._get_action_context(action.get("context")),
        )
        return action

    def _get_action_context(self, context_text):
        """The action's context without its default filters: the list must
        show exactly what the card counted."""
        context = safe_eval(context_text or "{}", self._get_eval_context())
        return {
            key: value for key, value in context.items() if not key.startswith("search_default_")
        }
