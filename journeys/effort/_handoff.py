"""Handed over to a person within N turns of asking: one rule, for the shopper who
insists and the detector who charges.

The counting rule. A *turn* is one message the customer sends on the channel and every
reply it gets, up to their next message. Counting starts with the first message that
asks for a human (`MessageSent.asked_for_human`) while no person is talking on that
channel. The customer is handed over within N turns when, in one of those first N turns,
a reply hands over (`handoff`) or comes from a person (`by == "agent"`): "One moment,
connecting you" from the bot followed by Sam's greeting in the same turn is a hand-off
in that turn.

It is *settled* at that reply; or, when the N-th turn is over without one, at the first
event after the turn's replies that is not a reply on the channel (the customer spoke
again, the step ended): only then can no reply of that turn still hand over. A request
still open has `settled_at is None`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .events import Event, MessageSent, ReplyReceived


@dataclass(frozen=True)
class HandoffCheck:
    """Whether a request for a human was met within some turns, and what the customer
    got instead.
    """

    handed_over: bool
    asked: bool  # the customer asked for a human at all
    turns_used: int  # customer messages from the first request for a human
    said_instead: tuple[str, ...] = ()  # replies in those turns that did not hand over
    settled_at: int | None = (
        None  # index of the event that decided it; None while it is still open
    )
    asked_at: int | None = None  # index of the first request for a human


def handoff_within(
    events: Sequence[Event], turns: int, *, channel: str = "chat"
) -> HandoffCheck:
    """Was the customer handed over to a person within `turns` customer turns of first
    asking for one?
    """
    return next(
        handoff_checks(events, turns, channel=channel),
        HandoffCheck(handed_over=False, asked=False, turns_used=0),
    )


def handoff_checks(
    events: Sequence[Event], turns: int, *, channel: str = "chat"
) -> Iterator[HandoffCheck]:
    """Every request for a human on `channel`, in order, judged by the rule above (one
    after each hand-off).
    """
    asked_at: int | None = None
    used = 0
    said: list[str] = []
    with_person = False
    for index, event in enumerate(events):
        if isinstance(event, ReplyReceived) and event.channel == channel:
            person = event.handoff or (event.by == "agent" and not event.failed)
            if asked_at is not None and person:
                yield HandoffCheck(
                    True, True, used, tuple(said), settled_at=index, asked_at=asked_at
                )
                asked_at, used, said = None, 0, []
            elif asked_at is not None and used <= turns:
                said.append(event.text or f"(no reply: {event.failed})")
            with_person = with_person or person
            continue
        if asked_at is not None and used >= turns:
            # The N-th turn is over: the customer goes on without a person.
            yield HandoffCheck(
                False, True, used, tuple(said), settled_at=index, asked_at=asked_at
            )
            asked_at, used, said = None, 0, []
        if isinstance(event, MessageSent) and event.channel == channel:
            if asked_at is None and event.asked_for_human and not with_person:
                asked_at = index
            if asked_at is not None:
                used += 1
    if asked_at is not None:
        yield HandoffCheck(
            False, True, used, tuple(said), settled_at=None, asked_at=asked_at
        )
