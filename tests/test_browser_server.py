"""Walking in a real Playwright browser server (`playwright run-server` on 127.0.0.1),
as a CI runner uses a grid.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeys.errors import ConfigError
from journeys.project.sections import load_project
from journeys.run.browser import BrowserConfig, browser_config, server_launch_options

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


class BrowserServer:
    """`playwright run-server` on a free loopback port; `--unsafe` lets it launch the
    client's Chromium (the system's here).
    """

    def __init__(self, *, unsafe: bool = True) -> None:
        command = [
            sys.executable,
            "-m",
            "playwright",
            "run-server",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
        ]
        self.process = subprocess.Popen(
            [*command, *(["--unsafe"] if unsafe else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        line = (
            self.process.stdout.readline().strip()
        )  # "Listening on ws://127.0.0.1:PORT/"
        assert line.startswith("Listening on ws://"), line
        self.url = line.removeprefix("Listening on ")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(
                self.process.pid, signal.SIGKILL
            )  # the server and the browsers it launched
            self.process.wait(timeout=30)


@pytest.fixture
def browser_server() -> Iterator[BrowserServer]:
    server = BrowserServer()
    yield server
    server.stop()


def walk(reports: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*JOURNEYS, "walk", "--demo", "smooth", "--reports", str(reports), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "JOURNEYS_COMMIT": "test"},
        **popen,
    )


def test_the_launch_options_reach_the_server_by_its_names() -> None:
    options = server_launch_options(
        {
            "executable_path": "/usr/bin/chromium",
            "args": ["--disable-gpu"],
            "headless": True,
            "slow_mo": None,
        }
    )
    assert options == {
        "executablePath": "/usr/bin/chromium",
        "args": ["--disable-gpu"],
        "headless": True,
    }


def test_a_browser_server_comes_from_the_table_a_profile_or_the_command_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.journeys.browser]\nconnect ="
        ' "ws://grid:3000/"\n[tool.journeys.profiles.staging]\nbase_url ='
        ' "http://127.0.0.1:9"\n[tool.journeys.profiles.staging.browser]\nconnect ='
        ' "wss://grid.example:443/"\n[tool.journeys.profiles.local]\nbase_url ='
        ' "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    assert load_project(tmp_path, environ={}).browser == BrowserConfig(
        "ws://grid:3000/"
    )
    assert load_project(
        tmp_path, environ={}, profile="staging"
    ).browser == BrowserConfig("wss://grid.example:443/")
    assert load_project(tmp_path, environ={}, profile="local").browser == BrowserConfig(
        "ws://grid:3000/"
    )
    assert (
        load_project(
            tmp_path, environ={}, browser_server="ws://127.0.0.1:5/"
        ).browser.connect
        == "ws://127.0.0.1:5/"
    )
    with pytest.raises(
        ConfigError,
        match=(
            r"tool.journeys.profiles.x.browser.connect: 'grid:3000' is not a ws:// or"
            r" wss:// URL"
        ),
    ):
        browser_config({"connect": "grid:3000"}, key="tool.journeys.profiles.x.browser")


def test_the_demo_is_walked_in_the_browser_server(
    tmp_path: Path, browser_server: BrowserServer
) -> None:
    reports = tmp_path / "reports"
    done = walk(reports, "--browser-server", browser_server.url, "-n", "2")
    stdout, stderr = done.communicate(timeout=600)
    assert done.returncode == 0, stdout + stderr
    assert f"in the browser server at {browser_server.url}" in stdout.splitlines()[0]
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    assert effort["run"]["browser"] == f"chromium at {browser_server.url}"
    assert len(effort["journeys"]) >= 4

    # Any friction the site is charged for is a walk the server changed.
    def charged(journey: dict) -> list[str]:
        return [f["kind"] for f in journey["frictions"]]

    rough = [
        (j["scenario"], j["outcome"], j.get("error"), charged(j))
        for j in effort["journeys"]
        if j["outcome"] != "completed" or charged(j)
    ]
    assert not rough, rough


def test_a_server_that_cannot_launch_the_browser_asked_for_is_one_line(
    tmp_path: Path,
) -> None:
    # Without --unsafe the server drops the client's executablePath and looks for a
    # browser of its own.
    server = BrowserServer(unsafe=False)
    try:
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "from playwright.sync_api import sync_playwright\nwith"
                    " sync_playwright() as p: import os;"
                    " print(os.path.exists(p.chromium.executable_path))"
                ),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if probe.stdout.strip() == "True":
            pytest.skip(
                "Playwright's own Chromium is installed: a safe server launches it"
            )
        done = walk(tmp_path / "reports", "--browser-server", server.url)
        stdout, stderr = done.communicate(timeout=300)
    finally:
        server.stop()
    assert done.returncode == 2, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert (
        f"browser server {server.url} did not open a browser (" in stdout
    )  # pytest's exit line, before any journey
    assert "journeys: the walk could not start" in stderr
    assert not (tmp_path / "reports" / "effort.json").exists()


def _finished(reports: Path) -> bool:
    """A journey ended (each is kept from its start as interrupted, until it ends)."""
    from journeys.run.results import load_results

    return any(
        "interrupted" not in r.error
        for run in reports.glob(".walk/*")
        for r in load_results(reports, run.name)
    )


def test_a_server_gone_mid_walk_keeps_the_journeys_walked_and_breaks_the_rest(
    tmp_path: Path, browser_server: BrowserServer
) -> None:
    reports = tmp_path / "reports"
    done = walk(
        reports, "--browser-server", browser_server.url
    )  # one process: the journeys come one after another
    deadline = time.monotonic() + 300
    while not _finished(reports):  # the first journey is kept
        assert done.poll() is None and time.monotonic() < deadline, done.communicate()
        time.sleep(0.05)
    browser_server.stop()
    stdout, stderr = done.communicate(timeout=300)
    assert done.returncode == 1, stdout + stderr
    assert "Traceback" not in stdout + stderr
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    outcomes = [j["outcome"] for j in effort["journeys"]]
    gone = [
        j
        for j in effort["journeys"]
        if j["outcome"] == "broken"
        and j["error"].startswith("BrowserServerGone: browser server gone")
    ]
    assert "completed" in outcomes and gone, [
        (j["outcome"], j["error"]) for j in effort["journeys"]
    ]
    assert (
        outcomes.count("completed") + len(gone) >= len(outcomes) - 1
    )  # one journey may be cut mid-step
    lines = [line for line in stderr.splitlines() if "went away" in line]
    assert lines == [
        f"journeys: the browser server {browser_server.url} went away during the walk:"
        f" {len(gone)} journey(s) after it are broken, the {len(outcomes) - len(gone)}"
        " walked before it are kept"
    ]
