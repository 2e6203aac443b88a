"""walk_timeout_s bounds the whole of `journeys walk`: the probe of a home page that
trickles a byte every 2 s, and a journey still walking when the deadline comes. On the
deadline the run stops, the journey in flight is interrupted, the rest are not walked,
and the reports of what finished are written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .site import serve

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")
# Forty pages of 4 s each: a journey still walking when the walk's deadline comes.
SLOW = (
    "@use\nFeature: Read the slow pages\n  Scenario: Open the slow pages\n"
    "    Given I am a first-time customer\n"
    + '    When I open the page "/slow"\n' * 40
    + '    Then I should see "Slow"\n'
)
LATER = """@use
Feature: Look at the shop
  Scenario: See the shop
    Given I am a first-time customer
    When I open the home page
    Then I should see "Shop"
"""


def _project(tmp_path: Path, walk_timeout_s: int, features: dict[str, str]) -> Path:
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text(
        "[tool.journeys]\njourney_timeout_s = 900\nwalk_timeout_s ="
        f" {walk_timeout_s}\n",
        encoding="utf-8",
    )
    (project / "features").mkdir()
    for name, text in features.items():
        (project / "features" / f"{name}.feature").write_text(text, encoding="utf-8")
    return project


def _walk(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    return subprocess.run(
        [str(JOURNEYS), "walk", "--target", target],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a hang fails the test; the walk's own bound is what it checks
    )


def test_a_trickling_home_page_is_given_up_within_walk_timeout_s(tmp_path):
    project = _project(tmp_path, 3, {"later": LATER})
    with serve() as url:
        done = _walk(project, f"{url}/trickle")
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert "Traceback" not in said
    # The probe's own deadline is 15 s: what is left of the walk's, shorter, bounds it.
    waited = re.search(r"no answer within ([0-9.]+) s", said)
    assert waited is not None and float(waited.group(1)) <= 3, said
    assert not (project / "reports" / "effort.json").exists()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_past_walk_timeout_s_the_journey_in_flight_is_interrupted_the_rest_not_walked(
    tmp_path,
):
    # Long enough for a loaded machine to start the browser; the slow pages outlast it.
    project = _project(tmp_path, 60, {"a_slow": SLOW, "b_later": LATER})
    with serve() as url:
        done = _walk(project, url)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert done.returncode in (1, 2), said
    effort = project / "reports" / "effort.json"
    assert effort.is_file(), said
    journeys = {
        j["scenario"]: j
        for j in json.loads(effort.read_text(encoding="utf-8"))["journeys"]
    }
    assert journeys["Open the slow pages"]["outcome"] == "interrupted", said
    assert "walk_timeout_s" in journeys["Open the slow pages"]["error"]
    assert journeys["See the shop"]["outcome"] == "not walked", said
    assert (project / "reports" / "effort" / "index.html").is_file()
    page = (project / "reports" / "effort" / "index.html").read_text(encoding="utf-8")
    assert "Stopped with the walk" in page and "not walked" in page
