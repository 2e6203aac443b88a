"""Re-entry is the site asking again: cases that must fire and cases that must not
(table-driven).
"""

from __future__ import annotations

import pytest

from journeys.effort import find_reentered_data
from journeys.effort.events import (
    FieldFilled,
    MailReceived,
    MessageSent,
    ReplyReceived,
    TicketOpened,
)

from .build import journey, step, url


def typed(
    label: str, fact: str, *, path: str = "/outage", prefilled: bool = False
) -> FieldFilled:
    return FieldFilled(
        label=label, fact=fact, value="x", url=url(path), prefilled=prefilled
    )


def said(text: str, *facts: str, channel: str = "chat") -> MessageSent:
    return MessageSent(channel=channel, text=text, facts=facts)


def bot(text: str, *, by: str = "bot", channel: str = "chat") -> ReplyReceived:
    return ReplyReceived(channel=channel, text=text, by=by, latency_ms=300)


MUST_FIRE = [
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step("again", typed("Your postcode", "postcode", path="/report")),
        ],
        id="a second page asks again",
    ),
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step("chat", bot("What is your postcode?"), said("SW1A 1AA", "postcode")),
        ],
        id="the bot asks for what the page took",
    ),
    pytest.param(
        [
            step("chat", said("Outage at SW1A 1AA?", "postcode")),
            step("page", typed("Postcode", "postcode")),
        ],
        id="a page asks for what the customer volunteered in chat",
    ),
    pytest.param(
        [
            step("chat", said("order SH-1", "order_number")),
            step(
                "ticket",
                TicketOpened(subject="late", text="SH-1", facts=("order_number",)),
            ),
        ],
        id="the ticket's form asks for what the chat was told",
    ),
    pytest.param(
        [
            step("page", typed("Order number", "order_number")),
            step(
                "mail",
                MailReceived(
                    subject="Your claim", text="Please send us your order number."
                ),
                said("SH-1", "order_number", channel="mail"),
            ),
        ],
        id="an e-mail asks for what the page took",
    ),
]

MUST_NOT_FIRE = [
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step(
                "chat",
                bot("Hello! How can I help?"),
                said("Is there an outage at SW1A 1AA?", "postcode"),
            ),
        ],
        id="the customer volunteers a postcode in chat after typing it",
    ),
    pytest.param(
        [
            step("page", typed("E-mail", "email")),
            step("chat", said("write to a@b.test", "email")),
            step("again", said("a@b.test again", "email")),
        ],
        id="volunteered twice, never asked",
    ),
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step(
                "chat",
                bot("What is your order number?"),
                said("SH-1 at SW1A 1AA", "order_number", "postcode"),
            ),
        ],
        id="asked for one fact, the other volunteered beside it",
    ),
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step(
                "chat",
                bot("What is your postcode?"),
                said(
                    "Thanks",
                ),
            ),
            step("later", said("SW1A 1AA", "postcode")),
        ],
        id="a question answered by another message is not open any more",
    ),
    pytest.param(
        [step("chat", bot("What is your postcode?"), said("SW1A 1AA", "postcode"))],
        id="asked once and given once",
    ),
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step("prefilled", typed("Postcode", "postcode", prefilled=True)),
        ],
        id="a prefilled field is no re-entry",
    ),
    pytest.param(
        [
            step("page", typed("Postcode", "postcode")),
            step(
                "chat",
                bot("What is your postcode?", channel="support"),
                said("SW1A 1AA", "postcode"),
            ),
        ],
        id="a question on another channel is not answered by a chat message",
    ),
]


@pytest.mark.parametrize("steps", MUST_FIRE)
def test_the_site_asking_again_is_charged(steps):
    assert [f.kind for f in find_reentered_data(journey(*steps))] == ["reentered_data"]


@pytest.mark.parametrize("steps", MUST_NOT_FIRE)
def test_what_the_site_did_not_ask_for_is_not_charged(steps):
    assert find_reentered_data(journey(*steps)) == []


def test_an_agent_asking_what_the_page_took_is_one_lost_context_not_two():
    from journeys.effort import detect

    steps = [
        step("page", typed("E-mail", "email")),
        step(
            "agent",
            bot("Could you confirm your e-mail address?", by="agent"),
            said("a@b.test", "email"),
        ),
    ]
    assert [f.kind for f in detect(journey(*steps))] == ["handoff_context_lost"]
