"""What a walk needs besides features, found before a browser opens, not after the whole
walk: where it writes.

The reports folder must be writable and the history must open. The default history, a
SQLite file, is checked with the standard library; a team's database URL through
SQLAlchemy, with its driver's words turned into a fix.
"""

from __future__ import annotations

import os
from pathlib import Path

from journeys.project.features import relative

REPORT_FOLDERS = ("effort", "allure-results", "traces", "screenshots", "runs", ".walk")
_FOLDER_FIX = (
    "point --reports (or reports in [tool.journeys]) at a folder you can write"
)


def check_walk_needs(reports_dir: Path, history_url: str) -> list[str]:
    """Problems with where the walk writes (the reports folder, the history), as
    messages for people.
    """
    reports_problem = _reports_problem(reports_dir)
    if reports_problem and str(reports_dir.absolute()) in history_url:
        return [
            reports_problem
        ]  # the history file lives in the reports folder: one problem, said once
    return [
        problem
        for problem in (reports_problem, _history_problem(history_url))
        if problem
    ]


def _reports_problem(folder: Path) -> str:
    where = relative(folder)
    if folder.exists() and not folder.is_dir():
        return f"reports folder {where}: is a file\n  fix: {_FOLDER_FIX}"
    for name in REPORT_FOLDERS:
        inside = folder / name
        if inside.exists() and not inside.is_dir():
            return (
                f"{relative(inside)}: is a file, where the walk writes a folder\n  fix:"
                f" move it away, or {_FOLDER_FIX}"
            )
    problem = _writable_problem(folder)
    return f"reports folder {where}: {problem}\n  fix: {_FOLDER_FIX}" if problem else ""


def _writable_problem(path: Path) -> str:
    """Why `path` (a folder, made when missing) cannot be written, or ""."""
    existing = next(
        (p for p in (path, *path.absolute().parents) if p.exists()), Path("/")
    )
    if not existing.is_dir():
        return f"is below the file {relative(existing)}"
    if not os.access(existing, os.W_OK | os.X_OK):
        return (
            "is not writable"
            if existing == path
            else f"cannot be made ({relative(existing)} is not writable)"
        )
    return ""


_HISTORY_FIX = (
    "correct url in [tool.journeys.history] (or leave it out: reports/history.sqlite)"
)


def _history_problem(url: str) -> str:
    plain = _plain_sqlite_file(url)
    if (
        plain is not None
        # the default, a file: the standard library checks it (SQLAlchemy loads after
        # the walk)
    ):
        problem = _sqlite_file_problem(plain, f"history {url}")
        return (
            problem
            if problem is not None
            else _sqlite_open_problem(plain, f"history {url}")
        )
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from journeys.report.history import connection_problem, driver_fix

    try:
        parsed = make_url(url)
        shown = f"history {parsed.render_as_string(hide_password=True)}"
        parsed.get_dialect().import_dbapi()
    except ArgumentError:
        return (
            f"history {url!r}: is not a SQLAlchemy database URL\n  fix: {_HISTORY_FIX}"
        )
    except (NoSuchModuleError, ImportError) as error:
        return (
            f"{shown}: the database driver is missing ({error})\n  fix:"
            f" {driver_fix(parsed)}"
        )
    if parsed.get_backend_name() == "sqlite":
        problem = _sqlite_file_problem(parsed.database or "", shown)
        if problem is not None:
            return problem
    connect_args = (
        {} if parsed.get_backend_name() == "sqlite" else {"connect_timeout": 5}
    )
    try:
        engine = create_engine(parsed, connect_args=connect_args)
        try:
            with (
                engine.connect() as connection
            ):  # a connection test: the history is written after the whole walk
                connection.execute(
                    text(
                        "select 1"
                        if parsed.get_backend_name() != "sqlite"
                        else "pragma schema_version"
                    )
                )
        finally:
            engine.dispose()
    except (SQLAlchemyError, TypeError) as error:
        if parsed.get_backend_name() != "sqlite":
            return connection_problem(parsed, getattr(error, "orig", None) or error)
        return _sqlite_unopened(shown, getattr(error, "orig", None) or error)
    return ""


def _plain_sqlite_file(url: str) -> str | None:
    """The file of a `sqlite:///path` URL with nothing else in it (no driver, no query),
    else None.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or any(
        c in url for c in "?#%"
    ):  # a query or escapes: SQLAlchemy reads those
        return None
    database = url[len(prefix) :]
    return database if database and database != ":memory:" else None


def _sqlite_file_problem(database: str, shown: str) -> str | None:
    """What is wrong with a SQLite history file as a path; "" when it is still to be
    made (fine); None: open it.
    """
    if database in ("", ":memory:"):
        return (
            f"{shown}: is a database in memory, so every walk would be forgotten\n "
            " fix: name a file, e.g. sqlite:///reports/history.sqlite"
        )
    path = Path(database)
    if path.is_dir():
        return f"{shown}: is a folder, not a database file\n  fix: {_HISTORY_FIX}"
    if not path.exists():
        problem = _writable_problem(path.parent)
        return f"{shown}: {problem}\n  fix: {_HISTORY_FIX}" if problem else ""
    if not os.access(path, os.R_OK | os.W_OK):
        return f"{shown}: the file is not writable\n  fix: {_HISTORY_FIX}"
    return None


def _sqlite_open_problem(database: str, shown: str) -> str:
    import sqlite3

    try:
        connection = sqlite3.connect(database)
        try:
            connection.execute("pragma schema_version")
        finally:
            connection.close()
    except sqlite3.Error as error:
        return _sqlite_unopened(shown, error)
    return ""


def _sqlite_unopened(shown: str, error: BaseException) -> str:
    reason = str(error).splitlines()[0]
    return (
        f"{shown}: cannot be opened ({reason})\n  fix: {_HISTORY_FIX}, and check the"
        " database is reachable"
    )
