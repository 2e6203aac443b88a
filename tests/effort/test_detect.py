"""Each detector, table-driven: cases that must fire and cases that must not."""

from __future__ import annotations

import pytest

from journeys.effort import (
    EffortModel,
    detect,
    find_bot_loops,
    find_channel_switches,
    find_dead_ends,
    find_errors_seen,
    find_lost_context,
    find_mixed_messages,
    find_reentered_data,
    find_waits,
)
from journeys.effort.events import (
    Clicked,
    ErrorShown,
    FieldFilled,
    GaveUp,
    GoalReached,
    MailReceived,
    MessageSent,
    PageOpened,
    PromiseMade,
    ReplyReceived,
    TicketOpened,
    WentBack,
)

from .build import journey, step, url


def page(
    path: str,
    *,
    status: int = 200,
    title: str = "Shop",
    text: str = "Welcome",
    load_ms: float = 300,
    action=False,
):
    return PageOpened(
        url=url(path),
        status=status,
        load_ms=load_ms,
        title=title,
        text=text,
        action=action,
    )


def typed(
    label: str, fact: str | None, *, prefilled: bool = False, path: str = "/checkout"
):
    return FieldFilled(
        label=label, fact=fact, value="x", prefilled=prefilled, url=url(path)
    )


def said(text: str, *facts: str, human: bool = False, channel: str = "chat"):
    return MessageSent(channel=channel, text=text, facts=facts, asked_for_human=human)


def bot(text: str, **kw):
    return ReplyReceived(
        channel=kw.pop("channel", "chat"),
        text=text,
        by="bot",
        latency_ms=kw.pop("latency_ms", 400),
        **kw,
    )


def agent(text: str, channel: str = "chat", **kw):
    return ReplyReceived(
        channel=channel,
        text=text,
        by="agent",
        latency_ms=kw.pop("latency_ms", 400),
        **kw,
    )


def click(
    target: str, effect: str = "navigated", *, at_s: float = 0.0, path: str = "/"
):
    return Clicked(target=target, effect=effect, url=url(path), at_s=at_s)


def kinds(frictions):
    return [f.kind for f in frictions]


# -- reentered_data --------------------------------------------------------------------

REENTRY = [
    pytest.param(
        [
            step("fill", typed("E-mail", "email")),
            step("again", typed("Email address", "email", path="/account")),
        ],
        1,
        'already given in the "E-mail" field on /checkout (step 1)',
        id="same fact typed twice on the web",
    ),
    pytest.param(
        [
            step("checkout", typed("E-mail", "email")),
            step("chat", bot("What is your e-mail?"), said("it is me@x.test", "email")),
        ],
        1,
        "again in a chat message (step 2)",
        id="web then chat, asked by the bot",
    ),
    pytest.param(
        [
            step("checkout", typed("E-mail", "email")),
            step("chat", said("it is me@x.test", "email")),
        ],
        0,
        "",
        id="web then volunteered in chat",
    ),
    pytest.param(
        [
            step("chat", said("order SH-1", "order_number")),
            step(
                "ticket",
                TicketOpened(subject="late", text="SH-1", facts=("order_number",)),
            ),
        ],
        1,
        "again in the support ticket",
        id="chat then ticket",
    ),
    pytest.param(
        [
            step("a", typed("Phone", "phone")),
            step("b", typed("Phone", "phone")),
            step("c", bot("Your phone number?"), said("call 07", "phone")),
        ],
        2,
        "phone number",
        id="one friction per repeat",
    ),
    pytest.param(
        [
            step("a", typed("E-mail", "email")),
            step("b", typed("E-mail", "email", prefilled=True)),
        ],
        0,
        "",
        id="prefilled is no re-entry",
    ),
    pytest.param(
        [step("a", typed("Name", "first_name")), step("b", typed("Name", "last_name"))],
        0,
        "",
        id="same label different fact",
    ),
    pytest.param(
        [step("a", typed("Voucher", None)), step("b", typed("Voucher", None))],
        0,
        "",
        id="literals are not persona facts",
    ),
    # Cartridge: billing asks first and last name, payment the cardholder's
    pytest.param(
        [
            step(
                "billing",
                typed("First name", "first_name"),
                typed("Last name", "last_name"),
            ),
            step("pay", typed("Cardholder name", "name")),
        ],
        1,
        'Gave their full name again in the "Cardholder name" field on /checkout (step'
        ' 2), already given as first name in the "First name" field on /checkout (step'
        ' 1) and last name in the "Last name" field on /checkout (step 1).',
        id="the whole after its parts",
    ),
    pytest.param(
        [
            step("account", typed("Full name", "name")),
            step(
                "delivery",
                typed("First name", "first_name"),
                typed("Last name", "last_name"),
            ),
        ],
        1,
        'already given in their full name in the "Full name" field on /checkout'
        " (step 1)",
        id="the parts after the whole: one re-entry",
    ),
    pytest.param(
        [
            step("a", typed("First name", "first_name")),
            step("b", typed("Cardholder name", "name")),
        ],
        0,
        "",
        id="one part is not the whole",
    ),
]


