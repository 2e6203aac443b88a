"""A bot that does not understand, once: one `not_understood`, lighter than a loop; the
second in a row is the loop.
"""

from __future__ import annotations

import pytest

from journeys.effort import EffortModel, detect
from journeys.effort.detect import find_bot_loops
from journeys.effort.events import MessageSent, ReplyReceived

from .build import journey, step


def said(text: str) -> MessageSent:
    return MessageSent(channel="chat", text=text)


def bot(text: str, **flags: object) -> ReplyReceived:
    return ReplyReceived(channel="chat", text=text, by="bot", **flags)


def agent(text: str) -> ReplyReceived:
    return ReplyReceived(channel="chat", text=text, by="agent", author="Sam")


CASES = [
    pytest.param(
        [said("thanks"), bot("I am sorry, but I do not understand.")],
        ["did not understand"],
        id="a fallback said in words, no flag",
    ),
    pytest.param(
        [said("blah"), bot("Let me think.", fallback=True)],
        ["did not understand"],
        id="the API's fallback flag",
    ),
    pytest.param(
        [said("My mug arrived broken"), bot("Hello there!")],
        ["greeting"],
        id="a greeting for an answer",
    ),
    pytest.param(
        [
            said("Do you accept PayPal?"),
            bot(
                "We accept credit and debit cards.",
                confidence=0.46,
                confidence_floor=0.6,
            ),
        ],
        ["confidence 0.46"],
        id="a nearest match below the bot's confidence",
    ),
    pytest.param(
        [said("hello"), bot("Hello there!")], [], id="a greeting answering a greeting"
    ),
    pytest.param(
        [bot("Hi! How can I help you today?")],
        [],
        id="the bot's welcome before anything was said",
    ),
    pytest.param(
        [
            said("refund"),
            bot(
                "Refunds take five working days.", confidence=0.91, confidence_floor=0.6
            ),
        ],
        [],
        id="a confident answer",
    ),
    pytest.param(
        [
            said("Where is my parcel?"),
            bot("I don't understand why it is late: let me check with the courier."),
        ],
        [],
        id="understand in another sense",
    ),
    pytest.param(
        [said("refund"), bot("Refunds take five working days.")], [], id="an answer"
    ),
    pytest.param(
        [
            said("a person please"),
            agent("Sorry, I didn't get that, could you rephrase?"),
        ],
        [],
        id="a person who asks again is the hand-off detectors' concern",
    ),
    pytest.param(
        [
            said("blah"),
            bot("Sorry, I didn't get that."),
            said("refund"),
            bot("Refunds take five days."),
            said("blah"),
            bot("Could you rephrase that?"),
        ],
        ["did not understand", "did not understand"],
        id="two misunderstandings apart are two",
    ),
]


@pytest.mark.parametrize("events, evidence", CASES)
def test_a_reply_not_understood_is_one_friction(events, evidence):
    found = [
        f for f in detect(journey(step("talk", *events))) if f.kind == "not_understood"
    ]
    assert len(found) == len(evidence), [f.evidence for f in found]
    for friction, words in zip(found, evidence):
        assert words in friction.evidence


def test_the_second_in_a_row_is_the_loop_not_a_second_misunderstanding():
    events = journey(
        step(
            "talk",
            said("thanks"),
            bot("I do not understand."),
            said("thank you"),
            bot("Sorry, I didn't get that."),
        )
    )
    kinds = [f.kind for f in detect(events)]
    assert kinds == ["not_understood", "bot_loop"]
    assert "twice in a row" in find_bot_loops(events)[0].evidence


def test_not_understood_is_lighter_than_a_loop():
    points = EffortModel().points
    assert 0 < points["not_understood"] < points["bot_loop"]


def test_one_misunderstanding_costs_a_smooth_journey_a_visible_part_of_a_point():
    from journeys.effort import assess

    understood = journey(step("talk", said("asdf"), bot("Refunds take five days.")))
    missed = journey(step("talk", said("asdf"), bot("Sorry?", fallback=True)))
    assert (
        assess(understood, EffortModel()).score - assess(missed, EffortModel()).score
        >= 0.3
    )


def test_a_reply_that_never_came_between_two_misses_leaves_the_second_to_the_loop():
    # Both detectors follow one conversation per channel: the bot's state is the same
    # for each, so the second miss is the loop's alone, never a second not_understood.
    events = journey(
        step(
            "When I ask the bot",
            said("blah"),
            bot("Sorry?", fallback=True),
            said("blah again"),
            ReplyReceived(channel="chat", text="", by="bot", failed="HTTP 502"),
            said("blah once more"),
            bot("Sorry?", fallback=True),
        )
    )
    kinds = [f.kind for f in detect(events, EffortModel())]
    assert kinds.count("not_understood") == 1
    assert kinds.count("bot_loop") == 1
