"""Allure extras, labels and categories; the HTML built by the real Allure 3 CLI, opened
in Chromium.
"""

import functools
import http.server
import json
import re
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from journeys.effort.frictions import FRICTION_KINDS, Friction
from journeys.effort.result import BudgetCheck, JourneyResult
from journeys.errors import JourneysError
from journeys.report import (
    allure_categories,
    allure_command,
    allure_html,
    allure_labels,
    build_allure_html,
    failure_message,
    write_allure_extras,
)

CHECKOUT = Path(__file__).resolve().parents[2]
HAS_ALLURE = (CHECKOUT / "node_modules" / ".bin" / "allure").is_file()
needs_allure = pytest.mark.skipif(
    not HAS_ALLURE,
    reason="node_modules/.bin/allure is missing: run `npm install` in the checkout",
)
HOSTILE = "<script>window.__pwned = 1; alert(1)</script>"


@pytest.mark.parametrize(
    ("score", "severity"),
    [
        (1.0, "critical"),
        (2.99, "critical"),
        (3.0, "major"),
        (3.9, "major"),
        (4.0, "normal"),
        (4.99, "normal"),
        (5.0, "minor"),
        (7.0, "minor"),
    ],
)
def test_severity_follows_the_score(score, severity):
    assert ("severity", severity) in allure_labels(
        JourneyResult(feature="F", scenario="S", score=score)
    )


def test_labels_put_stage_feature_scenario_and_each_friction_kind_once(samples):
    checkout = samples.potholed_walk()[0]
    labels = allure_labels(checkout)
    assert labels == [
        ("epic", "buy"),
        ("feature", "Checkout"),
        ("story", "Guest buys a mug"),
        ("tag", "friction:reentered_data"),
        ("tag", "friction:dead_end"),
        ("severity", "major"),
    ]
    broken = allure_labels(
        JourneyResult(feature="F", scenario="S", outcome="broken", score=1.0)
    )
    assert ("tag", "harness:broken") in broken and (
        "severity",
        "critical",
    ) not in broken


@pytest.mark.parametrize("kind", FRICTION_KINDS)
def test_each_kind_category_matches_its_journeys_only(kind):
    result = JourneyResult(
        feature="F",
        scenario="S",
        score=3.0,
        budgets=(BudgetCheck(budget="CES at least 5", met=False),),
        frictions=(Friction(kind=kind, points=3.0, step=1, evidence="it happened"),),
    )
    message = failure_message(result)
    allure2 = {c["name"]: c for c in allure_categories()}
    allure3 = {c["name"]: c for c in allure_categories(for_allure3=True)}
    for name, category in allure2.items():
        if "messageRegex" not in category:
            continue
        matched = (
            re.fullmatch(category["messageRegex"], message) is not None
        )  # Allure 2 (Java) matches the whole message
        assert matched == (name in (_name_of(kind), "Budget exceeded")), name
    label_matcher = allure3[_name_of(kind)]["matchers"][0]["labels"]["tag"]
    assert [
        v
        for k, v in allure_labels(result)
        if k == "tag" and re.search(label_matcher, v)
    ] == [f"friction:{kind}"]


def _name_of(kind):
    index = FRICTION_KINDS.index(kind)
    return allure_categories()[1 + index]["name"]


def test_harness_broken_comes_first_and_apart(samples):
    assert allure_categories()[0] == {
        "name": "Harness broken",
        "description": (
            "The harness could not walk the journey: not counted as customer effort."
        ),
        "matchedStatuses": ["broken"],
    }
    assert all(
        "broken" not in c.get("matchedStatuses", []) for c in allure_categories()[1:]
    )
    assert (
        failure_message(samples.smooth_walk()[0]) == ""
    )  # within budget: nothing to report as a failure


def test_extras_files(tmp_path, samples, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    run = samples.run_info(
        "r7", 7, browser="chromium 140.0", seed=42, commit="abc123", demo="potholed"
    )
    write_allure_extras(tmp_path, run)
    properties = (
        (tmp_path / "environment.properties").read_text(encoding="utf-8").splitlines()
    )
    assert properties == [
        "target=http://127.0.0.1:8000",
        "browser=chromium 140.0",
        "seed=42",
        "commit=abc123",
        "demo=potholed",
        "run=r7",
    ]
    assert json.loads((tmp_path / "executor.json").read_text())["buildName"] == "r7"
    assert json.loads((tmp_path / "categories.json").read_text()) == allure_categories()

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_RUN_ID", "99")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/journeys")
    monkeypatch.setenv("GITHUB_TOKEN", "s3cret")
    write_allure_extras(tmp_path, run, categories=False)
    executor = (tmp_path / "executor.json").read_text()
    assert (
        json.loads(executor)["buildUrl"]
        == "https://github.com/acme/journeys/actions/runs/99"
    )
    assert "s3cret" not in executor


