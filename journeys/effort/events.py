"""What happened during a walk: facts in the past tense, recorded by the channels.

Channels (web, chat, support, mail) translate what the customer did and met into
these events; they never decide whether something was effortful. The detectors
in `journeys.effort.detect` do that, from the events alone.

Every event carries `step` (index of the Gherkin step it happened in, set by
the ledger) and `at_s` (seconds since the journey started).
"""

from __future__ import annotations

import re

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any, Literal

Channel = Literal["web", "chat", "support", "mail"]


class ClickEffect(StrEnum):
    """What a click did, as the customer saw it; str-valued, so JSON and history keep "navigated" etc."""

    NAVIGATED = "navigated"  # a new page
    CHANGED = "changed"  # the same page changed (or asked the server)
    NOTHING = "nothing"  # no navigation, no change, no request: a dead click


# Why the customer gave up: a goal seeker that found no way forward (a dead end unless something else in the
# step explains it), or a step whose expectation was never met ("I never saw ...": the abandonment is the finding).
GaveUpCause = Literal["no_way_forward", "expectation"]


# Characters of one message, page or e-mail text kept as evidence: enough to read, bounded in every report
# and in the history (a 10 MB reply must not become a 10 MB effort.json).
EVIDENCE_LIMIT = 64 * 1024


_TRUNCATED = re.compile(r" … \[truncated: \d+ more characters\]$")


def bounded(text: str, limit: int = EVIDENCE_LIMIT) -> str:
    """`text`, cut at `limit` characters with a mark saying how much was left out (a cut text stays as it is)."""
    if len(text) <= limit or (len(text) <= limit + 60 and _TRUNCATED.search(text)):
        return text
    return f"{text[:limit]} … [truncated: {len(text) - limit} more characters]"


class _BoundedText:
    """Events whose `text` is what the site or the customer said: kept bounded as it is recorded."""

    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", bounded(self.text))


@dataclass(frozen=True, kw_only=True)
class Event:
    step: int = -1
    at_s: float = 0.0

    @property
    def kind(self) -> str:
        return type(self).__name__

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.kind, **asdict(self)}


@dataclass(frozen=True, kw_only=True)
class StepStarted(Event):
    """A Gherkin step began: the unit that frictions are attributed to."""

    text: str
    keyword: str = ""
    line: int = 0
    moment_that_matters: bool = False


@dataclass(frozen=True, kw_only=True)
class StepFinished(Event):
    text: str
    failed: bool = False
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class PromiseMade(Event):
    """The customer arrived with a promise (the ad's words, an e-mail's offer)."""

    source: str  # "ad", "e-mail"
    text: str


@dataclass(frozen=True, kw_only=True)
class PageOpened(_BoundedText, Event):
    """The main frame finished loading a document the customer sees."""

    url: str
    status: int
    load_ms: float
    title: str = ""
    text: str = ""  # visible text, trimmed; for promises and error wording
    action: bool = False  # the customer opened it directly (typed URL / followed an ad)
    complete: bool = True  # False: the site never finished it within the customer's patience (load_ms is how long they waited)


@dataclass(frozen=True, kw_only=True)
class Clicked(Event):
    target: str
    effect: ClickEffect
    url: str = ""

    def __post_init__(self) -> None:
        # A channel (or a replayed history) may pass the plain string; "nothing" becomes ClickEffect.NOTHING.
        object.__setattr__(self, "effect", ClickEffect(self.effect))


@dataclass(frozen=True, kw_only=True)
class FieldFilled(Event):
    label: str
    fact: str | None = None  # the persona fact typed (e.g. "email"), None for a literal
    value: str = ""  # what was typed; redacted for secrets by the channel
    prefilled: bool = False  # the site already had it: no effort
    channel: Channel = "web"
    url: str = ""
    # For the time model (time.py): what the customer's hands did, never what they typed.
    characters: int = 0  # characters typed (a password's count too, its text never kept); 0 when prefilled or picked
    control: str = "text"  # text, textarea, date, select, radio, checkbox or file: typed, picked or ticked
    form: str = ""  # which form of the page the field belongs to (the channel's key for it)
    form_fields: int = 0  # visible fields that form showed when the customer filled this one (0: not recorded)


