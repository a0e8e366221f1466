# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Give every existing company its spare parts locations and operation types."""
    env["res.company"].search([])._spare_parts_setup_locations()
    env["res.company"]._sync_spare_parts_transfer_menu()
    # Parts planned before personal warehouses existed take the engineer's van.
    env["spare.parts.line"].search(
        [("state", "=", "planned"), ("location_id", "=", False)]
    )._compute_location_id()
