"""pytest-playwright fixtures that journeys extends; registered after every entry-point
plugin so they take effect.

Each requests pytest-playwright's own fixture of the same name and adds to it, so
`--browser`, `--browser-channel`, `--headed`, `--slowmo`, `--device` and `--tracing`
keep working as pytest-playwright documents them. A walk's device (`device` in
[tool.journeys] or a profile) and its browser server (`[tool.journeys.browser] connect`)
come from the project.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeys.errors import JourneysError
from journeys.run.browser import (
    BrowserConfig,
    BrowserServerGone,
    connect_to_server,
    launch_options,
)

WALKS_KEY = pytest.StashKey[
    bool
]()  # this session walks journeys (collected scenarios from .feature files)
PROJECT_BROWSER_KEY = pytest.StashKey[
    tuple[str, BrowserConfig]
]()  # the project's device and browser section


def walked_device(config: pytest.Config, configured: str) -> str:
    """pytest-playwright's own --device wins (a pytest user typed it), else the
    project's.
    """
    return config.getoption("device", None) or configured


def _project_browser(config: pytest.Config) -> tuple[str, BrowserConfig]:
    return config.stash.get(PROJECT_BROWSER_KEY, ("", BrowserConfig()))


def browser_label(config: pytest.Config, browser: BrowserConfig) -> str:
    """What the run's record says walked: the browser name(s), and the server when it
    ran in one.
    """
    names = ", ".join(config.getoption("browser", None) or ["chromium"])
    return f"{names} at {browser.connect}" if browser.remote else names


@pytest.fixture(scope="session")
def device(device: str | None, pytestconfig: pytest.Config) -> str | None:
    """The Playwright device descriptor every context is made with (pytest-playwright
    applies it).
    """
    return walked_device(pytestconfig, _project_browser(pytestconfig)[0]) or None


@pytest.fixture(scope="session")
def browser(
    launch_browser: Any,
    browser_type: Any,
    browser_type_launch_args: dict[str, Any],
    pytestconfig: pytest.Config,
) -> Iterator[Any]:
    """pytest-playwright's browser, or one in the configured browser server, launched
    with the same options.
    """
    server = _project_browser(pytestconfig)[1]
    if not server.remote:
        opened = launch_browser()
    else:
        try:
            opened = connect_to_server(
                browser_type, server.connect, browser_type_launch_args
            )
        except JourneysError as error:
            pytest.exit(str(error), returncode=2)
    yield opened
    with contextlib.suppress(
        Exception
    ):  # a browser server gone mid-walk has nothing left to close
        opened.close()


@pytest.fixture(scope="session", autouse=True)
def _browser_server_answers(
    request: pytest.FixtureRequest, pytestconfig: pytest.Config
) -> None:
    """Connect before the first journey: a server that cannot open the browser stops the
    walk, not one journey at a time.
    """
    if _project_browser(pytestconfig)[1].remote and pytestconfig.stash.get(
        WALKS_KEY, False
    ):
        request.getfixturevalue("browser")


@pytest.fixture
def context(
    new_context: Any,
    browser: Any,
    pytestconfig: pytest.Config,
    request: pytest.FixtureRequest,
    output_path: str,
) -> Iterator[Any]:
    """A fresh context per journey; when the browser server has gone, the journey ends
    broken with one clear line.

    Its trace is recorded as `traces` says (journeys.run.traces takes the secrets out of
    a kept one).
    """
    server = _project_browser(pytestconfig)[1]
    with _server_gone_said(server, browser):
        opened = new_context()
    policy = _trace_policy(pytestconfig)
    if policy != "off":
        # DOM snapshots show the page at every action in the trace viewer; the
        # screencast (screenshots=True) added more still (8 journeys: 26.5 s with it,
        # 24.8 s without), and the journey's screenshots show its moments.
        opened.tracing.start(
            title=request.node.nodeid, snapshots=True, screenshots=False, sources=False
        )
    yield opened
    if policy != "off":
        _stop_trace(
            opened, Path(output_path), keep=policy == "on" or _failed(request.node)
        )


@pytest.fixture
def page(context: Any, browser: Any, pytestconfig: pytest.Config) -> Any:
    """The journey's tab, opened as pytest-playwright opens it; a browser server gone is
    said as for the context.
    """
    with _server_gone_said(_project_browser(pytestconfig)[1], browser):
        return context.new_page()


@contextlib.contextmanager
def _server_gone_said(server: BrowserConfig, browser: Any) -> Iterator[None]:
    """A browser server that has gone, as one clear line, not Playwright's "target
    closed".

    The client may not have heard the connection close yet (is_connected() still true):
    a closed target while opening a context or a tab in a remote browser means the same.
    """
    if server.remote and not browser.is_connected():
        raise BrowserServerGone(server.connect)
    try:
        yield
    except Exception as error:
        closed = (
            type(error).__name__ == "TargetClosedError"
        )  # Playwright's, not exported by its sync API
        if server.remote and (closed or not browser.is_connected()):
            raise BrowserServerGone(server.connect) from None
        raise


TRACES_KEY = pytest.StashKey[str]()  # the project's `traces` policy
TRACE_FILE = "trace.zip"


def _trace_policy(config: pytest.Config) -> str:
    """The project's policy; off when pytest-playwright records traces itself (`pytest
    --tracing on`).
    """
    if config.getoption("tracing", "off") != "off":
        return "off"
    return config.stash.get(TRACES_KEY, "off")


def _failed(item: pytest.Item) -> bool:
    """Whether the journey failed before its teardown (pytest-playwright notes each
    phase's report on the item).
    """
    call = getattr(item, "rep_call", None)
    if call is not None:
        return bool(call.failed)
    setup = getattr(item, "rep_setup", None)
    return (
        setup is None or not setup.skipped
    )  # no call: its set-up failed, or the walk was interrupted


def _stop_trace(context: Any, folder: Path, *, keep: bool) -> None:
    """Write the trace where pytest-playwright keeps a test's artifacts, or drop it; a
    browser gone keeps nothing.
    """
    from playwright.sync_api import Error as PlaywrightError

    try:
        if keep:
            folder.mkdir(parents=True, exist_ok=True)
            context.tracing.stop(path=folder / TRACE_FILE)
        else:
            context.tracing.stop()
    except PlaywrightError:
        # the browser (or its server) went away: the journey already says so; there is
        # no trace to save
        pass


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    browser_type: Any,
    pytestconfig: pytest.Config,
) -> dict[str, Any]:
    """pytest-playwright's launch options, with the system's Chromium (and the flags it
    needs as root) where Playwright's is missing.
    """
    if browser_type.name != "chromium":
        return browser_type_launch_args
    try:
        extra = launch_options(browser_type.executable_path)
    except JourneysError as error:
        if _project_browser(pytestconfig)[1].remote:
            # no Chromium here: the browser server launches its own
            return browser_type_launch_args
        pytest.exit(str(error), returncode=2)
    if (
        not extra
        or browser_type_launch_args.get("channel")
        or browser_type_launch_args.get("executable_path")
    ):
        return (
            browser_type_launch_args  # Playwright's own Chromium, or one the user chose
        )
    args = [*browser_type_launch_args.get("args", []), *extra.get("args", [])]
    return {**browser_type_launch_args, **extra, "args": args}


@pytest.fixture(scope="session")
def base_url(
    base_url: str | None, request: pytest.FixtureRequest, pytestconfig: pytest.Config
) -> str | None:
    """The walked site for journeys; other tests keep pytest-base-url's value (and start
    nothing).
    """
    if pytestconfig.stash.get(WALKS_KEY, False):
        return request.getfixturevalue("journeys_target").url
    return base_url
