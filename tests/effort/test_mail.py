"""The mail channel's detectors, table-driven: cases that must fire and cases that must
not.
"""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort._mail import is_no_reply
from journeys.effort.detect import find_duplicate_messages, find_mail_frictions
from journeys.effort.events import (
    FieldFilled,
    MailReceived,
    MessageSent,
    PageOpened,
    PromiseMade,
    TicketOpened,
)
from journeys.effort.kinds import friction_kinds

from .build import journey, step, url


def mail(
    subject: str,
    text: str = "",
    *,
    ident: str = "",
    sender: str = "orders@shop.test",
    reply_to: str = "",
    signals=(),
    opened=False,
    in_reply_to="",
):
    return MailReceived(
        subject=subject,
        text=text or subject,
        sender=sender,
        reply_to=reply_to or sender,
        to="ann@example.com",
        message_id=ident or f"<{subject}|{text}|{sender}>",
        signals=tuple(signals),
        opened=opened,
        in_reply_to=in_reply_to,
    )


CONFIRMATION = (
    "Thank you for your order SH-100200. Total £120.00. Track your order:"
    " http://shop.test/track"
)
PROMO = {"signals": ("List-Unsubscribe header", '"% off"'), "sender": "news@shop.test"}

FIRES = {
    "the same confirmation twice": (
        [
            step(
                "I place my order",
                mail(
                    "Your order SH-100200 is confirmed", CONFIRMATION, ident="<1@shop>"
                ),
                mail(
                    "Your order SH-100200 is confirmed", CONFIRMATION, ident="<2@shop>"
                ),
            )
        ],
        "duplicate_message",
    ),
    "a near-same copy a step later": (
        [
            step(
                "I place my order",
                mail(
                    "Your order SH-100200 is confirmed", CONFIRMATION, ident="<1@shop>"
                ),
            ),
            step(
                "I wait",
                mail(
                    "Your order SH-100200 is confirmed!",
                    CONFIRMATION + ".",
                    ident="<2@shop>",
                ),
            ),
        ],
        "duplicate_message",
    ),
    "a promotion right after a complaint ticket": (
        [
            step(
                "I open a ticket",
                TicketOpened(
                    subject="Parcel arrived damaged", text="The box was crushed"
                ),
            ),
            step(
                "I read my mail",
                mail("We miss you: 20% off", "Come back for 20% off", **PROMO),
            ),
        ],
        "mixed_message",
    ),
    "a promotion after a message to support": (
        [
            step("I write", MessageSent(channel="support", text="My shoes fell apart")),
            step("I read my mail", mail("Spring sale", "30% off", **PROMO)),
        ],
        "mixed_message",
    ),
    "a promotion beside an apology e-mail": (
        [
            step(
                "I read my mail",
                mail(
                    "Sorry your order is late",
                    "We apologise for the delay.",
                    sender="care@shop.test",
                ),
                mail("Treat yourself: 20% off", "20% off everything", **PROMO),
            )
        ],
        "mixed_message",
    ),
    "an apology after a promotion": (
        [
            step(
                "I read my mail",
                mail("Treat yourself: 20% off", "20% off everything", **PROMO),
                mail(
                    "Sorry your order is late",
                    "We apologise for the delay.",
                    sender="care@shop.test",
                ),
            )
        ],
        "mixed_message",
    ),
    "a no-reply address asking for a reply": (
        [
            step(
                "I read my mail",
                mail(
                    "We have your request T-1",
                    "Anything to add? Just reply to this e-mail.",
                    sender="no-reply@shop.test",
                ),
            )
        ],
        "dead_end",
    ),
    "a reply sent to a no-reply address": (
        [
            step(
                "I open it",
                mail(
                    "Your order SH-1",
                    CONFIRMATION,
                    sender="noreply@shop.test",
                    opened=True,
                ),
            ),
            step("I reply", MessageSent(channel="mail", text="Where is it?")),
        ],
        "dead_end",
    ),
    "a reply no answer came to": (
        [
            step(
                "I open it",
                mail(
                    "We have your request T-1",
                    "We will be in touch.",
                    sender="care@shop.test",
                    opened=True,
                ),
            ),
            step("I reply", MessageSent(channel="mail", text="Any news?")),
        ],
        "dead_end",
    ),
    "a reply giving a fact already typed on the site": (
        [
            step(
                "I fill in my e-mail",
                FieldFilled(
                    label="Order number",
                    fact="order_number",
                    value="SH-1",
                    url=url("/track"),
                ),
            ),
            step(
                "I open it",
                mail(
                    "Which order?",
                    "Please send us your order number.",
                    sender="care@shop.test",
                    opened=True,
                ),
            ),
            step(
                "I reply",
                MessageSent(channel="mail", text="It is SH-1", facts=("order_number",)),
                mail(
                    "Re: Which order?",
                    "Thanks, found it.",
                    sender="care@shop.test",
                    in_reply_to="<mine>",
                ),
            ),
        ],
        "reentered_data",
    ),
    "an e-mail's promise the landing page does not keep": (
        [
            step(
                "I click the e-mail's link",
                PromiseMade(source="e-mail", text="Spring sale: 30% off running shoes"),
                PageOpened(
                    url=url("/"),
                    status=200,
                    load_ms=200,
                    title="New spring collection",
                    text="New shoes for spring",
                    action=True,
                ),
            )
        ],
        "mixed_message",
    ),
}

