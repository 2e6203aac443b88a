"""A stopped walk's journeys (interrupted, not walked) are no finding: no score, no
regression, no trend, and a walk that ran to its end lists only what it walked.
"""

from __future__ import annotations

from journeys.effort.result import JourneyResult, Outcome, RunInfo
from journeys.report.allure_files import allure_labels
from journeys.report.compare import compare_results, overall_score
from journeys.run.results import append_result, load_results, write_plan


def _journey(outcome: Outcome, score: float, name: str = "Buy") -> JourneyResult:
    return JourneyResult(
        feature="Shop", scenario=name, outcome=outcome, score=score, node_id=name
    )


def test_interrupted_and_not_walked_count_in_no_score_and_are_no_regression():
    older = [_journey(Outcome.COMPLETED, 6.5), _journey(Outcome.COMPLETED, 6.0, "Ask")]
    newer = [
        _journey(Outcome.INTERRUPTED, 7.0),
        _journey(Outcome.NOT_WALKED, 7.0, "Ask"),
    ]
    assert all(not r.walked and r.stopped for r in newer)
    assert overall_score(newer) is None
    assert overall_score([*newer, _journey(Outcome.ABANDONED, 3.0, "Return")]) == 3.0
    comparison = compare_results(
        RunInfo(run_id="a", started_at="2026-12-07T00:00:00+00:00"),
        older,
        RunInfo(run_id="b", started_at="2026-12-08T00:00:00+00:00"),
        newer,
    )
    assert not comparison.regressions
    assert not any(j.harness_broke for j in comparison.journeys)


def test_allure_tags_a_stopped_journey_as_the_walks_not_the_harnesss():
    tags = {
        v for k, v in allure_labels(_journey(Outcome.INTERRUPTED, 7.0)) if k == "tag"
    }
    assert tags == {"walk:interrupted"}
    tags = {v for k, v in allure_labels(_journey(Outcome.BROKEN, 7.0)) if k == "tag"}
    assert tags == {"harness:broken"}


def test_the_plan_lists_never_started_journeys_only_when_the_walk_was_stopped(
    tmp_path,
):
    planned = [_journey(Outcome.NOT_WALKED, 7.0, n) for n in ("Buy", "Ask", "Return")]
    write_plan(tmp_path, "run", planned)
    append_result(tmp_path, "run", _journey(Outcome.COMPLETED, 6.0, "Buy"))
    append_result(tmp_path, "run", _journey(Outcome.INTERRUPTED, 7.0, "Ask"))
    stopped = {
        r.scenario: r.outcome for r in load_results(tmp_path, "run", stopped=True)
    }
    assert stopped == {
        "Buy": Outcome.COMPLETED,
        "Ask": Outcome.INTERRUPTED,
        "Return": Outcome.NOT_WALKED,
    }
    ended = {r.scenario for r in load_results(tmp_path, "run")}
    assert ended == {"Buy", "Ask"}
