"""mixed_message across channels: the page, the chat, an e-mail and a ticket stating one
fact two ways.

"No known issues in your area" on the status page and "Yes, there is an outage in BS3
since 9am" in the chat, in one journey, leave the customer not knowing which to believe.
The facts compared are the ones companies state on every channel and customers act on:

- a yes/no status of the same subject: a service problem (an outage, a fault, a
  disruption) or none;
- a number of days for the same thing (a refund, a delivery, a return window, an
  answer): "3 to 5 working days" against "10 days" (ranges that do not overlap);
- an amount for the same charge (delivery, a fee, a refund): "£3.99" against "£4.99",
  where the sentence says that the thing costs or is that amount.

Decisions a reader may look for:

- Only statements on two different channels are compared: a page that says two things is
  the page's problem, not a mixed message between channels.
- Each subject is charged once per journey, at the second statement, naming both.
- A page counts as a channel only for sentences of its own text; an e-mail for its
  subject and body; chat and support for what the company said (never the customer).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import _text
from ._walk import Found, _path, _step_ref, _Walk
from .events import Event, MailReceived, PageOpened, ReplyReceived
from .kinds import MIXED_MESSAGE

_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+|\n+"
)  # "£4.99" and "9.30am" stay in their sentence

# -- statuses --------------------------------------------------------------------------

_PROBLEM = (
    r"(?:power cuts?|outages?|faults?|disruptions?|incidents?|service"
    r" (?:issues?|problems?)|issues?|problems?)"
)
_STATUSES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "a service problem",
        # yes: there is one
        re.compile(
            r"\b(?:there (?:is|are|'s) (?:an?|some|a known|known|currently an?)?"
            rf" ?{_PROBLEM}"
            r"|(?:we are|we're|we have been) (?:currently"
            rf" )?(?:experiencing|seeing|aware of) (?:an?|some)? ?{_PROBLEM}"
            rf"|(?:an?|known) {_PROBLEM} (?:in|at|affecting|on|since|near)\b"
            r"|(?:is|are) (?:currently )?(?:down|not working|offline)\b)",
            re.IGNORECASE,
        ),
        # no: there is none
        re.compile(
            rf"\b(?:no (?:known |current |reported )?{_PROBLEM}"
            rf"|not aware of any {_PROBLEM}|there (?:are|is) no {_PROBLEM}"
            r"|(?:everything|all services|all systems|the service|your service) (?:is"
            r" |are )?(?:working normally|running normally|operational|up and"
            r" running))",
            re.IGNORECASE,
        ),
    ),
)

# -- days and amounts ------------------------------------------------------------------

_THINGS = {
    "refund": "a refund",
    "refunds": "a refund",
    "money": "a refund",
    "delivery": "delivery",
    "deliveries": "delivery",
    "deliver": "delivery",
    "delivered": "delivery",
    "dispatch": "dispatch",
    "dispatched": "dispatch",
    "shipping": "delivery",
    "postage": "delivery",
    "return": "returns",
    "returns": "returns",
    "reply": "an answer",
    "answer": "an answer",
    "respond": "an answer",
    "response": "an answer",
    "fee": "a fee",
    "charge": "a fee",
}
_DAYS = re.compile(
    r"\b(\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}))?\s+(?:working |business |calendar"
    r" )?days?\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?:costs?|is|are|of|at|charge[sd]?|fee|price)\s+(?:just |only"
    r" )?([£$€])\s?(\d+(?:[.,]\d{1,2})?)",
    re.IGNORECASE,
)
_FREE = re.compile(
    r"\b(delivery|shipping|postage|returns?) (?:is |are )?(?:always )?free\b(?!"
    r" (?:over|above|on orders|for orders|within))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Statement:
    subject: str  # "a service problem", "days for a refund", "the price of delivery"
    value: str  # how it reads: "yes", "no", "3 to 5 days", "£4.99"
    low: float
    high: float
    channel: str  # "the page /status", "the chat", "the e-mail \"Your order\""
    source: str  # "page", "chat", "support", "mail"
    sentence: str


_HYPOTHETICAL = re.compile(
    r"\b(?:if|whether|in case|unless|should there|when there)\b", re.IGNORECASE
)
_QUALIFIERS = (
    "express",
    "standard",
    "next",
    "international",
    "economy",
    "premium",
    "collection",
    "store",
    "exchange",
)
_WINDOW = 8  # words before a figure in which the thing it is about must be named


def _thing_before(sentence: str, at: int) -> str:
    """The thing a figure at `at` is about: named in the words just before it ("refunds
    take 3 to 5 days"), or "".
    """
    words = re.findall(r"[a-z]+", sentence[:at].lower())[-_WINDOW:]
    things = [w for w in words if w in _THINGS]
    if not things:
        return ""
    qualifiers = {w for w in words if w in _QUALIFIERS}
    if len(qualifiers) > 1:
        # "standard 3 to 5 days, express 1 day": which figure is which is the page's
        # layout, not words
        return ""
    return (
        f"{next(iter(qualifiers))} {_THINGS[things[-1]]}"
        if qualifiers
        else _THINGS[things[-1]]
    )


def statements(text: str, *, channel: str, source: str) -> Iterator[_Statement]:
    """The facts a text states, one per subject and sentence."""
    for part in _SENTENCE_END.split(text):
        sentence = part.strip()
        if len(sentence) < 8:
            continue
        if sentence.endswith("?") or _HYPOTHETICAL.search(sentence):
            # "Is there an outage?", "If there is a fault on your line, ...": nothing
            # stated
            continue
        for subject, yes, no in _STATUSES:
            said_no = no.search(sentence)
            said_yes = yes.search(sentence) if not said_no else None
            if said_no or said_yes:
                value = "no" if said_no else "yes"
                yield _Statement(
                    subject,
                    value,
                    float(value == "yes"),
                    float(value == "yes"),
                    channel,
                    source,
                    sentence,
                )
        for days in _DAYS.finditer(sentence):
            thing = _thing_before(sentence, days.start())
            if thing:
                low, high = float(days.group(1)), float(days.group(2) or days.group(1))
                shown = (
                    f"{days.group(1)} to {days.group(2)} days"
                    if days.group(2)
                    else days.group(0)
                )
                yield _Statement(
                    f"the days for {thing}",
                    shown,
                    min(low, high),
                    max(low, high),
                    channel,
                    source,
                    sentence,
                )
                break
        amount = _AMOUNT.search(sentence)
        thing = _thing_before(sentence, amount.start()) if amount else ""
        if amount and thing:
            value = float(amount.group(2).replace(",", "."))
            yield _Statement(
                f"the price of {thing}",
                f"{amount.group(1)}{amount.group(2)}",
                value,
                value,
                channel,
                source,
                sentence,
            )
        elif _FREE.search(sentence):
            free = _FREE.search(sentence)
            thing = _THINGS.get(free.group(1).lower(), "") if free else ""
            if thing:
                yield _Statement(
                    f"the price of {thing}", "free", 0.0, 0.0, channel, source, sentence
                )


def _said(event: Event) -> tuple[str, str, str] | None:
    """(text, how the channel reads in evidence, source) of what the company said in
    `event`, or None.
    """
    if isinstance(event, PageOpened) and event.status < 400 and not event.error:
        return f"{event.title}\n{event.text}", f"the page {_path(event.url)}", "page"
    if isinstance(event, ReplyReceived) and not event.failed and event.by != "system":
        who = "the bot" if event.by == "bot" else (event.author or "the agent")
        where = "the chat" if event.channel == "chat" else "the support ticket"
        return event.text, f"{who} in {where} ({_step_ref(event)})", event.channel
    if isinstance(event, MailReceived) and not event.opened:
        return (
            f"{event.subject}\n{event.text}",
            f'the e-mail "{_text.short(event.subject, 50)}"',
            "mail",
        )
    return None


def _disagree(first: _Statement, second: _Statement) -> bool:
    return first.high < second.low or second.high < first.low


def _contradictions(walk: _Walk) -> Found:
    stated: dict[str, list[_Statement]] = {}
    charged: set[str] = set()
    for index, event in enumerate(walk.events):
        said = _said(event)
        if said is None:
            continue
        text, channel, source = said
        for statement in statements(text, channel=channel, source=source):
            if statement.subject in charged:
                continue
            earlier = next(
                (
                    s
                    for s in stated.get(statement.subject, ())
                    if s.source != source and _disagree(s, statement)
                ),
                None,
            )
            stated.setdefault(statement.subject, []).append(statement)
            if earlier is None:
                continue
            charged.add(statement.subject)
            yield (
                index,
                walk.friction(
                    MIXED_MESSAGE,
                    event,
                    f"Two channels disagree about {statement.subject}:"
                    f" {earlier.channel} said {_reads(earlier)} and {statement.channel}"
                    f" {_reads(statement)}.",
                    where=statement.channel,
                    excerpt=f"{earlier.sentence}\n{statement.sentence}",
                ),
            )


def _reads(statement: _Statement) -> str:
    if statement.value in ("yes", "no"):
        return f'"{_text.short(statement.sentence, 80)}"'
    return f'{statement.value} ("{_text.short(statement.sentence, 80)}")'
