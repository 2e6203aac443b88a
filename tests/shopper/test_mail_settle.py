"""Every e-mail is examined: what reaches the persona after the last mail step is still
the journey's mail.

A fault desk that is not the demo shop (a real HTTP server on 127.0.0.1, mailing through
the walk's real SMTP sink, aiosmtpd) acknowledges a fault report and, a second later,
sends a promotion; its smooth twin sends the acknowledgement only. The feature ends with
the acknowledgement: no step looks at the promotion. The acknowledgement's link is a
bare URL on the line after its words, as real shops write them.
"""

from __future__ import annotations

import asyncio
import json
import os
import smtplib
import socket
import subprocess
import sys
import threading
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from journeys.effort.events import MailReceived, PromiseMade
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError
from journeys.shopper import make_persona
from journeys.shopper.mail import MailChannel
from journeys.shopper.mail_adapters import MailConfig, mail_config
from journeys.shopper.mail_message import message_from
from tests.conftest import serve_app

JOURNEYS = Path(sys.executable).with_name("journeys")
HANG_GUARD_S = 300
# the site's own pace: its marketing queue sends a second after the acknowledgement
PROMOTION_AFTER_S = 1.0
ACK = (
    "Hello,\n\nThank you for your patience while we look into the fault you"
    " reported.\n\nTo follow your fault report, open this"
    " link:\n{site}report/R-1\n\nThe Fault Desk"
)


def fault_desk(smtp_port: int, *, with_promotion: bool) -> Starlette:
    """A fault report form whose acknowledgement goes by SMTP; the potholed desk adds a
    promotion a second later.
    """

    def send(to: str, subject: str, text: str, **headers: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            "Fault Desk <care@desk.test>",
            to,
            subject,
        )
        for name, value in headers.items():
            message[name.replace("_", "-")] = value
        message.set_content(text)
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as server:
            server.send_message(message)

    async def home(request: Request) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><title>Report a fault</title><h1>Report a fault</h1><form"
            ' method="post" action="/report"><label>E-mail <input type="email"'
            ' name="email"></label><button type="submit">Report the'
            " fault</button></form>"
        )

    async def report(request: Request) -> RedirectResponse:
        email = parse_qs((await request.body()).decode()).get("email", [""])[0]
        await asyncio.to_thread(
            send,
            email,
            "We have your fault report R-1",
            ACK.format(site=str(request.base_url)),
        )
        if with_promotion:
            promotion = (
                "Upgrade to Fibre Max: 20% off",
                (
                    "Upgrade today and get 20% off Fibre Max for a year.\n\nUnsubscribe"
                    " any time."
                ),
            )
            threading.Timer(
                PROMOTION_AFTER_S,
                send,
                (email, *promotion),
                {"List_Unsubscribe": "<mailto:out@desk.test>", "Precedence": "bulk"},
            ).start()
        return RedirectResponse("/reported", status_code=303)

    async def reported(request: Request) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><title>Thank you</title><h1>Thank you</h1><p>We have your"
            " fault report R-1.</p>"
        )

    async def followed(request: Request) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><title>Fault report R-1</title><h1>Hello: we have your"
            " fault report R-1</h1><p>We are looking into it.</p>"
        )

    return Starlette(
        routes=[
            Route("/", home),
            Route("/report", report, methods=["POST"]),
            Route("/reported", reported),
            Route("/report/R-1", followed),
        ]
    )


