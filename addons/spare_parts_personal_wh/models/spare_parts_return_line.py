# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command, Domain

CORE_STATES = [
    ("none", "Not a Core"),
    ("in_return", "Coming Back"),
    ("to_return", "To Return"),
    ("shipping", "Shipment Open"),
    ("returned", "Returned to Vendor"),
]


class SparePartsReturnLine(models.Model):
    _name = "spare.parts.return.line"
    _description = "Spare Parts Return Line"
    _inherit = ["spare.parts.document.line.mixin"]

    document_id = fields.Many2one(
        "spare.parts.return", string="Return", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    reason = fields.Char()
    is_warranty_core = fields.Boolean(
        string="Warranty Core",
        help="A defective part under warranty that goes back to its supplier (SP-23).",
    )
    core_vendor_id = fields.Many2one("res.partner", string="Core Supplier", check_company=True)
    # SP-30: the core's way back to its vendor
    core_picking_id = fields.Many2one(
        "stock.picking",
        string="Shipment to Vendor",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # Not stored: a stored status depending on every transfer's state would be
    # looked up on each stock move that changes state (a query per line).
    core_state = fields.Selection(
        CORE_STATES,
        string="Core Status",
        compute="_compute_core_state",
        search="_search_core_state",
    )
    core_credit_expected = fields.Float(
        string="Vendor Credit Expected",
        digits="Product Price",
        compute="_compute_core_credit_expected",
        store=True,
        help="What the vendor is expected to credit for the core: its vendor price "
        "for the part, else the part's cost.",
    )

    def _get_core_state_domains(self):
        """{core status: domain} matching the computation below."""
        not_shipped = [
            "|",
            ("core_picking_id", "=", False),
            ("core_picking_id.state", "=", "cancel"),
        ]
        return {
            "none": [("is_warranty_core", "=", False)],
            "returned": [("is_warranty_core", "=", True), ("core_picking_id.state", "=", "done")],
            "shipping": [
                ("is_warranty_core", "=", True),
                ("core_picking_id", "!=", False),
                ("core_picking_id.state", "not in", ("done", "cancel")),
            ],
            "to_return": [("is_warranty_core", "=", True), ("document_id.state", "=", "done")]
            + not_shipped,
            "in_return": [("is_warranty_core", "=", True), ("document_id.state", "!=", "done")]
            + not_shipped,
        }

    def _search_core_state(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        states = [value] if operator == "=" else list(value)
        domains = self._get_core_state_domains()
        return Domain.OR([Domain(domains[state]) for state in states if state in domains])

    @api.depends("is_warranty_core", "document_id.state", "core_picking_id.state")
    def _compute_core_state(self):
        for line in self:
            if not line.is_warranty_core:
                line.core_state = "none"
            elif line.core_picking_id.state == "done":
                line.core_state = "returned"
            elif line.core_picking_id and line.core_picking_id.state != "cancel":
                line.core_state = "shipping"
            elif line.document_id.state == "done":
                line.core_state = "to_return"
            else:
                line.core_state = "in_return"

    @api.depends("is_warranty_core", "core_vendor_id", "product_id", "quantity")
    def _compute_core_credit_expected(self):
        for line in self:
            line.core_credit_expected = (
                line.quantity * line._get_core_unit_credit() if line.is_warranty_core else 0.0
            )

    def _get_core_unit_credit(self):
        self.ensure_one()
        seller = self.product_id._select_seller(
            partner_id=self.core_vendor_id, quantity=self.quantity
        )
        return seller.price if seller else self.product_id.standard_price

    def _label(self):
        self.ensure_one()
        return f"{self.quantity:g} {self.uom_id.name} {self.product_id.display_name}"

    # ------------------------------------------------------------ SP-30
    def _get_action_fields(self):
        return super()._get_action_fields() | {"core_picking_id"}

    def action_return_cores_to_vendor(self):
        """Administrator: ship the selected cores from the defective location
        back to their vendors, one outgoing transfer per vendor."""
        if not (self.env.su or self.env.user.has_group("spare_parts_base.group_spare_parts_admin")):
            raise AccessError(
                self.env._("Returning cores to vendors is for spare parts administrators.")
            )
        self._check_core_return()
        pickings = self.env["stock.picking"]
        for (_company, _vendor), lines in self.grouped(
            lambda line: (line.company_id, line.core_vendor_id)
        ).items():
            pickings |= lines._create_core_picking()
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Cores to Vendors"),
            "res_model": "stock.picking",
            "domain": [("id", "in", pickings.ids)],
            "view_mode": "list,form",
        }
        if len(pickings) == 1:
            action.update(res_id=pickings.id, view_mode="form", views=[(False, "form")])
        return action

    def _check_core_return(self):
        errors = []
        for line in self:
            if line.core_state != "to_return":
                errors.append(
                    self.env._(
                        "%(document)s: %(part)s is not a received core waiting to go back "
                        "(status %(state)s).",
                        document=line.document_id.name,
                        part=line._label(),
                        state=dict(CORE_STATES)[line.core_state],
                    )
                )
            elif not line.core_vendor_id:
                errors.append(
                    self.env._(
                        "%(document)s: core %(part)s has no supplier to return it to.",
                        document=line.document_id.name,
                        part=line._label(),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))

    def _get_core_picking_type(self):
        company = self.company_id[:1]
        warehouse = company.spare_parts_warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        return warehouse.out_type_id

    def _prepare_core_picking_vals(self):
        company = self.company_id[:1]
        vendor = self.core_vendor_id[:1]
        source = company.spare_parts_defective_location_id
        destination = vendor.property_stock_supplier or self.env.ref(
            "stock.stock_location_suppliers"
        )
        return {
            "picking_type_id": self._get_core_picking_type().id,
            "partner_id": vendor.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": company.id,
            "origin": ", ".join(sorted(set(self.document_id.mapped("name")))),
            "move_ids": [
                Command.create(line._prepare_core_move_vals(source, destination)) for line in self
            ],
        }

    def _prepare_core_move_vals(self, source, destination):
        self.ensure_one()
        vals = {
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.product_id.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
            "description_picking": self.env._(
                "Warranty core from %(document)s", document=self.document_id.name
            ),
        }
        if self.lot_ids:
            vals["move_line_ids"] = [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "lot_id": lot.id,
                        "quantity": 1.0 if self.tracking == "serial" else self.quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                    }
                )
                for lot in self.lot_ids
            ]
        return vals

    def _create_core_picking(self):
        """One confirmed outgoing transfer for these cores of one vendor, the
        vendor's credit expected as an activity on it, the returns' core
        follow-ups closed."""
        vals = self._prepare_core_picking_vals()
        self.env["stock.quant"]._spare_parts_check_available(
            [
                (self.env["stock.location"].browse(vals["location_id"]), line.product_id, lot, qty)
                for line in self
                for lot, qty in (
                    [
                        (lot, 1.0 if line.tracking == "serial" else line.quantity)
                        for lot in line.lot_ids
                    ]
                    or [(self.env["stock.lot"], line.quantity)]
                )
            ]
        )
        # Administrators ship company stock; the transfer is written as the
        # system like the suite's other shipments.
        picking = self.env["stock.picking"].sudo().create(vals)
        picking.action_confirm()
        picking.action_assign()
        self._write_action_fields({"core_picking_id": picking.id})
        self._schedule_core_credit(picking)
        returns = self.document_id
        done = returns.filtered(
            lambda ret: not ret.line_ids.filtered(
                lambda line: line.is_warranty_core and not line.core_picking_id
            )
        )
        done.activity_feedback(
            ["spare_parts_personal_wh.mail_activity_type_core_return"],
            feedback=self.env._("Shipped to the vendor with %(picking)s", picking=picking.name),
        )
        return picking

    def _schedule_core_credit(self, picking):
        amount = sum(self.mapped("core_credit_expected"))
        company = self.company_id[:1]
        reviewer = company._get_spare_parts_reviewer() or self.env.user
        picking.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Vendor credit expected from %(vendor)s: %(amount)s %(currency)s",
                vendor=self.core_vendor_id[:1].name,
                amount=f"{amount:.2f}",
                currency=company.currency_id.name,
            ),
            note=Markup("<ul>%s</ul>")
            % Markup("").join(Markup("<li>%s</li>") % line._label() for line in self),
            user_id=reviewer.id,
        )
