"""A history locked by another process never loses the run, and files that are not what
they claim are clean errors.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.effort.result import JourneyResult, RunInfo
from journeys.errors import JourneysError
from journeys.report.history import default_history_url, open_history
from journeys.report.history_pending import store_or_keep

JOURNEYS = Path(sys.executable).with_name("journeys")


def _journeys(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JOURNEYS), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    return tmp_path


def test_a_history_locked_past_the_wait_keeps_the_run_beside_it_to_import(
    tmp_path,
):
    project = _project(tmp_path)
    reports = project / "reports"
    url = default_history_url(reports)
    open_history(url).close()  # the history exists, as after any walk
    run = RunInfo(
        run_id="20261207T230000Z-abc123",
        started_at="2026-12-07T23:00:00+00:00",
        target="http://127.0.0.1:8000",
    )
    results = [
        JourneyResult(
            feature="Buy",
            scenario="Buy from the ad",
            node_id="features/buy.feature::buy",
            score=6.5,
        )
    ]
    said: list[str] = []
    holder = sqlite3.connect(reports / "history.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process, writing for minutes
    try:
        with pytest.raises(JourneysError) as raised:
            store_or_keep(
                url, run, results, reports_dir=reports, wait_s=1.0, say=said.append
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    pending = reports / f"history-pending-{run.run_id}.json"
    assert said == [
        f"journeys: the history {url} is locked by another process; waiting up to 1 s"
        " for it"
    ]
    message = str(raised.value)
    assert (
        f"this run is kept in {pending}" in message
        and f"`journeys import {pending}`" in message
    )
    assert (
        json.loads(pending.read_text(encoding="utf-8"))["run"]["run_id"] == run.run_id
    )

    imported = _journeys("import", str(pending), cwd=project)
    assert imported.returncode == 0, imported.stderr
    assert f"stored run {run.run_id} in the history" in imported.stdout
    assert not pending.exists()
    with open_history(url) as history:
        assert [r.run_id for r in history.list_runs()] == [run.run_id]


@pytest.mark.parametrize("command", [["report"], ["compare", "--list"]])
def test_a_history_file_that_is_not_a_database_is_a_clean_error(tmp_path, command):
    project = _project(tmp_path)
    (project / "reports" / "history.sqlite").write_text(
        "a shopping list, not a database\n", encoding="utf-8"
    )
    result = _journeys(*command, cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "is not a database journeys can read" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[]", 'it holds a list, not an object with "run" and "journeys"'),
        ('{"run": 5, "journeys": []}', 'its "run" is not an object'),
        (
            '{"run": {"run_id": "x", "started_at": "y"}, "journeys": [5]}',
            'its "journeys" is not a list of objects',
        ),
        ("null", "it holds null, not an object"),
        (
            (
                '{"run": {"run_id": "x", "started_at": "y"}, "journeys": [{"feature":'
                ' "f", "scenario": "s", "frictions": [7]}]}'
            ),
            "is not an effort.json",
        ),
    ],
)
def test_merging_an_effort_json_of_the_wrong_shape_is_a_clean_error(
    tmp_path, content, said
):
    project = _project(tmp_path)
    shard = project / "shard"
    shard.mkdir()
    (shard / "effort.json").write_text(content, encoding="utf-8")
    result = _journeys("merge", str(shard), cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert said in result.stderr


def test_importing_a_file_that_is_not_a_run_is_a_clean_error(tmp_path):
    project = _project(tmp_path)
    (project / "run.json").write_text("[]", encoding="utf-8")
    result = _journeys("import", "run.json", cwd=project)
    assert result.returncode == 2
    assert "run.json: is not a run journeys kept" in result.stderr
