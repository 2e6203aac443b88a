"""The phone channel: the customer calls the support line, and the harness plays the
voice platform.

Configured in `[tool.journeys.phone]` (see docs/channels.md): `adapter = "twiml"` posts
the call's start to the line's webhook with the parameters Twilio sends (CallSid, From,
To, CallStatus, later Digits or SpeechResult) and follows the TwiML it answers; `adapter
= "voicexml"` fetches VoiceXML 2.1 documents as a voice browser does. No call is placed
and no telephone line is used: the menu is walked over HTTP, every exchange recorded and
redacted.

`PhoneLine` records what the caller heard, pressed and said, transfers, hold and the end
of the call as events; it decides nothing about effort. Every call is bounded: a
wall-clock deadline, a number of documents, and a loop of requests with no answer from
the caller in between ends the call with why.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import urljoin

import httpx

from journeys.project.templating import env_references, expand_env

from ..effort.events import (
    CallStarted,
    KeysPressed,
    PhraseSaid,
    PromptHeard,
)
from ..effort.ledger import Ledger
from .exchanges import Exchange, header_secrets
from .persona import Persona
from .phone_browser import CallOver, VoiceBrowser
from .phone_config import SECTION, PhoneConfig, phone_config, phone_lines
from .phone_document import (
    Go,
    Option,
    Say,
    offered,
)
from .phone_http import LineClient


class PhoneLine(VoiceBrowser):
    """The support line, walked as a voice browser: one call at a time, events recorded
    in the ledger.
    """

    def __init__(
        self,
        config: PhoneConfig,
        *,
        base_url: str,
        ledger: Ledger,
        persona: Persona,
        lines: Mapping[str, tuple[PhoneConfig, str]] | None = None,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.ledger = ledger
        self.persona = persona
        self._base_url = base_url
        self._lines = dict(lines or {})
        self._environ = dict(os.environ if environ is None else environ)
        self._clock = clock
        self._http = LineClient(self._secrets, transport)
        self._reset()

    # -- what the caller does ----------------------------------------------------------

    def call(self, on: str = "") -> None:
        """Call the support line (or the line of the profile named `on`, or the number
        `on`) and listen to the first menu.
        """
        if self.calling:
            self._end("caller")
        self._reset()
        config, base_url = self.config, self._base_url
        line = config.line
        if on and on in self._lines:
            config, base_url = self._lines[on]
            line = config.line
        elif on:
            line = on
        self._config = config
        key = SECTION
        headers = {
            name: expand_env(value, self._environ, key=f"{key}.headers.{name}")
            for name, value in config.headers.items()
        }
        self._http.headers = headers
        names = env_references(dict(config.headers)) | env_references(config.webhook)
        self._env_secrets = (
            *(self._environ[n] for n in sorted(names) if self._environ.get(n)),
            *header_secrets(config.headers, headers),
        )
        webhook = expand_env(config.webhook, self._environ, key=f"{key}.webhook")
        url = (
            webhook
            if webhook.startswith(("http://", "https://"))
            else urljoin(base_url.rstrip("/") + "/", webhook.lstrip("/"))
        )
        self.call_id = "CA" + uuid.uuid4().hex
        self._line = line
        self._deadline = self._clock() + config.deadline_s
        self.ledger.record(
            CallStarted(number=line, url=self._shown(url), call_id=self.call_id)
        )
        # Twilio posts a new call to its webhook; a voice browser asks for its first
        # VoiceXML page.
        self._fetch(
            Go(url=url, method="POST" if config.adapter == "twiml" else "GET"),
            status="ringing",
        )
        self._run()

    def press(self, keys: str, *, fact: str | None = None) -> None:
        """Press keys on the keypad in answer to the prompt; the line's answer is
        heard.
        """
        ask = self._waiting()
        operator = fact is None and keys in self._config.operator_keys
        shown = "•••" if self.persona.is_secret(fact) else keys
        self.ledger.record(KeysPressed(keys=shown, fact=fact, asked_for_human=operator))
        self._answer(ask, keys=keys)

    def key_in(self, fact: str) -> None:
        """Key in a persona fact's digits, then # where the prompt ends on it."""
        ask = self._waiting()
        digits = re.sub(r"\D", "", self.persona[fact])
        end = ask.finish_on_key if (ask.num_digits == 0 and ask.finish_on_key) else ""
        self.press(digits + end, fact=fact)

    def say(self, phrase: str) -> None:
        """Say a phrase to a line that listens ("my order number"… become the persona's
        facts).
        """
        ask = self._waiting()
        text, facts = self.persona.expand(phrase)
        operator = any(w in phrase.lower() for w in self._config.operator_words)
        self.ledger.record(PhraseSaid(text=text, facts=facts, asked_for_human=operator))
        self._answer(ask, phrase=text)

    def stay_silent(self) -> None:
        """Press nothing: the prompt's timeout runs out and the line does what it does
        then.
        """
        ask = self._waiting()
        self.ledger.record(KeysPressed(keys="", silent=True))
        self._answer(ask)

    def wait_on_hold(self) -> None:
        """Stay on the line: in a queue, hear its hold document until a person answers;
        else let the prompt time out.
        """
        if self.on_hold:
            self._hold()
        elif self.asking is not None:
            self.stay_silent()

    def options(self) -> list[Option]:
        """The ways out of the menu the caller is in: its choices, or what its prompt
        offers ("press 2 for billing").
        """
        ask = self.asking
        if ask is None:
            return []
        found = [
            Option(c.keys, c.said or " ".join(c.words))
            for c in ask.choices
            if c.keys or c.words
        ]
        if found:
            return found
        said = " ".join(p.text for p in ask.prompts if isinstance(p, Say) and p.text)
        return offered(said)

    def heard(self) -> list[PromptHeard]:
        """Every prompt heard in this journey, in order."""
        return [e for e in self.ledger.events if isinstance(e, PromptHeard)]

    def exchanges(self) -> list[Exchange]:
        """Every HTTP exchange with the line, secrets redacted (attached to the
        report).
        """
        return self._http.exchanges()

    def close(self) -> None:
        if self.calling:
            self._end("caller")
        self._http.close()


def build_phone(
    config: PhoneConfig,
    *,
    base_url: str,
    ledger: Ledger,
    persona: Persona,
    lines: Mapping[str, tuple[PhoneConfig, str]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> PhoneLine:
    """The phone ability `config` describes."""
    return PhoneLine(
        config,
        base_url=base_url,
        ledger=ledger,
        persona=persona,
        lines=lines,
        environ=environ,
    )


__all__ = [
    "CallOver",
    "Option",
    "PhoneConfig",
    "PhoneLine",
    "build_phone",
    "offered",
    "phone_config",
    "phone_lines",
]