@pytest.mark.parametrize("steps, count, evidence", REENTRY)
def test_reentered_data(steps, count, evidence):
    found = find_reentered_data(journey(*steps))
    assert kinds(found) == ["reentered_data"] * count
    assert all(evidence in f.evidence for f in found)


def test_reentry_is_attributed_to_the_repeat_and_never_shows_the_value():
    card = "4111111111111111"
    events = journey(
        step(
            "When I fill in the form with my details",
            FieldFilled(label="Card number", fact="card_number", value=card),
        ),
        step(
            'When I fill in "Card" with my card number',
            FieldFilled(label="Card", fact="card_number", value=card),
        ),
    )
    (friction,) = find_reentered_data(events)
    assert (friction.step, friction.step_text) == (
        1,
        'When I fill in "Card" with my card number',
    )
    assert (
        friction.evidence
        == 'Gave their card number again in the "Card" field (step 2), already given in'
        ' the "Card number" field (step 1).'
    )
    assert card not in friction.evidence + friction.excerpt + friction.where


# -- dead_end --------------------------------------------------------------------------

DEAD_ENDS = [
    pytest.param(
        [step("open", page("/gone", status=404, title="Not here"))],
        ["HTTP 404"],
        id="http 404",
    ),
    pytest.param(
        [step("open", page("/oops", title="Page not found", text="Sorry"))],
        ["error page"],
        id="error page with 200",
    ),
    pytest.param(
        [step("open", page("/x", status=500, title="Internal Server Error"))],
        ["HTTP 500"],
        id="one friction for 500 error page",
    ),
    pytest.param(
        [step("click", click("Pay", "nothing"))], ["dead click"], id="dead click"
    ),
    pytest.param(
        [
            step(
                "click",
                click("Pay", "nothing", at_s=10.0),
                click("Pay", "nothing", at_s=10.2),
                click("Pay", "nothing", at_s=10.4),
            )
        ],
        ["dead click", "rage clicks"],
        id="retried dead click is one dead click plus rage",
    ),
    pytest.param(
        [
            step(
                "click",
                click("Next", "changed", at_s=10.0),
                click("Next", "changed", at_s=12.0),
                click("Next", "changed", at_s=14.0),
            )
        ],
        [],
        id="slow clicks are not rage",
    ),
    pytest.param(
        [
            step(
                "steps",
                click("Next", "navigated", at_s=10.0),
                page("/checkout"),
                click("Next", "navigated", at_s=10.3),
                page("/checkout"),
                click("Next", "navigated", at_s=10.6),
                page("/checkout"),
            )
        ],
        [],
        id="a checkout of steps at one address, each answered, is not rage",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help", action=True),
                click("FAQ"),
                page("/faq"),
                click("Contact"),
                page("/help"),
            )
        ],
        ["a loop"],
        id="A B A by links",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help?x=1", action=True),
                page("/faq"),
                page("/help/?y=2#top"),
            )
        ],
        ["a loop"],
        id="query and fragment ignored",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help", action=True),
                page("/faq"),
                typed("Search", None),
                page("/help"),
            )
        ],
        [],
        id="progress in between is no loop",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help", action=True),
                page("/faq"),
                WentBack(url=url("/help")),
                page("/help"),
            )
        ],
        [],
        id="going back is not a loop",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help", action=True),
                page("/x", status=404),
                WentBack(),
                page("/help"),
            )
        ],
        ["HTTP 404"],
        id="back after a 404 is recovery",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/help", action=True),
                page("/x", status=404),
                click("Home"),
                page("/help"),
            )
        ],
        ["HTTP 404"],
        id="leaving a 404 by its link is recovery",
    ),
    pytest.param(
        [
            step("a", page("/", action=True), page("/shop")),
            step("b", page("/", action=True)),
        ],
        [],
        id="opening a page on purpose is not a loop",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/cart", action=True),
                click("Update", "navigated"),
                page("/cart"),
            )
        ],
        [],
        id="reloading the same page is not a loop",
    ),
    pytest.param(
        [
            step(
                "a",
                page("/a", action=True),
                page("/b"),
                page("/a"),
                page("/b"),
                page("/a"),
            )
        ],
        ["a loop", "a loop"],
        id="each round is one loop",
    ),
    pytest.param(
        [step("seek", GaveUp(goal="talk to a human", reason="nothing looks like it"))],
        ["no way forward"],
        id="gave up",
    ),
    pytest.param(
        [
            step(
                "ok",
                page("/", action=True),
                click("Shop"),
                page("/shop"),
                GoalReached(goal="shop", hops=1),
            )
        ],
        [],
        id="smooth",
    ),
    pytest.param(
        [
            step(
                "help",
                page(
                    "/help",
                    title="Help",
                    text="Something went wrong with your order? Here is what to do.",
                ),
            )
        ],
        [],
        id="help article about errors is no error page",
    ),
]


