"""A shared history on a real PostgreSQL server, as a team runs it: walk into it,
compare from it, check its URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.report import open_history

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")  # the console script a user runs
FEATURE = "contact_a_human"


def _project(tmp_path: Path, url: str) -> Path:
    project = tmp_path / "qa"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "features").mkdir()
    shutil.copy(
        MAIN / "features" / f"{FEATURE}.feature",
        project / "features" / f"{FEATURE}.feature",
    )
    (project / "pyproject.toml").write_text(
        f'[tool.journeys]\n\n[tool.journeys.history]\nurl = "{url}"\n', encoding="utf-8"
    )
    return project


def _journeys(
    project: Path, *args: str, password: str
) -> subprocess.CompletedProcess[str]:
    # The password comes from the environment (libpq's PGPASSWORD), never from
    # pyproject.toml.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNEYS_", "PG"))}
    env.update(NO_COLOR="1", COLUMNS="200", PGPASSWORD=password)
    return subprocess.run(
        [str(JOURNEYS), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def _no_password(url: str) -> str:
    """The URL a team writes in pyproject.toml: user, host, port and database, the
    password left to PGPASSWORD.
    """
    scheme, rest = url.split("://", 1)
    credentials, place = rest.split("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{place}"


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_walks_store_into_postgresql_and_compare_reads_them(postgres_server, tmp_path):
    with postgres_server.database() as full_url:
        url = _no_password(full_url)
        project = _project(tmp_path, url)
        for _ in range(2):
            walked = _journeys(
                project, "walk", "--demo", "smooth", password=postgres_server.password
            )
            assert walked.returncode == 0, walked.stdout[-3000:] + walked.stderr[-3000:]
        compared = _journeys(
            project,
            "compare",
            "--fail-on-regression",
            password=postgres_server.password,
        )
        listed = _journeys(
            project, "compare", "--list", password=postgres_server.password
        )
        with open_history(full_url) as history:
            runs = history.list_runs()
            journeys = [history.load_run(run.run_id) for run in runs]
    assert compared.returncode == 0, compared.stdout + compared.stderr
    assert "no changes: the two runs cost the customer the same" in compared.stdout
    assert all(
        run.run_id in compared.stdout for run in runs
    )  # the two runs it compared are the server's
    assert len(runs) == 2 and all(run.demo == "smooth" for run in runs)
    assert all(
        len(walk) >= 1 and all(j.outcome == "completed" for j in walk)
        for walk in journeys
    )
    assert listed.returncode == 0 and all(
        run.run_id in listed.stdout for run in runs
    ), listed.stdout + listed.stderr
    assert not (project / "reports" / "history.sqlite").exists()


def test_check_passes_a_reachable_postgresql_history(postgres_server, tmp_path):
    with postgres_server.database() as full_url:
        checked = _journeys(
            _project(tmp_path, _no_password(full_url)),
            "check",
            password=postgres_server.password,
        )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    "in_url", [False, True], ids=["PGPASSWORD", "password in the url"]
)
def test_check_refuses_a_wrong_password_in_one_line(postgres_server, tmp_path, in_url):
    with postgres_server.database() as full_url:
        url = _no_password(full_url)
        if in_url:
            url = url.replace("postgres@", "postgres:not-the-password@", 1)
        checked = _journeys(
            _project(tmp_path, url), "check", password="not-the-password"
        )
    shown = url.replace(":not-the-password@", ":***@")
    assert (
        checked.stderr.rstrip("\n")
        == f"journeys: history {shown}: the server refused user postgres's password\n "
        " fix: correct the user in [tool.journeys.history] url and the password in"
        " PGPASSWORD or ~/.pgpass (not in pyproject.toml)"
    )
    assert (
        checked.returncode == 2
        and "not-the-password" not in checked.stdout + checked.stderr
    )


def test_check_names_a_database_the_server_does_not_have(postgres_server, tmp_path):
    url = _no_password(postgres_server.url("nightly_history"))
    checked = _journeys(
        _project(tmp_path, url), "check", password=postgres_server.password
    )
    assert (
        checked.stderr.rstrip("\n")
        == f"journeys: history {url}: the server has no database nightly_history\n "
        " fix: create it (createdb nightly_history), or correct the database name"
        " in the url"
    )
    assert checked.returncode == 2
