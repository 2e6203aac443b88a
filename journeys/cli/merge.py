"""`journeys merge`: the shards of one run (CI runners' reports folders) become one run
in one reports folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import JourneysError
from .common import (
    ProfileOption,
    ReportsOption,
    fail,
    out,
    project_for,
    refuse_unwritable,
)


def merge(
    folders: Annotated[
        list[Path],
        typer.Argument(
            help="the shards' reports folders (journeys walk --shard I/N --reports DIR)"
        ),
    ],
    reports: ReportsOption = None,
    profile: ProfileOption = None,
) -> None:
    """Combine the shards of a run into one: effort.json, Allure results, history and
    effort page.
    """
    project = project_for(profile, reports=str(reports) if reports else None)
    refuse_unwritable(project)
    from journeys.run.merge import merge_shards

    try:
        merged = merge_shards(folders, project)
    except (JourneysError, OSError) as error:
        fail(
            error
            if isinstance(error, JourneysError)
            else JourneysError(f"the shards could not be merged ({error})")
        )
    from .walk import _print_summary

    results = merged.results
    out.print(
        f"merged {len(folders)} shard(s) of run {merged.run.run_id}: {len(results)}"
        " journey(s)",
        markup=False,
    )
    _print_summary(project.settings, results)
    # a runner that died, or an artifact not downloaded: the run is not the whole suite
    if merged.missing:
        out.print(
            f"incomplete: shard(s) {', '.join(merged.missing)} not given, so their"
            " journeys are not in this run (a shard with nothing to walk leaves no"
            " effort.json)",
            markup=False,
        )
    failed = any(not r.passed or str(r.outcome) != "completed" for r in results)
    raise typer.Exit(1 if failed or merged.missing else 0)
