"""Shards: a deterministic part of the journeys per CI runner, balanced by the history's
durations, else by file.
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
from journeys.report.history import open_history
from journeys.run.shards import (
    Shard,
    history_durations,
    parse_shard,
    run_id_problem,
    split,
)

ROOT = Path(__file__).resolve().parents[1]
JOURNEYS = [sys.executable, "-m", "journeys.cli"]


def test_a_shard_is_written_index_over_total() -> None:
    assert parse_shard("2/4") == Shard(2, 4) and str(parse_shard(" 1 / 1 ")) == "1/1"
    for wrong in ("0/4", "5/4", "2", "a/b", "2/0", "-1/4"):
        with pytest.raises(
            JourneysError,
            match=r"--shard .* is not a shard\n  fix: write it as INDEX/TOTAL",
        ):
            parse_shard(wrong)
    assert run_id_problem("nightly-2026-12-01.3") == ""
    assert (
        run_id_problem("../elsewhere") and run_id_problem("") and run_id_problem("a b")
    )


def _items(files: dict[str, int]) -> list[tuple[str, str]]:
    return [
        (f"{path}::test_{n}", path)
        for path, count in files.items()
        for n in range(count)
    ]


def test_without_history_whole_files_go_largest_first_to_the_lightest_shard() -> None:
    items = _items(
        {
            "features/a.feature": 3,
            "features/b.feature": 1,
            "features/c.feature": 2,
            "features/d.feature": 2,
        }
    )
    shards = split(items, 2, {})
    assert shards == [
        [
            "features/a.feature::test_0",
            "features/a.feature::test_1",
            "features/a.feature::test_2",
            "features/b.feature::test_0",
        ],
        [
            "features/c.feature::test_0",
            "features/c.feature::test_1",
            "features/d.feature::test_0",
            "features/d.feature::test_1",
        ],
    ]
    assert (
        split(list(reversed(items)), 2, {}) == shards
    )  # the order pytest collects in does not matter


def test_a_file_larger_than_a_shards_share_is_dealt_out() -> None:
    items = _items({"features/big.feature": 6, "features/small.feature": 2})
    assert [len(shard) for shard in split(items, 4, {})] == [2, 2, 2, 2]


def test_every_journey_falls_to_exactly_one_shard() -> None:
    items = _items({f"features/f{n}.feature": n % 4 + 1 for n in range(13)})
    for total in (1, 2, 3, 4, 7, 40):
        shards = split(items, total, {})
        assert sorted(node for shard in shards for node in shard) == sorted(
            node for node, _ in items
        )


def test_with_history_the_longest_journeys_are_spread_first() -> None:
    items = _items(
        {"features/a.feature": 2, "features/b.feature": 2, "features/c.feature": 1}
    )
    durations = {
        "features/a.feature::test_0": 30.0,
        "features/a.feature::test_1": 20.0,
        "features/b.feature::test_0": 10.0,
        "features/b.feature::test_1": 10.0,
    }  # c.feature::test_0 is new: it counts as a typical (median, 15 s) journey
    shards = split(
        items, 2, durations
    )  # 30 | 20, then 15 to the 20 (35), 10 to the 30 (40), 10 to the 35 (45)
    assert shards == [
        ["features/a.feature::test_0", "features/b.feature::test_0"],
        [
            "features/a.feature::test_1",
            "features/b.feature::test_1",
            "features/c.feature::test_0",
        ],
    ]


def test_durations_come_from_the_last_runs_in_the_history(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite'}"
    assert history_durations(url) == {}
    assert not (
        tmp_path / "history.sqlite"
    ).exists()  # reading a history that is not there does not create it
    with open_history(url) as history:
        for day, seconds in ((1, 4.0), (2, 6.0)):
            run = RunInfo(run_id=f"r{day}", started_at=f"2026-12-0{day}T02:00:00+00:00")
            walked = [
                JourneyResult(
                    feature="F",
                    scenario="S",
                    node_id="features/f.feature::test_s",
                    duration_s=seconds,
                )
            ]
            history.store_run(run, walked)
    assert history_durations(url) == {"features/f.feature::test_s": 5.0}


def _walk(reports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*JOURNEYS, "walk", "--demo", "smooth", "--reports", str(reports), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "JOURNEYS_COMMIT": "test"},
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.browser
def test_a_shard_walks_its_part_with_workers_and_stores_no_history(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "shard"
    done = _walk(
        reports, "--shard", "1/3", "--run-id", "night-7", "-n", "2"
    )  # the workers agree on the shard
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("walking shard 1/3 of ")
    assert (
        f"shard 1/3: {reports / 'effort.json'}; combine the shards with `journeys merge"
        " DIR...`" in done.stdout
    )
    effort = json.loads((reports / "effort.json").read_text(encoding="utf-8"))
    assert effort["run"]["run_id"] == "night-7"
    features = sorted((ROOT / "features").glob("*.feature"))
    walked = sorted({j["node_id"] for j in effort["journeys"]})
    expected = split([(j, j.split("::")[0]) for j in _all_node_ids()], 3, {})[0]
    assert walked == expected and 0 < len(walked) < len(_all_node_ids()) and features
    assert (
        not list(reports.glob("history*"))
        and not (reports / "effort" / "index.html").exists()
    )


def _all_node_ids() -> list[str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "--journeys-demo",
            "smooth",
            "features",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.browser
def test_more_shards_than_journeys_leaves_a_shard_with_nothing_to_walk(
    tmp_path: Path,
) -> None:
    done = _walk(tmp_path / "shard", "--shard", "40/40", "--run-id", "night-8")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "shard 40/40: no journey falls to this shard" in done.stdout
