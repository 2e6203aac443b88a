"""A page whose script busy-loops after load: every browser call the web channel makes
must still return.

`Page.evaluate` has no timeout of its own (Playwright's timers run in its driver, but an
evaluation waits for the renderer, which never comes back). The web channel evaluates
scripts to read the page (visible alerts, fields, a snapshot); each must have a
deadline. Proven in a child process, so a hang is bounded by the child's timeout and
cannot take this test session's browser with it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import serve_app

from .sites import FAULTS

CHILD_BOUND_S = 120
# The web channel opening the page, as the step "When I open the home page" does.
CHILD = textwrap.dedent("""
    import sys
    from playwright.sync_api import sync_playwright
    from journeys.run.browser import launch_options
    from journeys.effort.ledger import Ledger
    from journeys.shopper import make_persona

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(playwright.chromium.executable_path))
        page = browser.new_page()
        from journeys.shopper.web import WebChannel
        web = WebChannel(page, ledger=Ledger(), persona=make_persona(1, "a"), base_url=sys.argv[1], timeout_ms=2000)
        try:
            web.open("/")  # the page loads, then its script never lets the renderer go
        except Exception as error:
            print("ended:", type(error).__name__)
        else:
            print("ended")
    """)


@pytest.mark.browser
@pytest.mark.timeout(CHILD_BOUND_S * 2)
def test_reading_a_busy_looping_page_ends():
    with serve_app(FAULTS["busy-looping script"]("")) as url:
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, url],
                capture_output=True,
                text=True,
                timeout=CHILD_BOUND_S,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"reading a busy-looping page did not end within {CHILD_BOUND_S} s"
            )
    assert done.stdout.startswith("ended"), done.stderr[-2000:]
