"""reentered_data: a persona fact the customer gives again, on any channel, whole or in parts."""

from __future__ import annotations

from ._walk import Found, _and, _fact_words, _facts_given, _step_ref, _Walk
from .events import Event
from .facts import COMPOSED_FACTS
from .frictions import Friction


def _reentered_data(walk: _Walk) -> Found:
    first: dict[str, tuple[str, Event]] = {}  # fact -> (where, the event) it was first given
    split_again: set[str] = set()  # a whole fact typed again in parts is one re-entry, however many parts
    for index, event in enumerate(walk.events):
        for fact, place in _facts_given(event):
            if fact in first:
                earlier_place, earlier = first[fact]
                yield index, _again(walk, fact, place, event, f"in {earlier_place} ({_step_ref(earlier)})", earlier)
                continue
            first[fact] = (place, event)
            parts = COMPOSED_FACTS.get(fact, ())
            if parts and all(part in first for part in parts):  # "Cardholder name" after first and last name
                given = _and(f"{_fact_words(part)} in {first[part][0]} ({_step_ref(first[part][1])})" for part in parts)
                yield index, _again(walk, fact, place, event, f"as {given}", first[parts[0]][1])
            for whole, its_parts in COMPOSED_FACTS.items():
                if fact in its_parts and whole in first and whole not in split_again:  # first name after a full name
                    split_again.add(whole)
                    where, earlier = first[whole]
                    yield index, _again(walk, fact, place, event, f"in their {_fact_words(whole)} in {where} ({_step_ref(earlier)})", earlier)


def _again(walk: _Walk, fact: str, place: str, event: Event, already: str, earlier: Event) -> Friction:
    return walk.friction(
        "reentered_data",
        event,
        f"Gave their {_fact_words(fact)} again in {place} ({_step_ref(event)}), already given {already}.",
        where=place,
        excerpt=f"{walk.step_text.get(earlier.step, '')} -> {walk.step_text.get(event.step, '')}",
    )
