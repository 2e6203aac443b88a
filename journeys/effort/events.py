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
    """What a click did, as the customer saw it; str-valued, so JSON and history keep
    "navigated" etc.
    """

    NAVIGATED = "navigated"  # a new page
    CHANGED = "changed"  # the same page changed (or asked the server)
    NOTHING = "nothing"  # no navigation, no change, no request: a dead click


# Why the customer gave up: a goal seeker that found no way forward (a dead end unless
# something else in the step explains it), or a step whose expectation was never met ("I
# never saw ...": the abandonment is the finding).
GaveUpCause = Literal["no_way_forward", "expectation"]


# Characters of one message, page or e-mail text kept as evidence: enough to read,
# bounded in every report and in the history (a 10 MB reply must not become a 10 MB
# effort.json).
EVIDENCE_LIMIT = 64 * 1024


_TRUNCATED = re.compile(r" … \[truncated: \d+ more characters\]$")


def bounded(text: str, limit: int = EVIDENCE_LIMIT) -> str:
    """`text`, cut at `limit` characters with a mark saying how much was left out (a cut
    text stays as it is).
    """
    if len(text) <= limit or (len(text) <= limit + 60 and _TRUNCATED.search(text)):
        return text
    return f"{text[:limit]} … [truncated: {len(text) - limit} more characters]"


class _BoundedText:
    """Events whose `text` is what the site or the customer said: kept bounded as it is
    recorded.
    """

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
    # False: the site never finished it within the customer's patience (load_ms is how
    # long they waited)
    complete: bool = True
    # the browser's own error when no page came (net::ERR_TOO_MANY_REDIRECTS, a refresh
    # loop)
    error: str = ""
    # the text of its main content (the main landmark, else the page without header, nav
    # and footer)
    main: str = ""


@dataclass(frozen=True, kw_only=True)
class Clicked(Event):
    target: str
    effect: ClickEffect
    url: str = ""
    # the walk clicked again to see whether the first was slow: patience, never the
    # customer's rage
    retry: bool = False

    def __post_init__(self) -> None:
        # A channel (or a replayed history) may pass the plain string; "nothing" becomes
        # ClickEffect.NOTHING.
        object.__setattr__(self, "effect", ClickEffect(self.effect))


@dataclass(frozen=True, kw_only=True)
class FieldFilled(Event):
    label: str
    fact: str | None = None  # the persona fact typed (e.g. "email"), None for a literal
    value: str = ""  # what was typed; redacted for secrets by the channel
    prefilled: bool = False  # the site already had it: no effort
    channel: Channel = "web"
    url: str = ""
    # For the time model (time.py): what the customer's hands did, never what they
    # typed.
    # characters typed (a password's count too, its text never kept); 0 when prefilled
    # or picked
    characters: int = 0
    # text, textarea, date, select, radio, checkbox or file: typed, picked or ticked
    control: str = "text"
    form: str = (
        ""  # which form of the page the field belongs to (the channel's key for it)
    )
    # visible fields that form showed when the customer filled this one (0: not
    # recorded)
    form_fields: int = 0
    # the site's prefilled value the customer changed because it contradicted the fact
    # (a wrong default)
    replaced: str = ""


@dataclass(frozen=True, kw_only=True)
class ControlUnusable(Event):
    """A control the step needed was there, but the site left it unusable (no label,
    disabled, hidden).
    """

    label: str  # what the customer looked for ("Quantity")
    why: str  # "has no label", "is disabled"
    markup: str = ""  # the control's own markup, as evidence
    url: str = ""


# -- the keyboard walk: what a customer who cannot use a pointer met
# (journeys.shopper.hands.KeyboardHands) --

KeyboardCause = Literal["unreachable", "not_operable", "focus_trapped", "focus_lost"]


