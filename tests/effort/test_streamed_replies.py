"""A streamed reply: the customer waits for its first words, then reads along; only a
stream behind their reading is waited for.
"""

from __future__ import annotations

from journeys.effort.detect import find_waits
from journeys.effort.events import MessageSent, ReplyReceived
from journeys.effort.model import EffortModel
from journeys.effort.time import operators

TWELVE_WORDS = (
    "Your parcel left our warehouse this morning and arrives tomorrow before noon."
)


def streamed(first_ms: float, last_ms: float, text: str = TWELVE_WORDS) -> list:
    return [
        MessageSent(channel="chat", text="Where is my parcel?", step=1),
        ReplyReceived(
            channel="chat",
            text=text,
            latency_ms=last_ms,
            first_token_ms=first_ms,
            step=1,
        ),
    ]


def test_a_stream_as_fast_as_reading_is_no_wait_however_long_it_runs():
    # 12 words at 238 a minute take 3.0 s to read: a stream that ends within that was
    # read as it came.
    assert find_waits(streamed(300, 3200)) == []
    assert streamed(300, 3200)[1].felt_wait_ms(238) == 300


def test_a_stream_slower_than_reading_is_a_wait_for_the_part_behind_the_reader():
    event = streamed(200, 9800)[1]
    assert event.felt_wait_ms(238) == round(200 + 9600 - 12 * 60_000 / 238, 1)
    (wait,) = find_waits(streamed(200, 9800))
    assert (
        wait.evidence
        == "Waited 6.8 s for the bot's reply (more than 4 s; its first words after 0.2"
        " s, the last after 9.8 s)."
    )


def test_a_slow_first_word_is_a_wait_and_a_whole_reply_is_judged_by_latency():
    assert len(find_waits(streamed(4500, 5000))) == 1
    whole = [
        MessageSent(channel="chat", text="Hi", step=1),
        ReplyReceived(channel="chat", text="Hello!", latency_ms=4100, step=1),
    ]
    assert [f.evidence for f in find_waits(whole)] == [
        "Waited 4.1 s for the bot's reply (more than 4 s)."
    ]


def test_the_customer_time_counts_the_felt_wait_not_the_whole_stream():
    model = EffortModel().time
    waited = [
        op.waited_s for op in operators(streamed(300, 3200), model) if op.name == "R"
    ]
    assert waited == [0.3]
