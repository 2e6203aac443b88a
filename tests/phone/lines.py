"""Phone menus written for the tests, apart from the demo: an insurer's TwiML line and a
utility's VoiceXML line.

The TwiML is made with the `twilio` package's own builder, with the verbs and attributes
Twilio documents (Gather with input="dtmf speech", numDigits, timeout, Enqueue with
waitUrl and a Task, Dial with a Client and its Parameter); the VoiceXML uses the 2.1
elements (menu dtmf="true" with enumerate, field with a DTMF grammar, filled/submit
namelist, noinput, nomatch, transfer, disconnect). `potholed` plants the frictions
listed in manifest.toml; `smooth` is the same line without them.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from twilio.twiml.voice_response import Dial, Enqueue, Gather, VoiceResponse

XML = "application/xml"


def phone_lines(mode: str) -> Starlette:
    """Both lines of the test companies, `smooth` or `potholed`."""
    smooth = mode == "smooth"
    insurer, utility = _Insurer(smooth), _Utility(smooth)
    return Starlette(
        routes=[
            Route("/ins/voice", insurer.voice, methods=["POST"]),
            Route("/ins/main", insurer.main, methods=["POST"]),
            Route("/ins/claims", insurer.claims, methods=["POST"]),
            Route("/ins/claims/{level:int}", insurer.deeper, methods=["POST"]),
            Route("/ins/policy", insurer.policy, methods=["POST"]),
            Route("/ins/hold", insurer.hold, methods=["POST"]),
            Route("/util/start.vxml", utility.start, methods=["GET"]),
            Route("/util/agent", utility.agent, methods=["GET", "POST"]),
        ]
    )


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def _twiml(response: VoiceResponse) -> Response:
    return Response(str(response), media_type=XML)


class _Insurer:
    """Claims (1) lead to a policy number keyed in and a claims queue; anything else (0)
    to a person.
    """

    def __init__(self, smooth: bool) -> None:
        self.smooth = smooth

    async def voice(self, request: Request) -> Response:
        response = VoiceResponse()
        gather = Gather(
            input="dtmf speech",
            num_digits=1,
            action="/ins/main",
            method="POST",
            timeout=4,
            hints="claims, policies",
        )
        gather.say(
            "Welcome to Acme Insurance. For claims, press 1 or say claims. For"
            " policies, press 2. For anything else, press 0."
        )
        response.append(gather)
        response.say("Goodbye.")  # nothing entered: the platform falls through to here
        response.hangup()
        return _twiml(response)

    async def main(self, request: Request) -> Response:
        form = await _form(request)
        choice = form.get("Digits") or {
            "claims": "1",
            "policies": "2",
            "agent": "0",
        }.get(form.get("SpeechResult", "").lower(), "")
        response = VoiceResponse()
        if choice == "1":
            response.redirect("/ins/claims", method="POST")
        elif choice == "0" and self.smooth:
            response.say("Connecting you to an adviser.")
            dial = Dial()
            client = dial.client()
            client.identity("adviser")
            client.parameter(name="reason", value="other")
            response.append(dial)
        elif choice == "0":
            # Planted: channel_switch.
            response.say(
                "For anything else, please send us an email at help@acme.example."
                " Goodbye."
            )
            response.hangup()
        else:
            response.say("Policies are changed online. Goodbye.")
            response.hangup()
        return _twiml(response)

    async def claims(self, request: Request) -> Response:
        response = VoiceResponse()
        if self.smooth:
            return self._policy_prompt(response)
        # Planted: a menu five levels deep before the policy number (the 4th and 5th are
        # wait).
        return self._level(response, 2)

    async def deeper(self, request: Request) -> Response:
        level = request.path_params["level"]
        response = VoiceResponse()
        if level >= 5:
            return self._policy_prompt(response)
        return self._level(response, level + 1)

    def _level(self, response: VoiceResponse, level: int) -> Response:
        topics = {
            2: "home claims",
            3: "new claims",
            4: "damage claims",
            5: "roof claims",
        }
        gather = Gather(
            num_digits=1, action=f"/ins/claims/{level}", method="POST", timeout=4
        )
        gather.say(f"For {topics[level]}, press 1. For anything else, press 2.")
        response.append(gather)
        response.redirect(
            f"/ins/claims/{level - 1}" if level > 2 else "/ins/voice", method="POST"
        )
        return _twiml(response)

    def _policy_prompt(self, response: VoiceResponse) -> Response:
        gather = Gather(
            finish_on_key="#", action="/ins/policy", method="POST", timeout=8
        )
        gather.say("Please key in your date of birth, then press hash.")
        response.append(gather)
        return _twiml(response)

    async def policy(self, request: Request) -> Response:
        form = await _form(request)
        response = VoiceResponse()
        response.say("Thank you. Please hold for the next claims handler.")
        if self.smooth:
            enqueue = Enqueue(
                wait_url="/ins/hold",
                wait_url_method="POST",
                workflow_sid="WW" + "0" * 32,
            )
            enqueue.task(
                json.dumps({"date_of_birth": form.get("Digits", ""), "team": "claims"})
            )
        else:
            enqueue = Enqueue(
                "claims", wait_url="/ins/hold", wait_url_method="POST"
            )  # Planted: handoff_context_lost
        response.append(enqueue)
        return _twiml(response)

    async def hold(self, request: Request) -> Response:
        response = VoiceResponse()
        response.say("Your call is important to us.")
        response.play("https://media.acme.example/hold-music.mp3")
        response.pause(
            length=20 if self.smooth else 240
        )  # Planted: a hold of four minutes is a wait
        return _twiml(response)


class _Utility:
    """A VoiceXML line: report an outage, pay a bill, or an agent who needs the
    account's phone number.
    """

    def __init__(self, smooth: bool) -> None:
        self.smooth = smooth

    async def start(self, request: Request) -> Response:
        pay = (
            '<form id="pay"><block><prompt>Connecting you to'
            ' billing.</prompt></block><transfer name="billing" dest="tel:+15550111"'
            ' bridge="true" namelist="topic"/></form>'
            if self.smooth
            # Planted: channel_switch.
            else (
                '<form id="pay"><block><prompt>To pay a bill, please visit our website'
                " at power dot example. Goodbye.</prompt><disconnect/></block></form>"
            )
        )
        nomatch = (
            "<nomatch>Sorry, let me put you through to someone who can help.<goto"
            ' next="#account"/></nomatch>'
            if self.smooth
            # Planted: bot_loop, the menu again
            else "<nomatch>Sorry, I did not get that.<reprompt/></nomatch>"
        )
        document = f"""<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="main" dtmf="true">
    <property name="timeout" value="4s"/>
    <prompt>Welcome to Power Co. <enumerate/></prompt>
    <choice next="#outage">Report an outage</choice>
    <choice next="#pay">Pay a bill</choice>
    <choice next="#account">Speak to an agent</choice>
    {nomatch}
    <noinput>Please choose an option.<reprompt/></noinput>
  </menu>
  <form id="outage">
    <field name="confirm">
      <prompt>Is the power off in your whole home? Press 1 for yes, 2 for no.</prompt>
      <grammar mode="dtmf" version="1.0" root="yn"><rule id="yn"><one-of><item>1</item><item>2</item></one-of></rule></grammar>
      <filled>
        <if cond="confirm == '1'"><prompt>Thank you, an engineer is on the way.</prompt><exit/>
        <else/><prompt>Please check your fuse box.</prompt><exit/></if>
      </filled>
    </field>
  </form>
  {pay}
  <form id="account">
    <field name="phone" type="digits">
      <prompt>Please key in the phone number on your account, then press hash.</prompt>
      <filled><submit next="/util/agent" method="post" namelist="phone"/></filled>
    </field>
  </form>
</vxml>
"""
        return Response(document, media_type=XML)

    async def agent(self, request: Request) -> Response:
        namelist = (
            ' namelist="phone"' if self.smooth else ""
        )  # Planted: handoff_context_lost
        document = f"""<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <form id="agent">
    <block><prompt>Connecting you to an agent.</prompt></block>
    <transfer name="agent" dest="sip:agents@power.example" bridge="true"{namelist}/>
  </form>
</vxml>
"""
        return Response(document, media_type=XML)
