"""The browser a walk uses: which Chromium to launch (Playwright's own, else the
system's), a browser server to connect to, a device to be.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeys.errors import ConfigError, JourneysError, did_you_mean
from journeys.project.config import url_problem

# Chromium as root in a container needs no GPU; QUIC probes the closed network for
# nothing.
SYSTEM_CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic"]
SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def system_chromium() -> str | None:
    configured = os.environ.get("JOURNEYS_CHROMIUM")
    if configured:
        return configured
    for name in SYSTEM_CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_options(playwright_executable: str | None) -> dict:
    """Launch options for chromium: Playwright's own build when present, the system's
    otherwise.
    """
    if (
        playwright_executable
        and Path(playwright_executable).exists()
        and not os.environ.get("JOURNEYS_CHROMIUM")
    ):
        return {}
    system = system_chromium()
    if system is None:
        raise JourneysError(
            "no Chromium found: Playwright's own is not installed and there is no"
            " system chromium\n  fix: run `./dev setup` (or `playwright install"
            " chromium`, or `apt-get install chromium`)"
        )
    return {"executable_path": system, "args": list(SYSTEM_CHROMIUM_ARGS)}


@dataclass(frozen=True)
class BrowserConfig:
    """`[tool.journeys.browser]`: where the browser runs. `connect` is a Playwright
    browser server (`playwright run-server`).
    """

    connect: str = ""

    @property
    def remote(self) -> bool:
        return bool(self.connect)


BROWSER_KEYS = ("connect",)


def browser_config(
    table: dict[str, Any], *, key: str = "tool.journeys.browser"
) -> BrowserConfig:
    for name in table:
        if name not in BROWSER_KEYS:
            raise ConfigError(
                f"{key}.{name}",
                "is not a browser setting",
                did_you_mean(name, BROWSER_KEYS, otherwise="browser settings"),
            )
    connect = table.get("connect", "")
    if not isinstance(connect, str):
        raise ConfigError(
            f"{key}.connect",
            f"must be text, not {connect!r}",
            'write connect = "ws://host:port/"',
        )
    problem = server_url_problem(connect) if connect else ""
    if problem:
        raise ConfigError(
            f"{key}.connect",
            f"{connect!r} {problem}",
            'write connect = "ws://host:port/"',
        )
    return BrowserConfig(connect=connect)


def server_url_problem(url: str) -> str:
    """Why `url` is not a browser server's address ("is not a ws:// or wss:// URL"), or
    "".
    """
    return url_problem(url, ("ws", "wss"), "a ws:// or wss:// URL")


@functools.lru_cache(maxsize=1)
@functools.cache
def device_names() -> tuple[str, ...]:
    """Playwright's device descriptors, by name. They live in its driver, so this starts
    it once (about half a second).

    Playwright's sync API refuses to start where an event loop runs (a pytest session
    whose browser is already up): there it starts in a thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _read_device_names()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_read_device_names).result()


def _read_device_names() -> tuple[str, ...]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return tuple(playwright.devices)


def device_problem(name: str) -> tuple[str, str]:
    """(problem, fix) when `name` is not one of Playwright's devices, else ("", "")."""
    names = device_names()
    if name in names:
        return "", ""
    fix = did_you_mean(name, names, otherwise="")
    if not fix.startswith(
        "did you mean"
    ):  # the whole list is 200 names: a few examples say what a name looks like
        fix = (
            "use a Playwright device name, e.g. 'iPhone 13', 'Pixel 7', 'iPad Mini' or"
            " 'Desktop Chrome'"
        )
    return "is not a Playwright device", fix


class BrowserServerGone(JourneysError):
    """The browser server stopped answering during the walk: the journeys left are
    broken, not the site's fault.
    """

    def __init__(self, url: str) -> None:
        super().__init__(f"browser server gone ({url})")


# Python's launch option names, as the browser server reads them (JSON from its
# JavaScript client's options).
_SERVER_OPTION_NAMES = {
    "executable_path": "executablePath",
    "slow_mo": "slowMo",
    "chromium_sandbox": "chromiumSandbox",
}


def server_launch_options(launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch options for `x-playwright-launch-options`: camelCase, as `playwright
    run-server` parses them.

    A server started with `--unsafe` honours `executablePath` and `args` (the system
    Chromium, its flags); any other server drops them and launches its own browser.
    """
    return {
        _SERVER_OPTION_NAMES.get(name, name): value
        for name, value in launch_args.items()
        if value is not None
    }


def connect_to_server(
    browser_type: Any,
    url: str,
    launch_args: dict[str, Any],
    *,
    timeout_ms: float = 30_000,
) -> Any:
    """A browser in the Playwright browser server at `url`; a server that does not
    answer is a JourneysError.
    """
    import json

    from playwright.sync_api import Error as PlaywrightError

    headers = {
        "x-playwright-launch-options": json.dumps(server_launch_options(launch_args))
    }
    try:
        return browser_type.connect(url, headers=headers, timeout=timeout_ms)
    except PlaywrightError as error:
        reason = (
            str(error).strip().splitlines()[0]
            if str(error).strip()
            else type(error).__name__
        )
        raise JourneysError(
            f"browser server {url} did not open a browser ({reason})\n  fix: start it"
            " (`playwright run-server --port PORT`), or correct"
            " [tool.journeys.browser] connect / --browser-server"
        ) from None


def check_server_reachable(url: str) -> None:
    """Before the walk: a browser server that is not there is one line, not a walk of
    broken journeys.
    """
    import httpx

    probe = (
        "http" + url[2:]
    )  # ws://host:port/path -> http://host:port/path (the server answers plain GETs)
    try:
        httpx.get(probe, timeout=10.0)
    except httpx.HTTPError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise JourneysError(
            f"browser server {url} is unreachable ({reason})\n  fix: start it"
            " (`playwright run-server --port PORT`), or correct"
            " [tool.journeys.browser] connect / --browser-server"
        ) from None
