"""A pattern from a feature cannot hold a walk: `journeys check` names a backtracking
trap, and a walk's search has a budget.
"""

from __future__ import annotations

import pytest

from journeys.errors import FeatureError
from journeys.project.checks import check_features
from journeys.project.patterns import nested_quantifier, search
from journeys.shopper.web_actions import value_matching


@pytest.mark.parametrize(
    ("pattern", "trap"),
    [
        (r"(a+)+$", "(a+)+"),
        (r"(\w+\s?)+$", r"(\w+\s?)+"),
        (r"([a-z]+)*x", "([a-z]+)*"),
        (r"(a+){2,}", "(a+){2,}"),
        (r"SH-\d{6}", ""),
        (r"Ticket (T-\d+)", ""),
        (r"([+*])+", ""),
        (r"(?:ab)+", ""),
        (r"Order (#?\d+)", ""),
    ],
)
def test_a_repeated_group_that_repeats_inside_is_named_and_ordinary_patterns_pass(
    pattern, trap
):
    assert nested_quantifier(pattern) == trap


def test_journeys_check_reports_a_backtracking_pattern_at_its_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    feature = tmp_path / "note.feature"
    feature.write_text(
        "Feature: Order\n  Scenario: Note it\n    Given I am a first-time customer\n   "
        " When I open the home page\n    And I note the order number shown as"
        ' "(a+)+$"\n',
        encoding="utf-8",
    )
    problems = check_features([feature], root=tmp_path)
    assert len(problems) == 1
    assert (
        ':5: "(a+)+$": may take minutes on a page\'s text: (a+)+ repeats a group that'
        " repeats inside" in problems[0]
    )


def test_a_search_that_backtracks_past_its_budget_fails_naming_the_pattern():
    # (a|aa)+$ has no nested quantifier for the check to see, and still backtracks on
    # "aaa…!"
    with pytest.raises(FeatureError) as raised:
        search(r"(a|aa)+$", "a" * 5000 + "!", budget_s=0.2)
    assert '"(a|aa)+$": was still searching the page\'s text after 0.2 s' in str(
        raised.value
    )


def test_noting_a_value_still_finds_its_first_group():
    assert (
        value_matching(
            "Thanks! Your order SH-123456 is confirmed.", r"order (SH-\d{6})"
        )
        == "SH-123456"
    )
    with pytest.raises(FeatureError):
        value_matching("aaaa", r"(a+)+$")
