"""pytest-playwright fixtures that journeys overrides; registered after every entry-point plugin so they win."""

from __future__ import annotations

from typing import Any

import pytest

from .browser import launch_options
from .errors import JourneysError

WALKS_KEY = pytest.StashKey[bool]()  # this session walks journeys (collected scenarios from .feature files)


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig: pytest.Config, browser_type: Any) -> dict[str, Any]:
    """Playwright's own Chromium where installed, else the system's (with the flags it needs as root)."""
    options: dict[str, Any] = {}
    if pytestconfig.getoption("--headed", default=False):
        options["headless"] = False
    slow_mo = pytestconfig.getoption("--slowmo", default=0)
    if slow_mo:
        options["slow_mo"] = slow_mo
    try:
        options.update(launch_options(browser_type.executable_path))
    except JourneysError as error:
        pytest.exit(str(error), returncode=2)
    return options


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> str | None:
    """The walked site for journeys; plain tests keep pytest-base-url's value (and start nothing)."""
    if pytestconfig.stash.get(WALKS_KEY, False):
        return request.getfixturevalue("journeys_target")
    return pytestconfig.getoption("base_url", None) or None
