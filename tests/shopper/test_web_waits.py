"""A page's wait is the site's time: its answer and the requests that held its first
render, by the browser's clock.

The renderer's own time is not the site's: on a runner with four browsers on two cores a
first page can take seconds to lay out, and that measures the runner. What the site took
is read from the browser's resource timing.
"""

from __future__ import annotations

import time

import pytest

from journeys.effort.detect import find_waits
from journeys.effort.events import PageOpened
from journeys.effort.model import EffortModel
from tests.faults.navigation_sites import _Handler, site

TIMEOUT_MS = 8000  # the customer's patience: past the planted slowness
SLOW_S = 3.2  # the planted slowness: past the 3 s a page may take
BUSY_MS = (
    3500  # the page's own script, kept busy in the renderer: not the site's answer
)


def _slow_stylesheet(h: _Handler) -> None:
    time.sleep(
        SLOW_S
    )  # the site's server is slow: the pothole itself, not a wait in the test
    h.send_response(200)
    h.send_header("Content-Type", "text/css")
    h.send_header("Content-Length", "0")
    h.end_headers()


ROUTES = {
    "/slow-style": lambda h: h.page(
        "<title>Slow</title><h1>Slow</h1>",
        head="<link rel='stylesheet' href='/style.css'>",
    ),
    "/style.css": _slow_stylesheet,
    "/busy": lambda h: h.page(
        "<title>Busy</title><h1>Busy</h1><script>const end = performance.now() +"
        f" {BUSY_MS}; while (performance.now() < end) {{}}</script>"
    ),
}


@pytest.fixture(scope="module")
def shop():
    with site(ROUTES) as url:
        yield url


def test_a_slow_render_blocking_request_is_the_sites_wait(web):
    web.open("/slow-style")
    (opened,) = [e for e in web.ledger.events if isinstance(e, PageOpened)]
    assert opened.load_ms >= SLOW_S * 1000
    assert [f.kind for f in find_waits(web.ledger.events)] == ["wait"]


def test_the_renderers_own_time_is_not_the_sites_wait(web):
    web.open("/busy")
    (opened,) = [e for e in web.ledger.events if isinstance(e, PageOpened)]
    assert opened.load_ms < BUSY_MS
    assert find_waits(web.ledger.events, EffortModel()) == []
