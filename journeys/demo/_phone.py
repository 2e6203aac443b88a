"""The shop's support line: TwiML built with Twilio's own builder, and a VoiceXML 2.1
twin.

`/phone/voice` is the webhook a Twilio number would call (POST, form parameters CallSid,
From, To, CallStatus, then Digits or SpeechResult); `/phone/vxml` is the first page a
VoiceXML browser fetches. Both lines offer the same menu: 1 an order (key in its
number), 2 returns and refunds, 3 billing, 0 a person.

Potholes, in `potholed` only (listed in potholes.toml):
- no zero-out: 0 is "not an option" and the menu starts again, and no person is offered;
- a menu loop: saying nothing brings the whole welcome and menu back, again and again;
- returns are "please visit our website", then the line hangs up;
- the order number keyed in is dropped: the transfer to an agent carries none of it.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from ._forms import read_form

WELCOME = "Thank you for calling Stride."
SMOOTH_MENU = (
    "For an order, press 1. For returns and refunds, press 2. For billing, press 3. To"
    " speak to a person, press 0."
)
POTHOLED_MENU = (
    "For an order, press 1. For returns and refunds, press 2. For billing, press 3."
)
NOT_AN_OPTION = "Sorry, that is not an option."
NOTHING_HEARD = "We did not receive your selection."
ORDER_PROMPT = "Please key in your order number, then press hash."
RETURNS_SMOOTH = (
    "For a return or a refund, an adviser will help you now. Connecting you."
)
RETURNS_POTHOLED = (
    "To return an item, please visit our website at stride dot example slash returns."
    " Goodbye."
)
BILLING = "Connecting you to our billing team."
PERSON = "Connecting you to a person."
ORDER_THANKS = "Thank you. Connecting you to an adviser who can see your order."
XML = "application/xml"


def phone_routes(mode: str) -> list[Route]:
    """The line's routes for `mode`: TwiML under /phone/voice, its VoiceXML twin under
    /phone/vxml.
    """
    line = _Line(mode == "smooth")
    return [
        Route("/phone/voice", line.voice, methods=["GET", "POST"]),
        Route("/phone/menu", line.menu, methods=["GET", "POST"]),
        Route("/phone/order", line.order, methods=["GET", "POST"]),
        Route("/phone/vxml", line.vxml, methods=["GET", "POST"]),
        Route("/phone/vxml/order", line.vxml_order, methods=["GET", "POST"]),
    ]


class _Line:
    def __init__(self, smooth: bool) -> None:
        self.smooth = smooth

    # -- TwiML -------------------------------------------------------------------------

    async def voice(self, request: Request) -> Response:
        """A new call, or the menu again: welcome, the menu, and what happens when
        nothing is pressed.
        """
        response = VoiceResponse()
        gather = Gather(num_digits=1, action="/phone/menu", method="POST", timeout=5)
        gather.say(f"{WELCOME} {SMOOTH_MENU if self.smooth else POTHOLED_MENU}")
        response.append(gather)
        if self.smooth:
            response.say(
                PERSON
            )  # saying nothing reaches a person, as most callers hope
            response.append(_agent("general"))
        else:
            response.say(
                NOTHING_HEARD
            )  # Pothole (bot_loop): the whole welcome and menu, again and again
            response.redirect("/phone/voice", method="POST")
        return _twiml(response)

    async def menu(self, request: Request) -> Response:
        digits = await _entered(request)
        response = VoiceResponse()
        if digits == "1":
            gather = Gather(
                finish_on_key="#", action="/phone/order", method="POST", timeout=10
            )
            gather.say(ORDER_PROMPT)
            response.append(gather)
            response.redirect("/phone/voice", method="POST")
        elif digits == "2" and self.smooth:
            response.say(RETURNS_SMOOTH)
            response.append(_agent("returns"))
        elif digits == "2":
            response.say(
                RETURNS_POTHOLED
            )  # Pothole (channel_switch): sent to the website, then hung up on
            response.hangup()
        elif digits == "3":
            response.say(BILLING)
            response.append(_agent("billing"))
        elif digits == "0" and self.smooth:
            response.say(PERSON)
            response.append(_agent("general"))
        else:
            response.say(
                NOT_AN_OPTION
            )  # Pothole (dead_end) when it is 0: no way to a person
            response.redirect("/phone/voice", method="POST")
        return _twiml(response)

    async def order(self, request: Request) -> Response:
        digits = await _entered(request)
        response = VoiceResponse()
        response.say(ORDER_THANKS)
        dial = Dial()
        if self.smooth:
            client = dial.client()
            client.identity("orders")
            client.parameter(name="order_number", value=digits)
        else:
            dial.number(
                "+15550142"
            )  # Pothole (handoff_context_lost): the order number keyed in stays behind
        response.append(dial)
        return _twiml(response)

    # -- VoiceXML twin -----------------------------------------------------------------

    async def vxml(self, request: Request) -> Response:
        menu = SMOOTH_MENU if self.smooth else POTHOLED_MENU
        person = (
            '<choice dtmf="0" next="#person">person</choice>' if self.smooth else ""
        )
        silence = (
            '<noinput><goto next="#person"/></noinput>'
            if self.smooth
            else f"<noinput>{NOTHING_HEARD}<reprompt/></noinput>"
        )
        returns = (
            "<form"
            f' id="returns"><block><prompt>{RETURNS_SMOOTH}</prompt></block>{_vxml_transfer("returns", "topic")}</form>'
            if self.smooth
            else (
                "<form"
                f' id="returns"><block><prompt>{RETURNS_POTHOLED}</prompt><disconnect/></block></form>'
            )
        )
        body = f"""
  <menu id="main">
    <prompt>{WELCOME} {menu}</prompt>
    <choice dtmf="1" next="#order">order</choice>
    <choice dtmf="2" next="#returns">returns</choice>
    <choice dtmf="3" next="#billing">billing</choice>
    {person}
    <nomatch>{NOT_AN_OPTION}<reprompt/></nomatch>
    {silence}
  </menu>
  <form id="order">
    <field name="order_number" type="digits">
      <prompt>{ORDER_PROMPT}</prompt>
      <filled><submit next="/phone/vxml/order" method="post" namelist="order_number"/></filled>
    </field>
  </form>
  {returns}
  <form id="billing"><block><prompt>{BILLING}</prompt></block>{_vxml_transfer("billing", "topic")}</form>
  <form id="person"><block><prompt>{PERSON}</prompt></block>{_vxml_transfer("general", "topic")}</form>"""
        return _vxml(body)

    async def vxml_order(self, request: Request) -> Response:
        namelist = "order_number" if self.smooth else ""
        return _vxml(
            "<form"
            f' id="order"><block><prompt>{ORDER_THANKS}</prompt></block>{_vxml_transfer("orders", namelist)}</form>'
        )


async def _entered(request: Request) -> str:
    """The keys pressed, as Twilio posts them (form body), or as a GET's query."""
    values = (
        await read_form(request)
        if request.method == "POST"
        else dict(request.query_params)
    )
    return str(values.get("Digits", ""))


def _agent(topic: str) -> Dial:
    """A transfer to the team's agents, with what the call is about."""
    dial = Dial()
    client = dial.client()
    client.identity(f"{topic}-agent")
    client.parameter(name="topic", value=topic)
    return dial


def _vxml_transfer(team: str, namelist: str) -> str:
    names = f" namelist={quoteattr(namelist)}" if namelist else ""
    return (
        f'<transfer name="to_{team}" dest="sip:{team}@agents.stride.example"'
        f' bridge="true"{names}/>'
    )


def _twiml(response: VoiceResponse) -> Response:
    return Response(str(response), media_type=XML)


def _vxml(body: str) -> Response:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<vxml version="2.1"'
        f' xmlns="http://www.w3.org/2001/vxml">{body}\n</vxml>\n'
    )
    return Response(text, media_type=XML)
