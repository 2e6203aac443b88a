"""`journeys check`: find what is wrong with features before any browser opens.

Bad Gherkin, unknown steps (with the closest catalogue steps), unknown tags and
persona facts that do not exist, each as one message naming file:line and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from .catalogue import CatalogueStep, closest_steps
from .catalogue import load as load_catalogue
from .effort import budget_from_tag
from .effort.result import STAGES
from .errors import FeatureError, JourneysError

KNOWN_TAGS = frozenset({*STAGES, "moment-that-matters", "wip", "skip", "nightly", "smoke"})
_FACT_STEP = re.compile(r'I fill in "[^"]*" with my (?P<fact>[\w -]+)$')


def feature_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.rglob("*.feature"))
        elif path.suffix == ".feature" and path.is_file():
            files.append(path)
        else:
            raise JourneysError(f"{path}: no such feature file or folder\n  fix: give a .feature file or a folder of them")
    return files


def check_features(paths: list[Path], *, root: Path | None = None) -> list[str]:
    """Every problem found, as messages for people; an empty list means the features are fine."""
    from pytest_bdd import exceptions as bdd
    from pytest_bdd.parser import FeatureParser

    from .shopper import fact_named

    catalogue = load_catalogue(root)
    problems: list[str] = []
    files = feature_files(paths)
    if not files:
        return [f"{', '.join(map(str, paths))}: no .feature files\n  fix: add features, see docs/first-journey.md"]
    for file in files:
        where = _relative(file)
        try:
            feature = FeatureParser(str(file.parent), file.name).parse()
        except bdd.GherkinParseError as error:
            line = getattr(error, "line", "?")
            problems.append(f"{where}:{line}: the Gherkin is not valid ({str(error).splitlines()[0]})")
            continue
        if not feature.scenarios:
            problems.append(f"{where}: has no scenarios\n  fix: add a `Scenario:` with Given/When/Then steps")
        for scenario in feature.scenarios.values():
            for tag in sorted({*feature.tags, *scenario.tags}):
                problem = _tag_problem(tag)
                if problem:
                    problems.append(f"{where}:{scenario.line_number}: {problem}")
            for step in scenario.steps:
                problem = _step_problem(step, catalogue, fact_named)
                if problem:
                    problems.append(f"{where}:{step.line_number}: {problem}")
    return problems


def _tag_problem(tag: str) -> str | None:
    if tag in KNOWN_TAGS:
        return None
    try:
        if budget_from_tag(tag) is not None:
            return None
    except FeatureError as error:
        return f"{error.args[0].split(': ', 1)[-1]}"
    from rapidfuzz import process

    known = sorted(KNOWN_TAGS | {"ces-at-least-N", "max-steps-N", "no-reentered-data", "no-dead-ends"})
    close = process.extractOne(tag, known)
    hint = f"did you mean @{close[0]}?" if close and close[1] >= 60 else "known tags: " + ", ".join("@" + k for k in known)
    return f"unknown tag @{tag}\n  fix: {hint}"


def _step_problem(step: object, catalogue: list[CatalogueStep], fact_named: object) -> str | None:
    keyword = {"given": "Given", "when": "When", "then": "Then"}.get(getattr(step, "type", ""), "")
    text = getattr(step, "name", "")
    if not any(s.keyword == keyword and s.matches(text) for s in catalogue):
        same_text = [s for s in catalogue if s.matches(text)]
        if same_text:
            return f'"{keyword} {text}" is a {same_text[0].keyword} step\n  fix: write "{same_text[0].keyword} {text}"'
        suggestions = closest_steps(text, catalogue)
        fix = "did you mean: " + " | ".join(f'"{s}"' for s in suggestions) if suggestions else "run `journeys steps`"
        return f'unknown step "{keyword} {text}"\n  fix: {fix}'
    fact = _FACT_STEP.match(text)
    if fact:
        try:
            fact_named(fact.group("fact"))  # type: ignore[operator]
        except FeatureError as error:
            return str(error).replace("\n", "\n", 1)
    return None


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
