"""EffortModel.from_config: [tool.journeys.effort] validated with messages that name the
key and the fix.
"""

from __future__ import annotations

import pytest

from journeys.effort import EffortModel
from journeys.effort.model import DEFAULT_POINTS, THRESHOLDS
from journeys.errors import ConfigError


def test_empty_section_is_the_default_model():
    assert EffortModel.from_config({}) == EffortModel()
    assert EffortModel.from_config(None) == EffortModel()


def test_a_full_section():
    model = EffortModel.from_config(
        {
            "step_points": 0.5,
            "moment_factor": 2,
            "neutral_points": 60,
            "points": {"dead_end": 20, "wait": 0},
            "thresholds": {
                "page_load_ms": 2500,
                "rage_clicks": 4,
                "bot_similarity": 0.9,
                "human_handoff_turns": 1,
            },
        }
    )
    assert (model.step_points, model.moment_factor, model.neutral_points) == (
        0.5,
        2.0,
        60.0,
    )
    assert model.points["dead_end"] == 20.0 and model.points["wait"] == 0.0
    assert model.points["reentered_data"] == DEFAULT_POINTS["reentered_data"]
    assert (
        model.page_load_ms,
        model.rage_clicks,
        model.bot_similarity,
        model.human_handoff_turns,
    ) == (2500.0, 4, 0.9, 1)


def test_the_model_is_frozen_and_its_points_read_only():
    model = EffortModel()
    with pytest.raises(AttributeError):
        model.step_points = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.points["dead_end"] = 1  # type: ignore[index]
    assert hash(model) == hash(EffortModel())


def test_weights():
    model = EffortModel(points={"dead_end": 10}, moment_factor=2)
    assert (
        model.points_for("dead_end") == 10
        and model.points_for("dead_end", moment=True) == 20
    )
    assert model.step_weight() == 1 and model.step_weight(moment=True) == 2
    assert set(THRESHOLDS) >= {
        "page_load_ms",
        "bot_reply_ms",
        "ticket_answer_ms",
        "dead_click_ms",
        "rage_clicks",
    }


WRONG = [
    pytest.param(
        {"step_pints": 1},
        "config: tool.journeys.effort.step_pints: is not a setting\n  fix: did you mean"
        " 'step_points'?",
        id="typo",
    ),
    pytest.param(
        {"colour": 1},
        "config: tool.journeys.effort.colour: is not a setting\n  fix: use one of:"
        " step_points, moment_factor, neutral_points, points, thresholds, time",
        id="unknown",
    ),
    pytest.param(
        {"page_load_ms": 1},
        "config: tool.journeys.effort.page_load_ms: is a threshold\n  fix: put it under"
        " [tool.journeys.effort.thresholds]",
        id="threshold in the main table",
    ),
    pytest.param(
        {"dead_end": 1},
        "config: tool.journeys.effort.dead_end: is a friction kind\n  fix: put its"
        " points under [tool.journeys.effort.points]",
        id="points in the main table",
    ),
    pytest.param(
        {"points": {"dead_ends": 3}},
        "config: tool.journeys.effort.points.dead_ends: is not a friction kind\n  fix:"
        " did you mean 'dead_end'?",
        id="kind typo",
    ),
    pytest.param(
        {"thresholds": {"page_load": 3}},
        "config: tool.journeys.effort.thresholds.page_load: is not a threshold\n  fix:"
        " did you mean 'page_load_ms'?",
        id="threshold typo",
    ),
    pytest.param(
        {"points": 3},
        "config: tool.journeys.effort.points: must be a table\n  fix: write it as"
        " [tool.journeys.effort.points]",
        id="points not a table",
    ),
    pytest.param(
        {"step_points": "one"},
        "config: tool.journeys.effort.step_points: must be a number, not 'one'\n  fix:"
        " write step_points = 1",
        id="text for a number",
    ),
    pytest.param(
        {"points": {"wait": True}},
        "config: tool.journeys.effort.points.wait: must be a number, not True\n  fix:"
        " write wait = 10",
        id="boolean is not a number",
    ),
    pytest.param(
        {"thresholds": {"page_load_ms": -5}},
        "config: tool.journeys.effort.thresholds.page_load_ms: must be at least 0,"
        " not -5",
        id="negative",
    ),
    pytest.param(
        {"thresholds": {"rage_clicks": 2.5}},
        "config: tool.journeys.effort.thresholds.rage_clicks: must be a whole number,"
        " not 2.5\n  fix: write rage_clicks = 3",
        id="fraction of clicks",
    ),
    pytest.param(
        {"thresholds": {"human_handoff_turns": 0}},
        "config: tool.journeys.effort.thresholds.human_handoff_turns: must be at least"
        " 1, not 0",
        id="zero turns",
    ),
    pytest.param(
        {"thresholds": {"bot_similarity": 1.5}},
        "config: tool.journeys.effort.thresholds.bot_similarity: must be between 0 and"
        " 1, not 1.5\n  fix: write bot_similarity = 0.85",
        id="similarity above 1",
    ),
    pytest.param(
        {"moment_factor": 0.5},
        "config: tool.journeys.effort.moment_factor: must be at least 1, not 0.5\n"
        "  fix: a moment that matters weighs more, never less",
        id="moment weighs less",
    ),
    pytest.param(
        {"neutral_points": 0},
        "config: tool.journeys.effort.neutral_points: must be more than 0, not 0",
        id="zero scale",
    ),
]


@pytest.mark.parametrize("section, message", WRONG)
def test_wrong_config_is_one_clear_message(section, message):
    with pytest.raises(ConfigError) as caught:
        EffortModel.from_config(section)
    assert str(caught.value) == message
    assert caught.value.key.startswith("tool.journeys.effort.")
