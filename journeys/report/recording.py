"""One walk recorded, once, on the controller: effort.json, effort.csv, the history, the
effort page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeys.effort.result import JourneyResult, RunInfo

from .effort_html import build_effort_report
from .history import default_history_url, open_history
from .history_pending import store_or_keep
from .record import RunRecordPaths, write_effort_csv, write_effort_json


def record_run(
    reports_dir: Path,
    run: RunInfo,
    results: Sequence[JourneyResult],
    *,
    history_url: str | None = None,
    keep_runs: int | None = None,
    regression_threshold: float = 0.5,
) -> RunRecordPaths:
    """Record one walk (once, on the controller): effort.json, effort.csv, the history,
    the effort page.
    """
    reports_dir = Path(reports_dir)
    url = history_url or default_history_url(reports_dir)
    effort_json = write_effort_json(reports_dir / "effort.json", run, results)
    effort_csv = write_effort_csv(reports_dir / "effort.csv", run, results)
    store_or_keep(
        url, run, results, reports_dir=reports_dir, keep_runs=keep_runs
    )  # a lock held too long: kept aside, said
    with open_history(url) as history:
        shown_url = history.url
    page = build_effort_report(
        reports_dir, history_url=url, regression_threshold=regression_threshold
    )
    return RunRecordPaths(
        effort_json=effort_json,
        effort_csv=effort_csv,
        effort_html=page,
        history_url=shown_url,
    )
