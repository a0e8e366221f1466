# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    """SP-27 receiving: packing slips attached to the receipt, serials
    captured by scanning, damaged items recorded as discrepancies."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "barcodes.barcode_events_mixin"]

    spare_parts_packing_slip_ids = fields.Many2many(
        "ir.attachment",
        "stock_picking_spare_parts_packing_slip_rel",
        "picking_id",
        "attachment_id",
        string="Packing Slips",
        help="Packing slips and delivery confirmations that came with the parts.",
    )
    spare_parts_discrepancy_ids = fields.One2many(
        "spare.parts.receipt.discrepancy", "picking_id", string="Discrepancies"
    )
    spare_parts_discrepancy_count = fields.Integer(compute="_compute_spare_parts_discrepancy_count")
    spare_parts_scan = fields.Char(
        string="Scan a Product or Serial",
        store=False,
        help="Scan the product's barcode, then the serials of its units; the "
        "received serials appear on the receipt at once.",
    )
    spare_parts_scanned_serials = fields.Char(
        string="Serials Scanned",
        compute="_compute_spare_parts_scanned_serials",
        help="The serial numbers entered on this receipt so far.",
    )
    spare_parts_scan_product_id = fields.Many2one(
        "product.product",
        string="Scanning Serials Of",
        help="The last product scanned: the serials scanned next belong to it.",
    )

    @api.depends("move_ids.move_line_ids.lot_name", "move_ids.move_line_ids.lot_id")
    def _compute_spare_parts_scanned_serials(self):
        for picking in self:
            picking.spare_parts_scanned_serials = ", ".join(
                ml.lot_name or ml.lot_id.name
                for ml in picking.move_ids.move_line_ids
                if ml.lot_name or ml.lot_id
            )

    def _compute_spare_parts_discrepancy_count(self):
        counts = dict(
            self.env["spare.parts.receipt.discrepancy"]._read_group(
                [("picking_id", "in", self.ids)], ["picking_id"], ["__count"]
            )
        )
        for picking in self:
            picking.spare_parts_discrepancy_count = counts.get(picking, 0)

    # ------------------------------------------------------- packing slips
    def _spare_parts_attach_packing_slip(self, name, content):
        """Attach a packing slip (raw bytes) to the receipt and tell the
        purchase order's followers."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.spare_parts_packing_slip_ids = [fields.Command.link(attachment.id)]
        if self.purchase_id:
            # The receiving coordinator may lack purchase rights; the note only
            # informs the order's followers and keeps the real author.
            self.purchase_id.sudo().message_post(
                body=self.env._(
                    "Packing slip %(slip)s attached to receipt %(picking)s.",
                    slip=name,
                    picking=self.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return attachment

    # ------------------------------------------------------------ scanning
    def on_barcode_scanned(self, barcode):
        # The scan writes the stored move lines of the saved receipt.
        return (self._origin or self)._spare_parts_scan_receipt(barcode)

    def _spare_parts_scan_receipt(self, barcode):
        """A product barcode selects the product; any other code is the serial
        of the next unit of a serial-tracked product still to receive."""
        self.ensure_one()
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        product = moves.product_id.filtered(lambda p: barcode in (p.barcode, p.default_code))[:1]
        if product:
            self.spare_parts_scan_product_id = product
            return {}
        serial_moves = moves.filtered(
            lambda m: m.product_id.tracking == "serial"
            and (
                not self.spare_parts_scan_product_id
                or m.product_id == self.spare_parts_scan_product_id
            )
        )
        if not serial_moves:
            return self._spare_parts_scan_warning(
                self.env._(
                    "Receipt %(picking)s has no serial-tracked part to receive for the code "
                    "%(barcode)s.",
                    picking=self.name,
                    barcode=barcode,
                )
            )
        if barcode in serial_moves.move_line_ids.mapped(lambda ml: ml.lot_name or ml.lot_id.name):
            return self._spare_parts_scan_warning(
                self.env._(
                    "Serial number %(serial)s is already on receipt %(picking)s.",
                    serial=barcode,
                    picking=self.name,
                )
            )
        for move in serial_moves:
            free_line = move.move_line_ids.filtered(lambda ml: not ml.lot_name and not ml.lot_id)[
                :1
            ]
            if free_line:
                free_line.write({"lot_name": barcode, "quantity": 1.0, "picked": True})
                return {}
            scanned = len(move.move_line_ids.filtered(lambda ml: ml.lot_name or ml.lot_id))
            if scanned < move.product_uom_qty:
                self.env["stock.move.line"].create(
                    dict(move._prepare_move_line_vals(quantity=1.0), lot_name=barcode, picked=True)
                )
                return {}
        return self._spare_parts_scan_warning(
            self.env._(
                "Every serial of %(parts)s on receipt %(picking)s is already scanned; %(serial)s "
                "is one too many.",
                parts=", ".join(serial_moves.product_id.mapped("display_name")),
                picking=self.name,
                serial=barcode,
            )
        )

    def _spare_parts_scan_warning(self, message):
        return {"warning": {"title": self.env._("Barcode"), "message": message}}

    def action_spare_parts_scan(self, barcode):
        """The receipt's scan field (keyboard, scanner or camera): the serial is
        written on the receipt, which the screen then reloads to show it."""
        self.ensure_one()
        barcode = (barcode or "").strip()
        if not barcode:
            return False
        result = self._spare_parts_scan_receipt(barcode)
        if result.get("warning"):
            raise UserError(result["warning"]["message"])
        return True

    # -------------------------------------------------------- discrepancies
    def action_report_spare_parts_discrepancy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report Discrepancy"),
            "res_model": "spare.parts.receipt.discrepancy",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    def action_view_spare_parts_discrepancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spare_parts_purchase.spare_parts_receipt_discrepancy_action"
        )
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"default_picking_id": self.id}
        return action
