"""`journeys init | walk | report | compare | merge | steps | check | demo | surveys |
notify | import`.

Exit codes: 0 every journey met its budgets; 1 a journey failed a budget, was abandoned
or broke (or a regression, with --fail-on-regression); 2 a usage or configuration error,
an unreachable target, or a feature that cannot be walked.
"""

from __future__ import annotations

import gc
import sys

from ..errors import JourneysError
from . import history, merge, notify, project, reports, surveys, walk
from .common import app, err

# Registered here, in the order `journeys --help` lists them: a newcomer's order.
for command in (
    project.init,
    walk.walk,
    reports.report,
    reports.compare,
    merge.merge,
    project.steps,
    project.check,
    project.demo,
):
    app.command()(command)
app.add_typer(surveys.surveys, name="surveys")
app.command()(notify.notify)
app.command(name="import")(history.import_run)

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except (
        JourneysError
    ) as error:  # a user's mistake found deep inside: still one clear message
        err.print(f"journeys: {error}", markup=False, soft_wrap=True)
        sys.exit(error.exit_code)
    finally:
        # The process ends now: its last garbage collection need not walk every object a
        # walk loaded (0.3 s). Files are closed by then; what is frozen is freed by the
        # operating system.
        gc.freeze()
