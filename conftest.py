# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every test of the suite shares under pytest-odoo:

- a user action in a test (``records.with_user(user)``) runs in a fresh
  environment: pending writes are flushed and the cache is cleared, as a new web
  request would, so a value read with the fixture's full rights can never hide a
  missing access right of the role;
- every browser tour leaves a picture of its last screen, and a tour that could
  not run fails instead of being skipped.

The addons with tours do not depend on each other, so this file is the one
place all of them share. ``setup/test`` loads it with ``--confcutdir`` set to the
repository: each addon's pyproject.toml would otherwise stop pytest there."""

import base64
import logging
import os
import pathlib
import sys
from unittest import mock

import pytest

from odoo.models import BaseModel
from odoo.tests import common as odoo_test_common
from odoo.tests.common import ChromeBrowser, HttpCase

_logger = logging.getLogger(__name__)

ROOT = str(pathlib.Path(__file__).parent)

SCREENSHOTS_DIR = pathlib.Path(__file__).parent / "test-output" / "screens"

# Odoo waits 10 s for headless Chromium to open its devtools port; with two
# profiles running at once on two cores it can take longer, and the tour is
# then skipped (a failure here). Wait up to 40 s.
odoo_test_common.CHECK_BROWSER_ITERATIONS = 400


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


# Tours that count their taps keep the count here (see the phone tours).
TAPS_JS = 'window.sessionStorage.getItem("spare_parts_tour_taps")'


def read_tour_taps(browser):
    """The taps a tour counted, or None for a tour that counts none."""
    try:
        answer = browser._websocket_request(
            "Runtime.evaluate", params={"expression": TAPS_JS, "returnByValue": True}
        )
    except Exception as error:  # noqa: BLE001 - the test then finds no count and says so
        _logger.warning("Could not read the taps of the tour: %s", error)
        return None
    value = (answer.get("result") or {}).get("value")
    return int(value) if value is not None else None


def _called_from_a_test(depth=4):
    """True when one of the nearest callers is a test file of this repository
    (not the suite's models, nor Odoo's own ``with_user`` overrides)."""
    frame = sys._getframe(2)
    for _level in range(depth):
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        if filename.startswith(ROOT) and "/tests/" in filename:
            return True
        frame = frame.f_back
    return False


@pytest.fixture(autouse=True)
def fresh_environment_per_user_action():
    """``with_user`` called by a test gives the role's user an empty cache."""
    with_user = BaseModel.with_user

    def with_user_fresh(self, user):
        records = with_user(self, user)
        if not records.env.su and _called_from_a_test():
            records.env.flush_all()
            records.env.invalidate_all()
        return records

    with mock.patch.object(BaseModel, "with_user", with_user_fresh):
        yield


SUITE_ADDONS = (
    "spare_parts_base",
    "spare_parts_personal_wh",
    "spare_parts_repair",
    "spare_parts_purchase",
    "spare_parts_sale",
    "warranty_sales",
    "sales_inventory_b2b",
)
SUITE_MODULE_PREFIXES = tuple(f"odoo.addons.{name}." for name in SUITE_ADDONS)


_SUITE_ACTIONS = {}


def _suite_actions(registry):
    """(model class, name, function) of every button method the suite
    defines or overrides (looked up once per registry)."""
    key = (registry.db_name, id(registry))
    if key not in _SUITE_ACTIONS:
        _SUITE_ACTIONS[key] = [
            (model_class, name, function)
            for model_class in registry.values()
            for name in dir(model_class)
            if name.startswith("action_")
            and callable(function := getattr(model_class, name, None))
            and getattr(function, "__module__", "").startswith(SUITE_MODULE_PREFIXES)
        ]
    return _SUITE_ACTIONS[key]


def _test_function_frame():
    """The frame of the test method calling, if a test method calls directly."""
    frame = sys._getframe(2)
    filename = frame.f_code.co_filename
    if filename.startswith(ROOT) and "/tests/" in filename and frame.f_code.co_name[:5] == "test_":
        return frame
    return None


@pytest.fixture(autouse=True)
def buttons_pressed_by_users(request):
    """A test presses the suite's buttons as a role's user: a button called by a
    test method as the superuser fails the test (``SPS_SUPERUSER_ACTIONS=report``
    only lists them in test-output/reports/superuser-actions.txt)."""
    test = request.instance
    registry = getattr(getattr(test, "env", None), "registry", None)
    if registry is None:
        yield
        return
    pressed = []

    def guard(name, function):
        def action(self, *args, **kwargs):
            if self.env.su and _test_function_frame():
                pressed.append(f"{self._name}.{name}")
            return function(self, *args, **kwargs)

        return action

    patches = [
        mock.patch.object(model_class, name, guard(name, function))
        for model_class, name, function in _suite_actions(registry)
    ]
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in patches:
            patch.stop()
    if pressed:
        message = f"{request.node.nodeid}: pressed as superuser: {', '.join(sorted(set(pressed)))}"
        if os.environ.get("SPS_SUPERUSER_ACTIONS") == "report":
            name = f"superuser-actions-{os.environ.get('SPS_PROFILE', 'all')}.log"
            report = pathlib.Path(ROOT) / "test-output" / "reports" / name
            report.parent.mkdir(parents=True, exist_ok=True)
            with report.open("a") as file:
                file.write(message + "\n")
        else:
            pytest.fail(message + " (run it as the role's user: records.with_user(user))")


@pytest.fixture(autouse=True)
def tour_screenshots(request):
    """``start_tour`` of a browser test saves ``<tour_name>.png`` in
    test-output/screens, taken right before Odoo closes the browser."""
    test = request.instance
    if not isinstance(test, HttpCase):
        yield
        return
    start_tour = test.start_tour
    stop = ChromeBrowser.stop

    def start_tour_with_screenshot(url_path, tour_name, *args, **kwargs):
        def stop_after_screenshot(browser):
            save_last_screen(browser, SCREENSHOTS_DIR / f"{tour_name}.png")
            taps = read_tour_taps(browser)
            if taps is not None:
                test.tour_taps = {**getattr(test, "tour_taps", {}), tour_name: taps}
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
