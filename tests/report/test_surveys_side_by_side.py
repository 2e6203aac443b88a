"""Surveyed figures beside walked ones: the effort page, effort.json and compare read
them from the history.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from journeys.report import default_history_url, open_history
from journeys.report.effort_html import build_effort_report
from journeys.report.record import write_effort_json
from journeys.report.surveys import ImportedSurvey, SurveyResponse, import_survey
from journeys.report.surveys_config import surveys_config
from journeys.report.surveys_view import disloyalty_risk, voice_lines, voice_section

CONFIG = surveys_config({"min_responses": 5, "period_days": 90})


def _responses(
    tag: str,
    question: str,
    scores: list[float],
    *,
    day: str = "2026-02-20",
    comment: str = "",
) -> list[SurveyResponse]:
    return [
        SurveyResponse(
            n, f"{day}T10:00:{n % 60:02d}", question, s, tag, comment if n == 0 else ""
        )
        for n, s in enumerate(scores)
    ]


@pytest.fixture
def history(history_url: str, samples) -> str:
    """Two walks (smooth, then potholed on 2026-03-02) and what customers said about
    buy, support and access: SQLite and PostgreSQL.
    """
    url = history_url
    later = [
        replace(r, customer_time_s=60.0 + n, lost_time_s=10.0 * n)
        for n, r in enumerate(samples.potholed_walk())
    ]
    responses = [
        *_responses(
            "buy", "ces", [6, 6, 7, 6, 6]
        ),  # easy, where the walk found it moderate (3.1)
        *_responses(
            "buy", "ces", [5, 5, 5, 5, 5], day="2025-11-20"
        ),  # the 90 days before: easier now by 1.2
        *_responses(
            "support",
            "ces",
            [2, 2, 1, 3, 2],
            comment="<script>alert(1)</script> asked for my order number twice",
        ),
        *_responses(
            "access", "ces", [5, 6, 6, 5, 6]
        ),  # easy, as the walk found it: no flag
        *_responses(
            "access", "nps", [10, 10, 9, 9, 10, 8, 7, 7, 3, 6]
        ),  # 5 promoters, 2 detractors of 10: +30
        *_responses("access", "csat", [5, 4, 2, 5]),  # four: fewer than five
        *_responses(
            "access", "ces", [1, 1, 1, 1, 1], day="2026-03-03"
        ),  # after the run: not its period
    ]
    with open_history(url) as store:
        store.store_run(samples.run_info("night-1", 1), samples.smooth_walk())
        store.store_run(samples.run_info("night-2", 2), later)
        import_survey(store, ImportedSurvey(Path("export.csv"), tuple(responses), ()))
    return url


def _section(url: str):
    with open_history(url) as store:
        run = store.list_runs(limit=1)[0]
        window, trends = store.trends()
        return voice_section(
            store, run, store.load_run(run.run_id), CONFIG, trends=trends
        )


def test_each_tag_has_its_walked_and_surveyed_figures_with_trends(history):
    section = _section(history)

    rows = {row.tag: row for row in section.rows}
    assert list(rows) == ["access", "buy", "support"]
    buy = rows["buy"]
    assert buy.journeys == ("Checkout / Guest buys a mug",)
    assert buy.walked_score == pytest.approx(
        3.1
    ) and buy.walked_change == pytest.approx(3.1 - 6.5)
    assert buy.customer_time_s == 60.0 and buy.lost_time_s == 0.0
    assert (
        buy.ces.value == pytest.approx(6.2)
        and buy.ces.previous == pytest.approx(5.0)
        and buy.ces.change_text() == "+1.2"
    )
    access = rows["access"]
    assert (access.nps.value, access.nps.responses, access.nps.text()) == (
        30.0,
        10,
        "+30",
    )
    assert (
        access.csat.value is None
        and access.csat.responses == 4
        and access.csat.text() == "not enough responses"
    )
    assert (
        access.ces.responses == 5
    )  # the five given after the run are another period's
    assert (
        section.period_start == "2025-12-02T02:00:01"
        and section.period_end == "2026-03-02T02:00:01"
    )


def test_a_flag_says_which_way_walked_and_surveyed_effort_disagree(history):
    rows = {row.tag: row for row in _section(history).rows}

    assert (
        rows["buy"].disagreement
        == "The walk found buy harder than customers say: walked 3.1 (moderate) against"
        " surveyed CES 6.2 (easy). The walked journey may not be the one customers"
        " take."
    )
    assert (
        rows["support"].disagreement
        == "Customers say support is harder than the walk found: surveyed CES 2.0"
        " (hard) against walked 4.4 (moderate). The walk is missing something"
        " customers meet."
    )
    assert rows["access"].disagreement == ""


def test_no_figure_and_no_flag_below_the_minimum_of_responses(history):
    with open_history(history) as store:
        run = store.list_runs(limit=1)[0]
        section = voice_section(
            store, run, store.load_run(run.run_id), surveys_config({"min_responses": 6})
        )

    support = {row.tag: row for row in section.rows}["support"]
    assert support.ces.value is None and support.ces.text() == "not enough responses"
    assert support.disagreement == ""


def test_the_effort_page_shows_them_side_by_side_escaping_what_customers_wrote(
    history, reports_dir: Path
):
    page = build_effort_report(
        reports_dir, history_url=history, surveys=CONFIG
    ).read_text(encoding="utf-8")

    voice = page[page.index('<section id="voice">') :]
    voice = voice[: voice.index("</section>")]
    assert (
        'data-tag="buy"' in voice
        and 'data-tag="support"' in voice
        and 'data-tag="access"' in voice
    )
    assert voice.count('class="flag"') == 2
    assert "Customers say support is harder than the walk found" in voice
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; asked for my order number twice" in voice
    )
    assert "<script>" not in page
    assert "not enough responses" in voice and "4 of 5" in voice
    assert "+30" in voice and "10 responses" in voice
    assert "+1.2" in voice  # surveyed CES against the 90 days before
    # The disloyalty estimate sits beside each walked score, labelled as a model, with
    # its source.
    assert "Disloyalty risk (estimate)" in page
    assert "9–96 %" in page and "9 %" in page
    assert "a model, never NPS" in page and "The Effortless Experience" in page


def test_effort_json_carries_the_same_figures(history, reports_dir: Path, samples):
    with open_history(history) as store:
        run = store.list_runs(limit=1)[0]
        results = store.load_run(run.run_id)
    write_effort_json(reports_dir / "effort.json", run, results)

    build_effort_report(reports_dir, history_url=history, surveys=CONFIG)

    document = json.loads((reports_dir / "effort.json").read_text(encoding="utf-8"))
    tags = {row["tag"]: row for row in document["voice_of_customer"]["tags"]}
    assert (
        tags["access"]["nps"]["value"] == 30.0
        and tags["access"]["nps"]["responses"] == 10
    )
    assert (
        tags["access"]["csat"]["value"] is None
        and tags["access"]["csat"]["shown"] == "not enough responses"
    )
    assert tags["buy"]["ces"]["change"] == pytest.approx(1.2)
    assert tags["support"]["disagreement"].startswith("Customers say support is harder")
    assert document["voice_of_customer"]["min_responses"] == 5
    risks = [j["disloyalty_risk"] for j in document["journeys"]]
    assert [r["share"] for r in risks] == ["9–96 %", "9–96 %", "9 %"]
    assert all("not NPS" in r["label"] for r in risks)
    assert "96 %" in document["disloyalty_source"]


def test_the_disloyalty_estimate_can_be_switched_off(history, reports_dir: Path):
    page = build_effort_report(
        reports_dir, history_url=history, surveys=surveys_config({"disloyalty": False})
    ).read_text(encoding="utf-8")

    assert (
        "Disloyalty risk (estimate)" not in page
        and 'id="disloyalty-source"' not in page
        and 'class="num disloyalty"' not in page
    )


@pytest.mark.parametrize(
    ("score", "share"),
    [
        (1.0, "96 %"),
        (2.9, "96 %"),
        (3.0, "9–96 %"),
        (4.9, "9–96 %"),
        (5.0, "9 %"),
        (7.0, "9 %"),
    ],
)
def test_the_disloyalty_bands_are_the_pages_bands(score, share):
    assert disloyalty_risk(score).share == share


def test_no_survey_in_the_history_shows_no_section(
    tmp_path: Path, samples, reports_dir: Path
):
    url = default_history_url(tmp_path)
    with open_history(url) as store:
        store.store_run(samples.run_info("night-1", 1), samples.smooth_walk())

    page = build_effort_report(reports_dir, history_url=url, surveys=CONFIG).read_text(
        encoding="utf-8"
    )

    assert 'id="voice"' not in page
    assert voice_lines(url, samples.run_info("night-1", 1), CONFIG) == []


def test_compare_prints_the_surveyed_figures_under_the_comparison(history, samples):
    lines = voice_lines(history, samples.run_info("night-2", 2), CONFIG)

    assert (
        lines[1]
        == "what customers said, 2025-12-02 to 2026-03-02 (29 responses; fewer than 5"
        " show no figure)"
    )
    by_tag = {
        line.split()[0]: line
        for line in lines[3:]
        if line and not line.startswith("  !")
    }
    assert by_tag["access"].split()[1:5] == ["6.6", "5.6", "+30", "n=4<5"]
    assert any(
        line.startswith("  ! support: Customers say support is harder")
        for line in lines
    )


def test_an_explicit_table_maps_a_survey_tag_to_journeys_by_name(history):
    config = surveys_config(
        {
            "min_responses": 5,
            "journeys": {"Support": ["Help / Asks the bot about delivery", "Account"]},
        }
    )
    with open_history(history) as store:
        run = store.list_runs(limit=1)[0]
        section = voice_section(store, run, store.load_run(run.run_id), config)

    support = {row.tag: row for row in section.rows}["support"]
    assert support.journeys == (
        "Help / Asks the bot about delivery",
        "Account / Signs up",
    )  # a scenario by name, a feature whole
    assert support.walked_score == pytest.approx((4.4 + 6.6) / 2)
