"""The chat widget on markup it was not tuned to: a role=log among others, an aria-live
transcript, a plain list found where its messages appear, third-party widgets in an
<iframe> from another origin, a full-page chat app that streams rich replies with
buttons, and people who share the bot's markup (real Chromium).

The pages are in `widget_pages/`, served on 127.0.0.1; their bot is
`widget_pages/bot.js`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from journeys.effort.detect import (
    find_bot_loops,
    find_dead_ends,
    find_lost_context,
    find_waits,
)
from journeys.effort.events import Clicked, ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError, StepDoesNotFit
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
        return Response(
            path.read_text(encoding="utf-8").replace("{widget_origin}", widget_origin),
            media_type=media_type,
        )

    return Starlette(routes=[Route("/{name}", page)])


@pytest.fixture(scope="module")
def vendor() -> Iterator[str]:
    """The chat vendor's origin: a port of its own, so its frame is cross-origin to the
    shop.
    """
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
    # These bots answer whole, at once: a short settle time keeps the tests quick
    # (streams have their own tests).
    config = chat_config(
        {"adapter": "widget", "timeout_s": 3, "settle_ms": 300, **settings}
    )
    return WidgetChat(page, config, ledger=ledger, persona=persona), ledger


def said(replies) -> list[tuple[str, str, str]]:
    return [(r.by, r.author, r.text) for r in replies]


def test_the_log_beside_the_textbox_is_the_conversation_not_another_log_on_the_page(
    page, persona, site
):
    chat, ledger = widget_on(page, persona, f"{site}/role_log.html")
    chat.open()
    assert said(chat.say("hello")) == [
        ("bot", "", "You said: hello")
    ]  # the echo is known by its text
    assert (
        page.get_by_role("log", name="Recent activity").inner_text()
        == "Signed in\nAddress changed"
    )
    # Nothing on this page marks who is a person: both parts read as one reply, as the
    # customer sees them.
    assert said(chat.ask_for_human()) == [("bot", "", "Connecting you.\nSam here.")]
    assert (
        isinstance(ledger.events[0], Clicked) and ledger.events[0].effect == "changed"
    )


def test_an_aria_live_transcript_with_names_shown(page, persona, site):
    chat, ledger = widget_on(
        page,
        persona,
        f"{site}/aria_live.html",
        author_attribute="data-role",
        author_selector=".who",
    )
    chat.open()
    assert said(chat.say("hello")) == [("bot", "Bot", "You said: hello")]
    human = chat.ask_for_human()
    assert said(human) == [
        ("bot", "Bot", "Connecting you."),
        ("agent", "Sam", "Sam here."),
    ]
    assert [r.handoff for r in human] == [
        False,
        True,
    ]  # the first person to answer is the hand-off
    # One person passing the customer to the next stays two replies, each naming who
    # answered.
    assert said(chat.say("transfer me")) == [
        ("agent", "Sam", "Let me pass you to billing."),
        ("agent", "Alex", "Alex from billing here."),
    ]
    received = [e for e in ledger.events if isinstance(e, ReplyReceived)]
    assert [e.author for e in received] == ["Bot", "Bot", "Sam", "Sam", "Alex"]


def test_a_log_with_no_role_is_the_element_new_messages_appear_in_and_log_selector_still_names_one(
    page, persona, site
):
    chat, _ = widget_on(page, persona, f"{site}/plain_log.html")
    assert said(chat.say("hello")) == [
        ("bot", "", "You said: hello")
    ]  # observed: where the echo and reply appeared
    assert said(chat.say("again")) == [("bot", "", "You said: again")]
    chat, _ = widget_on(
        page, persona, f"{site}/plain_log.html", log_selector=".support-window .thread"
    )
    assert said(chat.say("hello")) == [("bot", "", "You said: hello")]
    chat, _ = widget_on(
        page, persona, f"{site}/plain_log.html", log_selector=".nowhere"
    )
    with pytest.raises(StepDoesNotFit, match=r"nothing at log_selector '\.nowhere'"):
        chat.say("hello")


def test_a_widget_in_the_iframe_the_open_button_reveals(page, persona, site):
    chat, ledger = widget_on(page, persona, f"{site}/iframe_host.html")
    chat.open()
    assert [(e.target, e.effect) for e in ledger.events if isinstance(e, Clicked)] == [
        ("Chat with us", "changed")
    ]
    got = chat.say("{my order number}")
    assert (
        said(got) == [("bot", "bot", f"You said: {persona['order_number']}")]
        and got[0].latency_ms > 0
    )
    human = chat.ask_for_human()
    assert said(human) == [
        ("bot", "bot", "Connecting you."),
        ("agent", "agent", "Sam here."),
    ]
    assert human[1].handoff
    chat.open()  # already open: not clicked again (which would add a second frame)
    assert (
        page.locator("iframe").count() == 2
        and sum(isinstance(e, Clicked) for e in ledger.events) == 1
    )


def test_a_widget_whose_launcher_lives_in_its_frame_named_by_frame_selector(
    page, persona, site
):
    chat, ledger = widget_on(
        page,
        persona,
        f"{site}/iframe_launcher.html",
        frame_selector='iframe[title="Chat widget"]',
    )
    # the "Offers" frame holds a "Message" box too: only the named frame counts
    chat.open()
    assert [e.target for e in ledger.events if isinstance(e, Clicked)] == [
        "Chat with us"
    ]
    assert said(chat.say("hello")) == [("bot", "bot", "You said: hello")]
    silent = chat.say("silence")
    assert silent[0].failed == "no reply appeared in the chat within 3 s"


# -- a full-page chat app: streamed, rich, with buttons --------------------------------


def test_a_full_page_chat_with_a_placeholder_and_no_open_button_streams_a_rich_reply_read_as_one(
    page, persona, site
):
    chat, ledger = widget_on(
        page,
        persona,
        f"{site}/fullpage.html",
        open_button="",
        input_label="Ask me anything",
        settle_ms=1000,
    )
    got = chat.say("How do I return my shoes?")
    # The markdown list and the code stay in the one message, in reading order; it
    # streamed, so it has two times.
    assert said(got) == [
        (
            "bot",
            "Ava",
            (
                "To return an item:\nOpen your orders.\nChoose the item.\nPrint the"
                " label.\nOr run return --order 42."
            ),
        )
    ]
    assert 0 < got[0].first_token_ms < got[0].latency_ms
    assert not any(
        isinstance(e, Clicked) for e in ledger.events
    )  # nothing to open: the chat is the page
    assert find_waits(ledger.events) == []


def test_a_stream_slower_than_the_customer_reads_is_a_wait(page, persona, site):
    chat, ledger = widget_on(
        page,
        persona,
        f"{site}/fullpage.html?slow",
        open_button="",
        settle_ms=1000,
        timeout_s=20,
    )
    got = chat.say(
        "How do I return my shoes?"
    )  # no "Message" box: the page's only textbox is the chat's
    assert got[0].text.endswith(
        "Or run return --order 42."
    )  # pauses between words did not cut it short
    waits = find_waits(ledger.events)
    assert len(waits) == 1 and "its first words after 0." in waits[0].evidence


def test_buttons_in_a_reply_stay_with_it_and_one_that_does_nothing_is_a_dead_click(
    page, persona, site
):
    chat, ledger = widget_on(
        page,
        persona,
        f"{site}/fullpage.html",
        open_button="",
        input_label="Ask me anything",
    )
    card = chat.say("Something is wrong with my card")
    assert said(card) == [
        ("bot", "Ava", "A blue debit card\nYour debit card ending 4242.")
    ]
    assert card[0].quick_replies == ("Block my card", "Talk to a person")
    assert said(chat.press("Block my card")) == [
        ("bot", "Ava", "Your card is blocked.")
    ]
    assert chat.press("Talk to a person") == []
    clicks = [
        (e.target, str(e.effect)) for e in ledger.events if isinstance(e, Clicked)
    ]
    assert clicks == [("Block my card", "changed"), ("Talk to a person", "nothing")]
    assert [f.evidence for f in find_dead_ends(ledger.events)] == [
        'Clicked "Talk to a person" and nothing happened (a dead click).'
    ]
    with pytest.raises(StepDoesNotFit, match='no "Freeze" button'):
        chat.press("Freeze")


def test_the_person_who_takes_over_is_told_by_their_avatar_not_by_what_the_bot_says(
    page, persona, site
):
    chat, _ = widget_on(
        page,
        persona,
        f"{site}/fullpage.html",
        open_button="",
        input_label="Ask me anything",
    )
    human = chat.ask_for_human()
    assert said(human) == [
        ("bot", "Ava", "One moment, I am transferring you to a colleague."),
        ("agent", "Kim", "Hi, Kim here. I can see your card question, let me help."),
    ]
    assert [r.handoff for r in human] == [False, True]


# -- people in an iframe widget, who share the bot's markup (issue 22, item 8) ---------


def _agents(page, persona, site, variant, **settings):
    chat, ledger = widget_on(
        page, persona, f"{site}/agents_host.html?{variant}", **settings
    )
    chat.say("{my order number} was charged twice")
    return chat, ledger


@pytest.mark.parametrize(
    "settings", [{}, {"author_selector": ".who"}], ids=["avatar alt", "name line"]
)
def test_people_in_a_widget_are_told_from_the_bot_by_their_names_and_the_smooth_twin_has_no_friction(
    page, persona, site, settings
):
    chat, ledger = _agents(page, persona, site, "smooth", **settings)
    human = chat.ask_for_human()
    assert [(r.by, r.handoff) for r in human] == [("bot", False), ("agent", True)]
    assert chat.say("Also my app login fails")[0].by == "agent"
    assert human[1].author == ("Kim · Billing" if settings else "Kim")
    assert (
        find_bot_loops(ledger.events) == [] and find_lost_context(ledger.events) == []
    )


def test_a_person_passing_the_customer_on_who_asks_again_is_the_lost_context(
    page, persona, site
):
    chat, ledger = _agents(page, persona, site, "potholed", author_selector=".who")
    chat.ask_for_human()
    passed = chat.say("Also my app login fails")
    assert said(passed) == [
        (
            "agent",
            "Kim · Billing",
            "That is for our technical team, passing you to Sam.",
        ),
        ("agent", "Sam · Technical support", "Sam here. What is your order number?"),
    ]
    lost = find_lost_context(ledger.events)
    assert lost and all(f.kind == "handoff_context_lost" for f in lost)
    assert find_bot_loops(ledger.events) == []


def test_the_widget_settings_a_chat_app_needs_are_checked():
    config = chat_config(
        {
            "adapter": "widget",
            "open_button": "",
            "settle_ms": 800,
            "bot_authors": ["Penny"],
            "text_selector": ".message",
        }
    )
    assert (
        config.open_button,
        config.settle_ms,
        config.bot_authors,
        config.text_selector,
    ) == ("", 800.0, ("penny",), ".message")
    with pytest.raises(ConfigError, match="settle_ms"):
        chat_config({"adapter": "widget", "settle_ms": 0})
    with pytest.raises(ConfigError, match="input_label"):
        chat_config(
            {"adapter": "widget", "input_label": ""}
        )  # only the open button may be "": there is always a box


def test_bot_authors_names_the_bots_of_a_site_where_the_bot_has_more_than_one_name(
    page, persona, site
):
    # Here "Kim" is a second bot persona: named in bot_authors, she is no person taking
    # over.
    chat, _ = widget_on(
        page,
        persona,
        f"{site}/fullpage.html",
        open_button="",
        input_label="Ask me anything",
        bot_authors=["Ava", "Kim"],
    )
    assert [(r.by, r.author, r.handoff) for r in chat.ask_for_human()] == [
        ("bot", "Ava", False),
        ("bot", "Kim", False),
    ]


def test_a_launcher_drawn_after_the_page_loaded_is_waited_for_and_the_search_box_is_not_the_chat(
    page, persona, site
):
    chat, ledger = widget_on(page, persona, f"{site}/late_launcher.html")
    assert said(chat.say("hello")) == [("bot", "bot", "You said: hello")]
    assert [e.target for e in ledger.events if isinstance(e, Clicked)] == [
        "Chat with us"
    ]
    assert page.locator("#search").input_value() == ""
