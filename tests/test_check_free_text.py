"""`journeys check` names free text that names a fact in plain words: journeys sends it
as written now.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.project.checks import check_features


def _check(tmp_path: Path, steps: str) -> list[str]:
    folder = tmp_path / "features"
    folder.mkdir(exist_ok=True)
    text = (
        "Feature: Words\n  Scenario: Ask\n    Given I am a first-time customer\n"
        + steps
    )
    (folder / "words.feature").write_text(text, encoding="utf-8")
    return check_features([folder], root=tmp_path)


@pytest.mark.parametrize(
    ("steps", "line", "words", "fix"),
    [
        (
            (
                '    When I open the chat\n    And I tell the bot "Where is my order'
                ' number?"\n'
            ),
            5,
            '"my order number" in "Where is my order number?"',
            "write {my order number}",
        ),
        (
            '    When I open a support ticket about "No power at my postcode"\n',
            4,
            '"my postcode"',
            "write {my postcode}",
        ),
        (
            (
                '    When I open the e-mail about "Order"\n    And I reply to the'
                ' e-mail with "It is my date of birth"\n'
            ),
            5,
            '"my date of birth"',
            "{my date of birth}",
        ),
        (
            (
                "    When I open the home page\n    And I note the reference code shown"
                ' as "R-\\d+"\n    And I open the chat\n    And I tell the bot "About'
                ' my reference code"\n'
            ),
            7,
            '"my reference code"',
            "{my reference code}",
        ),
    ],
)
def test_old_style_free_text_is_named_by_line_with_the_fix(
    tmp_path, monkeypatch, steps, line, words, fix
):
    monkeypatch.chdir(tmp_path)
    problems = _check(tmp_path, steps)
    assert len(problems) == 1, problems
    assert (
        problems[0].startswith(f"features/words.feature:{line}: ")
        and words in problems[0]
        and "is sent as written" in problems[0]
    )
    assert f"fix: {fix}" in problems[0] or fix in problems[0].splitlines()[1]


@pytest.mark.parametrize(
    "message",
    [
        "Where is my order?",
        "my name is Ann",
        "I forgot my password",
        "Where is {my order number}?",
        "Please use {my e-mail}",
    ],
)
def test_plain_words_and_placeholders_pass(tmp_path, message):
    assert (
        _check(
            tmp_path, f'    When I open the chat\n    And I tell the bot "{message}"\n'
        )
        == []
    )


def test_a_fill_step_label_is_no_free_text(tmp_path):
    assert (
        _check(
            tmp_path,
            '    When I open the home page\n    And I fill in "My order number" with my'
            " order number\n",
        )
        == []
    )
