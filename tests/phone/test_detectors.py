"""The phone detectors, table-driven: cases that must fire and cases that must not, from
events alone.
"""

from __future__ import annotations

import pytest

from journeys.effort import EffortModel, detect
from journeys.effort._phone import menu_paths, phone_operators
from journeys.effort.events import (
    CallEnded,
    CallStarted,
    CallTransferred,
    HoldWaited,
    KeysPressed,
    PhraseSaid,
    PromptHeard,
)
from journeys.effort.model import TimeModel
from journeys.effort.time import estimate

START = CallStarted(number="+15550199")
MENU = PromptHeard(text="For orders, press 1. For billing, press 2.", menu=True)


def menu(text: str) -> PromptHeard:
    return PromptHeard(text=text, menu=True)


CASES = {
    # -- bot_loop: the menu again after an answer
    "menu again after a wrong key": (
        [START, MENU, KeysPressed(keys="9"), PromptHeard(text="Sorry."), MENU],
        ["bot_loop"],
    ),
    "menu again after silence": (
        [START, MENU, KeysPressed(keys="", silent=True), MENU],
        ["bot_loop"],
    ),
    "welcome and menu again are one loop": (
        [
            START,
            PromptHeard(text="Welcome."),
            MENU,
            KeysPressed(keys="", silent=True),
            PromptHeard(text="Welcome."),
            MENU,
        ],
        ["bot_loop"],
    ),
    "each round of a loop is one more": (
        [START, MENU, KeysPressed(keys="9"), MENU, KeysPressed(keys="8"), MENU],
        ["bot_loop", "bot_loop"],
    ),
    "a prompt said twice before any answer": (
        [START, PromptHeard(text="Hello."), PromptHeard(text="Hello."), MENU],
        [],
    ),
    "two menus one word apart": (
        [
            START,
            menu("For new claims, press 1."),
            KeysPressed(keys="1"),
            menu("For home claims, press 1."),
        ],
        [],
    ),
    "a new call hears the menu afresh": (
        [START, MENU, KeysPressed(keys="1"), CallEnded(reason="hangup"), START, MENU],
        [],
    ),
    # -- dead_end: no zero-out, a line that fails
    "0 and the menu again": (
        [
            START,
            MENU,
            KeysPressed(keys="0", asked_for_human=True),
            PromptHeard(text="Not an option."),
            MENU,
        ],
        ["dead_end"],
    ),
    "agent said and the call ends": (
        [
            START,
            MENU,
            PhraseSaid(text="agent", asked_for_human=True),
            CallEnded(reason="hangup"),
        ],
        ["dead_end"],
    ),
    "0 and a transfer": (
        [
            START,
            MENU,
            KeysPressed(keys="0", asked_for_human=True),
            CallTransferred(to="agent", kind="client"),
        ],
        [],
    ),
    "0 and sent to the website": (
        [
            START,
            MENU,
            KeysPressed(keys="0", asked_for_human=True),
            PromptHeard(text="Please visit our website."),
            CallEnded(reason="hangup"),
        ],
        ["channel_switch"],
    ),
    "a failed call": (
        [START, CallEnded(reason="failed", failed="HTTP 500 from POST /voice")],
        ["dead_end"],
    ),
    # -- channel_switch
    "visit our website": (
        [
            START,
            MENU,
            KeysPressed(keys="2"),
            PromptHeard(text="To return an item, please visit our website."),
        ],
        ["channel_switch"],
    ),
    "send us an e-mail": (
        [START, PromptHeard(text="Please send us an email at help@shop.example.")],
        ["channel_switch"],
    ),
    "call us on the phone is the same channel": (
        [START, PromptHeard(text="You can also call us on 0800 123 4567.")],
        [],
    ),
    "the website mentioned, not sent to": (
        [START, PromptHeard(text="Thank you for calling. Our website has changed.")],
        [],
    ),
    # -- handoff_context_lost
    "a fact keyed in, transfer with nothing": (
        [
            START,
            MENU,
            KeysPressed(keys="1"),
            KeysPressed(keys="123456#", fact="order_number"),
            CallTransferred(to="+1555", kind="number"),
        ],
        ["handoff_context_lost"],
    ),
    "a fact said, queue with nothing": (
        [
            START,
            PhraseSaid(text="my order is 123", facts=("order_number",)),
            CallTransferred(to="support", kind="queue"),
        ],
        ["handoff_context_lost"],
    ),
    "a fact keyed in, transfer carrying it": (
        [
            START,
            KeysPressed(keys="123456#", fact="order_number"),
            CallTransferred(to="agent", kind="client", carried=("order",)),
        ],
        [],
    ),
    "no fact, transfer with nothing": (
        [START, MENU, KeysPressed(keys="1"), CallTransferred(to="+1555")],
        [],
    ),
    "asked again after the transfer": (
        [
            START,
            KeysPressed(keys="123456#", fact="order_number"),
            CallTransferred(to="q", kind="queue", carried=("team",)),
            PromptHeard(text="Please key in your order number, then press hash."),
        ],
        ["handoff_context_lost"],
    ),
    "dropped and asked again is one": (
        [
            START,
            KeysPressed(keys="123456#", fact="order_number"),
            CallTransferred(to="q", kind="queue"),
            PromptHeard(text="Please key in your order number."),
        ],
        ["handoff_context_lost"],
    ),
    "asked after a transfer for what was never given": (
        [
            START,
            KeysPressed(keys="1"),
            CallTransferred(to="q", kind="queue"),
            PromptHeard(text="Please key in your order number."),
        ],
        [],
    ),
    # -- wait: hold, and menus beyond three levels
    "hold of two minutes": (
        [
            START,
            CallTransferred(to="q", kind="queue"),
            HoldWaited(seconds=120, why="hold"),
        ],
        ["wait"],
    ),
    "hold of twenty seconds": (
        [
            START,
            CallTransferred(to="q", kind="queue"),
            HoldWaited(seconds=20, why="hold"),
        ],
        [],
    ),
    "a 4th menu level": (
        [
            START,
            menu("A, press 1."),
            KeysPressed(keys="1"),
            menu("B, press 1."),
            KeysPressed(keys="1"),
            menu("C, press 1."),
            KeysPressed(keys="1"),
            menu("D, press 1."),
        ],
        ["wait"],
    ),
    "three levels": (
        [
            START,
            menu("A, press 1."),
            KeysPressed(keys="1"),
            menu("B, press 1."),
            KeysPressed(keys="1"),
            menu("C, press 1."),
        ],
        [],
    ),
    "a question is not a level": (
        [
            START,
            menu("A, press 1."),
            KeysPressed(keys="1"),
            menu("B, press 1."),
            KeysPressed(keys="1"),
            menu("C, press 1."),
            KeysPressed(keys="1"),
            PromptHeard(text="Key in your order number."),
            KeysPressed(keys="1#", fact="order_number"),
        ],
        [],
    ),
}


