"""The chat channel: the customer talks to the company's bot, over its HTTP API or through the widget on the page.

Configured without code in `[tool.journeys.chat]` (see docs/channels.md):
`adapter = "http"` calls the bot's API, like Botium's generic REST connector;
`adapter = "widget"` types into the chat box on the web page (`widget.py`). Both record the
same events in the ledger, `MessageSent` and `ReplyReceived`, and decide
nothing about effort: a reply the customer never got is recorded with
`failed`, a fallback or hand-off with its flag, and the detectors judge.
"""

from __future__ import annotations

import abc
import difflib
import os
import uuid
from urllib.parse import quote
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import httpx

from ..config import Settings, expand_env
from ..effort.events import Event, MessageSent, ReplyReceived
from ..effort.facts import SECRET_FACTS
from ..effort.ledger import Ledger
from ..errors import ConfigError
from .exchanges import (
    ExchangeRecorder,
    JsonPath,
    body_template,
    call,
    check_headers,
    check_method,
    check_number,
    check_placeholders,
    check_text,
    check_texts,
    env_references,
    header_secrets,
    json_path,
    redact,
    render,
    url_for,
)
from .persona import Persona

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .widget import WidgetChat

SECTION = "tool.journeys.chat"
ADAPTERS = ("http", "widget")
Author = Literal["bot", "agent", "system"]

# What each key means, for whom: a key of the other adapter is a mistake worth naming.
COMMON_KEYS = ("adapter", "timeout_s", "human_request", "agent_authors", "fallback_phrases")
HTTP_KEYS = (
    "endpoint",
    "method",
    "body",
    "headers",
    "text_path",
    "by_path",
    "fallback_path",
    "handoff_path",
    "quick_replies_path",
    "session_path",
)
WIDGET_KEYS = (
    "open_button",
    "input_label",
    "send_button",
    "log_name",
    "reply_selector",
    "author_attribute",
    "customer_authors",
    "fallback_attribute",
    "handoff_attribute",
)
BODY_PLACEHOLDERS = ("message", "session", "conversation")


@dataclass(frozen=True)
class ChatConfig:
    """`[tool.journeys.chat]`, validated. Paths are parsed; ${ENV} references stay until the adapter is built."""

    adapter: str = "http"
    timeout_s: float = 10.0
    human_request: str = "I want to talk to a human"
    agent_authors: tuple[str, ...] = ("agent", "human", "operator")
    fallback_phrases: tuple[str, ...] = ()
    # http
    endpoint: str = ""
    method: str = "POST"
    body: Any = field(default_factory=lambda: {"session": "{session}", "message": "{message}"})
    headers: dict[str, str] = field(default_factory=dict)
    text_path: JsonPath | None = None
    by_path: JsonPath | None = None
    fallback_path: JsonPath | None = None
    handoff_path: JsonPath | None = None
    quick_replies_path: JsonPath | None = None
    session_path: JsonPath | None = None
    # widget
    open_button: str = "Chat with us"
    input_label: str = "Message"
    send_button: str = "Send"
    log_name: str = ""
    reply_selector: str = ""
    author_attribute: str = "data-author"
    customer_authors: tuple[str, ...] = ("customer", "user", "me", "you")
    # Widgets that mark a message as a fallback or hand-off (data-fallback="true"): read, when present.
    fallback_attribute: str = "data-fallback"
    handoff_attribute: str = "data-handoff"

    def env_names(self) -> set[str]:
        """Environment variables the configuration reads: their values are secrets in every report."""
        return env_references(self.headers) | env_references(self.endpoint)


