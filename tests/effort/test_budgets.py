"""Budgets from tags and Then steps, checked against an assessment with readable
details.
"""

from __future__ import annotations

import pytest

from journeys.effort import Budget, assess, budget_from_tag, check_budgets
from journeys.effort.events import FieldFilled, GaveUp, GoalReached, PageOpened
from journeys.errors import FeatureError

from .build import journey, step, url

TAGS = [
    pytest.param("@ces-at-least-5", Budget("ces_at_least", 5), id="ces"),
    pytest.param(
        "ces-at-least-5.5", Budget("ces_at_least", 5.5), id="ces with decimals, no @"
    ),
    pytest.param("@max-steps-12", Budget("max_steps", 12), id="max steps"),
    pytest.param(
        "@no-reentered-data", Budget("no_reentered_data"), id="no re-entered data"
    ),
    pytest.param("@no-dead-ends", Budget("no_dead_ends"), id="no dead ends"),
    pytest.param("@buy", None, id="stage"),
    pytest.param("@moment-that-matters", None, id="moment"),
    pytest.param("@no-js", None, id="a team's own tag"),
    pytest.param("@wip", None, id="wip"),
]


@pytest.mark.parametrize("tag, budget", TAGS)
def test_budget_from_tag(tag, budget):
    assert budget_from_tag(tag) == budget


BAD_TAGS = [
    pytest.param(
        "@ces-at-least-9",
        "tag @ces-at-least-9: @ces-at-least-9 asks for a CES of 9, but scores run from"
        " 1 to 7\n  fix: write e.g. @ces-at-least-5",
        id="ces out of range",
    ),
    pytest.param(
        "@ces-atleast-5",
        "tag @ces-atleast-5: @ces-atleast-5 is not a budget tag\n  fix: did you mean"
        " @ces-at-least-N?",
        id="ces typo",
    ),
    pytest.param(
        "@max-step-3",
        "tag @max-step-3: @max-step-3 is not a budget tag\n  fix: did you mean"
        " @max-steps-N?",
        id="max typo",
    ),
    pytest.param(
        "@max-steps-0",
        "tag @max-steps-0: @max-steps-0 allows no step at all\n  fix: write e.g."
        " @max-steps-12",
        id="no steps",
    ),
    pytest.param(
        "@no-dead-end",
        "tag @no-dead-end: @no-dead-end is not a budget tag\n  fix: did you mean"
        " @no-dead-ends?",
        id="singular",
    ),
    pytest.param(
        "@no-repeats",
        "tag @no-repeats: @no-repeats is not a budget tag\n  fix: budget tags are"
        " @ces-at-least-N, @max-steps-N, @no-reentered-data, @no-dead-ends",
        id="made up",
    ),
]


@pytest.mark.parametrize("tag, message", BAD_TAGS)
def test_a_misspelt_budget_tag_is_a_feature_error(tag, message):
    with pytest.raises(FeatureError) as caught:
        budget_from_tag(tag)
    assert str(caught.value) == message


def test_the_feature_error_names_where_when_told():
    with pytest.raises(FeatureError, match=r"^features/buy.feature:3: "):
        budget_from_tag("@max-steps-x", where="features/buy.feature:3")


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        Budget("fast")  # type: ignore[arg-type]


POTHOLED = journey(
    step("open", PageOpened(url=url("/gone"), status=404, load_ms=100, action=True)),
    step("fill", FieldFilled(label="E-mail", fact="email", url=url("/checkout"))),
    step("again", FieldFilled(label="E-mail", fact="email", url=url("/checkout"))),
    step("again", FieldFilled(label="Mail", fact="email", url=url("/checkout"))),
    step("seek", GoalReached(goal="talk to a human", hops=4)),
)
SMOOTH = journey(
    step("fill", FieldFilled(label="E-mail", fact="email")),
    step("seek", GoalReached(goal="help", hops=1)),
)

CHECKS = [
    pytest.param(
        Budget("ces_at_least", 5),
        POTHOLED,
        ("CES at least 5", False, "scored 4.9: 1 dead end, 2 re-entries"),
        id="ces failed",
    ),
    pytest.param(
        Budget("ces_at_least", 5),
        SMOOTH,
        ("CES at least 5", True, "scored 7.0 in 1 step"),
        id="ces met",
    ),
    pytest.param(
        Budget("max_steps", 3),
        POTHOLED,
        ("at most 3 steps", False, "took 4 steps"),
        id="max steps failed",
    ),
    pytest.param(
        Budget("max_steps", 4),
        POTHOLED,
        ("at most 4 steps", True, "took 4 steps"),
        id="max steps met",
    ),
    pytest.param(
        Budget("no_reentered_data"),
        POTHOLED,
        (
            "no re-entered data",
            False,
            (
                '2 re-entries: Gave their e-mail address again in the "E-mail" field on'
                ' /checkout (step 3), already given in the "E-mail" field on /checkout'
                " (step 2)."
            ),
        ),
        id="re-entries",
    ),
    pytest.param(
        Budget("no_reentered_data"),
        SMOOTH,
        ("no re-entered data", True, "none"),
        id="no re-entries",
    ),
    pytest.param(
        Budget("no_dead_ends"),
        POTHOLED,
        ("no dead ends", False, "1 dead end: Opened /gone and got HTTP 404."),
        id="dead end",
    ),
    pytest.param(
        Budget("reach_within", 3),
        POTHOLED,
        ("reach talk to a human within 3 steps", False, "got there in 4 steps"),
        id="reach too late",
    ),
    pytest.param(
        Budget("reach_within", 3),
        SMOOTH,
        ("reach help within 3 steps", True, "got there in 1 step"),
        id="reach",
    ),
    pytest.param(
        Budget("reach_within", 3),
        journey(step("seek", GaveUp(goal="help", reason="nothing looks like help"))),
        (
            "reach help within 3 steps",
            False,
            "never got there: nothing looks like help",
        ),
        id="never reached",
    ),
    pytest.param(
        Budget("reach_within", 3),
        [],
        ("reach the goal within 3 steps", False, "no goal was looked for"),
        id="no goal",
    ),
]


@pytest.mark.parametrize("budget, events, expected", CHECKS)
def test_check_budgets(budget, events, expected):
    (check,) = check_budgets([budget], assess(events), events)
    assert (check.budget, check.met, check.detail) == expected