@pytest.mark.parametrize("steps, evidence", DEAD_ENDS)
def test_dead_ends(steps, evidence):
    found = find_dead_ends(journey(*steps))
    assert kinds(found) == ["dead_end"] * len(evidence)
    for friction, words in zip(found, evidence):
        assert words in friction.evidence.lower() or words in friction.evidence


# -- bot_loop --------------------------------------------------------------------------

SORRY = "Sorry, I did not understand that. Could you rephrase?"
BOT_LOOPS = [
    pytest.param(
        [
            step(
                "a",
                said("where is my parcel"),
                bot("You can track parcels on our tracking page."),
            ),
            step(
                "b",
                said("it says nothing"),
                bot("You can track your parcel on our tracking page."),
            ),
        ],
        ["repeated an earlier reply"],
        id="near-duplicate reply",
    ),
    pytest.param(
        [
            step(
                "a",
                said("blah"),
                bot(SORRY, fallback=True),
                said("blah blah"),
                bot("Hmm, try other words please.", fallback=True),
            )
        ],
        ["did not understand twice"],
        id="two fallbacks in a row",
    ),
    pytest.param(
        [
            step(
                "a",
                said("blah"),
                bot(SORRY, fallback=True),
                said("refund"),
                bot("Refunds take 5 days."),
                said("blah"),
                bot("I am not sure what you mean there.", fallback=True),
            )
        ],
        [],
        id="fallbacks not in a row",
    ),
    pytest.param(
        [
            step(
                "a",
                said("a human please", human=True),
                bot("I can help with orders!"),
                said("human!", human=True),
                bot("Let me try to help first: what is it about?"),
            )
        ],
        ["asked for a human 2 bot turns ago"],
        id="no hand-off within two turns",
    ),
    pytest.param(
        [
            step(
                "a",
                said("a human please", human=True),
                bot("Sure, connecting you.", handoff=True),
            )
        ],
        [],
        id="hand-off at once",
    ),
    pytest.param(
        [
            step(
                "a",
                said("a human please", human=True),
                bot("What is it about?"),
                said("a refund"),
                agent("Hi, I'm Sam, how can I help?"),
            )
        ],
        [],
        id="agent joined within two turns",
    ),
    pytest.param(
        [
            step(
                "a",
                said("track my order"),
                bot("Your order SH-1 is on its way to you."),
            ),
            step(
                "b",
                said("track my order"),
                bot("Your order SH-1 is on its way to you."),
            ),
        ],
        [],
        id="same question same answer",
    ),
    pytest.param(
        [
            step("a", bot("Hi! How can I help you today?")),
            step("b", bot("Hi! How can I help you today?")),
        ],
        [],
        id="greeting on reopening the chat",
    ),
    pytest.param(
        [
            step(
                "a",
                said("refund"),
                bot("Refunds take five working days."),
                said("delivery"),
                bot("Delivery takes two days."),
            )
        ],
        [],
        id="different answers",
    ),
]


