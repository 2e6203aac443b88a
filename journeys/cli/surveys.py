"""`journeys surveys import FILE.csv`: what surveyed customers said, kept in the history
beside the walks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import JourneysError
from .common import ReportsOption, err, fail, out, project_for

surveys = typer.Typer(
    no_args_is_help=True,
    help="Survey responses (CES, NPS, CSAT) beside the walked effort.",
)


@surveys.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=(
                "CSV exports of a survey tool (Qualtrics, SurveyMonkey, Delighted, ...)"
            )
        ),
    ],
    export: Annotated[
        Optional[str],
        typer.Option(
            "--export",
            help=(
                "the columns of \\[tool.journeys.surveys.exports.NAME] (default: the"
                " top-level ones)"
            ),
        ),
    ] = None,
    reports: ReportsOption = None,
) -> None:
    """Import survey responses into the history, with the columns
    \\[tool.journeys.surveys] maps; bad rows are named by line.
    """
    project = project_for(reports=str(reports) if reports else None)
    from ..report.history import open_history
    from ..report.surveys import import_survey, read_survey_export

    key = (
        f"tool.journeys.surveys.exports.{export}" if export else "tool.journeys.surveys"
    )
    try:
        columns = project.surveys.export(export)
        read = [
            read_survey_export(path, columns, key=key) for path in files
        ]  # every file checked before any is kept
        with open_history(
            project.history.resolved_url(project.settings.reports_dir)
        ) as history:
            for imported in read:
                import_survey(history, imported)
                for line in imported.summary():
                    (err if line.startswith("  ") else out).print(
                        line, markup=False, soft_wrap=True
                    )
            where = history.url
    except JourneysError as error:
        fail(error)
    kept = sum(len(i.responses) for i in read)
    bad = sum(len(i.bad) for i in read)
    out.print(
        f"history {where}: {kept} responses kept; the effort page shows them beside the"
        " walks (`journeys report`)",
        markup=False,
    )
    raise typer.Exit(1 if bad else 0)
