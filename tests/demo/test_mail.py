"""The demo shop sends real e-mail through SMTP (the walk's sink): each message once
when smooth, the mail potholes when potholed.
"""

from __future__ import annotations

import re

import pytest

from journeys.demo import serve
from journeys.demo._mail import SMTP_ENV
from journeys.shopper.mail_adapters import SmtpSink, read_folder

from .conftest import TOKEN, client
from .test_pages import buy


@pytest.fixture(params=["smooth", "potholed"])
def shop_with_mail(request, tmp_path):
    with (
        SmtpSink(tmp_path / "mail") as sink,
        serve(request.param, support_token=TOKEN, smtp=sink.address) as server,
    ):
        yield request.param, server.url, sink


def mail_for(sink, address):
    return [m for m in read_folder(sink.folder) if address in m.to]


def test_an_order_is_confirmed_by_e_mail_once_and_twice_when_potholed(shop_with_mail):
    mode, url, sink = shop_with_mail
    with client(url) as visitor:
        page = buy(visitor, {"name": "Ada Runner", "email": "ada@example.com"})
    number = re.search(r"SH-\d{6}", page).group(0)
    confirmations = mail_for(sink, "ada@example.com")
    assert len(confirmations) == (1 if mode == "smooth" else 2)
    for message in confirmations:
        assert (
            message.subject == f"Your Stride order {number} is confirmed"
            and number in message.text
        )
        assert (
            message.sender == "orders@stride.example"
            and ("Track your order", f"{url}/track") in message.links
        )
    assert len({m.message_id for m in confirmations}) == len(confirmations), (
        "each copy is a message of its own"
    )


def test_signing_up_sends_a_welcome_and_the_spring_sale(shop_with_mail):
    mode, url, sink = shop_with_mail
    form = {
        "name": "Ada Runner",
        "email": "ada@example.com",
        "password": "long enough pass",
    }
    if mode == "potholed":
        form["email_again"] = form["email"]
    with client(url) as visitor:
        assert visitor.post("/signup", data=form).url.path == "/account"
    welcome, sale = mail_for(sink, "ada@example.com")
    assert welcome.subject == "Welcome to Stride, Ada" and not welcome.header(
        "List-Unsubscribe"
    )
    assert (
        sale.subject == "Spring sale: 30% off running shoes"
        and sale.header("Precedence") == "bulk"
    )
    assert sale.links[0] == ("Shop the sale", f"{url}/")


def test_a_ticket_is_acknowledged_and_potholed_adds_a_promotion_from_no_reply(
    shop_with_mail,
):
    mode, url, sink = shop_with_mail
    with client(url) as api:
        opened = api.post(
            "/api/tickets",
            json={
                "subject": "Damaged",
                "body": "The box was crushed",
                "email": "ada@example.com",
            },
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    ticket = opened.json()["id"]
    messages = mail_for(sink, "ada@example.com")
    assert messages[0].subject == f"We have your request {ticket}"
    if mode == "smooth":
        assert (
            len(messages) == 1
            and messages[0].sender == "care@stride.example"
            and "reply" not in messages[0].text.lower()
        )
    else:
        acknowledgement, promotion = messages
        assert (
            acknowledgement.sender == "no-reply@stride.example"
            and "Just reply to this e-mail" in acknowledgement.text
        )
        assert (
            promotion.subject == "We miss you: 20% off your next pair"
            and promotion.header("List-Unsubscribe")
        )


def test_without_an_smtp_server_the_shop_sends_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(SMTP_ENV, raising=False)
    with (
        SmtpSink(tmp_path / "mail") as sink,
        serve("potholed", support_token=TOKEN) as server,
    ):
        with client(server.url) as visitor:
            buy(visitor, {"name": "Ada Runner", "email": "ada@example.com"})
        assert read_folder(sink.folder) == []


def test_the_shop_finds_its_smtp_server_in_the_environment(tmp_path, monkeypatch):
    with SmtpSink(tmp_path / "mail") as sink:
        monkeypatch.setenv(SMTP_ENV, sink.address)
        with (
            serve("smooth", support_token=TOKEN) as server,
            client(server.url) as visitor,
        ):
            buy(visitor, {"name": "Ada Runner", "email": "ada@example.com"})
        assert [m.subject.split(" ")[-1] for m in read_folder(sink.folder)] == [
            "confirmed"
        ]
