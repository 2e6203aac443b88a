"""The built-in reporters, as pytest plugins of the journeys hooks (journeys/hooks.py).

The journeys plugin registers each only when it is enabled: Allure decoration
when pytest writes Allure results (`--alluredir`), the effort files, history
and effort page on the process that records the run (the xdist controller, or
the only process). A third-party report is one more plugin implementing the
same hooks (docs/extending.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..effort.result import JourneyResult, RunInfo
from .history_settings import HistoryConfig
from .surveys_config import SurveysConfig

if TYPE_CHECKING:
    from journeys.project.sections import Project


class AllureReporter:
    """Each journey's score, frictions, transcript and HTTP exchanges on its Allure
    test; run files at the end.
    """

    def __init__(self, results_dir: Path, reports_dir: Path) -> None:
        self.results_dir = Path(results_dir)
        self.reports_dir = Path(reports_dir)  # where the screenshots are

    def pytest_journeys_result(self, result: JourneyResult) -> None:
        from .allure_steps import decorate

        # The result's exchanges were redacted with it, by the whole walk's secrets.
        decorate(result, reports_dir=self.reports_dir)

    def pytest_journeys_run_finished(
        self, run: RunInfo, results: list[JourneyResult]
    ) -> None:
        from .allure_files import write_allure_extras

        write_allure_extras(self.results_dir, run)


class EffortFilesReporter:
    """`effort.json` and `effort.csv`: the run's results for dashboards and tools of
    your own.
    """

    def __init__(self, reports_dir: Path) -> None:
        self.reports_dir = Path(reports_dir)

    @pytest.hookimpl(tryfirst=True)
    def pytest_journeys_run_finished(
        self, run: RunInfo, results: list[JourneyResult]
    ) -> None:
        from .record import write_effort_csv, write_effort_json

        write_effort_json(self.reports_dir / "effort.json", run, results)
        write_effort_csv(self.reports_dir / "effort.csv", run, results)


class HistoryReporter:
    """Every walk stored (run, journeys, frictions) for trends and `journeys
    compare`.
    """

    def __init__(self, reports_dir: Path, config: HistoryConfig) -> None:
        self.reports_dir = Path(reports_dir)
        self.url = config.resolved_url(reports_dir)
        self.keep_runs = config.keep_runs
        # why this run is not in the history (a lock held too long: kept aside), said
        # once the reports are written
        self.problem = ""

    @pytest.hookimpl(tryfirst=True)
    def pytest_journeys_run_finished(
        self, run: RunInfo, results: list[JourneyResult]
    ) -> None:
        from ..errors import JourneysError

        # SQLAlchemy, loaded once the journeys are walked
        from .history_pending import store_or_keep

        try:
            store_or_keep(
                self.url,
                run,
                results,
                reports_dir=self.reports_dir,
                keep_runs=self.keep_runs,
            )
        # the effort page is still built (from the runs before): reported after it
        except JourneysError as error:
            self.problem = str(error)


class EffortPageReporter:
    """The executives' one-page effort report, built from the history once this run is
    in it.
    """

    def __init__(
        self,
        reports_dir: Path,
        config: HistoryConfig,
        surveys: SurveysConfig | None = None,
    ) -> None:
        self.reports_dir = Path(reports_dir)
        self.url = config.resolved_url(reports_dir)
        self.regression_threshold = config.regression_threshold
        self.surveys = surveys

    @pytest.hookimpl(trylast=True)
    def pytest_journeys_run_finished(
        self, run: RunInfo, results: list[JourneyResult]
    ) -> None:
        from .effort_html import build_effort_report

        build_effort_report(
            self.reports_dir,
            history_url=self.url,
            regression_threshold=self.regression_threshold,
            surveys=self.surveys,
        )


def reporters(
    project: Project, *, allure_results: Path | None, recording: bool
) -> dict[str, object]:
    """The built-in reporters a walk registers, by plugin name: Allure decoration when
    it writes Allure results, and the whole run's when this process records it.

    `journeys merge` registers the same ones for the merged run, so it is reported
    by the same plugins in the same order (their tryfirst/trylast marks).
    """
    plugins: dict[str, object] = {}
    if allure_results is not None:
        plugins["journeys-allure"] = AllureReporter(
            allure_results, project.settings.reports_dir
        )
    if recording:  # effort files, history, effort page, notifications
        plugins.update(run_reporters(project))
    return plugins


def run_reporters(project: Project) -> dict[str, object]:
    """The reporters of a whole run, by plugin name, in the order they write: for the
    process that records it.
    """
    reports = project.settings.reports_dir
    plugins: dict[str, object] = {
        "journeys-effort-files": EffortFilesReporter(reports),
        "journeys-history": HistoryReporter(reports, project.history),
        "journeys-effort-page": EffortPageReporter(
            reports, project.history, project.surveys
        ),
    }
    notify = notify_reporter(project)
    if (
        notify is not None
        # the run's news, once: never from a worker (not recording), never from a shard
        # (it checks)
    ):
        plugins["journeys-notify"] = notify
    return plugins


def notify_reporter(project: Project) -> object | None:
    """The run's news to [tool.journeys.notify] urls, when any is configured."""
    if not project.notify.enabled:
        return None
    from .notify import NotifyReporter

    return NotifyReporter(
        project.history.resolved_url(project.settings.reports_dir),
        project.notify,
        threshold=project.history.regression_threshold,
        lost_time_threshold_s=project.effort.time.lost_time_threshold_s,
    )
