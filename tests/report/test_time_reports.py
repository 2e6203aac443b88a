"""The customer-time figures in the reports: effort.json and .csv, the effort page,
compare's lost-time regression.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult
from journeys.report import (
    compare_results,
    default_history_url,
    open_history,
    record_run,
)
from journeys.report.effort_html import render_effort_html
from journeys.report.time_trends import (
    lost_time_trend,
    ranked_by_lost_time,
    time_cells,
    time_section,
)


def timed_walk(samples, lost_s: float = 65.0) -> list[JourneyResult]:
    checkout, bot, signup = samples.potholed_walk()
    frictions = (
        replace(checkout.frictions[0], lost_time_s=lost_s - 20),
        replace(checkout.frictions[1], lost_time_s=20.0),
    )
    checkout = replace(
        checkout,
        frictions=frictions,
        customer_time_s=160.0,
        lost_time_s=lost_s,
        fields_seen=14,
        fields_filled=11,
        time_operators={
            "K": {"count": 120, "seconds": 33.6},
            "M": {"count": 20, "seconds": 27.0},
        },
        forms=(
            {"page": "/checkout", "form": "0", "fields_seen": 14, "fields_filled": 11},
        ),
    )
    bot = replace(
        bot,
        customer_time_s=40.0,
        lost_time_s=12.5,
        frictions=(replace(bot.frictions[0], lost_time_s=12.5),),
    )
    signup = replace(signup, customer_time_s=30.0)
    return [checkout, bot, signup]


def test_effort_json_and_csv_carry_the_time_and_the_checkout_benchmark(
    reports_dir, samples
):
    paths = record_run(reports_dir, samples.run_info("run-1", 1), timed_walk(samples))
    checkout = json.loads(paths.effort_json.read_text(encoding="utf-8"))["journeys"][0]
    assert (checkout["customer_time_s"], checkout["lost_time_s"]) == (160.0, 65.0)
    assert checkout["time_operators"]["K"] == {"count": 120, "seconds": 33.6}
    assert [f["lost_time_s"] for f in checkout["frictions"]] == [45.0, 20.0]
    assert checkout["form_benchmark"] == {
        "average_fields": 11.3,
        "achievable_fields": 8,
    }
    with paths.effort_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert (
        rows[0]["customer_time_s"],
        rows[0]["lost_time_s"],
        rows[0]["fields_seen"],
    ) == ("160.0", "65.0", "14")


def test_a_broken_journey_has_no_time_to_show():
    broken = JourneyResult(
        feature="f", scenario="s", outcome="broken", customer_time_s=12.0
    )
    assert set(time_cells(broken).values()) == {""}


def test_journeys_rank_by_lost_time_and_only_those_that_lost_any(samples):
    walk = timed_walk(samples)
    assert [r.scenario for r in ranked_by_lost_time(walk)] == [
        "Guest buys a mug",
        "Asks the bot about delivery",
    ]
    section = time_section(walk)
    assert section["headline"] == "about 3 min 50 s, 1 min 18 s lost"
    assert [c.lost_time_s for c in section["ranked"][0]["causes"]] == [45.0, 20.0]
    assert section["checkouts"][0]["over"]  # 14 fields seen, 8 achievable


def test_the_effort_page_shows_the_time_beside_the_score_and_the_ranking(
    reports_dir, samples
):
    walk = timed_walk(samples)
    html = render_effort_html(
        samples.run_info("run-1", 1), walk, reports_dir=reports_dir
    )
    assert "about 3 min 50 s, 1 min 18 s lost" in html  # the headline
    assert "about 2 min 40 s, 1 min 05 s lost" in html  # the checkout's row
    assert 'id="lost-ranking"' in html and "Baymard" in html
    smooth = render_effort_html(
        samples.run_info("run-1", 1), samples.smooth_walk(), reports_dir=reports_dir
    )
    assert "No journey lost time to a friction in this run." in smooth


def test_the_years_trend_of_lost_time_reads_the_history(tmp_path, samples):
    url = default_history_url(tmp_path)
    old = replace(
        samples.run_info("run-0", 1), started_at="2025-01-01T02:00:00Z"
    )  # more than a year before
    with open_history(url) as history:
        history.store_run(old, timed_walk(samples, 500.0))
        history.store_run(samples.run_info("run-1", 1), samples.smooth_walk())
        history.store_run(samples.run_info("run-2", 2), timed_walk(samples))
        trend = lost_time_trend(history)
        until_first = lost_time_trend(history, until="run-1")
    assert [(p.run_id, p.lost_time_s) for p in trend] == [
        ("run-1", 0.0),
        ("run-2", 77.5),
    ]
    assert [p.run_id for p in until_first] == ["run-1"]
    html = render_effort_html(
        samples.run_info("run-2", 2),
        timed_walk(samples),
        reports_dir=tmp_path,
        lost_trend=trend,
    )
    assert (
        'class="lost-trend"' in html and "2 runs from 2026-03-01 to 2026-03-02" in html
    )


def test_compare_flags_more_lost_time_than_the_threshold(samples):
    before, after = timed_walk(samples, 40.0), timed_walk(samples, 75.0)
    older, newer = samples.run_info("run-1", 1), samples.run_info("run-2", 2)
    flagged = compare_results(older, before, newer, after, lost_time_threshold_s=30)
    checkout = next(c for c in flagged.journeys if c.scenario == "Guest buys a mug")
    assert checkout.regressed
    assert checkout.reasons == ("lost time 40 s -> 1 min 15 s (+35 s, more than 30 s)",)
    assert "lost time 40 s -> 1 min 15 s" in flagged.render_text()
    assert not compare_results(
        older, before, newer, after, lost_time_threshold_s=35
    ).regressions
    assert not compare_results(
        older, before, newer, after
    ).regressions  # no threshold: not judged


def test_compare_does_not_judge_lost_time_of_a_journey_it_could_not_walk(samples):
    before = timed_walk(samples, 0.0)
    after = timed_walk(samples, 300.0)
    after[0] = replace(after[0], outcome="broken")
    flagged = compare_results(
        samples.run_info("a", 1),
        before,
        samples.run_info("b", 2),
        after,
        lost_time_threshold_s=1,
    )
    checkout = next(c for c in flagged.journeys if c.scenario == "Guest buys a mug")
    assert not any("lost time" in reason for reason in checkout.reasons)


def test_a_friction_keeps_its_lost_time_through_the_history(tmp_path, samples):
    url = default_history_url(tmp_path)
    walk = timed_walk(samples)
    with open_history(url) as history:
        history.store_run(samples.run_info("run-1", 1), walk)
        assert history.load_run("run-1") == walk
    assert (
        isinstance(walk[0].frictions[0], Friction)
        and walk[0].frictions[0].lost_time_s == 45.0
    )