@pytest.mark.parametrize(("events", "kinds"), list(CASES.values()), ids=list(CASES))
def test_phone_frictions(events, kinds):
    assert [f.kind for f in detect(events)] == kinds


def test_the_hold_threshold_is_the_models():
    events = [START, HoldWaited(seconds=40, why="hold")]
    assert [f.kind for f in detect(events, EffortModel(hold_ms=30_000))] == ["wait"]


def test_the_menu_path_names_keys_facts_phrases_and_silence():
    events = [
        START,
        MENU,
        KeysPressed(keys="1"),
        KeysPressed(keys="", silent=True),
        PhraseSaid(text="billing"),
        KeysPressed(keys="123#", fact="order_number"),
        CallEnded(reason="transferred"),
        START,
        MENU,
        KeysPressed(keys="0"),
    ]
    assert menu_paths(events) == ['1 > (silence) > "billing" > [order number]', "0"]


def test_listening_is_timed_at_the_speaking_rate():
    prompt = PromptHeard(text=" ".join(["word"] * 150))
    (listen,) = phone_operators(0, prompt, TimeModel())
    assert (listen.name, listen.seconds) == ("listen", 60.0)
    (slower,) = phone_operators(0, prompt, TimeModel(speaking_wpm=100))
    assert slower.seconds == 90.0


def test_a_call_costs_listening_keys_and_hold_and_a_loop_loses_the_menu_heard_again():
    events = [
        START,
        MENU,
        KeysPressed(keys="9"),
        MENU,
        KeysPressed(keys="1"),
        HoldWaited(seconds=90, why="hold"),
    ]
    found = [(3, f) for f in detect(events) if f.kind == "bot_loop"]
    figures = estimate(events, found)
    listen_s = len(MENU.text.split()) * 60 / 150
    assert figures.breakdown["listen"]["seconds"] == pytest.approx(
        2 * listen_s, abs=0.01
    )
    assert (
        figures.breakdown["R"]["seconds"] == 90.0
    )  # the hold, the last thing in the call
    assert figures.lost_by_friction == (round(listen_s, 2),)
