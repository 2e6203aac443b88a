"""The chat and support channels against the real demo shop on 127.0.0.1, configured as
pyproject.toml ships them.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from journeys.demo import serve
from journeys.effort.events import MessageSent, ReplyReceived, TicketOpened
from journeys.effort.ledger import Ledger
from journeys.project import config as journeys_config
from journeys.shopper.chat import HttpChat, build_chat, chat_config, handoff_within
from journeys.shopper.persona import make_persona
from journeys.shopper.support import HttpSupport, build_support, support_config
from journeys.shopper.tasks import insist_on_human
from journeys.shopper.widget import WidgetChat

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "e2e-" + secrets.token_urlsafe(12)


@pytest.fixture(scope="module")
def settings():
    """The shipped [tool.journeys] tables: what a user walking the demo gets."""
    return journeys_config.load(ROOT, environ={})


@pytest.fixture(scope="module")
def smooth():
    with serve("smooth", support_token=TOKEN) as shop:
        yield shop.url


@pytest.fixture(scope="module")
def potholed():
    with serve("potholed", support_token=TOKEN) as shop:
        yield shop.url


@pytest.fixture
def persona(request):
    return make_persona(2026, request.node.nodeid)


@pytest.fixture
def environ(monkeypatch):
    monkeypatch.setenv("JOURNEYS_SUPPORT_TOKEN", TOKEN)


def chat_on(url, settings, persona):
    ledger = Ledger()
    chat = build_chat(
        chat_config(settings.section("chat")),
        base_url=url,
        ledger=ledger,
        persona=persona,
        page=lambda: None,
    )
    assert isinstance(chat, HttpChat)
    return chat, ledger


def test_the_smooth_bot_hands_over_to_an_agent_who_knows_the_order(
    smooth, settings, persona
):
    chat, ledger = chat_on(smooth, settings, persona)
    chat.open()
    chat.say("My parcel arrived damaged, {my order number}")
    handed = chat.ask_for_human()
    assert any(r.handoff and r.by == "agent" for r in handed)
    assert persona["order_number"] in " ".join(
        r.text for r in handed if r.by == "agent"
    )
    assert handoff_within(ledger.events, 1).handed_over
    assert not any(r.failed for r in ledger.events if isinstance(r, ReplyReceived))
    assert [e.facts for e in ledger.events if isinstance(e, MessageSent)] == [
        ("order_number",),
        (),
    ]
    assert (
        len({e["status"] for e in chat.exchanges()}) == 1
        and chat.exchanges()[0]["status"] == 200
    )


def test_the_potholed_bot_falls_back_and_ends_with_call_us(potholed, settings, persona):
    chat, ledger = chat_on(potholed, settings, persona)
    chat.say("My parcel arrived damaged, what now?")
    check = insist_on_human(chat, 3)
    got = [e for e in ledger.events if isinstance(e, ReplyReceived)]
    assert got[0].fallback
    assert not check.handed_over and check.turns_used == 3
    assert "call us" in check.said_instead[-1].lower()
    assert not any(r.by == "agent" or r.handoff for r in got)


def test_a_support_ticket_on_the_smooth_shop(smooth, settings, persona, environ):
    ledger = Ledger()
    support = build_support(
        support_config(settings.section("support")),
        base_url=smooth,
        ledger=ledger,
        persona=persona,
    )
    assert isinstance(support, HttpSupport)
    ticket = support.open_ticket_about(
        "My parcel arrived damaged, order {my order number}"
    )
    assert ticket
    reply = support.wait_for_reply(timeout_s=10)
    assert not reply.failed and reply.by == "agent" and reply.text
    support.answer_agent()
    kinds = [type(e).__name__ for e in ledger.events]
    assert kinds[:2] == ["TicketOpened", "ReplyReceived"] and kinds[-1] == "MessageSent"
    opened = next(e for e in ledger.events if isinstance(e, TicketOpened))
    assert opened.ticket_id == ticket and "order_number" in opened.facts
    recorded = json.dumps(support.exchanges())
    assert TOKEN not in recorded and "[redacted]" in recorded
    assert {e["status"] for e in support.exchanges()} <= {200, 201}


def test_the_potholed_agent_asks_again_for_what_the_ticket_said(
    potholed, settings, persona, environ
):
    ledger = Ledger()
    support = build_support(
        support_config(settings.section("support")),
        base_url=potholed,
        ledger=ledger,
        persona=persona,
    )
    support.open_ticket_about("Damaged parcel, order {my order number}")
    support.wait_for_reply(timeout_s=10)
    given = support.answer_agent()
    # The ticket already held the order number: the agent's question makes the customer
    # give it again.
    assert "order_number" in given
    sent = [e for e in ledger.events if isinstance(e, MessageSent)]
    assert sent[-1].channel == "support" and persona["order_number"] in sent[-1].text


@pytest.mark.browser
def test_the_widget_on_the_smooth_shop(smooth, page, persona):
    ledger = Ledger()
    chat = WidgetChat(
        page,
        chat_config({"adapter": "widget"}),
        ledger=ledger,
        persona=persona,
        base_url=smooth,
    )
    chat.open()
    chat.say("My parcel arrived damaged, {my order number}")
    replies = chat.ask_for_human()
    assert [r.by for r in replies] == ["bot", "agent"]
    assert [r.handoff for r in replies] == [False, True]
    assert persona["order_number"] in replies[1].text
    assert handoff_within(ledger.events, 1).handed_over


@pytest.mark.browser
def test_the_widget_on_the_potholed_shop_keeps_the_conversation_across_pages(
    potholed, page, persona
):
    ledger = Ledger()
    chat = WidgetChat(
        page,
        chat_config({"adapter": "widget"}),
        ledger=ledger,
        persona=persona,
        base_url=potholed,
    )
    chat.open()
    first = chat.say("My parcel arrived damaged")
    assert first[0].fallback and first[0].by == "bot"
    page.goto(
        potholed + "/help"
    )  # the widget reloads its log from the session on every page
    check = insist_on_human(chat, 3)
    assert not check.handed_over and "call us" in check.said_instead[-1].lower()
