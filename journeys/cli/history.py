"""`journeys import FILE`: store a run kept aside (the history was locked when it ended)
in the history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import JourneysError
from .common import ReportsOption, fail, out, project_for


def import_run(
    file: Annotated[
        Path,
        typer.Argument(
            help="the history-pending-<run id>.json a walk kept (or an effort.json)"
        ),
    ],
    reports: ReportsOption = None,
) -> None:
    """Store a run in the history that a walk kept aside (the history was locked), then
    rebuild the effort page.
    """
    project = project_for(reports=str(reports) if reports else None)
    settings, history = project.settings, project.history
    from ..report import build_effort_report
    from ..report.history_pending import import_pending

    url = history.resolved_url(settings.reports_dir)
    try:
        run = import_pending(url, file, keep_runs=history.keep_runs)
        page = build_effort_report(
            settings.reports_dir,
            history_url=url,
            regression_threshold=history.regression_threshold,
        )
    except JourneysError as error:
        fail(error)
    out.print(
        f"stored run {run.run_id} in the history; effort report: {page}", markup=False
    )
