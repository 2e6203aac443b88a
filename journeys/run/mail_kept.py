"""The e-mails a walk's SMTP sink kept, counted into the run's record before any report
reads it.

A report reads the results alone: the count travels in `RunInfo.mail` and each
`JourneyResult.mail`, so no report opens the sink's folder or knows the mail channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from journeys.effort.result import JourneyResult, RunInfo
from journeys.run.results import run_folder
from journeys.shopper.mail_adapters import mail_counts


def with_mail_counts(
    reports_dir: Path, run: RunInfo, results: Sequence[JourneyResult]
) -> tuple[RunInfo, list[JourneyResult]]:
    """The run and its journeys with the e-mails each persona received, when the sink
    kept any.

    The run also counts the messages for no persona of the run (ignored); the customers'
    own replies are neither.
    """
    folder = run_folder(reports_dir, run.run_id) / "mail"
    if not folder.is_dir():
        return run, list(results)
    received, ignored = mail_counts(
        folder, {r.persona.get("email", "") for r in results}
    )
    run = replace(run, mail={"received": sum(received.values()), "ignored": ignored})
    return run, [
        replace(
            result,
            mail={"received": received.get(result.persona.get("email", "").lower(), 0)},
        )
        for result in results
    ]
