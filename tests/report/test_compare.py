import pytest

from journeys.effort.result import JourneyResult
from journeys.errors import JourneysError
from journeys.report import compare_results, compare_runs, default_history_url, open_history


def _store(tmp_path, *walks):
    url = default_history_url(tmp_path)
    with open_history(url) as history:
        for run, walk in walks:
            history.store_run(run, walk)
    return url


def test_a_potholed_run_after_a_smooth_one_lists_each_new_friction_and_regression(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("20260301-smooth", 1), samples.smooth_walk()),
        (samples.run_info("20260302-potholed", 2), samples.potholed_walk()),
    )

    comparison = compare_runs(url)

    assert (comparison.older.run_id, comparison.newer.run_id) == ("20260301-smooth", "20260302-potholed")
    by_name = {c.scenario: c for c in comparison.journeys}
    checkout = by_name["Guest buys a mug"]
    assert checkout.new_kinds == ("reentered_data", "dead_end")
    assert [f.evidence for f in checkout.new_frictions] == ["The customer typed their e-mail a second time.", "The Pay button did nothing."]
    assert checkout.change == pytest.approx(3.1 - 6.5)
    assert by_name["Asks the bot about delivery"].new_kinds == ("bot_loop",)
    assert [c.scenario for c in comparison.regressions] == ["Guest buys a mug", "Asks the bot about delivery"]
    assert not by_name["Signs up"].regressed and by_name["Signs up"].unchanged
    text = comparison.render_text()
    for expected in ("regressions: 2", "new friction reentered_data", "new friction dead_end", "new friction bot_loop",
                     "score 6.5 -> 3.1 (-3.4)", "+reentered_data +dead_end"):
        assert expected in text
    assert not comparison.clean


def test_the_way_back_lists_vanished_frictions_and_no_regression(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("a", 1), samples.potholed_walk()),
        (samples.run_info("b", 2), samples.smooth_walk()),
    )

    comparison = compare_runs(url)

    assert comparison.regressions == ()
    assert {c.scenario: c.vanished_kinds for c in comparison.journeys}["Guest buys a mug"] == ("reentered_data", "dead_end")
    assert "-reentered_data -dead_end" in comparison.render_text()


def test_identical_runs_compare_clean(tmp_path, samples):
    url = _store(tmp_path, (samples.run_info("a", 1), samples.potholed_walk()), (samples.run_info("b", 2), samples.potholed_walk()))

    comparison = compare_runs(url, "a", "b")

    assert comparison.clean and comparison.regressions == ()
    assert comparison.overall_change == 0
    assert "no changes" in comparison.render_text()


def test_a_small_drop_within_the_threshold_is_not_a_regression(samples):
    older = [JourneyResult(feature="F", scenario="S", score=6.0)]
    newer = [JourneyResult(feature="F", scenario="S", score=5.6)]
    run_a, run_b = samples.run_info("a", 1), samples.run_info("b", 2)

    assert compare_results(run_a, older, run_b, newer, threshold=0.5).regressions == ()
    assert len(compare_results(run_a, older, run_b, newer, threshold=0.3).regressions) == 1


def test_new_and_vanished_journeys_and_harness_breakage_are_apart(samples):
    older = [JourneyResult(feature="F", scenario="kept", score=6.0), JourneyResult(feature="F", scenario="dropped", score=6.0)]
    newer = [
        JourneyResult(feature="F", scenario="kept", score=1.0, outcome="broken", error="locator timed out"),
        JourneyResult(feature="F", scenario="added", score=2.0),
    ]

    comparison = compare_results(samples.run_info("a", 1), older, samples.run_info("b", 2), newer)

    assert [c.scenario for c in comparison.new_journeys] == ["added"]
    assert [c.scenario for c in comparison.vanished_journeys] == ["dropped"]
    # A broken walk is the harness's problem: never a customer regression.
    assert comparison.regressions == ()
    assert [c.scenario for c in comparison.harness_broken] == ["kept"]
    assert "harness problems" in comparison.render_text()


def test_run_ids_may_be_prefixes(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("20260301-x", 1), samples.smooth_walk()),
        (samples.run_info("20260302-y", 2), samples.potholed_walk()),
        (samples.run_info("20260303-z", 3), samples.smooth_walk()),
    )

    comparison = compare_runs(url, "20260301", "20260302")
    assert (comparison.older.run_id, comparison.newer.run_id) == ("20260301-x", "20260302-y")
    # Only the newer given: compare with the run before it.
    assert compare_runs(url, newer="20260303").older.run_id == "20260302-y"


def test_compare_needs_two_runs(tmp_path, samples):
    url = _store(tmp_path, (samples.run_info("only", 1), samples.smooth_walk()))
    with pytest.raises(JourneysError, match="compare needs two runs, it holds 1"):
        compare_runs(url)