@pytest.mark.parametrize("steps, evidence", BOT_LOOPS)
def test_bot_loops(steps, evidence):
    found = find_bot_loops(journey(*steps))
    assert kinds(found) == ["bot_loop"] * len(evidence)
    for friction, words in zip(found, evidence):
        assert words in friction.evidence


def test_bot_similarity_threshold_comes_from_the_model():
    events = journey(
        step("a", said("x y z"), bot("You can track parcels on our tracking page.")),
        step("b", said("q r s"), bot("You can follow parcels on the tracking site.")),
    )
    assert find_bot_loops(events, EffortModel(bot_similarity=0.99)) == []
    assert kinds(find_bot_loops(events, EffortModel(bot_similarity=0.5))) == [
        "bot_loop"
    ]


def test_failed_reply_is_an_error_not_a_loop():
    events = journey(
        step(
            "a",
            said("hello there bot"),
            ReplyReceived(channel="chat", text="", failed="timeout after 10 s"),
        )
    )
    assert find_bot_loops(events) == []
    (error,) = find_errors_seen(events)
    assert error.evidence == "The bot did not answer: timeout after 10 s."


# -- channel_switch --------------------------------------------------------------------

SWITCHES = [
    pytest.param(
        bot("I can't do that here. Please call us on 0800 000 000."),
        "to phone",
        id="call us",
    ),
    pytest.param(
        bot("For that you need to RING US during office hours."),
        "to phone",
        id="case-insensitive ring us",
    ),
    pytest.param(
        bot("Please open a ticket with our support team."),
        "to open a ticket",
        id="open a ticket",
    ),
    pytest.param(
        agent("You will have to e-mail us a photo of the damage."),
        "to e-mail",
        id="e-mail us",
    ),
    pytest.param(
        bot("Returns of large items: visit one of our stores."),
        "to a store",
        id="visit a store",
    ),
    pytest.param(
        bot("To change the address, fill in the form on our website."),
        "to a form",
        id="fill in the form",
    ),
    pytest.param(
        agent("Please use our live chat for this.", channel="support"),
        "to the chat",
        id="ticket sends to chat",
    ),
    pytest.param(
        bot("Connecting you now. Please call us if the line drops.", handoff=True),
        None,
        id="hand-off itself",
    ),
    pytest.param(
        bot("I'll open a ticket for you right away."),
        None,
        id="company acts for the customer",
    ),
    pytest.param(bot("No need to call us: I can change it here."), None, id="negated"),
    pytest.param(bot("Your refund is on its way."), None, id="no switch"),
    pytest.param(
        bot("These trainers are available in store and online."),
        None,
        id="in store is not a switch",
    ),
    pytest.param(
        agent("We will contact you by phone tomorrow."),
        None,
        id="the company calls back",
    ),
    pytest.param(
        agent("Reply to this ticket if anything else comes up.", channel="support"),
        None,
        id="same channel",
    ),
    pytest.param(
        ReplyReceived(channel="chat", text="", failed="HTTP 500"),
        None,
        id="failed reply",
    ),
    # Said the way real bots say it (RiveScript's brain in tests/realapps): a place, an
    # address, a number.
    pytest.param(
        bot("You can start a return from “My orders” on our website."),
        "to the website",
        id="on our website",
    ),
    pytest.param(
        bot("Track it online at www.shop.example/track."),
        "to the website",
        id="online at an address",
    ),
    pytest.param(
        bot(
            "Please send a photo of the damage to care@shop.example with your order"
            " number."
        ),
        "to e-mail",
        id="send to an address",
    ),
    pytest.param(
        agent("Contact us at help@shop.example and we will sort it."),
        "to e-mail",
        id="contact us at",
    ),
    pytest.param(
        bot("Our customer care team is available on 0800 123 4567, 9am to 5pm."),
        "to phone",
        id="available on a number",
    ),
    pytest.param(
        bot("You can reach us on +44 20 7946 0958."),
        "to phone",
        id="reach us on an international number",
    ),
    pytest.param(
        bot("We've sent a confirmation to ann@example.com."),
        None,
        id="an address the company wrote to",
    ),
    pytest.param(
        bot("We've updated your address on our website."),
        None,
        id="the company acts on its website",
    ),
    pytest.param(
        bot("The Trail Runner is available on 3 December."),
        None,
        id="a date is not a number to call",
    ),
    pytest.param(
        bot("Your order SH-123456 is available on collection."),
        None,
        id="an order number is not a phone number",
    ),
    pytest.param(
        agent("Log in to our website to see it.", channel="mail"),
        None,
        id="an e-mail sends to the site by its link",
    ),
]


