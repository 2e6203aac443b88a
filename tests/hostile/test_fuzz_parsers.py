"""Fuzzed configuration and features: every input is accepted or refused in words naming
the key or line, never a traceback.

Hypothesis writes pyproject.toml tables from the real settings, sections and profiles
mixed with made-up keys, values of every TOML type (inf and nan too), and feature files
from Gherkin lines mixed with noise. Loading a project must either work or raise a
JourneysError (exit 2) naming a `tool.journeys…` key or the file; checking a feature
must list problems that each start with `file:line` or `file:`.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.errors import JourneysError
from journeys.project.checks import check_features
from journeys.project.config import _SCALARS, SECTIONS
from journeys.project.sections import load_project

KEYS = [
    *_SCALARS,
    *SECTIONS,
    "profiles",
    "pointing_s",
    "typist",
    "points",
    "time",
    "url",
    "adapter",
    "endpoint",
    "facts",
    "nonsense",
]
SECTION_KEYS = {
    "effort": ["points", "time", "dead_click_ms", "thresholds", "unknown"],
    "chat": [
        "adapter",
        "endpoint",
        "method",
        "body",
        "text_path",
        "headers",
        "timeout_s",
    ],
    "support": ["endpoint", "create", "read", "headers"],
    "mail": ["adapter", "folder", "host", "port", "timeout_s"],
    "history": ["url", "keep_runs", "regression_threshold"],
    "persona": ["locale", "order_number", "facts"],
    "browser": ["name", "connect", "headless"],
}

scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(
        [
            "",
            "http://127.0.0.1:1",
            "${MISSING_ENV}",
            "{message}",
            "(a+)+$",
            "inf",
            "-1",
            "sqlite:///x.sqlite",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=8,
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(
            value
        )  # a JSON string is a TOML basic string (\uXXXX escapes included)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return (
        "{ "
        + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        + " }"
    )


@st.composite
def journeys_tables(draw: st.DrawFn) -> str:
    lines = ["[tool.journeys]"]
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=4, unique=True)):
        if key in SECTION_KEYS and draw(st.booleans()):
            inner = draw(
                st.dictionaries(st.sampled_from(SECTION_KEYS[key]), values, max_size=4)
            )
            lines.append(f"{json.dumps(key)} = {_toml_value(inner)}")
        else:
            lines.append(f"{json.dumps(key)} = {_toml_value(draw(values))}")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys_tables())
def test_any_configuration_loads_or_is_refused_naming_its_key(pyproject):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        try:
            load_project(root, environ={})
        except JourneysError as error:
            message = str(error)
            assert error.exit_code == 2
            assert "Traceback" not in message
            assert (
                "tool.journeys" in message
                or "pyproject.toml" in message
                or "history" in message
            ), message
            assert 1 <= len(message.strip().splitlines()) <= 3, message


GHERKIN = st.sampled_from(
    [
        "Feature: Buy",
        "Feature:",
        "Scenario: Buy it",
        "Scenario Outline: Buy <thing>",
        "Scenario:",
        "Background:",
        "Rule: r",
        "Given I am a first-time customer",
        "When I open the home page",
        'And I click "Sign up"',
        'Then I should see "Welcome"',
        'When I note my order number shown as "(a+)+$"',
        "When I fill in the form with my details",
        "And I should not have to repeat myself",
        "Examples:",
        "| thing |",
        "| a | b |",
        '"""',
        "@max-steps-1",
        "@",
        "@stage:",
        "# language: xx",
        "# a comment",
        "",
        "Then the journey should be easy (CES at least 9)",
        "When I wait 1e999 seconds",
        "But",
        "*",
    ]
)
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
feature_texts = st.lists(
    st.one_of(GHERKIN, GHERKIN, GHERKIN, noise), min_size=1, max_size=12
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(feature_texts)
def test_any_feature_file_is_checked_with_problems_naming_its_line(text):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
        feature = root / "fuzzed.feature"
        feature.write_text(text, encoding="utf-8")
        problems = check_features([feature], root=root)
    for problem in problems:
        assert "Traceback" not in problem
        assert problem.startswith(("fuzzed.feature", str(feature))), problem
