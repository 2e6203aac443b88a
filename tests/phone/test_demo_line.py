"""The demo shop's support line, served for real on 127.0.0.1, walked in both formats
and both modes.
"""

from __future__ import annotations

import pytest

from journeys.demo import load_manifest
from journeys.effort import detect
from journeys.effort._phone import menu_paths
from journeys.effort.events import CallTransferred
from journeys.shopper.phone import PhoneLine
from journeys.shopper.phone_tasks import reach_person, seek_on_phone
from tests.phone.conftest import line_for

FORMATS = {"twiml": "/phone/voice", "voicexml": "/phone/vxml"}


def _order(line: PhoneLine) -> None:
    line.call()
    line.press("1")
    line.key_in("order_number")


def _person(line: PhoneLine) -> None:
    reach_person(line, 2)


def _returns(line: PhoneLine) -> None:
    seek_on_phone(line, "return an item")


SCENARIOS = {
    "Call about my order": _order,
    "Ask for a person on the phone": _person,
    "Return an item by phone": _returns,
}


@pytest.mark.parametrize("adapter", FORMATS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_smooth_line_puts_the_caller_through_without_friction(
    demo_url, adapter, scenario
):
    line = line_for(demo_url["smooth"], adapter, FORMATS[adapter])
    SCENARIOS[scenario](line)
    assert detect(line.ledger.events) == []
    assert line.transferred and line.ended == "transferred"


@pytest.mark.parametrize("adapter", FORMATS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_potholed_line_shows_what_the_manifest_planted(demo_url, adapter, scenario):
    planted = {
        p.kind
        for p in load_manifest()
        if p.scenario == scenario and p.channel == "phone"
    }
    line = line_for(demo_url["potholed"], adapter, FORMATS[adapter])
    SCENARIOS[scenario](line)
    assert {f.kind for f in detect(line.ledger.events)} == planted


@pytest.mark.parametrize("adapter", FORMATS)
def test_the_twins_say_the_same_and_take_the_same_path(demo_url, adapter):
    line = line_for(demo_url["smooth"], adapter, FORMATS[adapter])
    _order(line)
    heard = [e.text for e in line.heard()]
    assert heard == [
        (
            "Thank you for calling Stride. For an order, press 1. For returns and"
            " refunds, press 2. For billing, press 3. To speak to a person, press 0."
        ),
        "Please key in your order number, then press hash.",
        "Thank you. Connecting you to an adviser who can see your order.",
    ]
    assert menu_paths(line.ledger.events) == ["1 > [order number]"]
    transfer = next(e for e in line.ledger.events if isinstance(e, CallTransferred))
    assert transfer.carried == ("order_number",)


def test_the_twiml_line_receives_what_twilio_would_send(demo_url):
    line = line_for(demo_url["smooth"], "twiml", "/phone/voice")
    _order(line)
    first, *_, last = line.exchanges()
    for name in (
        "CallSid=CA",
        "From=%2B15550100",
        "To=%2B15550199",
        "CallStatus=ringing",
        "Direction=inbound",
    ):
        assert name in first["request"]["body"], name
    assert (
        "Digits=" in last["request"]["body"]
        and "CallStatus=in-progress" in last["request"]["body"]
    )


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_frictions_of_a_call_so_far_are_a_prefix_of_the_whole_calls(
    demo_url, scenario
):
    line = line_for(demo_url["potholed"], "twiml", FORMATS["twiml"])
    SCENARIOS[scenario](line)
    events = line.ledger.events
    whole = detect(events)
    for end in range(len(events) + 1):
        so_far = detect(events[:end])
        assert so_far == whole[: len(so_far)], end
