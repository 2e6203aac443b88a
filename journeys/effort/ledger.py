"""The effort ledger: one per scenario, events in the order they happened."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator

from .events import (
    Clicked,
    Dismissed,
    Event,
    FieldFilled,
    MessageSent,
    StepFinished,
    StepStarted,
    TicketOpened,
    WentBack,
)

# What the customer does (the steps of the effort model): what an action budget counts.
CUSTOMER_ACTIONS = (
    Clicked,
    FieldFilled,
    MessageSent,
    TicketOpened,
    WentBack,
    Dismissed,
)
LAST_ACTIONS_NAMED = 5


class RunawayWalk(Exception):
    """A journey did more than its action budget allows: the harness stopped it (broken,
    never the site's effort).
    """


def action_name(event: Event) -> str:
    """A customer action as a reader names it: 'clicked "Help"', 'sent "I want to talk
    to a person"'.
    """
    what = {
        Clicked: "clicked",
        FieldFilled: "filled",
        MessageSent: "sent",
        TicketOpened: "opened a ticket",
        WentBack: "went back",
        Dismissed: "dismissed",
    }
    words = what.get(type(event), type(event).__name__)
    detail = (
        getattr(event, "target", "")
        or getattr(event, "label", "")
        or getattr(event, "subject", "")
        or getattr(event, "what", "")
    )
    if isinstance(event, MessageSent):
        detail = event.text
    detail = " ".join(str(detail).split())
    return f'{words} "{detail[:60]}"' if detail else words


class Ledger:
    """Collects the events of one journey; channels append, detectors read.

    The ledger stamps each event with the current Gherkin step and the time
    since the journey started, so channels need not know about steps.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        action_budget: int = 0,
        redact: Callable[[Event], Event] | None = None,
    ) -> None:
        self._clock = clock
        # What the site said may hold what the customer typed: the shopper hands in the
        # walk's redactor, and nothing enters the ledger (so no detector, transcript or
        # report) before it went through it.
        self.redact = redact
        # 0: no budget (a unit test's ledger); a walk's comes from [tool.journeys]
        self.action_budget = action_budget
        self.actions = 0
        self.runaway = ""  # why the journey was stopped for running away, once it was
        self._started = clock()
        self.started_epoch = (
            time.time()
        )  # when the journey began, as mail and ticket stamps tell time
        self._events: list[Event] = []
        self._step = -1
        self._listeners: list[Callable[[Event], None]] = []

    @property
    def step(self) -> int:
        return self._step

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(tuple(self._events))

    def __len__(self) -> int:
        return len(self._events)

    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """Call `listener(event)` for every event recorded from now on."""
        self._listeners.append(listener)

    def record(self, event: Event) -> Event:
        if self.redact is not None:
            event = self.redact(event)
        if isinstance(event, CUSTOMER_ACTIONS):
            self._count_action(event)
        stamped = dataclasses.replace(
            event, step=self._step, at_s=round(self._clock() - self._started, 4)
        )
        self._events.append(stamped)
        for listener in self._listeners:
            listener(stamped)
        return stamped

    def _count_action(self, event: Event) -> None:
        """Past the action budget every further action raises again, so a loop that
        swallows the error still stops.
        """
        if self.action_budget and self.actions >= self.action_budget:
            if not self.runaway:
                last = [
                    action_name(e)
                    for e in self._events
                    if isinstance(e, CUSTOMER_ACTIONS)
                ][-LAST_ACTIONS_NAMED:]
                self.runaway = (
                    f"runaway: {self.actions} actions, over the action budget of"
                    f" {self.action_budget} (last: {'; '.join(last)})"
                )
            raise RunawayWalk(self.runaway)
        self.actions += 1

    def begin_step(
        self,
        text: str,
        *,
        keyword: str = "",
        line: int = 0,
        moment_that_matters: bool = False,
    ) -> None:
        self._step += 1
        self.record(
            StepStarted(
                text=text,
                keyword=keyword,
                line=line,
                moment_that_matters=moment_that_matters,
            )
        )

    def end_step(self, text: str, *, failed: bool = False, error: str = "") -> None:
        self.record(StepFinished(text=text, failed=failed, error=error))
