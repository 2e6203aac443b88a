"""Chat APIs that need a conversation created first, answer later (polled), say
`understood`, or take any fact.
"""

from __future__ import annotations

import json

import httpx
import pytest

from journeys.effort.events import MessageSent, ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError
from journeys.shopper.chat import HttpChat, chat_config
from journeys.shopper.persona import make_persona

SESSIONS = {
    "endpoint": "/api/chat/sessions/{session}/messages",
    "body": {"text": "{message}", "email": "{email}"},
    "headers": {"X-Customer": "{customer_number}"},
    "start": {
        "method": "POST",
        "path": "/api/chat/sessions",
        "body": {"name": "{name}"},
        "id_path": "id",
    },
    "text_path": "messages[*].text",
    "by_path": "messages[*].from",
    "understood_path": "understood",
    "handoff_path": "handoff",
    "agent_authors": ["agent"],
    "customer_authors": ["customer"],
    "poll": {
        "path": "/api/chat/sessions/{session}/messages",
        "interval_s": 0.2,
        "timeout_s": 5,
    },
}


class FakeClock:
    def __init__(self):
        self.now = 10.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class SessionDesk:
    """A chat platform: a session first, answers by POST, a person who joins
    `agent_after` reads later.
    """

    def __init__(self, agent_after=3, understood=True):
        self.log = []
        self.requests = []
        self.reads = 0
        self.agent_after = agent_after
        self.understood = understood

    def __call__(self, request):
        self.requests.append(request)
        path = request.url.path
        if path == "/api/chat/sessions":
            return httpx.Response(201, json={"id": "s-1"})
        assert path == "/api/chat/sessions/s-1/messages", path
        if request.method == "POST":
            text = json.loads(request.content)["text"]
            self.log.append({"from": "customer", "text": text})
            if "human" in text:
                self.log.append({"from": "bot", "text": "Connecting you to a person."})
                return httpx.Response(
                    200,
                    json={
                        "messages": self.log[-1:],
                        "handoff": True,
                        "understood": True,
                    },
                )
            self.log.append({"from": "bot", "text": "Sorry, I did not get that."})
            return httpx.Response(
                200, json={"messages": self.log[-1:], "understood": self.understood}
            )
        self.reads += 1
        if self.reads == self.agent_after:
            self.log.append({"from": "agent", "text": "Hi, Sam here. How can I help?"})
        return httpx.Response(200, json={"messages": self.log})


@pytest.fixture
def persona():
    persona = make_persona(5, "tests/shopper/test_chat_sessions.py")
    persona.note("customer number", "C-77")
    return persona


def _chat(section, desk, persona):
    clock = FakeClock()
    ledger = Ledger()
    chat = HttpChat(
        chat_config(section),
        base_url="http://shop.test",
        ledger=ledger,
        persona=persona,
        transport=httpx.MockTransport(desk),
        environ={},
        clock=clock,
        sleep=clock.sleep,
    )
    return chat, ledger, clock


def test_a_conversation_is_started_first_and_its_id_used_in_every_request(persona):
    desk = SessionDesk()
    chat, ledger, _ = _chat(SESSIONS, desk, persona)
    chat.say("Where is {my order number}?")
    start, message = desk.requests
    assert json.loads(start.content) == {"name": persona["name"]}
    assert json.loads(message.content) == {
        "text": f"Where is {persona['order_number']}?",
        "email": persona["email"],
    }
    assert message.headers["x-customer"] == "C-77"


def test_understood_false_is_a_fallback(persona):
    chat, ledger, _ = _chat(SESSIONS, SessionDesk(understood=False), persona)
    (reply,) = chat.say("blah")
    assert reply.fallback and reply.by == "bot"
    chat2, _, _ = _chat(SESSIONS, SessionDesk(understood=True), persona)
    assert not chat2.say("blah")[0].fallback


def test_a_person_who_joins_later_is_polled_for_with_backoff_within_the_timeout(
    persona,
):
    desk = SessionDesk(agent_after=3)
    chat, ledger, clock = _chat(SESSIONS, desk, persona)
    replies = chat.ask_for_human()
    assert [(r.by, r.text) for r in replies] == [
        ("bot", "Connecting you to a person."),
        ("agent", "Hi, Sam here. How can I help?"),
    ]
    assert clock.sleeps == [0.2, 0.4, 0.8]  # backs off from the configured interval
    assert (
        replies[0].handoff and not replies[1].handoff
    )  # one hand-off, announced by the bot
    assert replies[1].latency_ms == pytest.approx(1400.0)
    assert [e.by for e in ledger.events if isinstance(e, ReplyReceived)] == [
        "bot",
        "agent",
    ]


def test_no_new_message_before_the_timeout_is_recorded_as_the_wait_it_was(persona):
    desk = SessionDesk(agent_after=10_000)
    chat, ledger, clock = _chat(
        {**SESSIONS, "poll": {**SESSIONS["poll"], "timeout_s": 3}}, desk, persona
    )
    replies = chat.ask_for_human()
    assert replies[-1].failed == "no new message within 3 s"
    assert sum(clock.sleeps) == pytest.approx(3.0) and max(clock.sleeps) <= 2.0


def test_a_start_that_fails_is_a_reply_that_never_came(persona):
    chat, ledger, _ = _chat(
        SESSIONS, lambda request: httpx.Response(503, text="down"), persona
    )
    (reply,) = chat.say("hello")
    assert reply.failed.startswith("could not start a conversation: HTTP 503")
    assert [type(e) for e in ledger.events] == [MessageSent, ReplyReceived]


@pytest.mark.parametrize(
    ("section", "key", "words"),
    [
        (
            {**SESSIONS, "start": {"path": "/s"}},
            "tool.journeys.chat.start.id_path",
            "is missing",
        ),
        (
            {**SESSIONS, "start": {"path": "/s", "id_path": "id", "idpath": "x"}},
            "tool.journeys.chat.start.idpath",
            "did you mean 'id_path'",
        ),
        (
            {**SESSIONS, "start": {"path": "/s/{message}", "id_path": "id"}},
            "tool.journeys.chat.start.path",
            "{message}",
        ),
        (
            {**SESSIONS, "poll": {"path": "/p", "intervl_s": 1}},
            "tool.journeys.chat.poll.intervl_s",
            "did you mean 'interval_s'",
        ),
        (
            {**SESSIONS, "poll": {"interval_s": 1}},
            "tool.journeys.chat.poll.path",
            "is missing",
        ),
        (
            {**SESSIONS, "poll": {"path": "/p", "interval_s": 0}},
            "tool.journeys.chat.poll.interval_s",
            "number above 0",
        ),
        ({**SESSIONS, "poll": "/p"}, "tool.journeys.chat.poll", "must be a table"),
        (
            {**SESSIONS, "fallback_path": "fallback"},
            "tool.journeys.chat.understood_path",
            "say the same thing twice",
        ),
        ({**SESSIONS, "body": {"t": "{topic}"}}, "tool.journeys.chat.body", "{topic}"),
        (
            {**SESSIONS, "headers": {"X-Who": "{shoe_size}"}},
            "tool.journeys.chat.headers.X-Who",
            "{shoe_size}",
        ),
        (
            {**SESSIONS, "understod_path": "x"},
            "tool.journeys.chat.understod_path",
            "did you mean 'understood_path'",
        ),
    ],
)
def test_new_chat_keys_are_validated(section, key, words):
    with pytest.raises(ConfigError) as caught:
        chat_config(section)
    assert caught.value.key == key and words in str(caught.value)
