"""What every command shares: the app, its consoles, the options, and one-line
failures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from journeys.project.sections import Project, load_project

from ..errors import JourneysError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Walk customer journeys and measure their effort.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DemoOption = Annotated[
    Optional[str],
    typer.Option(
        "--demo",
        help="demo shop mode: smooth or potholed (default from config: potholed)",
    ),
]
TargetOption = Annotated[
    Optional[str],
    typer.Option("--target", help="walk this site instead of the demo shop"),
]
ReportsOption = Annotated[
    Optional[Path], typer.Option("--reports", help="reports folder (default: reports/)")
]
ProfileOption = Annotated[
    Optional[str],
    typer.Option(
        "--profile",
        help=(
            "walk a named target: \\[tool.journeys.profiles.NAME] (or JOURNEYS_PROFILE)"
        ),
    ),
]


def fail(error: JourneysError) -> None:
    err.print(f"journeys: {error}", markup=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """A wrong flag value is named as the flag the person typed, not as the config key
    it overrides.
    """
    if value is not None and value not in allowed:
        err.print(
            f"journeys: {option} {value!r} is not allowed\n  fix: use one of:"
            f" {', '.join(allowed)}",
            markup=False,
        )
        raise typer.Exit(2)


def check_flag(option: str, value: object, problem: str, fix: str) -> None:
    """A flag whose value cannot be used: one line naming the flag as typed, and the
    fix; exit 2.
    """
    if problem:
        err.print(
            f"journeys: {option} {value!r} {problem}\n  fix: {fix}",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)


def project_for(profile: str | None = None, **overrides: object) -> Project:
    try:
        return load_project(Path.cwd(), profile=profile, **overrides)
    except JourneysError as error:
        fail(error)
        raise  # unreachable: fail exits


def walk_needs(project: Project) -> list[str]:
    from journeys.run.needs import check_walk_needs

    reports = project.settings.reports_dir
    return [
        f"journeys: {problem}"
        for problem in check_walk_needs(reports, project.history.resolved_url(reports))
    ]


def refuse_unwritable(project: Project) -> None:
    """Where the walk writes is checked before it starts: a history that cannot be
    written would lose the whole walk.
    """
    problems = walk_needs(project)
    for problem in problems:
        err.print(problem, markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)