@dataclass(frozen=True, kw_only=True)
class Tabbed(Event):
    """The customer pressed Tab (or Shift+Tab) `presses` times to bring focus to the
    control they needed.
    """

    target: str  # the control as the page names it
    presses: int
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class KeyboardBlocked(Event):
    """The keyboard alone could not do what the step needed: a control Tab never
    reaches, one Enter or Space does not work, focus held in a loop (a trap), or focus
    dropped to the page after a dialog closed.
    """

    cause: KeyboardCause
    target: str  # the control the customer needed ("" when focus was lost)
    why: str  # what happened, in the customer's words
    markup: str = (
        ""  # the control's (or the trap's, or the dialog's) own markup, as evidence
    )
    url: str = ""
    presses: int = 0  # Tab presses spent before giving up


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
    # who answered, as the API or page names them ("Sam", "agent-17"): tells one person
    # from the next
    author: str = ""
    latency_ms: float = (
        0.0  # from sending to the reply complete (its last token, when it streamed)
    )
    first_token_ms: float = (
        0.0  # a streamed reply: from sending to its first words; 0 when it came whole
    )
    fallback: bool = False
    handoff: bool = False
    failed: str = (
        ""  # why the reply never came or was unreadable (timeout, HTTP 500, not JSON)
    )
    # How sure the bot said it was (its NLU confidence), and the floor configured for
    # that bot's scale.
    confidence: float | None = None
    confidence_floor: float = 0.0

    def felt_wait_ms(self, reading_wpm: float) -> float:
        """The wait the customer felt: for the first words, then for the stream only
        where it ran slower than they read.
        """
        if not 0 < self.first_token_ms < self.latency_ms:
            return self.latency_ms
        reading_ms = len(self.text.split()) * 60_000 / reading_wpm
        return round(
            self.first_token_ms
            + max(0.0, self.latency_ms - self.first_token_ms - reading_ms),
            1,
        )


@dataclass(frozen=True, kw_only=True)
class TicketOpened(_BoundedText, Event):
    subject: str
    text: str
    ticket_id: str = ""
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MailReceived(_BoundedText, Event):
    """An e-mail the company sent the customer, as it arrived (or, `opened`, as the
    customer opened it).
    """

    subject: str
    text: str  # the plain text, or the HTML's visible text when there is no plain part
    sender: str = ""  # the From address
    reply_to: str = ""  # where a reply goes: the Reply-To address, else the From
    to: str = ""  # the customer's address it was sent to
    headline: str = ""  # the first heading or line the customer reads
    links: tuple[str, ...] = ()  # "link text -> URL", in reading order
    signals: tuple[
        str,
        ...,
        # promotional signals seen (a List-Unsubscribe header, "Precedence: bulk", "20%
        # off")
    ] = ()
    message_id: str = ""
    in_reply_to: str = ""  # the Message-ID of the customer's message this one answers
    received_at: str = ""  # when it arrived, ISO 8601 as the mailbox says
    opened: bool = (
        False  # a second record of a message already received: the customer opened it
    )


@dataclass(frozen=True, kw_only=True)
class ErrorShown(Event):
    """A visible error message, or a script error on the page the customer is on."""

    text: str
    url: str = ""
    source: Literal["page", "script"] = "page"
    # Seen by the page's observer as it appeared (a toast, a live region, a message
    # replaced since), not by a look at the page: it may have gone before the customer's
    # next move.
    transient: bool = False


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


@dataclass(frozen=True, kw_only=True)
class OverlayBlocked(Event):
    """An overlay (a modal cookie wall, a pop-up) left the page unusable until the
    customer dismissed it.
    """

    what: str  # "cookie banner", "pop-up"
    text: str = ""  # what the overlay said, as evidence
    target: str = ""  # the click it blocked, when it covered one
    url: str = ""


# -- what a page showed once, and what a link did instead of opening a page ------------


@dataclass(frozen=True, kw_only=True)
class GoalPageLacked(Event):
    """A page titled like the goal offered none of what the goal needs ("Contact us"
    with no way to contact).
    """

    goal: str
    # what it should have offered, as a customer names it ("phone number, e-mail address
    # or chat")
    lacked: str
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class NoticeShown(_BoundedText, Event):
    """A message the page announced as it appeared, not an error (a status live region,
    a toast, a banner).
    """

    text: str
    # its ARIA role ("status", "alert"), or "" for a toast or banner known by its
    # classes
    role: str = ""
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class SentElsewhere(Event):
    """A link sent the customer out of the browser: to write an e-mail, call, text or
    open an app (mailto:, tel:).
    """

    target: str  # the link as the customer read it
    href: str  # where it sends them, without its query ("mailto:help@shop.example")
    to: str  # the channel it opens: "email", "phone", "text", "app"
    url: str = ""  # the page it was on ("" for an e-mail's link or a typed address)


@dataclass(frozen=True, kw_only=True)
class LinkRefused(Event):
    """A link that a browser does not follow from a website (file:, data:, chrome:):
    refused, never opened.
    """

    target: str
    href: str  # the address, cut short and without its query
    url: str = ""  # the page that gave it ("" for an e-mail's link or a typed address)


@dataclass(frozen=True, kw_only=True)
class Downloaded(Event):
    """A click started a download instead of opening a page: a file, not a page to wait
    for.
    """

    target: str
    file_name: str
    content_type: str = ""
    url: str = ""  # the page the link was on


# -- the phone line: what the caller heard and did, as a voice browser walks TwiML or
# VoiceXML ------------


