"""Sites that fail the way real sites fail: every walk ends, every journey is recorded,
and the fault counts.

Each fault (tests/faults/sites.py) is walked as a user would (`journeys walk --target`),
once, in a throwaway project with short deadlines; the walks run side by side and each
test reads its outcome. Bounded: a walk that does not end within WALK_BOUND_S is
reported as hung, never waited on forever.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import serve_app

from .navigation_sites import NAVIGATION_FAULTS
from .sites import ELSEWHERE, FAULTS

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")
WALK_BOUND_S = 420
FEATURE = """@use
Feature: Get help
  Scenario: Find the help page
    Given I am a first-time customer
    When I open the home page
    And I click "Help"
    Then I should see "How can we help"
"""
OPENED_DIRECTLY = FEATURE.replace(
    'When I open the home page\n    And I click "Help"', 'When I open the page "/help"'
)
ALL_FAULTS = [*FAULTS, *NAVIGATION_FAULTS]
# What the one friction says, for the faults where the browser's own error or the
# refused link is the evidence.
EVIDENCE = {
    "dead after the first page": r"net::ERR_CONNECTION_REFUSED",
    "redirect loop": r"net::ERR_TOO_MANY_REDIRECTS",
    "meta-refresh loop": r"sending the browser on by itself",
    "script redirect loop": r"sending the browser on by itself",
    "connection reset": r"net::ERR_(CONNECTION_RESET|EMPTY_RESPONSE)",
    "site dies mid-walk": r"net::ERR_CONNECTION_(REFUSED|RESET)",
    "file: link": r"leads to file:///etc/passwd, which a browser does not open",
    "data: link": r"leads to data:text/html…, which a browser does not open",
    "redirect loop, opened directly": r"net::ERR_TOO_MANY_REDIRECTS",
    "meta-refresh loop, opened directly": r"sending the browser on by itself",
    "connection reset, opened directly": r"net::ERR_(CONNECTION_RESET|EMPTY_RESPONSE)",
    "site gone after the check, opened directly": (
        r"net::ERR_CONNECTION_(REFUSED|RESET)"
    ),
}
# Short deadlines, as a nightly job on a flaky site would set them.
CONFIG = "timeout_ms = 3000\njourney_timeout_s = 60\n"
SITE_OR_HARNESS = pytest.mark.xfail(strict=True, reason="site-or-harness rule")


@dataclass(frozen=True)
class Walked:
    hung: bool
    returncode: int
    output: str
    journeys: list[dict]


def _walk(fault: str, project: Path) -> Walked:
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text(
        f"[tool.journeys]\n{CONFIG}", encoding="utf-8"
    )
    (project / "features").mkdir()
    feature = OPENED_DIRECTLY if fault.endswith("opened directly") else FEATURE
    (project / "features" / "help.feature").write_text(feature, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    with contextlib.ExitStack() as stack:
        elsewhere = (
            stack.enter_context(ELSEWHERE[fault]()) if fault in ELSEWHERE else ""
        )
        if fault in NAVIGATION_FAULTS:
            url = stack.enter_context(NAVIGATION_FAULTS[fault]())
        else:
            url = stack.enter_context(serve_app(FAULTS[fault](elsewhere)))
        try:
            done = subprocess.run(
                [str(JOURNEYS), "walk", "--target", url],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
                timeout=WALK_BOUND_S,
            )
        except subprocess.TimeoutExpired as expired:
            return Walked(True, -1, str(expired.stdout or ""), [])
    effort = project / "reports" / "effort.json"
    journeys = (
        json.loads(effort.read_text(encoding="utf-8"))["journeys"]
        if effort.is_file()
        else []
    )
    return Walked(False, done.returncode, done.stdout + done.stderr, journeys)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Walked]:
    projects = {fault: tmp_path_factory.mktemp("faulty") for fault in ALL_FAULTS}
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            fault: pool.submit(_walk, fault, projects[fault]) for fault in ALL_FAULTS
        }
        return {fault: future.result() for fault, future in futures.items()}


@pytest.mark.browser
@pytest.mark.timeout(WALK_BOUND_S * 3)
@pytest.mark.parametrize("fault", ALL_FAULTS)
def test_the_walk_ends_and_the_journey_is_recorded(
    fault: str, walked: dict[str, Walked]
) -> None:
    result = walked[fault]
    assert not result.hung, f"the walk of a site with a {fault} did not end"
    assert "Traceback" not in result.output
    assert result.returncode == 1, (
        result.output
    )  # a journey that did not get there: a finding, not a usage error
    assert [j["scenario"] for j in result.journeys] == ["Find the help page"], (
        result.output
    )
    assert result.journeys[0]["outcome"] != "completed"


STILL_BROKEN: set[str] = set()
OUTCOME_CASES = [
    pytest.param(fault, marks=SITE_OR_HARNESS) if fault in STILL_BROKEN else fault
    for fault in ALL_FAULTS
]


@pytest.mark.browser
@pytest.mark.timeout(WALK_BOUND_S * 3)
@pytest.mark.parametrize("fault", OUTCOME_CASES)
def test_the_fault_is_the_sites_and_costs_the_customer(
    fault: str, walked: dict[str, Walked]
) -> None:
    result = walked[fault]
    assert not result.hung
    journey = result.journeys[0]
    assert journey["outcome"] == "abandoned", journey.get("error")
    # The abandonment is listed with the cap it puts on the score, and no points of its
    # own: the cause is charged once.
    charged = [
        f for f in journey["frictions"] if f["kind"] != "abandoned" or f["points"]
    ]
    assert len(charged) == 1, "one friction, at the cause"
    assert journey["score"] < 4
    if (
        fault in EVIDENCE
        # the browser's own error, or the refused link, is the evidence: a dead end at
        # the cause
    ):
        assert charged[0]["kind"] == "dead_end", charged
        assert re.search(EVIDENCE[fault], charged[0]["evidence"]), charged[0][
            "evidence"
        ]
