"""E-mails in the reports: each one attached to its Allure test as text, as evidence on
the effort page, counted in effort.json.
"""

from __future__ import annotations

import json
from email.message import EmailMessage

import allure

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult, RunInfo
from journeys.report import allure_steps
from journeys.report.effort_html import render_effort_html
from journeys.report.record import write_effort_json
from journeys.run.mail_kept import with_mail_counts
from journeys.run.results import run_folder

HOSTILE = "<script>window.__pwned = 1</script>"
ANN, BOB = "ann.lee.101@example.com", "bob.ray.202@example.com"


def test_each_e_mail_is_attached_as_plain_text_and_http_exchanges_stay_apart(
    monkeypatch, tmp_path
):
    attached: list[tuple[str, str, object]] = []
    monkeypatch.setattr(
        allure, "attach", lambda body, name, kind: attached.append((body, name, kind))
    )
    mail = {
        "kind": "e-mail",
        "channel": "mail",
        "subject": f"Sale {HOSTILE}",
        "from": "news@shop.test",
        "to": ANN,
        "reply_to": "news@shop.test",
        "received_at": "2026-12-01T12:00:00+00:00",
        "text": f"<b>30% off</b> {HOSTILE}",
    }
    exchange = {
        "channel": "mail",
        "method": "GET",
        "url": "http://127.0.0.1:1080/api/email",
        "status": 200,
    }
    allure_steps.decorate(
        JourneyResult(feature="F", scenario="S", exchanges=(mail, exchange)),
        reports_dir=tmp_path,
    )
    mails = [a for a in attached if a[1].startswith("e-mail:")]
    assert len(mails) == 1
    body, name, kind = mails[0]
    assert kind == allure.attachment_type.TEXT, (
        "text, never HTML: nothing in an e-mail runs in the report"
    )
    assert name == f"e-mail: Sale {HOSTILE}" and body.startswith(
        "From: news@shop.test\nTo: ann.lee.101@example.com"
    )
    assert f"Subject: Sale {HOSTILE}" in body and body.endswith(
        f"<b>30% off</b> {HOSTILE}"
    )
    (http,) = [a for a in attached if a[1] == "HTTP exchanges"]
    assert json.loads(http[0]) == [exchange]


def _sent(folder, name, *, to, sender="orders@shop.test", subject="Your order"):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content("Thanks.")
    (folder / name).write_bytes(message.as_bytes())


def test_effort_json_counts_each_journey_s_e_mails_and_the_run_s_ignored_ones(tmp_path):
    run = RunInfo(
        run_id="20261201T120000Z-abcdef", started_at="2026-12-01T12:00:00+00:00"
    )
    folder = run_folder(tmp_path, run.run_id) / "mail"
    folder.mkdir(parents=True)
    _sent(folder, "1.eml", to=ANN)
    _sent(folder, "2.eml", to=ANN, subject="Your order, again")
    _sent(
        folder, "3.eml", to="stranger@example.com"
    )  # for no persona of this run: ignored, counted
    _sent(
        folder, "4.eml", to="care@shop.test", sender=ANN, subject="Re: Your order"
    )  # Ann's own reply: neither
    results = [
        JourneyResult(feature="F", scenario="Ann", persona={"email": ANN}),
        JourneyResult(feature="F", scenario="Bob", persona={"email": BOB}),
    ]
    run, results = with_mail_counts(tmp_path, run, results)
    document = json.loads(
        write_effort_json(tmp_path / "effort.json", run, results).read_text()
    )
    assert [j["mail"] for j in document["journeys"]] == [
        {"received": 2},
        {"received": 0},
    ]
    assert document["run"]["mail"] == {"received": 2, "ignored": 1}


def test_a_walk_without_mail_has_no_mail_counts(tmp_path):
    run = RunInfo(
        run_id="20261201T120000Z-000000", started_at="2026-12-01T12:00:00+00:00"
    )
    document = json.loads(
        write_effort_json(
            tmp_path / "effort.json", run, [JourneyResult(feature="F", scenario="S")]
        ).read_text()
    )
    assert "mail" not in document["run"] and "mail" not in document["journeys"][0]


def test_the_effort_page_shows_the_e_mails_behind_frictions_escaped(tmp_path):
    friction = Friction(
        kind="duplicate_message",
        points=8.0,
        step=3,
        evidence=f'Got the e-mail "Order {HOSTILE}" again',
        where="e-mail from orders@shop.test",
        excerpt=f"From: orders@shop.test\nSubject: Order {HOSTILE}\n\nThanks.",
    )
    web = Friction(
        kind="dead_end",
        points=15.0,
        step=1,
        evidence="A dead click",
        where="http://shop.test/",
    )
    result = JourneyResult(
        feature="F", scenario="Ann buys", score=5.0, frictions=(friction, web)
    )
    page = render_effort_html(
        RunInfo(run_id="r", started_at="2026-12-01T12:00:00+00:00"),
        [result],
        reports_dir=tmp_path,
    )
    section = page[
        page.index('<section id="mail">') : page.index(
            "</section>", page.index('<section id="mail">')
        )
    ]
    assert "Duplicate message" in section and "Subject: Order &lt;script&gt;" in section
    assert "<script>window" not in page and "A dead click" not in section
