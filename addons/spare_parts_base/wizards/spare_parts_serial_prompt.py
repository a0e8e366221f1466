# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class SparePartsSerialPrompt(models.TransientModel):
    """Asks for the serials of the parts being consumed where the engineer
    pressed Consume (SP-31), instead of refusing: the serials he may use are
    offered as choices and the scan field (scanner, keyboard or camera) picks
    one. Confirming consumes the parts through ``action_consume``, so every
    check of a consumption still runs."""

    _name = "spare.parts.serial.prompt"
    _description = "Serial Numbers of the Parts Consumed"

    part_line_ids = fields.Many2many(
        "spare.parts.line",
        "spare_parts_serial_prompt_part_line_rel",
        string="Parts to Consume",
        required=True,
    )
    waiting_line_ids = fields.Many2many(
        "spare.parts.line",
        string="Parts Waiting for a Serial",
        compute="_compute_waiting_line_ids",
    )
    summary = fields.Text(string="Serials Needed", compute="_compute_waiting_line_ids")
    choice_lot_ids = fields.Many2many(
        "stock.lot", string="Serials to Choose From", compute="_compute_choice_lot_ids"
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        "spare_parts_serial_prompt_lot_rel",
        string="Serial Numbers",
        help="Tick the serials of the parts used, or scan them.",
    )
    spare_parts_scan = fields.Char(
        string="Scan or Type a Serial",
        store=False,
        help="Type a serial number, scan it with a scanner or with the phone's camera.",
    )

    @api.depends("part_line_ids.lot_id", "part_line_ids.quantity")
    def _compute_waiting_line_ids(self):
        for prompt in self:
            waiting = prompt.part_line_ids.filtered(lambda line: line._is_waiting_for_serial())
            prompt.waiting_line_ids = waiting
            prompt.summary = "\n".join(
                self.env._(
                    "%(part)s: %(count)s",
                    part=product.display_name,
                    count=self._format_serial_count(
                        sum(
                            line._get_serials_needed()
                            for line in waiting
                            if line.product_id == product
                        )
                    ),
                )
                for product in waiting.product_id
            )

    def _format_serial_count(self, count):
        if count == 1:
            return self.env._("1 serial number")
        return self.env._("%(count)s serial numbers", count=count)

    @api.depends("waiting_line_ids")
    def _compute_choice_lot_ids(self):
        for prompt in self:
            prompt.choice_lot_ids = prompt.waiting_line_ids._get_serial_choices()

    @api.model_create_multi
    def create(self, vals_list):
        prompts = super().create(vals_list)
        # Only the lines the user may change can be asked for: a stranger's
        # work order is refused here, as its Consume button would be.
        prompts.part_line_ids.check_access("write")
        return prompts

    # ------------------------------------------------------------ scanning
    def action_spare_parts_scan(self, barcode):
        """Pick the scanned serial (the scan field, a scanner or the camera)."""
        self.ensure_one()
        barcode = (barcode or "").strip()
        if not barcode:
            return False
        lot = self._find_scanned_serial(barcode)
        self.lot_ids = [Command.link(lot.id)]
        return True

    def _find_scanned_serial(self, barcode):
        products = self.waiting_line_ids.product_id
        lot = self.env["stock.lot"].search(
            [
                ("name", "=", barcode),
                ("product_id", "in", products.ids),
                ("company_id", "in", [False, *self.part_line_ids.company_id.ids]),
            ],
            limit=1,
        )
        if not lot:
            raise UserError(
                self.env._(
                    "%(barcode)s is not a serial number of %(parts)s.",
                    barcode=barcode,
                    parts=", ".join(products.mapped("display_name")),
                )
            )
        if lot in self.lot_ids:
            raise UserError(self.env._("Serial number %(lot)s is already picked.", lot=lot.name))
        return lot

    # ------------------------------------------------------------ confirm
    def action_confirm(self):
        """Give the waiting lines their serials, then consume every line."""
        self.ensure_one()
        self._check_serial_counts()
        lines = self.part_line_ids
        for line in self.waiting_line_ids:
            lots = self._pop_lots(line.product_id, line._get_serials_needed())
            lines |= line._set_consumed_serials(lots)
        result = lines.action_consume()
        return result if isinstance(result, dict) else {"type": "ir.actions.act_window_close"}

    def _check_serial_counts(self):
        """As many serials as units waiting, part by part; nothing else."""
        waiting = self.waiting_line_ids
        errors = []
        for product in waiting.product_id:
            needed = sum(
                line._get_serials_needed() for line in waiting if line.product_id == product
            )
            picked = len(self.lot_ids.filtered(lambda lot, p=product: lot.product_id == p))
            if picked != needed:
                errors.append(
                    self.env._(
                        "%(part)s: pick %(needed)s, not %(picked)s.",
                        part=product.display_name,
                        needed=self._format_serial_count(needed),
                        picked=picked,
                    )
                )
        stray = self.lot_ids.filtered(lambda lot: lot.product_id not in waiting.product_id)
        if stray:
            errors.append(
                self.env._(
                    "No part waits for serial number %(lots)s.",
                    lots=", ".join(stray.mapped("name")),
                )
            )
        if errors:
            raise UserError("\n".join(errors))

    def _pop_lots(self, product, count):
        lots = self.lot_ids.filtered(lambda lot: lot.product_id == product)[:count]
        self.lot_ids = [Command.unlink(lot.id) for lot in lots]
        return lots
