"""A walk stopped by SIGTERM or Ctrl-C (SIGINT) keeps every journey that finished, in effort.json and the
history, and the journey it interrupted is `broken` ("interrupted"), never `completed`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
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


def _site(busy_opened: threading.Event) -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return HTMLResponse("<!doctype html><title>Shop</title><h1>Shop</h1>")

    async def busy(request):  # noqa: ANN001, ANN202
        busy_opened.set()  # the second journey is walking: its browser asked for the page
        return HTMLResponse("<!doctype html><title>Busy</title><h1>Busy</h1><script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 0))</script>")

    return Starlette(routes=[Route("/", home), Route("/busy", busy)])


def _finished_journeys(reports: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8").splitlines()) for f in reports.glob(".walk/*/*.jsonl"))


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_walk_records_what_finished_and_breaks_what_it_interrupted(tmp_path, stop):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text("[tool.journeys]\njourney_timeout_s = 900\n", encoding="utf-8")
    (project / "features").mkdir()
    (project / "features" / "a_finishes.feature").write_text(FINISHES, encoding="utf-8")
    (project / "features" / "b_never_ends.feature").write_text(NEVER_ENDS, encoding="utf-8")
    reports = project / "reports"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    busy_opened = threading.Event()
    with serve_app(_site(busy_opened)) as url:
        walk = subprocess.Popen([str(JOURNEYS), "walk", "--target", url], cwd=project, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert busy_opened.wait(timeout=300), "the second journey never opened its page"
        assert _finished_journeys(reports) == 1 and walk.poll() is None, "the first journey is recorded, the second still walking"
        walk.send_signal(stop)
        output = walk.communicate(timeout=300)[0]
    assert "Traceback" not in output, output
    journeys = {j["scenario"]: j for j in json.loads((reports / "effort.json").read_text(encoding="utf-8"))["journeys"]}
    assert journeys["See the shop"]["outcome"] == "completed"
    assert journeys["Open the busy page"]["outcome"] == "broken"
    assert "interrupted" in journeys["Open the busy page"]["error"]
    from journeys.report.history import open_history

    with open_history(f"sqlite:///{reports / 'history.sqlite'}") as history:
        assert history.count_runs() == 1


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_a_walk_past_walk_timeout_s_ends_and_records_the_journey_it_stopped(tmp_path):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    # The busy page never lets its journey end; only the walk's deadline does.
    (project / "pyproject.toml").write_text("[tool.journeys]\njourney_timeout_s = 900\nwalk_timeout_s = 1\n", encoding="utf-8")
    (project / "features").mkdir()
    (project / "features" / "never_ends.feature").write_text(NEVER_ENDS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    with serve_app(_site(threading.Event())) as url:
        done = subprocess.run([str(JOURNEYS), "walk", "--target", url], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    journeys = json.loads((project / "reports" / "effort.json").read_text(encoding="utf-8"))["journeys"]
    assert [(j["outcome"], "interrupted" in j["error"]) for j in journeys] == [("broken", True)]
