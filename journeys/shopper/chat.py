"""The chat channel: the customer talks to the company's bot, over its HTTP API or through the widget on the page.

Configured without code in `[tool.journeys.chat]` (see docs/channels.md):
`adapter = "http"` calls the bot's API, like Botium's generic REST connector
(`HttpChat`, here); `adapter = "widget"` types into the chat box on the web
page (`widget.py`). Both build on `conversation.Conversation`, record the same
events and decide nothing about effort. `build_chat` makes the one configured.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx

from ..effort.ledger import Ledger
from ..templating import JsonValue, render, render_text
from .conversation import (
    SECTION,
    ChatConfig,
    Conversation,
    HandoffCheck,
    Reply,
    Turn,
    chat_config,
    handoff_within,
)
from .exchanges import Exchange, JsonPath
from .http_api import ApiClient
from .persona import Persona
from .widget import WidgetChat

if TYPE_CHECKING:
    from playwright.sync_api import Page


class HttpChat(Conversation):
    """The company's bot over its HTTP API, configured in `[tool.journeys.chat]` with adapter = "http"."""

    def __init__(
        self,
        config: ChatConfig,
        *,
        base_url: str,
        ledger: Ledger,
        persona: Persona,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        self._api = ApiClient(
            "chat", section=SECTION, endpoint=config.endpoint, headers=config.headers, base_url=base_url,
            timeout_s=config.timeout_s, persona_secrets=self._secrets, environ=environ, transport=transport,
        )
        self.url = self._api.base  # may hold {conversation}
        self._session: str | None = None
        self._conversation = ""
        self._opened = False

    def open(self) -> None:
        """Start a new conversation: no session or cookies yet, a fresh conversation id for APIs where the client names it."""
        self._api.forget_cookies()
        self._session = None
        self._conversation = uuid.uuid4().hex
        self._opened = True

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Send one message (persona facts filled in) and record every reply, or why none came."""
        if not self._opened:
            self.open()
        message, _ = self._said(text, asked_for_human=asked_for_human)
        values: dict[str, JsonValue] = {"message": message, "session": self._session, "conversation": self._conversation}
        url = render_text(self.url, {name: quote(_text_of(value), safe="") for name, value in values.items()})
        outcome = self._api.call(self.config.method, url, body=render(self.config.body, values))
        if outcome.failed:
            return self._heard(message, [Reply(text="", latency_ms=outcome.latency_ms, failed=outcome.failed)])
        return self._heard(message, self._read(outcome.document, outcome.latency_ms))

    def _read(self, document: JsonValue, latency_ms: float) -> list[Reply]:
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
        roles = _authors(config.by_path, document, len(texts))
        names = _authors(config.author_path, document, len(texts)) if config.author_path else roles
        fallback = _flag(config.fallback_path, document) or False
        handoff = _flag(config.handoff_path, document)
        quick = tuple(_as_text(v) for v in config.quick_replies_path.items(document)) if config.quick_replies_path else ()
        return self._replies(list(zip(texts, roles, names)), latency_ms=latency_ms, fallback=fallback, handoff=handoff, quick_replies=quick)

    def exchanges(self) -> list[Exchange]:
        """Every HTTP exchange with the bot, secrets redacted (attached to the report)."""
        return self._api.exchanges()

    def close(self) -> None:
        self._api.close()


def build_chat(
    config: ChatConfig,
    *,
    base_url: str,
    ledger: Ledger,
    persona: Persona,
    page: Callable[[], Page],
    environ: Mapping[str, str] | None = None,
) -> HttpChat | WidgetChat:
    """The chat ability `config` describes; `page` is asked only by the widget, when it is built.

    `environ` holds the variables `${NAME}` may name (default: the process's).
    """
    if config.adapter == "widget":
        return WidgetChat(page(), config, ledger=ledger, persona=persona, base_url=base_url)
    return HttpChat(config, base_url=base_url, ledger=ledger, persona=persona, environ=environ)


def _text_of(value: JsonValue) -> str:
    return "" if value is None else str(value)


def _as_text(value: JsonValue) -> str:
    return value if isinstance(value, str) else ("" if isinstance(value, (dict, list)) else str(value))


def _shape(document: JsonValue) -> str:
    if isinstance(document, dict):
        return "an object with " + (", ".join(sorted(document)[:8]) or "no keys")
    if isinstance(document, list):
        return f"a list of {len(document)}"
    return "empty" if document is None else type(document).__name__


def _authors(path: JsonPath | None, document: JsonValue, count: int) -> list[str]:
    """Who said each message, as the API names them: per message when the path gives one each, else one for all; "" unknown."""
    if path is None:
        return [""] * count
    found = [_as_text(v) for v in path.items(document)]
    if len(found) == count:
        return found
    return [found[0] if found else ""] * count


def _flag(path: JsonPath | None, document: JsonValue) -> bool | None:
    if path is None:
        return None
    return any(_truthy(v) for v in path.find(document))


def _truthy(value: JsonValue) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "0", "no", "none", "null")
    return bool(value)


__all__ = [
    "ChatConfig",
    "HandoffCheck",
    "HttpChat",
    "Reply",
    "Turn",
    "build_chat",
    "chat_config",
    "handoff_within",
]