def test_a_missing_cli_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(allure_html, "_CHECKOUT_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JourneysError, match="npm install"):
        allure_command(tmp_path)


def _allure_results(folder: Path, samples) -> None:
    folder.mkdir(parents=True)
    walk = samples.potholed_walk()
    walk[0] = JourneyResult(
        **{**walk[0].__dict__, "scenario": f"Guest buys a mug {HOSTILE}"}
    )
    broken = JourneyResult(
        feature="Tracking",
        scenario="Tracks an order",
        outcome="broken",
        error="locator timed out",
    )
    for n, result in enumerate([*walk, broken]):
        status = (
            "broken"
            if result.outcome == "broken"
            else ("failed" if failure_message(result) else "passed")
        )
        uid = str(uuid.UUID(int=n + 1))
        record = {
            "uuid": uid,
            "historyId": f"journey-{n}",
            "testCaseId": f"journey-{n}",
            "name": result.scenario,
            "fullName": f"{result.feature}: {result.scenario}",
            "status": status,
            "stage": "finished",
            "statusDetails": {"message": failure_message(result)},
            "labels": [{"name": k, "value": v} for k, v in allure_labels(result)],
            "start": 1_770_000_000_000 + n,
            "stop": 1_770_000_001_000 + n,
            "steps": [],
        }
        (folder / f"{uid}-result.json").write_text(json.dumps(record), encoding="utf-8")
    write_allure_extras(folder, samples.run_info("r1", 1, browser="chromium", seed=1))


class _Reader:
    """A reader's tab on the report, with everything it saw besides the page: dialogs,
    requests, script errors.
    """

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.dialogs, self.requests, self.errors = [], [], []
        self.page.on(
            "dialog",
            lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()),
        )
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "pageerror", lambda error: self.errors.append(f"page error: {error}")
        )
        self.page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.errors.append(f"console: {message.text}")
            ),
        )
        self.page.on("crash", lambda _page: self.errors.append("the tab crashed"))

    def open(self, url: str) -> None:
        # The report must render without its load event: nothing it needs is still on
        # its way when it shows.
        self.page.goto(url, wait_until="domcontentloaded")

    def wait_for_text(self, text: str) -> None:
        try:
            self.page.get_by_text(text).first.wait_for()
        except PlaywrightTimeoutError:
            body = self.page.evaluate(
                "document.body ? document.body.innerText.slice(0, 400) : '(no body)'"
            )
            raise AssertionError(
                f"{text!r} never showed; errors {self.errors}; requests"
                f" {self.requests[-5:]}; body {body!r}"
            ) from None


def _check_reader_view(reader):
    # A wait, not a timing: the single-file report inlines megabytes of script, which
    # took over 15 s to run on 2 cores shared with the other worker's browsers.
    page = reader.page
    page.set_default_timeout(60_000)
    # Failed and broken journeys open expanded; passed ones sit in their (epic) stage
    # group.
    reader.wait_for_text("Tracks an order")
    body = page.locator("body").inner_text()
    assert f"Guest buys a mug {HOSTILE}" in body  # shown as text, not run
    for stage in ("buy", "support", "access"):
        assert re.search(rf"^{stage}$", body, re.MULTILINE), stage
    page.get_by_text("Categories", exact=False).first.click()
    reader.wait_for_text("Harness broken")
    categories = page.locator("body").inner_text()
    # The passed Help journey is filed by its friction tag; the broken one apart from
    # customer findings.
    for name in (
        "Harness broken",
        "Customer re-entered data",
        "Bot went round in circles",
    ):
        assert name in categories
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert reader.dialogs == []
    # Reading the report calls no one: not Allure's analytics, nor anything else off
    # this machine.
    leaving = [
        url
        for url in reader.requests
        if urlsplit(url).scheme not in ("file", "data", "blob")
        and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert leaving == []


def test_the_analytics_tag_is_taken_out_and_nothing_else(tmp_path):
    index = tmp_path / "index.html"
    kept = (
        '<script>window.allureReportOptions = {"reportName": "gtag(1)'
        ' dataLayer"}</script>\n<div id="app"></div>'
    )
    index.write_text(
        "<html><body>" + kept + "<script async"
        ' src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>\n'
        + "<script>\n  window.dataLayer = window.dataLayer || [];\n  function"
        " gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n</script>\n"
        + "<script>window.allureReportDataReady = true;</script></body></html>",
        encoding="utf-8",
    )
    allure_html._remove_analytics(index)
    html = index.read_text(encoding="utf-8")
    assert "googletagmanager" not in html and "window.dataLayer" not in html
    assert (
        kept in html and "<script>window.allureReportDataReady = true;</script>" in html
    )


@needs_allure
def test_the_allure_report_builds_keeps_history_and_shows_the_journeys(
    reports_dir, samples, reader_browser
):
    _allure_results(reports_dir / "allure-results", samples)

    report = build_allure_html(reports_dir)
    build_allure_html(reports_dir)  # a second run: history grows, so trends show
    history = (
        (reports_dir / "allure-history.jsonl").read_text(encoding="utf-8").splitlines()
    )
    assert len(history) == 2
    assert (report / "index.html").is_file() and any(
        p.suffix == ".js" for p in report.iterdir()
    )

    # A multi-file report needs HTTP, as the docs say: serve it on loopback like a
    # reader would.
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(report)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    reader = _Reader(reader_browser)
    try:
        reader.open(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        _check_reader_view(reader)
        samples.artifacts.mkdir(parents=True, exist_ok=True)
        reader.page.screenshot(
            path=str(samples.artifacts / "allure-report.png"), full_page=True
        )
    finally:
        reader.page.close()
        server.shutdown()
        server.server_close()


@needs_allure
def test_the_single_file_report_opens_from_disk(reports_dir, samples, reader_browser):
    # As a walk leaves them: each walk's results in its own run folder, allure-results a
    # link to the last one.
    _allure_results(reports_dir / "runs" / "r1" / "allure-results", samples)
    (reports_dir / "allure-results").symlink_to(
        Path("runs") / "r1" / "allure-results", target_is_directory=True
    )

    report = build_allure_html(reports_dir, single_file=True)

    assert sorted(
        p.suffix for p in report.iterdir() if p.suffix in (".html", ".js")
    ) == [".html"]
    reader = _Reader(reader_browser)
    try:
        reader.open((report / "index.html").as_uri())
        _check_reader_view(reader)
    finally:
        reader.page.close()


def test_no_results_is_one_line_for_people(reports_dir):
    with pytest.raises(JourneysError, match="no Allure results"):
        build_allure_html(reports_dir)
