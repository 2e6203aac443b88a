"""The voice platform's part of a call: documents fetched, played in order, answers
posted, the call bounded.

`VoiceBrowser` keeps the state of one call (the document and the place in it, the prompt
waiting for an answer, the variables a VoiceXML field filled) and records what the
caller hears and what happens to the call as events. `PhoneLine` (phone.py) adds what
the caller does. Bounds: a wall-clock deadline, `max_documents` a call, and a request
repeated with no answer from the caller in between is a loop; each ends the call with
one line saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal
from urllib.parse import urljoin, urlsplit

from ..effort.events import CallEnded, CallTransferred, HoldWaited, PromptHeard
from ..effort.ledger import Ledger
from .exchanges import redact
from .persona import Persona
from .phone_config import PhoneConfig
from .phone_document import (
    Ask,
    Branch,
    Document,
    End,
    Go,
    Instruction,
    Pause,
    Say,
    Transfer,
    holds,
    offered,
)
from .phone_http import LineClient

ACCOUNT_SID = (
    "AC" + "0" * 32
    # what Twilio would send as AccountSid: a placeholder no line can mistake for a real
    # account
)


_ENDINGS = {
    "transferred": "I was put through",
    "caller": "I hung up",
    "hangup": "the line hung up",
    "reject": "the line rejected the call",
    "leave": "the line left the queue and hung up",
    "disconnect": "the line disconnected",
    "exit": "the line ended the call",
}


class CallOver(Exception):
    """The caller tried to act on a call that is over; the message says how it ended."""


class VoiceBrowser:
    """One call at a time to the line `config` describes; `ledger` receives what
    happened.
    """

    config: PhoneConfig
    ledger: Ledger
    persona: Persona
    _clock: Callable[[], float]
    _http: LineClient
    _line: str

    # -- the state of one call ---------------------------------------------------------

    def _reset(self) -> None:
        self.call_id = ""
        self.ended = ""  # how the call ended ("" while it goes on)
        self.failed = ""
        self.transferred = False
        self.menus = 0  # answers given to menus in this call
        self._document = Document()
        self._url = ""
        self._dialog = ""
        self._position = 0
        self._asking: Ask | None = None
        self._variables: dict[str, str] = {}
        self._documents = 0
        self._since_answer: list[str] = []
        self._deadline = 0.0
        self._queue_hold = ""
        self._env_secrets: tuple[str, ...] = ()
        self._config = self.config

    @property
    def calling(self) -> bool:
        return bool(self.call_id) and not self.ended

    @property
    def asking(self) -> Ask | None:
        """The prompt waiting for the caller's answer, or None."""
        return self._asking if self.calling else None

    @property
    def on_hold(self) -> bool:
        return self.calling and bool(self._queue_hold)

    # -- the voice browser -------------------------------------------------------------

    def _waiting(self) -> Ask:
        if not self.call_id:
            raise CallOver(
                "I have not called the support line yet (When I call the support line)"
            )
        if self.ended:
            raise CallOver(f"the call is over ({self.how_it_ended()})")
        if self._asking is None:
            raise CallOver(
                "the line is not waiting for an answer"
                + (" (I am on hold)" if self._queue_hold else "")
            )
        return self._asking

    def how_it_ended(self) -> str:
        """How the call ended, in a caller's words ("the line hung up"), or why it could
        not go on.
        """
        return self.failed or _ENDINGS.get(
            self.ended, f"the line ended it ({self.ended})"
        )

    def _answer(
        self, ask: Ask, *, keys: str | None = None, phrase: str | None = None
    ) -> None:
        self._asking = None
        self._since_answer = []
        if keys is None and phrase is None:
            self._no_answer(ask, ask.noinput, "noinput")
        elif ask.action is not None:  # TwiML: the platform posts what was entered
            self.menus += 1
            if phrase is not None:
                params = {"SpeechResult": phrase, "Confidence": "0.9"}
            else:
                params = {
                    "Digits": (
                        (keys or "").removesuffix(ask.finish_on_key)
                        if ask.finish_on_key
                        else keys or ""
                    )
                }
            self._fetch(
                Go(url=ask.action or self._url, method=ask.method), extra=params
            )
        else:
            self._choose(ask, keys, phrase)
        self._run()

    def _no_answer(
        self, ask: Ask, handler: tuple[Instruction, ...] | None, event: str
    ) -> None:
        if (
            ask.action is not None
        ):  # TwiML: an empty Gather falls through, or posts nothing when asked to
            if ask.action_on_empty:
                self._fetch(
                    Go(url=ask.action or self._url, method=ask.method),
                    extra={"Digits": ""},
                )
            return
        if handler and self._perform(handler):
            return  # the handler went elsewhere
        self._position -= (
            1  # VoiceXML: the item is visited again, its prompt heard again
        )

    def _choose(self, ask: Ask, keys: str | None, phrase: str | None) -> None:
        """VoiceXML: a menu's matching choice, or a field filled and its <filled>
        run.
        """
        said = (phrase or "").lower().strip()
        entered = (keys or "").removesuffix("#") if keys else ""
        match = next(
            (
                c
                for c in ask.choices
                if (entered and c.keys == entered)
                or (said and any(w and (w == said or w in said) for w in c.words))
            ),
            None,
        )
        if ask.field:
            value = (
                match.said
                if match
                else (entered if ask.digits_only and entered.isdigit() else "")
            )
            if not value and not ask.choices and not ask.digits_only:
                value = said or entered
            if not value:
                self._no_answer(ask, ask.nomatch, "nomatch")
                return
            self.menus += 1 if match else 0
            self._variables[ask.field] = value
            self._perform(ask.filled)
            return
        if match is None:
            self._no_answer(ask, ask.nomatch, "nomatch")
            return
        self.menus += 1
        self._go(Go(url=match.next, method=match.method))

    def _run(self) -> None:
        """Play the current dialog from where it stands until the caller must answer or
        the call ends.
        """
        while self.calling and self._asking is None:
            if self._clock() > self._deadline:
                self._fail(
                    "the call went on past its deadline of"
                    f" {self._config.deadline_s:g} s"
                )
                return
            steps = self._document.dialogs.get(self._dialog, ())
            if self._position >= len(steps):
                if self._queue_hold:
                    return  # in a queue: the caller waits on hold (I wait on hold)
                self._end(
                    "hangup"
                    # a document that ends without a verb ends the call, as the platform
                    # does
                )
                return
            instruction = steps[self._position]
            self._position += 1
            if isinstance(instruction, Ask):
                self._ask(instruction)
                return
            self._perform((instruction,))

    def _ask(self, ask: Ask) -> None:
        said = " ".join(p.text for p in ask.prompts if isinstance(p, Say))
        # A menu offers choices (its own, or "press 2 for billing" in its words); "key
        # in your number" asks, offers none.
        self._hear(
            ask.prompts,
            menu=bool(ask.choices and any(c.next for c in ask.choices))
            or bool(offered(said)),
        )
        self._asking = ask

    def _perform(self, instructions: tuple[Instruction, ...]) -> bool:
        """Run executable instructions; True when one of them moved the call elsewhere
        (or ended it).
        """
        for instruction in instructions:
            if not self.calling:
                return True
            if isinstance(instruction, (Say, Pause)):
                self._hear((instruction,))
            elif isinstance(instruction, Go):
                self._go(instruction)
                return True
            elif isinstance(instruction, End):
                self._end(instruction.reason)
                return True
            elif isinstance(instruction, Transfer):
                self._transfer(instruction)
                return True
            elif isinstance(instruction, Branch):
                for condition, arm in instruction.arms:
                    if holds(condition, self._variables):
                        if self._perform(arm):
                            return True
                        break
            elif isinstance(instruction, Ask):
                self._ask(instruction)
                return True
        return False

    def _hear(
        self,
        prompts: tuple[Say | Pause, ...],
        *,
        menu: bool = False,
        by: Literal["line", "agent"] = "line",
    ) -> None:
        words: list[str] = []

        def flush(last: bool) -> None:
            if words:
                self.ledger.record(
                    PromptHeard(
                        text=" ".join(words),
                        menu=menu and last,
                        by=by,
                        url=self._shown(self._url),
                    )
                )
                words.clear()

        for index, prompt in enumerate(prompts):
            if isinstance(prompt, Pause):
                flush(False)
                self.ledger.record(HoldWaited(seconds=prompt.seconds, why="pause"))
            elif prompt.audio:
                flush(False)
                self.ledger.record(
                    PromptHeard(
                        text="",
                        audio=prompt.audio,
                        menu=menu and index == len(prompts) - 1,
                        by=by,
                        url=self._shown(self._url),
                    )
                )
            else:
                words.append(prompt.text)
        flush(True)
        if menu and not prompts:
            self.ledger.record(
                PromptHeard(text="", menu=True, by=by, url=self._shown(self._url))
            )

    def _go(self, go: Go) -> None:
        if go.url.startswith("#"):
            self._enter(go.url[1:])
            return
        if not go.url:
            self._fail(
                "the line sent the call nowhere (a <goto>, <submit> or <Redirect> with"
                " no URL)"
            )
            return
        params = {name: self._variables.get(name, "") for name in go.params}
        self._fetch(go, extra=params)

    def _enter(self, dialog: str) -> None:
        if dialog not in self._document.dialogs:
            self._fail(
                f'the line sent the call to "#{dialog}", which its document does not'
                " have"
            )
            return
        self._dialog, self._position = dialog, 0
        self._since_answer.append(f"{self._url}#{dialog}")
        if self._since_answer.count(f"{self._url}#{dialog}") > 1:
            self._fail(
                f"a loop: the line went round {self._trail()} with no answer from the"
                " caller"
            )

    def _transfer(self, transfer: Transfer) -> None:
        self.transferred = True
        self.ledger.record(
            CallTransferred(
                to=self._shown(transfer.to),
                kind=transfer.kind,
                carried=transfer.carried,
            )
        )  # type: ignore[arg-type]
        if transfer.kind == "queue" and transfer.hold:
            self._queue_hold = urljoin(self._url, transfer.hold)
            self._asking = None
            # what is left of the document plays after the queue, which a walk never
            # reaches
            self._document = Document()
            return
        if transfer.kind == "queue":
            self._queue_hold = "(no hold document)"
            return
        self._end("transferred")

    def _hold(self) -> None:
        """One play of the queue's hold document, then a person answers."""
        url = self._queue_hold
        self._queue_hold = ""
        if url.startswith(("http://", "https://")):
            document = self._get_document(
                url,
                "POST",
                {
                    "QueuePosition": "1",
                    "QueueTime": "0",
                    "AvgQueueTime": "0",
                    "CurrentQueueSize": "1",
                },
            )
            if document is None:
                return
            waited = sum(
                i.seconds
                for i in document.dialogs.get(document.first, ())
                if isinstance(i, Pause)
            )
            heard = tuple(
                i
                for i in document.dialogs.get(document.first, ())
                if isinstance(i, Say)
            )
            self._hear(heard)
            if waited:
                self.ledger.record(HoldWaited(seconds=waited, why="hold"))
        self._end("transferred")

    def _fetch(
        self,
        go: Go,
        *,
        status: str = "in-progress",
        extra: Mapping[str, str] | None = None,
    ) -> None:
        url = urljoin(self._url, go.url) if self._url else go.url
        document = self._get_document(url, go.method, dict(extra or {}), status=status)
        if document is None:
            return
        self._document, self._url = document, url
        self._dialog, self._position = document.first, 0

    def _get_document(
        self,
        url: str,
        method: str,
        extra: dict[str, str],
        *,
        status: str = "in-progress",
    ) -> Document | None:
        config = self._config
        if self._documents >= config.max_documents:
            self._fail(
                f"the line had sent {self._documents} documents, the most one call may"
                " fetch (max_documents)"
            )
            return None
        visit = (
            f"{method} {urlsplit(url).path or '/'}"
            + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
            + (
                " " + "&".join(f"{k}={v}" for k, v in sorted(extra.items()))
                if extra
                else ""
            )
        )
        if visit in self._since_answer:
            self._since_answer.append(visit)
            self._fail(
                f"a redirect loop: the line went round {self._trail()} with no answer"
                " from the caller"
            )
            return None
        self._since_answer.append(visit)
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            self._fail(f"the call went on past its deadline of {config.deadline_s:g} s")
            return None
        params = dict(extra)
        if config.adapter == "twiml":
            params = {
                "CallSid": self.call_id,
                "AccountSid": ACCOUNT_SID,
                "From": config.caller,
                "To": self._line,
                "CallStatus": status,
                "Direction": "inbound",
                "ApiVersion": "2010-04-01",
                **extra,
            }
        self._documents += 1
        document, failed = self._http.fetch(
            config.adapter,
            method,
            url,
            params,
            timeout_s=min(config.timeout_s, remaining),
        )
        if failed:
            self._fail(failed)
        return document

    def _trail(self) -> str:
        return " → ".join(
            v.split(" ")[1] if " " in v else v for v in self._since_answer[-4:]
        )

    def _fail(self, why: str) -> None:
        self.failed = redact(why, self._secrets())
        self._end("failed")

    def _end(self, reason: str) -> None:
        if self.ended:
            return
        self.ended = reason
        self._asking = None
        self.ledger.record(
            CallEnded(reason=reason, failed=self.failed, documents=self._documents)
        )

    def _secrets(self) -> tuple[str, ...]:
        return (*self._env_secrets, *self.persona.secrets())

    def _shown(self, text: str) -> str:
        return redact(text, self._secrets())


__all__ = ["ACCOUNT_SID", "CallOver", "VoiceBrowser"]
