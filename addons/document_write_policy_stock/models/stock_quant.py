# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError

# Writable on a quant Odoo's inventory list shows only while the quant is new.
NEW_QUANT_FIELDS = frozenset({"location_id", "lot_id", "package_id"})


class StockQuant(models.Model):
    """A quant is the sum of the stock moves that reached it: it moves,
    changes quantity or dates only through moves (Odoo's own code writes it as
    the system). A user writes only what Physical Inventory counts; applying
    the count makes the move."""

    _inherit = "stock.quant"

    def _get_user_writable_fields(self):
        """The counting fields of Physical Inventory, for an existing quant."""
        return set(self._get_inventory_fields_write()) - NEW_QUANT_FIELDS

    def _check_user_write(self, vals):
        if self.env.su or not self:
            return
        refused = sorted(set(vals) - self._get_user_writable_fields())
        if refused:
            raise AccessError(
                self.env._(
                    "%(fields)s of a quant change only through stock moves: count it in "
                    "Physical Inventory and apply the count, or move it with a transfer.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        if name in self._fields
                        else name
                        for name in refused
                    ),
                )
            )

    def write(self, vals):
        self._check_user_write(vals)
        return super().write(vals)
