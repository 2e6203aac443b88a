"""`journeys notify`: send the news of the last walk by [tool.journeys.notify], or a
sample with --test.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import JourneysError
from .common import ReportsOption, err, fail, out, project_for


def notify(
    test: Annotated[
        bool,
        typer.Option(
            "--test", help="send a sample message to every destination, to check them"
        ),
    ] = False,
    reports: ReportsOption = None,
) -> None:
    """Send the last walk's news to \\[tool.journeys.notify] urls (a walk does it
    itself; --test sends a sample).
    """
    project = project_for(reports=str(reports) if reports else None)
    config = project.notify
    if not config.enabled:
        err.print(
            "journeys: config: tool.journeys.notify.urls: names no destination\n  fix:"
            ' write [tool.journeys.notify] urls = ["slack://${SLACK_TOKEN}/#nightly"]'
            " (docs/reports.md)",
            markup=False,
        )
        raise typer.Exit(2)
    from ..report.notify import news_of_run, report_url, sample_news, send

    try:
        if test:
            news = sample_news(report_url(config))
        else:
            news = _last_run_news(project, news_of_run, report_url(config))
    except JourneysError as error:
        fail(error)
    delivered = send(
        config, news, warn=lambda line: err.print(line, markup=False, soft_wrap=True)
    )
    for shown in delivered:
        out.print(f"sent to {shown}", markup=False)
    raise typer.Exit(0 if len(delivered) == len(config.urls) else 1)


def _last_run_news(project, news_of_run, url):  # noqa: ANN001, ANN202
    from ..report.history import open_history

    history_url = project.history.resolved_url(project.settings.reports_dir)
    with open_history(history_url) as history:
        runs = history.list_runs(limit=1)
        if not runs:
            raise JourneysError(
                f"history {history.url} holds no run yet\n  fix: walk first (`journeys"
                " walk`)"
            )
        results = history.load_run(runs[0].run_id)
    return news_of_run(
        history_url,
        runs[0],
        results,
        threshold=project.history.regression_threshold,
        lost_time_threshold_s=project.effort.time.lost_time_threshold_s,
        report_url=url,
    )