@dataclass(frozen=True, kw_only=True)
class CallStarted(Event):
    """The customer called the support line: its first document was asked for."""

    number: str  # the line called
    url: str = ""
    call_id: str = ""


@dataclass(frozen=True, kw_only=True)
class PromptHeard(_BoundedText, Event):
    """What the line said (a prompt's words) or played (a recording, by its file
    name).
    """

    text: str
    audio: str = (
        ""  # the file name of a recording played ("welcome.mp3"); its words are unknown
    )
    # the prompt offers choices to pick from (a menu), not a question like "key in your
    # number"
    menu: bool = False
    by: Literal["line", "agent"] = (
        "line"  # "agent": heard after a transfer, from the person's side
    )
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class KeysPressed(Event):
    """The caller pressed keys on the keypad: a menu choice, or a fact keyed in."""

    keys: str
    fact: str | None = (
        # the persona fact keyed in (its digits are the persona's, redacted when secret)
        None
    )
    asked_for_human: bool = (
        False  # pressed for an operator ("0"), as the caller meant it
    )
    silent: bool = False  # pressed nothing: the prompt's timeout ran out


@dataclass(frozen=True, kw_only=True)
class PhraseSaid(_BoundedText, Event):
    """The caller said something to a line that listens for speech."""

    text: str
    facts: tuple[str, ...] = ()
    asked_for_human: bool = False


@dataclass(frozen=True, kw_only=True)
class CallTransferred(Event):
    """The line handed the call on: to a person (a number, a client, a SIP address) or
    to a queue.
    """

    to: str
    kind: Literal["number", "client", "sip", "queue", "uri"] = "number"
    carried: tuple[
        str, ...
    ] = ()  # names of what went with the call (parameters, namelist, task attributes)


@dataclass(frozen=True, kw_only=True)
class HoldWaited(Event):
    """The caller waited on the line: a pause, or on hold in a queue."""

    seconds: float
    why: str = "pause"  # "pause", "hold", "queue support"


@dataclass(frozen=True, kw_only=True)
class CallEnded(Event):
    """The call is over: the line hung up, rejected or transferred it, or could not be
    walked on (`failed`).
    """

    reason: str  # hangup, reject, disconnect, exit, transferred, caller, failed
    # why the line could not go on: HTTP 500, not TwiML or VoiceXML, a redirect loop,
    # the deadline
    failed: str = ""
    documents: int = 0  # documents fetched during the call


@dataclass(frozen=True, kw_only=True)
class PageChecked(Event):
    """axe-core checked the page the customer was on: each WCAG A/AA rule it fails, with
    the failing markup.
    """

    url: str
    # one per rule: {"rule", "impact", "level", "help", "help_url", "markup": [element,
    # ...], "more": n not kept}
    violations: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, kw_only=True)
class BarrierMet(Event):
    """A control the customer used (pressed, filled, chose from) fails an accessibility
    rule.
    """

    url: str
    act: str  # "pressed", "filled", "chose from", "ticked", "attached a file to"
    rule: str  # axe-core's rule id, e.g. "label", "button-name", "color-contrast"
    markup: str  # the element as the page wrote it
    impact: str = ""
    level: str = ""  # "A", "AA"
    help: str = ""
    help_url: str = ""


PHONE_EVENTS: tuple[type[Event], ...] = (
    CallStarted,
    PromptHeard,
    KeysPressed,
    PhraseSaid,
    CallTransferred,
    HoldWaited,
    CallEnded,
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        StepStarted,
        StepFinished,
        PromiseMade,
        PageOpened,
        Clicked,
        FieldFilled,
        ControlUnusable,
        Tabbed,
        KeyboardBlocked,
        MessageSent,
        ReplyReceived,
        TicketOpened,
        MailReceived,
        ErrorShown,
        WentBack,
        Dismissed,
        GoalReached,
        GaveUp,
        OverlayBlocked,
        GoalPageLacked,
        NoticeShown,
        SentElsewhere,
        LinkRefused,
        Downloaded,
        PageChecked,
        BarrierMet,
        *PHONE_EVENTS,
    )
}


def event_from_dict(raw: dict[str, Any]) -> Event:
    """Rebuild an event from `Event.to_dict()` output (history, replays)."""
    cls = EVENT_TYPES[raw["event"]]
    names = {f.name for f in fields(cls)}
    values = {
        k: tuple(v) if isinstance(v, list) else v for k, v in raw.items() if k in names
    }
    return cls(**values)


__all__ = [
    *EVENT_TYPES,
    "Event",
    "Channel",
    "ClickEffect",
    "GaveUpCause",
    "KeyboardCause",
    "PHONE_EVENTS",
    "event_from_dict",
]
