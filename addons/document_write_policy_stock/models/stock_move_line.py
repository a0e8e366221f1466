# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.document_write_policy.models.document_write_policy_mixin import changed_fields

STOCK_USER_GROUP = "stock.group_stock_user"
# The transfer of a move line is its move's (Odoo moves both to a backorder).
STRUCTURAL_FIELDS = frozenset({"picking_id"})
# Fields Odoo copies from a move to its lines (done, re-dated, moved to a
# backorder, picked or unpicked when its transfer is cancelled): the move's
# own value is no change of the ledger, whoever's action wrote the move.
MOVE_FOLLOWED_FIELDS = frozenset({"date", "picking_id", "picked"})
# What an Inventory user corrects on a done transfer he unlocked (Odoo moves
# the quants with the correction), and the traceability Odoo's manufacturing
# links once its moves are done. Anything else of a done line is the ledger.
DONE_CORRECTION_FIELDS = frozenset(
    {
        "consume_line_ids",
        "produce_line_ids",
        "quantity",
        "lot_id",
        "location_id",
        "location_dest_id",
        "package_id",
        "result_package_id",
        "owner_id",
        "company_id",
    }
)


class StockMoveLine(models.Model):
    """A move line is the ledger of one company: detailed operations are
    written by Inventory users (Odoo lets every internal user write them), a
    line keeps its move's transfer and its company, and a done line changes
    only by the corrections Odoo makes on an unlocked transfer."""

    _inherit = "stock.move.line"

    def _get_ledger_company(self):
        self.ensure_one()
        return self.move_id.company_id or self.picking_id.company_id or self.company_id

    def _get_structural_fields(self):
        return STRUCTURAL_FIELDS

    def _get_done_correction_fields(self):
        return DONE_CORRECTION_FIELDS

    def _check_user_write(self, vals):
        if self.env.su or not self:
            return
        names = {
            name
            for name in vals
            if name not in MOVE_FOLLOWED_FIELDS or not self._follows_move(name, vals[name])
        }
        if not names:
            return
        if not self.env.user.has_group(STOCK_USER_GROUP):
            raise AccessError(self._get_readers_error())
        if "company_id" in vals:
            self._check_user_company(vals["company_id"])
        self._check_structural_fields({name: vals[name] for name in names})
        done = self.filtered(lambda line: line.state in ("done", "cancel"))
        refused = sorted(names - self._get_done_correction_fields()) if done else []
        if refused:
            raise AccessError(
                self.env._(
                    "%(fields)s of done move lines %(lines)s cannot be changed: a done "
                    "transfer is the stock ledger.",
                    fields=self._describe_fields(refused),
                    lines=", ".join(done.mapped("display_name")),
                )
            )

    def _get_readers_error(self):
        return self.env._(
            "%(user)s may read move lines but not change them: the detailed operations "
            "of transfers are Inventory users'.",
            user=self.env.user.name,
        )

    def _follows_move(self, name, value):
        """Whether ``value`` is what each line's move holds for ``name``."""
        return all(line._is_move_value(name, value) for line in self)

    def _is_move_value(self, name, value):
        self.ensure_one()
        # sudo: the move, also for users who may not read moves
        move = self.sudo().move_id
        if not move:
            return False
        field = self._fields[name]
        if field.type == "datetime":
            return fields.Datetime.to_datetime(value) == move[name]
        if field.type == "many2one":
            return (value or False) == move[name].id
        return bool(value) == bool(move[name])

    def _check_user_company(self, company_id):
        # sudo: the transfer's company, also for users who may not read moves
        moved = self.filtered(lambda line: line.sudo()._get_ledger_company().id != company_id)
        if moved:
            raise AccessError(
                self.env._(
                    "Move lines %(lines)s belong to the company of their transfer; they "
                    "cannot be given to another company.",
                    lines=", ".join(moved.mapped("display_name")),
                )
            )

    def _check_structural_fields(self, vals):
        changed = changed_fields(self, vals, self._get_structural_fields())
        if changed:
            raise AccessError(
                self.env._(
                    "%(fields)s of move lines %(lines)s follow their move and cannot be changed.",
                    fields=self._describe_fields(changed),
                    lines=", ".join(self.mapped("display_name")),
                )
            )

    def _describe_fields(self, names):
        return ", ".join(self._fields[name]._description_string(self.env) for name in names)

    def write(self, vals):
        self._check_user_write(vals)
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        """A line created on a done move or transfer moves stock at once (Odoo
        books it in the quants): that correction is an Inventory user's."""
        if not self.env.su and not self.env.user.has_group(STOCK_USER_GROUP):
            # sudo: the state of the move or transfer named, whoever may read it
            Move, Picking = self.env["stock.move"].sudo(), self.env["stock.picking"].sudo()
            if any(
                Move.browse(vals.get("move_id")).state == "done"
                or Picking.browse(vals.get("picking_id")).state == "done"
                for vals in vals_list
            ):
                raise AccessError(self._get_readers_error())
        return super().create(vals_list)

    def copy(self, default=None):
        """Duplicating a detailed operation is an Inventory user's (Odoo's
        own code never copies move lines)."""
        if not self.env.su and not self.env.user.has_group(STOCK_USER_GROUP):
            raise AccessError(self._get_readers_error())
        return super().copy(default)
