"""Shared test helpers. Browser tests use pytest-playwright's `page` (journeys picks the
Chromium).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from journeys.demo._server import AppServer


@contextlib.contextmanager
def serve_app(app) -> Iterator[str]:  # noqa: ANN001
    """Serve an ASGI app on a free loopback port for the duration of the block."""
    with AppServer(app, name="test site") as server:
        yield server.url


# -- PostgreSQL: a real server (Debian's binaries) for the history tests ---------------

import glob  # noqa: E402
import os  # noqa: E402
import pwd  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import tempfile  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

POSTGRES_PASSWORD = "journeys-test-secret"


def _pg_ctl() -> str | None:
    """The pg_ctl on PATH, else the newest in Debian's /usr/lib/postgresql/<version>/bin
    (kept off PATH).
    """
    found = shutil.which("pg_ctl")
    if found:
        return found
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    password: str

    def url(self, database: str, *, password: str | None = None) -> str:
        secret = password or self.password
        where = f"{self.host}:{self.port}/{database}"
        return f"postgresql+psycopg://{self.user}:{secret}@{where}"

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A fresh, empty database for the block; its SQLAlchemy URL."""
        from pytest_postgresql.janitor import DatabaseJanitor

        name = f"journeys_{uuid.uuid4().hex[:12]}"
        with DatabaseJanitor(
            user=self.user,
            host=self.host,
            port=self.port,
            dbname=name,
            password=self.password,
        ):
            yield self.url(name)


def _require_passwords(server: object, datadir: Path) -> None:
    """Give the superuser a password and ask for it over TCP, as a team's server does
    (so bad credentials fail).
    """
    import time

    import psycopg

    deadline = time.monotonic() + 60
    # the port opens before the server takes connections ("the database system is
    # starting up")
    while True:
        try:
            conn = psycopg.connect(
                host="127.0.0.1",
                port=server.port,
                user="postgres",
                dbname="postgres",
                autocommit=True,
            )
            break
        except psycopg.OperationalError as error:
            if "starting up" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling for a condition, not a timing assumption
    with conn:
        conn.execute(f"alter role postgres password '{POSTGRES_PASSWORD}'")
        hba = datadir / "pg_hba.conf"
        hba.write_text(
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        conn.execute("select pg_reload_conf()")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test process on a free 127.0.0.1 port, password
    authentication, stopped at the end.

    PostgreSQL refuses to run as root: as root, pg_ctl runs as the `postgres` user that
    Debian's package creates, through a small wrapper, in a folder that user owns.
    """
    pg_ctl = _pg_ctl()
    if pg_ctl is None:
        pytest.skip(
            "PostgreSQL is not installed (no pg_ctl on PATH or in"
            " /usr/lib/postgresql/*/bin): run `./dev setup`"
        )
    from pytest_postgresql.executors.proc import PostgreSQLExecutor

    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip(
                "running as root and there is no `postgres` user to run the server as:"
                " run `./dev setup`"
            )
    with contextlib.ExitStack() as cleanup:
        base = Path(tempfile.mkdtemp(prefix="journeys-postgres-"))
        cleanup.callback(shutil.rmtree, base, ignore_errors=True)
        executable = pg_ctl
        if owner is not None:
            os.chown(base, owner.pw_uid, owner.pw_gid)
            wrapper = base / "pg_ctl-as-postgres"
            wrapper.write_text(
                f'#!/bin/sh\ncd "{base}" && exec setpriv --reuid={owner.pw_uid}'
                f' --regid={owner.pw_gid} --clear-groups -- "{pg_ctl}" "$@"\n',
                encoding="utf-8",
            )
            wrapper.chmod(0o755)
            executable = str(wrapper)
        server = PostgreSQLExecutor(
            executable=executable,
            host="127.0.0.1",
            port=_free_port(),
            datadir=str(base / "data"),
            unixsocketdir=str(base),
            logfile=str(base / "server.log"),
            startparams="-w",
            dbname="journeys",
            user="postgres",
            postgres_options=(  # a throwaway server
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            ),
        )
        server.start()
        cleanup.callback(server.stop)
        _require_passwords(server, base / "data")
        yield PostgresServer(
            host="127.0.0.1",
            port=server.port,
            user="postgres",
            password=POSTGRES_PASSWORD,
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def history_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty history: a SQLite file, and a fresh database on the real PostgreSQL
    server.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path.resolve() / 'history.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.database() as url:
        yield url
