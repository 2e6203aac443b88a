"""Hook specifications of the journeys pytest plugin: how reports and other plugins hear
about a walk.

A reporter is a plugin that implements some of these (see docs/extending.md). The
built-in reporters (Allure decoration, the effort page with JSON and CSV, the history
store, the live progress line) are registered the same way, only when enabled, and the
run-level ones only on the xdist controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from journeys.run.journey import Journey

    from .effort.result import JourneyResult, RunInfo


@pytest.hookspec
def pytest_journeys_step_finished(journey: Journey, step: str, failed: bool) -> None:
    """A Gherkin step of a journey ended (in the process that walks it): for live
    progress.
    """


@pytest.hookspec
def pytest_journeys_result(result: JourneyResult) -> None:
    """A journey ended and became a result (in the process that walked it, worker or
    not).

    The result is all a reporter sees of the journey: its effort, transcript,
    screenshots by path, HTTP exchanges, e-mail count and failure message.
    """


@pytest.hookspec
def pytest_journeys_run_finished(run: RunInfo, results: list[JourneyResult]) -> None:
    """Every journey of the walk has ended: called once, on the xdist controller, with
    all results.
    """
