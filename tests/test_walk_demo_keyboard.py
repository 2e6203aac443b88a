"""`journeys walk --persona keyboard` against the bundled demo shop in real Chromium.

A customer using the keyboard alone meets what the manifest plants for them
(`persona = "keyboard"`: the home page's cookie banner that traps focus, the
sign-up's "Create account" that only a click sends) and
everything planted for every customer; the smooth shop costs them nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeys.demo import load_manifest
from tests.test_walk_demo import walk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("keyboard-reports")


@pytest.fixture(scope="module")
def smooth(reports):
    done = walk(reports, "--demo", "smooth", "--persona", "keyboard")
    return done, json.loads((reports / "effort.json").read_text())


@pytest.fixture(scope="module")
def potholed(reports, smooth):
    done = walk(reports, "--demo", "potholed", "--persona", "keyboard")
    return done, json.loads((reports / "effort.json").read_text())


def _keyboard_barriers(journey: dict) -> list[dict]:
    return [
        f
        for f in journey["frictions"]
        if f["kind"] == "barrier" and f["evidence"].startswith("With the keyboard")
    ]


def test_the_smooth_shop_costs_a_keyboard_customer_nothing(smooth):
    done, effort = smooth
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "with the keyboard alone" in done.stdout
    for journey in effort["journeys"]:
        assert journey["outcome"] == "completed", (journey["scenario"], journey)
        assert journey["frictions"] == [], (journey["scenario"], journey["frictions"])


def test_the_planted_keyboard_barriers_are_found_and_nothing_else(potholed):
    _, effort = potholed
    manifest = [p for p in load_manifest() if p.met_by("keyboard")]
    found = {
        (j["scenario"], f["kind"]) for j in effort["journeys"] for f in j["frictions"]
    }
    missed = [p for p in manifest if (p.scenario, p.kind) not in found]
    assert not missed, f"planted but not found: {missed}\nfound: {sorted(found)}"
    # Each keyboard pothole once, where planted, and no keyboard barrier elsewhere.
    for journey in effort["journeys"]:
        planted = sorted(
            p.where
            for p in manifest
            if p.persona == "keyboard" and p.scenario == journey["scenario"]
        )
        barriers = _keyboard_barriers(journey)
        assert sorted(f["where"] for f in barriers) == planted, (
            journey["scenario"],
            barriers,
        )
        for barrier in barriers:
            if barrier["where"] == "/":
                assert "focus trap" in barrier["evidence"]
                assert 'aria-label="Cookies"' in barrier["excerpt"]
            else:
                assert "not in the tab order" in barrier["evidence"]
