"""The chat channel: the customer talks to the company's bot, over its HTTP API or
through the widget on the page.

Configured without code in `[tool.journeys.chat]` (see docs/channels.md): `adapter =
"http"` calls the bot's API, like Botium's generic REST connector (`HttpChat`, here);
`adapter = "widget"` types into the chat box on the web page (`widget.py`). Both build
on `conversation.Conversation`, record the same events and decide nothing about effort.
`build_chat` makes the one configured.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx

from journeys.project.templating import JsonValue, render, render_text

from ..effort.ledger import Ledger
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
from .exchanges import Exchange, JsonPath, url_for
from .http_api import ApiClient
from .persona import Persona
from .widget import WidgetChat

if TYPE_CHECKING:
    from playwright.sync_api import Page

# the longest wait between two reads of a conversation: a person who joins is seen
# within it
POLL_MAX_S = 2.0


class HttpChat(Conversation):
    """The company's bot over its HTTP API, configured in `[tool.journeys.chat]` with
    adapter = "http".
    """

    def __init__(
        self,
        config: ChatConfig,
        *,
        base_url: str,
        ledger: Ledger,
        persona: Persona,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        self._clock = clock
        self._sleep = sleep
        self._base_url = base_url
        # messages of others heard in this conversation: a poll's older ones are not new
        self._heard_count = 0
        self._api = ApiClient(
            "chat",
            section=SECTION,
            endpoint=config.endpoint,
            headers=config.headers,
            base_url=base_url,
            timeout_s=config.timeout_s,
            persona_secrets=self._secrets,
            environ=environ,
            transport=transport,
        )
        self.url = self._api.base  # may hold {conversation}
        self._session: str | None = None
        self._conversation = ""
        self._opened = False

    def open(self) -> None:
        """Start a new conversation: no session or cookies yet, a fresh conversation id
        for APIs where the client names it.
        """
        self._api.forget_cookies()
        self._session = None
        self._conversation = uuid.uuid4().hex
        self._heard_count = 0
        self._opened = True
        self._started = self.config.start is None

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Send one message (persona facts filled in) and record every reply, or why
        none came.
        """
        if not self._opened:
            self.open()
        message, _ = self._said(text, asked_for_human=asked_for_human)
        sent = self._clock()
        if not self._started:
            failed = self._start()
            if failed:
                return self._heard(message, [Reply(text="", failed=failed)])
        values = self._values(message)
        outcome = self._api.call(
            self.config.method,
            self._url(self.url, values),
            body=render(self.config.body, values),
            values=values,
        )
        if outcome.failed:
            return self._heard(
                message,
                [Reply(text="", latency_ms=outcome.latency_ms, failed=outcome.failed)],
            )
        replies = self._read(
            outcome.document,
            outcome.latency_ms,
            empty_is_failure=self.config.poll is None,
        )
        if self.config.poll is not None and _waiting_for_more(replies):
            # The answer said nothing yet, or a person is joining: read the conversation
            # again until they speak.
            replies = [r for r in replies if not r.failed] + self._poll(sent)
        return self._heard(message, replies)

    def _values(self, message: str = "") -> dict[str, JsonValue]:
        return {
            **self.persona.values(),
            "message": message,
            "session": self._session,
            "conversation": self._conversation,
        }

    @staticmethod
    def _url(template: str, values: Mapping[str, JsonValue]) -> str:
        return render_text(
            template,
            {name: quote(_text_of(value), safe="") for name, value in values.items()},
        )

    def _start(self) -> str:
        """Create the conversation the API needs first; why it failed, or ""."""
        start = self.config.start
        assert start is not None
        values = self._values()
        outcome = self._api.call(
            start.method,
            self._url(url_for(self._base_url, start.path), values),
            body=render(start.body, values),
            values=values,
        )
        if outcome.failed:
            return f"could not start a conversation: {outcome.failed}"
        found = start.id_path.first(outcome.document)
        if found in (None, ""):
            return (
                "could not start a conversation: its answer has no id at"
                f" {start.id_path.text!r} (it was {_shape(outcome.document)})"
            )
        self._session = self._conversation = str(found)
        self._started = True
        return ""

    def _poll(self, sent: float) -> list[Reply]:
        """Read the conversation again, backing off from interval_s, until a new message
        comes or the timeout ends.
        """
        poll = self.config.poll
        assert poll is not None
        timeout_s = (
            poll.timeout_s if poll.timeout_s is not None else self.config.timeout_s
        )
        deadline = sent + timeout_s
        delay = poll.interval_s
        last_problem = ""
        while True:
            remaining = deadline - self._clock()
            if remaining <= 0:
                latency_ms = round((self._clock() - sent) * 1000, 1)
                why = f"no new message within {timeout_s:g} s" + (
                    f" (last try: {last_problem})" if last_problem else ""
                )
                return [Reply(text="", latency_ms=latency_ms, failed=why)]
            self._sleep(min(delay, remaining))
            delay = min(delay * 2, max(poll.interval_s, POLL_MAX_S))
            values = self._values()
            outcome = self._api.call(
                poll.method,
                self._url(url_for(self._base_url, poll.path), values),
                body=render(poll.body, values),
                values=values,
            )
            if outcome.failed:
                last_problem = outcome.failed
                continue
            latency_ms = round((self._clock() - sent) * 1000, 1)
            new = self._messages(
                outcome.document, poll.text_path, poll.by_path, poll.author_path
            )[self._heard_count :]
            if new:
                self._heard_count += len(new)
                return self._replies(
                    new, latency_ms=latency_ms, fallback=False, handoff=None
                )

    def _messages(
        self,
        document: JsonValue,
        text_path: JsonPath | None,
        by_path: JsonPath | None,
        author_path: JsonPath | None,
    ) -> list[tuple[str, str, str]]:
        """(text, role, author) of every message in the document but the customer's own,
        in order.
        """
        text_path = text_path or self.config.text_path
        assert text_path is not None  # chat_config requires it for the http adapter
        texts = [_as_text(v) for v in text_path.items(document)]
        by_path = by_path or self.config.by_path
        roles = _authors(by_path, document, len(texts))
        names = (
            _authors(author_path or self.config.author_path, document, len(texts))
            if (author_path or self.config.author_path)
            else roles
        )
        customer = self.config.customer_authors
        return [
            (t, r, n)
            for t, r, n in zip(texts, roles, names)
            if t.strip() and r.lower() not in customer
        ]

    def _read(
        self, document: JsonValue, latency_ms: float, *, empty_is_failure: bool = True
    ) -> list[Reply]:
        config = self.config
        if config.session_path is not None:
            session = config.session_path.first(document)
            if session not in (None, ""):
                self._session = str(session)
        assert (
            config.text_path is not None
        )  # chat_config requires it for the http adapter
        texts = [_as_text(v) for v in config.text_path.items(document) if v is not None]
        texts = [t for t in texts if t.strip()]
        if not texts:
            if not empty_is_failure:
                return []
            shape = _shape(document)
            return [
                Reply(
                    text="",
                    latency_ms=latency_ms,
                    failed=(
                        f"the bot's answer has no text at {config.text_path.text!r} (it"
                        f" was {shape})"
                    ),
                )
            ]
        self._heard_count += len(texts)
        roles = _authors(config.by_path, document, len(texts))
        names = (
            _authors(config.author_path, document, len(texts))
            if config.author_path
            else roles
        )
        understood = _flag(config.understood_path, document)
        fallback = (
            (_flag(config.fallback_path, document) or False)
            if understood is None
            else not understood
        )
        handoff = _flag(config.handoff_path, document)
        quick = (
            tuple(_as_text(v) for v in config.quick_replies_path.items(document))
            if config.quick_replies_path
            else ()
        )
        return self._replies(
            list(zip(texts, roles, names)),
            latency_ms=latency_ms,
            fallback=fallback,
            handoff=handoff,
            quick_replies=quick,
            confidence=_confidence(config.confidence_path, document),
        )

    def exchanges(self) -> list[Exchange]:
        """Every HTTP exchange with the bot, secrets redacted (attached to the
        report).
        """
        return self._api.exchanges()

    def close(self) -> None:
        self._api.close()


