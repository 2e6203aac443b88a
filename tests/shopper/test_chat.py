"""The chat channel: bots of different shapes configured only through
[tool.journeys.chat].
"""

from __future__ import annotations

import json

import httpx
import pytest

from journeys.effort.events import Clicked, MessageSent, ReplyReceived
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError
from journeys.shopper.chat import (
    HttpChat,
    build_chat,
    chat_config,
    handoff_within,
)
from journeys.shopper.persona import make_persona
from journeys.shopper.tasks import insist_on_human
from journeys.shopper.widget import WidgetChat

DEMO_SHAPE = {
    "endpoint": "/api/chat",
    "body": {"session": "{session}", "message": "{message}"},
    "text_path": "messages[*].text",
    "by_path": "messages[*].from",
    "fallback_path": "fallback",
    "handoff_path": "handoff",
    "quick_replies_path": "quick_replies",
    "session_path": "session",
}


@pytest.fixture
def persona():
    return make_persona(7, "tests/shopper/test_chat.py::chat")


def chat_with(section, handler, persona, ledger=None, environ=None):
    ledger = ledger if ledger is not None else Ledger()
    transport = httpx.MockTransport(handler)
    chat = HttpChat(
        chat_config(section),
        base_url="http://shop.test",
        ledger=ledger,
        persona=persona,
        transport=transport,
        environ=environ or {},
    )
    return chat, ledger


def replies(ledger):
    return [e for e in ledger.events if isinstance(e, ReplyReceived)]


# -- configuration ---------------------------------------------------------------------


def test_unknown_key_names_the_key_and_the_closest_one():
    with pytest.raises(ConfigError) as caught:
        chat_config({**DEMO_SHAPE, "text_pth": "x"})
    assert caught.value.key == "tool.journeys.chat.text_pth"
    assert "text_path" in caught.value.fix


@pytest.mark.parametrize(
    ("section", "key", "words"),
    [
        ({"endpoint": "/api/chat"}, "tool.journeys.chat.text_path", "missing"),
        ({"text_path": "text"}, "tool.journeys.chat.endpoint", "missing"),
        (
            {**DEMO_SHAPE, "adapter": "sms"},
            "tool.journeys.chat.adapter",
            "not a chat adapter",
        ),
        ({**DEMO_SHAPE, "method": "FETCH"}, "tool.journeys.chat.method", "HTTP method"),
        (
            {**DEMO_SHAPE, "body": {"q": "{mesage}"}},
            "tool.journeys.chat.body",
            "{mesage}",
        ),
        (
            {**DEMO_SHAPE, "body": '{"message": '},
            "tool.journeys.chat.body",
            "not valid JSON",
        ),
        (
            {**DEMO_SHAPE, "endpoint": "/chat/{user}"},
            "tool.journeys.chat.endpoint",
            "{user}",
        ),
        (
            {**DEMO_SHAPE, "text_path": "messages..text"},
            "tool.journeys.chat.text_path",
            "empty part",
        ),
        ({**DEMO_SHAPE, "timeout_s": 0}, "tool.journeys.chat.timeout_s", "above 0"),
        (
            {**DEMO_SHAPE, "open_button": "Chat"},
            "tool.journeys.chat.open_button",
            "widget",
        ),
        (
            {"adapter": "widget", "endpoint": "/api/chat"},
            "tool.journeys.chat.endpoint",
            "http adapter",
        ),
        (
            {**DEMO_SHAPE, "headers": {"X-Api-Key": "${KEY"}},
            "tool.journeys.chat.headers.X-Api-Key",
            "malformed",
        ),
        (
            {**DEMO_SHAPE, "endpoint": "https://${BOT_HOST/chat"},
            "tool.journeys.chat.endpoint",
            "malformed",
        ),
        (
            {**DEMO_SHAPE, "author_path": "messages[*]..name"},
            "tool.journeys.chat.author_path",
            "empty part",
        ),
        (
            {**DEMO_SHAPE, "frame_selector": "iframe"},
            "tool.journeys.chat.frame_selector",
            "widget",
        ),
        (
            {"adapter": "widget", "log_selector": 3},
            "tool.journeys.chat.log_selector",
            "non-empty text",
        ),
        (
            {"adapter": "widget", "author_selector": ""},
            "tool.journeys.chat.author_selector",
            "non-empty text",
        ),
        ({**DEMO_SHAPE, "timeout_s": True}, "tool.journeys.chat.timeout_s", "above 0"),
    ],
)
def test_wrong_configuration_is_one_clear_error(section, key, words):
    with pytest.raises(ConfigError) as caught:
        chat_config(section)
    assert caught.value.key == key
    assert words in str(caught.value)
    assert len(str(caught.value).splitlines()) <= 2


