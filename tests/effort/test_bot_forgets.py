"""A bot that forgets what the customer told it in the same conversation: the in-bot
twin of a lost hand-off.
"""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort.events import FieldFilled, MessageSent, ReplyReceived

from .build import journey, step, url


def said(text: str, *facts: str) -> MessageSent:
    return MessageSent(channel="chat", text=text, facts=facts)


def bot(text: str) -> ReplyReceived:
    return ReplyReceived(channel="chat", text=text, by="bot")


CASES = [
    pytest.param(
        [
            said("Order SH-1 arrived damaged", "order_number"),
            bot("Sorry to hear that. What is your order number?"),
        ],
        ["handoff_context_lost"],
        id="asked again, never answered: still charged at the question",
    ),
    pytest.param(
        [
            said("Order SH-1 arrived damaged", "order_number"),
            bot("Sorry to hear that. What is your order number?"),
            said("SH-1", "order_number"),
        ],
        ["handoff_context_lost"],
        id="asked again and answered: one friction, not two",
    ),
    pytest.param(
        [
            said("Order SH-1 arrived damaged", "order_number"),
            bot("What is your order number?"),
            said("SH-1", "order_number"),
            bot("And your order number again?"),
        ],
        ["handoff_context_lost"],
        id="once per conversation",
    ),
    pytest.param(
        [
            said("My parcel arrived damaged"),
            bot("Sorry to hear that. What is your order number?"),
            said("SH-1", "order_number"),
        ],
        [],
        id="asked for what was never told",
    ),
    pytest.param(
        [
            said("Order SH-1 arrived damaged", "order_number"),
            bot(
                "Please send a photo of the damage to care@shop.example with your order"
                " number."
            ),
        ],
        ["channel_switch"],
        id="sent elsewhere with the order number: the switch, not forgetting",
    ),
]


@pytest.mark.parametrize("events, kinds", CASES)
def test_a_bot_asking_again_for_what_it_was_told(events, kinds):
    assert [f.kind for f in detect(journey(step("talk", *events)))] == kinds


def test_a_bot_asking_for_what_a_page_took_is_the_re_entry_on_the_answer():
    events = journey(
        step(
            "page",
            FieldFilled(
                label="Order number", fact="order_number", value="x", url=url("/track")
            ),
        ),
        step("talk", bot("What is your order number?"), said("SH-1", "order_number")),
    )
    assert [f.kind for f in detect(events)] == ["reentered_data"]