def chat_config(section: dict[str, Any]) -> ChatConfig:
    """Validate `[tool.journeys.chat]`; a wrong key or value is a ConfigError naming it and the fix."""
    known = (*COMMON_KEYS, *HTTP_KEYS, *WIDGET_KEYS)
    for key in section:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
            raise ConfigError(f"{SECTION}.{key}", "is not a chat setting", fix)
    adapter = section.get("adapter", "http")
    if adapter not in ADAPTERS:
        raise ConfigError(f"{SECTION}.adapter", f"{adapter!r} is not a chat adapter", f"use one of: {', '.join(ADAPTERS)}")
    other = WIDGET_KEYS if adapter == "http" else HTTP_KEYS
    for key in section:
        if key in other:
            raise ConfigError(
                f"{SECTION}.{key}", f'is a setting of the {"widget" if adapter == "http" else "http"} adapter, and this chat uses adapter = "{adapter}"',
                "remove it, or change adapter",
            )
    values: dict[str, Any] = {"adapter": adapter}
    key = lambda name: f"{SECTION}.{name}"  # noqa: E731 - a short local spelling of the key prefix
    if "timeout_s" in section:
        values["timeout_s"] = check_number(key("timeout_s"), section["timeout_s"])
    for name in ("human_request", "open_button", "input_label", "send_button", "author_attribute", "fallback_attribute", "handoff_attribute"):
        if name in section:
            values[name] = check_text(key(name), section[name])
    for name in ("log_name", "reply_selector"):
        if name in section:
            values[name] = str(section[name])
    for name in ("agent_authors", "fallback_phrases", "customer_authors"):
        if name in section:
            values[name] = tuple(v.lower() for v in check_texts(key(name), section[name]))
    if adapter == "http":
        if "endpoint" not in section:
            raise ConfigError(key("endpoint"), "is missing: where the bot's API answers", 'write endpoint = "/api/chat" (relative to the target) or a full URL')
        values["endpoint"] = check_text(key("endpoint"), section["endpoint"])
        check_placeholders(key("endpoint"), values["endpoint"], BODY_PLACEHOLDERS)
        if "text_path" not in section:
            raise ConfigError(key("text_path"), "is missing: where the reply text is in the bot's answer", 'write text_path = "messages[*].text" (or "[*].text" for a list)')
        if "method" in section:
            values["method"] = check_method(key("method"), section["method"])
        if "body" in section:
            values["body"] = body_template(key("body"), section["body"], BODY_PLACEHOLDERS)
        if "headers" in section:
            values["headers"] = check_headers(key("headers"), section["headers"])
        for name in ("text_path", "by_path", "fallback_path", "handoff_path", "quick_replies_path", "session_path"):
            if name in section:
                values[name] = json_path(key(name), section[name])
    return ChatConfig(**values)


@dataclass(frozen=True)
class Reply:
    """One answer the customer got (or did not get: `failed` says why)."""

    text: str
    by: Author = "bot"
    latency_ms: float = 0.0
    fallback: bool = False
    handoff: bool = False
    failed: str = ""
    quick_replies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """What the customer said and every reply it got, in order."""

    said: str
    replies: tuple[Reply, ...]