def test_a_json_string_body_is_a_template_too():
    config = chat_config({**DEMO_SHAPE, "body": '{"query": {"text": "{message}"}}'})
    assert config.body == {"query": {"text": "{message}"}}


def test_a_widget_needs_no_endpoint():
    config = chat_config({"adapter": "widget", "open_button": "Help"})
    assert (config.adapter, config.open_button, config.input_label) == (
        "widget",
        "Help",
        "Message",
    )


def test_the_configured_adapter_is_built(persona):
    chat = build_chat(
        chat_config(DEMO_SHAPE),
        base_url="http://x",
        ledger=Ledger(),
        persona=persona,
        page=lambda: None,
    )
    assert isinstance(chat, HttpChat) and chat.url == "http://x/api/chat"
    pages = []
    widget = build_chat(
        chat_config({"adapter": "widget"}),
        base_url="http://x",
        ledger=Ledger(),
        persona=persona,
        page=lambda: pages.append("page") or "the page",
    )
    assert (
        isinstance(widget, WidgetChat)
        and widget.page == "the page"
        and pages == ["page"]
    )


# -- the demo shape: session carried in the body, several messages, flags --------------


def test_session_from_the_answer_is_carried_on_and_facts_are_filled_in(persona):
    seen = []

    def bot(request):
        body = json.loads(request.content)
        seen.append(body)
        return httpx.Response(
            200,
            json={
                "session": "s-42",
                "messages": [{"text": "Let me look.", "from": "bot"}],
                "fallback": False,
                "handoff": False,
                "quick_replies": ["Track", "Return"],
            },
        )

    chat, ledger = chat_with(DEMO_SHAPE, bot, persona)
    chat.open()
    first = chat.say("Where is {my order number}?")
    chat.say("thanks")
    assert seen[0] == {
        "session": None,
        "message": f"Where is {persona['order_number']}?",
    }
    assert seen[1]["session"] == "s-42"
    sent = [e for e in ledger.events if isinstance(e, MessageSent)]
    assert sent[0].facts == ("order_number",) and sent[0].channel == "chat"
    assert first[0].text == "Let me look." and first[0].quick_replies == (
        "Track",
        "Return",
    )
    assert len(chat.turns) == 2 and chat.turns[0].replies == tuple(first)


def test_several_messages_keep_their_order_and_authors(persona):
    def bot(request):
        return httpx.Response(
            200,
            json={
                "session": "s",
                "messages": [
                    {"text": "One moment.", "from": "bot"},
                    {"text": "Connecting you now.", "from": "bot"},
                    {"text": "Hi, I'm Sam. How can I help?", "from": "agent"},
                ],
                "fallback": False,
                "handoff": True,
            },
        )

    chat, ledger = chat_with(DEMO_SHAPE, bot, persona)
    chat.ask_for_human()
    got = replies(ledger)
    assert [(r.by, r.text) for r in got] == [
        ("bot", "One moment.\nConnecting you now."),
        ("agent", "Hi, I'm Sam. How can I help?"),
    ]
    assert [r.handoff for r in got] == [False, True]
    assert got[0].latency_ms > 0 and got[1].latency_ms == 0  # the customer waited once
    assert [e.asked_for_human for e in ledger.events if isinstance(e, MessageSent)] == [
        True
    ]
    assert handoff_within(ledger.events, 1).handed_over


def test_each_reply_names_who_answered_and_a_person_passing_on_stays_two_replies(
    persona,
):
    section = {**DEMO_SHAPE, "author_path": "messages[*].name"}

    def desk(request):
        return httpx.Response(
            200,
            json={
                "messages": [
                    {"text": "Connecting you.", "from": "bot", "name": "Stride bot"},
                    {
                        "text": "Sam here, passing you to billing.",
                        "from": "agent",
                        "name": "Sam",
                    },
                    {"text": "Alex from billing.", "from": "agent", "name": "Alex"},
                ],
                "handoff": True,
            },
        )

    chat, ledger = chat_with(section, desk, persona)
    chat.ask_for_human()
    assert [(r.by, r.author, r.handoff) for r in replies(ledger)] == [
        ("bot", "Stride bot", False),
        ("agent", "Sam", True),
        ("agent", "Alex", False),
    ]


