# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Give every existing company its spare parts locations and operation types."""
    env["res.company"].search([])._spare_parts_setup_locations()
