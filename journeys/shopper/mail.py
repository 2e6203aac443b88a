"""The mail channel: what the company sends the customer during the walk, read from the
inbox of the persona's address.

Every scenario's persona has its own address, so every message belongs to one journey:
the ability reads the mailbox (`mail_adapters`), keeps what was sent to its persona, and
records each message once as `MailReceived` (and again, `opened`, when the customer
opens it). A reply goes by SMTP to the Reply-To. It decides nothing: a duplicate, a
promotion after a complaint, a no-reply address are the detectors' to judge
(journeys/effort/_mail.py).
"""

from __future__ import annotations

import smtplib
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from ..effort._mail import is_no_reply
from ..effort.events import MailReceived, MessageSent, PromiseMade, bounded
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, MissingAbility
from .exchanges import redact
from .mail_adapters import MailConfig, WalkInbox, parse_address, read_folder
from .mail_message import MailboxError, Message
from .persona import Persona

if TYPE_CHECKING:
    from .web import WebChannel

# A message stamped this much before the journey began is still its own: stamps are
# whole seconds, clocks differ a little.
STAMP_TOLERANCE_S = 5.0
POLL_FIRST_S = 0.05  # a mailbox, not a page: polling it is what a mail program does too
POLL_MAX_S = 0.5
# a mailer that never stops sending holds the journey's end at most this many settle
# windows
SETTLE_CAP = 3

Mailbox = Callable[[], list[Message]]  # every message the mailbox holds now
Sender = Callable[
    [EmailMessage, str, int], str
]  # send through host:port; "" when taken, else why not


def send_smtp(message: EmailMessage, host: str, port: int) -> str:
    """Hand `message` to the SMTP server at host:port; "" when it took it, else why it
    did not (an undeliverable reply).
    """
    try:
        with smtplib.SMTP(host, port, timeout=10) as server:
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        return f"{type(error).__name__}: {error}"
    return ""