def _confidence(path: JsonPath | None, document: object) -> float | None:
    """The bot's confidence in its answer (0..1), or None where the API gives none or
    something else than a number.
    """
    if path is None:
        return None
    for value in path.items(document):
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and 0 <= value <= 1
        ):
            return float(value)
    return None


def build_chat(
    config: ChatConfig,
    *,
    base_url: str,
    ledger: Ledger,
    persona: Persona,
    page: Callable[[], Page],
    environ: Mapping[str, str] | None = None,
) -> HttpChat | WidgetChat:
    """The chat ability `config` describes; `page` is asked only by the widget, when it
    is built.

    `environ` holds the variables `${NAME}` may name (default: the process's).
    """
    if config.adapter == "widget":
        return WidgetChat(
            page(), config, ledger=ledger, persona=persona, base_url=base_url
        )
    return HttpChat(
        config, base_url=base_url, ledger=ledger, persona=persona, environ=environ
    )


def _waiting_for_more(replies: list[Reply]) -> bool:
    """Nothing said yet, or a hand-off announced with no person speaking in it: a later
    message is coming.
    """
    if not replies:
        return True
    return any(r.handoff for r in replies) and not any(r.by == "agent" for r in replies)


def _text_of(value: JsonValue) -> str:
    return "" if value is None else str(value)


def _as_text(value: JsonValue) -> str:
    return (
        value
        if isinstance(value, str)
        else ("" if isinstance(value, (dict, list)) else str(value))
    )


def _shape(document: JsonValue) -> str:
    if isinstance(document, dict):
        return "an object with " + (", ".join(sorted(document)[:8]) or "no keys")
    if isinstance(document, list):
        return f"a list of {len(document)}"
    return "empty" if document is None else type(document).__name__


def _authors(path: JsonPath | None, document: JsonValue, count: int) -> list[str]:
    """Who said each message, as the API names them: per message when the path gives one
    each, else one for all; "" unknown.
    """
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
