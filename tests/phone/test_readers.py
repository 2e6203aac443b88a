"""The TwiML and VoiceXML readers: documents as the platforms document them, turned into
what the caller meets.
"""

from __future__ import annotations

import pytest
from twilio.twiml.voice_response import Dial, Enqueue, Gather, VoiceResponse

from journeys.shopper.phone_document import (
    Ask,
    Branch,
    End,
    Go,
    Pause,
    Say,
    Transfer,
    offered,
)
from journeys.shopper.phone_twiml import read_twiml
from journeys.shopper.phone_voicexml import read_voicexml


def twiml(build) -> list:  # noqa: ANN001
    response = VoiceResponse()
    build(response)
    return list(read_twiml(str(response)).dialogs[""])


def _gather(r: VoiceResponse) -> None:
    g = Gather(
        input="dtmf speech",
        num_digits=1,
        action="/menu",
        method="GET",
        timeout=3,
        finish_on_key="*",
        action_on_empty_result=True,
    )
    g.say("For billing, press 1.")
    g.pause(length=2)
    g.play("https://cdn.example/prompts/menu.mp3")
    r.append(g)


def _dial_client(r: VoiceResponse) -> None:
    d = Dial(action="/after")
    c = d.client()
    c.identity("agent-7")
    c.parameter(name="order", value="123")
    r.append(d)


def _dial_sip(r: VoiceResponse) -> None:
    d = Dial()
    d.sip("sip:agent@pbx.example?X-Order=123")
    r.append(d)


def _enqueue_task(r: VoiceResponse) -> None:
    e = Enqueue(workflow_sid="WW" + "0" * 32, wait_url="/hold")
    e.task('{"order": "123", "language": "en"}')
    r.append(e)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda r: r.say("Hello", loop=2), [Say(text="Hello"), Say(text="Hello")]),
        (
            lambda r: r.play("https://cdn.example/a/welcome.mp3"),
            [Say(audio="welcome.mp3")],
        ),
        (lambda r: r.play(digits="ww1234"), []),  # tones down the line, not heard
        (lambda r: r.pause(length=4), [Pause(4.0)]),
        (lambda r: r.redirect("/next", method="GET"), [Go(url="/next", method="GET")]),
        (lambda r: r.hangup(), [End("hangup")]),
        (lambda r: r.reject(), [End("reject")]),
        (lambda r: r.dial("+15550100"), [Transfer(to="+15550100", kind="number")]),
        (
            _dial_client,
            [
                Transfer(
                    to="agent-7",
                    kind="client",
                    carried=("order",),
                    after=Go(url="/after"),
                )
            ],
        ),
        (
            _dial_sip,
            [
                Transfer(
                    to="sip:agent@pbx.example?X-Order=123",
                    kind="sip",
                    carried=("X-Order",),
                )
            ],
        ),
        (
            lambda r: r.enqueue("support", wait_url="/hold"),
            [Transfer(to="support", kind="queue", hold="/hold")],
        ),
        (
            _enqueue_task,
            [
                Transfer(
                    to="queue",
                    kind="queue",
                    carried=("order", "language"),
                    hold="/hold",
                )
            ],
        ),
        (lambda r: r.sms("hi", to="+1555"), []),  # not for a voice browser to play
    ],
    ids=[
        "say loop",
        "play",
        "play digits",
        "pause",
        "redirect",
        "hangup",
        "reject",
        "dial number",
        "dial client",
        "dial sip",
        "enqueue",
        "enqueue task",
        "sms",
    ],
)
def test_twiml_verbs(build, expected):
    assert twiml(build) == expected


def test_a_gather_keeps_what_twilio_documents():
    (ask,) = twiml(_gather)
    assert isinstance(ask, Ask)
    assert (
        ask.action,
        ask.method,
        ask.num_digits,
        ask.finish_on_key,
        ask.timeout_s,
    ) == ("/menu", "GET", 1, "*", 3.0)
    assert (ask.dtmf, ask.speech, ask.action_on_empty) == (True, True, True)
    assert ask.prompts == (
        Say(text="For billing, press 1."),
        Pause(2.0),
        Say(audio="menu.mp3"),
    )


def test_a_gather_with_no_action_posts_to_its_own_document():
    (ask,) = twiml(lambda r: r.append(Gather(num_digits=1)))
    assert ask.action == ""  # the walker posts to the current URL


VXML = """<?xml version="1.0"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="main" dtmf="true">
    <prompt>Welcome. <break time="500ms"/> <enumerate/></prompt>
    <choice next="#pay">Pay a bill</choice>
    <choice next="https://ivr.example/outage.vxml">Report an outage</choice>
    <catch event="noinput nomatch"><prompt>Sorry.</prompt><reprompt/></catch>
  </menu>
  <form id="pay">
    <block>Paying. <audio src="https://cdn.example/pay.wav"/></block>
    <field name="how">
      <prompt>Card or bank?</prompt>
      <option dtmf="1" value="card">card</option>
      <option dtmf="2" value="bank">bank</option>
      <filled><if cond="how == 'card'"><goto next="#card"/><elseif cond="how == 'bank'"/><submit next="/bank" namelist="how"/><else/><exit/></if></filled>
    </field>
    <transfer name="t" dest="tel:+15550100" aai="order=123"/>
  </form>
  <form id="card"><block><disconnect/></block></form>
</vxml>"""


def test_voicexml_menu_numbers_its_choices_and_reads_enumerate():
    document = read_voicexml(VXML)
    assert (document.first, list(document.dialogs)) == ("main", ["main", "pay", "card"])
    (menu,) = document.dialogs["main"]
    assert [(c.keys, c.next, c.said) for c in menu.choices] == [
        ("1", "#pay", "Pay a bill"),
        ("2", "https://ivr.example/outage.vxml", "Report an outage"),
    ]
    assert menu.prompts == (
        Say(text="Welcome."),
        Pause(0.5),
        Say(text="Pay a bill, press 1. Report an outage, press 2."),
    )
    assert menu.noinput == menu.nomatch == (Say(text="Sorry."),) and menu.again


def test_voicexml_form_items_in_order():
    block_say, block_audio, field, transfer = read_voicexml(VXML).dialogs["pay"]
    assert (block_say, block_audio) == (Say(text="Paying."), Say(audio="pay.wav"))
    assert (
        isinstance(field, Ask)
        and field.field == "how"
        and [c.keys for c in field.choices] == ["1", "2"]
    )
    (branch,) = field.filled
    assert isinstance(branch, Branch)
    assert [cond for cond, _ in branch.arms] == ["how == 'card'", "how == 'bank'", ""]
    assert branch.arms[1][1] == (Go(url="/bank", method="GET", params=("how",)),)
    assert transfer == Transfer(to="tel:+15550100", kind="number", carried=("aai",))
    assert read_voicexml(VXML).dialogs["card"] == (End("disconnect"),)


@pytest.mark.parametrize(
    ("prompt", "options"),
    [
        (
            "For billing, press 2. To speak to an agent, press 0.",
            [("2", "billing"), ("0", "speak to an agent")],
        ),
        ("Press 1 for sales, press 2 for support.", [("1", "sales"), ("2", "support")]),
        ("Orders, press 3. Returns, press 4.", [("3", "Orders"), ("4", "Returns")]),
        (
            "Press star to hear these options again.",
            [("*", "hear these options again")],
        ),
        ("Please key in your order number, then press hash.", []),
        ("Thank you for calling.", []),
    ],
)
def test_the_options_a_prompt_offers_as_a_caller_hears_them(prompt, options):
    assert [(o.keys, o.words) for o in offered(prompt)] == options