QUIET = {
    "two confirmations of two orders": [
        step(
            "I order twice",
            mail("Your order SH-100200 is confirmed", CONFIRMATION, ident="<1@shop>"),
            mail(
                "Your order SH-100201 is confirmed",
                CONFIRMATION.replace("100200", "100201"),
                ident="<2@shop>",
            ),
        ),
    ],
    "one message received, then opened": [
        step(
            "I read it",
            mail("Your order SH-100200 is confirmed", CONFIRMATION, ident="<1@shop>"),
        ),
        step(
            "I open it",
            mail(
                "Your order SH-100200 is confirmed",
                CONFIRMATION,
                ident="<1@shop>",
                opened=True,
            ),
        ),
    ],
    "a promotion with no complaint nor apology": [
        step(
            "I sign up",
            mail(
                "Welcome to the shop",
                "Your account is ready.",
                sender="hello@shop.test",
            ),
            mail("Spring sale: 30% off", "30% off this week", **PROMO),
        ),
    ],
    "an acknowledgement after a ticket, not promotional": [
        step(
            "I open a ticket",
            TicketOpened(subject="Parcel arrived damaged", text="The box was crushed"),
        ),
        step(
            "I read my mail",
            mail(
                "We have your request T-1",
                "Our team has answered on the ticket.",
                sender="care@shop.test",
            ),
        ),
    ],
    "a no-reply address that asks for nothing": [
        step(
            "I read my mail",
            mail(
                "Your order SH-1 is confirmed",
                CONFIRMATION,
                sender="no-reply@shop.test",
            ),
        ),
    ],
    "a reply that is answered": [
        step(
            "I open it",
            mail(
                "We have your request T-1",
                "Reply to this e-mail to add anything.",
                sender="care@shop.test",
                opened=True,
            ),
        ),
        step(
            "I reply",
            MessageSent(channel="mail", text="Photos attached"),
            mail(
                "Re: We have your request T-1",
                "Thanks for the photos.",
                sender="care@shop.test",
                in_reply_to="<mine>",
            ),
        ),
    ],
    "an e-mail's promise the landing page keeps": [
        step(
            "I click the e-mail's link",
            PromiseMade(source="e-mail", text="Spring sale: 30% off running shoes"),
            PageOpened(
                url=url("/"),
                status=200,
                load_ms=200,
                title="Spring sale: 30% off running shoes",
                text="30% off every running shoe",
                action=True,
            ),
        ),
    ],
}


@pytest.mark.parametrize("case", FIRES, ids=list(FIRES))
def test_a_mail_friction_fires(case):
    steps, kind = FIRES[case]
    found = [f.kind for f in detect(journey(*steps))]
    assert found == [kind], found


@pytest.mark.parametrize("case", QUIET, ids=list(QUIET))
def test_nothing_fires(case):
    assert detect(journey(*QUIET[case])) == []


def test_asking_to_reply_from_no_reply_then_replying_is_one_dead_end():
    events = journey(
        step(
            "I open it",
            mail(
                "We have your request T-1",
                "Just reply to this e-mail.",
                sender="no-reply@shop.test",
            ),
            mail(
                "We have your request T-1",
                "Just reply to this e-mail.",
                sender="no-reply@shop.test",
                opened=True,
            ),
        ),
        step("I reply", MessageSent(channel="mail", text="The box was crushed")),
    )
    assert [f.kind for f in find_mail_frictions(events)] == ["dead_end"]


def test_a_promotion_after_a_complaint_and_an_apology_is_one_mixed_message():
    events = journey(
        step(
            "I open a ticket",
            TicketOpened(subject="Parcel arrived damaged", text="The box was crushed"),
        ),
        step(
            "I read my mail",
            mail("Sorry about your parcel", "We apologise.", sender="care@shop.test"),
            mail("We miss you: 20% off", **PROMO),
        ),
    )
    found = find_mail_frictions(events)
    assert [f.kind for f in found] == ["mixed_message"]
    assert "complaint" in found[0].evidence and "We miss you" in found[0].excerpt


def test_a_duplicate_names_the_e_mail_and_both_steps():
    events = journey(
        step(
            "I place my order",
            mail("Your order SH-1 is confirmed", CONFIRMATION, ident="<1@shop>"),
        ),
        step(
            "I wait",
            mail("Your order SH-1 is confirmed", CONFIRMATION, ident="<2@shop>"),
        ),
    )
    (friction,) = find_duplicate_messages(events)
    assert (
        friction.step == 1
        and "step 1" in friction.evidence
        and "SH-1" in friction.evidence
    )
    assert friction.excerpt.startswith("From: orders@shop.test")


@pytest.mark.parametrize(
    ("address", "nobody_reads"),
    [
        ("no-reply@shop.test", True),
        ("noreply@shop.test", True),
        ("do_not_reply@shop.test", True),
        ("DoNotReply@x.io", True),
        ("care@shop.test", False),
        ("reply@shop.test", False),
        ("nora@shop.test", False),
        ("", False),
    ],
)
def test_no_reply_addresses(address, nobody_reads):
    assert is_no_reply(address) is nobody_reads


def test_duplicate_message_is_a_kind_with_points_every_report_reads():
    row = friction_kinds["duplicate_message"]
    assert row.points > 0 and row.count(2) == "2 duplicate messages"
