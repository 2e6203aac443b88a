"""What every chat adapter shares: `[tool.journeys.chat]` parsed once, the replies and
turns, the conversation base.

`chat.py` (the bot's HTTP API) and `widget.py` (the chat box on the page) both build on
`Conversation`; neither imports the other's module back. A conversation records
`MessageSent` and `ReplyReceived` in the ledger and decides nothing about effort: a
reply the customer never got is recorded with `failed`, a fallback or hand-off with its
flag, and the detectors judge.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from journeys.project.templating import JsonValue, check_placeholders

from ..effort import HandoffCheck, handoff_within
from ..effort.events import MessageSent, ReplyReceived
from ..effort.ledger import Ledger
from ..errors import ConfigError, did_you_mean
from .chat_requests import (
    BODY_PLACEHOLDERS,
    SECTION,
    PollRequest,
    StartRequest,
    poll_request,
    start_request,
)
from .exchanges import (
    Exchange,
    JsonPath,
    body_template,
    check_endpoint,
    check_headers,
    check_method,
    check_number,
    check_text,
    check_texts,
    json_path,
    redact,
)
from .persona import Persona

ADAPTERS = ("http", "widget")
Author = Literal["bot", "agent", "system"]

# What each key means, for whom: a key of the other adapter is a mistake worth naming.
COMMON_KEYS = (
    "adapter",
    "timeout_s",
    "human_request",
    "agent_authors",
    "fallback_phrases",
    "customer_authors",
)
HTTP_KEYS = (
    "endpoint",
    "method",
    "body",
    "headers",
    "text_path",
    "by_path",
    "author_path",
    "fallback_path",
    "understood_path",
    "confidence_path",
    "confidence_threshold",
    "handoff_path",
    "quick_replies_path",
    "session_path",
    "start",
    "poll",
)
WIDGET_KEYS = (
    "open_button",
    "input_label",
    "send_button",
    "log_name",
    "log_selector",
    "frame_selector",
    "reply_selector",
    "author_attribute",
    "author_selector",
    "fallback_attribute",
    "handoff_attribute",
    "text_selector",
    "busy_selector",
    "bot_authors",
    "settle_ms",
)
_TEXTS = (
    "human_request",
    "open_button",
    "input_label",
    "send_button",
    "author_attribute",
    "fallback_attribute",
    "handoff_attribute",
)
_SELECTORS = (
    "log_name",
    "log_selector",
    "frame_selector",
    "reply_selector",
    "author_selector",
    "text_selector",
    "busy_selector",
)
_PATHS = (
    "text_path",
    "by_path",
    "author_path",
    "fallback_path",
    "understood_path",
    "confidence_path",
    "handoff_path",
    "quick_replies_path",
    "session_path",
)


@dataclass(frozen=True)
class ChatConfig:
    """`[tool.journeys.chat]`, validated. Paths are parsed; ${ENV} references stay until
    the adapter is built.
    """

    adapter: Literal["http", "widget"] = "http"
    timeout_s: float = 10.0
    human_request: str = "I want to talk to a human"
    agent_authors: tuple[str, ...] = ("agent", "human", "operator")
    fallback_phrases: tuple[str, ...] = ()
    # http
    endpoint: str = ""
    method: str = "POST"
    body: JsonValue = field(
        default_factory=lambda: _template(
            {"session": "{session}", "message": "{message}"}
        )
    )
    headers: dict[str, str] = field(default_factory=dict)
    text_path: JsonPath | None = None
    by_path: JsonPath | None = (
        # who said each message (compared with agent_authors); also their name, without
        # author_path
        None
    )
    author_path: JsonPath | None = (
        # who said each message by name ("Sam"), when the API gives role and name apart
        None
    )
    fallback_path: JsonPath | None = None
    understood_path: JsonPath | None = (
        None  # the inverse of fallback_path: a reply not understood is a fallback
    )
    # The bot's own confidence in its answer (its NLU score), and the floor under which
    # the answer is a guess at another question ("Do you accept PayPal?" -> "We accept
    # cards." at 0.46): judged as not understood.
    confidence_path: JsonPath | None = None
    confidence_threshold: float = 0.6
    handoff_path: JsonPath | None = None
    quick_replies_path: JsonPath | None = None
    session_path: JsonPath | None = None
    start: StartRequest | None = None
    poll: PollRequest | None = None
    # widget
    open_button: str = (
        "Chat with us"  # "": the chat is on the page already (a full-page chat)
    )
    # the box's label, aria-label or placeholder; else the chat's only textbox
    input_label: str = "Message"
    send_button: str = "Send"
    log_name: str = ""  # the accessible name of the role=log, when the page has several
    # last resort: a CSS selector for the log, when it has no role and no aria-live
    log_selector: str = ""
    # the <iframe> the widget lives in; found by itself when the open button reveals it
    frame_selector: str = ""
    reply_selector: str = ""
    # who wrote a message, by role: compared with agent_authors, customer_authors
    author_attribute: str = "data-author"
    # the element inside a message that shows who wrote it ("Sam"): the reply's author
    author_selector: str = ""
    customer_authors: tuple[str, ...] = ("customer", "user", "me", "you")
    # Widgets that mark a message as a fallback or hand-off (data-fallback="true"):
    # read, when present.
    fallback_attribute: str = "data-fallback"
    handoff_attribute: str = "data-handoff"
    # the part of a message that holds its words, when a message also shows other things
    text_selector: str = ""
    # an element shown while the bot is still writing (a typing indicator, a Stop
    # button)
    busy_selector: str = ""
    bot_authors: tuple[
        str, ...
    ] = ()  # the bot's shown names; default: the first author who answers is the bot
    settle_ms: float = (
        1500.0  # a streamed reply is complete when it has not changed for this long
    )


def _template(value: JsonValue) -> JsonValue:
    return value


def chat_config(section: Mapping[str, object]) -> ChatConfig:
    """Parse `[tool.journeys.chat]` once, all of it; a wrong key or value is a
    ConfigError naming it and the fix.
    """
    known = (*COMMON_KEYS, *HTTP_KEYS, *WIDGET_KEYS)
    for name in section:
        if name not in known:
            raise ConfigError(
                f"{SECTION}.{name}", "is not a chat setting", did_you_mean(name, known)
            )
    adapter = section.get("adapter", "http")
    if adapter not in ADAPTERS:
        raise ConfigError(
            f"{SECTION}.adapter",
            f"{adapter!r} is not a chat adapter",
            f"use one of: {', '.join(ADAPTERS)}",
        )
    other = WIDGET_KEYS if adapter == "http" else HTTP_KEYS
    for name in section:
        if name in other:
            raise ConfigError(
                f"{SECTION}.{name}",
                f"is a setting of the {'widget' if adapter == 'http' else 'http'}"
                f' adapter, and this chat uses adapter = "{adapter}"',
                "remove it, or change adapter",
            )
    values: dict[str, object] = {"adapter": adapter}

    def key(name: str) -> str:
        return f"{SECTION}.{name}"

    if "timeout_s" in section:
        values["timeout_s"] = check_number(key("timeout_s"), section["timeout_s"])
    for name in (*_TEXTS, *_SELECTORS):
        if name in section:
            # An empty open_button says the chat needs no opening: it is on the page
            # already.
            values[name] = (
                section[name]
                if name == "open_button" and section[name] == ""
                else check_text(key(name), section[name])
            )
    if "settle_ms" in section:
        values["settle_ms"] = check_number(key("settle_ms"), section["settle_ms"])
    for name in (
        "agent_authors",
        "fallback_phrases",
        "customer_authors",
        "bot_authors",
    ):
        if name in section:
            values[name] = tuple(
                v.lower() for v in check_texts(key(name), section[name])
            )
    if adapter == "http":
        if "endpoint" not in section:
            raise ConfigError(
                key("endpoint"),
                "is missing: where the bot's API answers",
                'write endpoint = "/api/chat" (relative to the target) or a full URL',
            )
        values["endpoint"] = check_endpoint(
            key("endpoint"), section["endpoint"], BODY_PLACEHOLDERS
        )
        if "text_path" not in section:
            raise ConfigError(
                key("text_path"),
                "is missing: where the reply text is in the bot's answer",
                'write text_path = "messages[*].text" (or "[*].text" for a list)',
            )
        if "method" in section:
            values["method"] = check_method(key("method"), section["method"])
        if "body" in section:
            values["body"] = body_template(
                key("body"), section["body"], BODY_PLACEHOLDERS
            )
        if "headers" in section:
            values["headers"] = check_headers(key("headers"), section["headers"])
            for header, text in values["headers"].items():  # type: ignore[union-attr]
                check_placeholders(key(f"headers.{header}"), text, BODY_PLACEHOLDERS)
        for name in _PATHS:
            if name in section:
                values[name] = json_path(key(name), section[name])
        if "confidence_threshold" in section:
            threshold = check_number(
                key("confidence_threshold"), section["confidence_threshold"]
            )
            if not 0 <= threshold <= 1:
                raise ConfigError(
                    key("confidence_threshold"),
                    f"must be between 0 and 1, not {threshold:g}",
                    "write confidence_threshold = 0.6",
                )
            values["confidence_threshold"] = threshold
        if "fallback_path" in section and "understood_path" in section:
            raise ConfigError(
                key("understood_path"),
                "and fallback_path say the same thing twice",
                "keep the one the bot's answer has",
            )
        if "start" in section:
            values["start"] = start_request(section["start"])
        if "poll" in section:
            values["poll"] = poll_request(section["poll"])
    return ChatConfig(**values)  # type: ignore[arg-type]  # each value was checked above


@dataclass(frozen=True)
class Reply:
    """One answer the customer got (or did not get: `failed` says why); `author` as the
    API or page names them.
    """

    text: str
    by: Author = "bot"
    latency_ms: float = 0.0
    fallback: bool = False
    handoff: bool = False
    failed: str = ""
    quick_replies: tuple[str, ...] = ()
    author: str = ""
    # a streamed reply: when its first words showed (latency_ms: when it was complete)
    first_token_ms: float = 0.0
    confidence: float | None = (
        None  # the bot's own confidence in this answer, where its API gives one
    )


@dataclass(frozen=True)
class Turn:
    """What the customer said and every reply it got, in order."""

    said: str
    replies: tuple[Reply, ...]


class Conversation(abc.ABC):
    """What both adapters share: the persona's words in, events out, turns kept."""

    channel = "chat"

    def __init__(self, config: ChatConfig, *, ledger: Ledger, persona: Persona) -> None:
        self.config = config
        self.ledger = ledger
        self.persona = persona
        self._turns: list[Turn] = []
        self._handed_over = False

    def __repr__(self) -> str:  # allure may record it: short and secret-free
        return f"{type(self).__name__}({len(self._turns)} turns)"

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    def ask_for_human(self) -> list[Reply]:
        """Ask for a person, in the configured words."""
        return self.say(self.config.human_request, asked_for_human=True)

    def press(self, name: str) -> list[Reply]:
        """Press a button the bot offered: over an API, a quick reply sends its words
        (the widget clicks it).
        """
        return self.say(name)

    @abc.abstractmethod
    def open(self) -> None: ...

    @abc.abstractmethod
    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]: ...

    def exchanges(self) -> list[Exchange]:
        return []

    def _secrets(self) -> tuple[str, ...]:
        return self.persona.secrets()

    def _said(self, text: str, *, asked_for_human: bool) -> tuple[str, tuple[str, ...]]:
        """Record what the customer said; return the words to send (persona facts filled
        in).
        """
        expanded, facts = self.persona.expand(text)
        self.ledger.record(
            MessageSent(
                channel="chat",
                text=redact(expanded, self._secrets()),
                facts=facts,
                asked_for_human=asked_for_human,
            )
        )
        return expanded, facts

    def _heard(self, said: str, replies: list[Reply]) -> list[Reply]:
        for reply in replies:
            self.ledger.record(
                ReplyReceived(
                    channel="chat",
                    text=redact(reply.text, self._secrets()),
                    by=reply.by,
                    author=reply.author,
                    latency_ms=reply.latency_ms,
                    first_token_ms=reply.first_token_ms,
                    confidence=reply.confidence,
                    confidence_floor=self.config.confidence_threshold,
                    fallback=reply.fallback,
                    handoff=reply.handoff,
                    failed=reply.failed,
                )
            )
        self._turns.append(
            Turn(said=redact(said, self._secrets()), replies=tuple(replies))
        )
        return replies

    def _replies(
        self,
        messages: list[tuple[str, str, str]],
        *,
        latency_ms: float,
        fallback: bool,
        handoff: bool | None,
        quick_replies: tuple[str, ...] = (),
        first_token_ms: float = 0.0,
        confidence: float | None = None,
    ) -> list[Reply]:
        """Messages (text, role, author) of one answer, as replies: consecutive messages
        of one author joined.

        `role` is compared with `agent_authors` (a person or the bot); `author` is who
        they are, as the API or page names them (often the same value).

        The answer's flags belong to the answer: its fallback to the bot's part, its
        hand-off to the first part by a person (else to its last part), and its latency
        to its first part, as the customer waited once. `handoff=None` means the API has
        no hand-off flag: the first reply by a person in the conversation is the
        hand-off. Two people in one answer ("Sam" passing to "Alex") stay two replies,
        so a transfer can be seen.
        """
        groups: list[tuple[Author, str, list[str]]] = []
        for text, role, author in messages:
            by: Author = "agent" if role.lower() in self.config.agent_authors else "bot"
            if groups and groups[-1][:2] == (by, author):
                groups[-1][2].append(text)
            else:
                groups.append((by, author, [text]))
        phrases = self.config.fallback_phrases
        handoff_at = next(
            (i for i, (by, _, _) in enumerate(groups) if by == "agent"), len(groups) - 1
        )
        replies = []
        for index, (by, author, texts) in enumerate(groups):
            text = "\n".join(texts)
            said_fallback = any(p in text.lower() for p in phrases)
            if handoff is None:
                marks_handoff = by == "agent" and not self._handed_over
            else:
                marks_handoff = handoff and index == handoff_at
            self._handed_over = self._handed_over or marks_handoff or by == "agent"
            replies.append(
                Reply(
                    text=text,
                    by=by,
                    author=author,
                    latency_ms=latency_ms if index == 0 else 0.0,
                    first_token_ms=first_token_ms if index == 0 else 0.0,
                    confidence=confidence if by == "bot" else None,
                    fallback=by == "bot" and (fallback or said_fallback),
                    handoff=marks_handoff,
                    quick_replies=quick_replies if index == len(groups) - 1 else (),
                )
            )
        return replies


__all__ = [
    "ChatConfig",
    "Conversation",
    "HandoffCheck",
    "Reply",
    "Turn",
    "chat_config",
    "handoff_within",
]
