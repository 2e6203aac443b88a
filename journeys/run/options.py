"""The `--journeys-*` options pytest takes (the `journeys walk` command passes its own
through them).
"""

from __future__ import annotations

import pytest

from journeys.project.config import TRACE_POLICIES


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("journeys", "journeys: walk customer journeys")
    group.addoption(
        "--journeys-profile",
        metavar="NAME",
        help="walk this named target ([tool.journeys.profiles.NAME])",
    )
    group.addoption(
        "--journeys-target",
        metavar="URL",
        help="site to walk (default: the profile's base_url, or the bundled demo shop)",
    )
    group.addoption(
        "--journeys-demo",
        choices=("smooth", "potholed"),
        help="walk the bundled demo shop in this mode",
    )
    group.addoption(
        "--journeys-reports", metavar="DIR", help="where reports go (default: reports/)"
    )
    group.addoption("--journeys-seed", type=int, help="run seed for personas")
    group.addoption(
        "--journeys-screenshots",
        choices=("friction", "every-step", "off"),
        help="screenshot policy",
    )
    group.addoption(
        "--journeys-traces",
        choices=TRACE_POLICIES,
        help="keep a journey's Playwright trace: on-failure, on or off",
    )
    group.addoption(
        "--journeys-run-id",
        metavar="ID",
        help="id of this walk in the history (default: new)",
    )
    group.addoption(
        "--journeys-device",
        metavar="NAME",
        help='walk as this Playwright device ("iPhone 13")',
    )
    group.addoption(
        "--journeys-hands",
        choices=("mouse", "keyboard"),
        help="how the customer works the site: mouse (default) or keyboard alone",
    )
    group.addoption(
        "--journeys-browser-server",
        metavar="URL",
        help="walk in a Playwright browser server (ws://...)",
    )
