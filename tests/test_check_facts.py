"""`journeys check` knows what a scenario noted: "my <thing>" must be a persona fact or
noted earlier; files must exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.project.checks import check_features

HEAD = "Feature: Notes\n  Scenario: Track\n    Given I am a first-time customer\n"


def _check(tmp_path: Path, steps: str, *, background: str = "") -> list[str]:
    folder = tmp_path / "features"
    folder.mkdir(exist_ok=True)
    text = (
        "Feature: Notes\n"
        + (f"  Background:\n{background}" if background else "")
        + "  Scenario: Track\n    Given I am a first-time customer\n"
        + steps
    )
    (folder / "notes.feature").write_text(text, encoding="utf-8")
    return check_features([folder], root=tmp_path)


@pytest.mark.parametrize(
    "steps",
    [
        (
            "    When I open the home page\n    And I note the ticket number shown"
            ' after "Your ticket is"\n    And I open the page "/view?t={my ticket'
            ' number}"\n'
        ),
        (
            "    When I open the home page\n    And I note the reference code shown as"
            ' "R-\\d+"\n    And I fill in "Reference" with my reference code\n'
        ),
        (
            '    When I open the page "/track?order={my order number}"\n    And I fill'
            ' in "Sort code" with my sort code as "123456"\n'
        ),
        (
            '    When I open the home page\n    And I fill in "Date of birth" with my'
            ' date of birth as "DD/MM/YYYY"\n'
        ),
    ],
)
def test_facts_and_notes_in_order_pass(tmp_path, steps):
    assert _check(tmp_path, steps) == []


def test_a_note_in_the_background_counts_for_the_scenario(tmp_path):
    background = (
        "    Given I am a first-time customer\n    When I open the home page\n    And I"
        ' note the ticket number shown after "Ticket"\n'
    )
    assert (
        _check(
            tmp_path,
            '    When I open the page "/view?t={my ticket number}"\n',
            background=background,
        )
        == []
    )


@pytest.mark.parametrize(
    ("steps", "line", "words"),
    [
        (
            (
                '    When I open the page "/view?t={my ticket number}"\n    And I note'
                ' the ticket number shown after "Ticket"\n'
            ),
            4,
            (
                '"my ticket number" is given by the site, and no step before this one'
                " notes it"
            ),
        ),
        (
            '    When I fill in "Ref" with my reference code\n',
            4,
            '"my reference code" is not a persona fact',
        ),
        (
            '    When I fill in "Ref" with my shoe size as "##"\n',
            4,
            '"my shoe size" is not a persona fact',
        ),
        (
            '    When I note the code shown as "(unclosed"\n',
            4,
            "is not a pattern I can read",
        ),
        (
            (
                '    When I open the home page\n    And I upload "missing.png" to'
                ' "Photo"\n'
            ),
            5,
            'the file "missing.png" to upload is not in features/files',
        ),
    ],
)
def test_what_is_not_known_at_that_point_is_named_by_line(
    tmp_path, monkeypatch, steps, line, words
):
    monkeypatch.chdir(tmp_path)
    problems = _check(tmp_path, steps)
    assert (
        len(problems) == 1
        and problems[0].startswith(f"features/notes.feature:{line}: ")
        and words in problems[0]
    ), problems


def test_a_file_in_features_files_passes(tmp_path):
    (tmp_path / "features" / "files").mkdir(parents=True)
    (tmp_path / "features" / "files" / "photo.png").write_bytes(b"png")
    assert (
        _check(
            tmp_path,
            '    When I open the home page\n    And I upload "photo.png" to "Photo"\n',
        )
        == []
    )


def test_a_fact_the_project_fixes_needs_no_note(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys.persona.facts]\ncustomer_number = "${CUSTOMER}"\n',
        encoding="utf-8",
    )
    assert (
        _check(tmp_path, '    When I open the page "/account/{my customer number}"\n')
        == []
    )


def test_the_second_example_in_first_journey_md_passes_check(tmp_path):
    guide = (
        Path(__file__).resolve().parents[1] / "docs" / "first-journey.md"
    ).read_text(encoding="utf-8")
    feature = guide.split("```gherkin\n")[2].split("```", 1)[0]
    assert "I note the order number" in feature
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "track.feature").write_text(feature, encoding="utf-8")
    assert check_features([tmp_path / "features"], root=tmp_path) == []


def test_a_ticket_category_no_target_has_is_named_by_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys.support.categories]\nMoving = { type = "move" }\n',
        encoding="utf-8",
    )
    assert (
        _check(
            tmp_path, '    When I open a support ticket about "New home" in "moving"\n'
        )
        == []
    )
    assert (
        _check(
            tmp_path, '    When I open a support ticket about "Charge" in "Billing"\n'
        )
        == []
    )  # the demo's
    (problem,) = _check(
        tmp_path, '    When I open a support ticket about "Lost" in "Lost property"\n'
    )
    assert problem.startswith(
        'features/notes.feature:4: no target has the ticket category "Lost property"'
        " (known: billing, moving, support)"
    )
