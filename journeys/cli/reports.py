"""`journeys report` and `journeys compare`: read what walks wrote."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import JourneysError
from .common import ReportsOption, check_flag, fail, out, project_for


def report(
    reports: ReportsOption = None,
    single_file: Annotated[
        bool, typer.Option(help="one HTML file to e-mail (opens from disk)")
    ] = False,
    run: Annotated[
        Optional[str],
        typer.Option(
            "--run", help="the walk to report (run id or prefix; default: the last one)"
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help=(
                "also print the effort page to one PDF page (effort/effort.pdf), for"
                " e-mail"
            ),
        ),
    ] = False,
) -> None:
    """Build the Allure HTML report and the executives' effort report from the last
    walk.
    """
    project = project_for(reports=str(reports) if reports else None)
    settings, history = project.settings, project.history
    from journeys.run.results import find_run_folder, point_latest

    from ..report import build_allure_html, build_effort_report

    try:
        if run is not None:
            point_latest(
                settings.reports_dir, find_run_folder(settings.reports_dir, run)
            )
        effort = build_effort_report(
            settings.reports_dir,
            history_url=history.resolved_url(settings.reports_dir),
            regression_threshold=history.regression_threshold,
            surveys=project.surveys,
        )
        out.print(
            f"effort report: {effort}  (one self-contained file: open it in a browser)",
            markup=False,
        )
        if pdf:
            from ..report.effort_pdf import write_effort_pdf

            out.print(
                f"effort report as PDF: {write_effort_pdf(effort)}  (one page, for"
                " e-mail)",
                markup=False,
            )
        folder = build_allure_html(
            settings.reports_dir, single_file=single_file, project_root=settings.root
        )
    except JourneysError as error:
        fail(error)
    if single_file:
        out.print(
            f"allure report: {folder}  (one file: open it from disk or e-mail it)",
            markup=False,
        )
    else:
        out.print(
            f"allure report: {folder}  (serve it: python -m http.server -d {folder}"
            " 8080)",
            markup=False,
        )


def compare(
    older: Annotated[
        Optional[str],
        typer.Argument(help="run id (or prefix); default: the one before the newest"),
    ] = None,
    newer: Annotated[
        Optional[str], typer.Argument(help="run id (or prefix); default: the newest")
    ] = None,
    reports: ReportsOption = None,
    fail_on_regression: Annotated[
        bool, typer.Option(help="exit 1 when a journey regressed")
    ] = False,
    threshold: Annotated[
        Optional[float], typer.Option(help="score drop that counts as a regression")
    ] = None,
    lost_time_threshold: Annotated[
        Optional[float],
        typer.Option(
            help="seconds of extra lost customer time that count as a regression"
        ),
    ] = None,
    list_runs: Annotated[
        bool, typer.Option("--list", help="list the runs in the history, newest first")
    ] = False,
) -> None:
    """Compare two walks: score changes, new and vanished frictions per journey."""
    if threshold is not None:
        allowed = 0 <= threshold < 6  # as [tool.journeys.history] regression_threshold
        check_flag(
            "--threshold",
            threshold,
            "" if allowed else "is not a score drop",
            "use a number from 0 to 6, e.g. --threshold 0.5",
        )
    if lost_time_threshold is not None:
        check_flag(
            "--lost-time-threshold",
            lost_time_threshold,
            "" if lost_time_threshold >= 0 else "is not a time",
            "use seconds, 0 or more, e.g. --lost-time-threshold 30",
        )
    project = project_for(reports=str(reports) if reports else None)
    settings, history = project.settings, project.history
    from ..report.compare import compare_runs

    if list_runs:
        _list_runs(history.resolved_url(settings.reports_dir))
        return
    try:
        comparison = compare_runs(
            history.resolved_url(settings.reports_dir),
            older,
            newer,
            threshold=(
                threshold if threshold is not None else history.regression_threshold
            ),
            lost_time_threshold_s=(
                lost_time_threshold
                if lost_time_threshold is not None
                else project.effort.time.lost_time_threshold_s
            ),
        )
    except JourneysError as error:
        fail(error)
    out.print(comparison.render_text(), markup=False)
    from ..report.surveys_view import voice_lines

    for line in voice_lines(
        history.resolved_url(settings.reports_dir), comparison.newer, project.surveys
    ):
        out.print(line, markup=False)
    raise typer.Exit(1 if fail_on_regression and comparison.regressions else 0)


def _list_runs(url: str) -> None:
    from ..report.history import open_history

    try:
        with open_history(url) as history:
            runs = history.list_runs()
    except JourneysError as error:
        fail(error)
    for run in runs:
        out.print(
            f"{run.run_id}  {run.started_at}  {run.device or 'desktop'}  {run.target}",
            markup=False,
            soft_wrap=True,
        )
    if not runs:
        out.print(f"no runs in {url} yet (walk first: `journeys walk`)", markup=False)
