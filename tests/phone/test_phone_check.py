"""`journeys check` reads the phone steps like every other: known steps pass, a fact
that is none and a wrong key are named.
"""

from __future__ import annotations

from pathlib import Path

from journeys.project.checks import check_features

STEPS = """    When I call the support line
    And I press "1"
    And I key in my order number
    And I say "billing"
    And I stay silent
    And I wait on hold
    And I look for a way to "return an item"
    And I look for a way to "return an item" on the phone
    Then I should hear "Connecting you"
    And I should reach a person within 3 menus
    When I call the support line on "+15550123"
"""


def _check(tmp_path: Path, steps: str) -> list[str]:
    folder = tmp_path / "features"
    folder.mkdir()
    (folder / "call.feature").write_text(
        "Feature: Call\n  Scenario: Call\n    Given I am a first-time customer\n"
        + steps,
        encoding="utf-8",
    )
    return check_features([folder], root=tmp_path)


def test_every_phone_step_of_the_catalogue_is_known(tmp_path):
    assert _check(tmp_path, STEPS) == []


def test_keying_in_what_is_no_fact_is_named_with_its_line(tmp_path):
    (problem,) = _check(
        tmp_path, "    When I call the support line\n    And I key in my shoe size\n"
    )
    assert 'call.feature:5: "my shoe size" is not a persona fact' in problem


def test_pressing_words_is_an_unknown_step_pointed_to_the_keypad(tmp_path):
    (problem,) = _check(
        tmp_path, '    When I call the support line\n    And I press "two"\n'
    )
    assert (
        'unknown step `When I press "two"`' in problem
        and 'When I press "<keys>"' in problem
    )
