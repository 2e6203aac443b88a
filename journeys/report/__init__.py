"""Reports: consumers of JourneyResult. effort.json/csv, the effort page, history, Allure, compare."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeys.effort.result import JourneyResult, RunInfo

from .allure_files import allure_categories, allure_labels, failure_message, write_allure_extras
from .allure_html import allure_command, build_allure_html
from .compare import Comparison, JourneyChange, compare_results, compare_runs, overall_score
from .effort_html import build_effort_report
from .history import History, HistoryConfig, JourneyTrend, default_history_url, history_config, open_history
from .record import RunRecordPaths, journey_record, load_effort_json, write_effort_csv, write_effort_json
from .shown import NO_SCORE, score_text

__all__ = [
    "NO_SCORE",
    "Comparison",
    "History",
    "HistoryConfig",
    "JourneyChange",
    "JourneyTrend",
    "RunRecordPaths",
    "allure_categories",
    "allure_command",
    "allure_labels",
    "build_allure_html",
    "build_effort_report",
    "compare_results",
    "compare_runs",
    "default_history_url",
    "failure_message",
    "history_config",
    "journey_record",
    "load_effort_json",
    "open_history",
    "overall_score",
    "record_run",
    "score_text",
    "write_allure_extras",
    "write_effort_csv",
    "write_effort_json",
]


def record_run(
    reports_dir: Path,
    run: RunInfo,
    results: Sequence[JourneyResult],
    *,
    history_url: str | None = None,
    keep_runs: int | None = None,
    regression_threshold: float = 0.5,
) -> RunRecordPaths:
    """Record one walk (once, on the controller): effort.json, effort.csv, the history, the effort page."""
    reports_dir = Path(reports_dir)
    url = history_url or default_history_url(reports_dir)
    effort_json = write_effort_json(reports_dir / "effort.json", run, results)
    effort_csv = write_effort_csv(reports_dir / "effort.csv", run, results)
    with open_history(url) as history:
        history.store_run(run, results, keep_runs=keep_runs)
        shown_url = history.url
    page = build_effort_report(reports_dir, history_url=url, regression_threshold=regression_threshold)
    return RunRecordPaths(effort_json=effort_json, effort_csv=effort_csv, effort_html=page, history_url=shown_url)
