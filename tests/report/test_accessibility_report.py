"""Barriers in the reports: beside each journey's score, counted per WCAG level, and new
ones in `compare`.
"""

from __future__ import annotations

import re

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult
from journeys.report import compare_results
from journeys.report.effort_html import render_effort_html

HOSTILE = '<button onclick="x()"><img src=x onerror=alert(1)></button>'
HELP = "https://dequeuniversity.com/rules/axe/4.12/button-name"


def barrier(markup: str = HOSTILE, where: str = "/basket") -> Friction:
    return Friction(
        kind="barrier",
        points=15.0,
        step=2,
        evidence=f"the control they pressed on {where} fails axe-core's "
        f'"button-name" rule (WCAG A): Buttons must have discernible text ({HELP};'
        " step 3)",
        where=where,
        excerpt=markup,
    )


def checked(*, used: bool) -> dict:
    return {
        "url": "http://shop.test/basket",
        "step": 2,
        "violations": [
            {
                "rule": "button-name",
                "impact": "critical",
                "level": "A",
                "help": "Buttons must have discernible text",
                "help_url": HELP,
                "markup": [HOSTILE],
                "more": 0,
                "on_path": [HOSTILE] if used else [],
            },
            {
                "rule": "color-contrast",
                "impact": "serious",
                "level": "AA",
                "help": "Elements must meet minimum color contrast ratio thresholds",
                "help_url": "https://dequeuniversity.com/rules/axe/4.12/color-contrast",
                "markup": ["<small>terms</small>", "<small>privacy</small>"],
                "more": 0,
                "on_path": [],
            },
        ],
    }


def journey(*frictions: Friction, used: bool = True) -> JourneyResult:
    return JourneyResult(
        feature="Buy",
        scenario="Checkout",
        score=5.5,
        frictions=frictions,
        accessibility=(checked(used=used),),
    )


def test_the_effort_page_shows_each_barrier_beside_its_journey_escaped(
    tmp_path, samples
):
    html = render_effort_html(
        samples.run_info("r1", 1), [journey(barrier())], reports_dir=tmp_path
    )
    row = html[
        html.index('id="journeys"') : html.index(
            "</section>", html.index('id="journeys"')
        )
    ]
    assert "Barrier: the control they pressed on /basket" in row
    assert HELP in row
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in row


def test_the_effort_page_counts_barriers_and_other_violations_per_wcag_level(
    tmp_path, samples
):
    html = render_effort_html(
        samples.run_info("r1", 1), [journey(barrier())], reports_dir=tmp_path
    )
    section = html[html.index('id="accessibility"') :]
    section = section[: section.index("</section>")]
    rows = re.findall(
        r"<tr><td>(\w+)</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td></tr>", section
    )
    assert rows == [("A", "1", "0"), ("AA", "0", "2")]
    assert "checked 1 page" in section
    assert "color-contrast (2)" in section


def test_a_run_with_accessibility_off_shows_no_such_section(tmp_path, samples):
    result = JourneyResult(feature="Buy", scenario="Checkout", score=7.0)
    html = render_effort_html(samples.run_info("r1", 1), [result], reports_dir=tmp_path)
    assert 'id="accessibility"' not in html


def test_compare_flags_a_new_barrier_even_where_barriers_were_met_before(samples):
    older = [journey(barrier("<a href=/a></a>"))]
    newer = [journey(barrier("<a href=/a></a>"), barrier())]
    run_a, run_b = samples.run_info("a", 1), samples.run_info("b", 2)
    comparison = compare_results(run_a, older, run_b, newer)
    (regressed,) = comparison.regressions
    assert any(
        r.startswith("new barrier") and "button-name" in r for r in regressed.reasons
    )
    assert "new barrier" in comparison.render_text()


def test_the_same_barriers_in_both_runs_are_no_regression(samples):
    run_a, run_b = samples.run_info("a", 1), samples.run_info("b", 2)
    comparison = compare_results(
        run_a, [journey(barrier())], run_b, [journey(barrier())]
    )
    assert comparison.regressions == ()


def test_the_history_keeps_the_pages_checked_and_the_barriers(tmp_path, samples):
    from journeys.report import open_history

    walk = [journey(barrier())]
    with open_history(f"sqlite:///{tmp_path / 'history.sqlite'}") as history:
        history.store_run(samples.run_info("r1", 1), walk)
        (kept,) = history.load_run("r1")
    assert kept.accessibility == walk[0].accessibility
    assert [f.kind for f in kept.frictions] == ["barrier"]
