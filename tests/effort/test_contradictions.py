"""Two channels of one journey stating one fact two ways: one `mixed_message` naming
both.
"""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort.events import MailReceived, MessageSent, PageOpened, ReplyReceived

from .build import journey, step, url


def page(path: str, text: str) -> PageOpened:
    return PageOpened(url=url(path), status=200, load_ms=100, title=path, text=text)


def bot(text: str) -> ReplyReceived:
    return ReplyReceived(channel="chat", text=text, by="bot")


def agent(text: str) -> ReplyReceived:
    return ReplyReceived(channel="support", text=text, by="agent", author="Sam")


def mail(subject: str, text: str) -> MailReceived:
    return MailReceived(subject=subject, text=text, sender="care@shop.test")


def said(text: str) -> MessageSent:
    return MessageSent(channel="chat", text=text)


CASES = [
    pytest.param(
        [
            page("/status", "No known issues in your area."),
            said("Is there an outage in BS3?"),
            bot("Yes, there is an outage in BS3 since 9am."),
        ],
        ["a service problem", "the page /status", "the bot in the chat"],
        id="status page against the chat",
    ),
    pytest.param(
        [
            page("/refunds", "Refunds take 3 to 5 working days."),
            mail("Your refund", "Your refund will reach you within 10 days."),
        ],
        ["the days for a refund", "3 to 5 days", "10 days"],
        id="days on a page against an e-mail",
    ),
    pytest.param(
        [
            said("How much is delivery?"),
            bot("Delivery costs £3.99."),
            agent("Delivery is £4.99 for your order."),
        ],
        ["the price of delivery", "£3.99", "£4.99"],
        id="an amount in the chat against a ticket",
    ),
    pytest.param(
        [
            page("/delivery", "Delivery is free."),
            mail("Your order", "Delivery costs £4.99, added to your total."),
        ],
        ["the price of delivery", "free"],
        id="free against an amount",
    ),
    pytest.param(
        [
            page("/status", "No known issues in your area."),
            said("outage?"),
            bot("There are no known outages right now."),
        ],
        [],
        id="two channels that agree",
    ),
    pytest.param(
        [
            page("/a", "Refunds take 3 to 5 working days."),
            page("/b", "Refunds take 10 days."),
        ],
        [],
        id="one channel saying two things is not two channels",
    ),
    pytest.param(
        [
            page("/refunds", "Refunds take 3 to 5 working days."),
            mail("Refund", "Your refund takes 5 working days."),
        ],
        [],
        id="a figure inside the range",
    ),
    pytest.param(
        [
            page("/help", "If there is a fault on your line, tell us."),
            said("fault?"),
            bot("There are no known faults."),
        ],
        [],
        id="a hypothetical is no statement",
    ),
    pytest.param(
        [
            page("/help", "Is there an outage near me?"),
            said("outage?"),
            bot("No known outages."),
        ],
        [],
        id="a question is no statement",
    ),
    pytest.param(
        [
            page("/delivery", "Standard delivery takes 3 to 5 days."),
            bot("Express delivery takes 1 day."),
        ],
        [],
        id="two kinds of delivery are two subjects",
    ),
    pytest.param(
        [page("/d", "Free delivery on orders over £50."), bot("Delivery costs £3.99.")],
        [],
        id="a threshold is no price",
    ),
    pytest.param(
        [
            bot("Banks usually take 3 to 5 working days to show the money."),
            mail("Refund", "Your refund takes 10 days."),
        ],
        [],
        id="a figure about something else",
    ),
    pytest.param(
        [
            page("/status", "No known issues in your area."),
            bot("There is an outage in BS3."),
            mail("Outage", "We have no outages."),
        ],
        ["a service problem"],
        id="one subject is charged once",
    ),
]


@pytest.mark.parametrize("events, evidence", CASES)
def test_two_channels_that_disagree_are_one_mixed_message(events, evidence):
    found = [
        f for f in detect(journey(step("look", *events))) if f.kind == "mixed_message"
    ]
    assert len(found) == (1 if evidence else 0), [f.evidence for f in found]
    for words in evidence:
        assert words in found[0].evidence
