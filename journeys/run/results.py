"""The results of one walk as it goes: each journey appended the moment it ends, then
read back as one run.

Results go to `reports/.walk/<run id>/<process>.jsonl`, so a walk that is cut short
keeps what it had and xdist workers never share a file. The controller reads them back
once every worker is done.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from journeys.effort.result import JourneyResult, Outcome, RunInfo
from journeys.errors import JourneysError

WALK_DIR = ".walk"
RUNS_DIR = "runs"
ALLURE_RESULTS = "allure-results"
# beside the .jsonl results: the journeys collected (journeys.run.results.write_plan)
PLAN_SUFFIX = ".plan"


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


def run_folder(reports_dir: Path, run_id: str) -> Path:
    return reports_dir / WALK_DIR / run_id


def mail_folder(reports_dir: Path, run_id: str) -> Path:
    """Where the walk's SMTP sink keeps the raw e-mail it receives, until the walk
    ends.
    """
    return run_folder(reports_dir, run_id) / "mail"


def run_artifacts(reports_dir: Path, run_id: str) -> Path:
    """Where one walk's Allure results and traces go: its own folder, so walks side by
    side delete nothing of each other.
    """
    return reports_dir / RUNS_DIR / run_id


def point_latest(reports_dir: Path, run_id: str) -> None:
    """Make reports/allure-results lead to this run's results (a link replaced in one
    step), for `journeys report`.
    """
    results = run_artifacts(reports_dir, run_id) / ALLURE_RESULTS
    if not results.is_dir():
        return
    link = reports_dir / ALLURE_RESULTS
    if (
        link.is_dir() and not link.is_symlink()
    ):  # results of a walk from before run folders: kept, beside the others
        earlier = run_artifacts(reports_dir, "earlier-" + new_run_id())
        earlier.mkdir(parents=True)
        link.rename(earlier / ALLURE_RESULTS)
    temporary = reports_dir / f".{ALLURE_RESULTS}-{uuid.uuid4().hex[:8]}"
    temporary.symlink_to(results.relative_to(reports_dir), target_is_directory=True)
    os.replace(temporary, link)


def find_run_folder(reports_dir: Path, prefix: str) -> str:
    """The run id in reports/runs that `prefix` starts, or an error saying which runs
    there are.
    """
    runs = sorted(
        p.name
        for p in (reports_dir / RUNS_DIR).glob("*")
        if (p / ALLURE_RESULTS).is_dir()
    )
    matching = [run for run in runs if run.startswith(prefix)]
    if len(matching) == 1 or prefix in matching:
        return prefix if prefix in matching else matching[0]
    shown = ", ".join(runs[-5:]) or "none yet"
    problem = "matches several runs" if matching else "is not a run"
    raise JourneysError(
        f"--run {prefix!r} {problem} in {reports_dir / RUNS_DIR} (latest: {shown})\n "
        " fix: give more of a run id"
    )


def append_result(reports_dir: Path, run_id: str, result: JourneyResult) -> None:
    folder = run_folder(reports_dir, run_id)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def write_plan(
    reports_dir: Path, run_id: str, not_walked: Iterable[JourneyResult]
) -> None:
    """The journeys a walk collected, each `not walked` until it starts: what a stopped
    walk never reached.
    """
    lines = [json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in not_walked]
    if not lines:
        return
    folder = run_folder(reports_dir, run_id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{os.getpid()}{PLAN_SUFFIX}").write_text("".join(lines), "utf-8")


def any_started(results: Iterable[JourneyResult]) -> bool:
    """Whether any journey of a run began (the plan lists every other as not walked)."""
    return any(r.outcome is not Outcome.NOT_WALKED for r in results)


def load_results(
    reports_dir: Path, run_id: str, *, stopped: bool = False
) -> list[JourneyResult]:
    """The run's journeys; a journey's last line wins (its start is kept as interrupted
    until it ends).

    A walk that was `stopped` (a signal, Ctrl-C, walk_timeout_s) also lists the journeys
    it collected and never started, as `not walked`; a walk that ran to its end lists
    only what it walked.
    """
    folder = run_folder(reports_dir, run_id)
    results: dict[object, JourneyResult] = {}
    for file in sorted(folder.glob("*.jsonl")):
        for number, result in _lines(file):
            results[result.node_id or (file.name, number)] = result
    for file in sorted(folder.glob(f"*{PLAN_SUFFIX}")) if stopped else ():
        for _, result in _lines(file):
            results.setdefault(result.node_id, result)  # every worker plans them all
    return sorted(results.values(), key=lambda r: (r.feature_path, r.node_id))


def _lines(file: Path) -> Iterator[tuple[int, JourneyResult]]:
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines()):
        # a line cut short by a killed worker: the others still count
        with contextlib.suppress(ValueError, TypeError):
            yield number, JourneyResult.from_dict(json.loads(line))


@dataclass
class RunClock:
    """When a walk started, by the wall clock for the record and by the monotonic clock
    for its duration.
    """

    run_id: str = field(default_factory=new_run_id)
    started_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
    started: float = field(default_factory=time.monotonic)
    load_at_start: float = field(default_factory=lambda: machine_load())

    def info(
        self,
        *,
        target: str,
        demo: str,
        seed: int,
        commit: str,
        browser: str,
        device: str = "",
        shard: str = "",
    ) -> RunInfo:
        return RunInfo(
            run_id=self.run_id,
            started_at=self.started_at,
            finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
            target=target,
            demo=demo,
            seed=seed,
            commit=commit,
            browser=browser,
            device=device,
            duration_s=round(time.monotonic() - self.started, 3),
            shard=shard,
            load_at_start=self.load_at_start,
            load_at_end=machine_load(),
            cores=os.cpu_count() or 0,
        )


def machine_load() -> float:
    """The machine's 1-minute load average (0.0 where the system has none)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return 0.0


def git_commit(root: Path) -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
