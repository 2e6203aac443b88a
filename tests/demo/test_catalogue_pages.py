"""The demo's pages and APIs the catalogue's journeys need: the order number to note,
tracking by link, ticket queues, and the chat as a platform with sessions, each driven
for real on 127.0.0.1.
"""

from __future__ import annotations

import pytest

from journeys.effort import find_reentered_data
from journeys.effort.events import FieldFilled, ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.shopper.chat import HttpChat, chat_config
from journeys.shopper.web import WebChannel
from journeys.shopper.web_actions import note_shown_after
from tests.demo.conftest import TOKEN, client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TICKET = {
    "subject": "Charged twice for SH-482913",
    "body": "I was charged twice.",
    "email": "ada@example.com",
}
SESSIONS = {
    "endpoint": "/api/chat/sessions/{session}/messages",
    "body": {"message": "{message}"},
    "start": {"path": "/api/chat/sessions", "id_path": "id"},
    "text_path": "messages[*].text",
    "by_path": "messages[*].from",
    "agent_authors": ["agent"],
    "fallback_path": "fallback",
    "handoff_path": "handoff",
    "customer_authors": ["customer"],
    "poll": {
        "path": "/api/chat/sessions/{session}/messages",
        "interval_s": 0.05,
        "timeout_s": 2,
    },
}


@pytest.mark.parametrize(
    ("queue", "kept"), [({"queue": "billing"}, "billing"), ({}, "support")]
)
def test_a_ticket_goes_to_the_queue_it_names(smooth_url, queue, kept):
    with client(smooth_url) as desk:
        created = desk.post("/api/tickets", json={**TICKET, **queue}, headers=AUTH)
        assert created.status_code == 201
        assert (
            desk.get(f"/api/tickets/{created.json()['id']}", headers=AUTH).json()[
                "queue"
            ]
            == kept
        )


def test_a_queue_the_desk_does_not_have_is_refused(smooth_url):
    with client(smooth_url) as desk:
        refused = desk.post(
            "/api/tickets", json={**TICKET, "queue": "moving"}, headers=AUTH
        )
    assert refused.status_code == 400 and "billing" in refused.json()["error"]


def test_the_chat_platform_needs_a_session_and_keeps_its_messages(smooth_url):
    with client(smooth_url) as api:
        assert (
            api.post(
                "/api/chat/sessions/nope/messages", json={"message": "hi"}
            ).status_code
            == 404
        )
        session = api.post("/api/chat/sessions").json()["id"]
        answer = api.post(
            f"/api/chat/sessions/{session}/messages",
            json={"message": "I want a refund"},
        ).json()
        log = api.get(f"/api/chat/sessions/{session}/messages").json()["messages"]
    assert log[0] == {"from": "customer", "text": "I want a refund"}
    assert [m["text"] for m in log[1:]] == [m["text"] for m in answer["messages"]]


def test_the_session_adapter_talks_to_the_demo_bot_until_a_human_takes_over(smooth_url):
    ledger = Ledger()
    chat = HttpChat(
        chat_config(SESSIONS),
        base_url=smooth_url,
        ledger=ledger,
        persona=make_persona(1, "sessions"),
        environ={},
    )
    try:
        chat.say("My order {my order number} arrived damaged")
        chat.ask_for_human()
    finally:
        chat.close()
    replies = [e for e in ledger.events if isinstance(e, ReplyReceived)]
    assert replies and not any(r.failed for r in replies), replies
    assert any(r.by == "agent" for r in replies)


@pytest.mark.browser
def test_the_order_number_shown_is_noted_and_tracks_the_order(page, smooth_url):
    web = WebChannel(
        page, ledger=Ledger(), persona=make_persona(2, "notes"), base_url=smooth_url
    )
    made_up = web.persona["order_number"]
    web.open("/product/trail-runner")
    web.click("Add to basket")
    web.click("Checkout")
    for button in ("Continue", "Continue", "Place order"):
        web.fill_form()
        web.click(button)
    note_shown_after(web, "order number", "Your order number is")
    noted = web.persona["order_number"]
    assert (
        noted != made_up and noted in page.url
    )  # the shop's number, as on /order/<number>
    web.open(web.persona.fill_in("/track?order={my order number}", quoted=True))
    assert (
        page.get_by_label("Order number").input_value() == noted
    )  # the link carried it
    assert (
        page.get_by_label("E-mail").input_value() == web.persona["email"]
    )  # the smooth shop knows its buyer
    web.click("Track order")
    assert web.sees("on its way")
    assert find_reentered_data(web.ledger.events) == []
    assert not [
        e
        for e in web.ledger.events
        if isinstance(e, FieldFilled) and e.url.endswith("/track")
    ]