@dataclass(frozen=True)
class HandoffCheck:
    """Whether the bot handed the customer to a human within some turns of being asked, and what it said instead."""

    handed_over: bool
    asked: bool
    turns_used: int
    said_instead: tuple[str, ...] = ()


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

    @abc.abstractmethod
    def open(self) -> None: ...

    @abc.abstractmethod
    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]: ...

    def insist_on_human(self, turns: int) -> HandoffCheck:
        """Keep asking for a human, as a customer would, until handed over or `turns` asks are spent; judged from the ledger."""
        check = handoff_within(self.ledger.events, turns)
        while not check.handed_over and check.turns_used < turns:
            self.ask_for_human()
            check = handoff_within(self.ledger.events, turns)
        return check

    def exchanges(self) -> list[dict[str, Any]]:
        return []

    def _secrets(self) -> tuple[str, ...]:
        return tuple(v for k, v in self.persona.facts.items() if k in SECRET_FACTS and v)

    def _said(self, text: str, *, asked_for_human: bool) -> tuple[str, tuple[str, ...]]:
        """Record what the customer said; return the words to send (persona facts filled in)."""
        expanded, facts = self.persona.expand(text)
        self.ledger.record(
            MessageSent(channel="chat", text=redact(expanded, self._secrets()), facts=facts, asked_for_human=asked_for_human)
        )
        return expanded, facts

    def _heard(self, said: str, replies: list[Reply]) -> list[Reply]:
        for reply in replies:
            self.ledger.record(
                ReplyReceived(
                    channel="chat",
                    text=redact(reply.text, self._secrets()),
                    by=reply.by,
                    latency_ms=reply.latency_ms,
                    fallback=reply.fallback,
                    handoff=reply.handoff,
                    failed=reply.failed,
                )
            )
        self._turns.append(Turn(said=redact(said, self._secrets()), replies=tuple(replies)))
        return replies

    def _replies(
        self,
        messages: list[tuple[str, str]],
        *,
        latency_ms: float,
        fallback: bool,
        handoff: bool | None,
        quick_replies: tuple[str, ...] = (),
    ) -> list[Reply]:
        """Messages (text, author) of one answer, as replies: consecutive messages of one author joined.

        The answer's flags belong to the answer: its fallback to the bot's part,
        its hand-off to the first part by a person (else to its last part), and
        its latency to its first part, as the customer waited once.
        `handoff=None` means the API has no hand-off flag: the first reply by a
        person in the conversation is the hand-off.
        """
        groups: list[tuple[Author, list[str]]] = []
        for text, author in messages:
            by: Author = "agent" if author.lower() in self.config.agent_authors else "bot"
            if groups and groups[-1][0] == by:
                groups[-1][1].append(text)
            else:
                groups.append((by, [text]))
        phrases = self.config.fallback_phrases
        handoff_at = next((i for i, (by, _) in enumerate(groups) if by == "agent"), len(groups) - 1)
        replies = []
        for index, (by, texts) in enumerate(groups):
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
                    latency_ms=latency_ms if index == 0 else 0.0,
                    fallback=by == "bot" and (fallback or said_fallback),
                    handoff=marks_handoff,
                    quick_replies=quick_replies if index == len(groups) - 1 else (),
                )
            )
        return replies


