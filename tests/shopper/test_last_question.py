"""Asking the same question in a second channel: what the customer last asked, on any
channel.
"""

from __future__ import annotations

import pytest

from journeys.effort.events import MessageSent, TicketOpened
from journeys.effort.ledger import Ledger
from journeys.errors import StepDoesNotFit
from journeys.shopper.tasks import last_question


def test_the_last_question_is_the_newest_on_any_channel():
    ledger = Ledger()
    ledger.record(MessageSent(channel="chat", text="Is there an outage in BS3?"))
    ledger.record(
        MessageSent(
            channel="chat", text="I want to talk to a person", asked_for_human=True
        )
    )
    assert last_question(ledger) == "Is there an outage in BS3?"
    ledger.record(
        TicketOpened(subject="Outage", text="Is my area affected by the outage?")
    )
    assert last_question(ledger) == "Is my area affected by the outage?"


def test_nothing_asked_yet_says_what_to_do():
    with pytest.raises(StepDoesNotFit, match="ask first"):
        last_question(Ledger())
