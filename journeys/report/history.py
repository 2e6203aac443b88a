"""History: every walk stored as rows (run, journeys, frictions) through SQLAlchemy.

A SQLite file in the reports folder by default; any SQLAlchemy URL (PostgreSQL
for a team) through `[tool.journeys.history] url`. One transaction per run, so
a reader never sees half a walk and concurrent writers (xdist controllers of
several shards, nightly jobs) never lose one. The tables and their versioned
migrations are in history_schema.py: opening a history upgrades it.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, delete, event, func, insert, select
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
)

from journeys.effort.result import UNSCORED, JourneyResult, RunInfo
from journeys.errors import JourneysError

from .history_schema import (
    HEAD_REVISION,
    NewerSchemaError,
    current_revision,
    frictions_table,
    journeys_table,
    runs_table,
    upgrade_schema,
)
from .history_settings import (
    HistoryConfig,
    default_history_url,
    history_config,
    history_url_for,
)

__all__ = [
    "History",
    "HistoryConfig",
    "JourneyTrend",
    "default_history_url",
    "history_config",
    "history_url_for",
    "open_history",
]

_T = TypeVar("_T")

_SQLITE_BUSY_TIMEOUT_S = 30.0
_LOCK_RETRIES = 8


@dataclass(frozen=True)
class JourneyTrend:
    """One journey's scores over the last runs on one device, oldest first; None where
    it was not walked or broke.
    """

    feature: str
    scenario: str
    run_ids: tuple[str, ...]
    scores: tuple[float | None, ...]
    device: str = ""  # "" is desktop


def _is_locked(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return (
        "database is locked" in text
        or "database table is locked" in text
        or "busy" in text
    )


class History:
    """The run store. Open with `open_history(url)`; close with `.close()` or a with
    block.
    """

    def __init__(
        self, engine: Engine, *, busy_timeout_s: float = _SQLITE_BUSY_TIMEOUT_S
    ) -> None:
        self.engine = engine
        self._busy_timeout_s = busy_timeout_s
        self.url = engine.url.render_as_string(hide_password=True)
        self._sqlite = engine.dialect.name == "sqlite"
        if self._sqlite:
            self._tune_sqlite()
        self._retrying(self._upgrade)

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -----------------------------------------------------------

    def store_run(
        self,
        run: RunInfo,
        results: Sequence[JourneyResult],
        *,
        keep_runs: int | None = None,
    ) -> None:
        """Store one walk in one transaction; storing the same run_id again
        replaces it.
        """
        try:
            self._retrying(lambda: self._store_run(run, results, keep_runs))
        except OperationalError as error:
            if self._sqlite and _is_locked(error):
                raise HistoryLocked(self.url) from None
            raise

    def _store_run(
        self, run: RunInfo, results: Sequence[JourneyResult], keep_runs: int | None
    ) -> None:
        with self._write() as conn:
            self._delete_runs(conn, [run.run_id])
            conn.execute(insert(runs_table).values(**_run_row(run)))
            for position, result in enumerate(results):
                journey_id = conn.execute(
                    insert(journeys_table).values(
                        **_journey_row(run.run_id, position, result)
                    )
                ).inserted_primary_key[0]
                rows = [
                    _friction_row(run.run_id, journey_id, f) for f in result.frictions
                ]
                if rows:
                    conn.execute(insert(frictions_table), rows)
            if keep_runs:
                # Per device, as trends are: the phone's nightly runs never push the
                # desktop's out of the history.
                stale = (
                    conn.execute(
                        select(runs_table.c.run_id)
                        .where(runs_table.c.device == run.device)
                        .order_by(
                            runs_table.c.started_at.desc(), runs_table.c.run_id.desc()
                        )
                        .offset(keep_runs)
                    )
                    .scalars()
                    .all()
                )
                self._delete_runs(conn, stale)

    @staticmethod
    def _delete_runs(conn: Connection, run_ids: Sequence[str]) -> None:
        # Explicit deletes rather than ON DELETE CASCADE: SQLite enforces foreign keys
        # only when asked.
        if not run_ids:
            return
        conn.execute(
            delete(frictions_table).where(frictions_table.c.run_id.in_(run_ids))
        )
        conn.execute(delete(journeys_table).where(journeys_table.c.run_id.in_(run_ids)))
        conn.execute(delete(runs_table).where(runs_table.c.run_id.in_(run_ids)))

    # -- reading -----------------------------------------------------------

    def list_runs(
        self, limit: int | None = None, *, device: str | None = None
    ) -> list[RunInfo]:
        """Runs, newest first; only those walked on `device` when given ("" is
        desktop).
        """
        query = select(runs_table).order_by(
            runs_table.c.started_at.desc(), runs_table.c.run_id.desc()
        )
        if device is not None:
            query = query.where(runs_table.c.device == device)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [
                RunInfo.from_dict(dict(row._mapping)) for row in conn.execute(query)
            ]

    def journey_records(self, run_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(run id, outcome, the journey's record as JSON text) of every journey of
        these runs.
        """
        query = select(
            journeys_table.c.run_id, journeys_table.c.outcome, journeys_table.c.record
        ).where(journeys_table.c.run_id.in_(list(run_ids)))
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def count_runs(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(runs_table)
            ).scalar_one()

    def find_run(self, run_id_or_prefix: str) -> RunInfo:
        """A run by its id or an unambiguous prefix of it."""
        pattern = (
            run_id_or_prefix.replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
            + "%"
        )
        query = (
            select(runs_table)
            .where(runs_table.c.run_id.like(pattern, escape="\\"))
            .order_by(runs_table.c.started_at.desc())
        )
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query.limit(6))]
        exact = [r for r in rows if r["run_id"] == run_id_or_prefix]
        if exact:
            return RunInfo.from_dict(exact[0])
        if not rows:
            raise JourneysError(
                f"history {self.url}: no run matches {run_id_or_prefix!r}\n  fix: list"
                " the runs with `journeys compare --list`"
            )
        if len(rows) > 1:
            shown = ", ".join(r["run_id"] for r in rows[:5])
            raise JourneysError(
                f"history {self.url}: {run_id_or_prefix!r} matches several runs"
                f" ({shown})\n  fix: give more of the run id"
            )
        return RunInfo.from_dict(rows[0])

    def load_run(self, run_id: str) -> list[JourneyResult]:
        """The journeys of one run, in the order they were walked."""
        query = (
            select(journeys_table.c.record)
            .where(journeys_table.c.run_id == run_id)
            .order_by(journeys_table.c.position)
        )
        with self.engine.connect() as conn:
            return [
                JourneyResult.from_dict(json.loads(record))
                for record in conn.execute(query).scalars()
            ]

    def trends(
        self, runs: int = 30, *, until: str | None = None, device: str | None = None
    ) -> tuple[list[RunInfo], dict[tuple[str, str], JourneyTrend]]:
        """Score per journey over the last `runs` runs on one device (up to and
        including `until`), oldest first.

        The device is the one given, else that of the run the window ends at (`until`,
        else the newest run): a phone customer's trend never mixes with desktop's. Reads
        only the score columns of those runs, never the JSON records, so it stays fast
        on a history of years.
        """
        if device is None:
            query = (
                select(runs_table.c.device)
                .order_by(runs_table.c.started_at.desc(), runs_table.c.run_id.desc())
                .limit(1)
            )
            if until is not None:
                query = query.where(runs_table.c.run_id == until)
            with self.engine.connect() as conn:
                device = conn.execute(query).scalar() or ""
        recent = self.list_runs(
            limit=None if until is not None else runs, device=device
        )
        if until is not None:
            ids = [r.run_id for r in recent]
            recent = recent[ids.index(until) :] if until in ids else recent
        window = list(reversed(recent[:runs]))
        run_ids = [r.run_id for r in window]
        if not run_ids:
            return [], {}
        query = select(
            journeys_table.c.run_id,
            journeys_table.c.feature,
            journeys_table.c.scenario,
            journeys_table.c.score,
            journeys_table.c.outcome,
        ).where(journeys_table.c.run_id.in_(run_ids))
        scores: dict[tuple[str, str], dict[str, float | None]] = {}
        with self.engine.connect() as conn:
            for run_id, feature, scenario, score, outcome in conn.execute(query):
                scores.setdefault((feature, scenario), {})[run_id] = (
                    None if outcome in UNSCORED else score
                )
        trends = {
            key: JourneyTrend(
                key[0],
                key[1],
                tuple(run_ids),
                tuple(by_run.get(r) for r in run_ids),
                device,
            )
            for key, by_run in scores.items()
        }
        return window, trends

    # -- plumbing ----------------------------------------------------------

    def _tune_sqlite(self) -> None:
        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let us issue BEGIN ourselves (below): pysqlite's implicit BEGIN is
            # deferred, and a deferred transaction that reads then writes dead-locks
            # under concurrency.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")
            # WAL: readers (report builds) never block the writer and the writer never
            # blocks them.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql(
                "BEGIN IMMEDIATE"
                if conn.get_execution_options().get("journeys_write")
                else "BEGIN"
            )

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with (
            self.engine.connect().execution_options(journeys_write=True) as conn,
            conn.begin(),
        ):
            yield conn

    def _upgrade(self) -> None:
        with self.engine.connect() as conn:
            if current_revision(conn) == HEAD_REVISION:
                return  # the usual case, and a read: no lock, no Alembic
        # In one write transaction, so concurrent first writers do not race to create
        # the tables.
        with self._write() as conn:
            upgrade_schema(conn)

    def _retrying(self, work: Callable[[], _T]) -> _T:
        # busy_timeout already waits for the lock; this covers the cases SQLite reports
        # at once (a WAL checkpoint or a schema change in progress) with a short
        # jittered back-off.
        for attempt in range(_LOCK_RETRIES):
            started = time.monotonic()
            try:
                return work()
            except OperationalError as error:
                # A lock held past the whole busy timeout is another process's long
                # write: waiting it out again eight times would keep a walk for minutes
                # with no word (history_pending says so, and keeps the run).
                waited_out = time.monotonic() - started >= self._busy_timeout_s * 0.9
                if (
                    not (self._sqlite and _is_locked(error))
                    or waited_out
                    or attempt == _LOCK_RETRIES - 1
                ):
                    raise
                time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
        raise AssertionError("unreachable")


