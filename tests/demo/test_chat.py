"""The chatbot API over real HTTP: the potholed bot loops and sends to the phone; the
smooth one hands over with context.
"""

from __future__ import annotations

import difflib
import re

from journeys.demo._talk import CALL_US, FALLBACK
from tests.demo.conftest import client

ORDER = "SH-482913"


def talk(url: str, *messages: str) -> list[dict]:
    replies, session = [], None
    with client(url) as visitor:
        for message in messages:
            response = visitor.post(
                "/api/chat", json={"session": session, "message": message}
            )
            assert response.status_code == 200, response.text
            reply = response.json()
            assert set(reply) == {
                "session",
                "messages",
                "fallback",
                "handoff",
                "quick_replies",
            }
            assert session in (None, reply["session"])
            session = reply["session"]
            replies.append(reply)
    return replies


def texts(reply: dict) -> str:
    return " ".join(m["text"] for m in reply["messages"])


def test_the_potholed_bot_falls_back_on_refunds_then_sends_the_customer_to_the_phone(
    potholed_url,
):
    replies = talk(
        potholed_url,
        f"I want a refund for {ORDER}",
        "When will I get my money back?",
        "I want a human",
    )
    assert [texts(r) for r in replies[:2]] == [FALLBACK, FALLBACK]
    assert all(r["fallback"] for r in replies[:2])
    assert texts(replies[2]) == CALL_US and not replies[2]["handoff"]


def test_the_potholed_bot_sidesteps_a_request_for_a_person_before_giving_up(
    potholed_url,
):
    replies = talk(potholed_url, "I want to talk to a person", "agent please", "human!")
    assert not any(r["handoff"] for r in replies)
    assert (
        "call us" not in texts(replies[0]).lower()
        and "call us" not in texts(replies[1]).lower()
    )
    assert texts(replies[2]) == CALL_US


def test_the_smooth_bot_starts_the_refund_and_answers_the_follow_up_differently(
    smooth_url,
):
    first, second = talk(
        smooth_url, f"I want a refund for {ORDER}", "When will I get my money back?"
    )
    assert f"I can help with your refund for order {ORDER}; I have started it" in texts(
        first
    )
    assert not first["fallback"] and not second["fallback"]
    # Two replies that read alike are what the walk calls a bot loop.
    assert difflib.SequenceMatcher(None, texts(first), texts(second)).ratio() < 0.6


def test_the_smooth_bot_hands_over_at_once_and_the_agent_knows_order_and_problem(
    smooth_url,
):
    replies = talk(
        smooth_url,
        f"Order {ORDER} arrived damaged",
        "I want my money back",
        "Can I talk to a human?",
        "thanks",
    )
    handoff = replies[2]
    assert handoff["handoff"] and [m["from"] for m in handoff["messages"]] == [
        "bot",
        "agent",
    ]
    agent = handoff["messages"][1]["text"]
    assert ORDER in agent and "arrived damaged" in agent
    assert "?" not in agent  # the agent asks nothing the customer already said
    assert replies[3]["messages"][0]["from"] == "agent"


def test_a_bad_chat_request_is_a_400_with_the_expected_shape(smooth_url):
    with client(smooth_url) as visitor:
        assert visitor.post("/api/chat", json={"message": ""}).status_code == 400
        assert visitor.post("/api/chat", content=b"not json").json() == {
            "error": "the body must be a JSON object"
        }
        unknown = visitor.post(
            "/api/chat", json={"session": "c-forgotten", "message": "hello"}
        ).json()
    assert (
        re.fullmatch(r"c-[\w-]+", unknown["session"])
        and unknown["session"] != "c-forgotten"
    )