class HttpChat(Conversation):
    """The company's bot over its HTTP API, configured in `[tool.journeys.chat]` with adapter = "http"."""

    def __init__(
        self,
        config: ChatConfig,
        *,
        base_url: str,
        ledger: Ledger,
        persona: Persona,
        client: httpx.Client | None = None,
        environ: dict[str, str] | None = None,
    ) -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        environ = dict(os.environ if environ is None else environ)
        self._headers = {
            name: expand_env(value, environ, key=f"{SECTION}.headers.{name}") for name, value in config.headers.items()
        }
        self.url = url_for(base_url, expand_env(config.endpoint, environ, key=f"{SECTION}.endpoint"))  # may hold {conversation}
        self._env_secrets = tuple(environ[name] for name in config.env_names() if environ.get(name))
        self._recorder = ExchangeRecorder("chat", self._all_secrets)
        if client is None:
            client = httpx.Client(event_hooks=self._recorder.hooks(), follow_redirects=True)
        else:
            self._recorder.attach(client)
        self._client = client
        self._session: str | None = None
        self._conversation = ""
        self._opened = False

    def open(self) -> None:
        """Start a new conversation: no session or cookies yet, a fresh conversation id for APIs where the client names it."""
        self._client.cookies.clear()
        self._session = None
        self._conversation = uuid.uuid4().hex
        self._opened = True

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Send one message (persona facts filled in) and record every reply, or why none came."""
        if not self._opened:
            self.open()
        message, _ = self._said(text, asked_for_human=asked_for_human)
        values = {"message": message, "session": self._session, "conversation": self._conversation}
        outcome = call(
            self._client,
            self._recorder,
            self.config.method,
            render(self.url, {name: quote(_text_of(value), safe="") for name, value in values.items()}),
            body=render(self.config.body, values),
            headers=self._headers,
            timeout_s=self.config.timeout_s,
            secrets=self._all_secrets(),
        )
        if outcome.failed:
            return self._heard(message, [Reply(text="", latency_ms=outcome.latency_ms, failed=outcome.failed)])
        return self._heard(message, self._read(outcome.document, outcome.latency_ms))

    def _read(self, document: Any, latency_ms: float) -> list[Reply]:
        config = self.config
        if config.session_path is not None:
            session = config.session_path.first(document)
            if session not in (None, ""):
                self._session = str(session)
        assert config.text_path is not None  # chat_config requires it for the http adapter
        texts = [_as_text(v) for v in config.text_path.items(document) if v is not None]
        texts = [t for t in texts if t.strip()]
        if not texts:
            shape = _shape(document)
            return [Reply(text="", latency_ms=latency_ms, failed=f"the bot's answer has no text at {config.text_path.text!r} (it was {shape})")]
        authors = _authors(config.by_path, document, len(texts))
        fallback = _flag(config.fallback_path, document) or False
        handoff = _flag(config.handoff_path, document)
        quick = tuple(_as_text(v) for v in config.quick_replies_path.items(document)) if config.quick_replies_path else ()
        return self._replies(list(zip(texts, authors)), latency_ms=latency_ms, fallback=fallback, handoff=handoff, quick_replies=quick)

    def exchanges(self) -> list[dict[str, Any]]:
        """Every HTTP exchange with the bot, secrets redacted (attached to the report)."""
        return self._recorder.exchanges()

    def close(self) -> None:
        self._client.close()

    def _all_secrets(self) -> tuple[str, ...]:
        return (*self._env_secrets, *header_secrets(self.config.headers, self._headers), *self._secrets())


def _text_of(value: Any) -> str:
    return "" if value is None else str(value)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if isinstance(value, (dict, list)) else str(value))


def _shape(document: Any) -> str:
    if isinstance(document, dict):
        return "an object with " + (", ".join(sorted(document)[:8]) or "no keys")
    if isinstance(document, list):
        return f"a list of {len(document)}"
    return "empty" if document is None else type(document).__name__


def _authors(path: JsonPath | None, document: Any, count: int) -> list[str]:
    """Who said each message: per message when the path gives one author each, else the one author for all."""
    if path is None:
        return ["bot"] * count
    found = [_as_text(v) for v in path.items(document)]
    if len(found) == count:
        return found
    return [found[0] if found else "bot"] * count


def _flag(path: JsonPath | None, document: Any) -> bool | None:
    if path is None:
        return None
    return any(_truthy(v) for v in path.find(document))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "0", "no", "none", "null")
    return bool(value)


# -- judging a hand-off from the ledger ----------------------------------------------------------------------------


def handoff_within(events: Iterable[Event], turns: int) -> HandoffCheck:
    """Did the bot hand over to a person within `turns` customer messages of the first request for one?"""
    asked = False
    used = 0
    said: list[str] = []
    for event in events:
        if isinstance(event, MessageSent) and event.channel == "chat":
            if not asked and not event.asked_for_human:
                continue
            asked = True
            used += 1
        elif asked and isinstance(event, ReplyReceived) and event.channel == "chat" and used <= turns:
            if event.handoff or event.by == "agent":
                return HandoffCheck(handed_over=True, asked=True, turns_used=used)
            said.append(event.text or f"(no reply: {event.failed})")
    return HandoffCheck(handed_over=False, asked=asked, turns_used=used, said_instead=tuple(said))


def chat_from_settings(
    settings: Settings,
    *,
    base_url: str,
    ledger: Ledger,
    persona: Persona,
    page_factory: Callable[[], Page],
) -> HttpChat | WidgetChat | None:
    """The chat ability as configured, or None when there is no `[tool.journeys.chat]`."""
    section = settings.section("chat")
    if not section:
        return None
    config = chat_config(section)
    if config.adapter == "widget":
        from .widget import WidgetChat

        return WidgetChat(page_factory(), config, ledger=ledger, persona=persona, base_url=base_url)
    return HttpChat(config, base_url=base_url, ledger=ledger, persona=persona)


__all__ = [
    "ChatConfig",
    "HandoffCheck",
    "HttpChat",
    "Reply",
    "Turn",
    "chat_config",
    "chat_from_settings",
    "handoff_within",
]