def test_without_an_author_path_the_author_is_the_by_path_value_and_empty_when_unknown(
    persona,
):
    answer = {"messages": [{"text": "Hi", "from": "agent-17"}]}
    chat, ledger = chat_with(
        {**DEMO_SHAPE, "agent_authors": ["agent-17"]},
        lambda r: httpx.Response(200, json=answer),
        persona,
    )
    chat.say("hello")
    chat, unknown = chat_with(
        {k: v for k, v in DEMO_SHAPE.items() if k != "by_path"},
        lambda r: httpx.Response(200, json=answer),
        persona,
    )
    chat.say("hello")
    assert [(r.by, r.author) for r in replies(ledger)] == [("agent", "agent-17")]
    assert [(r.by, r.author) for r in replies(unknown)] == [("bot", "")]


def test_fallback_flag_is_recorded_on_the_bots_reply(persona):
    chat, ledger = chat_with(
        DEMO_SHAPE,
        lambda r: httpx.Response(
            200,
            json={
                "messages": [{"text": "Sorry, I didn't get that.", "from": "bot"}],
                "fallback": True,
                "handoff": False,
            },
        ),
        persona,
    )
    chat.say("blah")
    assert [r.fallback for r in replies(ledger)] == [True]


# -- other bots, configured only through the table -------------------------------------


def test_rasa_rest_list_answer_with_a_client_named_conversation(persona):
    section = {
        "endpoint": "http://rasa.test/webhooks/rest/webhook",
        "body": {"sender": "{conversation}", "message": "{message}"},
        "text_path": "[*].text",
        "fallback_phrases": ["sorry, i didn't understand"],
    }
    senders = []

    def rasa(request):
        assert request.url == "http://rasa.test/webhooks/rest/webhook"
        body = json.loads(request.content)
        senders.append(body["sender"])
        if "human" in body["message"]:
            return httpx.Response(
                200,
                json=[
                    {
                        "recipient_id": body["sender"],
                        "text": "Sorry, I didn't understand.",
                    }
                ],
            )
        return httpx.Response(
            200,
            json=[
                {"recipient_id": body["sender"], "text": "Hello!"},
                {
                    "recipient_id": body["sender"],
                    "image": "https://example.com/wave.png",
                },
                {"recipient_id": body["sender"], "text": "How can I help?"},
            ],
        )

    chat, ledger = chat_with(section, rasa, persona)
    chat.open()
    chat.say("hi")
    chat.ask_for_human()
    assert (
        senders[0] == senders[1] and len(senders[0]) == 32
    )  # one conversation, named by us
    got = replies(ledger)
    assert [(r.text, r.fallback) for r in got] == [
        ("Hello!\nHow can I help?", False),
        ("Sorry, I didn't understand.", True),
    ]
    check = handoff_within(ledger.events, 1)
    assert not check.handed_over and check.said_instead == (
        "Sorry, I didn't understand.",
    )


def test_botpress_like_nested_answer_with_a_session_in_a_nested_field(persona):
    section = {
        "endpoint": "/bots/shop/converse/{conversation}",
        "body": '{"type": "text", "text": "{message}", "conversation": "{session}"}',
        "text_path": "responses[*].payload.text",
        "session_path": "state.conversation.id",
        "handoff_path": "state.handoff.active",
    }
    sessions = []
    paths = set()

    def botpress(request):
        paths.add(request.url.path)
        sessions.append(json.loads(request.content)["conversation"])
        return httpx.Response(
            200,
            json={
                "responses": [
                    {"type": "typing", "value": True},
                    {"type": "text", "payload": {"text": "I'll get someone."}},
                ],
                "state": {
                    "conversation": {"id": "conv-9"},
                    "handoff": {"active": "true"},
                },
            },
        )

    chat, ledger = chat_with(section, botpress, persona)
    chat.say("a person please", asked_for_human=True)
    chat.say("hello?")
    assert sessions == [None, "conv-9"]
    [path] = paths  # one conversation, named in the URL
    assert path.startswith("/bots/shop/converse/") and len(path.rsplit("/", 1)[1]) == 32
    assert [(r.text, r.handoff) for r in replies(ledger)][0] == (
        "I'll get someone.",
        True,
    )


def test_html_in_a_reply_is_kept_as_text(persona):
    payload = '<script>alert("x")</script><b>Hi</b>'
    chat, ledger = chat_with(
        DEMO_SHAPE,
        lambda r: httpx.Response(
            200, json={"messages": [{"text": payload, "from": "bot"}]}
        ),
        persona,
    )
    chat.say("hi")
    assert replies(ledger)[0].text == payload


