"""`journeys walk` with the keyboard alone (`hands = "keyboard"`) on Northwind's pages.

The potholed twin's keyboard.toml lists its barriers: each must be found under
its journey (recall); the smooth twin must yield no friction at all; and a mouse
walk of the potholed twin completes every journey without meeting any of them
(the control a mouse could use and a keyboard cannot).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from journeys.demo._manifest import parse_manifest
from tests.sites.realworld.app import create_app
from tests.sites.walking import walk_site

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent / "realworld"
FEATURES = HERE / "keyboard_features"
PROJECT = (
    '[tool.journeys]\nbase_url = "{url}"\nfeatures = "features"\ntimeout_ms = 5000\n'
    # axe-core's findings are another test's: here only what the keyboard meets
    'accessibility = "off"\n'
)


def _walk(
    mode: str, folder: Path, hands: str
) -> tuple[subprocess.CompletedProcess[str], dict]:
    return walk_site(
        create_app(mode), FEATURES, folder, PROJECT + f'hands = "{hands}"\n'
    )


@pytest.fixture(scope="module")
def smooth(tmp_path_factory):
    return _walk("smooth", tmp_path_factory.mktemp("keyboard-smooth"), "keyboard")


@pytest.fixture(scope="module")
def potholed(tmp_path_factory):
    return _walk("potholed", tmp_path_factory.mktemp("keyboard-potholed"), "keyboard")


@pytest.fixture(scope="module")
def potholed_by_mouse(tmp_path_factory):
    return _walk("potholed", tmp_path_factory.mktemp("mouse-potholed"), "mouse")


def _keyboard_barriers(journey: dict) -> list[str]:
    return [
        f["evidence"]
        for f in journey["frictions"]
        if f["kind"] == "barrier"
        and f["evidence"].startswith("With the keyboard alone")
    ]


def test_the_smooth_twin_is_walked_with_the_keyboard_without_friction(smooth):
    done, effort = smooth
    assert "with the keyboard alone" in done.stdout
    assert len(effort["journeys"]) == len(list(FEATURES.glob("*.feature")))
    for journey in effort["journeys"]:
        assert journey["outcome"] == "completed", (
            journey["scenario"],
            done.stdout[-3000:],
        )
        assert journey["frictions"] == [], (journey["scenario"], journey["frictions"])


def test_every_keyboard_barrier_is_found_under_its_journey_once(potholed):
    _, effort = potholed
    manifest = parse_manifest(
        (HERE / "keyboard.toml").read_text(encoding="utf-8"), source="keyboard.toml"
    )
    by_scenario = {j["scenario"]: j for j in effort["journeys"]}
    for pothole in manifest:
        journey = by_scenario[pothole.scenario]
        assert len(_keyboard_barriers(journey)) == 1, (
            pothole.scenario,
            journey["frictions"],
        )
        assert journey["outcome"] == "completed"  # the walk goes on, as if helped
    evidence = " ".join(e for j in effort["journeys"] for e in _keyboard_barriers(j))
    causes = (
        "not in the tab order",
        "did nothing when",
        "focus fell back",
        "focus trap",
    )
    for cause in causes:
        assert cause in evidence


def test_a_mouse_walks_the_same_pages_without_meeting_them(potholed_by_mouse):
    done, effort = potholed_by_mouse
    for journey in effort["journeys"]:
        assert journey["outcome"] == "completed", (
            journey["scenario"],
            done.stdout[-3000:],
        )
        assert not _keyboard_barriers(journey)
        assert journey["frictions"] == [], (journey["scenario"], journey["frictions"])


def test_tab_presses_are_the_keyboard_customers_time(smooth, potholed_by_mouse):
    # Pages both walk cleanly cost the keyboard customer a K a Tab press more.
    keyboard = {j["scenario"]: j for j in smooth[1]["journeys"]}
    for journey in potholed_by_mouse[1]["journeys"]:
        if journey["scenario"] != "Get energy advice":  # its start button differs
            mouse_s = journey["customer_time_s"]
            assert keyboard[journey["scenario"]]["customer_time_s"] > mouse_s
