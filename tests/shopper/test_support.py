"""The support channel: ticket APIs of different shapes configured only through
[tool.journeys.support].
"""

from __future__ import annotations

import json

import httpx
import pytest

from journeys.effort import facts_asked
from journeys.effort.events import MessageSent, ReplyReceived, TicketOpened
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError, JourneyAbandoned
from journeys.shopper.persona import make_persona
from journeys.shopper.support import HttpSupport, build_support, support_config

DEMO_SHAPE = {
    "endpoint": "/api",
    "headers": {"Authorization": "Bearer ${SUPPORT_TOKEN}"},
    "create": {
        "path": "/tickets",
        "body": {"subject": "{subject}", "body": "{body}", "email": "{email}"},
        "id_path": "id",
    },
    "read": {
        "path": "/tickets/{id}",
        "messages_path": "messages",
        "author_path": "from",
        "text_path": "text",
        "agent_authors": ["agent"],
    },
    "reply": {"path": "/tickets/{id}/messages", "body": {"text": "{text}"}},
}
TOKEN = "tok-0123456789abcdef"


class FakeClock:
    """Time that moves only when the adapter sleeps: polling is tested without
    waiting.
    """

    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class TicketDesk:
    """A ticket API like the demo shop's: the agent answers on the `answer_after`-th
    read.
    """

    def __init__(
        self,
        agent_says="Sorry about that. Could you send your order number and e-mail?",
        answer_after=1,
    ):
        self.tickets = {}
        self.agent_says = agent_says
        self.answer_after = answer_after
        self.reads = 0

    def __call__(self, request):
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return httpx.Response(401, json={"error": "missing or wrong token"})
        path = request.url.path
        if request.method == "POST" and path == "/api/tickets":
            body = json.loads(request.content)
            ticket_id = f"T-{1001 + len(self.tickets)}"
            self.tickets[ticket_id] = {
                "id": ticket_id,
                "subject": body["subject"],
                "status": "open",
                "messages": [{"from": "customer", "text": body["body"]}],
            }
            return httpx.Response(201, json={"id": ticket_id, "status": "open"})
        ticket_id = path.split("/")[3]
        ticket = self.tickets[ticket_id]
        if request.method == "GET":
            self.reads += 1
            if self.reads == self.answer_after:
                ticket["messages"].append({"from": "agent", "text": self.agent_says})
            return httpx.Response(200, json=ticket)
        ticket["messages"].append(
            {"from": "customer", "text": json.loads(request.content)["text"]}
        )
        return httpx.Response(201, json={"ok": True})


@pytest.fixture
def persona():
    return make_persona(7, "tests/shopper/test_support.py::support")


def desk_with(section, handler, persona, token=TOKEN):
    clock = FakeClock()
    ledger = Ledger()
    support = HttpSupport(
        support_config(section),
        base_url="http://shop.test",
        ledger=ledger,
        persona=persona,
        transport=httpx.MockTransport(handler),
        environ={"SUPPORT_TOKEN": token},
        clock=clock,
        sleep=clock.sleep,
    )
    return support, ledger, clock


# -- configuration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "words"),
    [
        ({}, "tool.journeys.support.endpoint", "missing"),
        (
            {**DEMO_SHAPE, "creat": {}},
            "tool.journeys.support.creat",
            "did you mean 'create'",
        ),
        (
            {**DEMO_SHAPE, "read": {"text_pat": "x"}},
            "tool.journeys.support.read.text_pat",
            "did you mean 'text_path'",
        ),
        (
            {**DEMO_SHAPE, "create": {"body": {"s": "{topic}"}}},
            "tool.journeys.support.create.body",
            "{topic}",
        ),
        (
            {**DEMO_SHAPE, "read": {"path": "/tickets/{ticket}"}},
            "tool.journeys.support.read.path",
            "{ticket}",
        ),
        (
            {**DEMO_SHAPE, "reply": "POST"},
            "tool.journeys.support.reply",
            "must be a table",
        ),
        (
            {**DEMO_SHAPE, "reply_timeout_s": "soon"},
            "tool.journeys.support.reply_timeout_s",
            "number",
        ),
        (
            {**DEMO_SHAPE, "endpoint": "${DESK_URL"},
            "tool.journeys.support.endpoint",
            "malformed",
        ),
        (
            {**DEMO_SHAPE, "read": {"customer_authors": ["${REQUESTER"]}},
            "tool.journeys.support.read.customer_authors",
            "malformed",
        ),
        (
            {**DEMO_SHAPE, "create": {"method": "FETCH"}},
            "tool.journeys.support.create.method",
            "HTTP method",
        ),
        (
            {**DEMO_SHAPE, "headers": {"Authorization": 3}},
            "tool.journeys.support.headers",
            "table of text",
        ),
    ],
)
def test_wrong_configuration_is_one_clear_error(section, key, words):
    with pytest.raises(ConfigError) as caught:
        support_config(section)
    assert caught.value.key == key and words in str(caught.value)


