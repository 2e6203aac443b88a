import pytest

from journeys.effort.result import JourneyResult
from journeys.errors import JourneysError
from journeys.report import (
    compare_results,
    compare_runs,
    default_history_url,
    open_history,
)


def _store(where, *walks):
    """Store the walks in the history at a URL (the history_url fixture's), or in a
    SQLite file in a folder.
    """
    url = where if isinstance(where, str) else default_history_url(where)
    with open_history(url) as history:
        for run, walk in walks:
            history.store_run(run, walk)
    return url


def test_a_potholed_run_after_a_smooth_one_lists_each_new_friction_and_regression(
    history_url, samples
):
    url = _store(
        history_url,
        (samples.run_info("20260301-smooth", 1), samples.smooth_walk()),
        (samples.run_info("20260302-potholed", 2), samples.potholed_walk()),
    )

    comparison = compare_runs(url)

    assert (comparison.older.run_id, comparison.newer.run_id) == (
        "20260301-smooth",
        "20260302-potholed",
    )
    by_name = {c.scenario: c for c in comparison.journeys}
    checkout = by_name["Guest buys a mug"]
    assert checkout.new_kinds == ("reentered_data", "dead_end")
    assert [f.evidence for f in checkout.new_frictions] == [
        "The customer typed their e-mail a second time.",
        "The Pay button did nothing.",
    ]
    assert checkout.change == pytest.approx(3.1 - 6.5)
    assert by_name["Asks the bot about delivery"].new_kinds == ("bot_loop",)
    assert [c.scenario for c in comparison.regressions] == [
        "Guest buys a mug",
        "Asks the bot about delivery",
    ]
    assert not by_name["Signs up"].regressed and by_name["Signs up"].unchanged
    text = comparison.render_text()
    for expected in (
        "regressions: 2",
        "new friction reentered_data",
        "new friction dead_end",
        "new friction bot_loop",
        "score 6.5 -> 3.1 (-3.4)",
        "+reentered_data +dead_end",
    ):
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
    assert {c.scenario: c.vanished_kinds for c in comparison.journeys}[
        "Guest buys a mug"
    ] == ("reentered_data", "dead_end")
    assert "-reentered_data -dead_end" in comparison.render_text()


def test_identical_runs_compare_clean(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("a", 1), samples.potholed_walk()),
        (samples.run_info("b", 2), samples.potholed_walk()),
    )

    comparison = compare_runs(url, "a", "b")

    assert comparison.clean and comparison.regressions == ()
    assert comparison.overall_change == 0
    assert "no changes" in comparison.render_text()


def test_a_small_drop_within_the_threshold_is_not_a_regression(samples):
    older = [JourneyResult(feature="F", scenario="S", score=6.0)]
    newer = [JourneyResult(feature="F", scenario="S", score=5.6)]
    run_a, run_b = samples.run_info("a", 1), samples.run_info("b", 2)

    assert compare_results(run_a, older, run_b, newer, threshold=0.5).regressions == ()
    assert (
        len(compare_results(run_a, older, run_b, newer, threshold=0.3).regressions) == 1
    )


def test_new_and_vanished_journeys_and_harness_breakage_are_apart(samples):
    older = [
        JourneyResult(feature="F", scenario="kept", score=6.0),
        JourneyResult(feature="F", scenario="dropped", score=6.0),
    ]
    newer = [
        JourneyResult(
            feature="F",
            scenario="kept",
            score=1.0,
            outcome="broken",
            error="locator timed out",
        ),
        JourneyResult(feature="F", scenario="added", score=2.0),
    ]

    comparison = compare_results(
        samples.run_info("a", 1), older, samples.run_info("b", 2), newer
    )

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
    assert (comparison.older.run_id, comparison.newer.run_id) == (
        "20260301-x",
        "20260302-y",
    )
    # Only the newer given: compare with the run before it.
    assert compare_runs(url, newer="20260303").older.run_id == "20260302-y"


def test_compare_needs_two_runs(tmp_path, samples):
    url = _store(tmp_path, (samples.run_info("only", 1), samples.smooth_walk()))
    with pytest.raises(JourneysError, match="compare needs two runs, it holds 1"):
        compare_runs(url)


def test_compare_takes_the_last_two_runs_of_the_newest_runs_device(
    history_url, samples
):
    """A phone run between two desktop runs is not what the desktop's last run compares
    with.
    """
    url = _store(
        history_url,
        (samples.run_info("desk-1", 1), samples.smooth_walk()),
        (samples.run_info("phone-1", 2, device="iPhone 13"), samples.smooth_walk()),
        (samples.run_info("desk-2", 3), samples.potholed_walk()),
    )
    comparison = compare_runs(url)
    assert (comparison.older.run_id, comparison.newer.run_id) == ("desk-1", "desk-2")
    assert comparison.same_device and "devices differ" not in comparison.render_text()
    assert compare_runs(url, newer="desk-2").older.run_id == "desk-1"
    assert (
        compare_runs(url, "phone-1").newer.run_id == "phone-1"
    )  # the newest phone run is itself


def test_runs_named_on_two_devices_compare_and_say_so(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("desk", 1), samples.smooth_walk()),
        (samples.run_info("phone", 2, device="iPhone 13"), samples.potholed_walk()),
    )
    comparison = compare_runs(url, "desk", "phone")
    assert not comparison.same_device
    text = comparison.render_text()
    assert "devices differ: older walked on desktop, newer on iPhone 13" in text
    assert "newer  phone (2026-03-02T02:00:00Z, iPhone 13)" in text


def test_compare_needs_two_runs_on_the_newest_device(tmp_path, samples):
    url = _store(
        tmp_path,
        (samples.run_info("desk-1", 1), samples.smooth_walk()),
        (samples.run_info("desk-2", 2), samples.smooth_walk()),
        (samples.run_info("phone-1", 3, device="iPhone 13"), samples.smooth_walk()),
    )
    with pytest.raises(
        JourneysError, match="compare needs two runs walked on iPhone 13, it holds 1"
    ):
        compare_runs(url)
    with pytest.raises(JourneysError, match="no run on iPhone 13 before phone-1"):
        compare_runs(url, newer="phone-1")
