"""The effort ledger: one per scenario, events in the order they happened."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator

from .events import Event, StepFinished, StepStarted


class Ledger:
    """Collects the events of one journey; channels append, detectors read.

    The ledger stamps each event with the current Gherkin step and the time
    since the journey started, so channels need not know about steps.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
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
        stamped = dataclasses.replace(event, step=self._step, at_s=round(self._clock() - self._started, 4))
        self._events.append(stamped)
        for listener in self._listeners:
            listener(stamped)
        return stamped

    def begin_step(self, text: str, *, keyword: str = "", line: int = 0, moment_that_matters: bool = False) -> None:
        self._step += 1
        self.record(StepStarted(text=text, keyword=keyword, line=line, moment_that_matters=moment_that_matters))

    def end_step(self, text: str, *, failed: bool = False, error: str = "") -> None:
        self.record(StepFinished(text=text, failed=failed, error=error))