def test_the_configured_desk_is_built(persona):
    support = build_support(
        support_config({**DEMO_SHAPE, "headers": {}}),
        base_url="http://x",
        ledger=Ledger(),
        persona=persona,
    )
    assert isinstance(support, HttpSupport) and support.ticket_id == ""


# -- a ticket, an answer, a reply ------------------------------------------------------


def test_a_ticket_is_opened_answered_and_answered_back(persona):
    desk = TicketDesk(answer_after=3)
    support, ledger, clock = desk_with(DEMO_SHAPE, desk, persona)
    ticket_id = support.open_ticket_about("Where is {my order number}?")
    assert ticket_id == "T-1001"
    opened = next(e for e in ledger.events if isinstance(e, TicketOpened))
    assert opened.subject == f"Where is {persona['order_number']}?"
    assert (
        opened.text == f"Where is {persona['order_number']}?"
    )  # the problem goes only where the template says {problem}
    assert set(opened.facts) == {"order_number", "email"}

    reply = support.wait_for_reply()
    assert reply.by == "agent" and reply.text.startswith("Sorry about that")
    assert clock.sleeps == [
        0.1,
        0.2,
    ]  # two empty reads, then the answer: a short backoff, no fixed wait
    assert reply.latency_ms == pytest.approx(300.0)
    received = [e for e in ledger.events if isinstance(e, ReplyReceived)]
    assert [(r.channel, r.by, r.author, r.failed) for r in received] == [
        ("support", "agent", "agent", "")
    ]

    given = support.answer_agent()
    assert given == ("order_number", "email")
    sent = [e for e in ledger.events if isinstance(e, MessageSent)][-1]
    assert sent.channel == "support" and sent.facts == ("order_number", "email")
    assert (
        desk.tickets["T-1001"]["messages"][-1]["text"]
        == f"My order number is {persona['order_number']}. My e-mail address is"
        f" {persona['email']}."
    )
    assert TOKEN not in json.dumps(support.exchanges())


def test_no_agent_reply_within_the_timeout_is_recorded_as_failed(persona):
    support, ledger, clock = desk_with(
        DEMO_SHAPE, TicketDesk(answer_after=10_000), persona
    )
    support.open_ticket("Refund", "I want my money back")
    reply = support.wait_for_reply(timeout_s=5)
    assert reply.failed == "no agent reply within 5 s"
    assert sum(clock.sleeps) == pytest.approx(5.0)
    last = ledger.events[-1]
    assert (
        isinstance(last, ReplyReceived)
        and last.by == "agent"
        and last.failed
        and last.latency_ms == pytest.approx(5000.0)
    )
    with pytest.raises(JourneyAbandoned):
        support.answer_agent()


def test_a_ticket_the_api_would_not_take_is_what_the_customer_met(persona):
    support, ledger, _ = desk_with(
        DEMO_SHAPE, lambda r: httpx.Response(503, text="Service Unavailable"), persona
    )
    assert support.open_ticket("Refund", "please") == ""
    assert (
        isinstance(ledger.events[0], TicketOpened) and ledger.events[0].ticket_id == ""
    )
    assert "could not open the ticket: HTTP 503" in ledger.events[1].failed
    assert "never opened" in support.wait_for_reply().failed


def test_wrong_credentials_are_a_setup_error_not_customer_effort(persona):
    support, ledger, _ = desk_with(
        DEMO_SHAPE, TicketDesk(), persona, token="wrong-token-value"
    )
    with pytest.raises(ConfigError) as caught:
        support.open_ticket("Refund", "please")
    assert (
        "HTTP 401" in str(caught.value)
        and caught.value.key == "tool.journeys.support.headers"
    )
    assert not ledger.events


def test_waiting_before_any_ticket_is_a_mistake_in_the_feature(persona):
    support, _, _ = desk_with(DEMO_SHAPE, TicketDesk(), persona)
    with pytest.raises(JourneyAbandoned, match="open a support ticket first"):
        support.wait_for_reply()


# -- a Zendesk-like desk: nested bodies, numeric ids, agents are everyone but us -------


