"""`journeys check`: find what is wrong with features before any browser opens.

Bad Gherkin, unknown steps (with the closest catalogue steps), unknown tags and
persona facts that do not exist, each as one message naming file:line and the fix.
"""

from __future__ import annotations

import difflib
import re
import stat
from pathlib import Path

from gherkin.dialect import Dialect

from journeys.effort import budget_from_tag
from journeys.effort.result import STAGES
from journeys.errors import FeatureError, JourneysError
from journeys.project.catalogue import CatalogueStep, closest_steps
from journeys.project.catalogue import load as load_catalogue
from journeys.project.features import relative
from journeys.project.scenario_checks import (
    category_problem,
    configured_categories,
    file_problem,
    fixed_facts,
    journeys_tables,
    old_style_text_problem,
)

KNOWN_TAGS = frozenset(
    {*STAGES, "moment-that-matters", "wip", "skip", "nightly", "smoke"}
)
_FACT_STEP = re.compile(
    r'(?:I fill in "[^"]*" with|I key in) my (?P<fact>[\w -]+?)(?: as "[^"]*")?$'
)
_NOTE_STEP = re.compile(r'I note the (?P<thing>[\w -]+?) shown (?:after|as) "[^"]*"$')
_PATTERN_STEP = re.compile(r'I note the [\w -]+? shown as "(?P<pattern>[^"]*)"$')
_BRACED_FACT = re.compile(r"\{\s*(my [\w -]+?)\s*\}", re.IGNORECASE)

STEP_KEYWORDS = ("Given", "When", "Then", "And", "But")
_BLOCK = re.compile(
    r"\s*(Scenario|Scenario Outline|Scenario"
    r" Template|Example|Background|Rule|Examples)\s*:"
)
# A misspelt budget tag gets a worked example, not the form with N.
_BUDGET_EXAMPLES = {"ces-at-least-N": "ces-at-least-5", "max-steps-N": "max-steps-12"}


# a journey is a page of Gherkin: anything bigger is not a feature someone wrote
MAX_FEATURE_BYTES = 1_000_000
_SCENARIO_LINE = re.compile(
    r"\s*(?:Scenario Outline|Scenario"
    r" Template|Scenario|Example)\s*:\s*(?P<name>.*?)\s*$"
)
_LANGUAGE_LINE = re.compile(r"\s*#\s*language\s*:\s*(?P<language>\S*)\s*$")
_BOM = b"\xef\xbb\xbf"


