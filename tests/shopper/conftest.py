"""The web channel on a test module's own fault site, in the suite's Chromium.

A module that takes this `web` defines a `shop` fixture yielding its site's
URL (`tests.faults.navigation_sites.site(ROUTES)`) and may set `TIMEOUT_MS`,
the customer's patience there. Modules with a site of another kind define
their own `web`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.shopper.web import WebChannel


@pytest.fixture
def web(request, page, shop):
    module = request.module
    yield WebChannel(
        page,
        ledger=Ledger(),
        persona=make_persona(1, module.__name__.rsplit(".", 1)[-1]),
        base_url=shop,
        timeout_ms=getattr(module, "TIMEOUT_MS", 5000),
    )
    # Stop a page that reloads itself before pytest-playwright closes the context around
    # it.
    try:
        page.goto("about:blank", timeout=5000)
    except PlaywrightError:
        pass  # the context is closed next all the same