def test_a_zendesk_like_desk(persona):
    section = {
        "endpoint": "https://acme.zendesk.test/api/v2",
        "headers": {"Authorization": "Basic ${SUPPORT_TOKEN}"},
        "create": {
            "path": "/tickets.json",
            "body": {
                "ticket": {
                    "subject": "{subject}",
                    "comment": {"body": "{body}"},
                    "requester": {"email": "{email}", "name": "{name}"},
                }
            },
            "id_path": "ticket.id",
        },
        "read": {
            "path": "/tickets/{id}/comments.json",
            "messages_path": "comments[*]",
            "author_path": "author_id",
            "text_path": "body",
            "customer_authors": ["501"],
        },
        "reply": {
            "method": "PUT",
            "path": "/tickets/{id}.json",
            "body": {"ticket": {"comment": {"body": "{text}", "public": True}}},
        },
    }
    comments = []

    def zendesk(request):
        if request.headers.get("authorization") != f"Basic {TOKEN}":
            return httpx.Response(401)
        if request.method == "POST":
            body = json.loads(request.content)["ticket"]
            assert body["requester"] == {
                "email": persona["email"],
                "name": persona["name"],
            }
            comments.append({"author_id": 501, "body": body["comment"]["body"]})
            comments.append({"author_id": 9, "body": "What is your postcode, please?"})
            return httpx.Response(201, json={"ticket": {"id": 35436, "status": "new"}})
        if request.method == "PUT":
            assert request.url.path == "/api/v2/tickets/35436.json"
            comments.append(
                {
                    "author_id": 501,
                    "body": json.loads(request.content)["ticket"]["comment"]["body"],
                }
            )
            return httpx.Response(200, json={"ticket": {"id": 35436}})
        return httpx.Response(200, json={"comments": comments})

    support, ledger, _ = desk_with(section, zendesk, persona)
    assert support.open_ticket_about("Damaged parcel") == "35436"
    assert support.wait_for_reply().text == "What is your postcode, please?"
    assert support.answer_agent() == ("postcode",)
    assert comments[-1] == {
        "author_id": 501,
        "body": f"My postcode is {persona['postcode']}.",
    }
    assert set(next(e for e in ledger.events if isinstance(e, TicketOpened)).facts) == {
        "email",
        "name",
    }


def test_two_agents_answering_at_once_are_two_replies_each_naming_its_author(persona):
    section = {
        **DEMO_SHAPE,
        "read": {
            **DEMO_SHAPE["read"],
            "author_path": "author",
            "agent_authors": [],
            "customer_authors": ["me"],
        },
    }
    messages = [{"author": "me", "text": "Damaged parcel"}]
    reads = []

    def desk(request):
        if request.method == "POST":
            return httpx.Response(201, json={"id": "T-1"})
        reads.append(1)
        if len(reads) > 1:  # the agents answer while the customer waits
            messages[1:] = [
                {"author": "agent-17", "text": "Passing you to returns."},
                {"author": "agent-22", "text": "Returns here. Your order number?"},
            ]
        return httpx.Response(200, json={"messages": messages})

    support, ledger, _ = desk_with(section, desk, persona)
    support.open_ticket("Damaged", "parcel")
    reply = support.wait_for_reply()
    received = [
        (e.author, e.text, e.latency_ms)
        for e in ledger.events
        if isinstance(e, ReplyReceived)
    ]
    assert received == [
        ("agent-17", "Passing you to returns.", 100.0),
        ("agent-22", "Returns here. Your order number?", 0.0),
    ]
    assert reply.author == "agent-22" and support.answer_agent() == ("order_number",)


def test_the_customer_author_may_come_from_the_environment(persona):
    section = {
        **DEMO_SHAPE,
        "read": {
            **DEMO_SHAPE["read"],
            "agent_authors": [],
            "customer_authors": ["${REQUESTER_ID}"],
        },
    }
    messages = [
        {"from": "Requester-501", "text": "Damaged parcel"},
        {"from": "Sam", "text": "Your postcode?"},
    ]

    def desk(request):
        if request.method == "POST":
            return httpx.Response(201, json={"id": "T-1"})
        return httpx.Response(200, json={"messages": messages})

    clock = FakeClock()
    support = HttpSupport(
        support_config(section),
        base_url="http://shop.test",
        ledger=Ledger(),
        persona=persona,
        transport=httpx.MockTransport(desk),
        environ={"SUPPORT_TOKEN": TOKEN, "REQUESTER_ID": "Requester-501"},
        clock=clock,
        sleep=clock.sleep,
    )
    support.open_ticket("Damaged", "parcel")
    reply = support.wait_for_reply()
    assert (reply.author, reply.text) == ("Sam", "Your postcode?")


# -- what an agent asks for ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Could you send your order number?", ("order_number",)),
        ("Sorry about your order. We will look into it.", ()),  # mentions, does not ask
        ("Please confirm your e-mail address and your full name.", ("email", "name")),
        ("What's your first name? And the postcode?", ("first_name", "postcode")),
        ("Please tell me what went wrong.", ("problem",)),
        ("Can you give me your card number and password?", ("card_number", "password")),
    ],
)
def test_facts_asked_for(text, facts):
    assert facts_asked(text) == facts


