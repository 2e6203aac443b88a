"""The events of one journey as every detector reads them, and how evidence names
things.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from . import _text
from .events import (
    Event,
    FieldFilled,
    MessageSent,
    PageOpened,
    StepStarted,
    TicketOpened,
)
from .facts import FACT_PHRASES
from .frictions import Friction
from .kinds import FrictionKind
from .model import EffortModel

Found = Iterator[
    tuple[int, Friction]
]  # (index of the event that showed it, the friction)


class _Walk:
    """The events of one journey, with what every detector needs to attribute a friction
    to its step.
    """

    def __init__(self, events: Sequence[Event], model: EffortModel | None) -> None:
        self.events = list(events)
        self.model = model or EffortModel()
        self.step_text = {
            e.step: e.text for e in self.events if isinstance(e, StepStarted)
        }
        self.moment = {
            e.step: e.moment_that_matters
            for e in self.events
            if isinstance(e, StepStarted)
        }

    def friction(
        self,
        kind: FrictionKind,
        event: Event,
        evidence: str,
        *,
        where: str = "",
        excerpt: str = "",
    ) -> Friction:
        if not isinstance(kind, FrictionKind):
            raise TypeError(
                "a friction's kind is a value of journeys.effort.kinds "
                f"(DEAD_END), not {kind!r}"
            )
        return Friction(
            kind=kind.name,
            points=round(
                self.model.points_for(kind, moment=self.moment.get(event.step, False)),
                2,
            ),
            step=event.step,
            evidence=evidence,
            where=where,
            excerpt=_text.short(excerpt, 300),
            step_text=self.step_text.get(event.step, ""),
        )


def _path(url: str) -> str:
    """How a reader names a page: its path, or the URL when there is none."""
    parts = urlsplit(url)
    return (parts.path or "/") if parts.netloc else (url or "the page")


def _fact_words(fact: str) -> str:
    return FACT_PHRASES.get(fact, (fact.replace("_", " "),))[0]


def _step_ref(event: Event) -> str:
    return f"step {event.step + 1}" if event.step >= 0 else "before the first step"


def _facts_given(event: Event) -> list[tuple[str, str]]:
    """(fact, where the customer gave it) for every persona fact this event typed or
    told.
    """
    if isinstance(event, FieldFilled) and event.fact and not event.prefilled:
        place = f'the "{event.label}" field' + (
            f" on {_path(event.url)}" if event.url else ""
        )
        return [(event.fact, place)]
    if isinstance(event, MessageSent):
        return [(fact, f"a {event.channel} message") for fact in event.facts]
    if isinstance(event, TicketOpened):
        return [(fact, "the support ticket") for fact in event.facts]
    return []


def _and(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _dead_page(event: PageOpened) -> str:
    """Why a page is a dead end ("HTTP 404", 'an error page ("Page not found")', "the
    browser's error net::ERR_…"), or "".
    """
    # no page came: the browser's own error (net::ERR_…), or the loop it was caught in
    if event.error:
        return (
            f"the browser's error {event.error}"
            if event.error.startswith("net::")
            else event.error
        )
    if event.status >= 400:
        return f"HTTP {event.status}"
    wording = _text.error_page_wording(event.title, event.text)
    return f'an error page ("{_text.short(wording, 60)}")' if wording else ""
