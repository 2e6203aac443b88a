"""Friction kinds are values: detectors, the model and the time estimate use them, never
their names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from journeys.effort import EffortModel
from journeys.effort._walk import _Walk
from journeys.effort.events import Clicked, ErrorShown, PageOpened, StepStarted
from journeys.effort.kinds import (
    DEAD_END,
    WAIT,
    FrictionKind,
    TimeRule,
    friction_kinds,
)
from journeys.effort.time import estimate

EFFORT = Path(__file__).resolve().parents[2] / "journeys" / "effort"


def test_a_detector_that_names_a_kind_by_its_string_fails_at_once():
    walk = _Walk([StepStarted(step=0, text="When I buy")], None)
    with pytest.raises(TypeError, match="DEAD_END"):
        walk.friction("dead_end", walk.events[0], "a string")  # type: ignore[arg-type]
    assert walk.friction(DEAD_END, walk.events[0], "a value").kind == "dead_end"


def test_a_kind_the_model_does_not_know_is_an_error_never_zero_points():
    model = EffortModel()
    assert model.points_for(DEAD_END) == DEAD_END.points
    with pytest.raises(KeyError, match="dead_ends"):
        model.points_for("dead_ends")
    # What an old history stored under a kind nobody declares any more is described
    # plainly.
    assert friction_kinds.describe("slow_refund").label == "slow refund"


def test_no_detector_names_a_kind_by_its_string():
    names = set(friction_kinds.names)
    for path in EFFORT.glob("*.py"):
        if path.name in ("kinds.py", "result.py"):  # the table; Outcome.ABANDONED
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                raise AssertionError(
                    f"{path.name}:{node.lineno} names the kind {node.value!r}: "
                    f"use its value ({node.value.upper()}) from kinds.py"
                )


def test_the_time_a_friction_cost_follows_its_kind_s_rule():
    events = [
        StepStarted(step=0, text="When I open the shop"),
        PageOpened(step=0, url="http://shop.test/", status=200, load_ms=5000.0),
        Clicked(step=0, target="Buy", effect="nothing"),
        ErrorShown(step=0, text="Something went wrong, please try again later"),
    ]
    free = FrictionKind(
        name="costs_no_time",
        title="Costs no time",
        label="no time",
        plural="no times",
        finding="Nothing",
        points=1.0,
        meaning="A test kind.",
        driver="",
        time_rule=TimeRule.NOTHING,
    )
    model = EffortModel(kinds=friction_kinds.plus(free))
    walk = _Walk(events, model)
    found = [
        (1, walk.friction(WAIT, events[1], "slow")),
        (2, walk.friction(DEAD_END, events[2], "dead click")),
        (3, walk.friction(free, events[3], "nothing lost")),
    ]
    wait, dead_click, nothing = estimate(events, found, model).lost_by_friction
    assert wait == 2.0  # the part of the load over the 3 s limit
    assert dead_click > 0 and nothing == 0.0
