"""pytest-playwright fixtures that journeys extends; registered after every entry-point plugin so they take effect.

Each requests pytest-playwright's own fixture of the same name and adds to it,
so `--browser`, `--browser-channel`, `--headed`, `--slowmo` and `--tracing`
keep working as pytest-playwright documents them.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser import launch_options
from .errors import JourneysError

WALKS_KEY = pytest.StashKey[bool]()  # this session walks journeys (collected scenarios from .feature files)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_type: Any) -> dict[str, Any]:
    """pytest-playwright's launch options, with the system's Chromium (and the flags it needs as root) where Playwright's is missing."""
    if browser_type.name != "chromium":
        return browser_type_launch_args
    try:
        extra = launch_options(browser_type.executable_path)
    except JourneysError as error:
        pytest.exit(str(error), returncode=2)
    if not extra or browser_type_launch_args.get("channel") or browser_type_launch_args.get("executable_path"):
        return browser_type_launch_args  # Playwright's own Chromium, or one the user chose
    args = [*browser_type_launch_args.get("args", []), *extra.get("args", [])]
    return {**browser_type_launch_args, **extra, "args": args}


@pytest.fixture(scope="session")
def base_url(base_url: str | None, request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> str | None:
    """The walked site for journeys; other tests keep pytest-base-url's value (and start nothing)."""
    if pytestconfig.stash.get(WALKS_KEY, False):
        return request.getfixturevalue("journeys_target").url
    return base_url
