"""The step catalogue: complete, documented, self-consistent, and the same in
docs/steps.md as in the code.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.project.catalogue import (
    CHANNEL_TITLES,
    channel_title,
    closest_steps,
    load,
    step_modules,
)

MAIN = Path(__file__).resolve().parents[1]
JOURNEYS = Path(sys.executable).with_name("journeys")


def journeys(*args: str, cwd: Path = MAIN) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [str(JOURNEYS), *args],
        cwd=cwd,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def catalogue():
    return load(MAIN)


def _declared_steps() -> list[tuple[str, str]]:
    """(module, keyword) of every @given/@when/@then in the modules conftest.py lists,
    read from the source.
    """
    found = []
    for module in step_modules(MAIN):
        tree = ast.parse(
            (MAIN / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        )  # both live in this checkout
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    name = getattr(getattr(decorator, "func", None), "id", "")
                    if name in ("given", "when", "then"):
                        found.append((module, name.capitalize()))
    return found


def test_the_catalogue_is_the_built_in_modules_then_the_ones_conftest_lists(
    catalogue,
) -> None:
    builtin = [
        "journeys.steps.persona",
        "journeys.steps.web",
        "journeys.steps.chat",
        "journeys.steps.support",
        "journeys.steps.mail",
        "journeys.steps.phone",
        "journeys.steps.effort",
    ]
    assert step_modules(MAIN) == [*builtin, "steps.stride"]
    declared = sorted(_declared_steps())
    module_of = {c: f"journeys.steps.{c}" for c in CHANNEL_TITLES}
    assert (
        sorted((module_of.get(s.channel, s.channel), s.keyword) for s in catalogue)
        == declared
    )
    assert len(declared) >= 20
    assert [s.channel for s in catalogue if s.channel not in CHANNEL_TITLES] == [
        "steps.stride"
    ]


def test_every_step_has_a_one_line_meaning(catalogue) -> None:
    for step in catalogue:
        assert step.meaning, (
            f"{step.keyword} {step.form}: its step function needs a docstring"
        )
        assert step.meaning.endswith("."), step.meaning
        assert (
            "<" not in step.meaning
        )  # placeholders belong in the step, not its meaning


def test_every_example_matches_its_own_step_and_no_other(catalogue) -> None:
    for step in catalogue:
        keyword, text = step.example.split(" ", 1)
        assert keyword == step.keyword
        assert "…" not in text, (
            f"{step.form}: add an example value to catalogue.EXAMPLES or FORM_EXAMPLES"
        )
        assert step.matches(text), step.example
        others = [
            f"{s.keyword} {s.form}"
            for s in catalogue
            if s is not step and s.keyword == keyword and s.matches(text)
        ]
        assert not others, f"{step.example} is ambiguous: it also matches {others}"


def test_a_misremembered_step_is_pointed_to_the_right_one(catalogue) -> None:
    # "press" is the phone's word for keys: a misremembered click says push.
    assert closest_steps('I push "Checkout"', catalogue)[0] == 'When I click "<name>"'
    assert (
        closest_steps('I should see the text "Hello"', catalogue)[0]
        == 'Then I should see "<text>"'
    )
    assert (
        closest_steps("I should get there in 4 steps", catalogue)[0]
        == "Then I should get there within <steps> steps"
    )
    assert (
        closest_steps("I sleep for 5 seconds", catalogue) == []
    )  # "I wait" is the phone's hold


def test_journeys_steps_lists_every_step_by_channel_with_meaning_and_example(
    catalogue,
) -> None:
    result = journeys("steps")
    assert result.returncode == 0, result.stderr
    lines = [line.rstrip() for line in result.stdout.splitlines() if line.strip()]
    expected, channel = [], None
    for step in catalogue:
        if step.channel != channel:
            channel = step.channel
            expected.append(channel_title(channel))
        expected += [
            f"  {step.keyword} {step.form}",
            f"      {step.meaning}",
            f"      e.g. {step.example}",
        ]
    assert lines == expected
    titles = [line for line in lines if not line.startswith(" ")]
    assert titles == [
        "Persona",
        "Web",
        "Chat",
        "Support",
        "Mail",
        "Phone",
        "Effort and budgets",
        "Your steps (steps.stride)",
    ]


def test_docs_steps_md_is_exactly_what_journeys_steps_markdown_prints() -> None:
    result = journeys("steps", "--markdown")
    assert result.returncode == 0, result.stderr
    assert (MAIN / "docs" / "steps.md").read_text(encoding="utf-8") == result.stdout, (
        "docs/steps.md drifted: regenerate it with `journeys steps --markdown >"
        " docs/steps.md`"
    )
    for title in (
        "## Persona",
        "## Web",
        "## Chat",
        "## Support",
        "## Effort and budgets",
    ):
        assert title in result.stdout


def test_every_feature_in_features_passes_check() -> None:
    result = journeys("check", "features")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "features and configuration are fine"


def test_the_worked_example_in_first_journey_md_passes_check_and_its_typo_reads_so(
    tmp_path: Path,
) -> None:
    guide = (MAIN / "docs" / "first-journey.md").read_text(encoding="utf-8")
    feature = guide.split("```gherkin\n", 1)[1].split("```", 1)[0]
    shutil.copy(MAIN / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (tmp_path / "features").mkdir()
    path = tmp_path / "features" / "find_the_returns_policy.feature"

    path.write_text(feature, encoding="utf-8")
    assert journeys("check", cwd=tmp_path).returncode == 0

    # The guide shows what `check` says when the goal-seeking step is replaced by a
    # misremembered one.
    path.write_text(
        feature.replace(
            'And I look for a way to "delivery and returns"',
            'And I ask the bot "refund"',
        ),
        encoding="utf-8",
    )
    result = journeys("check", cwd=tmp_path)
    quoted = guide.split(
        "$ journeys check features/find_the_returns_policy.feature\n", 1
    )[1].split("```", 1)[0]
    assert (result.returncode, result.stderr) == (2, quoted)
