"""`journeys merge`: shards of one run become one run, with the same journeys as a walk
on one machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.effort.result import JourneyResult, RunInfo
from journeys.errors import JourneysError
from journeys.project.sections import load_project
from journeys.report.history import open_history
from journeys.report.record import write_effort_json
from journeys.run.merge import merge_shards

ROOT = Path(__file__).resolve().parents[1]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*JOURNEYS, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "JOURNEYS_COMMIT": "test"},
        stdin=subprocess.DEVNULL,
    )


def _comparable(effort: dict) -> list[tuple]:
    """What a journey cost, without what differs between two walks (times, the demo
    shop's port in evidence).
    """
    return [
        (
            j["node_id"],
            j["outcome"],
            j["steps"],
            j["points"],
            j.get("score"),
            tuple((f["kind"], f["step"], f["points"]) for f in j["frictions"]),
        )
        for j in effort["journeys"]
    ]


@pytest.mark.browser
def test_two_shards_merged_are_the_walk_of_one_machine(tmp_path: Path) -> None:
    whole = _run(
        "walk",
        "--demo",
        "potholed",
        "--seed",
        "11",
        "--reports",
        str(tmp_path / "whole"),
        "-n",
        "2",
    )
    assert whole.returncode == 1, (
        whole.stdout + whole.stderr
    )  # potholed journeys fail their budgets
    for index in (1, 2):
        shard = _run(
            "walk",
            "--demo",
            "potholed",
            "--seed",
            "11",
            "--shard",
            f"{index}/2",
            "--run-id",
            "night-1",
            "--reports",
            str(tmp_path / f"shard{index}"),
        )
        assert (
            shard.returncode in (0, 1)
            and "Traceback" not in shard.stdout + shard.stderr
        ), shard.stdout + shard.stderr
    merged = tmp_path / "merged"
    done = _run(
        "merge",
        str(tmp_path / "shard1"),
        str(tmp_path / "shard2"),
        "--reports",
        str(merged),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("merged 2 shard(s) of run night-1: ")

    one = json.loads((tmp_path / "whole" / "effort.json").read_text(encoding="utf-8"))
    both = json.loads((merged / "effort.json").read_text(encoding="utf-8"))
    assert _comparable(both) == _comparable(one)
    assert any(
        j["frictions"] for j in both["journeys"]
    )  # the comparison has frictions to compare
    # The e-mail each shard's sink counted (the raw mail is not kept), as one walk
    # counted it.
    assert (
        both["run"]["mail"] == one["run"]["mail"] and one["run"]["mail"]["received"] > 0
    )
    assert [j.get("mail") for j in both["journeys"]] == [
        j.get("mail") for j in one["journeys"]
    ]
    assert both["run"]["run_id"] == "night-1" and both["run"]["seed"] == 11

    shard_results = [
        p
        for i in (1, 2)
        for p in (tmp_path / f"shard{i}" / "runs" / "night-1" / "allure-results").glob(
            "*-result.json"
        )
    ]
    assert sorted(
        p.name for p in (merged / "allure-results").glob("*-result.json")
    ) == sorted(p.name for p in shard_results)
    assert "run=night-1" in (
        merged / "allure-results" / "environment.properties"
    ).read_text(encoding="utf-8")
    assert len(list((merged / ".walk" / "night-1").glob("*.jsonl"))) >= 2
    for journey in both["journeys"]:
        for shot in journey.get("screenshots", []):
            assert (merged / shot).is_file(), shot
    with open_history(f"sqlite:///{merged / 'history.sqlite'}") as history:
        assert [run.run_id for run in history.list_runs()] == ["night-1"]
        assert len(history.load_run("night-1")) == len(one["journeys"])
    assert (merged / "effort" / "index.html").is_file()

    report = _run("report", "--reports", str(merged))
    assert report.returncode == 0, report.stdout + report.stderr
    assert (merged / "allure-report" / "index.html").is_file()


def _shard(
    folder: Path, run_id: str, *node_ids: str, seed: int = 1, shard: str = ""
) -> Path:
    run = RunInfo(
        run_id=run_id, started_at="2026-12-01T02:00:00+00:00", seed=seed, shard=shard
    )
    results = [
        JourneyResult(
            feature="F", scenario=node, node_id=node, feature_path="features/f.feature"
        )
        for node in node_ids
    ]
    folder.mkdir(parents=True)
    write_effort_json(folder / "effort.json", run, results)
    return folder


@pytest.fixture
def project(tmp_path: Path):  # noqa: ANN201
    (tmp_path / "pyproject.toml").write_text("[tool.journeys]\n", encoding="utf-8")
    return load_project(tmp_path, environ={}, reports=str(tmp_path / "merged"))


def test_shards_of_different_runs_are_not_merged(tmp_path: Path, project) -> None:  # noqa: ANN001
    a = _shard(tmp_path / "a", "night-1", "f::one")
    b = _shard(tmp_path / "b", "night-2", "f::two")
    with pytest.raises(
        JourneysError,
        match=(
            r"b: is run night-2, not night-1 like .*a\n  fix: walk every shard of a"
            r" night with the same --run-id"
        ),
    ):
        merge_shards([a, b], project)


def test_a_journey_in_two_shards_is_not_merged(tmp_path: Path, project) -> None:  # noqa: ANN001
    a = _shard(tmp_path / "a", "night-1", "f::one")
    b = _shard(tmp_path / "b", "night-1", "f::one")
    with pytest.raises(JourneysError, match=r"b: walked f::one again \(also in .*a\)"):
        merge_shards([a, b], project)


def test_shards_walked_with_other_seeds_are_not_one_run(
    tmp_path: Path, project
) -> None:  # noqa: ANN001
    a = _shard(tmp_path / "a", "night-1", "f::one", seed=1)
    b = _shard(tmp_path / "b", "night-1", "f::two", seed=2)
    with pytest.raises(
        JourneysError,
        match=(
            r"b: was walked with seed 2, .*a with 1\n  fix: walk every shard of a run"
            r" with the same seed"
        ),
    ):
        merge_shards([a, b], project)


def test_a_folder_without_effort_json_is_named(tmp_path: Path, project) -> None:  # noqa: ANN001
    a = _shard(tmp_path / "a", "night-1", "f::one")
    (tmp_path / "empty").mkdir()
    with pytest.raises(
        JourneysError,
        match=(
            r"empty: has no effort.json\n  fix: give the reports folder of each shard"
        ),
    ):
        merge_shards([a, tmp_path / "empty"], project)
    with pytest.raises(JourneysError, match=r"merged: is one of the shards"):
        merge_shards([a, project.settings.reports_dir], project)


def test_shards_of_two_splits_or_one_shard_twice_are_not_merged(
    tmp_path: Path, project
) -> None:  # noqa: ANN001
    a = _shard(tmp_path / "a", "night-1", "f::one", shard="1/2")
    b = _shard(tmp_path / "b", "night-1", "f::two", shard="2/4")
    with pytest.raises(
        JourneysError,
        match=(
            r"b: is shard 2/4, .*a is one of 2\n  fix: walk every shard of a run with"
            r" --shard I/N of one N"
        ),
    ):
        merge_shards([a, b], project)
    c = _shard(tmp_path / "c", "night-1", "f::three", shard="1/2")
    with pytest.raises(JourneysError, match=r"c: is shard 1/2, like .*a\n"):
        merge_shards([a, c], project)


def test_a_merge_says_which_shards_it_was_not_given(tmp_path: Path, project) -> None:  # noqa: ANN001
    parts = [
        _shard(tmp_path / f"s{i}", "night-1", f"f::{i}", shard=f"{i}/4") for i in (1, 3)
    ]
    merged = merge_shards(parts, project)
    assert (
        merged.missing == ["2/4", "4/4"]
        and merged.run.shard == ""
        and len(merged.results) == 2
    )
    unmarked = [
        _shard(tmp_path / f"u{i}", "night-2", f"f::{i}") for i in (1, 2)
    ]  # walked before shards were marked
    assert (
        merge_shards(
            unmarked,
            load_project(
                project.settings.root, environ={}, reports=str(tmp_path / "m2")
            ),
        ).missing
        == []
    )
