"""A walk stopped by SIGTERM or Ctrl-C (SIGINT) keeps every journey that finished, in
effort.json and the history; the journey it stopped is `interrupted` and those it never
started are `not walked`: neither is `broken` nor `abandoned`, and neither counts in a
score.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.conftest import serve_app

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")
FINISHES = """@use
Feature: Look at the shop
  Scenario: See the shop
    Given I am a first-time customer
    When I open the home page
    Then I should see "Shop"
"""
NEVER_ENDS = """@use
Feature: Read the busy page
  Scenario: Open the busy page
    Given I am a first-time customer
    When I open the page "/busy"
    Then I should see "Done"
"""


LATER = """@use
Feature: Look again
  Scenario: See the shop again
    Given I am a first-time customer
    When I open the home page
    Then I should see "Shop"
"""


def _site(busy_opened: threading.Event, opened: list[str] | None = None) -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return HTMLResponse("<!doctype html><title>Shop</title><h1>Shop</h1>")

    async def busy(request):  # noqa: ANN001, ANN202
        if opened is not None:
            opened.append(request.url.path)
        # the second journey is walking: its browser asked for the page
        busy_opened.set()
        return HTMLResponse(
            "<!doctype"
            " html><title>Busy</title><h1>Busy</h1><script>addEventListener('load', ()"
            " => setTimeout(() => { for (;;) {} }, 0))</script>"
        )

    return Starlette(routes=[Route("/", home), Route("/busy", busy)])


def _wait_for(condition, what: str, timeout_s: float = 120) -> None:  # noqa: ANN001
    """Workers write their journeys as they finish, not in order: wait (bounded) for
    what must come.
    """
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"not seen within {timeout_s:g} s: {what}"
        time.sleep(0.1)


def _finished_journeys(reports: Path) -> int:
    from journeys.run.results import load_results

    return sum(
        1
        for run in reports.glob(".walk/*")
        for r in load_results(reports, run.name)
        if "interrupted" not in r.error
    )


# A teardown that fails once the walk is stopped, as a browser context's close did now
# and then after Ctrl-C (Playwright's tracing stop raised): pytest tears down the
# interrupted journey's fixtures in its own sessionfinish, and an error there ends that
# hook.
TEARDOWN_FAILS_AFTER_STOP = """
import pytest

STOPPED = []


def pytest_keyboard_interrupt(excinfo):
    STOPPED.append(excinfo.typename)


@pytest.fixture(autouse=True)
def _closing_fails_once_stopped():
    yield
    if STOPPED:
        raise RuntimeError("the browser context would not close")
"""


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("stop", "workers", "whole_group", "teardown_fails"),
    [
        pytest.param(signal.SIGTERM, 0, False, False, id="SIGTERM"),
        pytest.param(signal.SIGINT, 0, False, False, id="SIGINT"),
        pytest.param(signal.SIGINT, 0, False, True, id="SIGINT, then a teardown fails"),
        # With parallel browsers: a CI job's stop (SIGTERM to journeys), and Ctrl-C at a
        # terminal (SIGINT to every process).
        pytest.param(signal.SIGTERM, 2, False, False, id="SIGTERM with 2 workers"),
        pytest.param(signal.SIGINT, 2, True, False, id="Ctrl-C with 2 workers"),
        pytest.param(
            signal.SIGINT,
            2,
            True,
            True,
            id="Ctrl-C with 2 workers, then a teardown fails",
        ),
    ],
)
def test_a_stopped_walk_records_what_finished_interrupted_and_not_walked(
    tmp_path, stop, workers, whole_group, teardown_fails
):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    if teardown_fails:
        conftest = project / "conftest.py"
        conftest.write_text(
            conftest.read_text(encoding="utf-8") + TEARDOWN_FAILS_AFTER_STOP,
            encoding="utf-8",
        )
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text(
        "[tool.journeys]\njourney_timeout_s = 900\n", encoding="utf-8"
    )
    (project / "features").mkdir()
    (project / "features" / "a_finishes.feature").write_text(FINISHES, encoding="utf-8")
    # Every browser is held by a busy page, so the last journey never starts.
    for name in ("b_never_ends", "c_never_ends")[: max(workers, 1)]:
        (project / "features" / f"{name}.feature").write_text(
            NEVER_ENDS.replace("Open the busy page", f"Open the busy page {name[0]}"),
            encoding="utf-8",
        )
    (project / "features" / "d_later.feature").write_text(LATER, encoding="utf-8")
    reports = project / "reports"
    opened: list[str] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    busy_opened = threading.Event()
    with serve_app(_site(busy_opened, opened)) as url:
        walk = subprocess.Popen(
            [str(JOURNEYS), "walk", "--target", url, "-n", str(workers)],
            cwd=project,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert busy_opened.wait(timeout=300), "the second journey never opened its page"
        _wait_for(lambda: len(opened) >= max(workers, 1), "every browser is busy")
        _wait_for(
            lambda: _finished_journeys(reports) == 1, "the first journey is recorded"
        )
        assert walk.poll() is None, "the second journey is still walking"
        if whole_group:
            os.killpg(walk.pid, stop)
        else:
            walk.send_signal(stop)
        output = walk.communicate(timeout=300)[0]
    assert "Traceback" not in output, output
    assert (reports / "effort.json").is_file(), output
    journeys = {
        j["scenario"]: j
        for j in json.loads((reports / "effort.json").read_text(encoding="utf-8"))[
            "journeys"
        ]
    }
    busy = [name for name in journeys if name.startswith("Open the busy page")]
    assert len(busy) == max(workers, 1), output
    assert journeys["See the shop"]["outcome"] == "completed"
    for name in busy:
        assert journeys[name]["outcome"] == "interrupted", (name, output)
        assert journeys[name]["error"].startswith("interrupted"), journeys[name]
    assert journeys["See the shop again"]["outcome"] == "not walked", output
    assert "broken" not in output and "abandoned" not in output, output
    # Only the finished journey is scored: the stop is no finding.
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    assert [
        j["scenario"] for j in effort["journeys"] if j["outcome"] == "completed"
    ] == ["See the shop"]
    assert "interrupted" in output and "not walked" in output, output
    from journeys.report.history import open_history

    with open_history(f"sqlite:///{reports / 'history.sqlite'}") as history:
        assert history.count_runs() == 1


# walk_timeout_s's own walk (a journey still walking at the deadline is interrupted, the
# rest not walked): tests/hostile/test_walk_deadline.py.
