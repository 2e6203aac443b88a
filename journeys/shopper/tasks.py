"""Tasks: what a customer does over several interactions, as functions over the
shopper's abilities (Screenplay).

An ability performs one interaction and records it; a task decides what to do next from
what the ledger says happened. Goal seeking is the larger task, in `goals.py`; the form
a customer fills is planned by the rule table in `forms.py`.
"""

from __future__ import annotations

from ..effort import HandoffCheck, handoff_within
from ..effort.events import MessageSent, ReplyReceived, TicketOpened
from ..effort.ledger import Ledger
from ..errors import StepDoesNotFit
from .conversation import Conversation


def insist_on_human(chat: Conversation, turns: int) -> HandoffCheck:
    """Keep asking for a human, as a customer would, until handed over or `turns` asks
    are spent.

    The loop counts its own asks: what the ledger says only tells whether a person took
    over, never how long to go on (a bot that had already handed over, so that no
    request "counts", once made this loop ask 11,000 times).
    """
    if _with_a_person(chat):  # a person is already talking: nothing to insist on
        return HandoffCheck(handed_over=True, asked=False, turns_used=0)
    check = handoff_within(chat.ledger.events, turns)
    asks = 0
    # The ledger may end it sooner (an earlier request already used turns), never later.
    while (
        not check.handed_over
        and asks < turns
        and not (check.asked and check.turns_used >= turns)
    ):
        chat.ask_for_human()
        asks += 1
        check = handoff_within(chat.ledger.events, turns)
        if _with_a_person(chat):
            return HandoffCheck(
                True,
                True,
                asks,
                check.said_instead,
                settled_at=check.settled_at,
                asked_at=check.asked_at,
            )
    return check


def _with_a_person(chat: Conversation) -> bool:
    """Whether a person has answered or taken over on this chat, as the ledger recorded
    it.
    """
    return any(
        isinstance(e, ReplyReceived)
        and e.channel == chat.channel
        and not e.failed
        and (e.handoff or e.by == "agent")
        for e in chat.ledger.events
    )


def last_question(ledger: Ledger) -> str:
    """What the customer last asked, on any channel (a chat message, a ticket), to ask
    it again elsewhere.
    """
    for event in reversed(ledger.events):
        if (
            isinstance(event, MessageSent)
            and not event.asked_for_human
            and event.text.strip()
        ):
            return event.text
        if isinstance(event, TicketOpened):
            return event.text or event.subject
    raise StepDoesNotFit(
        "I have asked nothing yet to ask again elsewhere: ask first (When I tell the"
        ' bot "Is there an outage?")'
    )