# -- what the customer meets when the bot fails ----------------------------------------


def timeout(request):
    raise httpx.ReadTimeout("timed out", request=request)


def refused(request):
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    ("handler", "words"),
    [
        (timeout, "no answer within 10 s"),
        (refused, "could not reach POST /api/chat"),
        (
            lambda r: httpx.Response(500, text="Internal Server Error"),
            "HTTP 500 from POST /api/chat: Internal Server Error",
        ),
        (
            lambda r: httpx.Response(
                200,
                text="<html>Maintenance</html>",
                headers={"content-type": "text/html"},
            ),
            "not JSON (text/html)",
        ),
        (
            lambda r: httpx.Response(200, json={"reply": "hello"}),
            "no text at 'messages[*].text' (it was an object with reply)",
        ),
        (lambda r: httpx.Response(200, content=b""), "no text at"),
    ],
)
def test_a_failed_reply_is_recorded_not_raised(persona, handler, words):
    chat, ledger = chat_with(DEMO_SHAPE, handler, persona)
    got = chat.say("hello")
    assert got[0].failed and words in got[0].failed
    recorded = replies(ledger)
    assert len(recorded) == 1 and words in recorded[0].failed and recorded[0].text == ""
    assert chat.exchanges()[-1]["url"] == "http://shop.test/api/chat"


def test_timeouts_come_from_configuration(persona):
    timeouts = []

    def bot(request):
        timeouts.append(request.extensions["timeout"]["read"])
        return httpx.Response(200, json={"messages": [{"text": "ok"}]})

    chat, _ = chat_with({**DEMO_SHAPE, "timeout_s": 2.5}, bot, persona)
    chat.say("hi")
    assert timeouts == [2.5]


# -- secrets ---------------------------------------------------------------------------


def test_headers_come_from_the_environment_and_never_reach_the_record(persona):
    section = {
        **DEMO_SHAPE,
        "headers": {"X-Api-Key": "${BOT_KEY}", "X-Client": "journeys"},
    }
    got_headers = []

    def bot(request):
        got_headers.append(dict(request.headers))
        return httpx.Response(
            200,
            json={
                "messages": [{"text": f"your key is {request.headers['x-api-key']}"}]
            },
        )

    chat, ledger = chat_with(section, bot, persona, environ={"BOT_KEY": "k-123456789"})
    chat.say("{my card number} please")
    assert got_headers[0]["x-api-key"] == "k-123456789"
    record = json.dumps(chat.exchanges())
    assert "k-123456789" not in record and "4242" not in record
    assert chat.exchanges()[0]["request"]["headers"]["x-client"] == "journeys"
    sent = [e for e in ledger.events if isinstance(e, MessageSent)][0]
    assert "4242" not in sent.text and sent.facts == ("card_number",)


def test_a_missing_environment_variable_names_it(persona):
    with pytest.raises(ConfigError) as caught:
        chat_with(
            {**DEMO_SHAPE, "headers": {"Authorization": "Bearer ${BOT_TOKEN}"}},
            timeout,
            persona,
            environ={},
        )
    assert "BOT_TOKEN" in str(caught.value)


# -- judging a hand-off ----------------------------------------------------------------


def test_insisting_stops_at_the_hand_off(persona):
    answers = iter(
        [
            {"messages": [{"text": "Sorry, I didn't get that."}], "fallback": True},
            {"messages": [{"text": "Here is Sam.", "from": "agent"}], "handoff": True},
        ]
    )
    chat, ledger = chat_with(
        DEMO_SHAPE, lambda r: httpx.Response(200, json=next(answers)), persona
    )
    check = insist_on_human(chat, 3)
    assert check.handed_over and check.turns_used == 2


def test_insisting_gives_up_after_the_turns_and_says_what_the_bot_said(persona):
    chat, ledger = chat_with(
        DEMO_SHAPE,
        lambda r: httpx.Response(
            200, json={"messages": [{"text": "Please call us."}], "fallback": True}
        ),
        persona,
    )
    chat.ask_for_human()
    check = insist_on_human(chat, 2)
    assert not check.handed_over and check.turns_used == 2
    assert check.said_instead == ("Please call us.", "Please call us.")
    assert sum(isinstance(e, MessageSent) for e in ledger.events) == 2


