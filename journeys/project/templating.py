"""The two kinds of reference a configuration value may hold, each expanded one way
(`string.Template`).

- ``${NAME}``: an environment variable, expanded when a channel is built, so secrets
  stay out of `pyproject.toml` (`expand_env`).
- ``{name}``: a placeholder in a request template (``"{message}"``,
  ``"/tickets/{id}"``), filled at each request (`render`).

Both are `string.Template`s with their own delimiter and pattern: a lone ``$`` or ``{``
(JSON in a body, a price) is left as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from string import Template
from typing import TypeAlias

from journeys.errors import ConfigError

JsonValue: TypeAlias = (
    "None | bool | int | float | str | list[JsonValue] | dict[str, JsonValue]"
)


class _EnvironmentReference(Template):
    # Only the braced form: "$5 off" or "Bearer $x" is text, not a reference.
    pattern = (
        r"\$(?:(?P<escaped>(?!))|(?P<named>(?!))|\{(?P<braced>\w+)\}|(?P<invalid>\{))"  # type: ignore[assignment]  # compiled by Template
    )


class _Placeholder(Template):
    delimiter = "{"
    # "${NAME}" is an environment reference, expanded apart: its "{NAME}" is no
    # placeholder.
    # compiled by Template
    pattern = (  # type: ignore[assignment]
        r"(?<!\$)\{(?:(?P<escaped>(?!))|(?P<named>\w+)\}|(?P<braced>(?!))|(?P<invalid>(?!)))"
    )


# -- ${NAME} ---------------------------------------------------------------------------


def expand_env(
    value: str, environ: Mapping[str, str] | None = None, *, key: str = ""
) -> str:
    """Expand ${NAME} from the environment; a missing variable is a config error naming
    it.
    """
    environ = os.environ if environ is None else environ
    try:
        return _EnvironmentReference(value).substitute(environ)
    except KeyError as missing:
        name = str(missing.args[0])
        raise ConfigError(
            key or name, f"needs the environment variable {name}", f"export {name}=..."
        ) from None
    except ValueError:
        raise ConfigError(key or value, "has an unclosed ${", "write ${NAME}") from None


def check_env_references(key: str, text: str) -> None:
    """A value whose ${...} is not a variable name is a config error (caught at load,
    not at first use).
    """
    if not _EnvironmentReference(text).is_valid():
        raise ConfigError(
            key,
            "has a malformed ${...} reference",
            "write ${NAME} with a variable name",
        )


def env_references(value: JsonValue) -> set[str]:
    """Environment variable names referenced as ${NAME} anywhere in a configuration
    value.
    """
    if isinstance(value, str):
        template = _EnvironmentReference(value)
        return set(template.get_identifiers()) if template.is_valid() else set()
    return set().union(set(), *(env_references(v) for v in _children(value)))


# -- {placeholder} ---------------------------------------------------------------------


def placeholders(template: JsonValue) -> set[str]:
    """The placeholder names a template (text, table or list) uses."""
    if isinstance(template, str):
        return set(_Placeholder(template).get_identifiers())
    return set().union(set(), *(placeholders(v) for v in _children(template)))


def check_placeholders(key: str, template: JsonValue, allowed: Iterable[str]) -> None:
    """Every placeholder a template uses must be one its channel fills."""
    allowed = tuple(allowed)
    for name in sorted(placeholders(template)):
        if name not in allowed:
            fix = (
                f"use {', '.join('{' + a + '}' for a in allowed)}"
                if allowed
                else "remove it"
            )
            raise ConfigError(key, f"uses the unknown placeholder {{{name}}}", fix)


def render(template: JsonValue, values: Mapping[str, JsonValue]) -> JsonValue:
    """Fill a template. A text that is only one placeholder takes the value as is (so a
    missing session is null).
    """
    if isinstance(template, str):
        names = _Placeholder(template).get_identifiers()
        if len(names) == 1 and template == "{" + names[0] + "}" and names[0] in values:
            return values[names[0]]
        return _Placeholder(template).safe_substitute(
            {name: _text(value) for name, value in values.items()}
        )
    if isinstance(template, dict):
        return {k: render(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [render(v, values) for v in template]
    return template


def render_text(template: str, values: Mapping[str, JsonValue]) -> str:
    """Fill a text template (a path, an endpoint): every value as text."""
    return _Placeholder(template).safe_substitute(
        {name: _text(value) for name, value in values.items()}
    )


def _text(value: JsonValue) -> str:
    return "" if value is None else str(value)


def _children(value: JsonValue) -> Iterable[JsonValue]:
    if isinstance(value, dict):
        return value.values()
    if isinstance(value, list):
        return value
    return ()


__all__ = [
    "JsonValue",
    "check_env_references",
    "check_placeholders",
    "env_references",
    "expand_env",
    "placeholders",
    "render",
    "render_text",
]