class MailChannel:
    """The persona's inbox: wait for an e-mail, open it, follow its links, reply
    to it.
    """

    channel = "mail"

    def __init__(
        self,
        config: MailConfig,
        *,
        ledger: Ledger,
        persona: Persona,
        mailbox: Mailbox,
        web: Callable[[], WebChannel],
        reply_through: tuple[str, int] | None = None,
        send: Sender = send_smtp,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        close: Callable[[], None] = lambda: None,
        exchanges: Callable[[], list] = list,
    ) -> None:
        self.config = config
        self.ledger = ledger
        self.persona = persona
        self.address = persona.facts.get("email", "").lower()
        self._mailbox = mailbox
        self._web = web
        self._reply_through = reply_through
        self._send = send
        self._clock, self._sleep = clock, sleep
        self._close, self._exchanges = close, exchanges
        self.inbox: list[
            Message
        ] = []  # this persona's messages, in the order they arrived
        # Mail belongs to the journey: what reached the address before it began is
        # another walk's (last night's).
        self.since = getattr(ledger, "started_epoch", None)
        self._seen: set[str] = set()
        self.opened: Message | None = None
        self._last_arrival = (
            self._clock()
        )  # when the inbox last received (at first: when the customer began using it)

    def __repr__(self) -> str:
        return f"MailChannel({self.persona.label}, {len(self.inbox)} received)"

    # -- questions ---------------------------------------------------------------------

    def check(self) -> list[Message]:
        """Look at the mailbox once; record each new message for this persona; return
        the new ones.
        """
        new = []
        for message in self._mailbox():
            if (
                self.address not in message.to
                or message.key in self._seen
                or self._before_the_journey(message)
            ):
                # another journey's mail (each persona has its own address, each walk
                # its own time), or one already recorded
                continue
            self._seen.add(message.key)
            self.inbox.append(message)
            new.append(message)
            self.ledger.record(self._event(message))
        if new:
            self._last_arrival = self._clock()
        return new

    def settle(self) -> None:
        """At the journey's end: keep reading until the inbox has been quiet for
        `settle_s` since its last e-mail.

        Every message that came is recorded, whether or not a step looked at it (a
        promotion a second after the confirmation), for the detectors to judge. A
        journey whose last e-mail is older than the window does not wait at all; one
        whose mailer keeps sending waits at most SETTLE_CAP times the window.
        """
        quiet_s = self.config.settle_s
        if quiet_s <= 0:
            return
        give_up = self._clock() + quiet_s * SETTLE_CAP
        delay = POLL_FIRST_S
        try:
            while True:
                self.check()
                now = self._clock()
                remaining = min(self._last_arrival + quiet_s, give_up) - now
                if remaining <= 0:
                    return
                self._sleep(min(delay, remaining))
                delay = min(delay * 2, POLL_MAX_S)
        except MailboxError:
            # the inbox can no longer be read (a mail catcher stopped): what was
            # recorded stands
            return

    def expect(self, words: str, *, timeout_s: float | None = None) -> Message:
        """The e-mail about `words` (subject, headline or text), waiting for it up to
        the mail timeout.
        """
        found = self._wait(
            lambda: self._about(words),
            self.config.timeout_s if timeout_s is None else timeout_s,
        )
        if found is None:
            raise JourneyAbandoned(
                f'no e-mail about "{words}" reached {self.address} within'
                f" {self._timeout(timeout_s):g} s"
            )
        return found

    def count(self) -> int:
        """How many e-mails the customer has had so far."""
        self.check()
        return len(self.inbox)

    # -- actions -----------------------------------------------------------------------

    def open(self, words: str) -> Message:
        """Open the e-mail about `words` (waiting for it as `expect` does)."""
        message = self.expect(words)
        self.opened = message
        self.ledger.record(self._event(message, opened=True))
        return message

    def click(self, link_text: str, *, promise: str | None = None) -> None:
        """Follow a link of the open e-mail in the browser, carrying the e-mail's
        promise to the page it lands on.
        """
        message = self._open_one()
        wanted = " ".join(link_text.split()).lower()
        links = (
            [(text, url) for text, url in message.links if text.lower() == wanted]
            or [
                (text, url) for text, url in message.links if url.lower() == wanted
            ]  # a bare URL, named by itself
            or [(text, url) for text, url in message.links if wanted in text.lower()]
        )
        if not links:
            shown = ", ".join(f'"{text}"' for text, _ in message.links[:6]) or "none"
            raise JourneyAbandoned(
                f'the e-mail "{message.subject}" has no link "{link_text}" (its links:'
                f" {shown})"
            )
        self.ledger.record(
            PromiseMade(source="e-mail", text=promise or _promise_of(message))
        )
        self._web().open(
            links[0][1], link=links[0][0]
        )  # only to the web: a file: or data: link is refused, never read

    def arrive_from(self, subject: str) -> None:
        """Start in the inbox: open the e-mail with this subject and follow its first
        link.
        """
        message = self.open(subject)
        if not message.links:
            raise JourneyAbandoned(f'the e-mail "{message.subject}" links nowhere')
        self.click(message.links[0][0])

    def reply(self, text: str) -> Message | None:
        """Reply to the open e-mail; return the company's answer, or None when none came
        (the detectors judge why).
        """
        message = self._open_one()
        expanded, facts = self.persona.expand(text)
        sent = MessageSent(
            channel="mail", text=redact(expanded, self._secrets()), facts=facts
        )
        if is_no_reply(message.reply_to):
            self.ledger.record(sent)
            return None  # nobody reads it: a customer who writes there never hears back
        through = self._reply_through or (
            self.config.reply_host,
            self.config.reply_port,
        )
        if not through[
            0
            # our setting, not the company's doing: the reply is never sent, so never
            # charged
        ]:
            raise MissingAbility(
                f"{self.persona.label} can't reply to e-mail: set reply_host in"
                " [tool.journeys.mail]"
            )
        own_id = make_msgid(domain=self.address.rpartition("@")[2] or "journeys.local")
        outgoing = EmailMessage()
        outgoing["From"] = self.address
        outgoing["To"] = message.reply_to
        outgoing["Subject"] = (
            message.subject
            if message.subject.lower().startswith("re:")
            else f"Re: {message.subject}"
        )
        outgoing["Message-ID"] = own_id
        if message.message_id:
            outgoing["In-Reply-To"] = message.message_id
        outgoing.set_content(expanded)
        refused = self._send(outgoing, through[0], through[1])
        # the relay is ours (reply_host, the walk's SMTP sink): the reply never left, so
        # nothing is charged
        if refused:
            raise MissingAbility(
                f"{self.persona.label} can't reply to e-mail: the relay"
                f" {through[0]}:{through[1]} refused it ({refused})"
            )
        self.ledger.record(sent)
        answered_from = len(
            self.inbox
        )  # the answer comes after the reply, on the thread it opened
        return self._wait(
            lambda: self._answer_to(own_id, message, answered_from),
            self.config.reply_timeout_s,
        )

    def exchanges(self) -> list:
        """Every e-mail this journey received (and the mail catcher's HTTP exchanges),
        for the report.
        """
        received = [
            {
                "kind": "e-mail",
                "channel": "mail",
                "subject": m.subject,
                "from": m.sender,
                "to": ", ".join(m.to),
                "reply_to": m.reply_to,
                "received_at": m.received_at,
                "text": bounded(redact(m.text, self._secrets())),
            }
            for m in self.inbox
        ]
        return [*received, *self._exchanges()]

    def close(self) -> None:
        self._close()

    # -- plumbing ----------------------------------------------------------------------

    def _before_the_journey(self, message: Message) -> bool:
        """Whether the message's stamp says it arrived before this journey began (no
        stamp: it cannot say).
        """
        if self.since is None or not message.received_at:
            return False
        try:
            when = datetime.fromisoformat(message.received_at.replace("Z", "+00:00"))
        except ValueError:
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp() < self.since - STAMP_TOLERANCE_S

    def _open_one(self) -> Message:
        if self.opened is None:
            raise JourneyAbandoned(
                "there is no open e-mail: open one first (When I open the e-mail about"
                ' "...")'
            )
        return self.opened

    def _timeout(self, timeout_s: float | None) -> float:
        return self.config.timeout_s if timeout_s is None else timeout_s

    def _wait(
        self, find: Callable[[], Message | None], timeout_s: float
    ) -> Message | None:
        """Poll the mailbox until `find` finds something or `timeout_s` passes: a
        bounded loop, no fixed sleep.
        """
        deadline = self._clock() + timeout_s
        delay = POLL_FIRST_S
        while True:
            self.check()
            found = find()
            remaining = deadline - self._clock()
            if found is not None or remaining <= 0:
                return found
            self._sleep(min(delay, remaining))
            delay = min(delay * 2, POLL_MAX_S)

    def _about(self, words: str) -> Message | None:
        wanted = " ".join(words.split()).lower()
        for place in ("subject", "headline", "text"):
            for message in self.inbox:
                if wanted in " ".join(getattr(message, place).split()).lower():
                    return message
        return None

    def _answer_to(
        self, own_id: str, replied: Message, after: int = 0
    ) -> Message | None:
        subject = replied.subject.lower().removeprefix("re:").strip()
        for message in self.inbox[after:]:
            if message.in_reply_to == own_id or (
                message is not replied
                and subject
                and message.subject.lower().startswith("re:")
                and subject in message.subject.lower()
            ):
                return message
        return None

    def _event(self, message: Message, *, opened: bool = False) -> MailReceived:
        secrets = self._secrets()
        return MailReceived(
            subject=redact(message.subject, secrets),
            text=redact(message.text, secrets),
            sender=message.sender,
            reply_to=message.reply_to,
            to=self.address,
            headline=redact(message.headline, secrets),
            links=tuple(f"{text} -> {url}" for text, url in message.links),
            signals=self._signals(message),
            message_id=message.message_id or message.key,
            in_reply_to=message.in_reply_to,
            received_at=message.received_at,
            opened=opened,
        )

    def _signals(self, message: Message) -> tuple[str, ...]:
        """The configured promotional marks this message carries, as seen: headers, then
        offer words.
        """
        found = []
        for spec in self.config.promotional_headers:
            name, _, value = (part.strip() for part in spec.partition(":"))
            present = message.header(name)
            if present and (not value or value.lower() in present.lower()):
                found.append(f"{name}: {value}" if value else f"{name} header")
        words = f"{message.subject}\n{message.text}".lower()
        found += [
            f'"{word}"' for word in self.config.offer_words if word.lower() in words
        ]
        return tuple(found)

    def _secrets(self) -> tuple[str, ...]:
        return (
            self.persona.secrets()
        )  # the built-in secrets and the facts a team marked secret


