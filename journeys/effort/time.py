"""What a journey costs the customer in time: a Keystroke-Level Model estimate, and the
part lost to frictions.

The Keystroke-Level Model (Card, Moran and Newell, "The keystroke-level model for user
performance time with interactive systems", CACM 23(7), 1980) predicts how long a
practised person needs for a task from the operators they perform: K a key or
mouse-button press, P pointing with the mouse, H homing the hands between mouse and
keyboard, M mental preparation, R the system's response while the user waits. Reading
what the customer must read (bot and agent replies, e-mails, error messages) is added at
a silent reading rate (Brysbaert 2019, 238 words a minute). Operator times come from
`TimeModel`.

How events become operators (the physical ones; M's are then placed by the paper's
rules, `place_mentals`):

- a click (a link, a button, dismissing a pop-up, going back, following the ad): P K;
- a typed field: K per character typed (a persona fact's or a password's characters,
  never their text); a list or a file picker: P K P K; a radio button or a checkbox: P
  K; a prefilled field: nothing;
- a chat or ticket message: K per character, then the Enter (or Send) that ends it;
- H whenever the hands must move between mouse and keyboard;
- R for the measured page load or reply latency;
- reading for replies, e-mails and visible error messages (and an error page's title).

Deliberate simplifications, so a reader knows what the figure is not: moving into a form
field is not counted (sites focus fields, Tab moves on), pages are not read (only what
the customer must read), and the estimate is a first-time customer who knows what to do:
KLM predicts expert, error-free time, so the estimate is a floor, and the time lost to
frictions is what the site added to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import _text
from ._klm import Operator, place_mentals
from ._phone import keyed_in_before, phone_operators
from ._waits import wait_limit
from ._walk import _dead_page
from .events import (
    PHONE_EVENTS,
    CallTransferred,
    Clicked,
    ClickEffect,
    Dismissed,
    ErrorShown,
    Event,
    FieldFilled,
    GaveUp,
    MailReceived,
    MessageSent,
    OverlayBlocked,
    PageOpened,
    PromptHeard,
    ReplyReceived,
    Tabbed,
    TicketOpened,
    WentBack,
)
from .frictions import Friction
from .kinds import TimeRule
from .model import EffortModel, TimeModel
from .result import JourneyResult

OPERATORS: tuple[str, ...] = ("K", "P", "H", "M", "R", "read", "listen", "speak")

_REDACTED = "•••"
_TYPED = (
    "text",
    "textarea",
    "date",
)  # controls whose value is typed, whichever way focus came to them
_WORD = re.compile(r"\w+")


# -- events to operators ---------------------------------------------------------------


def operators(
    events: Sequence[Event], model: TimeModel | None = None
) -> list[Operator]:
    """The customer's operators for a journey's events, M's placed by the rules, R only
    where they wait idle.
    """
    model = model or TimeModel()
    physical: list[Operator] = []
    hands = "mouse"  # a first-time customer arrives on a web page, hand on the mouse

    def add(
        name: str,
        index: int,
        role: str = "",
        *,
        value_start: bool = False,
        unit: int | None = None,
    ) -> None:
        nonlocal hands
        device = "mouse" if name == "P" or role == "button" else "keyboard"
        if device != hands:
            physical.append(
                Operator(
                    "H", model.homing_s, index, "home", index if unit is None else unit
                )
            )
            hands = device
        seconds = {"K": model.keystroke_s, "P": model.pointing_s}[name]
        physical.append(
            Operator(
                name, seconds, index, role, index if unit is None else unit, value_start
            )
        )

    def click(index: int, unit: int | None = None) -> None:
        add("P", index, "command", unit=unit)
        add("K", index, "button", unit=unit)

    def typed(index: int, characters: int, unit: int | None = None) -> None:
        for i in range(characters):
            add("K", index, "argument", value_start=i == 0, unit=unit)

    def waited(index: int, ms: float) -> None:
        if ms > 0:
            physical.append(
                Operator("R", ms / 1000, index, "", index, waited_s=ms / 1000)
            )

    def read(index: int, text: str) -> None:
        words = len(_WORD.findall(text))
        if words:
            physical.append(
                Operator("read", words * 60 / model.reading_wpm, index, "", index)
            )

    keyed_unit: int | None = (
        None  # the control last reached with Tab (a keyboard walk): worked by a key
    )
    for index, event in enumerate(events):
        if isinstance(event, PageOpened):
            if event.action:
                click(index)
            waited(index, event.load_ms)
            if _dead_page(event):
                read(index, event.title or _text.short(event.text, 160))
        elif isinstance(event, Tabbed):
            # The keyboard walk: a K a Tab press, one cognitive unit (Rule 2 keeps one
            # M); the key that then works the control (Enter, Space, an arrow) belongs
            # to the same unit and replaces the pointing.
            for _ in range(event.presses):
                add("K", index, "command", unit=index)
            keyed_unit = index
        elif isinstance(event, (Clicked, Dismissed)) and keyed_unit is not None:
            add("K", index, "command", unit=keyed_unit)
            keyed_unit = None
        elif isinstance(event, (Clicked, Dismissed, WentBack)):
            click(index)
        elif (
            isinstance(event, FieldFilled)
            and not event.prefilled
            and keyed_unit is not None
            and event.control not in _TYPED
        ):
            add(
                "K", index, "command", unit=keyed_unit
            )  # a select's arrows, a box's Space
            keyed_unit = None
        elif isinstance(event, FieldFilled) and not event.prefilled:
            keyed_unit = None
            if event.control in ("select", "file"):
                add("P", index, "command")  # open the list (or the file picker) ...
                add("K", index, "button")
                add(
                    "P", index, "argument"
                )  # ... and point at the option: one cognitive unit (Rule 2)
                add("K", index, "button")
            elif event.control in ("radio", "checkbox"):
                click(index)
            else:
                typed(index, _characters(event))
        elif isinstance(event, MessageSent):
            typed(index, len(event.text))
            add(
                "K", index, "terminator", unit=-2 - index
            )  # Enter: ends a variable string, its own unit (Rule 4 keeps its M)
        elif isinstance(event, TicketOpened):
            typed(index, len(event.subject))
            typed(index, len(event.text), unit=-2 - index)
            click(
                index, unit=-1_000_000 - index
            )  # "Send": a unit of its own, with its own M
        elif isinstance(event, ReplyReceived):
            waited(
                index, event.felt_wait_ms(model.reading_wpm)
            )  # a stream is read as it comes
            if not event.failed:
                read(index, event.text)
        elif isinstance(event, MailReceived):
            read(index, f"{event.subject} {event.text}")
        elif isinstance(event, ErrorShown) and event.source == "page":
            read(index, event.text)
        elif isinstance(
            event, PHONE_EVENTS
        ):  # listening is the caller's time (_phone.py)
            physical.extend(phone_operators(index, event, model))
    return _overlap(place_mentals(physical, model.mental_s))


def _characters(event: FieldFilled) -> int:
    """Characters typed: recorded by the channel; an event without the count (old
    history, a test) by its value.
    """
    if event.characters:
        return event.characters
    return 0 if event.value == _REDACTED else len(event.value)


def _overlap(ops: list[Operator]) -> list[Operator]:
    """R counts only while the customer waits idle: an M right after it is prepared
    during the wait.
    """
    out = list(ops)
    for i, op in enumerate(out):
        after = out[i + 1] if i + 1 < len(out) else None
        if op.name == "R" and after is not None and after.name == "M":
            out[i] = replace(op, seconds=max(0.0, op.seconds - after.seconds))
    return out


# -- the estimate, and the time each friction cost -------------------------------------


@dataclass(frozen=True)
class TimeEstimate:
    """A journey's customer time, the part lost to frictions, and where the time
    went.
    """

    operators: tuple[Operator, ...]
    customer_time_s: float
    lost_time_s: float
    lost_by_friction: tuple[float, ...]  # in the order of the frictions given
    breakdown: dict[str, dict[str, float]]  # operator -> {"count", "seconds"}
    forms: tuple[
        dict[str, Any], ...
    ]  # per form: page, form, fields_seen, fields_filled

    @property
    def fields_seen(self) -> int:
        return sum(int(f["fields_seen"]) for f in self.forms)

    @property
    def fields_filled(self) -> int:
        return sum(int(f["fields_filled"]) for f in self.forms)


def estimate(
    events: Sequence[Event],
    found: Sequence[tuple[int, Friction]] = (),
    model: EffortModel | None = None,
) -> TimeEstimate:
    """Estimate a journey: `found` is each friction with the index of the event that
    showed it (`detect_at`).
    """
    model = model or EffortModel()
    ops = operators(events, model.time)
    by_event: dict[int, list[int]] = {}
    for i, op in enumerate(ops):
        by_event.setdefault(op.event, []).append(i)
    claimed: set[int] = set()
    lost: list[float] = []
    for index, friction in found:
        rule = model.kinds.describe(friction.kind).time_rule
        if rule is TimeRule.OVER_LIMIT:
            lost.append(_wait_lost(events, index, ops, by_event, claimed, model))
            continue
        seconds = 0.0
        for event in _caused_by(rule, index, events):
            for i in by_event.get(event, ()):
                if i not in claimed:
                    claimed.add(i)
                    seconds += ops[i].seconds
        lost.append(round(seconds, 2))
    total = sum(op.seconds for op in ops)
    return TimeEstimate(
        operators=tuple(ops),
        customer_time_s=round(total, 2),
        lost_time_s=round(sum(lost), 2),
        lost_by_friction=tuple(lost),
        breakdown=_breakdown(ops),
        forms=tuple(form_burden(events)),
    )


def _wait_lost(
    events: Sequence[Event],
    index: int,
    ops: Sequence[Operator],
    by_event: dict[int, list[int]],
    claimed: set[int],
    model: EffortModel,
) -> float:
    """A wait costs the part of the response over its threshold (and never more than the
    customer waited idle).
    """
    event = events[index]
    if isinstance(
        event, PromptHeard
    ):  # a menu level beyond three: its listening is the time lost
        for i in by_event.get(index, ()):
            if ops[i].name == "listen" and i not in claimed:
                claimed.add(i)
                return round(ops[i].seconds, 2)
        return 0.0
    limit = wait_limit(event, model)
    if limit is None:
        return 0.0
    limit_ms = limit.ms
    for i in by_event.get(index, ()):
        op = ops[i]
        if op.name == "R" and i not in claimed:
            claimed.add(i)
            return round(min(op.seconds, max(0.0, op.waited_s - limit_ms / 1000)), 2)
    return 0.0


def _caused_by(rule: TimeRule, index: int, events: Sequence[Event]) -> list[int]:
    """The events whose operators a friction, shown at event `index`, made the customer
    perform in vain: its kind's time rule (kinds.py), then what the event implies."""
    event = events[index]
    if rule is TimeRule.NOTHING:
        return []
    if rule is TimeRule.DETOUR or isinstance(event, GaveUp):
        return [
            i for i, e in enumerate(events) if e.step == event.step
        ]  # the detour that led nowhere
    if isinstance(
        event, CallTransferred
    ):  # the facts keyed in for nothing: the person asks for them again
        return keyed_in_before(events, index)
    if isinstance(event, OverlayBlocked):
        return [
            i for i in range(index + 1, len(events)) if isinstance(events[i], Dismissed)
        ][:1]
    if isinstance(event, Clicked):
        return [index, *_retried(events, index)]
    if isinstance(event, PageOpened) and rule is TimeRule.ROUND_TRIP:
        return [*_led_there(events, index), index, *_went_back(events, index)]
    if isinstance(event, ReplyReceived):
        turn = [index]
        if rule is TimeRule.ANSWERED_AGAIN:
            turn += _answer(events, index)  # the customer answers the repeated question
        else:
            turn = (
                _prompt(events, index) + turn
            )  # the message this unhelpful reply answered
        return turn
    return [index]


