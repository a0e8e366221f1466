from . import models
from . import report


def post_init_hook(env):
    """Payer agreements need the pricelist feature, which this addon switches
    on: give every company the default pricelist Odoo creates when the feature
    is switched on in Settings, so customers keep list prices."""
    env["res.company"].search([])._activate_or_create_pricelists()