def feature_files(paths: list[Path]) -> list[Path]:
    """The regular .feature files at `paths` (folders searched); a pipe, a device or a
    looping link is an error.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [_regular_feature(f) for f in sorted(path.rglob("*.feature"))]
        elif path.suffix == ".feature" and (path.is_symlink() or path.exists()):
            files.append(_regular_feature(path))
        else:
            raise JourneysError(
                f"{path}: no such feature file or folder\n  fix: give a .feature file"
                " or a folder of them"
            )
    return files


def _regular_feature(path: Path) -> Path:
    """`path` when it is a regular file of a reasonable size; reading anything else
    could block or never end.
    """
    where = _relative(path)
    try:
        status = path.stat()
    except OSError as error:
        if path.is_symlink():
            raise JourneysError(
                f"{where}: is a link that leads nowhere ({error.strerror})\n  fix:"
                " point it at a .feature file, or remove it"
            ) from None
        raise JourneysError(
            f"{where}: cannot be read ({error.strerror})\n  fix: check the file and its"
            " permissions"
        ) from None
    if not stat.S_ISREG(status.st_mode):
        raise JourneysError(
            f"{where}: is not a regular file (a pipe, socket or device)\n  fix: replace"
            " it by a .feature text file, or remove it"
        )
    if status.st_size > MAX_FEATURE_BYTES:
        raise JourneysError(
            f"{where}: is {status.st_size / 1e6:.1f} MB, more than a feature file may"
            " be (1 MB)\n  fix: split it into smaller feature files"
        )
    return path


def read_feature(path: Path) -> tuple[str, str]:
    """The text of a feature file and "" , or "" and the problem (with its line and fix)
    that stops Gherkin reading it.
    """
    with open(
        path, "rb"
    ) as handle:  # a regular file (feature_files checked): reading ends
        data = handle.read(MAX_FEATURE_BYTES + 1)
    if data.startswith(_BOM):
        return (
            "",
            (
                "1: starts with a byte order mark (BOM), which Gherkin reads as text\n "
                " fix: save it as UTF-8 without BOM"
            ),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (
            "",
            (
                f"{line}: is not UTF-8 text (byte 0x{data[error.start]:02x})\n  fix:"
                " save it as UTF-8"
            ),
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return (
            "",
            (
                f"{line}: has a NUL character in it (invisible, but not the same"
                " text)\n  fix: delete it; save the file as plain UTF-8 text"
            ),
        )
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.strip().startswith("#"):
            break
        language = _LANGUAGE_LINE.match(line)
        if language and Dialect.for_name(language.group("language")) is None:
            return (
                "",
                (
                    f"{number}: `{line.strip()}` is not a language Gherkin knows\n "
                    " fix: write a Gherkin language code (en, de, fr, es, ...) or"
                    " remove the line for English"
                ),
            )
    return text, ""


def check_features(paths: list[Path], *, root: Path | None = None) -> list[str]:
    """Every problem found, as messages for people; an empty list means the features are
    fine.
    """
    from pytest_bdd import exceptions as bdd
    from pytest_bdd.parser import FeatureParser

    from journeys.shopper import fact_named

    catalogue = load_catalogue(root)
    tables = journeys_tables(root)
    fixed = fixed_facts(tables)
    categories = configured_categories(tables)
    problems: list[str] = []
    files = feature_files(paths)
    if not files:
        return [
            f"{', '.join(_relative(p) for p in paths)}: no .feature files\n  fix: add"
            " features, see docs/first-journey.md"
        ]
    for file in files:
        where = _relative(file)
        text, unreadable = read_feature(file)
        if unreadable:
            problems.append(f"{where}:{unreadable}")
            continue
        if not _gherkin_lines(text):
            problems.append(
                f"{where}: is empty\n  fix: start it with `Feature: <what the customer"
                " wants>` and a `Scenario:`"
            )
            continue
        try:
            feature = FeatureParser(str(file.parent), file.name).parse()
        except bdd.GherkinParseError as error:
            problems.append(f"{where}:{error.line}: {_gherkin_problem(error, text)}")
            continue
        except (
            KeyError,
            TypeError,
        ):  # pytest-bdd found no Feature at all (only comments or tags)
            problems.append(
                f"{where}: has no `Feature:` line\n  fix: start it with `Feature: <what"
                " the customer wants>`"
            )
            continue
        problems += [
            f"{where}:{line}: {problem}" for line, problem in _loose_steps(text)
        ]
        problems += [
            f"{where}:{line}: {problem}" for line, problem in _twin_scenarios(text)
        ]
        if not feature.scenarios:
            problems.append(
                f"{where}: has no scenarios\n  fix: add a `Scenario:` with"
                " Given/When/Then steps"
            )
        tags_seen: set[str] = set()
        for scenario in feature.scenarios.values():
            for tag in sorted({*feature.tags, *scenario.tags} - tags_seen):
                if (
                    tag in feature.tags
                ):  # a feature's tag is reported once, not once per scenario
                    tags_seen.add(tag)
                problem = _tag_problem(tag)
                if problem:
                    problems.append(
                        f"{where}:{_tag_line(text, tag, scenario.line_number)}:"
                        f" {problem}"
                    )
            if not [step for step in scenario.steps if step.background is None]:
                problems.append(
                    f"{where}:{scenario.line_number}: scenario `{scenario.name}` has no"
                    " steps, so it would score 7 without a walk\n  fix: add its"
                    " Given/When/Then steps, or remove it"
                )
            noted = set(
                fixed
                # fixed facts, then what earlier steps (the Background first) noted from
                # a page
            )
            for step in scenario.steps:
                problem = (
                    _step_problem(step, catalogue, fact_named, noted)
                    or file_problem(step, file, root)
                    or category_problem(step, categories)
                    or old_style_text_problem(step, noted)
                )
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
        problem = error.args[0].split(": ", 1)[-1]
        for form, example in _BUDGET_EXAMPLES.items():
            number = re.search(r"\d+(?:\.\d+)?$", tag)
            problem = problem.replace(
                f"@{form}", f"@{form[:-1]}{number.group()}" if number else f"@{example}"
            )
        return problem
    from rapidfuzz import process

    known = sorted(
        KNOWN_TAGS
        | {"ces-at-least-N", "max-steps-N", "no-reentered-data", "no-dead-ends"}
    )
    close = process.extractOne(tag, known)
    hint = (
        f"did you mean @{close[0]}?"
        if close and close[1] >= 60
        else "known tags: " + ", ".join("@" + k for k in known)
    )
    return f"unknown tag @{tag}\n  fix: {hint}"


def _step_problem(
    step: object,
    catalogue: list[CatalogueStep],
    fact_named: object,
    noted: set[str] | None = None,
) -> str | None:
    keyword = {"given": "Given", "when": "When", "then": "Then"}.get(
        getattr(step, "type", ""), ""
    )
    text = getattr(step, "name", "")
    if not any(s.keyword == keyword and s.matches(text) for s in catalogue):
        same_text = [s for s in catalogue if s.matches(text)]
        if same_text:
            return (
                f"`{keyword} {text}` is a {same_text[0].keyword} step\n  fix: write"
                f" `{same_text[0].keyword} {text}`"
            )
        suggestions = closest_steps(text, catalogue)
        if suggestions:
            others = "".join(f", `{s}`" for s in suggestions[1:])
            fix = f"did you mean `{suggestions[0]}`?" + (
                f" (or{others[1:]})" if others else ""
            )
        else:
            fix = "use a step from the catalogue (`journeys steps` lists them)"
        return f"unknown step `{keyword} {text}`\n  fix: {fix}"
    from journeys.shopper.persona import GIVEN_BY_THE_SITE, fact_key
    from journeys.shopper.web_actions import compiled

    noted = set() if noted is None else noted
    fact = _FACT_STEP.match(text)
    named = [fact.group("fact")] if fact else []
    named += [m.group(1) for m in _BRACED_FACT.finditer(text)]
    for words in named:
        try:
            known = fact_named(words, noted)  # type: ignore[operator]
        except FeatureError as error:
            return f"{error.where} {str(error).removeprefix(error.where + ': ')}"
        if known in GIVEN_BY_THE_SITE and known not in noted:
            thing = known.replace("_", " ")
            return (
                f'"my {thing}" is given by the site, and no step before this one notes'
                " it\n  fix: note it where the site shows it first: When I note the"
                f' {thing} shown after "..."'
            )
    pattern = _PATTERN_STEP.match(text)
    if pattern:
        try:
            compiled(pattern.group("pattern"))
        except FeatureError as error:
            return str(error)
    note = _NOTE_STEP.match(text)
    if note:
        noted.add(fact_key(note.group("thing")))
    return None


def _gherkin_lines(text: str) -> list[str]:
    """The lines that mean something to Gherkin: not blank, not comments."""
    return [
        line
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def _gherkin_problem(error: object, text: str) -> str:
    """pytest-bdd's parse error, said the way the person who wrote the line can act on
    it.
    """
    content = getattr(error, "line_content", "").strip()
    if not content:
        return (
            "the file ends before any `Feature:` line\n  fix: start it with `Feature:"
            " <what the customer wants>`"
        )
    if not any(line.strip().startswith("Feature:") for line in text.splitlines()):
        return (
            f"`{content}` comes before any `Feature:` line\n  fix: start the file with"
            " `Feature: <what the customer wants>`"
        )
    word = content.split(" ", 1)[0].rstrip(":")
    close = difflib.get_close_matches(
        word,
        [*STEP_KEYWORDS, "Scenario", "Background", "Examples", "Feature"],
        n=1,
        cutoff=0.6,
    )
    if close and close[0] != word:
        return (
            f"`{word}` is not a Gherkin keyword in `{content}`\n  fix: write"
            f" `{close[0]}`"
        )
    detail = str(getattr(error, "message", error)).splitlines()[0]
    return (
        f"`{content}` is not valid Gherkin here ({detail})\n"
        "  fix: steps start with Given, When, Then, And or But, under a `Scenario:`"
    )


def _loose_steps(text: str) -> list[tuple[int, str]]:
    """Steps written before the first Scenario, which Gherkin silently reads as the
    feature's description.
    """
    loose, in_feature = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("Feature:"):
            in_feature = True
        elif _BLOCK.match(line):
            break
        elif in_feature and stripped.split(" ", 1)[0] in STEP_KEYWORDS:
            loose.append(
                (
                    number,
                    (
                        f"step `{stripped}` is outside any Scenario, so it never runs\n"
                        "  fix: move it under a `Scenario:` (or a `Background:` for"
                        " every scenario)"
                    ),
                )
            )
    return loose


def _twin_scenarios(text: str) -> list[tuple[int, str]]:
    """Scenarios with the name of an earlier one: pytest-bdd keeps only one of them,
    silently.
    """
    first_seen: dict[str, int] = {}
    twins = []
    for number, line in enumerate(text.splitlines(), start=1):
        scenario = _SCENARIO_LINE.match(line)
        if not scenario:
            continue
        name = scenario.group("name")
        if name in first_seen:
            twins.append(
                (
                    number,
                    (
                        f"a second scenario named `{name}` (the first is on line"
                        f" {first_seen[name]}): only one would be walked\n  fix: give"
                        " each scenario its own name"
                    ),
                )
            )
        else:
            first_seen[name] = number
    return twins


def _tag_line(text: str, tag: str, default: int) -> int:
    """The line a tag is written on (pytest-bdd keeps tags without their lines)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("@") and f"@{tag}" in line.split():
            return number
    return default


def _relative(path: Path) -> str:
    return relative(path)