def _retried(events: Sequence[Event], index: int) -> list[int]:
    """Clicks on the same target right after it that did nothing either: retried clicks
    (the one that worked is not lost).
    """
    first = events[index]
    out = []
    for i in range(index + 1, len(events)):
        e = events[i]
        same = (
            isinstance(e, Clicked)
            and e.target == getattr(first, "target", None)
            and e.url == getattr(first, "url", None)
        )
        if same and e.effect is ClickEffect.NOTHING:
            out.append(i)
        elif _is_action(e):
            break
    return out


def _led_there(events: Sequence[Event], index: int) -> list[int]:
    for i in range(index - 1, -1, -1):
        e = events[i]
        if isinstance(e, (Clicked, WentBack)):
            return [i] if e.step == events[index].step else []
        if _is_action(e) or isinstance(e, PageOpened):
            return []
    return []


def _went_back(events: Sequence[Event], index: int) -> list[int]:
    for i in range(index + 1, len(events)):
        if isinstance(events[i], WentBack):
            return [i]
        if _is_action(events[i]):
            return []
    return []


def _prompt(events: Sequence[Event], index: int) -> list[int]:
    channel = getattr(events[index], "channel", "")
    for i in range(index - 1, -1, -1):
        e = events[i]
        if (
            isinstance(e, (MessageSent, TicketOpened))
            and getattr(e, "channel", "support") == channel
        ):
            return [i]
    return []


