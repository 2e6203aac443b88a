"""The two chat front ends, started on 127.0.0.1 for the walks: Panel's server, and
deep-chat's page and bot.

Without the `chatui` extra (Panel) or the npm packages (deep-chat), its walks are
skipped with one reason each.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import serve_app

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
STARTUP_S = 60.0
collect_ignore_glob = ["*/features/*", "*/reports/*"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def panel_chat() -> Iterator[str]:
    if importlib.util.find_spec("panel") is None:
        pytest.skip(
            "the chatui extra is not installed (no panel): run .venv/bin/pip install -e"
            " '.[test,chatui]'"
        )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.chatui.panel_app", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while (
            True
        ):  # the server is up when it answers; it prints nothing a test could wait on
            try:
                if httpx.get(f"{url}/smooth", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"Panel's server did not start on {url} (exit {server.poll()})"
                )
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def deepchat_chat() -> Iterator[str]:
    from tests.chatui.deepchat_app import BUNDLE, app

    if not BUNDLE.is_file():
        pytest.skip(f"deep-chat is not installed ({BUNDLE} is missing): run npm ci")
    with serve_app(app()) as url:
        yield url


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """The figure line of each walk, e.g. "panel friction: broken 0 of 6 journeys,
    planted found 6/6", also from xdist workers.
    """
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None:
        return
    for path in sorted(factory.getbasetemp().glob("**/chatui-figures/*.txt")):
        terminalreporter.write_line(path.read_text().strip())
