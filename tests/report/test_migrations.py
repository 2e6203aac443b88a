"""The history's schema is versioned: a history written by an older journeys opens,
upgraded, with every run intact.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.command import upgrade
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, make_url, text

from journeys.errors import JourneysError
from journeys.report import open_history
from journeys.report.history_schema import HEAD_REVISION, MIGRATIONS, metadata

# Written by journeys before migrations existed (main at e332803,
# journeys/report/history.py), with the report tests' sample walks: tables and rows, no
# alembic_version, no runs.device.
BEFORE_MIGRATIONS = Path(__file__).parent / "fixtures" / "history-0001.sqlite"


def _old_history(url: str) -> None:
    """Make at `url` the history the code before migrations wrote: the fixture's file,
    or its rows in revision 0001's tables.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        shutil.copy(BEFORE_MIGRATIONS, parsed.database)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            upgrade(config, "0001")
            conn.execute(
                text("drop table alembic_version")
            )  # the code before migrations made none
            old = MetaData()
            old.reflect(conn)
            source = sqlite3.connect(BEFORE_MIGRATIONS)
            source.row_factory = sqlite3.Row
            for table in ("runs", "journeys", "frictions"):
                rows = [
                    dict(row)
                    for row in source.execute(f"select * from {table} order by rowid")
                ]
                conn.execute(old.tables[table].insert(), rows)
            source.close()
            for table in (
                "journeys",
                "frictions",
            ):  # rows came with their ids: move the sequences past them
                conn.execute(
                    text(
                        f"select setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (select max(id) from {table}))"
                    )
                )
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def test_the_fixture_is_a_history_from_before_migrations():
    conn = sqlite3.connect(BEFORE_MIGRATIONS)
    tables = {
        name
        for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table'"
        )
    }
    columns = {row[1] for row in conn.execute("pragma table_info(runs)")}
    assert tables == {"runs", "journeys", "frictions"} and "device" not in columns
    assert conn.execute("select count(*) from runs").fetchone() == (2,)
    conn.close()


def test_head_revision_is_the_newest_migration():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_a_new_history_has_exactly_the_declared_tables(history_url):
    """The migrations and history_schema's tables agree: what the code reads is what the
    revisions made.
    """
    open_history(history_url).close()
    engine = create_engine(history_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            assert (
                MigrationContext.configure(conn).get_current_revision() == HEAD_REVISION
            )
    finally:
        engine.dispose()


def test_a_history_from_before_migrations_keeps_its_runs_and_takes_new_ones(
    history_url, samples
):
    _old_history(history_url)
    with open_history(history_url) as history:
        runs = history.list_runs()
        assert [(r.run_id, r.demo, r.commit, r.device) for r in runs] == [
            ("20260302-potholed", "potholed", "def5678", ""),
            ("20260301-smooth", "smooth", "abc1234", ""),
        ]
        assert history.load_run("20260301-smooth") == samples.smooth_walk()
        assert history.load_run("20260302-potholed") == samples.potholed_walk(
            "screenshots/a.png"
        )
        history.store_run(
            samples.run_info("20260303-phone", 3, device="iPhone 13"),
            samples.potholed_walk(),
        )
        history.store_run(samples.run_info("20260304-desk", 4), samples.smooth_walk())
        window, trends = history.trends()
        assert history.count_runs() == 4
    assert [r.run_id for r in window] == [
        "20260301-smooth",
        "20260302-potholed",
        "20260304-desk",
    ]
    assert trends[("Checkout", "Guest buys a mug")].scores == (6.5, 3.1, 6.5)
    assert _revision(history_url) == HEAD_REVISION
    engine = create_engine(history_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            assert (
                conn.execute(text("select count(*) from frictions")).scalar_one()
                == 3 + 3
            )
    finally:
        engine.dispose()


_OPEN = """
import sys
from journeys.report import open_history
with open_history(sys.argv[1]) as history:
    print(len(history.list_runs()))
"""


def test_processes_opening_an_old_history_at_once_upgrade_it_once(history_url):
    _old_history(history_url)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, history_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outcomes = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 4, [
        err for _, err in outcomes
    ]
    assert [out.strip() for out, _ in outcomes] == ["2"] * 4
    assert _revision(history_url) == HEAD_REVISION


def test_a_history_from_a_newer_journeys_is_refused_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'history.sqlite'}"
    open_history(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '0099'"))
    engine.dispose()
    with pytest.raises(JourneysError) as caught:
        open_history(url)
    assert (
        str(caught.value)
        == f"history {url}: was upgraded by a newer journeys (schema revision 0099;"
        f" this one knows up to {HEAD_REVISION})\n  fix: upgrade journeys on this"
        " machine too (docs/history.md)"
    )


def test_a_walk_s_random_seed_of_64_bits_is_kept(history_url):
    """Every walk draws a new seed below 2**63 (journeys/run/seeds.py): the history
    keeps it whole on every backend.
    """
    from journeys.project.config import MAX_SEED

    from . import conftest as samples

    history = open_history(history_url)
    try:
        history.store_run(
            samples.run_info("20260305-random", 5, seed=MAX_SEED), samples.smooth_walk()
        )
        assert [
            r.seed for r in history.list_runs() if r.run_id == "20260305-random"
        ] == [MAX_SEED]
    finally:
        history.close()
