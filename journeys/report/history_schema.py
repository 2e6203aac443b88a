"""The history's tables, and the migrations that bring any history up to them (Alembic,
in-process).

The tables below are the schema at head, what the code reads and writes. Each change of
them is also a revision in `migrations/versions/`, so a history written by an older
journeys (a team's years of nightly runs) is upgraded in place when it is opened, never
rebuilt. A history made before migrations existed (tables, no `alembic_version`) is
taken as revision 0001.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

__all__ = [
    "HEAD_REVISION",
    "MIGRATIONS",
    "NewerSchemaError",
    "frictions_table",
    "journeys_table",
    "metadata",
    "runs_table",
    "survey_responses_table",
    "upgrade_schema",
]

# The newest revision in migrations/versions (a test keeps the two in step): a history
# already there is opened without loading Alembic at all, which keeps `journeys walk`
# quick to start.
HEAD_REVISION = "0004"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number, the same in every journeys: the key of the PostgreSQL advisory lock
# held while upgrading.
_UPGRADE_LOCK_KEY = 7_305_011_402_719
# Alembic's `context` and `op` are process-wide proxies: two threads must not run
# migrations at once.
_ALEMBIC_IN_USE = threading.Lock()

metadata = MetaData()

runs_table = Table(
    "runs",
    metadata,
    Column("run_id", String(64), primary_key=True),
    Column("started_at", String(40), nullable=False, index=True),
    Column("finished_at", String(40), nullable=False, default=""),
    Column("commit", String(64), nullable=False, default=""),
    Column("target", Text, nullable=False, default=""),
    Column("demo", String(32), nullable=False, default=""),
    # SQLite's INTEGER holds 64 bits already; elsewhere a walk's random seed needs
    # BIGINT (revision 0004).
    Column(
        "seed",
        BigInteger().with_variant(Integer(), "sqlite"),
        nullable=False,
        default=0,
    ),
    Column("browser", String(128), nullable=False, default=""),
    Column("duration_s", Float, nullable=False, default=0.0),
    # Revision 0002. "" is desktop, so the runs stored before devices existed read as
    # what they were.
    Column("device", String(128), nullable=False, default="", server_default=""),
    Index(
        "ix_runs_device_started", "device", "started_at"
    ),  # trends and compare read one device's runs
)

journeys_table = Table(
    "journeys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "run_id",
        String(64),
        ForeignKey("runs.run_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column(
        "position", Integer, nullable=False
    ),  # order within the run, so a run loads as it was walked
    Column("feature", Text, nullable=False),
    Column("scenario", Text, nullable=False),
    Column("stage", String(32), nullable=False, default=""),
    Column("outcome", String(16), nullable=False),
    Column("steps", Integer, nullable=False, default=0),
    Column("score", Float, nullable=False),
    Column("points", Float, nullable=False, default=0.0),
    # The whole record as JSON: the columns above are for queries, this is for a
    # lossless reload.
    Column("record", Text, nullable=False),
    Index("ix_journeys_run", "run_id"),
    Index("ix_journeys_key", "feature", "scenario"),
)

frictions_table = Table(
    "frictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "journey_id",
        Integer,
        ForeignKey("journeys.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("run_id", String(64), nullable=False, index=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("points", Float, nullable=False),
    Column("step", Integer, nullable=False, default=-1),
    Column("step_text", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("where", Text, nullable=False, default=""),
    Column("screenshot", Text, nullable=False, default=""),
)

# Revision 0003: what surveyed customers said, imported by `journeys surveys import`
# (journeys/report/surveys.py). Only the columns the mapping names are kept: a
# respondent is a hash, never an address.
survey_responses_table = Table(
    "survey_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "source", String(255), nullable=False
    ),  # the export's file name: importing it again replaces its rows
    Column(
        "line", Integer, nullable=False
    ),  # where the response is in that file, for a person checking it
    Column("responded_at", String(40), nullable=False),  # ISO 8601 date and time
    Column("question", String(8), nullable=False),  # ces, nps or csat
    Column("score", Float, nullable=False),
    Column(
        "tag", String(255), nullable=False
    ),  # the touchpoint or journey tag, as the export wrote it
    Column("comment", Text, nullable=False, default="", server_default=""),
    Column("respondent", String(128), nullable=False, default="", server_default=""),
    Column("imported_at", String(40), nullable=False),
    Index(
        "ix_survey_responses_at", "responded_at"
    ),  # the effort page reads one period of them
    Index("ix_survey_responses_source", "source"),
)


class NewerSchemaError(Exception):
    """The history was upgraded by a newer journeys than this one: its revision is
    unknown here.
    """

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def current_revision(conn: Connection) -> str | None:
    """The history's revision: None when it has no alembic_version table (new, or made
    before migrations).
    """
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("select version_num from alembic_version")).scalar()


def upgrade_schema(conn: Connection) -> None:
    """Bring the history on `conn` to HEAD_REVISION, inside the caller's write
    transaction.

    The caller's transaction is the lock that keeps two processes opening a new history
    at once from both creating the tables: SQLite's BEGIN IMMEDIATE, and on PostgreSQL
    an advisory lock taken here (its DDL is transactional too).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("select pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK_KEY}
        )
    revision = current_revision(conn)
    if revision == HEAD_REVISION:
        return  # another process upgraded it while we waited for the lock
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    script = ScriptDirectory.from_config(config)
    if revision is not None and revision not in {
        r.revision for r in script.walk_revisions()
    }:
        raise NewerSchemaError(revision)
    with _ALEMBIC_IN_USE:
        if revision is None and inspect(conn).has_table("runs"):
            # Written by a journeys from before migrations: its tables are revision
            # 0001's.
            MigrationContext.configure(conn).stamp(script, "0001")
        command.upgrade(config, "head")
