"""One journey's lifecycle without a browser: steps, moments that matter, outcomes and
budgets.
"""

from __future__ import annotations

from pathlib import Path

from journeys.effort import EffortModel
from journeys.effort.events import Clicked, StepStarted
from journeys.effort.ledger import Ledger
from journeys.errors import BudgetExceeded, JourneyAbandoned
from journeys.run.journey import Journey
from journeys.shopper import Shopper, make_persona


def _journey(tags=("buy",)) -> Journey:
    ledger = Ledger()
    shopper = Shopper(make_persona(1, "j"), ledger)
    return Journey(
        feature="F",
        scenario="S",
        node_id="n",
        feature_path="features/f.feature",
        tags=tags,
        shopper=shopper,
        model=EffortModel.from_config({}),
        reports_dir=Path("/nonexistent"),
    )


def _walk(journey: Journey, clicks: int, *, moment_from: int | None = None) -> None:
    for index in range(clicks):
        if index == moment_from:
            journey.shopper.in_moment_that_matters = True
        journey.step_started(f"When I click {index}", keyword="When", line=index)
        journey.ledger.record(Clicked(target=str(index), effect="navigated"))
        journey.step_finished(f"When I click {index}", error=None, screenshot=None)


def test_a_moment_that_matters_step_weighs_the_steps_after_it():
    plain, weighted = _journey(), _journey()
    _walk(plain, 6)
    _walk(weighted, 6, moment_from=3)
    flags = [
        e.moment_that_matters
        for e in weighted.ledger.events
        if isinstance(e, StepStarted)
    ]
    assert flags == [False, False, False, True, True, True]
    assert weighted.finish().points > plain.finish().points


def test_the_tag_makes_the_whole_journey_a_moment_that_matters():
    journey = _journey(tags=("buy", "moment-that-matters"))
    _walk(journey, 2)
    assert all(
        e.moment_that_matters
        for e in journey.ledger.events
        if isinstance(e, StepStarted)
    )


def test_outcomes_a_customer_giving_up_is_a_finding_anything_else_breaks_the_walk():
    gave_up, broke, over_budget = _journey(), _journey(), _journey()
    for journey, error in (
        (gave_up, JourneyAbandoned("never saw it")),
        (broke, KeyError("x")),
        (over_budget, BudgetExceeded("CES")),
    ):
        journey.step_started("Then something", keyword="Then", line=1)
        journey.step_finished("Then something", error=error, screenshot=None)
    assert gave_up.finish().outcome == "abandoned" and gave_up.finish().score <= 3
    assert broke.finish().outcome == "broken" and "KeyError" in broke.finish().error
    result = over_budget.finish()
    assert result.outcome == "completed" and not result.budgets_met


def test_tag_budgets_are_checked_at_the_end():
    journey = _journey(tags=("buy", "max-steps-3"))
    _walk(journey, 5)
    (check,) = journey.finish().budgets
    assert not check.met and "5" in check.detail


def test_a_journey_is_detected_once_then_scored_and_timed_from_the_same_frictions(
    monkeypatch,
):
    import sys

    detect_module = sys.modules[
        "journeys.effort.detect"
    ]  # the package names a function detect
    from journeys.effort.events import GaveUp, PageOpened

    runs = []

    def counted(walk):
        runs.append(len(walk.events))
        return iter(())

    monkeypatch.setattr(detect_module, "_SCANS", (*detect_module._SCANS, counted))
    journey = _journey()
    journey.step_started("When I open the shop", keyword="When", line=1)
    journey.ledger.record(
        PageOpened(url="http://shop.test/", status=200, load_ms=9000.0)
    )
    journey.ledger.record(Clicked(target="Buy", effect="nothing"))
    journey.ledger.record(Clicked(target="Buy", effect="nothing"))
    journey.step_finished("When I open the shop", error=None, screenshot=None)
    journey.ledger.record(GaveUp(goal="buy", reason="the button is dead"))
    result = journey.finish()
    assert len(runs) == 1
    kinds = [f.kind for f in result.frictions]
    assert kinds == ["wait", "dead_end", "abandoned"]
    wait, dead_click, _ = result.frictions
    # Matched to its own event: the wait loses the load over 3 s, the dead clicks
    # their pointing and pressing.
    assert wait.lost_time_s == 6.0
    assert dead_click.lost_time_s > 0
    assert result.lost_time_s == round(sum(f.lost_time_s for f in result.frictions), 2)
