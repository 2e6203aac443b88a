"""Transfers and lost context (issue 10): every hand-off seen, each transfer after the
first charged, once per person.
"""

from __future__ import annotations

import pytest

from journeys.effort import find_channel_switches, find_lost_context
from journeys.effort.events import MessageSent, ReplyReceived, TicketOpened

from .build import journey, step


def said(text, *facts, human=False, channel="chat"):
    return MessageSent(channel=channel, text=text, facts=facts, asked_for_human=human)


def bot(text, **kw):
    return ReplyReceived(channel=kw.pop("channel", "chat"), text=text, by="bot", **kw)


def person(text, author="", channel="chat", **kw):
    return ReplyReceived(channel=channel, text=text, by="agent", author=author, **kw)


PROBLEM = said("my trainers arrived damaged and the sole is split", "order_number")

CASES = [
    pytest.param(
        [
            step(
                "chat",
                PROBLEM,
                said("human", human=True),
                bot("Connecting you.", handoff=True),
            ),
            step(
                "agent",
                person(
                    "Hi, I'm Sam. I see your trainers arrived damaged; a new pair is on"
                    " its way.",
                    "Sam",
                ),
            ),
        ],
        [],
        id="one hand-off with the context is how service works",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person("Hi, I'm Sam, I see the sole is split.", "Sam"),
                said("can you replace them please"),
            ),
            step(
                "priya",
                person(
                    "Hello, Priya here from returns. The damaged pair can be collected"
                    " tomorrow.",
                    "Priya",
                ),
            ),
        ],
        ["Passed on again: Sam passed the customer to Priya"],
        id="person to person is a second transfer",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step("sam", person("Sam here, sorry the sole split.", "Sam")),
            step(
                "priya",
                person("Priya here, I have your damaged pair on file.", "Priya"),
            ),
            step(
                "tom",
                person(
                    "Tom here, I will arrange the damaged pair's collection.", "Tom"
                ),
            ),
        ],
        ["Sam passed the customer to Priya", "Priya passed the customer to Tom"],
        id="shuffled between agents: each transfer after the first",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person("Sam here, the damaged sole is noted.", "Sam"),
                person("Anything else on the damaged pair?", "Sam"),
            ),
        ],
        [],
        id="the same person again is no transfer",
    ),
    pytest.param(
        [
            step(
                "chat",
                PROBLEM,
                bot("Let me pass you on.", handoff=True),
                person("Hi, I've read it: the sole split.", "agent-17", handoff=True),
            ),
            step(
                "more",
                said("thanks, and the refund?"),
                person(
                    "The refund for the damaged pair is started.",
                    "agent-17",
                    handoff=True,
                ),
            ),
        ],
        [],
        id="a hand-off flag on every reply of the same person is no transfer",
    ),
    pytest.param(
        [
            step(
                "chat",
                PROBLEM,
                bot("Connecting you.", handoff=True),
                person("Sam here, I see the split sole.", "Sam"),
            ),
            step(
                "ticket",
                TicketOpened(
                    subject="Damaged trainers", text="The sole is split", facts=()
                ),
            ),
            step(
                "desk",
                person(
                    "Hello, about your damaged trainers: a courier collects them.",
                    "Priya",
                    channel="support",
                ),
            ),
        ],
        ["Sam in the chat passed the customer to a support ticket"],
        id="chat to ticket after a person is a second transfer",
    ),
    pytest.param(
        [
            step(
                "chat",
                PROBLEM,
                bot("Connecting you.", handoff=True),
                person("Sam here. Please open a ticket for this.", "Sam"),
            ),
            step(
                "ticket",
                TicketOpened(
                    subject="Damaged trainers", text="The sole is split", facts=()
                ),
            ),
            step(
                "desk",
                person(
                    "Hello, about your damaged trainers: a courier collects them.",
                    "Priya",
                    channel="support",
                ),
            ),
        ],
        [],
        id=(
            "the ticket a person sent the customer to is their channel switch, not a"
            " second charge"
        ),
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam", person("Hi, I'm Sam. What do you need help with today?", "Sam")
            ),
        ],
        ["Sam asked again for the customer's problem"],
        id="a greeting that asks what the customer already explained",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person(
                    "Hi, I'm Sam, how can I help? I can see your trainers arrived with"
                    " a split sole.",
                    "Sam",
                ),
            ),
        ],
        [],
        id="a greeting beside words about the problem, in one reply",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person("Hi, I'm Sam, how can I help?", "Sam"),
                person("I see the sole of your trainers split.", "Sam"),
            ),
        ],
        [],
        id="a greeting beside a message about the problem, in the same answer",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person("Hi, could you give me your order number?", "Sam"),
                said("SH-1", "order_number"),
            ),
            step(
                "priya",
                person("Priya here. Could you give me your order number?", "Priya"),
            ),
        ],
        [
            "Sam asked again for the customer's order number",
            "Sam passed the customer to Priya",
            "Priya asked again for the customer's order number",
        ],
        id="each person who asks again is their own lost context",
    ),
    pytest.param(
        [
            step("chat", PROBLEM, bot("Connecting you.", handoff=True)),
            step(
                "sam",
                person("Could you give me your order number?", "Sam"),
                said("SH-1", "order_number"),
                person("And your order number again, please?", "Sam"),
            ),
        ],
        ["Sam asked again for the customer's order number"],
        id="once per person",
    ),
]


@pytest.mark.parametrize(("steps", "evidence"), CASES)
def test_transfers_and_lost_context(steps, evidence):
    found = find_lost_context(journey(*steps))
    assert [f.kind for f in found] == ["handoff_context_lost"] * len(evidence), [
        f.evidence for f in found
    ]
    for friction, words in zip(found, evidence):
        assert words in friction.evidence


def test_the_same_reply_on_the_insisting_turn_is_no_second_switch():
    events = journey(
        step(
            "ask",
            said("a human please", human=True),
            bot("Please call us on 0800 123 4567."),
        ),
        step(
            "insist",
            said("a human please", human=True),
            bot("Please call us on 0800 123 4567."),
        ),
    )
    assert len(find_channel_switches(events)) == 1
