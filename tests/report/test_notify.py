"""The news of a walk, sent by Apprise to real receivers on 127.0.0.1: a JSON and a form
webhook, and the project's SMTP sink.

What arrived is read back (the webhook's request body, the e-mail file the sink wrote),
never whether a function was called.
"""

from __future__ import annotations

import email
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from journeys.effort.result import Outcome
from journeys.errors import ConfigError
from journeys.report import default_history_url, open_history
from journeys.report.notify import (
    NotifyReporter,
    news_of_run,
    notify_config,
    sample_news,
    send,
)
from journeys.shopper.mail_adapters import SmtpSink

JOURNEYS = [sys.executable, "-m", "journeys.cli"]
REPORT = "https://ci.example.com/nightly/42/effort/index.html"


class Receiver:
    """A webhook on 127.0.0.1 that keeps every request it is sent: path, content type
    and body.
    """

    def __init__(self) -> None:
        self.received: list[dict[str, str]] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(
                    int(self.headers.get("Content-Length", 0))
                ).decode("utf-8")
                received.append(
                    {
                        "path": self.path,
                        "type": self.headers.get("Content-Type", ""),
                        "body": body,
                    }
                )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def json(self) -> list[dict]:
        return [
            json.loads(r["body"])
            for r in self.received
            if r["type"].startswith("application/json")
        ]

    def forms(self) -> list[dict[str, str]]:
        return [
            {k: v[0] for k, v in parse_qs(r["body"]).items()}
            for r in self.received
            if "form" in r["type"]
        ]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[SmtpSink]:
    with SmtpSink(tmp_path / "mail") as running:
        yield running


