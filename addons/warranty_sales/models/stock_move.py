# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models
from odoo.fields import Command
from odoo.tools import float_compare


class StockMove(models.Model):
    _inherit = "stock.move"

    warranty_claim_line_ids = fields.One2many(
        "warranty.claim.line", "move_id", string="Warranty Claim Lines", readonly=True
    )

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._warranty_create_claims()
        moves._warranty_amend_claims_for_returns()
        return moves

    def _warranty_get_claimable_moves(self):
        """Done deliveries to the customer of warranty lines, not claimed yet."""
        return self.filtered(
            lambda move: move.state == "done"
            and move.sale_line_id
            and move.sale_line_id._warranty_is_claimable()
            and move.location_dest_id.usage == "customer"
            and not move.warranty_claim_line_ids
        )

    def _warranty_get_claim_key(self):
        """Parts of one claim: same order, equipment, warranty (payer and agreement)."""
        self.ensure_one()
        line = self.sale_line_id
        return line.order_id, line.warranty_equipment_id, line.warranty_id

    def _warranty_prepare_claim_vals(self, order, equipment, warranty):
        return {
            "equipment_id": equipment.id,
            "payer_id": warranty.payer_id.id,
            "pricelist_id": warranty.pricelist_id.id,
            "warranty_id": warranty.id,
            "sale_order_id": order.id,
            "company_id": order.company_id.id,
            "line_ids": [],
        }

    def _warranty_prepare_claim_line_vals(self, warranty, lot, quantity):
        """One part of a claim: claim price from the payer agreement, settlement
        percentage from the warranty, cost from the sales order line."""
        self.ensure_one()
        sale_line = self.sale_line_id
        company = sale_line.company_id
        pricelist = warranty.pricelist_id
        price = pricelist._get_product_price(
            self.product_id, quantity, uom=self.product_uom, date=fields.Date.context_today(self)
        )
        if pricelist.currency_id != company.currency_id:
            price = pricelist.currency_id._convert(
                price, company.currency_id, company, fields.Date.context_today(self)
            )
        cost_unit = sale_line.warranty_cost_unit
        if self.product_uom != sale_line.product_uom_id:
            cost_unit = sale_line.product_uom_id._compute_price(cost_unit, self.product_uom)
        return {
            "sale_line_id": sale_line.id,
            "move_id": self.id,
            "product_id": self.product_id.id,
            "lot_id": lot.id,
            "quantity": quantity,
            "product_uom_id": self.product_uom.id,
            "price_unit": price,
            "settlement_percent": warranty.settlement_percent,
            "cost_unit": cost_unit,
        }

    def _warranty_get_claim_parts(self):
        """(lot, quantity) per serial for tracked parts, else one part for the move."""
        self.ensure_one()
        lines = self.move_line_ids.filtered(lambda ml: ml.picked or ml.quantity)
        if self.has_tracking != "none" and lines.lot_id:
            parts = defaultdict(float)
            for move_line in lines:
                parts[move_line.lot_id] += move_line.product_uom_id._compute_quantity(
                    move_line.quantity, self.product_uom
                )
            return list(parts.items())
        return [(self.env["stock.lot"], self.quantity)]

    def _warranty_create_claims(self):
        """Create the claims of the delivered warranty parts, one per order,
        equipment and warranty."""
        moves = self._warranty_get_claimable_moves()
        if not moves:
            return self.env["warranty.claim"]
        claims_vals = {}
        for move in moves:
            order, equipment, warranty = key = move._warranty_get_claim_key()
            vals = claims_vals.setdefault(
                key, move._warranty_prepare_claim_vals(order, equipment, warranty)
            )
            for lot, quantity in move._warranty_get_claim_parts():
                vals["line_ids"].append(
                    Command.create(move._warranty_prepare_claim_line_vals(warranty, lot, quantity))
                )
        # Claims are a side effect of the delivery, validated by warehouse users
        # who hold no rights on claims.
        claims = self.env["warranty.claim"].sudo().create(list(claims_vals.values()))
        for claim in claims:
            claim.message_post_with_source(
                "mail.message_origin_link",
                render_values={"self": claim, "origin": claim.sale_order_id},
                subtype_xmlid="mail.mt_note",
            )
            claim.activity_schedule(
                "warranty_sales.mail_activity_type_claim_send",
                user_id=claim.sale_order_id.user_id.id or self.env.uid,
            )
        return claims

    # ------------------------------------------------------------------ returns
    def _warranty_get_returned_claim_moves(self):
        """Done returns from the customer of claimed deliveries, not credited yet."""
        return self.filtered(
            lambda move: move.state == "done"
            and move.location_id.usage == "customer"
            and move.origin_returned_move_id.warranty_claim_line_ids
            and not move.warranty_claim_line_ids
        )

    def _warranty_get_returned_claim_parts(self):
        """(claim line, quantity) credited by this return: the returned quantity
        spread over the claim lines of the returned delivery (by serial for
        tracked parts), never more than a line still claims."""
        self.ensure_one()
        origin_lines = self.origin_returned_move_id.warranty_claim_line_ids.filtered(
            lambda line: not line.origin_line_id
        )
        rounding = self.product_uom.rounding
        parts = []
        for lot, quantity in self._warranty_get_claim_parts():
            for line in origin_lines.filtered(lambda line, lot=lot: not lot or line.lot_id == lot):
                taken = min(quantity, line._get_quantity_not_credited())
                if float_compare(taken, 0.0, precision_rounding=rounding) > 0:
                    parts.append((line, taken))
                    quantity -= taken
                if float_compare(quantity, 0.0, precision_rounding=rounding) <= 0:
                    break
        return parts

    def _warranty_prepare_credit_line_vals(self, origin_line, quantity):
        """Credit of a returned part: the claimed line with a negative quantity,
        linked to it and to the return move."""
        self.ensure_one()
        return {
            "origin_line_id": origin_line.id,
            "sale_line_id": origin_line.sale_line_id.id,
            "move_id": self.id,
            "product_id": origin_line.product_id.id,
            "lot_id": origin_line.lot_id.id,
            "quantity": -quantity,
            "product_uom_id": origin_line.product_uom_id.id,
            "price_unit": origin_line.price_unit,
            "settlement_percent": origin_line.settlement_percent,
            "cost_unit": origin_line.cost_unit,
        }

    def _warranty_amend_claims_for_returns(self):
        """Returned warranty parts amend their claims: a credit line per returned
        part, in the claim itself while it is not sent, else in a credit claim;
        the claim in progress booked for them is reversed."""
        moves = self._warranty_get_returned_claim_moves()
        if not moves:
            return self.env["warranty.claim.line"]
        credits = defaultdict(list)
        for move in moves:
            for origin_line, quantity in move._warranty_get_returned_claim_parts():
                credits[origin_line.claim_id].append(
                    move._warranty_prepare_credit_line_vals(origin_line, quantity)
                )
        # as claims on delivery: warehouse users validate returns without
        # rights on claims or accounting
        credit_lines = self.env["warranty.claim.line"].sudo()
        for origin_claim, vals_list in credits.items():
            claim = origin_claim.sudo()
            target = claim._warranty_get_amendable_claim()
            credit_lines |= credit_lines.create(
                [{**vals, "claim_id": target.id} for vals in vals_list]
            )
            target._warranty_notify_returned_parts(claim, moves.picking_id)
        credit_lines._warranty_reverse_claim_in_progress()
        return credit_lines