def _promise_of(message: Message) -> str:
    """What an e-mail promises the page it links to: its subject, and its headline when
    that says more.
    """
    headline = message.headline.strip()
    if headline and headline.lower() not in message.subject.lower():
        return f"{message.subject}: {headline}"
    return message.subject


def build_mail(
    config: MailConfig,
    *,
    ledger: Ledger,
    persona: Persona,
    web: Callable[[], WebChannel],
    environ: Mapping[str, str],
    root: Path,
    base_url: str = "",
    inbox: WalkInbox | None = None,
) -> MailChannel:
    """The mail ability `config` describes, reading where this walk's mail lands
    (`inbox`: the walk's sink).
    """
    reply_through = (
        (config.reply_host, config.reply_port) if config.reply_host else None
    )
    close: Callable[[], None] = lambda: None
    exchanges: Callable[[], list] = list
    if config.adapter == "http":
        from .mail_http import HttpMailbox

        assert config.http is not None
        box = HttpMailbox(
            config.http, base_url=base_url, environ=environ, timeout_s=config.timeout_s
        )
        mailbox: Mailbox = box.messages
        close, exchanges = box.close, box.exchanges
    else:
        if config.adapter == "smtp":
            if inbox is None:
                raise MissingAbility(
                    f"{persona.label} can't read e-mail yet: the SMTP sink runs during"
                    " `journeys walk`"
                )
            folder = inbox.folder
            if reply_through is None:
                reply_through = parse_address(inbox.address, key="the mail sink")
        else:
            folder = (
                Path(config.folder)
                if Path(config.folder).is_absolute()
                else root / config.folder
            )

        parsed: dict[tuple[str, int, int], list[Message]] = {}

        def mailbox() -> list[Message]:
            return read_folder(folder, parsed)

    return MailChannel(
        config,
        ledger=ledger,
        persona=persona,
        mailbox=mailbox,
        web=web,
        reply_through=reply_through,
        close=close,
        exchanges=exchanges,
    )


__all__ = ["MailChannel", "build_mail", "send_smtp"]
