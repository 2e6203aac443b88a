"""One journey's record stays bounded whatever the site does: transcript lines, and what
is said of the rest.
"""

from __future__ import annotations

import pytest

from journeys.effort.events import MessageSent, ReplyReceived
from journeys.effort.ledger import Ledger, RunawayWalk
from journeys.run.journey import TRANSCRIPT_LINES_KEPT, transcript


def test_a_chatty_site_keeps_the_first_and_last_lines_and_says_how_many_more():
    events = []
    for number in range(1000):
        events += [
            MessageSent(channel="chat", text=f"ask {number}"),
            ReplyReceived(channel="chat", text=f"answer {number}"),
        ]
    lines = transcript(events)
    assert len(lines) == TRANSCRIPT_LINES_KEPT
    assert lines[0]["text"] == "ask 0" and lines[-1]["text"] == "answer 999"
    assert (
        lines[TRANSCRIPT_LINES_KEPT // 2]["text"]
        == f"({2000 - TRANSCRIPT_LINES_KEPT + 1} more lines not kept)"
    )


def test_a_short_transcript_is_kept_whole():
    events = [
        MessageSent(channel="chat", text="hi"),
        ReplyReceived(channel="chat", text="hello"),
    ]
    assert [line["text"] for line in transcript(events)] == ["hi", "hello"]


def test_what_the_site_says_is_never_counted_against_the_action_budget():
    ledger = Ledger(action_budget=2)
    for _ in range(10):
        ledger.record(ReplyReceived(channel="chat", text="unsolicited"))
    ledger.record(MessageSent(channel="chat", text="one"))
    ledger.record(MessageSent(channel="chat", text="two"))
    with pytest.raises(RunawayWalk) as stopped:
        ledger.record(MessageSent(channel="chat", text="three"))
    assert (
        str(stopped.value)
        == 'runaway: 2 actions, over the action budget of 2 (last: sent "one"; sent'
        ' "two")'
    )
