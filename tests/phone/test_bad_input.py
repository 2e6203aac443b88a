"""Lines that misbehave: each is one clear friction at the cause, or one line, within
the call's bounds; never a traceback.

The platform's side is played against `httpx.MockTransport` lines here (the real servers
are in test_lines.py and test_demo_line.py).
"""

from __future__ import annotations

import itertools
from urllib.parse import parse_qs

import httpx
import pytest

from journeys.effort import detect
from journeys.effort.events import CallEnded
from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.shopper.phone import PhoneConfig, PhoneLine

BASE = "http://line.test"


def line_with(
    routes: dict[str, str | int | Exception], *, clock=None, **settings
) -> PhoneLine:  # noqa: ANN001
    """A line whose documents are `routes` (path -> TwiML text, an HTTP status, or an
    exception to raise).
    """

    def answer(request: httpx.Request) -> httpx.Response:
        found = routes.get(request.url.path, 404)
        if isinstance(found, Exception):
            raise found
        if isinstance(found, int):
            return httpx.Response(found, text="Internal Server Error")
        return httpx.Response(
            200, text=found, headers={"content-type": "application/xml"}
        )

    config = PhoneConfig(
        adapter=settings.pop("adapter", "twiml"), webhook="/voice", **settings
    )
    extra = {"clock": clock} if clock else {}
    return PhoneLine(
        config,
        base_url=BASE,
        ledger=Ledger(),
        persona=make_persona(3, "bad-line"),
        transport=httpx.MockTransport(answer),
        environ={"PHONE_TOKEN": "s3cr3t-token-value"},
        **extra,
    )


def ended(line: PhoneLine) -> CallEnded:
    return next(e for e in line.ledger.events if isinstance(e, CallEnded))


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("OK", "the answer is not TwiML (it starts 'OK')"),
        ("<html><body>Welcome</body></html>", "its root is <html>, not <Response>"),
        ('{"say": "hello"}', "the answer is not TwiML"),
        ("", "the answer is empty, not TwiML"),
        (
            "<Response><Say>unclosed</Response>",
            "the answer is not TwiML: mismatched tag",
        ),
        (
            (
                "<!DOCTYPE r [<!ENTITY a"
                ' "aaaaaaaaaa">]><Response><Say>&a;&a;</Say></Response>'
            ),
            "the answer is not TwiML",
        ),
        (500, "HTTP 500 from POST /voice"),
        (
            httpx.ConnectError("refused"),
            "the line did not answer POST /voice: ConnectError (refused)",
        ),
    ],
    ids=[
        "text",
        "html",
        "json",
        "empty",
        "broken xml",
        "entities",
        "http 500",
        "refused",
    ],
)
def test_an_answer_that_is_not_a_phone_menu_ends_the_call_with_one_dead_end(
    answer, why
):
    line = line_with({"/voice": answer})
    line.call()
    assert why in ended(line).failed and "\n" not in ended(line).failed
    frictions = detect(line.ledger.events)
    assert [f.kind for f in frictions] == ["dead_end"]
    assert why in frictions[0].evidence


def test_a_voicexml_line_that_answers_twiml_is_named():
    line = line_with(
        {"/voice": "<Response><Say>Hi</Say></Response>"}, adapter="voicexml"
    )
    line.call()
    assert "its root is <Response>, not <vxml>" in ended(line).failed


def test_a_gather_with_no_action_posts_to_its_own_document_and_coming_back_is_a_loop():
    posted: list[dict[str, list[str]]] = []
    menu = (
        '<Response><Gather numDigits="1"><Say>For sales, press'
        " 1.</Say></Gather></Response>"
    )

    def answer(request: httpx.Request) -> httpx.Response:
        posted.append(parse_qs(request.content.decode()))
        return httpx.Response(200, text=menu)

    line = PhoneLine(
        PhoneConfig(webhook="/voice"),
        base_url=BASE,
        ledger=Ledger(),
        persona=make_persona(3, "x"),
        transport=httpx.MockTransport(answer),
    )
    line.call()
    line.press("1")
    assert posted[-1]["Digits"] == ["1"] and posted[-1]["CallSid"][0].startswith("CA")
    assert [f.kind for f in detect(line.ledger.events)] == ["bot_loop"]


def test_a_redirect_loop_is_found_at_its_second_turn():
    line = line_with(
        {
            "/voice": "<Response><Redirect>/a</Redirect></Response>",
            "/a": "<Response><Redirect>/b</Redirect></Response>",
            "/b": "<Response><Pause length='1'/><Redirect>/a</Redirect></Response>",
        }
    )
    line.call()
    assert (
        ended(line).failed
        == "a redirect loop: the line went round /voice → /a → /b → /a with no answer"
        " from the caller"
    )
    assert ended(line).documents == 3
    assert [f.kind for f in detect(line.ledger.events)] == ["dead_end"]


def test_a_call_that_never_ends_stops_at_max_documents():
    routes = {
        f"/voice{'' if i == 0 else i}": (
            "<Response><Say>Still"
            f" here.</Say><Redirect>/voice{i + 1}</Redirect></Response>"
        )
        for i in range(100)
    }
    routes["/voice"] = routes.pop("/voice")
    line = line_with(routes, max_documents=10)
    line.call()
    assert (
        ended(line).failed
        == "the line had sent 10 documents, the most one call may fetch (max_documents)"
    )


def test_a_call_that_never_ends_stops_at_its_deadline():
    ticks = itertools.count(step=7.0)  # each look at the clock: 7 s later
    routes = {
        f"/voice{'' if i == 0 else i}": (
            f"<Response><Redirect>/voice{i + 1}</Redirect></Response>"
        )
        for i in range(50)
    }
    line = line_with(routes, clock=lambda: next(ticks), deadline_s=30)
    line.call()
    assert ended(line).failed == "the call went on past its deadline of 30 s"


def test_acting_on_a_call_that_is_over_says_how_it_ended():
    from journeys.shopper.phone import CallOver

    line = line_with(
        {"/voice": "<Response><Say>We are closed.</Say><Hangup/></Response>"}
    )
    line.call()
    with pytest.raises(CallOver, match=r"the call is over \(the line hung up\)"):
        line.press("1")


def test_header_secrets_from_the_environment_never_reach_the_record():
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer s3cr3t-token-value"
        return httpx.Response(500, text="bad token s3cr3t-token-value")

    config = PhoneConfig(
        webhook="/voice", headers={"Authorization": "Bearer ${PHONE_TOKEN}"}
    )
    line = PhoneLine(
        config,
        base_url=BASE,
        ledger=Ledger(),
        persona=make_persona(3, "x"),
        transport=httpx.MockTransport(answer),
        environ={"PHONE_TOKEN": "s3cr3t-token-value"},
    )
    line.call()
    assert "s3cr3t" not in repr(line.exchanges()) + repr(line.ledger.events)
