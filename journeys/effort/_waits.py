"""How long a customer waits for a thing before the wait is a friction: chosen once.

The wait detectors (detect.py, the phone line's hold in _phone.py) charge a wait
over its limit; the time estimate (time.py) counts the part over the same limit
as time lost. Both ask `wait_limit`, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events import Event, HoldWaited, PageOpened, ReplyReceived
from .model import EffortModel


@dataclass(frozen=True)
class WaitLimit:
    """The longest a customer waits for `what` before the wait is effort."""

    ms: float
    what: str  # as evidence names it: "the bot's reply"


def wait_limit(event: Event, model: EffortModel) -> WaitLimit | None:
    """The limit of what `event` made the customer wait for; None: nobody waits on
    it.
    """
    if isinstance(event, PageOpened):
        return WaitLimit(model.page_load_ms, "the page")
    if isinstance(event, ReplyReceived):
        if event.channel == "support":
            return WaitLimit(model.ticket_answer_ms, "the ticket answer")
        if event.by == "agent":
            return WaitLimit(model.agent_reply_ms, "the agent's reply")
        return WaitLimit(model.bot_reply_ms, "the bot's reply")
    if isinstance(event, HoldWaited):
        return WaitLimit(model.hold_ms, "a person on hold")
    return None
