"""One journey through pytest-bdd's scenario: started, its steps marked in the ledger,
finished into a result.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from journeys.project.features import unknown_step_error
from journeys.run import progress
from journeys.run.journey import Journey, budget_error
from journeys.run.redaction import redact_exception, redacted_result
from journeys.run.results import append_result

from .collect import is_journey
from .keys import CLOCK_KEY, JOURNEY_KEY, PROJECT_KEY


def begin(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """A journey scenario starts: its persona, ledger and shopper, kept in the run at
    once.
    """
    if not is_journey(request.node):
        return
    from journeys.run.assemble import start_journey

    journey = request.node.stash[JOURNEY_KEY] = start_journey(
        request.config.stash[PROJECT_KEY],
        request.getfixturevalue("journeys_target"),
        node_id=request.node.nodeid,
        feature_name=feature.name,
        feature_path=feature.filename,
        scenario_name=scenario.name,
        tags=tuple(
            sorted({*getattr(feature, "tags", ()), *getattr(scenario, "tags", ())})
        ),
        page=lambda: request.getfixturevalue("page"),
        run_id=request.config.stash[CLOCK_KEY].run_id,
    )
    # Kept at once, replaced when it ends: a process stopped or killed mid-journey still
    # leaves it in the run.
    append_result(
        journey.reports_dir,
        request.config.stash[CLOCK_KEY].run_id,
        journey.interrupted(),
    )


def current(request: pytest.FixtureRequest) -> Journey | None:
    return request.node.stash.get(JOURNEY_KEY, None)


def step_began(request: pytest.FixtureRequest, step: Any) -> None:
    journey = current(request)
    if journey is not None:
        journey.step_started(
            f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number
        )


def step_ended(
    request: pytest.FixtureRequest, step: Any, error: BaseException | None
) -> None:
    journey = current(request)
    if journey is None:
        return
    from journeys.run.assemble import screenshotter

    text = f"{step.keyword} {step.name}"
    journey.step_finished(text, error=error, screenshot=screenshotter(journey))
    request.config.hook.pytest_journeys_step_finished(
        journey=journey, step=text, failed=error is not None
    )


def step_failed(
    request: pytest.FixtureRequest, step: Any, exception: BaseException
) -> None:
    """A step raised: what the site echoed is redacted before Allure or the console
    reads the error.
    """
    journey = current(request)
    if journey is not None:
        redact_exception(exception, journey.ledger.redact)
    step_ended(request, step, exception)


def step_not_found(request: pytest.FixtureRequest, feature: Any, step: Any) -> None:
    """A step no module defines ends the journey with the catalogue's nearest steps."""
    journey = current(request)
    if journey is not None:
        journey.step_started(
            f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number
        )
        step_ended(
            request,
            step,
            unknown_step_error(
                feature.filename, step.line_number, step.keyword, step.name
            ),
        )


def walked(item: pytest.Item) -> Generator[None, Any, Any]:
    """Around a journey's test call: whatever happens, the journey becomes a result (the
    plugin's wrapper delegates here).
    """
    failure = None
    try:
        outcome = yield
    # what pytest, Allure and the console show of it must not carry what the site echoed
    except BaseException as error:
        journey = item.stash.get(JOURNEY_KEY, None)
        if journey is not None:
            redact_exception(error, journey.ledger.redact)
        raise
    finally:
        journey = item.stash.get(JOURNEY_KEY, None)
        if journey is not None:
            failure = finish(item, journey)
    if failure is not None:
        raise failure
    return outcome


def finish(item: pytest.Item, journey: Journey) -> BaseException | None:
    """The journey becomes a result: kept at once (a walk cut short keeps it), then
    handed to the reporters.
    """
    from journeys.run.assemble import screenshotter

    result = redacted_result(
        journey.finish(screenshotter(journey)), journey.ledger.redact
    )
    append_result(journey.reports_dir, item.config.stash[CLOCK_KEY].run_id, result)
    # Under xdist the controller sees only reports: what the live progress shows travels
    # with them.
    progress.carry(item, result)
    item.config.hook.pytest_journeys_result(result=result)
    return budget_error(result)