@pytest.mark.parametrize("reply, where", SWITCHES)
def test_channel_switches(reply, where):
    found = find_channel_switches(
        journey(step("ask", said("can you change my address"), reply))
    )
    if where is None:
        assert found == []
    else:
        (friction,) = found
        assert (
            friction.kind == "channel_switch"
            and f"sent the customer {where} to finish" in friction.evidence
        )


# -- handoff_context_lost --------------------------------------------------------------

LOST = [
    pytest.param(
        [
            step(
                "chat",
                said("my order SH-1 never arrived", "order_number"),
                said("human", human=True),
                bot("Connecting you to an agent.", handoff=True),
            ),
            step("agent", agent("Hi, could you give me your order number?")),
        ],
        ["asked again for the customer's order number"],
        id="agent asks for a fact given to the bot",
    ),
    pytest.param(
        [
            step(
                "ticket",
                TicketOpened(
                    subject="Parcel never arrived",
                    text="It never came",
                    facts=("email",),
                ),
            ),
            step(
                "agent",
                agent("Hello! What seems to be the problem?", channel="support"),
            ),
        ],
        ["asked again for the customer's problem"],
        id="ticket agent asks for the problem",
    ),
    pytest.param(
        [
            step("web", typed("E-mail", "email")),
            step("ticket", TicketOpened(subject="Parcel", text="Late")),
            step("answer", said("it is me@x.test", "email", channel="support")),
        ],
        ["had to give their e-mail address again"],
        id="customer restates after web to ticket",
    ),
    pytest.param(
        [
            step(
                "chat",
                said("my parcel never arrived at all"),
                bot("Connecting you.", handoff=True),
            ),
            step(
                "agent",
                agent("Hi, I can see your conversation. I have refunded order SH-1."),
            ),
        ],
        [],
        id="agent with the context",
    ),
    pytest.param(
        [
            step("chat", said("hello"), bot("Connecting you.", handoff=True)),
            step("agent", agent("Could you give me your order number?")),
        ],
        [],
        id="asking for something new",
    ),
    pytest.param(
        [
            step(
                "chat",
                said("order SH-1 is late", "order_number"),
                bot("Connecting you.", handoff=True),
            ),
            step(
                "agent",
                agent(
                    "Thanks! Could you confirm the order was delivered to a neighbour?"
                ),
            ),
        ],
        [],
        id="the order in passing is not asking for the order number",
    ),
    pytest.param(
        [
            step(
                "chat",
                said("order SH-1 is late", "order_number"),
                bot("Connecting you.", handoff=True),
            ),
            step(
                "agent",
                agent(
                    "Hi! Could you give me your order number? And what is your e-mail?"
                ),
            ),
            step("answer", said("SH-1, me@x.test", "order_number", "email")),
        ],
        ["order number"],
        id="one per ask, the answer is a re-entry",
    ),
]


