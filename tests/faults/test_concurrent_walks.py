"""Two walks into one reports folder: neither deletes the other's Allure results, traces
or journeys.

Each walk writes under its own run folder (reports/runs/<run id>/);
reports/allure-results leads to the walk that finished last, which `journeys report`
builds (or `--run ID` another).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")
FEATURES = {"slow": ["buy_from_the_ad", "sign_up"], "quick": ["contact_a_human"]}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (project / "features").mkdir()
    for names in FEATURES.values():
        for name in names:
            shutil.copy(
                MAIN / "features" / f"{name}.feature",
                project / "features" / f"{name}.feature",
            )
    return project


def _walk(project: Path, which: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    files = [f"features/{name}.feature" for name in FEATURES[which]]
    return subprocess.Popen(
        [str(JOURNEYS), "walk", "--demo", "smooth", *files],
        cwd=project,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _runs(reports: Path) -> list[Path]:
    return sorted((reports / "runs").glob("*")) if (reports / "runs").is_dir() else []


def _wait_for_first_run_folder(reports: Path, walk: subprocess.Popen[str]) -> None:
    """The first walk has started writing (its run folder exists) before the second
    starts: they overlap.
    """
    deadline = time.monotonic() + 300
    while not _runs(reports) and walk.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for a condition, not a timing assumption


@pytest.mark.browser
@pytest.mark.timeout(900)
@pytest.mark.parametrize("first", ["slow", "quick"])
def test_two_walks_into_one_reports_folder_keep_each_others_results(tmp_path, first):
    project = _project(tmp_path)
    reports = project / "reports"
    second = "quick" if first == "slow" else "slow"
    walks = {first: _walk(project, first)}
    _wait_for_first_run_folder(reports, walks[first])
    walks[second] = _walk(project, second)
    outputs = {which: walk.communicate(timeout=800)[0] for which, walk in walks.items()}
    for which, output in outputs.items():
        assert "Traceback" not in output, output
        assert walks[which].returncode == 0, output
    runs = _runs(reports)
    assert len(runs) == 2
    walked = {}
    for run in runs:
        results = [
            json.loads(p.read_text(encoding="utf-8"))
            for p in (run / "allure-results").glob("*-result.json")
        ]
        walked[run.name] = sorted(r["name"] for r in results)
    scenarios = {len(names) for names in FEATURES.values()}
    assert {len(names) for names in walked.values()} == scenarios, walked
    assert all(len(set(names)) == len(names) for names in walked.values()), (
        "no result counted twice (no 'retries')"
    )
    latest = (reports / "allure-results").resolve()
    assert latest.parent in [run.resolve() for run in runs]
    from journeys.report.history import open_history

    with open_history(f"sqlite:///{reports / 'history.sqlite'}") as history:
        assert {run.run_id for run in history.list_runs()} == {run.name for run in runs}


def test_report_builds_the_last_walk_or_the_one_asked_for(tmp_path):
    from journeys.errors import JourneysError
    from journeys.run.results import find_run_folder, point_latest

    reports = tmp_path / "reports"
    (reports / "allure-results").mkdir(
        parents=True
    )  # a walk from before run folders: kept, not deleted
    (reports / "allure-results" / "old-result.json").write_text("{}", encoding="utf-8")
    for run_id in ("20261201T010000Z-aaaaaa", "20261201T020000Z-bbbbbb"):
        (reports / "runs" / run_id / "allure-results").mkdir(parents=True)
        point_latest(reports, run_id)
    assert (reports / "allure-results").resolve() == (
        reports / "runs" / "20261201T020000Z-bbbbbb" / "allure-results"
    ).resolve()
    assert [p.name for p in reports.glob("runs/earlier-*/allure-results/*")] == [
        "old-result.json"
    ]
    point_latest(reports, find_run_folder(reports, "20261201T01"))
    assert (
        reports / "allure-results"
    ).resolve().parent.name == "20261201T010000Z-aaaaaa"
    with pytest.raises(JourneysError, match="matches several runs"):
        find_run_folder(reports, "20261201T0")
    with pytest.raises(JourneysError, match="is not a run"):
        find_run_folder(reports, "1999")