def test_a_hand_off_after_the_turns_does_not_count():
    ledger = Ledger()
    ledger.record(MessageSent(channel="chat", text="hi"))
    ledger.record(ReplyReceived(channel="chat", text="Hi"))
    for _ in range(2):
        ledger.record(MessageSent(channel="chat", text="human", asked_for_human=True))
        ledger.record(ReplyReceived(channel="chat", text="Sorry?", fallback=True))
    ledger.record(MessageSent(channel="chat", text="human", asked_for_human=True))
    ledger.record(
        ReplyReceived(channel="chat", text="Sam here", by="agent", handoff=True)
    )
    assert not handoff_within(ledger.events, 2).handed_over
    assert handoff_within(ledger.events, 3).handed_over
    assert not handoff_within([], 3).asked


# -- the widget, in a real browser against a small page --------------------------------

WIDGET_PAGE = """
<button onclick="document.getElementById('panel').hidden = false">Chat with us</button>
<div id="panel" role="dialog" aria-label="Chat" hidden>
  <ol role="log" aria-label="Conversation"></ol>
  <label>Message <input id="m"></label>
  <button id="send">Send</button>
</div>
<script>
  const log = document.querySelector('[role=log]');
  const add = (author, text) => { const li = document.createElement('li'); li.dataset.author = author; li.textContent = text; log.append(li); };
  document.getElementById('send').onclick = () => {
    const text = document.getElementById('m').value;
    add('customer', text);
    // answer later, as a real bot does, and in two parts when asked for a human
    setTimeout(() => {
      if (/human/i.test(text)) { add('bot', 'Connecting you.'); add('agent', 'Sam here.'); }
      else if (text === 'silence') {}
      else add('bot', 'You said: ' + text);
    }, 30);
  };
</script>
"""


@pytest.mark.browser
def test_the_widget_is_driven_like_a_customer(page, persona):
    page.set_content(WIDGET_PAGE)
    ledger = Ledger()
    chat = WidgetChat(
        page,
        chat_config({"adapter": "widget", "timeout_s": 1}),
        ledger=ledger,
        persona=persona,
    )
    chat.open()
    said = chat.say("{my order number}")
    assert (
        said[0].text == f"You said: {persona['order_number']}"
        and said[0].by == "bot"
        and said[0].latency_ms > 0
    )
    human = chat.ask_for_human()
    assert [(r.by, r.text, r.handoff) for r in human] == [
        ("bot", "Connecting you.", False),
        ("agent", "Sam here.", True),
    ]
    silent = chat.say("silence")
    assert "no reply appeared in the chat within 1 s" in silent[0].failed
    assert (
        isinstance(ledger.events[0], Clicked)
        and ledger.events[0].target == "Chat with us"
    )
    assert [e.text for e in ledger.events if isinstance(e, MessageSent)] == [
        persona["order_number"],
        "I want to talk to a human",
        "silence",
    ]


def test_the_chat_modules_import_one_way():
    """conversation <- widget <- chat: the shared base imports neither adapter, the
    widget not the HTTP chat.
    """
    import ast
    from pathlib import Path

    shopper = Path(__file__).resolve().parents[2] / "journeys" / "shopper"

    def imports(module):
        tree = ast.parse((shopper / f"{module}.py").read_text(encoding="utf-8"))
        return {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
        }

    assert not imports("conversation") & {"chat", "widget", "support"}
    assert "chat" not in imports("widget") and "conversation" in imports("widget")
    assert "chat" not in imports("support")


def test_a_ten_megabyte_reply_is_kept_as_bounded_evidence(persona):
    from journeys.effort.events import EVIDENCE_LIMIT
    from journeys.run.journey import transcript

    huge = (
        "Here is everything. " * 500_000
    )  # 10 MB, as a bot that dumps a whole FAQ would send
    chat, ledger = chat_with(
        DEMO_SHAPE,
        lambda request: httpx.Response(
            200, json={"messages": [{"text": huge, "from": "bot"}]}
        ),
        persona,
    )
    chat.say("Tell me everything")
    (reply,) = replies(ledger)
    assert huge.startswith(reply.text.split(" … [truncated:")[0])
    assert EVIDENCE_LIMIT <= len(
        reply.text
    ) < EVIDENCE_LIMIT + 60 and reply.text.endswith("more characters]")
    assert (
        max(len(line["text"]) for line in transcript(ledger.events))
        < EVIDENCE_LIMIT + 60
    )
    assert all(
        len(exchange["response"]["body"]) < EVIDENCE_LIMIT
        for exchange in chat.exchanges()
    )
