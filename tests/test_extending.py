"""docs/extending.md's example report, run as a team would run it: one module, wired by conftest.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]


def _code_after(guide: str, heading: str) -> str:
    return guide.split(heading, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


def _guide_project(folder: Path, scenarios: int = 1) -> dict[str, str]:
    """A project with the guide's report wired by conftest.py; the environment to run it in."""
    guide = (MAIN / "docs" / "extending.md").read_text(encoding="utf-8")
    (folder / "hard_journeys.py").write_text(
        _code_after(guide, "## A report"), encoding="utf-8"
    )
    (folder / "conftest.py").write_text(
        'pytest_plugins = ["hard_journeys"]\n', encoding="utf-8"
    )
    (folder / "pyproject.toml").write_text(
        '[tool.journeys]\ndemo = "smooth"\n', encoding="utf-8"
    )
    (folder / "features").mkdir()
    for n in range(scenarios):
        (folder / "features" / f"persona{n}.feature").write_text(
            f"@discover\nFeature: Who walks {n}\n  Scenario: A new customer {n}\n    Given I am a first-time customer\n"
            "    Then the journey should be easy (CES at least 7)\n",
            encoding="utf-8",
        )
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JOURNEYS_", "PYTEST_"))
    }


def test_the_example_report_of_the_guide_writes_its_file_once_per_walk(
    tmp_path: Path,
) -> None:
    env = _guide_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = json.loads(
        (tmp_path / "reports" / "hard-journeys.json").read_text(encoding="utf-8")
    )
    assert written["hard"] == [] and written["run"]
    assert (
        tmp_path / "reports" / "effort.json"
    ).is_file()  # the built-in reports ran beside it


def test_a_sharded_night_reaches_the_guides_report_once_whole_after_the_merge(
    tmp_path: Path,
) -> None:
    env = _guide_project(tmp_path, scenarios=2)
    journeys = [sys.executable, "-m", "journeys.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*journeys, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )

    for index in (1, 2):
        shard = run(
            "walk",
            "--shard",
            f"{index}/2",
            "--run-id",
            "night-3",
            "--reports",
            f"shard{index}",
        )
        assert shard.returncode == 0, shard.stdout + shard.stderr
        assert (
            json.loads(
                (tmp_path / f"shard{index}" / "effort.json").read_text(encoding="utf-8")
            )["run"]["shard"]
            == f"{index}/2"
        )
    written = tmp_path / "reports" / "hard-journeys.json"
    assert not written.exists()  # each shard was a part: the guide's report waited

    merged = run("merge", "shard1", "shard2")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert json.loads(written.read_text(encoding="utf-8")) == {
        "run": "night-3",
        "hard": [],
    }
    assert (
        json.loads((tmp_path / "reports" / "effort.json").read_text(encoding="utf-8"))[
            "run"
        ]["shard"]
        == ""
    )

    only_one = run("merge", "shard1", "--reports", "partial")
    assert (
        only_one.returncode == 1
        and "incomplete: shard(s) 2/2 not given" in only_one.stdout
    ), only_one.stdout + only_one.stderr

    (tmp_path / "hard_journeys.py").write_text(
        "def pytest_journeys_run_finished(run, results):\n    raise RuntimeError('chat is down')\n",
        encoding="utf-8",
    )
    failing = run("merge", "shard1", "shard2", "--reports", "again")
    assert (
        failing.returncode == 2 and "Traceback" not in failing.stdout + failing.stderr
    )
    assert (
        "a reporter of the project failed on them: RuntimeError: chat is down"
        in failing.stdout + failing.stderr
    )
    assert (tmp_path / "again" / "effort.json").is_file()  # the merged reports are kept
