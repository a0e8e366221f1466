# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class HelpdeskTicket(models.Model):
    """SP-31: request and return parts from the work order in two taps: the
    document opens prefilled, the engineer only submits or sends it."""

    _inherit = "helpdesk.ticket"

    spare_parts_service_bom = fields.Boolean(related="company_id.spare_parts_service_bom")
    spare_parts_old_parts_via_van = fields.Boolean(
        related="company_id.spare_parts_old_parts_via_van"
    )

    # ------------------------------------------------------------ request
    def action_request_parts(self):
        """A draft parts request for what this work order still lacks."""
        self.ensure_one()
        missing = self._get_parts_to_request()
        if not missing:
            raise UserError(
                self.env._(
                    "Work order %(ticket)s needs no parts beyond what %(engineer)s holds: "
                    "plan the parts on the work order first.",
                    ticket=self.display_name,
                    engineer=(self.engineer_id or self.env.user).name,
                )
            )
        request = self.env["spare.parts.request"].create(self._prepare_parts_request_vals(missing))
        return self._open_spare_parts_document(request)

    def _get_parts_to_request(self):
        """{product: quantity} planned on the work order (new parts) beyond what
        the engineer's van holds; the service BOM when nothing is planned."""
        self.ensure_one()
        needed = defaultdict(float)
        for line in self.part_line_ids.filtered(
            lambda line: line.state == "planned" and line.part_condition == "new"
        ):
            needed[line.product_id] += line.quantity
        if not needed and self.equipment_id.product_id:
            bom = self.equipment_id.product_id.product_tmpl_id.spare_parts_service_bom_line_ids
            for bom_line in bom:
                needed[bom_line.part_id] += bom_line.quantity
        van = (self.engineer_id or self.env.user)._get_spare_parts_location(self.company_id)
        if van and needed:
            products = self.env["product.product"].union(*needed)
            held = self.env["stock.quant"]._spare_parts_available(van, products)
            for (_location, product, _lot), qty in held.items():
                needed[product] -= qty
        return {product: qty for product, qty in needed.items() if qty > 0}

    def _prepare_parts_request_vals(self, quantities):
        self.ensure_one()
        return {
            "engineer_id": (self.engineer_id or self.env.user).id,
            "ticket_id": self.id,
            "company_id": self.company_id.id,
            "line_ids": [
                Command.create({"product_id": product.id, "quantity": qty})
                for product, qty in quantities.items()
            ],
        }

    # --------------------------------------------------- SP-14 service BOM
    def action_request_service_bom(self):
        """A draft parts request, for the engineer and into his van, of the
        equipment's service BOM parts he does not hold yet."""
        self.ensure_one()
        self._check_can_request_service_bom()
        missing = self._get_service_bom_shortfall()
        if not missing:
            raise UserError(
                self.env._(
                    "%(engineer)s already holds every part of the service BOM of %(model)s "
                    "for work order %(ticket)s: nothing to request.",
                    engineer=self._get_spare_parts_engineer().name,
                    model=self.equipment_id.product_id.display_name,
                    ticket=self.display_name,
                )
            )
        request = self.env["spare.parts.request"].create(self._prepare_parts_request_vals(missing))
        return self._open_spare_parts_document(request)

    def _check_can_request_service_bom(self):
        """Refuse without the Service BOM setting, below Standard mode, or when
        the work order's equipment has no service BOM."""
        self.ensure_one()
        company = self.company_id
        company._check_spare_parts_mode("standard", self.env._("Requesting parts"))
        if not company.spare_parts_service_bom:
            raise UserError(
                self.env._(
                    "Work order %(ticket)s: requesting from the service BOM needs the "
                    "Service BOM setting of %(company)s.",
                    ticket=self.display_name,
                    company=company.name,
                )
            )
        if not self._get_service_bom_lines():
            raise UserError(
                self.env._(
                    "Work order %(ticket)s: equipment %(equipment)s has no service BOM to "
                    "request parts from.",
                    ticket=self.display_name,
                    equipment=self.equipment_id.display_name or self.env._("(none)"),
                )
            )

    def _get_service_bom_lines(self):
        self.ensure_one()
        return self.equipment_id.product_id.product_tmpl_id.spare_parts_service_bom_line_ids

    def _get_service_bom_shortfall(self):
        """{product: BOM quantity minus what the engineer's van holds}, only
        positive ones, in the BOM's order."""
        self.ensure_one()
        needed = defaultdict(float)
        for bom_line in self._get_service_bom_lines():
            needed[bom_line.part_id] += bom_line.quantity
        van = self._get_spare_parts_engineer()._get_spare_parts_location(self.company_id)
        if van:
            products = self.env["product.product"].union(*needed)
            held = self.env["stock.quant"]._spare_parts_available(van, products)
            for (_location, product, _lot), qty in held.items():
                needed[product] -= qty
        return {
            product: qty for product, qty in needed.items() if product.uom_id.compare(qty, 0.0) > 0
        }

    def _get_spare_parts_engineer(self):
        """Who the work order's parts are for: its engineer, else the user."""
        self.ensure_one()
        return self.engineer_id or self.env.user

    # ------------------------------------------------------- SP-32 old parts
    def action_return_old_parts(self):
        """A draft return of the old parts the engineer carries in his van's
        old-parts location, to the defective location."""
        self.ensure_one()
        engineer = self._get_spare_parts_engineer()
        van = engineer._get_spare_parts_location(self.company_id)
        old_parts = van._get_spare_parts_old_parts_location() if van else van
        held = self._get_old_parts_held(old_parts)
        if not held:
            raise UserError(
                self.env._("%(engineer)s carries no old parts to return.", engineer=engineer.name)
            )
        document = self.env["spare.parts.return"].create(
            self._prepare_old_parts_return_vals(engineer, old_parts, held)
        )
        return self._open_spare_parts_document(document)

    def _get_old_parts_held(self, old_parts):
        """{product: (quantity, serials)} in the old-parts location ``old_parts``."""
        if not old_parts:
            return {}
        held = {}
        quants = self.env["stock.quant"].search(
            [("location_id", "=", old_parts.id), ("quantity", ">", 0)], order="id"
        )
        for quant in quants:
            qty, lots = held.get(quant.product_id, (0.0, quant.lot_id.browse()))
            held[quant.product_id] = (qty + quant.quantity, lots | quant.lot_id)
        return held

    def _prepare_old_parts_return_vals(self, engineer, old_parts, held):
        self.ensure_one()
        return {
            "engineer_id": engineer.id,
            "location_id": old_parts.id,
            "return_type": "defective",
            "company_id": self.company_id.id,
            "note": self.env._(
                "Old parts taken out on work orders, returned from %(ticket)s",
                ticket=self.display_name,
            ),
            "line_ids": [
                Command.create(
                    {"product_id": product.id, "quantity": qty, "lot_ids": [Command.set(lots.ids)]}
                )
                for product, (qty, lots) in held.items()
            ],
        }

    # ------------------------------------------------------------- return
    def action_return_parts(self):
        """A draft return of the parts received for this work order and not
        used on it (still in the engineer's van)."""
        self.ensure_one()
        engineer = self.engineer_id or self.env.user
        van = engineer._get_spare_parts_location(self.company_id)
        leftovers = self._get_unused_parts(van)
        if not leftovers:
            raise UserError(
                self.env._(
                    "%(engineer)s holds no unused parts of work order %(ticket)s to return.",
                    engineer=engineer.name,
                    ticket=self.display_name,
                )
            )
        document = self.env["spare.parts.return"].create(
            {
                "engineer_id": engineer.id,
                "location_id": van.id,
                "return_type": "unused",
                "company_id": self.company_id.id,
                "note": self.env._("Unused on work order %(ticket)s", ticket=self.display_name),
                "line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty})
                    for product, qty in leftovers.items()
                ],
            }
        )
        return self._open_spare_parts_document(document)

    def _get_unused_parts(self, van):
        """{product: quantity} received in ``van`` for this work order and not
        consumed on it (its earmarks, SP-08)."""
        self.ensure_one()
        if not van:
            return {}
        products = (
            self.part_line_ids.product_id
            | self.env["stock.quant"].sudo().search([("location_id", "=", van.id)]).product_id
        )
        earmarks = self.env["spare.parts.line"]._get_earmarks(van, products)
        return {
            product: qty
            for (_location, product, ticket), qty in earmarks.items()
            if ticket == self and product.tracking != "serial"
        }

    def _open_spare_parts_document(self, document):
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