@dataclass(frozen=True, kw_only=True)
class MessageSent(_BoundedText, Event):
    """The customer said something to a bot, an agent or a ticket."""

    channel: Channel
    text: str
    facts: tuple[str, ...] = ()  # persona facts the message gave
    asked_for_human: bool = False


@dataclass(frozen=True, kw_only=True)
class ReplyReceived(_BoundedText, Event):
    channel: Channel
    text: str
    by: Literal["bot", "agent", "system"] = "bot"
    author: str = ""  # who answered, as the API or page names them ("Sam", "agent-17"): tells one person from the next
    latency_ms: float = 0.0
    fallback: bool = False
    handoff: bool = False
    failed: str = ""  # why the reply never came or was unreadable (timeout, HTTP 500, not JSON)
    # How sure the bot said it was (its NLU confidence), and the floor configured for that bot's scale.
    confidence: float | None = None
    confidence_floor: float = 0.0


@dataclass(frozen=True, kw_only=True)
class TicketOpened(_BoundedText, Event):
    subject: str
    text: str
    ticket_id: str = ""
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MailReceived(_BoundedText, Event):
    """An e-mail the company sent the customer, as it arrived (or, `opened`, as the customer opened it)."""

    subject: str
    text: str  # the plain text, or the HTML's visible text when there is no plain part
    sender: str = ""  # the From address
    reply_to: str = ""  # where a reply goes: the Reply-To address, else the From
    to: str = ""  # the customer's address it was sent to
    headline: str = ""  # the first heading or line the customer reads
    links: tuple[str, ...] = ()  # "link text -> URL", in reading order
    signals: tuple[str, ...] = ()  # promotional signals seen (a List-Unsubscribe header, "Precedence: bulk", "20% off")
    message_id: str = ""
    in_reply_to: str = ""  # the Message-ID of the customer's message this one answers
    received_at: str = ""  # when it arrived, ISO 8601 as the mailbox says
    opened: bool = False  # a second record of a message already received: the customer opened it


@dataclass(frozen=True, kw_only=True)
class ErrorShown(Event):
    """A visible error message, or a script error on the page the customer is on."""

    text: str
    url: str = ""
    source: Literal["page", "script"] = "page"


@dataclass(frozen=True, kw_only=True)
class WentBack(Event):
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class Dismissed(Event):
    """The customer had to dismiss something in the way (cookie banner, pop-up)."""

    what: str
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class GoalReached(Event):
    goal: str
    hops: int = 0


@dataclass(frozen=True, kw_only=True)
class GaveUp(Event):
    """The customer's patience ran out: the journey is abandoned (a finding)."""

    goal: str
    reason: str
    cause: GaveUpCause = "no_way_forward"


EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        StepStarted,
        StepFinished,
        PromiseMade,
        PageOpened,
        Clicked,
        FieldFilled,
        MessageSent,
        ReplyReceived,
        TicketOpened,
        MailReceived,
        ErrorShown,
        WentBack,
        Dismissed,
        GoalReached,
        GaveUp,
    )
}


def event_from_dict(raw: dict[str, Any]) -> Event:
    """Rebuild an event from `Event.to_dict()` output (history, replays)."""
    cls = EVENT_TYPES[raw["event"]]
    names = {f.name for f in fields(cls)}
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.items() if k in names}
    return cls(**values)


__all__ = [*EVENT_TYPES, "Event", "Channel", "ClickEffect", "GaveUpCause", "event_from_dict"]


@dataclass(frozen=True, kw_only=True)
class OverlayBlocked(Event):
    """An overlay (a modal cookie wall, a pop-up) left the page unusable until the customer dismissed it."""

    what: str  # "cookie banner", "pop-up"
    text: str = ""  # what the overlay said, as evidence
    target: str = ""  # the click it blocked, when it covered one
    url: str = ""


EVENT_TYPES[OverlayBlocked.__name__] = OverlayBlocked
__all__.append(OverlayBlocked.__name__)
