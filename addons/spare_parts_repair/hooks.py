# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Spare parts repair exists only in Advanced mode. Settings offer it only
    there; installing it another way is taken as choosing Advanced mode for
    every company still in Standard mode (logged, and undoable in Settings)."""
    companies = env["res.company"].search([("spare_parts_warehouse_tracking", "=", False)])
    if companies:
        _logger.info(
            "Spare parts repair installed: moving %s to Advanced mode", companies.mapped("name")
        )
        companies.write({"spare_parts_warehouse_tracking": True})