FEATURE = """Feature: Report a fault
  Scenario: Report a broken router
    Given I am a first-time customer
    When I open the page "/"
    And I fill in the form with my details
    And I click "Report the fault"
    Then I should get an e-mail about "We have your fault report"
    When I open the e-mail about "We have your fault report"
    And I click "follow your fault report" in the e-mail
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def walk(
    project: Path, *, with_promotion: bool, mail: str = ""
) -> tuple[subprocess.CompletedProcess[str], dict]:
    main = Path(__file__).resolve().parents[2]
    smtp_port = free_port()
    (project / "conftest.py").write_text(
        (main / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "steps").symlink_to(main / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text(
        '[tool.journeys]\n[tool.journeys.mail]\nadapter = "smtp"\nport ='
        f" {smtp_port}\n{mail}\n",
        encoding="utf-8",
    )
    (project / "features").mkdir()
    (project / "features" / "fault.feature").write_text(FEATURE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    with serve_app(fault_desk(smtp_port, with_promotion=with_promotion)) as url:
        done = subprocess.run(
            [str(JOURNEYS), "walk", "--target", url, "--seed", "7"],
            check=False,
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_S,
        )
    effort = json.loads(
        (project / "reports" / "effort.json").read_text(encoding="utf-8")
    )
    return done, effort["journeys"][0]


@pytest.mark.parametrize(
    "with_promotion", [True, False], ids=["promotion a second later", "smooth twin"]
)
def test_an_e_mail_after_the_last_mail_step_is_examined(
    tmp_path: Path, with_promotion: bool
) -> None:
    done, journey = walk(tmp_path, with_promotion=with_promotion)
    assert journey["outcome"] == "completed", done.stdout + done.stderr
    mails = [
        line["text"].split("\n")[0]
        for line in journey["transcript"]
        if line["channel"] == "mail"
    ]
    kinds = [(f["kind"], f["evidence"]) for f in journey["frictions"]]
    if with_promotion:
        assert mails == [
            "We have your fault report R-1",
            "Upgrade to Fibre Max: 20% off",
        ]
        assert [kind for kind, _ in kinds] == ["mixed_message"], kinds
        assert (
            'promotion "Upgrade to Fibre Max: 20% off"' in kinds[0][1]
            and 'beside the apology "We have your fault report R-1"' in kinds[0][1]
        )
    else:
        assert mails == ["We have your fault report R-1"]
        assert kinds == []


# -- the settle window, on a mailbox that fills while the journey ends (a clock the test
# moves) -------------------------

PERSONA = make_persona(2026, "tests/shopper/test_mail_settle.py::persona")
ADDRESS = PERSONA.facts["email"]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def mail_to(subject: str, sent_at_s: float) -> tuple[float, object]:
    return sent_at_s, message_from(
        subject=subject,
        text=f"{subject}.",
        sender="care@desk.test",
        to=(ADDRESS,),
        message_id=f"<{subject}@desk.test>",
    )


def inbox(
    clock: Clock, deliveries: list, ledger: Ledger, **config: float
) -> MailChannel:
    """A mailbox holding each delivery once the clock has passed its time."""
    return MailChannel(
        MailConfig(**config),
        ledger=ledger,
        persona=PERSONA,
        web=lambda: None,
        clock=clock,
        sleep=clock.sleep,
        mailbox=lambda: [message for at, message in deliveries if clock.now >= at],
    )


def received(ledger: Ledger) -> list[str]:
    return [e.subject for e in ledger.events if isinstance(e, MailReceived)]


def test_the_end_waits_until_the_inbox_is_quiet_and_records_what_came_late() -> None:
    clock, ledger = Clock(), Ledger()
    deliveries = [mail_to("Acknowledgement", 100.0), mail_to("Promotion", 101.0)]
    box = inbox(clock, deliveries, ledger, settle_s=3.0)
    box.expect("Acknowledgement")
    box.settle()
    assert received(ledger) == ["Acknowledgement", "Promotion"]
    assert (
        104.0 <= clock.now <= 104.6
    )  # quiet for the window after the promotion, then no longer


def test_an_inbox_quiet_for_the_window_already_is_not_waited_for() -> None:
    clock, ledger = Clock(), Ledger()
    box = inbox(clock, [mail_to("Acknowledgement", 100.0)], ledger, settle_s=3.0)
    box.expect("Acknowledgement")
    clock.now += 5.0  # the journey went on walking the site
    box.settle()
    assert clock.slept == [] and received(ledger) == ["Acknowledgement"]


def test_a_mailer_that_never_stops_holds_the_end_at_most_three_windows() -> None:
    clock, ledger = Clock(), Ledger()
    box = inbox(
        clock,
        [mail_to(f"Offer {n}", 100.0 + n * 0.5) for n in range(100)],
        ledger,
        settle_s=1.0,
    )
    box.settle()
    assert clock.now <= 103.0 + 1e-6 and len(received(ledger)) >= 5


def test_a_settle_window_of_zero_does_not_look_again() -> None:
    clock, ledger = Clock(), Ledger()
    box = inbox(clock, [mail_to("Acknowledgement", 100.0)], ledger, settle_s=0)
    box.settle()
    assert received(ledger) == []


@pytest.mark.parametrize("value", [-1, "soon", True])
def test_a_wrong_settle_window_names_its_key(value: object) -> None:
    with pytest.raises(ConfigError, match=r"tool\.journeys\.mail\.settle_s"):
        mail_config({"settle_s": value})


# -- a bare URL in a plain-text e-mail -------------------------------------------------


FIND_YOUR_ORDER = (
    "Hello Ada,\n\nThank you for your order 1042.\n\nTo find your order, follow this"
    " link:\n"
    "https://shop.test/account/orders/1042?key=wc_order_x1\n\nhttps://shop.test/\n"
)


def test_a_bare_url_is_named_by_the_words_on_the_line_above() -> None:
    message = message_from(
        subject="Find your order", text=FIND_YOUR_ORDER, to=(ADDRESS,)
    )
    assert message.links == (
        (
            "To find your order, follow this link",
            "https://shop.test/account/orders/1042?key=wc_order_x1",
        ),
        (
            "https://shop.test/",
            "https://shop.test/",
        ),  # under a link, not under words: its own name
    )


class Browser:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str, *, link: str = "") -> None:
        self.opened.append(url)


@pytest.mark.parametrize(
    "named",
    ["find your order", "https://shop.test/account/orders/1042?key=wc_order_x1"],
    ids=["by its words", "by its URL"],
)
def test_a_bare_url_is_followed_by_its_words_or_by_itself(named: str) -> None:
    clock, ledger, browser = Clock(), Ledger(), Browser()
    message = message_from(
        subject="Find your order",
        text=FIND_YOUR_ORDER,
        to=(ADDRESS,),
        message_id="<find@shop.test>",
    )
    box = MailChannel(
        MailConfig(),
        ledger=ledger,
        persona=PERSONA,
        web=lambda: browser,
        clock=clock,
        sleep=clock.sleep,
        mailbox=lambda: [message],
    )
    box.open("Find your order")
    box.click(named)
    assert browser.opened == ["https://shop.test/account/orders/1042?key=wc_order_x1"]
    assert len([e for e in ledger.events if isinstance(e, PromiseMade)]) == 1
