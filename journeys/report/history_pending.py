"""A walk is never lost to a locked history: it waits, says so, and keeps the run in a
file to import later.

SQLite lets one process write at a time. When another (a long `journeys report`, a walk
beside this one, a backup) holds the lock, storing the run waits up to `LOCK_WAIT_S`
with a line on the console; past that, the run is written beside the history as
`history-pending-<run id>.json` (effort.json's format), and the error names the command
that stores it once the lock is gone: `journeys import <file>`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from ..effort.result import JourneyResult, RunInfo
from ..errors import JourneysError
from .history import HistoryLocked, open_history
from .record import load_effort_json, write_effort_json

# how long a walk waits for another process's lock before it keeps its run aside
LOCK_WAIT_S = 60.0
# an ordinary write takes milliseconds: past this the lock is someone else's, and we say
# so
_FIRST_TRY_S = 2.0
PENDING_PREFIX = "history-pending-"


def _say(line: str) -> None:
    # The process's own stderr: under pytest, sys.stderr may be captured while the run
    # is recorded.
    print(line, file=sys.__stderr__ or sys.stderr, flush=True)


def store_or_keep(
    url: str,
    run: RunInfo,
    results: Sequence[JourneyResult],
    *,
    reports_dir: Path,
    keep_runs: int | None = None,
    wait_s: float = LOCK_WAIT_S,
    say: Callable[[str], None] = _say,
) -> None:
    """Store the run in the history; a lock held past `wait_s` keeps it in a pending
    file and says how to import it.
    """
    try:
        _store(url, run, results, keep_runs, busy_timeout_s=min(_FIRST_TRY_S, wait_s))
        return
    except HistoryLocked as locked:
        say(
            f"journeys: the history {locked.shown_url} is locked by another process;"
            f" waiting up to {wait_s:g} s for it"
        )
    try:
        _store(url, run, results, keep_runs, busy_timeout_s=wait_s)
    except HistoryLocked as locked:
        pending = pending_file(url, reports_dir, run.run_id)
        write_effort_json(pending, run, results)
        raise JourneysError(
            f"history {locked.shown_url}: still locked by another process after"
            f" {wait_s:g} s; this run is kept in {pending}\n  fix: once the other"
            f" process is done, store it with `journeys import {pending}`"
        ) from None


def _store(
    url: str,
    run: RunInfo,
    results: Sequence[JourneyResult],
    keep_runs: int | None,
    *,
    busy_timeout_s: float,
) -> None:
    with open_history(url, busy_timeout_s=busy_timeout_s) as history:
        history.store_run(run, results, keep_runs=keep_runs)


def pending_file(url: str, reports_dir: Path, run_id: str) -> Path:
    """Beside a SQLite history file; in the reports folder for a database server's
    history.
    """
    database = make_url(url).database if url.startswith("sqlite") else None
    folder = (
        Path(database).parent
        if database and database != ":memory:"
        else Path(reports_dir)
    )
    return folder / f"{PENDING_PREFIX}{run_id}.json"


def import_pending(url: str, path: Path, *, keep_runs: int | None = None) -> RunInfo:
    """Store a run kept aside (or any effort.json) in the history; the file is removed
    once it is stored.
    """
    try:
        run, results = load_effort_json(path)
    except FileNotFoundError:
        raise JourneysError(
            f"{path}: no such file\n  fix: give the history-pending-<run id>.json a"
            " walk named"
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise JourneysError(
            f"{path}: is not a run journeys kept ({error})\n  fix: give a"
            " history-pending-<run id>.json or an effort.json"
        ) from None
    with open_history(url) as history:
        history.store_run(run, results, keep_runs=keep_runs)
    if path.name.startswith(PENDING_PREFIX):
        path.unlink()
    return run
