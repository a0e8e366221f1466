# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser tours under pytest-odoo: every tour leaves a picture of its last
screen, and a tour that could not run fails instead of being skipped.

The addons with tours do not depend on each other, so this file is the one
place all of them share. ``setup/test`` loads it with ``--confcutdir`` set to the
repository: each addon's pyproject.toml would otherwise stop pytest there."""

import base64
import logging
import pathlib
from unittest import mock

import pytest

from odoo.tests.common import ChromeBrowser, HttpCase

_logger = logging.getLogger(__name__)

SCREENSHOTS_DIR = pathlib.Path(__file__).parent / "test-output" / "screenshots"


# Resolves once the web client shows no "Loading" badge (at most 3 s).
WAIT_IDLE_JS = """new Promise((resolve) => {
    const start = Date.now();
    (function poll() {
        if (!document.querySelector(".o_loading_indicator") || Date.now() - start > 3000) {
            requestAnimationFrame(() => resolve(true));
        } else {
            setTimeout(poll, 50);
        }
    })();
})"""


def save_last_screen(browser, path):
    """Write what the browser shows once idle as a PNG (best effort: a missing
    picture must not hide the tour's own result)."""
    try:
        browser._websocket_request(
            "Runtime.evaluate", params={"expression": WAIT_IDLE_JS, "awaitPromise": True}
        )
        shot = browser._websocket_request("Page.captureScreenshot", timeout=10)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
    except Exception as error:  # noqa: BLE001 - reported, the tour decides the outcome
        _logger.warning("Could not save the last screen of %s: %s", path.stem, error)


@pytest.fixture(autouse=True)
def tour_screenshots(request):
    """``start_tour`` of a browser test saves ``<tour_name>.png`` in
    test-output/screenshots, taken right before Odoo closes the browser."""
    test = request.instance
    if not isinstance(test, HttpCase):
        yield
        return
    start_tour = test.start_tour
    stop = ChromeBrowser.stop

    def start_tour_with_screenshot(url_path, tour_name, *args, **kwargs):
        def stop_after_screenshot(browser):
            save_last_screen(browser, SCREENSHOTS_DIR / f"{tour_name}.png")
            return stop(browser)

        with mock.patch.object(ChromeBrowser, "stop", stop_after_screenshot):
            return start_tour(url_path, tour_name, *args, **kwargs)

    with mock.patch.object(test, "start_tour", start_tour_with_screenshot):
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped browser test (no Chromium, no websocket-client, no
    ``--odoo-http``) proves nothing: report it as failed."""
    report = yield
    test_class = getattr(item, "cls", None)
    if report.skipped and test_class and issubclass(test_class, HttpCase):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"Browser test {item.nodeid} was skipped ({reason}): tours must run. "
            "Install Chromium and websocket-client and pass --odoo-http."
        )
    return report
