"""Build journeys for tests: steps of events, stamped with step index and time, no
Ledger clock.
"""

from __future__ import annotations

import dataclasses

from journeys.effort.events import Event, StepFinished, StepStarted

SITE = "http://shop.test"


def step(
    text: str, *events: Event, moment: bool = False
) -> tuple[str, tuple[Event, ...], bool]:
    """One Gherkin step and the events that happened in it."""
    return text, events, moment


def journey(
    *steps: tuple[str, tuple[Event, ...], bool], moment: bool = False
) -> list[Event]:
    """The events of a journey as the ledger records them: StepStarted, the step's
    events, StepFinished.

    Time moves one second per event, unless an event says when it happened (`at_s`), as
    the rage-click cases do.
    """
    out: list[Event] = []
    clock = 0.0
    for index, (text, events, step_moment) in enumerate(steps):
        clock += 1.0
        out.append(
            StepStarted(
                step=index,
                at_s=clock,
                text=text,
                moment_that_matters=moment or step_moment,
            )
        )
        for event in events:
            clock = event.at_s if event.at_s else clock + 1.0
            out.append(dataclasses.replace(event, step=index, at_s=clock))
        out.append(StepFinished(step=index, at_s=clock, text=text))
    return out


def url(path: str) -> str:
    return SITE + path