def _answer(events: Sequence[Event], index: int) -> list[int]:
    channel = getattr(events[index], "channel", "")
    for i in range(index + 1, len(events)):
        e = events[i]
        if isinstance(e, MessageSent) and e.channel == channel:
            return [i]
    return []


def _is_action(event: Event) -> bool:
    return isinstance(
        event, (Clicked, FieldFilled, MessageSent, TicketOpened, WentBack, Dismissed)
    )


def _breakdown(ops: Iterable[Operator]) -> dict[str, dict[str, float]]:
    out = {name: {"count": 0, "seconds": 0.0} for name in OPERATORS}
    for op in ops:
        row = out[op.name]
        row["count"] += 1
        row["seconds"] += op.seconds
    return {
        name: {"count": int(row["count"]), "seconds": round(row["seconds"], 2)}
        for name, row in out.items()
        if row["count"]
    }


def form_burden(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Per web form: the visible fields the customer had to consider and the fields they
    filled themselves.
    """
    forms: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        if not isinstance(event, FieldFilled) or event.channel != "web":
            continue
        page = _text.page_key(event.url)
        form = forms.setdefault(
            (page, event.form),
            {
                "page": page,
                "form": event.form,
                "labels": set(),
                "filled": set(),
                "shown": 0,
            },
        )
        form["labels"].add(event.label)
        form["shown"] = max(form["shown"], event.form_fields)
        if not event.prefilled:
            form["filled"].add(event.label)
    return [
        {
            "page": f["page"],
            "form": f["form"],
            "fields_seen": max(f["shown"], len(f["labels"])),
            "fields_filled": len(f["filled"]),
        }
        for f in forms.values()
    ]


def timed(
    result: JourneyResult,
    events: Sequence[Event],
    model: EffortModel | None = None,
    *,
    found: Sequence[tuple[int, Friction]],
) -> JourneyResult:
    """`result` with its customer time, lost time, operators and form burden.

    `found` is every friction of `result` with the index of the event that
    showed it (`Assessment.found`: the detectors' and the abandonment's); a
    friction of `result` is matched to its event by identity, so the order of
    either does not matter.
    """
    model = model or EffortModel()
    figures = estimate(events, found if events else (), model)
    lost = {
        id(friction): seconds
        for (_, friction), seconds in zip(found, figures.lost_by_friction, strict=True)
    }
    frictions = tuple(
        replace(f, lost_time_s=lost.get(id(f), 0.0)) for f in result.frictions
    )
    return replace(
        result,
        frictions=frictions,
        customer_time_s=figures.customer_time_s,
        lost_time_s=round(sum(f.lost_time_s for f in frictions), 2),
        time_operators=figures.breakdown,
        forms=figures.forms,
        fields_seen=figures.fields_seen,
        fields_filled=figures.fields_filled,
    )


def duration_words(seconds: float) -> str:
    """ "2 min 40 s", "45 s": a time as a reader says it, to the second."""
    whole = int(round(seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def time_words(customer_time_s: float, lost_time_s: float) -> str:
    """ "about 2 min 40 s, 1 min 05 s lost": the estimate as the reports print it."""
    if lost_time_s <= 0:
        lost = "nothing lost"
    else:
        lost = (
            f"{duration_words(lost_time_s)} lost"
            if lost_time_s >= 0.5
            else "under 1 s lost"
        )
    return f"about {duration_words(customer_time_s)}, {lost}"
