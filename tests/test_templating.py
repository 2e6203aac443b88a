"""One expansion for ${NAME} (the environment) and one for {placeholder} (request
templates).
"""

from __future__ import annotations

import pytest

from journeys.errors import ConfigError
from journeys.project.templating import (
    check_env_references,
    check_placeholders,
    env_references,
    expand_env,
    placeholders,
    render,
    render_text,
)


def test_environment_references_are_expanded_and_other_dollars_are_text():
    assert (
        expand_env("Bearer ${TOKEN}, $5 off, {message}", {"TOKEN": "t-1"})
        == "Bearer t-1, $5 off, {message}"
    )
    assert env_references({"a": ["${A} and ${B}"], "b": "$C", "c": 3}) == {"A", "B"}


@pytest.mark.parametrize(
    ("value", "environ", "message"),
    [
        (
            "Bearer ${MISSING}",
            {},
            (
                "config: tool.journeys.chat.headers.X: needs the environment variable"
                " MISSING\n  fix: export MISSING=..."
            ),
        ),
        (
            "Bearer ${TOKEN",
            {"TOKEN": "t"},
            (
                "config: tool.journeys.chat.headers.X: has an unclosed ${\n  fix: write"
                " ${NAME}"
            ),
        ),
    ],
)
def test_a_reference_that_cannot_be_expanded_names_the_key(value, environ, message):
    with pytest.raises(ConfigError) as caught:
        expand_env(value, environ, key="tool.journeys.chat.headers.X")
    assert str(caught.value) == message


@pytest.mark.parametrize("value", ["${", "${}", "${A-B}", "x ${A"])
def test_a_malformed_reference_is_caught_before_any_use(value):
    with pytest.raises(ConfigError, match="malformed"):
        check_env_references("tool.journeys.support.endpoint", value)


def test_placeholders_are_found_filled_and_checked():
    template = {
        "q": {"text": "{message}"},
        "raw": '{"not": "a placeholder"}',
        "ids": ["{session}", 1],
    }
    assert placeholders(template) == {"message", "session"}
    assert render(template, {"message": "hi", "session": None}) == {
        "q": {"text": "hi"},
        "raw": '{"not": "a placeholder"}',
        "ids": [None, 1],
    }
    assert (
        render_text("/c/{conversation}/{other}", {"conversation": "c1"})
        == "/c/c1/{other}"
    )
    with pytest.raises(ConfigError) as caught:
        check_placeholders("tool.journeys.chat.body", template, ("message",))
    assert (
        str(caught.value)
        == "config: tool.journeys.chat.body: uses the unknown placeholder {session}\n "
        " fix: use {message}"
    )