@pytest.mark.parametrize("steps, evidence", LOST)
def test_lost_context(steps, evidence):
    found = find_lost_context(journey(*steps))
    assert kinds(found) == ["handoff_context_lost"] * len(evidence)
    for friction, words in zip(found, evidence):
        assert words in friction.evidence


# -- wait ------------------------------------------------------------------------------

WAITS = [
    pytest.param(
        page("/slow", load_ms=4500),
        "Waited 4.5 s for /slow to load (more than 3 s).",
        id="slow page",
    ),
    pytest.param(page("/ok", load_ms=2999), None, id="page under threshold"),
    pytest.param(
        bot("Hello there you", latency_ms=6000),
        "Waited 6.0 s for the bot's reply (more than 4 s).",
        id="slow bot",
    ),
    pytest.param(
        agent("Hi it is Sam", latency_ms=30000), None, id="agent allowed longer"
    ),
    pytest.param(
        agent("Hi it is Sam", latency_ms=90000),
        "Waited 90.0 s for the agent's reply (more than 60 s).",
        id="slow agent",
    ),
    pytest.param(
        agent("We refunded it", channel="support", latency_ms=20000),
        "Waited 20.0 s for the ticket answer (more than 15 s).",
        id="slow ticket answer",
    ),
    pytest.param(
        ReplyReceived(channel="chat", text="", latency_ms=10000, failed="timeout"),
        None,
        id="failed is an error",
    ),
]


@pytest.mark.parametrize("event, evidence", WAITS)
def test_waits(event, evidence):
    found = find_waits(journey(step("s", event)))
    assert [f.evidence for f in found] == ([evidence] if evidence else [])


# -- error_seen ------------------------------------------------------------------------

ERRORS = [
    pytest.param(
        [ErrorShown(text="Card declined", url=url("/pay"))], 1, id="visible error"
    ),
    pytest.param(
        [ErrorShown(text="TypeError: x is undefined", source="script")],
        1,
        id="script error",
    ),
    pytest.param(
        [ErrorShown(text="Card declined"), ErrorShown(text="card  DECLINED")],
        1,
        id="same message once per step",
    ),
    pytest.param(
        [ErrorShown(text="Card declined"), ErrorShown(text="Postcode invalid")],
        2,
        id="distinct messages",
    ),
    pytest.param(
        [
            page("/gone", status=404),
            ErrorShown(text="Page not found", url=url("/gone")),
        ],
        0,
        id="error of a dead-end page",
    ),
]


@pytest.mark.parametrize("events, count", ERRORS)
def test_errors_seen(events, count):
    assert (
        kinds(find_errors_seen(journey(step("s", *events)))) == ["error_seen"] * count
    )


def test_same_error_in_another_step_counts_again():
    events = journey(
        step("a", ErrorShown(text="Card declined")),
        step("b", ErrorShown(text="Card declined")),
    )
    assert len(find_errors_seen(events)) == 2


