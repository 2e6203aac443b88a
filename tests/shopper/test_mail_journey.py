"""Mail belongs to the journey: only what reached this persona's address after the
journey began is its mail.

A folder that still holds last night's messages (the same address, stamped hours ago),
another customer's, and tonight's: the journey counts tonight's alone, and its reply's
answer is the one on the thread it opened.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from journeys.effort import detect
from journeys.effort.events import MailReceived, MessageSent
from journeys.effort.ledger import Ledger
from journeys.errors import MissingAbility
from journeys.shopper import make_persona
from journeys.shopper.mail import MailChannel
from journeys.shopper.mail_adapters import MailConfig, SmtpSink, read_folder

PERSONA = make_persona(2026, "tests/shopper/test_mail_journey.py::persona")
ADDRESS = PERSONA.facts["email"]


def mail(
    folder: Path,
    name: str,
    *,
    subject: str,
    to: str = ADDRESS,
    sent: datetime | None = None,
    text: str = "",
    **headers: str,
) -> str:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        "Shop <orders@shop.test>",
        to,
        subject,
    )
    message["Date"] = format_datetime(sent or datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="shop.test")
    for header, value in headers.items():
        message[header.replace("_", "-")] = value
    message.set_content(text or f"{subject}.")
    (folder / f"{name}.eml").write_bytes(message.as_bytes())
    return message["Message-ID"]


def inbox(folder: Path, ledger: Ledger, **kw) -> MailChannel:
    return MailChannel(
        MailConfig(timeout_s=2.0, reply_timeout_s=2.0),
        ledger=ledger,
        persona=PERSONA,
        mailbox=lambda: read_folder(folder),
        web=lambda: None,
        **kw,
    )


LAST_NIGHT = datetime.now(UTC) - timedelta(hours=20)


def test_last_nights_messages_and_another_customers_are_not_this_journeys(tmp_path):
    mail(tmp_path, "old-confirmation", subject="Order confirmed", sent=LAST_NIGHT)
    mail(
        tmp_path,
        "old-waiting-list",
        subject="You are already on this waiting list!",
        sent=LAST_NIGHT,
    )
    mail(
        tmp_path,
        "someone-else",
        subject="Order confirmed",
        to="someone.else@example.com",
    )
    ledger = Ledger()
    box = inbox(tmp_path, ledger)
    assert box.count() == 0
    with pytest.raises(AssertionError, match='no e-mail about "Order confirmed"'):
        box.expect("Order confirmed", timeout_s=0.2)
    mail(
        tmp_path,
        "tonight",
        subject="Order confirmed",
        text="Your order SH-1 is confirmed.",
    )
    assert box.expect("Order confirmed").text.startswith("Your order SH-1")
    assert [e.subject for e in ledger.events if isinstance(e, MailReceived)] == [
        "Order confirmed"
    ]


def test_a_reply_s_answer_is_the_one_on_its_own_thread_not_last_nights(tmp_path):
    with SmtpSink(tmp_path / "mail") as sink:
        folder = sink.folder
        mail(
            folder,
            "old-answer",
            subject="Re: Your ticket",
            sent=LAST_NIGHT,
            text="Last night's answer to another ticket.",
        )
        mail(
            folder,
            "ticket",
            subject="Your ticket",
            text="Reply to this e-mail to add to your ticket.",
        )
        ledger = Ledger()
        box = inbox(folder, ledger, reply_through=(sink.host, sink.port))
        box.open("Your ticket")
        assert (
            box.reply("The box was crushed") is None
        )  # nobody answers tonight: last night's answer is not this one
    assert [e.text for e in ledger.events if isinstance(e, MessageSent)] == [
        "The box was crushed"
    ]


def test_a_reply_never_sent_is_never_charged(tmp_path):
    mail(
        tmp_path,
        "ticket",
        subject="Your ticket",
        text="Reply to this e-mail to add to your ticket.",
    )
    ledger = Ledger()
    box = inbox(tmp_path, ledger)  # no relay: reply_host unset
    box.open("Your ticket")
    with pytest.raises(MissingAbility, match="set reply_host"):
        box.reply("The box was crushed")
    assert not any(isinstance(e, MessageSent) for e in ledger.events)
    assert [f.kind for f in detect(ledger.events)] == []
