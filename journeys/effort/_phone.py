"""The phone line's detectors, its menu path and its customer time: pure functions of
the call's events.

Decisions a reader may look for (docs/effort-model.md):

- A prompt heard again after the caller answered (a key, a phrase, or silence) is a
  `bot_loop`, once per return to it: the welcome and the menu played again are one loop.
  The return that follows a press for a person is the zero-out's dead end, not a loop as
  well.
- Pressing the operator key (or saying "agent") and getting no transfer before the next
  menu or the end of the call is a `dead_end`; so is a call the line could not carry on
  (HTTP error, not TwiML or VoiceXML, a redirect loop, the call's deadline).
- A prompt that sends the caller elsewhere ("please visit our website") is a
  `channel_switch`, once per place in a journey.
- A transfer that carries nothing (no parameters, no namelist, no task attributes) after
  the caller keyed in or said a fact is `handoff_context_lost`.
- Hold longer than the model's `hold_ms` is a `wait`; so is each menu level beyond three
  on the way (the listening is the caller's work): one `wait` for the 4th level, one for
  the 5th, and so on, at the model's points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from . import _text
from ._asking import facts_asked
from ._klm import Operator
from ._waits import wait_limit
from ._walk import Found, _and, _fact_words, _step_ref, _Walk
from .events import (
    CallEnded,
    CallStarted,
    CallTransferred,
    Event,
    HoldWaited,
    KeysPressed,
    PhraseSaid,
    PromptHeard,
)
from .kinds import BOT_LOOP, CHANNEL_SWITCH, DEAD_END, HANDOFF_CONTEXT_LOST, WAIT
from .model import TimeModel

MENU_LEVELS_FREE = (
    3  # menu levels a caller goes through before each further one is effort
)
AUDIO_CLIP_S = (
    3.0  # a recording's length is unknown to a voice browser: a short greeting's
)


def calls(events: Sequence[Event]) -> Iterator[list[tuple[int, Event]]]:
    """The journey's calls: each a list of (index, event) from its CallStarted to the
    next one.
    """
    current: list[tuple[int, Event]] | None = None
    for index, event in enumerate(events):
        if isinstance(event, CallStarted):
            if current:
                yield current
            current = [(index, event)]
        elif current is not None:
            current.append((index, event))
    if current:
        yield current


def _is_answer(event: Event) -> bool:
    return isinstance(event, (KeysPressed, PhraseSaid))


def _said(event: PromptHeard) -> str:
    """A prompt's words, as compared: case and punctuation aside; a recording by its
    file name.
    """
    return " ".join(re.findall(r"\w+", event.text.lower())) or f"[{event.audio}]"


# -- bot_loop --------------------------------------------------------------------------


def _phone_loops(walk: _Walk, the_calls: list[list[tuple[int, Event]]]) -> Found:
    for call in the_calls:
        heard: list[str] = []
        answered = charged = False
        zero_out = False
        for index, event in call:
            if _is_answer(event):
                answered, charged = True, False
                zero_out = bool(getattr(event, "asked_for_human", False))
            elif isinstance(event, CallTransferred):
                zero_out = False
            elif isinstance(event, PromptHeard):
                said = _said(event)
                # The same words: menus one word apart ("new claims", "home claims") are
                # different menus.
                again = said in heard
                if again and answered and not charged and not zero_out:
                    charged = True
                    yield (
                        index,
                        walk.friction(
                            BOT_LOOP,
                            event,
                            "The phone line played"
                            f' "{_text.short(event.text or event.audio, 80)}" again:'
                            " the caller went round the menu.",
                            where=f"phone ({_step_ref(event)})",
                            excerpt=event.text or event.audio,
                        ),
                    )
                heard.append(said)


# -- dead_end --------------------------------------------------------------------------


def _phone_dead_ends(walk: _Walk, the_calls: list[list[tuple[int, Event]]]) -> Found:
    for call in the_calls:
        asked: Event | None = None
        for index, event in call:
            sent_away = isinstance(event, PromptHeard) and _sends_away(event.text)
            if isinstance(event, CallTransferred) or (asked is not None and sent_away):
                # a person, or sent elsewhere (the channel switch's friction, not a
                # second one)
                asked = None
            elif asked is not None and (
                (isinstance(event, PromptHeard) and event.menu)
                or _is_answer(event)
                or isinstance(event, CallEnded)
            ):
                how = (
                    f"pressed {asked.keys}"
                    if isinstance(asked, KeysPressed)
                    else f'said "{getattr(asked, "text", "")}"'
                )
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f"The caller {how} for a person and the line offered none: no"
                        " way out of the menu to a person.",
                        where=f"phone ({_step_ref(asked)})",
                        excerpt=getattr(event, "text", "")
                        or getattr(event, "failed", ""),
                    ),
                )
                asked = None
            if _is_answer(event) and getattr(event, "asked_for_human", False):
                asked = event
            if isinstance(event, CallEnded) and event.failed:
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f"The call could not go on: {event.failed}.",
                        where=f"phone ({_step_ref(event)})",
                        excerpt=event.failed,
                    ),
                )


def _sends_away(text: str) -> bool:
    found = _text.channel_switch(text, "phone") if text else None
    return bool(found) and found[0] != "phone"


# -- channel_switch --------------------------------------------------------------------

_SENT_TO = {
    "web": "to the website",
    "email": "to e-mail",
    "ticket": "to a support ticket",
    "chat": "to the chat",
    "form": "to a form",
    "store": "to a store",
    "post": "to write a letter",
    "other": "elsewhere",
}


def _phone_channel_switches(
    walk: _Walk, the_calls: list[list[tuple[int, Event]]]
) -> Found:
    sent: set[str] = set()
    for index, event in (pair for call in the_calls for pair in call):
        if not isinstance(event, PromptHeard) or not event.text:
            continue
        found = _text.channel_switch(event.text, "phone")
        if found and found[0] != "phone" and found[0] not in sent:
            sent.add(found[0])
            yield (
                index,
                walk.friction(
                    CHANNEL_SWITCH,
                    event,
                    "The phone line sent the caller"
                    f' {_SENT_TO.get(found[0], "elsewhere")} to finish: "{found[1]}"',
                    where=f"phone ({_step_ref(event)})",
                    excerpt=event.text,
                ),
            )


# -- handoff_context_lost --------------------------------------------------------------


def _phone_handoffs(walk: _Walk, the_calls: list[list[tuple[int, Event]]]) -> Found:
    """A transfer that carries nothing of the facts given; or, after a transfer, the
    line asking for one again (once a transfer).
    """
    for call in the_calls:
        given: list[str] = []
        transfer: CallTransferred | None = None
        charged = False
        for index, event in call:
            if isinstance(event, KeysPressed) and event.fact:
                given.append(event.fact)
            elif isinstance(event, PhraseSaid):
                given.extend(event.facts)
            elif isinstance(event, CallTransferred):
                transfer, charged = event, bool(given) and not event.carried
                if charged:
                    facts = _and(_fact_words(f) for f in dict.fromkeys(given))
                    yield (
                        index,
                        walk.friction(
                            HANDOFF_CONTEXT_LOST,
                            event,
                            f"The line transferred the call to {event.to} carrying"
                            f" nothing of what the caller gave ({facts}): the person"
                            " will ask again.",
                            where=f"phone ({_step_ref(event)})",
                            excerpt=event.to,
                        ),
                    )
            elif (
                isinstance(event, PromptHeard) and transfer is not None and not charged
            ):
                again = [fact for fact in asks_for(event.text) if fact in given]
                if again:
                    charged = True
                    yield (
                        index,
                        walk.friction(
                            HANDOFF_CONTEXT_LOST,
                            event,
                            f"After the transfer to {transfer.to}, the caller was asked"
                            f" again for their {_and(_fact_words(f) for f in again)},"
                            " already keyed in.",
                            where=f"phone ({_step_ref(event)})",
                            excerpt=event.text,
                        ),
                    )


_PHONE_VERBS = re.compile(
    r"\b(?:key in|key|punch in|tap in|dial|use your keypad to enter)\b", re.IGNORECASE
)


def asks_for(text: str) -> tuple[str, ...]:
    """The facts a prompt asks the caller for: a phone's words for typing ("key in",
    "dial") read as the web's "enter".
    """
    return facts_asked(_PHONE_VERBS.sub("enter", text))


# -- wait ------------------------------------------------------------------------------


def _phone_waits(walk: _Walk, the_calls: list[list[tuple[int, Event]]]) -> Found:
    model = walk.model
    for index, event in (pair for call in the_calls for pair in call):
        limit = wait_limit(event, model)
        if (
            isinstance(event, HoldWaited)
            and limit is not None
            and event.seconds * 1000 > limit.ms
        ):
            yield (
                index,
                walk.friction(
                    WAIT,
                    event,
                    f"Waited {event.seconds:.0f} s on hold "
                    f"(more than {limit.ms / 1000:g} s).",
                    where=f"phone ({_step_ref(event)})",
                ),
            )
    for call in the_calls:
        for index, event, level in _menu_levels(call):
            if level > MENU_LEVELS_FREE:
                yield (
                    index,
                    walk.friction(
                        WAIT,
                        event,
                        f"A menu {_ordinal(level)} level deep: each level beyond"
                        f" {MENU_LEVELS_FREE} is more to listen to and remember.",
                        where=f"phone ({_step_ref(event)})",
                        excerpt=event.text,
                    ),
                )


def _menu_levels(
    call: list[tuple[int, Event]],
) -> Iterator[tuple[int, PromptHeard, int]]:
    """Each menu prompt heard the first time at its level: 1 for the first, one more for
    each menu answered on the way.
    """
    levels: dict[str, int] = {}
    level = 1
    for index, event in call:
        if isinstance(event, PromptHeard) and event.menu:
            said = _said(event)
            if said in levels:
                level = levels[
                    said
                ]  # back at a menu heard before: its level, not one deeper
                continue
            levels[said] = level
            yield index, event, level
        elif (
            isinstance(event, KeysPressed)
            and not event.fact
            and not event.silent
            or isinstance(event, PhraseSaid)
            and not event.facts
        ):
            level += 1


def _ordinal(n: int) -> str:
    suffix = (
        "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    )
    return f"{n}{suffix}"


# -- the menu path ---------------------------------------------------------------------


def menu_paths(events: Sequence[Event]) -> list[str]:
    """Per call, what the caller chose, in order: "1 > [order number] > 0"; "(silence)"
    where they pressed nothing.
    """
    paths = []
    for call in calls(events):
        steps = []
        for _, event in call:
            if isinstance(event, KeysPressed):
                steps.append(
                    "(silence)"
                    if event.silent
                    else f"[{_fact_words(event.fact)}]"
                    if event.fact
                    else event.keys
                )
            elif isinstance(event, PhraseSaid):
                steps.append(f'"{event.text}"')
        paths.append(" > ".join(steps))
    return paths


# -- customer time ---------------------------------------------------------------------


def phone_operators(index: int, event: Event, model: TimeModel) -> list[Operator]:
    """What a phone event costs the caller: listening at the speaking rate, hold, keys,
    speaking (M's placed by time.py).
    """
    if isinstance(event, PromptHeard):
        words = len(event.text.split())
        seconds = words * 60 / model.speaking_wpm + (
            AUDIO_CLIP_S if event.audio else 0.0
        )
        return [Operator("listen", seconds, index, "", index)] if seconds else []
    if isinstance(event, HoldWaited):
        return (
            [Operator("R", event.seconds, index, "", index, waited_s=event.seconds)]
            if event.seconds > 0
            else []
        )
    if isinstance(event, KeysPressed) and not event.silent:
        role = "argument" if event.fact else "command"
        return [
            Operator(
                "K",
                model.keystroke_s,
                index,
                role,
                index,
                value_start=bool(event.fact) and i == 0,
            )
            for i in range(len(event.keys))
        ]
    if isinstance(event, PhraseSaid):
        words = len(event.text.split())
        return [
            Operator("M", model.mental_s, index, "speak", index),
            Operator("speak", words * 60 / model.speaking_wpm, index, "speak", index),
        ]
    if isinstance(event, CallStarted):
        digits = sum(c.isdigit() for c in event.number)
        return [
            Operator(
                "K", model.keystroke_s, index, "argument", index, value_start=i == 0
            )
            for i in range(digits)
        ]
    return []


def _phone_frictions(walk: _Walk) -> Found:
    """Every phone friction, in the order met; a journey with no call costs one look at
    its events (the web's walk stays as fast).
    """
    the_calls = list(calls(walk.events))
    if not the_calls:
        return
    found = [
        (index, order, friction)
        for order, scan in enumerate(
            (
                _phone_loops,
                _phone_dead_ends,
                _phone_channel_switches,
                _phone_handoffs,
                _phone_waits,
            )
        )
        for index, friction in scan(walk, the_calls)
    ]
    for index, _, friction in sorted(found, key=lambda item: (item[0], item[1])):
        yield index, friction


PHONE_SCANS = (_phone_frictions,)


def keyed_in_before(events: Sequence[Event], index: int) -> list[int]:
    """The events of the call before `index` that gave a fact (keys or words): what a
    transfer that drops them wastes.
    """
    for call in calls(events[: index + 1]):
        if call[-1][0] == index:
            return [
                i
                for i, e in call
                if (isinstance(e, KeysPressed) and e.fact)
                or (isinstance(e, PhraseSaid) and e.facts)
            ]
    return []


# -- the transcript --------------------------------------------------------------------


def phone_line(event: Event) -> dict[str, str] | None:
    """One line of the call's transcript (who, text) for a phone event; None for any
    other event.
    """
    if isinstance(event, CallStarted):
        return {"who": "customer", "text": f"(calls {event.number})"}
    if isinstance(event, PromptHeard):
        text = event.text or f"(plays {event.audio})"
        if event.text and event.audio:
            text += f" (plays {event.audio})"
        return {"who": "agent" if event.by == "agent" else "line", "text": text}
    if isinstance(event, KeysPressed):
        if event.silent:
            return {"who": "customer", "text": "(presses nothing)"}
        what = (
            f"keys in my {_fact_words(event.fact)}: {event.keys}"
            if event.fact
            else f"presses {event.keys}"
        )
        return {"who": "customer", "text": f"({what})"}
    if isinstance(event, PhraseSaid):
        return {"who": "customer", "text": event.text}
    if isinstance(event, CallTransferred):
        carried = (
            f", carrying {', '.join(event.carried)}"
            if event.carried
            else ", carrying nothing"
        )
        return {
            "who": "system",
            "text": f"(transferred to {event.to}, a {event.kind}{carried})",
        }
    if isinstance(event, HoldWaited):
        return {
            "who": "system",
            "text": (
                f"({'on hold' if event.why != 'pause' else 'silence'}"
                f" {event.seconds:g} s)"
            ),
        }
    if isinstance(event, CallEnded):
        return {
            "who": "system",
            "text": f"(call ended: {event.failed or event.reason})",
        }
    return None
