# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

TRACKING_STATUSES = [
    ("none", "No Tracking"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("exception", "Exception"),
]
# What the staff handling goods in transit fill in once a document left draft.
TRACKING_FIELDS = frozenset({"carrier_name", "tracking_ref", "tracking_url", "tracking_status"})


class SaleB2bTrackingMixin(models.AbstractModel):
    """Goods on their way, shipped to the customer or coming back from him:
    the carrier, its reference and link, and where the goods are."""

    _name = "sale.b2b.tracking.mixin"
    _description = "B2B Carrier and Tracking"

    carrier_name = fields.Char(string="Carrier", tracking=True)
    tracking_ref = fields.Char(string="Tracking Reference", tracking=True, copy=False)
    tracking_url = fields.Char(
        string="Tracking Link",
        copy=False,
        help="The carrier's page following these goods (http or https), shown to the customer.",
    )
    tracking_status = fields.Selection(
        TRACKING_STATUSES,
        string="Delivery Status",
        default="none",
        required=True,
        tracking=True,
        copy=False,
    )

    _tracking_url_is_web = models.Constraint(
        "CHECK(COALESCE(tracking_url, '') = '' OR tracking_url ~* '^https?://')",
        "A tracking link must be a web address starting with http:// or https://.",
    )
