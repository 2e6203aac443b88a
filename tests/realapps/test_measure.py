"""The figures of tests/realapps are right: recall, false positives and broken journeys
from effort.json data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realapps.walking import Friction, Measure, load_manifest, scenarios

pytestmark = pytest.mark.realapps


def friction(kind: str) -> dict[str, str]:
    return {"kind": kind, "evidence": f"a {kind}"}


def walk_of(*journeys: tuple[str, str, list[str]]) -> dict:
    return {
        "run": {"seed": 1},
        "journeys": [
            {
                "scenario": name,
                "outcome": outcome,
                "frictions": [friction(k) for k in kinds],
                "node_id": name,
            }
            for name, outcome, kinds in journeys
        ],
    }


MANIFEST = (
    Friction("shop", "Buy", "reentered_data", "confirm e-mail"),
    Friction("shop", "Buy", "channel_switch", "call us"),
    Friction("shop", "Buy", "channel_switch", "e-mail us"),
)


def test_recall_counts_entries_of_one_journey_and_kind():
    measure = Measure(
        "shop",
        walk_of(("Buy", "completed", ["reentered_data", "channel_switch"])),
        MANIFEST,
        Path(),
    )
    assert [measure.is_found(entry) for entry in MANIFEST] == [True, True, False]


def test_false_positives_are_frictions_beyond_the_manifest_not_waits_or_abandonment():
    effort = walk_of(
        (
            "Buy",
            "abandoned",
            ["reentered_data", "reentered_data", "dead_end", "wait", "abandoned"],
        ),
        ("Browse", "completed", ["error_seen"]),
    )
    measure = Measure("shop", effort, MANIFEST, Path())
    assert measure.false_positives() == {
        ("Buy", "reentered_data"): 1,
        ("Buy", "dead_end"): 1,
        ("Browse", "error_seen"): 1,
    }


def test_the_figure_line_says_recall_false_positives_and_broken():
    effort = walk_of(
        ("Buy", "completed", ["reentered_data", "wait"]), ("Browse", "broken", [])
    )
    line = Measure("shop", effort, MANIFEST, Path()).figure_line()
    assert (
        line
        == "shop: recall 1/3, false positives 0, broken 1 of 2 journeys (and 1 wait(s),"
        " not counted)"
    )


def test_the_manifest_names_only_real_scenarios_and_kinds():
    entries = load_manifest()
    assert len(entries) >= 10
    for entry in entries:
        assert entry.journey in scenarios(entry.app), entry
        assert entry.why.strip(), entry
