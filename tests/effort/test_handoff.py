"""handoff_within: one counting rule for the shopper who insists and the detector who
charges a bot loop.
"""

from __future__ import annotations

import pytest

from journeys.effort import EffortModel, find_bot_loops, handoff_within
from journeys.effort.events import MessageSent, ReplyReceived, StepFinished


def ask(text="a human please", human=True, channel="chat"):
    return MessageSent(channel=channel, text=text, asked_for_human=human)


def bot(text, **kw):
    return ReplyReceived(channel=kw.pop("channel", "chat"), text=text, by="bot", **kw)


def person(text, author="Sam", **kw):
    return ReplyReceived(
        channel=kw.pop("channel", "chat"), text=text, by="agent", author=author, **kw
    )


END = StepFinished(text="Then the bot should hand me to a human within 2 turns")

CASES = [
    pytest.param([], 2, (False, False, 0, None), id="never asked"),
    pytest.param(
        [ask("hi", human=False), bot("Hi!")],
        2,
        (False, False, 0, None),
        id="talk before asking does not count",
    ),
    pytest.param(
        [ask(), bot("Connecting you.", handoff=True)],
        1,
        (True, True, 1, 1),
        id="hand-off at once",
    ),
    pytest.param(
        [
            ask(),
            bot("What is it about?"),
            ask("a refund", human=False),
            person("Hi, Sam here."),
        ],
        2,
        (True, True, 2, 3),
        id="a person answers the second turn",
    ),
    pytest.param(
        [
            ask(),
            bot("Sorry?"),
            ask(),
            bot("One moment, connecting you."),
            person("Hi, I'm Sam.", handoff=True),
        ],
        2,
        (True, True, 2, 4),
        id="bot then person in the same turn is a hand-off in that turn",
    ),
    pytest.param(
        [ask(), bot("Sorry?"), ask(), bot("Please call us."), END],
        2,
        (False, True, 2, 4),
        id="settled when the second turn is over",
    ),
    pytest.param(
        [ask(), bot("Sorry?"), ask(), bot("Please call us.")],
        2,
        (False, True, 2, None),
        id="open while the last turn may still hand over",
    ),
    pytest.param(
        [
            ask(),
            bot("Sorry?"),
            ask(),
            bot("Sorry?"),
            ask(),
            person("Sam here", handoff=True),
        ],
        2,
        (False, True, 2, 4),
        id="a hand-off after the turns does not count",
    ),
    pytest.param(
        [ask(), ReplyReceived(channel="chat", text="", failed="HTTP 500"), END],
        1,
        (False, True, 1, 2),
        id="a reply that never came is no hand-off",
    ),
    pytest.param(
        [ask(channel="support"), person("Priya here", channel="support")],
        1,
        (False, False, 0, None),
        id="another channel",
    ),
]


@pytest.mark.parametrize(("events", "turns", "expected"), CASES)
def test_the_counting_rule(events, turns, expected):
    check = handoff_within(events, turns)
    assert (
        check.handed_over,
        check.asked,
        check.turns_used,
        check.settled_at,
    ) == expected


def test_what_the_bot_said_instead():
    check = handoff_within(
        [
            ask(),
            bot("Please call us."),
            ask(),
            ReplyReceived(channel="chat", text="", failed="timeout"),
        ],
        2,
    )
    assert check.said_instead == ("Please call us.", "(no reply: timeout)")


@pytest.mark.parametrize(("events", "turns", "expected"), CASES)
def test_the_detector_charges_exactly_what_the_rule_settles_as_not_handed_over(
    events, turns, expected
):
    loops = find_bot_loops(events, EffortModel(human_handoff_turns=turns))
    unanswered = [f for f in loops if "was not handed over" in f.evidence]
    check = handoff_within(events, turns)
    assert len(unanswered) == (
        check.asked and not check.handed_over and check.settled_at is not None
    )
