"""The mail channel against real parts: the SMTP sink fed from another process, folders
of RFC 822 and Django files.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from email.message import EmailMessage
from pathlib import Path

import pytest

from journeys.effort.events import MailReceived, MessageSent, PromiseMade
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError, JourneyAbandoned, JourneysError, MissingAbility
from journeys.shopper import make_persona
from journeys.shopper.mail import MailChannel, build_mail, send_smtp
from journeys.shopper.mail_adapters import (
    MailConfig,
    SmtpSink,
    WalkInbox,
    mail_config,
    mail_counts,
    read_folder,
)
from journeys.shopper.mail_message import MailboxError, parse_message

PERSONA = make_persona(2026, "tests/shopper/test_mail.py::persona")
ADDRESS = PERSONA.facts["email"]


def send_from_another_process(
    host: str,
    port: int,
    *,
    to: str,
    subject: str,
    text: str,
    sender: str = "Shop <orders@shop.test>",
    html: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """What a real site does: its own process hands the message to the SMTP server."""
    script = textwrap.dedent("""
        import json, smtplib, sys
        from email.message import EmailMessage
        given = json.loads(sys.argv[1])
        message = EmailMessage()
        message["From"] = given["sender"]
        message["To"] = given["to"]
        message["Subject"] = given["subject"]
        for name, value in given["headers"].items():
            message[name] = value
        message.set_content(given["text"])
        if given["html"]:
            message.add_alternative(given["html"], subtype="html")
        with smtplib.SMTP(given["host"], given["port"], timeout=10) as server:
            server.send_message(message)
        """)
    import json

    given = {
        "host": host,
        "port": port,
        "to": to,
        "subject": subject,
        "text": text,
        "sender": sender,
        "html": html,
        "headers": headers or {},
    }
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(given)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


class Browser:
    """Stands in for the web ability: notes the addresses the customer opens (the web
    channel has its own tests).
    """

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str, *, link: str = "") -> None:
        self.opened.append(url)


def channel(
    folder: Path,
    ledger: Ledger,
    *,
    browser: Browser | None = None,
    reply_through=None,
    send=send_smtp,
    **config,
) -> MailChannel:
    web = browser or Browser()
    return MailChannel(
        MailConfig(
            timeout_s=config.pop("timeout_s", 5.0),
            reply_timeout_s=config.pop("reply_timeout_s", 5.0),
            **config,
        ),
        ledger=ledger,
        persona=PERSONA,
        mailbox=lambda: read_folder(folder),
        web=lambda: web,
        reply_through=reply_through,
        send=send,
    )


@pytest.fixture
def sink(tmp_path):
    with SmtpSink(tmp_path / "mail") as running:
        yield running


def test_a_message_sent_through_the_sink_by_another_process_reaches_its_persona_only(
    sink,
):
    html = (
        '<h1>Spring sale</h1><p>30% off. <a href="http://shop.test/sale">Shop the'
        ' sale</a></p><script>alert("x")</script>'
    )
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="Spring sale: 30% off",
        text="30% off this week",
        html=html,
        headers={"List-Unsubscribe": "<http://shop.test/unsubscribe>"},
    )
    send_from_another_process(
        sink.host,
        sink.port,
        to="someone.else@example.com",
        subject="Not yours",
        text="For another journey",
    )
    ledger = Ledger()
    inbox = channel(sink.folder, ledger)
    message = inbox.expect("spring sale")
    assert message.headline == "Spring sale" and message.links == (
        ("Shop the sale", "http://shop.test/sale"),
    )
    (event,) = [e for e in ledger.events if isinstance(e, MailReceived)]
    assert (
        event.to == ADDRESS
        and event.sender == "orders@shop.test"
        and "alert" not in event.text
    )
    assert "List-Unsubscribe header" in event.signals and '"% off"' in event.signals
    assert inbox.count() == 1, "the other journey's message is not this persona's"
    assert mail_counts(sink.folder, {ADDRESS}) == ({ADDRESS: 1}, 1)


def test_waiting_for_an_e_mail_that_never_comes_gives_up_after_the_timeout(sink):
    inbox = channel(sink.folder, Ledger(), timeout_s=0.3)
    with pytest.raises(JourneyAbandoned, match='no e-mail about "your refund"'):
        inbox.expect("your refund")


def test_clicking_a_link_carries_the_e_mails_promise_to_the_page(sink):
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="Spring sale: 30% off running shoes",
        text=(
            "Every shoe 30% off.\n\nShop the sale: http://shop.test/\nUnsubscribe:"
            " http://shop.test/unsubscribe"
        ),
    )
    ledger, browser = Ledger(), Browser()
    inbox = channel(sink.folder, ledger, browser=browser)
    inbox.open("Spring sale")
    inbox.click("shop the sale")
    assert browser.opened == ["http://shop.test/"]
    promise = next(e for e in ledger.events if isinstance(e, PromiseMade))
    assert promise.source == "e-mail" and promise.text.startswith(
        "Spring sale: 30% off running shoes"
    )
    with pytest.raises(JourneyAbandoned, match='has no link "Track my order"'):
        inbox.click("Track my order")


def test_a_reply_goes_through_smtp_to_the_reply_to_and_its_answer_is_read(sink):
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="We have your request T-7",
        text="Reply to add anything.",
        sender="Care <care@shop.test>",
        headers={"Reply-To": "tickets@shop.test"},
    )

    def send_and_get_answered(message: EmailMessage, host: str, port: int) -> str:
        problem = send_smtp(
            message, host, port
        )  # the customer's reply, through the sink like any message
        answer = EmailMessage()
        answer["From"], answer["To"], answer["Subject"] = (
            "tickets@shop.test",
            ADDRESS,
            "Re: We have your request T-7",
        )
        answer["In-Reply-To"] = message["Message-ID"]
        answer.set_content("Thanks, we have added your photos.")
        return problem or send_smtp(answer, host, port)

    ledger = Ledger()
    inbox = channel(
        sink.folder,
        ledger,
        reply_through=(sink.host, sink.port),
        send=send_and_get_answered,
    )
    inbox.open("We have your request")
    answer = inbox.reply("Photos of the box for {my order number}")
    assert answer is not None and answer.text.startswith("Thanks, we have added")
    sent = [m for m in read_folder(sink.folder) if m.sender == ADDRESS]
    assert [m.to for m in sent] == [("tickets@shop.test",)]
    said = next(e for e in ledger.events if isinstance(e, MessageSent))
    assert (
        said.channel == "mail"
        and said.facts == ("order_number",)
        and PERSONA.facts["order_number"] in said.text
    )


def test_a_reply_to_a_no_reply_address_is_not_sent_nor_waited_for(sink):
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="We have your request T-8",
        text="Just reply to this e-mail.",
        sender="no-reply@shop.test",
    )
    inbox = channel(
        sink.folder, Ledger(), reply_through=(sink.host, sink.port), reply_timeout_s=60
    )
    inbox.open("We have your request")
    assert inbox.reply("The box was crushed") is None
    assert [m.sender for m in read_folder(sink.folder)] == ["no-reply@shop.test"]


def test_a_reply_our_relay_refuses_is_never_sent_so_never_charged(sink):
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="Your order",
        text="Questions? Reply to this e-mail.",
    )
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nowhere = closed.getsockname()[1]  # nothing listens here once the socket closes
    ledger = Ledger()
    inbox = channel(
        sink.folder, ledger, reply_through=("127.0.0.1", nowhere), reply_timeout_s=60
    )
    inbox.open("Your order")
    with pytest.raises(
        MissingAbility, match=f"the relay 127.0.0.1:{nowhere} refused it"
    ):
        inbox.reply("Where is it?")
    assert not any(isinstance(e, MessageSent) for e in ledger.events)


def test_a_taken_port_is_one_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(JourneysError) as raised:
            SmtpSink(tmp_path / "mail", port=port).start()
    message = str(raised.value)
    assert (
        f"cannot start the SMTP sink on 127.0.0.1:{port}" in message
        and "fix:" in message
        and len(message.splitlines()) == 2
    )


def django_message(subject: str, to: str) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = (
        subject,
        "webmaster@localhost",
        to,
    )
    message.set_content(f"{subject}, as Django writes it.")
    return message.as_bytes()


def test_the_folder_adapter_reads_one_message_per_file_and_django_log_files(tmp_path):
    (tmp_path / "one.eml").write_bytes(django_message("Welcome", ADDRESS))
    separator = b"\n" + b"-" * 79 + b"\n"
    (tmp_path / "20261201-120000-140.log").write_bytes(
        django_message("Password reset", ADDRESS)
        + separator
        + django_message("Your order", ADDRESS)
        + separator
    )
    subjects = sorted(m.subject for m in read_folder(tmp_path))
    assert subjects == ["Password reset", "Welcome", "Your order"]
    inbox = channel(tmp_path, Ledger())
    assert inbox.count() == 3
    assert inbox.count() == 3, (
        "a message is recorded once, however often the folder is read"
    )


def test_a_file_that_is_not_an_e_mail_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("just some notes\nnot a message\n")
    with pytest.raises(MailboxError, match=r"notes.txt: is not an RFC 822 e-mail"):
        read_folder(tmp_path)
    with pytest.raises(MailboxError, match="does not exist"):
        read_folder(tmp_path / "missing")


def test_html_only_mail_is_read_as_its_visible_text_with_its_links():
    raw = (
        "From: Shop <news@shop.test>\nTo: ann@example.com\nSubject: Sale\nContent-Type:"
        " text/html;"
        " charset=utf-8\n\n<html><head><style>p{}</style></head><body><h2>Big &amp;"
        ' bold</h2><p>Up to <b>30%</b> off</p><a href="http://shop.test/s">See the'
        ' sale</a><script>document.write("no")</script></body></html>'
    )
    message = parse_message(raw, source="sale.eml")
    assert (
        message.headline == "Big & bold"
        and "Up to 30% off" in message.text
        and "no" not in message.text.split()
    )
    assert message.links == (("See the sale", "http://shop.test/s"),)


def test_the_smtp_adapter_reads_the_walks_sink_folder_and_replies_through_it(sink):
    ability = build_mail(
        MailConfig(),
        ledger=Ledger(),
        persona=PERSONA,
        web=Browser,
        environ={},
        root=Path("."),
        inbox=WalkInbox(sink.folder, sink.address),
    )
    assert ability._reply_through == (sink.host, sink.port)
    with pytest.raises(JourneysError, match="runs during `journeys walk`"):
        build_mail(
            MailConfig(),
            ledger=Ledger(),
            persona=PERSONA,
            web=Browser,
            environ={},
            root=Path("."),
        )


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"adapter": "pigeon"}, "adapter: 'pigeon' is not a mail adapter"),
        ({"adapter": "folder"}, "folder: is missing"),
        ({"port": 70000}, "port: must be a port number"),
        ({"timout_s": 3}, "timout_s: is not a mail setting"),
        ({"adapter": "http"}, "http: is missing"),
        (
            {
                "adapter": "http",
                "http": {"endpoint": "http://127.0.0.1:1/x", "subject_path": "a..b"},
            },
            "subject_path",
        ),
    ],
)
def test_a_wrong_mail_setting_names_its_key(table, problem):
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(")):
        mail_config(table)


def test_every_scenario_s_persona_has_its_own_address():
    root = Path(__file__).resolve().parents[2]
    ids = [
        f"{path.relative_to(root)}::{line.strip()}"
        for path in sorted((root / "features").glob("*.feature"))
        for line in path.read_text().splitlines()
        if line.strip().startswith("Scenario")
    ]
    ids += [f"features/many.feature::test_{n}" for n in range(2000)]
    addresses = [make_persona(2026, node).facts["email"] for node in ids]
    assert len(set(addresses)) == len(addresses)


def test_a_django_log_that_grows_during_the_walk_is_read_again(tmp_path):
    separator = b"\n" + b"-" * 79 + b"\n"
    log = tmp_path / "mail" / "20261201-120000-1.log"
    log.parent.mkdir()
    log.write_bytes(django_message("Welcome", ADDRESS) + separator)
    config = mail_config({"adapter": "folder", "folder": "mail", "timeout_s": 1})
    ledger = Ledger()
    inbox = build_mail(
        config, ledger=ledger, persona=PERSONA, web=Browser, environ={}, root=tmp_path
    )
    assert inbox.count() == 1
    with log.open("ab") as more:
        more.write(django_message("Your order", ADDRESS) + separator)
    assert inbox.expect("Your order").subject == "Your order"
    assert [e.subject for e in ledger.events if isinstance(e, MailReceived)] == [
        "Welcome",
        "Your order",
    ]


def test_a_profile_has_its_own_mail_and_one_without_has_none(tmp_path):
    from journeys.project.sections import load_project

    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys]\nbase_url = "http://127.0.0.1:8000"\n'
        '[tool.journeys.mail]\nadapter = "folder"\nfolder = "var/mail"\n'
        '[tool.journeys.profiles.staging]\nbase_url = "http://127.0.0.1:9000"\n'
        '[tool.journeys.profiles.staging.mail]\nadapter = "smtp"\nport = 2525\n'
        '[tool.journeys.profiles.bare]\nbase_url = "http://127.0.0.1:9100"\n',
        encoding="utf-8",
    )
    assert load_project(tmp_path, environ={}).mail.adapter == "folder"
    staging = load_project(tmp_path, profile="staging", environ={}).mail
    assert (staging.adapter, staging.port) == ("smtp", 2525)
    assert load_project(tmp_path, profile="bare", environ={}).mail is None
    assert load_project(tmp_path, profile="demo", environ={}).mail.adapter == "smtp", (
        "the demo shop's mail ships with it"
    )


def test_a_wrong_mail_table_in_any_profile_is_found_by_check(tmp_path):
    from journeys.project.sections import load_project

    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys]\nbase_url = "http://127.0.0.1:8000"\n'
        '[tool.journeys.profiles.staging]\nbase_url = "http://127.0.0.1:9000"\n'
        '[tool.journeys.profiles.staging.mail]\nadapter = "carrier-pigeon"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="'carrier-pigeon' is not a mail adapter"):
        load_project(tmp_path, environ={})


def test_arriving_from_an_e_mail_opens_it_and_follows_its_main_link(sink):
    send_from_another_process(
        sink.host,
        sink.port,
        to=ADDRESS,
        subject="Your basket misses you",
        text=(
            "Still thinking?\n\nBack to your basket:"
            " http://shop.test/basket\nUnsubscribe: http://shop.test/u"
        ),
    )
    ledger, browser = Ledger(), Browser()
    channel(sink.folder, ledger, browser=browser).arrive_from("Your basket misses you")
    assert browser.opened == ["http://shop.test/basket"]
    assert [type(e).__name__ for e in ledger.events] == [
        "MailReceived",
        "MailReceived",
        "PromiseMade",
    ]
    assert [e.opened for e in ledger.events if isinstance(e, MailReceived)] == [
        False,
        True,
    ]
