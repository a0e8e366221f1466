# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import quote_plus

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketTechnician(models.Model):
    """SP-31: what the engineer's phone shows of a work order: when it is
    planned, where to go, and a scan field that adds parts."""

    _inherit = "helpdesk.ticket"

    spare_parts_planned_date = fields.Datetime(
        string="Planned For",
        index="btree_not_null",
        tracking=True,
        help="When the engineer is expected at the customer: My Day lists the work "
        "orders planned today in this order.",
    )
    spare_parts_address = fields.Char(
        string="Address", compute="_compute_spare_parts_address", compute_sudo=True
    )
    spare_parts_map_url = fields.Char(
        string="Map", compute="_compute_spare_parts_address", compute_sudo=True
    )
    spare_parts_scan = fields.Char(
        string="Scan or Type a Barcode",
        store=False,
        help="Type a product code, a barcode or a serial number, scan it with a "
        "scanner or with the phone's camera: the part is added to the work order.",
    )

    @api.depends("partner_id.street", "partner_id.zip", "partner_id.city", "partner_id.country_id")
    def _compute_spare_parts_address(self):
        for ticket in self:
            partner = ticket.partner_id
            address = ", ".join(
                part
                for part in (
                    partner.street,
                    " ".join(filter(None, (partner.zip, partner.city))),
                    partner.country_id.name,
                )
                if part
            )
            ticket.spare_parts_address = address
            ticket.spare_parts_map_url = ticket._get_spare_parts_map_url(address)

    def _get_spare_parts_map_url(self, address):
        """Link opening the address in a map (phones open their map app)."""
        if not address:
            return False
        return f"https://www.openstreetmap.org/search?query={quote_plus(address)}"

    def action_spare_parts_scan(self, barcode):
        """Add the scanned part to the work order (the scan field, a scanner or
        the camera); an unknown code is refused with the reason."""
        self.ensure_one()
        barcode = (barcode or "").strip()
        if not barcode:
            return False
        result = self._spare_parts_scan(barcode)
        if result.get("warning"):
            raise UserError(result["warning"]["message"])
        return True