def closed_port() -> int:
    """A port nothing listens on: bound, then closed, so a connection to it is
    refused.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mails(sink: SmtpSink) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(sink.folder.glob("*.eml"))
    ]


@pytest.fixture
def regressed(tmp_path: Path, samples) -> tuple[str, object, list]:
    """A smooth walk, then a potholed one: the checkout got harder, with more lost
    time.
    """
    url = default_history_url(tmp_path)
    before = [replace(r, lost_time_s=2.0) for r in samples.smooth_walk()]
    after = [
        replace(r, lost_time_s=45.0 if r.stage == "buy" else 2.0)
        for r in samples.potholed_walk()
    ]
    run = samples.run_info("night-2", 2)
    with open_history(url) as history:
        history.store_run(samples.run_info("night-1", 1), before)
        history.store_run(run, after)
    return url, run, after


def _reporter(url: str, config, warned: list[str]) -> NotifyReporter:
    return NotifyReporter(
        url, config, threshold=0.5, lost_time_threshold_s=30.0, warn=warned.append
    )


def test_a_regression_sends_each_receiver_one_message_naming_journey_and_report(
    regressed, receiver, sink
):
    url, run, results = regressed
    config = notify_config(
        {
            "urls": [
                f"json://127.0.0.1:{receiver.port}/json-hook",
                f"form://127.0.0.1:{receiver.port}/form-hook",
                f"mailto://{sink.host}:{sink.port}?from=journeys@example.com&to=team@example.com",
            ],
            "when": "regression",
            "report_url": REPORT,
        }
    )
    warned: list[str] = []

    _reporter(url, config, warned).pytest_journeys_run_finished(
        run=run, results=results
    )

    assert warned == []
    assert [r["path"] for r in receiver.received] == ["/json-hook", "/form-hook"]
    (sent,) = receiver.json()
    assert (
        sent["title"]
        == "journeys: 2 journeys got harder, 1 missed a budget on http://127.0.0.1:8000"
    )
    body = sent["message"]
    assert (
        "- Checkout / Guest buys a mug: score 6.5 -> 3.1 (-3.4), lost time +43 s (45 s"
        " lost)" in body
    )
    assert (
        '  worst new friction: dead_end at "When I pay": The Pay button did nothing.'
        in body
    )
    assert (
        "- Help / Asks the bot about delivery: score 6.8 -> 4.4 (-2.4), lost time"
        " unchanged" in body
    )
    assert body.endswith(f"Report: {REPORT}")
    (form,) = receiver.forms()
    assert form["title"] == sent["title"] and form["message"] == body
    (mail,) = mails(sink)
    assert mail["Subject"] == sent["title"] and mail["To"] == "team@example.com"
    assert (
        "Checkout / Guest buys a mug: score 6.5 -> 3.1"
        in mail.get_body(("plain", "html")).get_content()
    )


def test_no_regression_sends_nothing_when_the_rule_is_regression(
    tmp_path, samples, receiver
):
    url = default_history_url(tmp_path)
    with open_history(url) as history:
        history.store_run(samples.run_info("night-1", 1), samples.smooth_walk())
        history.store_run(samples.run_info("night-2", 2), samples.smooth_walk())
    config = notify_config(
        {"urls": [f"json://127.0.0.1:{receiver.port}/"], "when": "regression"}
    )

    _reporter(url, config, []).pytest_journeys_run_finished(
        run=samples.run_info("night-2", 2), results=samples.smooth_walk()
    )

    assert receiver.received == []


@pytest.mark.parametrize(
    ("when", "sent"),
    [
        ("budget", True),
        (["broken"], False),
        ("always", True),
        (["regression", "broken"], True),
    ],
)
def test_the_rule_picks_which_runs_are_news(regressed, receiver, when, sent):
    url, run, results = regressed
    config = notify_config(
        {"urls": [f"json://127.0.0.1:{receiver.port}/"], "when": when}
    )

    _reporter(url, config, []).pytest_journeys_run_finished(run=run, results=results)

    assert len(receiver.received) == (1 if sent else 0)


def test_a_broken_journey_is_news_for_the_broken_rule(tmp_path, samples, receiver):
    url = default_history_url(tmp_path)
    walk = [
        *samples.smooth_walk()[:2],
        replace(
            samples.smooth_walk()[2],
            outcome=Outcome.BROKEN,
            error="StepDoesNotFit: no 'Sign up' link",
        ),
    ]
    with open_history(url) as history:
        history.store_run(samples.run_info("night-1", 1), walk)
    config = notify_config(
        {"urls": [f"json://127.0.0.1:{receiver.port}/"], "when": "broken"}
    )

    _reporter(url, config, []).pytest_journeys_run_finished(
        run=samples.run_info("night-1", 1), results=walk
    )

    (sent,) = receiver.json()
    assert sent["title"] == "journeys: 1 broken on http://127.0.0.1:8000"
    assert "- Account / Signs up: StepDoesNotFit: no 'Sign up' link" in sent["message"]


def test_a_failing_receiver_is_one_warning_line_and_the_others_still_hear(
    regressed, receiver
):
    url, run, results = regressed
    dead = closed_port()
    config = notify_config(
        {
            "urls": [
                f"json://127.0.0.1:{dead}/hook",
                f"json://127.0.0.1:{receiver.port}/hook",
            ],
            "when": "always",
        }
    )
    warned: list[str] = []

    _reporter(url, config, warned).pytest_journeys_run_finished(
        run=run, results=results
    )

    assert warned == [
        f"journeys: notify: json://127.0.0.1:{dead}/hook: A Connection error occurred"
        " sending JSON notification to 127.0.0.1. (the walk goes on; check the"
        " destination)"
    ]
    assert len(receiver.json()) == 1


def test_one_shard_sends_nothing_the_merge_sends_for_the_whole_run(regressed, receiver):
    url, run, results = regressed
    config = notify_config(
        {"urls": [f"json://127.0.0.1:{receiver.port}/"], "when": "always"}
    )

    _reporter(url, config, []).pytest_journeys_run_finished(
        run=replace(run, shard="1/2"), results=results
    )

    assert receiver.received == []


def test_a_secret_comes_from_the_environment_and_a_missing_one_is_a_warning_naming_it(
    regressed, receiver
):
    url, run, results = regressed
    config = notify_config(
        {"urls": [f"json://127.0.0.1:{receiver.port}/${{HOOK_PATH}}"], "when": "always"}
    )
    warned: list[str] = []

    send(
        config, sample_news(), warn=warned.append, environ={"HOOK_PATH": "s3cret-path"}
    )
    send(config, sample_news(), warn=warned.append, environ={})

    assert [r["path"] for r in receiver.received] == ["/s3cret-path"]
    assert warned == [
        f"journeys: notify: json://127.0.0.1:{receiver.port}/...: config:"
        " tool.journeys.notify.urls[0]: needs the environment variable HOOK_PATH"
    ]


def test_the_message_names_the_previous_run_and_the_score_change(regressed):
    url, run, results = regressed

    news = news_of_run(
        url, run, results, threshold=0.5, lost_time_threshold_s=30.0, report_url=REPORT
    )

    assert news.reasons == ("regression", "budget")
    assert news.changed == (
        "Checkout / Guest buys a mug",
        "Help / Asks the bot about delivery",
    )
    assert news.body.splitlines()[0].startswith(
        "Run night-2 on http://127.0.0.1:8000 (desktop): 3 journeys, overall score"
        " 4.7/7 (-1.9 since run night-1)"
    )


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            {"url": "json://x"},
            (
                "config: tool.journeys.notify.url: is not a notify setting\n  fix: did"
                " you mean 'urls'?"
            ),
        ),
        (
            {"urls": ["hooks.slack.com"]},
            (
                "config: tool.journeys.notify.urls: must be a list of Apprise URLs, not"
                " ['hooks.slack.com']\n  fix: write urls ="
                ' ["slack://${SLACK_TOKEN}/#nightly",'
                ' "mailto://smtp.example.com?to=team@example.com"]'
            ),
        ),
        (
            {"urls": ["json://h"], "when": "sometimes"},
            (
                "config: tool.journeys.notify.when: 'sometimes' is not a rule for"
                " sending\n  fix: use one or a list of: regression, budget, broken,"
                " always"
            ),
        ),
        (
            {"urls": ["json://h/${TOKEN"]},
            (
                "config: tool.journeys.notify.urls[0]: has a malformed ${...}"
                " reference\n  fix: write ${NAME} with a variable name"
            ),
        ),
    ],
)
def test_a_wrong_notify_setting_is_one_line_naming_its_key(section, message):
    with pytest.raises(ConfigError) as raised:
        notify_config(section)
    assert str(raised.value) == message


def _project(tmp_path: Path, *urls: str) -> Path:
    listed = ", ".join(f'"{u}"' for u in urls)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys]\nreports = "reports"\n\n[tool.journeys.notify]\nurls ='
        f' [{listed}]\nreport_url = "{REPORT}"\n',
        encoding="utf-8",
    )
    return tmp_path


def _journeys(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [*JOURNEYS, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "NO_COLOR": "1", "COLUMNS": "200"},
        stdin=subprocess.DEVNULL,
    )


def test_notify_test_sends_a_sample_to_every_receiver(tmp_path, receiver, sink):
    project = _project(
        tmp_path,
        f"json://127.0.0.1:{receiver.port}/hook",
        f"mailto://{sink.host}:{sink.port}?from=journeys@example.com&to=team@example.com",
    )

    done = _journeys(project, "notify", "--test")

    assert done.returncode == 0, done.stdout + done.stderr
    said = done.stdout.splitlines()
    assert said[0] == f"sent to json://127.0.0.1:{receiver.port}/hook" and said[
        1
    ].startswith("sent to mailto://")
    assert len(said) == 2
    (sent,) = receiver.json()
    assert sent["title"].startswith("[test] journeys: 1 journey got harder")
    assert (
        "This is a test message" in sent["message"]
        and f"Report: {REPORT}" in sent["message"]
    )
    (mail,) = mails(sink)
    assert mail["Subject"] == sent["title"]


def test_notify_test_with_a_dead_receiver_says_so_in_one_line_and_exits_1(tmp_path):
    dead = closed_port()
    done = _journeys(
        _project(tmp_path, f"json://127.0.0.1:{dead}/hook"), "notify", "--test"
    )

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"journeys: notify: json://127.0.0.1:{dead}/hook: A Connection error occurred"
        " sending JSON notification to 127.0.0.1. (the walk goes on; check the"
        " destination)"
    ]


def test_shards_send_nothing_and_their_merge_sends_the_whole_run_once(
    tmp_path, receiver
):
    from journeys.effort.result import JourneyResult, RunInfo
    from journeys.project.sections import load_project
    from journeys.report.record import write_effort_json
    from journeys.run.merge import merge_shards

    def shard(name: str, part: str, scenario: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        run = RunInfo(
            run_id="night-1", started_at="2026-12-01T02:00:00+00:00", seed=1, shard=part
        )
        walk = [
            JourneyResult(
                feature="F",
                scenario=scenario,
                node_id=f"f::{scenario}",
                feature_path="features/f.feature",
                score=6.5,
            )
        ]
        write_effort_json(folder / "effort.json", run, walk)
        # What the shard's own walk would have done at its end: its reporter hears a
        # part of the run, and sends nothing.
        _reporter(
            default_history_url(folder),
            notify_config(
                {"urls": [f"json://127.0.0.1:{receiver.port}/"], "when": "always"}
            ),
            [],
        ).pytest_journeys_run_finished(run=run, results=walk)
        return folder

    parts = [shard("a", "1/2", "one"), shard("b", "2/2", "two")]
    assert receiver.received == []
    (tmp_path / "pyproject.toml").write_text(
        "[tool.journeys]\n\n[tool.journeys.notify]\nurls ="
        f' ["json://127.0.0.1:{receiver.port}/merged"]\nwhen = "always"\n',
        encoding="utf-8",
    )

    merge_shards(
        parts, load_project(tmp_path, environ={}, reports=str(tmp_path / "merged"))
    )

    (sent,) = receiver.json()
    assert sent["message"].startswith(
        "Run night-1 on the demo shop (desktop): 2 journeys, overall score 6.5/7"
    )


def test_notify_sends_the_last_runs_news_again(tmp_path, receiver, samples):
    project = _project(tmp_path, f"json://127.0.0.1:{receiver.port}/again")
    with open_history(default_history_url(tmp_path / "reports")) as history:
        history.store_run(samples.run_info("night-1", 1), samples.smooth_walk())
        history.store_run(samples.run_info("night-2", 2), samples.potholed_walk())

    done = _journeys(project, "notify")

    assert done.returncode == 0, done.stdout + done.stderr
    (sent,) = receiver.json()
    assert (
        sent["title"]
        == "journeys: 2 journeys got harder, 1 missed a budget on http://127.0.0.1:8000"
    )
    assert sent["message"].startswith("Run night-2 ")


def test_notify_without_destinations_says_where_to_write_them(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")

    done = _journeys(tmp_path, "notify", "--test")

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "journeys: config: tool.journeys.notify.urls: names no destination",
        (
            "  fix: write [tool.journeys.notify] urls ="
            ' ["slack://${SLACK_TOKEN}/#nightly"] (docs/reports.md)'
        ),
    ]
