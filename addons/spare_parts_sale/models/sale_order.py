# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    spare_parts_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Work Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="spare_parts_base.group_spare_parts_engineer",
        help="The work order whose parts and labour this order bills (SP-28).",
    )
