"""Honest outcomes and one kind table (issues 10 and 16): what every report shows comes
from the record and the table.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import journeys.report
from journeys.effort import EffortModel, FrictionKind, excerpt, friction_kinds
from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult, Outcome
from journeys.report import (
    allure_categories,
    compare_results,
    load_effort_json,
    score_text,
    write_effort_csv,
    write_effort_json,
)
from journeys.report.effort_html import render_effort_html

SLOW_REFUND = FrictionKind(
    name="slow_refund",
    title="Slow refund",
    label="slow refund",
    plural="slow refunds",
    finding="Customer waited for their money",
    points=7.0,
    meaning="The refund took longer than promised.",
    driver="Broken promises about money weigh most.",
)


def test_a_kind_added_to_a_copy_of_the_table_reaches_model_allure_and_effort_page(
    samples, tmp_path
):
    kinds = friction_kinds.plus(SLOW_REFUND)

    model = EffortModel(kinds=kinds)
    assert (
        model.points["slow_refund"] == 7.0
        and model.points_for("dead_end") == friction_kinds["dead_end"].points
    )
    assert (
        EffortModel.from_config({"points": {"slow_refund": 9}}, kinds=kinds).points[
            "slow_refund"
        ]
        == 9.0
    )

    categories = {c["name"]: c for c in allure_categories(kinds=kinds)}
    assert re.fullmatch(
        categories["Customer waited for their money"]["messageRegex"],
        "friction:slow_refund (-7 points)",
    )
    allure3 = {c["name"]: c for c in allure_categories(for_allure3=True, kinds=kinds)}
    assert (
        allure3["Customer waited for their money"]["matchers"][0]["labels"]["tag"]
        == "^friction:slow_refund$"
    )

    result = JourneyResult(
        feature="Refunds",
        scenario="Wait for a refund",
        score=5.0,
        frictions=(
            Friction(
                kind="slow_refund", points=7.0, step=1, evidence="Refund took 9 days."
            ),
        ),
    )
    html = render_effort_html(
        samples.run_info("r1", 1), [result], reports_dir=tmp_path, kinds=kinds
    )
    frictions = html[html.index('id="frictions"') :]
    assert (
        "Slow refund" in frictions
        and "The refund took longer than promised." in frictions
    )


def test_no_report_writes_a_kind_of_its_own():
    """Every kind name, title and finding a report shows is read from the table, never
    written again.
    """
    folder = Path(journeys.report.__file__).parent
    sources = {
        p.name: p.read_text(encoding="utf-8")
        for p in [*folder.glob("*.py"), *folder.glob("templates/*")]
    }
    for kind, row in friction_kinds.items():
        for words in {f'"{kind}"', f"'{kind}'", row.finding, f'"{row.title}"'}:
            written = [name for name, text in sources.items() if words in text]
            assert not written, (
                f"{words} is written in {written}: read it from journeys.effort.kinds"
            )


def test_the_model_defaults_are_the_tables():
    assert dict(EffortModel().points) == {
        name: row.points for name, row in friction_kinds.items()
    }


BROKEN = JourneyResult(
    feature="Tracking",
    scenario="Tracks an order",
    outcome="broken",
    error="locator timed out",
)


def test_a_broken_journey_shows_no_score_anywhere(samples, tmp_path):
    assert BROKEN.outcome is Outcome.BROKEN and score_text(BROKEN) == "—"
    assert score_text(samples.smooth_walk()[0]) == "6.5"
    run = samples.run_info("r1", 1)
    write_effort_csv(tmp_path / "effort.csv", run, [*samples.smooth_walk(), BROKEN])
    rows = list(csv.DictReader((tmp_path / "effort.csv").open(encoding="utf-8")))
    assert [r["score"] for r in rows] == ["6.50", "6.80", "6.60", "—"]
    write_effort_json(tmp_path / "effort.json", run, [BROKEN])
    stored = json.loads((tmp_path / "effort.json").read_text())["journeys"][0]
    assert (stored["outcome"], stored["score"]) == ("broken", None)
    _, (back,) = load_effort_json(tmp_path / "effort.json")
    assert back.outcome is Outcome.BROKEN
    older = samples.smooth_walk()
    older[0] = JourneyResult(feature="Tracking", scenario="Tracks an order", score=6.0)
    text = compare_results(samples.run_info("a", 1), older, run, [BROKEN]).render_text()
    assert re.search(r"Tracks an order\s*x\s+6\.0\s+—\s+—", text), text
    assert "7.0" not in text


def _walk(*outcomes_scores):
    return [
        JourneyResult(feature="F", scenario=f"S{i}", outcome=o, score=s)
        for i, (o, s) in enumerate(outcomes_scores)
    ]


def test_the_headline_leads_with_journeys_completed_coloured_by_the_worse(
    samples, tmp_path
):
    run = samples.run_info("r1", 1)
    good = render_effort_html(
        run, _walk(("completed", 6.5), ("completed", 6.7)), reports_dir=tmp_path
    )
    headline = good[good.index('id="overall"') : good.index('id="journeys"')]
    assert headline.index("2 of 2 journeys completed") < headline.index(
        "Overall effort score"
    )
    assert headline.count('class="big good"') == 2

    most_gave_up = _walk(
        ("completed", 6.9),
        ("abandoned", 3.0),
        ("abandoned", 3.0),
        ("completed", 6.9),
        ("broken", 7.0),
    )
    bad = render_effort_html(run, most_gave_up, reports_dir=tmp_path)
    headline = bad[bad.index('id="overall"') : bad.index('id="journeys"')]
    assert "2 of 4 journeys completed" in headline and "gave up on 2" in headline
    assert (
        headline.count('class="big bad"') == 2
    )  # the score alone (4.95) would be amber


def test_since_the_previous_run_compares_the_same_journeys_only(samples):
    older = _walk(("completed", 6.0), ("completed", 2.0))
    newer = [older[0], JourneyResult(feature="F", scenario="new one", score=7.0)]
    comparison = compare_results(
        samples.run_info("a", 1), older, samples.run_info("b", 2), newer
    )
    assert comparison.compared == 1 and comparison.overall_change == 0.0
    assert "over the 1 journey walked in both runs" in comparison.render_text()


def test_excerpts_end_on_a_word_with_an_ellipsis():
    text = (
        "The delivery step asks for the e-mail address already given on the details"
        " step, again."
    )
    cut = excerpt(text, 40)
    assert cut == "The delivery step asks for the e-mail…" and len(cut) <= 40
    assert excerpt("short", 40) == "short"
    assert excerpt("x" * 100, 20) == "x" * 19 + "…"
