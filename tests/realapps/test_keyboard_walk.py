"""Roundup's classic tracker walked with the keyboard alone (`--persona keyboard`).

Listed by hand before walking, from the classic template (page.html,
user.register.html, issue.index.html): every control on these journeys' paths
is a native link, text field or submit button in document order, with no
dialog and no script handling keys. Its `<main tabindex="0">` is one more Tab
stop, not a barrier. So a keyboard customer meets no keyboard barrier here, and
every journey a mouse customer completes, they complete too.
"""

from __future__ import annotations

import pytest

from tests.realapps.walking import walk

pytestmark = pytest.mark.realapps

KEYBOARD_BARRIERS_BY_HAND: dict[str, list[str]] = {}  # journey -> causes: none here


@pytest.fixture(scope="module")
def keyboard_walk(roundup_tracker, tmp_path_factory) -> dict:
    reports = tmp_path_factory.mktemp("roundup-keyboard")
    done, effort = walk("roundup", roundup_tracker, reports, "--persona", "keyboard")
    assert "with the keyboard alone" in done.stdout, done.stdout + done.stderr
    return effort


def test_the_keyboard_meets_what_was_listed_by_hand_and_no_more(keyboard_walk):
    found = {
        journey["scenario"]: [
            f["evidence"]
            for f in journey["frictions"]
            if f["evidence"].startswith("With the keyboard")
        ]
        for journey in keyboard_walk["journeys"]
    }
    assert found == {
        scenario: KEYBOARD_BARRIERS_BY_HAND.get(scenario, []) for scenario in found
    }


def test_every_journey_is_walked_with_the_keyboard(keyboard_walk):
    for journey in keyboard_walk["journeys"]:
        assert journey["outcome"] != "broken", (journey["scenario"], journey["error"])
