"""The chat widget on markup it was not tuned to: a role=log among others, an aria-live transcript, a plain
list found by `log_selector`, and third-party widgets in an <iframe> from another origin (real Chromium).

The pages are in `widget_pages/`, served on 127.0.0.1; their bot is `widget_pages/bot.js`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from journeys.effort.events import Clicked, ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.errors import StepDoesNotFit
from journeys.shopper.conversation import chat_config
from journeys.shopper.persona import make_persona
from journeys.shopper.widget import WidgetChat
from tests.conftest import serve_app

pytestmark = pytest.mark.browser

PAGES = Path(__file__).with_name("widget_pages")


def pages_app(widget_origin: str = "") -> Starlette:
    """The test pages, with `{widget_origin}` pointing at the widget vendor's server."""

    async def page(request: Request) -> Response:
        path = PAGES / request.path_params["name"]
        if not path.is_file():
            return PlainTextResponse("not found", status_code=404)
        media_type = "text/javascript" if path.suffix == ".js" else "text/html"
        return Response(path.read_text(encoding="utf-8").replace("{widget_origin}", widget_origin), media_type=media_type)

    return Starlette(routes=[Route("/{name}", page)])


@pytest.fixture(scope="module")
def vendor() -> Iterator[str]:
    """The chat vendor's origin: a port of its own, so its frame is cross-origin to the shop."""
    with serve_app(pages_app()) as url:
        yield url


@pytest.fixture(scope="module")
def site(vendor: str) -> Iterator[str]:
    with serve_app(pages_app(widget_origin=vendor)) as url:
        yield url


@pytest.fixture
def persona():
    return make_persona(7, "tests/shopper/test_widget.py::widget")


def widget_on(page, persona, url: str, **settings: object) -> tuple[WidgetChat, Ledger]:
    page.goto(url)
    ledger = Ledger()
    # These bots answer whole, at once: a short settle time keeps the tests quick (streams have their own tests).
    config = chat_config({"adapter": "widget", "timeout_s": 3, "settle_ms": 300, **settings})
    return WidgetChat(page, config, ledger=ledger, persona=persona), ledger


def said(replies) -> list[tuple[str, str, str]]:
    return [(r.by, r.author, r.text) for r in replies]


def test_the_log_beside_the_textbox_is_the_conversation_not_another_log_on_the_page(page, persona, site):
    chat, ledger = widget_on(page, persona, f"{site}/role_log.html")
    chat.open()
    assert said(chat.say("hello")) == [("bot", "", "You said: hello")]  # the echo is known by its text
    assert page.get_by_role("log", name="Recent activity").inner_text() == "Signed in\nAddress changed"
    # Nothing on this page marks who is a person: both parts read as one reply, as the customer sees them.
    assert said(chat.ask_for_human()) == [("bot", "", "Connecting you.\nSam here.")]
    assert isinstance(ledger.events[0], Clicked) and ledger.events[0].effect == "changed"


def test_an_aria_live_transcript_with_names_shown(page, persona, site):
    chat, ledger = widget_on(page, persona, f"{site}/aria_live.html", author_attribute="data-role", author_selector=".who")
    chat.open()
    assert said(chat.say("hello")) == [("bot", "Bot", "You said: hello")]
    human = chat.ask_for_human()
    assert said(human) == [("bot", "Bot", "Connecting you."), ("agent", "Sam", "Sam here.")]
    assert [r.handoff for r in human] == [False, True]  # the first person to answer is the hand-off
    # One person passing the customer to the next stays two replies, each naming who answered.
    assert said(chat.say("transfer me")) == [("agent", "Sam", "Let me pass you to billing."), ("agent", "Alex", "Alex from billing here.")]
    received = [e for e in ledger.events if isinstance(e, ReplyReceived)]
    assert [e.author for e in received] == ["Bot", "Bot", "Sam", "Sam", "Alex"]


def test_a_log_with_no_role_is_the_element_new_messages_appear_in_and_log_selector_still_names_one(page, persona, site):
    chat, _ = widget_on(page, persona, f"{site}/plain_log.html")
    assert said(chat.say("hello")) == [("bot", "", "You said: hello")]  # observed: where the echo and reply appeared
    assert said(chat.say("again")) == [("bot", "", "You said: again")]
    chat, _ = widget_on(page, persona, f"{site}/plain_log.html", log_selector=".support-window .thread")
    assert said(chat.say("hello")) == [("bot", "", "You said: hello")]
    chat, _ = widget_on(page, persona, f"{site}/plain_log.html", log_selector=".nowhere")
    with pytest.raises(StepDoesNotFit, match=r"nothing at log_selector '\.nowhere'"):
        chat.say("hello")


def test_a_widget_in_the_iframe_the_open_button_reveals(page, persona, site):
    chat, ledger = widget_on(page, persona, f"{site}/iframe_host.html")
    chat.open()
    assert [(e.target, e.effect) for e in ledger.events if isinstance(e, Clicked)] == [("Chat with us", "changed")]
    got = chat.say("{my order number}")
    assert said(got) == [("bot", "bot", f"You said: {persona['order_number']}")] and got[0].latency_ms > 0
    human = chat.ask_for_human()
    assert said(human) == [("bot", "bot", "Connecting you."), ("agent", "agent", "Sam here.")]
    assert human[1].handoff
    chat.open()  # already open: not clicked again (which would add a second frame)
    assert page.locator("iframe").count() == 2 and sum(isinstance(e, Clicked) for e in ledger.events) == 1


def test_a_widget_whose_launcher_lives_in_its_frame_named_by_frame_selector(page, persona, site):
    chat, ledger = widget_on(page, persona, f"{site}/iframe_launcher.html", frame_selector='iframe[title="Chat widget"]')
    chat.open()  # the "Offers" frame holds a "Message" box too: only the named frame counts
    assert [e.target for e in ledger.events if isinstance(e, Clicked)] == ["Chat with us"]
    assert said(chat.say("hello")) == [("bot", "bot", "You said: hello")]
    silent = chat.say("silence")
    assert silent[0].failed == "no reply appeared in the chat within 3 s"
