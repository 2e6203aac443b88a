"""The `http` mail adapter against a Mailpit-shaped and a MailHog-shaped API
(httpx.MockTransport), and a real maildev.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from journeys.shopper.mail_adapters import mail_config
from journeys.shopper.mail_http import HttpMailbox
from journeys.shopper.mail_message import MailboxError

ROOT = Path(__file__).resolve().parents[2]

MAILPIT = {
    "adapter": "http",
    "http": {
        "endpoint": "http://127.0.0.1:8025/api/v1/messages",
        "list_path": "messages",
        "id_path": "ID",
        "message_path": "/api/v1/message/{id}",
        "to_path": "To[*].Address",
        "from_path": "From.Address",
        "reply_to_path": "ReplyTo[0].Address",
        "subject_path": "Subject",
        "text_path": "Text",
        "html_path": "HTML",
        "time_path": "Date",
        "message_id_path": "MessageID",
    },
}
MAILHOG = {
    "adapter": "http",
    "http": {
        "endpoint": "http://127.0.0.1:8025/api/v2/messages",
        "list_path": "items",
        "id_path": "ID",
        "to_path": "Content.Headers.To[*]",
        "from_path": "Content.Headers.From[0]",
        "subject_path": "Content.Headers.Subject[0]",
        "text_path": "Content.Body",
        "time_path": "Created",
        "message_id_path": "Content.Headers.Message-ID[0]",
        "headers_path": "Content.Headers",
    },
}


def mailpit(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/api/v1/messages":
        return httpx.Response(
            200,
            json={
                "total": 1,
                "messages": [
                    {
                        "ID": "abc",
                        "Subject": "Spring sale",
                        "To": [{"Address": "ann@example.com"}],
                    }
                ],
            },
        )
    if request.url.path == "/api/v1/message/abc":
        return httpx.Response(
            200,
            json={
                "ID": "abc",
                "MessageID": "m1@shop.test",
                "From": {"Name": "Shop", "Address": "news@shop.test"},
                "To": [{"Name": "", "Address": "Ann@Example.com"}],
                "ReplyTo": [{"Address": "care@shop.test"}],
                "Subject": "Spring sale",
                "Text": "",
                "Date": "2026-12-01T12:00:00Z",
                "HTML": (
                    '<h1>30% off</h1><a href="http://shop.test/sale">Shop the sale</a>'
                ),
            },
        )
    return httpx.Response(404, json={"error": "not found"})


def mailhog(request: httpx.Request) -> httpx.Response:
    assert request.url.path == "/api/v2/messages"
    return httpx.Response(
        200,
        json={
            "total": 2,
            "items": [
                {
                    "ID": "1",
                    "Created": "2026-12-01T12:00:00Z",
                    "Content": {
                        "Body": (
                            "Your order SH-1 is confirmed.\nTrack it:"
                            " http://shop.test/track"
                        ),
                        "Headers": {
                            "Subject": ["Your order SH-1"],
                            "From": ["Shop <orders@shop.test>"],
                            "To": ["ann@example.com"],
                            "Message-ID": ["<o1@shop.test>"],
                        },
                    },
                },
                {
                    "ID": "2",
                    "Created": "2026-12-01T12:01:00Z",
                    "Content": {
                        "Body": "20% off",
                        "Headers": {
                            "Subject": ["We miss you"],
                            "From": ["news@shop.test"],
                            "To": ["bob@example.com, ann@example.com"],
                            "List-Unsubscribe": ["<mailto:u@shop.test>"],
                        },
                    },
                },
            ],
        },
    )


def box(config: dict, handler) -> HttpMailbox:
    parsed = mail_config(config)
    assert parsed.http is not None
    return HttpMailbox(parsed.http, transport=httpx.MockTransport(handler))


def test_a_mailpit_shaped_api_is_read_through_its_list_and_one_message_each():
    (message,) = box(MAILPIT, mailpit).messages()
    assert (
        message.to == ("ann@example.com",)
        and message.sender == "news@shop.test"
        and message.reply_to == "care@shop.test"
    )
    assert (
        message.subject == "Spring sale"
        and message.text == "30% off\nShop the sale"
        and message.headline == "30% off"
    )
    assert (
        message.links == (("Shop the sale", "http://shop.test/sale"),)
        and message.message_id == "m1@shop.test"
    )


def test_a_mailhog_shaped_api_is_read_from_its_list_alone():
    order, promotion = box(MAILHOG, mailhog).messages()
    assert (
        order.subject == "Your order SH-1"
        and order.sender == "orders@shop.test"
        and order.message_id == "<o1@shop.test>"
    )
    assert order.links == (("Track it", "http://shop.test/track"),)
    assert (
        promotion.to == ("bob@example.com", "ann@example.com")
        and promotion.header("list-unsubscribe") == "<mailto:u@shop.test>"
    )


def test_a_mail_catcher_that_fails_is_a_clear_mailbox_error():
    failing = box(MAILHOG, lambda request: httpx.Response(503, text="down"))
    with pytest.raises(
        MailboxError,
        match=r"mail.http.endpoint: the mail catcher did not answer \(HTTP 503",
    ):
        failing.messages()


MAILDEV = ROOT / "node_modules" / ".bin" / "maildev"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
@pytest.mark.skipif(
    not MAILDEV.exists() or not shutil.which("node"),
    reason="maildev is installed by `npm ci` (./dev setup)",
)
def test_a_real_maildev_is_read_end_to_end(tmp_path):
    smtp_port, web_port = free_port(), free_port()
    server = subprocess.Popen(
        [
            str(MAILDEV),
            "--smtp",
            str(smtp_port),
            "--web",
            str(web_port),
            "--ip",
            "127.0.0.1",
            "--web-ip",
            "127.0.0.1",
            "--mail-directory",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NODE_ENV": "production"},
    )
    try:
        config = mail_config(
            {
                "adapter": "http",
                "http": {
                    "endpoint": f"http://127.0.0.1:{web_port}/api/email",
                    "list_path": "[*]",
                    "id_path": "id",
                    "to_path": "to[*].address",
                    "from_path": "from[0].address",
                    "subject_path": "subject",
                    "text_path": "text",
                    "html_path": "html",
                    "time_path": "time",
                    "headers_path": "headers",
                },
            }
        )
        assert config.http is not None
        mailbox = HttpMailbox(config.http)
        _until_it_answers(mailbox, server)
        from email.message import EmailMessage

        from journeys.shopper.mail import send_smtp

        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            "Shop <news@shop.test>",
            "ann@example.com",
            "Spring sale: 30% off",
        )
        message["List-Unsubscribe"] = "<http://shop.test/u>"
        message.set_content("Every shoe 30% off.\nShop the sale: http://shop.test/")
        assert send_smtp(message, "127.0.0.1", smtp_port) == ""
        found = _until(lambda: mailbox.messages(), server)
        (got,) = found
        assert (
            got.subject == "Spring sale: 30% off"
            and got.to == ("ann@example.com",)
            and got.sender == "news@shop.test"
        )
        assert (
            "Shop the sale",
            "http://shop.test/",
        ) in got.links and got.received_at.startswith("20")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _until_it_answers(mailbox: HttpMailbox, server: subprocess.Popen) -> None:
    def ready() -> list | None:
        try:
            mailbox.messages()
            return []
        except MailboxError:
            return None

    _until(ready, server, empty_ok=True)


def _until(
    find, server: subprocess.Popen, *, empty_ok: bool = False, tries: int = 600
) -> list:
    """Poll the real maildev (bounded: it starts within seconds, and lists a message
    once its SMTP side took it).
    """
    import threading

    pause = threading.Event()
    for _ in range(tries):
        if server.poll() is not None:
            raise AssertionError(f"maildev stopped (exit {server.returncode})")
        found = find()
        if found is not None and (found or empty_ok):
            return found
        pause.wait(0.1)
    raise AssertionError("maildev never answered")
