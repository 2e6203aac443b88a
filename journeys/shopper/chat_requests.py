"""The requests of a chat API beyond the message itself: `chat.start` creates a
conversation, `chat.poll` reads it again.

Parsed with the rest of `[tool.journeys.chat]` by `conversation.chat_config`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeys.project.templating import JsonValue

from ..effort.facts import FACT_PHRASES
from ..errors import ConfigError, did_you_mean
from .exchanges import (
    JsonPath,
    body_template,
    check_endpoint,
    check_method,
    check_number,
    json_path,
)

SECTION = "tool.journeys.chat"
# Besides these, every persona fact ({email}, {problem}, a noted {customer_number})
# fills a body, path or header.
BODY_PLACEHOLDERS = ("message", "session", "conversation", *FACT_PHRASES)
START_KEYS = ("method", "path", "body", "id_path")
POLL_KEYS = (
    "method",
    "path",
    "body",
    "interval_s",
    "timeout_s",
    "text_path",
    "by_path",
    "author_path",
)


@dataclass(frozen=True)
class StartRequest:
    """`chat.start`: the request that creates a conversation first, and where its id is
    (then {session} and {conversation}).
    """

    path: str
    id_path: JsonPath
    method: str = "POST"
    body: JsonValue = None


@dataclass(frozen=True)
class PollRequest:
    """`chat.poll`: the request that reads the conversation again, until a new message
    comes or `timeout_s` passes.
    """

    path: str
    method: str = "GET"
    body: JsonValue = None
    interval_s: float = (
        0.5  # the first wait; each next one doubles, never past the timeout
    )
    timeout_s: float | None = None  # default: the chat's timeout_s
    text_path: JsonPath | None = None  # default: the chat's own paths
    by_path: JsonPath | None = None
    author_path: JsonPath | None = None


def _table(
    name: str, value: object, known: tuple[str, ...], example: str
) -> Mapping[str, object]:
    where = f"{SECTION}.{name}"
    if not isinstance(value, dict):
        raise ConfigError(where, "must be a table", f"write {name} = {example}")
    for item in value:
        if item not in known:
            raise ConfigError(
                f"{where}.{item}", f"is not a {name} setting", did_you_mean(item, known)
            )
    if "path" not in value:
        raise ConfigError(f"{where}.path", "is missing", f"write {name} = {example}")
    return value


def start_request(value: object) -> StartRequest:
    """`chat.start`, checked; a wrong key or value is a ConfigError naming it."""
    where = f"{SECTION}.start"
    table = _table(
        "start",
        value,
        START_KEYS,
        '{ method = "POST", path = "/api/chat/sessions", id_path = "id" }',
    )
    if "id_path" not in table:
        raise ConfigError(
            f"{where}.id_path",
            "is missing: where the new conversation's id is in the answer",
            'write id_path = "id"',
        )
    allowed = tuple(p for p in BODY_PLACEHOLDERS if p not in ("message", "session"))
    return StartRequest(
        path=check_endpoint(f"{where}.path", table["path"], allowed),
        id_path=json_path(f"{where}.id_path", table["id_path"]),
        method=check_method(f"{where}.method", table.get("method", "POST")),
        body=(
            body_template(f"{where}.body", table["body"], allowed)
            if "body" in table
            else None
        ),
    )


def poll_request(value: object) -> PollRequest:
    """`chat.poll`, checked; a wrong key or value is a ConfigError naming it."""
    where = f"{SECTION}.poll"
    table = _table(
        "poll",
        value,
        POLL_KEYS,
        '{ path = "/api/chat/sessions/{session}/messages", interval_s = 0.5 }',
    )
    allowed = tuple(p for p in BODY_PLACEHOLDERS if p != "message")
    values: dict[str, object] = {
        "path": check_endpoint(f"{where}.path", table["path"], allowed),
        "method": check_method(f"{where}.method", table.get("method", "GET")),
    }
    if "body" in table:
        values["body"] = body_template(f"{where}.body", table["body"], allowed)
    for name in ("interval_s", "timeout_s"):
        if name in table:
            values[name] = check_number(f"{where}.{name}", table[name])
    for name in ("text_path", "by_path", "author_path"):
        if name in table:
            values[name] = json_path(f"{where}.{name}", table[name])
    return PollRequest(**values)  # type: ignore[arg-type]  # each value was checked above