# -- mixed_message ---------------------------------------------------------------------

MIXED = [
    pytest.param(
        "20% off all trainers",
        "Spring sale",
        "10% off all trainers",
        ["“20%”"],
        id="different percentage",
    ),
    pytest.param(
        "Trainers from £49",
        "Trainers",
        "Trainers from £59.00",
        ["“£49”"],
        id="different price",
    ),
    pytest.param(
        "Free next-day delivery on all orders",
        "Delivery",
        "Next day delivery is free for every order!",
        [],
        id="same words",
    ),
    pytest.param(
        "Trainers from £49",
        "Trainers",
        "All trainers from £49.00",
        [],
        id="same price other format",
    ),
    pytest.param(
        "Luxury leather handbags handmade",
        "Garden",
        "Garden tools and seeds",
        ["“Luxury”"],
        id="most words missing",
    ),
    pytest.param(
        "Big summer sale on sofas",
        "Sofas",
        "Sofas: our summer sale",
        [],
        id="a word missing is fine",
    ),
]


@pytest.mark.parametrize("promise, title, text, missing", MIXED)
def test_mixed_messages(promise, title, text, missing):
    events = journey(
        step(
            "ad",
            PromiseMade(source="ad", text=promise),
            page("/landing", title=title, text=text, action=True),
        )
    )
    found = find_mixed_messages(events)
    assert kinds(found) == (["mixed_message"] if missing else [])
    for words in missing:
        assert words in found[0].evidence


def test_only_the_first_page_after_the_promise_is_compared():
    events = journey(
        step(
            "ad",
            PromiseMade(source="ad", text="20% off trainers"),
            page("/", title="Sale", text="20% off trainers"),
        ),
        step("on", page("/boots", title="Boots", text="Leather boots")),
    )
    assert find_mixed_messages(events) == []


def test_a_dead_landing_page_is_a_dead_end_not_a_mixed_message():
    events = journey(
        step(
            "ad",
            PromiseMade(source="ad", text="20% off"),
            page("/x", status=404, text="Not found"),
        )
    )
    assert kinds(detect(events)) == ["dead_end"]


def test_an_email_contradicting_the_promised_discount():
    events = journey(
        step(
            "ad",
            PromiseMade(source="ad", text="20% off everything"),
            page("/", title="Sale", text="20% off everything"),
        ),
        step(
            "mail",
            MailReceived(subject="Your order", text="You saved 10% off your order."),
        ),
        step(
            "mail",
            MailReceived(
                subject="Your order again", text="You saved 10% off your order."
            ),
        ),
    )
    found = find_mixed_messages(events)
    assert [f.evidence for f in found] == [
        'The ad promised 20% off, but the e-mail "Your order" says 10%.'
    ]


# -- detect ----------------------------------------------------------------------------


def test_detect_orders_frictions_as_met_and_attributes_steps():
    events = journey(
        step('When I open the page "/gone"', page("/gone", status=404, load_ms=5000)),
        step('When I fill in "E-mail" with my e-mail', typed("E-mail", "email")),
        step(
            "When I answer the bot",
            bot("What is your e-mail?"),
            said("me@x.test", "email"),
            bot("Please call us."),
        ),
    )
    found = detect(events)
    assert [(f.kind, f.step) for f in found] == [
        ("dead_end", 0),
        ("wait", 0),
        ("reentered_data", 2),
        ("channel_switch", 2),
    ]
    assert found[2].step_text == "When I answer the bot"


def test_frictions_in_a_moment_that_matters_weigh_more():
    plain = detect(journey(step("a", click("Pay", "nothing"))))
    moment = detect(journey(step("a", click("Pay", "nothing")), moment=True))
    model = EffortModel()
    assert plain[0].points == model.points["dead_end"]
    assert moment[0].points == model.points["dead_end"] * model.moment_factor