class HistoryLocked(JourneysError):
    """Another process holds the SQLite history's write lock past our wait
    (journeys.report.history_pending).
    """

    def __init__(self, shown_url: str) -> None:
        self.shown_url = shown_url
        super().__init__(
            f"history {shown_url}: is locked by another process\n  fix: wait for it"
            " (another walk, a `journeys report`), then walk again"
        )


def open_history(
    url: str, *, busy_timeout_s: float = _SQLITE_BUSY_TIMEOUT_S
) -> History:
    """Open (and create when new) the history at a SQLAlchemy URL; SQLite waits
    `busy_timeout_s` for a lock.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise JourneysError(
            f"history: {url!r} is not a SQLAlchemy database URL\n  fix: set"
            " [tool.journeys.history] url"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    ):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    connect_args = (
        {"timeout": busy_timeout_s} if parsed.get_backend_name() == "sqlite" else {}
    )
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise JourneysError(
            f"history {parsed.render_as_string(hide_password=True)}: the database"
            f" driver is missing ({error})\n  fix: {driver_fix(parsed)}"
        ) from None
    try:
        return History(engine, busy_timeout_s=busy_timeout_s)
    except NewerSchemaError as error:
        engine.dispose()
        raise JourneysError(
            f"history {parsed.render_as_string(hide_password=True)}: was upgraded by a"
            f" newer journeys (schema revision {error.revision}; this one knows up to"
            f" {HEAD_REVISION})\n  fix: upgrade journeys on this machine too"
            " (docs/history.md)"
        ) from None
    except OperationalError as error:
        engine.dispose()
        if parsed.get_backend_name() == "sqlite" and _is_locked(error):
            raise HistoryLocked(parsed.render_as_string(hide_password=True)) from None
        if parsed.get_backend_name() != "sqlite":
            raise JourneysError(connection_problem(parsed, error.orig)) from None
        raise JourneysError(
            f"history {parsed.render_as_string(hide_password=True)}: cannot open the"
            f" database ({error.orig})\n  fix: check [tool.journeys.history] url and"
            " that the database is reachable"
        ) from None
    # a file that is not a database (a text, another program's file) at the history's
    # path
    except DatabaseError as error:
        engine.dispose()
        raise JourneysError(
            f"history {parsed.render_as_string(hide_password=True)}: is not a database"
            f" journeys can read ({error.orig})\n  fix: move that file aside (journeys"
            " then starts a new history there), or point [tool.journeys.history] url"
            " elsewhere"
        ) from None


def driver_fix(url: URL) -> str:
    """How to install the driver a history URL names."""
    if url.get_backend_name() == "postgresql":
        if url.get_driver_name() == "psycopg":
            return "pip install 'journeys[postgres]' (psycopg 3)"
        return (
            f"pip install the {url.get_driver_name()} driver, or write"
            " postgresql+psycopg:// and pip install 'journeys[postgres]'"
        )
    return (
        f"pip install the {url.get_driver_name()} driver for {url.get_backend_name()}"
    )


def connection_problem(url: URL, error: BaseException) -> str:
    """What stopped a database server's history from opening, and its fix, from the
    driver's error: two lines.
    """
    shown = f"history {url.render_as_string(hide_password=True)}"
    reason = str(error).strip()
    said = reason.lower()
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if "connection refused" in said:
        return (
            f"{shown}: nothing answers at {where} (connection refused)\n  fix: start"
            " the database server, or correct the host and port in"
            " [tool.journeys.history] url"
        )
    if (
        "password authentication failed" in said
        or "no password supplied" in said
        or "authentication failed" in said
    ):
        return (
            f"{shown}: the server refused user {url.username or '(none)'}'s password\n "
            " fix: correct the user in [tool.journeys.history] url and the password in"
            " PGPASSWORD or ~/.pgpass (not in pyproject.toml)"
        )
    if "does not exist" in said and "database" in said:
        return (
            f"{shown}: the server has no database {url.database}\n  fix: create it"
            f" (createdb {url.database}), or correct the database name in the url"
        )
    if (
        "resolve host" in said
        or "translate host name" in said
        or "name or service not known" in said
    ):
        return (
            f"{shown}: the host {url.host} is not known here\n  fix: correct the host"
            " in [tool.journeys.history] url"
        )
    if "timeout" in said:
        return (
            f"{shown}: {where} did not answer in time\n  fix: check the server is up"
            " and reachable from this machine (firewall, VPN)"
        )
    first = reason.splitlines()[0] if reason else type(error).__name__
    return (
        f"{shown}: cannot be opened ({first})\n  fix: check [tool.journeys.history] url"
        " and that the database is reachable"
    )


def _run_row(run: RunInfo) -> dict[str, Any]:
    return {
        "run_id": run.run_id,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "commit": run.commit,
        "target": run.target,
        "demo": run.demo,
        "seed": run.seed,
        "browser": run.browser,
        "device": run.device,
        "duration_s": run.duration_s,
    }


def _journey_row(run_id: str, position: int, result: JourneyResult) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "position": position,
        "feature": result.feature,
        "scenario": result.scenario,
        "stage": result.stage,
        "outcome": str(result.outcome),
        "steps": result.steps,
        "score": result.score,
        "points": result.points,
        "record": json.dumps(result.record(), ensure_ascii=False, default=str),
    }


def _friction_row(run_id: str, journey_id: int, friction: Any) -> dict[str, Any]:
    return {
        "journey_id": journey_id,
        "run_id": run_id,
        "kind": friction.kind,
        "points": friction.points,
        "step": friction.step,
        "step_text": friction.step_text,
        "evidence": friction.evidence,
        "where": friction.where,
        "screenshot": friction.screenshot,
    }
