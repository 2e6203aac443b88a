"""Walks into one reports folder never touch each other's files: each run keeps its
screenshots and traces under its own folder (reports/runs/<run id>/), and its raw mail
under reports/.walk/<run id>/ until it ends.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[2]
JOURNEYS = Path(sys.executable).with_name("journeys")


def _walk(project: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [
            str(JOURNEYS),
            "walk",
            "--demo",
            "smooth",
            "--seed",
            "7",
            "--screenshots",
            "every-step",
            "--traces",
            "on",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_a_second_walk_into_the_same_folder_leaves_the_first_runs_files_as_they_were(
    tmp_path,
):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (project / "features").mkdir()
    shutil.copy(
        MAIN / "features" / "contact_a_human.feature",
        project / "features" / "contact_a_human.feature",
    )
    reports = project / "reports"
    _walk(project)
    [first] = [p for p in (reports / "runs").iterdir()]
    before = _digests(first)
    first_effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    _walk(project)  # the same journey, the same customer: the same file names
    second = [p for p in (reports / "runs").iterdir() if p != first]
    assert len(second) == 1
    assert _digests(first) == before, "the second walk changed the first run's files"
    second_effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    for run, effort in ((first, first_effort), (second[0], second_effort)):
        shots = [s for j in effort["journeys"] for s in j["screenshots"]]
        assert shots, effort
        for shot in shots:  # recorded relative to reports/, inside the run's own folder
            assert (reports / shot).is_file(), shot
            assert (reports / shot).resolve().is_relative_to(run.resolve()), shot
        assert list((run / "traces").rglob("*.zip")), run
    assert not (reports / "screenshots").exists()
    assert not list(reports.glob(".walk/*/mail"))  # raw mail went with its walk


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_the_console_names_only_the_reports_the_walk_wrote(tmp_path):
    project = tmp_path / "shop"
    project.mkdir()
    shutil.copy(MAIN / "conftest.py", project / "conftest.py")
    (project / "steps").symlink_to(MAIN / "steps", target_is_directory=True)
    (project / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    (project / "features").mkdir()
    shutil.copy(
        MAIN / "features" / "contact_a_human.feature",
        project / "features" / "contact_a_human.feature",
    )
    # The effort page cannot be written where a folder stands in its place; effort.json
    # still can.
    (project / "reports" / "effort" / "index.html").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(JOURNEYS), "walk", "--demo", "smooth"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert "the reports could not be written" in said, said
    assert "effort report:" not in said, said
    assert f"effort data: {project / 'reports' / 'effort.json'}" in said, said