def test_secrets_are_not_handed_over(persona):
    support, ledger, _ = desk_with(
        DEMO_SHAPE,
        TicketDesk(agent_says="Please send your password and your order number."),
        persona,
    )
    support.open_ticket("Login", "cannot sign in")
    support.wait_for_reply()
    assert support.answer_agent() == ("order_number",)
    sent = [e for e in ledger.events if isinstance(e, MessageSent)][-1]
    assert (
        persona["password"] not in sent.text
        and "rather not share my password" in sent.text
    )


# -- templates: the problem where the template says so, categories, any fact -----------


def _recording_desk(bodies):
    def handler(request):
        if request.method == "POST":
            bodies.append(
                (request.url.path, dict(request.headers), json.loads(request.content))
            )
            return httpx.Response(201, json={"id": "T-9"})
        return httpx.Response(200, json={"messages": []})

    return handler


def test_the_problem_and_any_fact_go_where_the_template_says_and_count_as_given(
    persona,
):
    section = {
        **DEMO_SHAPE,
        "headers": {
            "Authorization": "Bearer ${SUPPORT_TOKEN}",
            "X-Customer": "{customer_number}",
        },
        "create": {
            **DEMO_SHAPE["create"],
            "path": "/tickets?ref={order_number}",
            "body": {
                "subject": "{subject}",
                "text": "{body} {problem}",
                "phone": "{phone}",
            },
        },
    }
    persona.note("problem", "my boiler broke")
    persona.note("customer number", "C-42 7")
    bodies = []
    support, ledger, _ = desk_with(section, _recording_desk(bodies), persona)
    support.open_ticket_about("No heating")
    path, headers, body = bodies[0]
    assert body == {
        "subject": "No heating",
        "text": "No heating. my boiler broke",
        "phone": persona["phone"],
    }
    assert (
        headers["x-customer"] == "C-42 7" and path == "/api/tickets"
    )  # the query is not part of the path
    opened = next(e for e in ledger.events if isinstance(e, TicketOpened))
    assert set(opened.facts) == {"problem", "phone", "order_number", "customer_number"}


def test_a_fact_in_a_path_is_url_quoted(persona):
    section = {
        **DEMO_SHAPE,
        "create": {
            **DEMO_SHAPE["create"],
            "path": "/customers/{customer_number}/tickets",
        },
    }
    persona.note("customer number", "C/42")
    seen = []

    def handler(request):
        seen.append(request.url.raw_path.decode())
        return httpx.Response(201, json={"id": "T-1"})

    support, _, _ = desk_with(section, handler, persona)
    support.open_ticket_about("Hello")
    assert seen == ["/api/customers/C%2F42/tickets"]


@pytest.mark.parametrize(
    ("said", "queue"), [("Billing", "billing"), ("support", "general"), (None, "")]
)
def test_one_config_serves_tickets_in_several_categories(persona, said, queue):
    section = {
        **DEMO_SHAPE,
        "create": {
            **DEMO_SHAPE["create"],
            "body": {"subject": "{subject}", "queue": "{queue}", "kind": "{category}"},
        },
        "categories": {
            "Billing": {"queue": "billing"},
            "Support": {"queue": "general"},
        },
    }
    bodies = []
    support, _, _ = desk_with(section, _recording_desk(bodies), persona)
    support.open_ticket_about("A wrong charge", said)
    assert bodies[0][2] == {
        "subject": "A wrong charge",
        "queue": queue,
        "kind": {"Billing": "Billing", "support": "Support", None: ""}[said],
    }


def test_a_category_not_configured_names_the_known_ones(persona):
    section = {**DEMO_SHAPE, "categories": {"Billing": {"queue": "billing"}}}
    support, _, _ = desk_with(section, _recording_desk([]), persona)
    with pytest.raises(
        ConfigError, match=r'no category "Moving home" \(known: "Billing"\)'
    ):
        support.open_ticket_about("I am moving", "Moving home")


@pytest.mark.parametrize(
    ("section", "key", "words"),
    [
        (
            {**DEMO_SHAPE, "categories": {"Billing": "billing"}},
            "tool.journeys.support.categories.Billing",
            "table of ticket fields",
        ),
        (
            {**DEMO_SHAPE, "categories": {"Billing": {"email": "x"}}},
            "tool.journeys.support.categories.Billing.email",
            "placeholder",
        ),
        (
            {**DEMO_SHAPE, "categorys": {}},
            "tool.journeys.support.categorys",
            "did you mean 'categories'",
        ),
        (
            {**DEMO_SHAPE, "create": {"body": {"q": "{queue}"}}},
            "tool.journeys.support.create.body",
            "{queue}",
        ),
        (
            {**DEMO_SHAPE, "headers": {"X-Who": "{shoe_size}"}},
            "tool.journeys.support.headers.X-Who",
            "{shoe_size}",
        ),
    ],
)
def test_new_keys_are_validated(section, key, words):
    with pytest.raises(ConfigError) as caught:
        support_config(section)
    assert caught.value.key == key and words in str(caught.value)
