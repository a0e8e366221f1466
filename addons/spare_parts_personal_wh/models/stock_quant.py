# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, float_compare


class StockQuant(models.Model):
    _inherit = "stock.quant"

    spare_parts_owner_id = fields.Many2one(
        related="location_id.spare_parts_owner_id", string="Engineer", store=True
    )
    spare_parts_old_part = fields.Boolean(
        related="location_id.spare_parts_old_parts",
        string="Old Part",
        help="Held in a van's old-parts location: goes back to the defective location "
        "with a parts return (SP-32).",
    )
    spare_parts_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Requested For",
        compute="_compute_spare_parts_earmark",
        help="The open work order these parts were requested for (SP-08).",
    )
    spare_parts_earmarked_qty = fields.Float(
        string="Earmarked",
        digits="Spare Parts",
        compute="_compute_spare_parts_earmark",
        help="How much of this stock is kept for open work orders.",
    )

    def _compute_spare_parts_earmark(self):
        """Serials: the work order the unit was shipped for. Other parts: the
        quantity earmarked per (van, part), shown on its first quant. Two grouped
        queries and one search for the whole list."""
        # Old parts (SP-32) came out of equipment: never earmarked for a work order.
        personal = self.filtered(
            lambda quant: quant.spare_parts_owner_id and not quant.location_id.spare_parts_old_parts
        )
        (self - personal).spare_parts_ticket_id = False
        (self - personal).spare_parts_earmarked_qty = 0.0
        if not personal:
            return
        earmarks = self.env["spare.parts.line"]._get_earmarks(
            personal.location_id, personal.product_id
        )
        lot_tickets = personal._get_spare_parts_lot_tickets()
        shown = set()
        for quant in personal:
            key = (quant.location_id, quant.product_id)
            if quant.lot_id:
                ticket = lot_tickets.get((quant.location_id, quant.lot_id))
                quant.spare_parts_ticket_id = ticket
                quant.spare_parts_earmarked_qty = quant.quantity if ticket else 0.0
                continue
            tickets = {t: q for (loc, prod, t), q in earmarks.items() if (loc, prod) == key}
            first = key not in shown
            shown.add(key)
            quant.spare_parts_ticket_id = next(iter(tickets), False) if first else False
            quant.spare_parts_earmarked_qty = sum(tickets.values()) if first else 0.0

    def _get_spare_parts_lot_tickets(self):
        """{(location, lot): open work order} from the last done move that brought
        each serial into its van earmarked."""
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", self.lot_id.ids),
                    ("location_dest_id", "in", self.location_id.ids),
                    ("state", "=", "done"),
                    ("move_id.spare_parts_ticket_id", "!=", False),
                    ("move_id.spare_parts_ticket_id.closed", "=", False),
                ],
                order="date, id",
            )
        )
        return {(ml.location_dest_id, ml.lot_id): ml.move_id.spare_parts_ticket_id for ml in lines}

    def _get_gather_domain(
        self, product_id, location_id, lot_id=None, package_id=None, owner_id=None, strict=False
    ):
        """Taking parts from a van never takes its old parts (SP-32): the
        old-parts sub-location is left out of what the van offers."""
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id, package_id, owner_id, strict
        )
        if not strict and len(location_id) == 1:
            held_apart = location_id._get_spare_parts_held_apart()
            if held_apart:
                domain &= Domain("location_id", "not in", held_apart.ids)
        return domain

    @api.model
    def _spare_parts_lock(self, locations, products):
        """Lock the quants a spare parts operation is about to take from, so two
        transactions cannot both take the last unit: the second waits, and as
        Odoo runs in REPEATABLE READ it then fails to serialize and is retried,
        seeing the first one's result."""
        if not locations or not products:
            return
        self.flush_model(["location_id", "product_id", "quantity"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM stock_quant WHERE location_id IN %s AND product_id IN %s "
                "ORDER BY id FOR UPDATE",
                tuple(locations.ids),
                tuple(products.ids),
            )
        )

    @api.model
    def _spare_parts_available(self, locations, products):
        """{(location, product, lot): quantity on hand minus reserved}, one query."""
        result = defaultdict(float)
        for location, product, lot, qty, reserved in self.sudo()._read_group(
            [("location_id", "in", locations.ids), ("product_id", "in", products.ids)],
            ["location_id", "product_id", "lot_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        ):
            result[(location, product, lot)] += qty - reserved
        return result

    @api.model
    def _spare_parts_check_available(self, requirements, holder_label=None):
        """Refuse, with one message listing every short item, when a location does
        not hold what ``requirements`` take from it.

        :param requirements: iterable of (location, product, lot or empty, qty in
            product UoM); without a lot any lot of the product counts.
        :param holder_label: how to name the location in the message (e.g. the
            engineer's personal warehouse); the location's name otherwise.
        """
        requirements = [r for r in requirements if not r[0].should_bypass_reservation()]
        if not requirements:
            return
        locations = self.env["stock.location"].union(*(r[0] for r in requirements))
        products = self.env["product.product"].union(*(r[1] for r in requirements))
        self._spare_parts_lock(locations, products)
        available = self._spare_parts_available(locations, products)
        needed = defaultdict(float)
        for location, product, lot, qty in requirements:
            needed[(location, product, lot)] += qty
        errors = []
        for (location, product, lot), qty in needed.items():
            if lot:
                have = available.get((location, product, lot), 0.0)
            else:
                have = sum(
                    q
                    for (loc, prod, _lot), q in available.items()
                    if loc == location and prod == product
                )
            if float_compare(qty, have, precision_rounding=product.uom_id.rounding) > 0:
                errors.append(
                    self.env._(
                        "%(holder)s holds %(have)s %(uom)s of %(product)s%(lot)s; "
                        "%(needed)s %(uom)s needed.",
                        holder=holder_label or location.display_name,
                        have=round(have, 6),
                        needed=round(qty, 6),
                        uom=product.uom_id.name,
                        product=product.display_name,
                        lot=self.env._(" (serial %(lot)s)", lot=lot.name) if lot else "",
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    # ------------------------------------------------------------ SP-16
    @api.model
    def _spare_parts_remind_unused_parts(self, now=None):
        """Remind each engineer holding parts longer than his company's delay with
        one activity (not repeated while it is open). Safe to run twice."""
        now = now or fields.Datetime.now()
        activity_type = self.env.ref("spare_parts_personal_wh.mail_activity_type_return_reminder")
        reminded = self.env["res.users"]
        for company in self.env["res.company"].search([]):
            days = company.spare_parts_return_reminder_days
            if not days or company.spare_parts_mode == "simple":
                continue
            limit = fields.Datetime.subtract(now, days=days)
            groups = self.sudo()._read_group(
                [
                    ("company_id", "=", company.id),
                    ("location_id.spare_parts_owner_id", "!=", False),
                    ("quantity", ">", 0),
                    ("in_date", "<", limit),
                ],
                ["spare_parts_owner_id", "product_id", "location_id"],
                ["quantity:sum"],
            )
            held = defaultdict(float)
            for engineer, product, location, qty in groups:
                held[(engineer, product, location.spare_parts_old_parts)] += qty
            by_engineer = defaultdict(list)
            for (engineer, product, old_part), qty in held.items():
                by_engineer[engineer].append(
                    self._get_spare_parts_reminder_label(product, qty, old_part)
                )
            old_parts_held = {engineer for engineer, _product, old_part in held if old_part}
            for engineer, parts in by_engineer.items():
                partner = engineer.partner_id.sudo()
                if partner.activity_ids.filtered(
                    lambda a, t=activity_type, e=engineer: a.activity_type_id == t
                    and a.user_id == e
                ):
                    continue
                partner.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Return parts held over %(days)s days", days=days)
                    if engineer in old_parts_held
                    else self.env._("Return unused parts held over %(days)s days", days=days),
                    note=", ".join(parts),
                    user_id=engineer.id,
                )
                reminded |= engineer
        return reminded

    @api.model
    def _get_spare_parts_reminder_label(self, product, qty, old_part):
        """One part of a return reminder; old parts (SP-32) are named as such:
        they go back to the defective location, not to stock."""
        label = f"{qty:g} {product.uom_id.name} {product.display_name}"
        if old_part:
            label = self.env._("%(part)s (old part)", part=label)
        return label

    # ------------------------------------------------------------ counts
    @api.model
    def _spare_parts_set_quantities(self, items, reason):
        """Make the on-hand quantity of each (location, product, lot, quantity)
        item what it says, through inventory moves named ``reason`` (the audit
        trail). Items already right change nothing. Returns {item index: quantity
        before}."""
        Quant = self.sudo().with_context(inventory_mode=True, inventory_name=reason)
        before = {}
        to_apply = Quant
        for index, (location, product, lot, qty) in enumerate(items):
            quant = Quant.search(
                [
                    ("location_id", "=", location.id),
                    ("product_id", "=", product.id),
                    ("lot_id", "=", lot.id if lot else False),
                    ("owner_id", "=", False),
                    ("package_id", "=", False),
                ],
                limit=1,
            )
            before[index] = quant.quantity
            if quant and quant.quantity == qty:
                continue
            if not quant:
                quant = Quant.create(
                    {
                        "location_id": location.id,
                        "product_id": product.id,
                        "lot_id": lot.id if lot else False,
                    }
                )
            quant.inventory_quantity = qty
            to_apply |= quant
        if to_apply:
            to_apply._apply_inventory()
            to_apply.inventory_quantity_set = False
        return before

    # ------------------------------------------------------------ SP-22
    spare_parts_negative_move_ids = fields.Many2many(
        "stock.move",
        string="Caused By",
        compute="_compute_spare_parts_negative_causes",
        help="The done moves that took this stock below zero, since it was last at zero or more.",
    )
    spare_parts_negative_origin = fields.Char(
        string="Caused By Documents",
        compute="_compute_spare_parts_negative_causes",
        help="Transfers and work orders of the moves that made this stock negative.",
    )

    def _compute_spare_parts_negative_causes(self):
        """Replay the done moves in and out of each negative quant's location,
        oldest first: the moves out that took the balance below zero, after it
        was last at zero or more, are the causes. One search for the whole list."""
        negative = self.filtered(lambda quant: quant.quantity < 0)
        causes = negative._get_spare_parts_negative_causes() if negative else {}
        Move = self.env["stock.move"]
        for quant in self:
            moves = causes.get((quant.location_id, quant.product_id, quant.lot_id), Move)
            quant.spare_parts_negative_move_ids = moves
            quant.spare_parts_negative_origin = ", ".join(
                dict.fromkeys(move._get_spare_parts_document_label() for move in moves)
            )

    def _get_spare_parts_negative_causes(self):
        """{(location, product, lot): moves} for these negative quants."""
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("state", "=", "done"),
                    ("product_id", "in", self.product_id.ids),
                    "|",
                    ("location_id", "in", self.location_id.ids),
                    ("location_dest_id", "in", self.location_id.ids),
                ],
                order="date, id",
            )
        )
        wanted = {(quant.location_id, quant.product_id, quant.lot_id) for quant in self}
        balance = defaultdict(float)
        causes = defaultdict(lambda: self.env["stock.move"])
        for ml in move_lines:
            for location, sign in ((ml.location_id, -1), (ml.location_dest_id, 1)):
                key = (location, ml.product_id, ml.lot_id)
                if key not in wanted:
                    continue
                balance[key] += sign * ml.quantity_product_uom
                if balance[key] >= 0:
                    causes[key] = self.env["stock.move"]
                elif sign < 0:
                    causes[key] |= ml.move_id
        return {key: moves.sudo(False) for key, moves in causes.items()}

    def action_view_spare_parts_negative_causes(self):
        """The moves that made this stock negative, with their documents."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Moves behind %(quant)s", quant=self.display_name),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.spare_parts_negative_move_ids.ids)],
            "context": {"create": False},
        }
