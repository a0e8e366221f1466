"""Run Odoo's own tests of some addons on a database where everything is
installed already.

``odoo-bin --test-tags`` runs a module's at_install tests while the registry
is only loaded up to that module, so on a database that also has later
modules installed (account after helpdesk_mgmt) they fail on NOT NULL
columns Odoo has not loaded yet: a limit of the runner, not of the code under
test. Here the whole registry is loaded first, then the at_install and the
post_install tests of the given modules run against it, as they would on a
database where these modules were installed last.

    python odoo_tests.py CONFIG DATABASE sale_stock,repair,helpdesk_mgmt
"""

import sys
import threading

import odoo
import odoo.http
from odoo import api
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tests import loader
from odoo.tests.result import OdooTestResult
from odoo.tools import config


def main(conf, dbname, modules, port):
    config.parse_config(
        ["-c", conf, "-d", dbname, "--test-enable", "--workers=0", "--max-cron-threads=0",
         f"--http-port={port}", "--log-level=info",
         "--test-tags=" + ",".join(f"/{module}" for module in modules)],
        setup_logging=True,
    )
    server.load_server_wide_modules()
    # HttpCase tests need the HTTP server of this process.
    threaded = server.ThreadedServer(odoo.http.root)
    server.server = threaded
    threaded.start(stop=True)
    threading.current_thread().dbname = dbname
    # Loading must not run the at_install tests itself (see above).
    config["test_enable"] = False
    registry = Registry(dbname)
    config["test_enable"] = True
    report = OdooTestResult()
    for position in ("at_install", "post_install"):
        suite = loader.make_suite(modules, position)
        if position == "post_install" and suite.has_http_case():
            with registry.cursor() as cr:
                api.Environment(cr, api.SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()
        report.update(loader.run_suite(suite, global_report=report))
    threaded.stop()
    print(f"{report} when running Odoo's tests of {','.join(modules)}")
    return 0 if report.wasSuccessful() and report.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]))
