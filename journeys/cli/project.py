"""`journeys init | steps | check | demo`: the project around the walks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from journeys.project.config import DEMO_MODES

from ..errors import JourneysError
from .common import (
    ProfileOption,
    check_choice,
    check_flag,
    err,
    fail,
    out,
    project_for,
    walk_needs,
)


def init() -> None:
    """Make this folder a journeys project: configuration, an example journey, a team
    step, and its wiring.
    """
    from journeys.project.scaffold import init_message

    try:
        out.print(init_message(Path.cwd()), markup=False, soft_wrap=True)
    except JourneysError as error:
        fail(error)


def steps(
    markdown: Annotated[
        bool, typer.Option(help="print the catalogue as Markdown (docs/steps.md)")
    ] = False,
) -> None:
    """List the step catalogue: every step features may use, by channel, with its
    meaning and an example.
    """
    from journeys.project.catalogue import as_markdown, channel_title, load

    catalogue = load(Path.cwd())
    if markdown:
        out.print(as_markdown(catalogue), markup=False, soft_wrap=True)
        return
    channel = None
    for step in catalogue:
        if step.channel != channel:
            channel = step.channel
            out.print(f"\n[bold]{channel_title(channel)}[/bold]")
        out.print(f"  {step.keyword} {step.form}", markup=False, soft_wrap=True)
        out.print(f"      {step.meaning}", style="dim", markup=False, soft_wrap=True)
        out.print(
            f"      e.g. {step.example}", style="dim", markup=False, soft_wrap=True
        )


def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="feature files or folders (default: features/)"),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Check features and configuration without opening a browser (of the target
    --profile names).
    """
    import os

    project = project_for(profile)
    settings = project.settings
    from journeys.project.checks import check_features, feature_files
    from journeys.project.setting_checks import setting_problems

    try:
        problems = check_features(paths or [settings.features_dir], root=settings.root)
        problems += setting_problems(
            settings, feature_files(paths or [settings.features_dir]), os.environ
        )
    except JourneysError as error:
        fail(error)
    problems += walk_needs(project)
    for problem in problems:
        err.print(problem, markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)
    out.print("features and configuration are fine")


def demo(
    mode: Annotated[str, typer.Option(help="smooth or potholed")] = "potholed",
    port: Annotated[
        int, typer.Option(help="port on 127.0.0.1 (0: any free port)")
    ] = 8000,
) -> None:
    """Serve the bundled demo shop alone, to look at it in a browser."""
    check_choice("--mode", mode, DEMO_MODES)
    check_flag(
        "--port",
        port,
        "" if 0 <= port <= 65535 else "is not a port",
        "use a number from 1 to 65535 (0: any free port)",
    )
    from ..demo import serve_forever

    serve_forever(
        mode, host="127.0.0.1", port=port
    )  # it takes the ticket API's token from the environment, or makes one
