"""reentered_data: the site asks again for a persona fact this journey already gave, on
any channel, whole or in parts.

Re-entry is the site asking again, not the customer choosing to say it. A fact counts as
*asked for* when a page field takes it, when a ticket's form (the support API's
template) carries it, or when the customer's message answers a bot's, an agent's or an
e-mail's question for it (`facts_asked` of what the company said last on that channel).
A fact the customer volunteers in a message ("Is there an outage at {my postcode}?") is
never charged; it is given all the same, so a page that asks for it later is charged.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._asking import facts_asked
from ._text import channel_switch
from ._walk import Found, _and, _fact_words, _facts_given, _step_ref, _Walk
from .events import (
    Event,
    FieldFilled,
    MailReceived,
    MessageSent,
    ReplyReceived,
    TicketOpened,
)
from .facts import COMPOSED_FACTS
from .frictions import Friction
from .kinds import REENTERED_DATA


def _reentered_data(walk: _Walk) -> Found:
    first: dict[
        str, tuple[str, Event]
    ] = {}  # fact -> (where, the event) it was first given
    split_again: set[str] = (
        set()
    )  # a whole fact typed again in parts is one re-entry, however many parts
    asking = _Questions()
    for index, event in enumerate(walk.events):
        asking.hear(event)
        asked = asking.asked_by(event)
        for fact, place in _facts_given(event):
            if fact not in asked:
                first.setdefault(
                    fact, (place, event)
                )  # volunteered: given, never charged
                continue
            if fact in first:
                earlier_place, earlier = first[fact]
                yield (
                    index,
                    _again(
                        walk,
                        fact,
                        place,
                        event,
                        f"in {earlier_place} ({_step_ref(earlier)})",
                        earlier,
                    ),
                )
                continue
            first[fact] = (place, event)
            parts = COMPOSED_FACTS.get(fact, ())
            if parts and all(
                part in first for part in parts
            ):  # "Cardholder name" after first and last name
                given = _and(
                    f"{_fact_words(part)} in {first[part][0]}"
                    f" ({_step_ref(first[part][1])})"
                    for part in parts
                )
                yield (
                    index,
                    _again(walk, fact, place, event, f"as {given}", first[parts[0]][1]),
                )
            for whole, its_parts in COMPOSED_FACTS.items():
                if (
                    fact in its_parts and whole in first and whole not in split_again
                ):  # first name after a full name
                    split_again.add(whole)
                    where, earlier = first[whole]
                    yield (
                        index,
                        _again(
                            walk,
                            fact,
                            place,
                            event,
                            f"in their {_fact_words(whole)} in {where}"
                            f" ({_step_ref(earlier)})",
                            earlier,
                        ),
                    )


class _Questions:
    """What the company last asked the customer for, per channel, until the customer
    next speaks there.

    A question the conversation detectors charge already (a person asking again for what
    the journey gave, a bot asking again for what it was told in the same conversation:
    `handoff_context_lost`) is left out: the customer's answer is that friction's
    consequence, not a second one.
    """

    def __init__(self) -> None:
        self._open: dict[str, set[str]] = {}
        self._given: set[str] = set()
        self._told: dict[str, set[str]] = {}

    def hear(self, event: Event) -> None:
        for fact, _ in _facts_given(event):
            self._given.add(fact)
            if isinstance(event, MessageSent):
                self._told.setdefault(event.channel, set()).add(fact)
        if (
            isinstance(event, ReplyReceived)
            and event.by != "system"
            and not event.failed
        ):
            if event.by == "agent":
                charged = self._given
            elif channel_switch(event.text, event.channel) is None:
                charged = self._told.get(event.channel, set())
            else:
                charged = set()
            asked = {fact for fact in facts_asked(event.text) if fact not in charged}
            self._open.setdefault(event.channel, set()).update(asked)
        elif isinstance(event, MailReceived):
            self._open.setdefault("mail", set()).update(facts_asked(event.text))

    def asked_by(self, event: Event) -> Iterable[str]:
        """The facts `event` gives because the site asked for them."""
        if isinstance(event, FieldFilled) or isinstance(event, TicketOpened):
            return (
                _Everything()
            )  # a field, a ticket's form: the site asks for what it takes
        if isinstance(event, MessageSent):
            return self._open.pop(
                event.channel, set()
            )  # answered now; the next message answers nothing unasked
        return ()


class _Everything:
    def __contains__(self, fact: object) -> bool:
        return True


def _again(
    walk: _Walk, fact: str, place: str, event: Event, already: str, earlier: Event
) -> Friction:
    return walk.friction(
        REENTERED_DATA,
        event,
        f"Gave their {_fact_words(fact)} again in {place} ({_step_ref(event)}), already"
        f" given {already}.",
        where=place,
        excerpt=(
            f"{walk.step_text.get(earlier.step, '')} ->"
            f" {walk.step_text.get(event.step, '')}"
        ),
    )
