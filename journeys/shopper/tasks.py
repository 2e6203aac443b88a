"""Tasks: what a customer does over several interactions, as functions over the shopper's abilities (Screenplay).

An ability performs one interaction and records it; a task decides what to do
next from what the ledger says happened. Goal seeking is the larger task, in
`goals.py`; the form a customer fills is planned by the rule table in `forms.py`.
"""

from __future__ import annotations

from ..effort import HandoffCheck, handoff_within
from .conversation import Conversation


def insist_on_human(chat: Conversation, turns: int) -> HandoffCheck:
    """Keep asking for a human, as a customer would, until handed over or `turns` asks are spent; judged from the ledger."""
    check = handoff_within(chat.ledger.events, turns)
    while not check.handed_over and check.turns_used < turns:
        chat.ask_for_human()
        check = handoff_within(chat.ledger.events, turns)
    return check
