"""`journeys merge`: the reports folders of a run's shards become one run, as if one
machine had walked it.

Each shard (`journeys walk --shard I/N --run-id ID --reports DIR`) leaves its journeys
in DIR/effort.json, its Allure results and traces in DIR/runs/ID/, its screenshots and
its kept results (DIR/.walk/ID/). The merge copies them into one reports folder, checks
that they are parts of one run (one run id, seed, device, demo mode; no journey twice),
writes effort.json and the Allure run files for the whole run, stores it in the history
once and builds the effort page, so `journeys report` and `journeys compare` read it
like any walk.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from journeys.effort.result import JourneyResult, RunInfo
from journeys.errors import JourneysError
from journeys.project.sections import Project
from journeys.run.announce import announce_run
from journeys.run.results import ALLURE_RESULTS, WALK_DIR, point_latest, run_artifacts

EFFORT_JSON = "effort.json"
# What a shard writes for itself and the merge writes again for the whole run.
_REWRITTEN = {EFFORT_JSON, "effort.csv", "effort", ALLURE_RESULTS, WALK_DIR}
_SAME_IN_EVERY_SHARD = ("seed", "device", "demo")


@dataclass(frozen=True)
class ShardReports:
    folder: Path
    run: RunInfo
    results: list[JourneyResult]


def read_shard(folder: Path) -> ShardReports:
    """One shard's reports folder, or a JourneysError saying why it is not one."""
    from journeys.report.record import load_effort_json

    effort = folder / EFFORT_JSON
    if not effort.is_file():
        raise JourneysError(
            f"{folder}: has no {EFFORT_JSON}\n  fix: give the reports folder of each"
            " shard (`journeys walk --shard I/N --reports DIR`)"
        )
    try:
        run, results = load_effort_json(effort)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise JourneysError(
            f"{effort}: is not an effort.json journeys wrote ({type(error).__name__}:"
            f" {error})\n  fix: walk that shard again"
        ) from None
    return ShardReports(folder, run, results)


def merged_run(shards: Sequence[ShardReports]) -> tuple[RunInfo, list[JourneyResult]]:
    """The shards' runs as one (they must be parts of one walk) and all their journeys,
    in a walk's order.
    """
    first = shards[0]
    for shard in shards[1:]:
        if shard.run.run_id != first.run.run_id:
            raise JourneysError(
                f"{shard.folder}: is run {shard.run.run_id}, not {first.run.run_id}"
                f" like {first.folder}\n  fix: walk every shard of a night with the"
                " same --run-id"
            )
        for name in _SAME_IN_EVERY_SHARD:
            if getattr(shard.run, name) != getattr(first.run, name):
                raise JourneysError(
                    f"{shard.folder}: was walked with {name}"
                    f" {getattr(shard.run, name)!r}, {first.folder} with"
                    f" {getattr(first.run, name)!r}\n  fix: walk every shard of a run"
                    f" with the same {name}"
                )
    _check_shard_marks(shards)
    seen: dict[str, Path] = {}
    for shard in shards:
        for result in shard.results:
            if result.node_id in seen:
                raise JourneysError(
                    f"{shard.folder}: walked {result.node_id} again (also in"
                    f" {seen[result.node_id]})\n  fix: give each shard once, and walk"
                    " them with --shard I/N of one N"
                )
            seen[result.node_id] = shard.folder
    runs = [shard.run for shard in shards]
    run = replace(
        first.run,
        started_at=min(r.started_at for r in runs),
        finished_at=max(r.finished_at for r in runs),
        duration_s=max(
            r.duration_s for r in runs
        ),  # the shards walk side by side: the run lasts as long as the slowest
        commit=(
            first.run.commit
            if all(r.commit == first.run.commit for r in runs)
            else ", ".join(sorted({r.commit for r in runs}))
        ),
        # the whole run: reporters that wait for it (`if run.shard: return`) hear it now
        shard="",
        mail=_mail_counted(runs),
    )
    results = sorted(
        (r for shard in shards for r in shard.results),
        key=lambda r: (r.feature_path, r.node_id),
    )
    return run, results


def _mail_counted(runs: Sequence[RunInfo]) -> dict[str, int]:
    """The e-mails each shard's sink counted, added up (a walk keeps the counts, not the
    raw mail).
    """
    counted = [r.mail for r in runs if r.mail]
    if not counted:
        return {}
    return {
        key: sum(count.get(key, 0) for count in counted)
        for key in ("received", "ignored")
    }


def _check_shard_marks(shards: Sequence[ShardReports]) -> None:
    """Shards of one split: one N for all, each index once (folders from before shards
    were marked pass unchecked).
    """
    from journeys.run.shards import parse_shard

    marked = [shard for shard in shards if shard.run.shard]
    if not marked:
        return
    first = marked[0]
    first_total = parse_shard(first.run.shard).total
    claimed: dict[str, Path] = {}
    for shard in marked:
        if parse_shard(shard.run.shard).total != first_total:
            raise JourneysError(
                f"{shard.folder}: is shard {shard.run.shard}, {first.folder} is one of"
                f" {first_total}\n  fix: walk every shard of a run with --shard I/N of"
                " one N"
            )
        if shard.run.shard in claimed:
            raise JourneysError(
                f"{shard.folder}: is shard {shard.run.shard}, like"
                f" {claimed[shard.run.shard]}\n  fix: give each shard's reports folder"
                " once"
            )
        claimed[shard.run.shard] = shard.folder


def missing_shards(shards: Sequence[ShardReports]) -> list[str]:
    """The shards of the split that were not given ("3/4"), when every shard given says
    which it is.
    """
    from journeys.run.shards import parse_shard

    marks = [parse_shard(shard.run.shard) for shard in shards if shard.run.shard]
    if not marks or len(marks) != len(shards):
        return []
    total = marks[0].total
    given = {mark.index for mark in marks}
    return [f"{index}/{total}" for index in range(1, total + 1) if index not in given]


def copy_shard(shard: ShardReports, into: Path, number: int) -> None:
    """Screenshots, Allure results and traces of one shard into the merged folder; its
    kept results under a name of their own.
    """
    for entry in shard.folder.iterdir():
        if (
            entry.name in _REWRITTEN
            or entry.name.startswith(".")
            or _is_history_file(entry)
        ):
            continue
        if entry.is_dir():
            shutil.copytree(entry, into / entry.name, dirs_exist_ok=True, symlinks=True)
        else:
            shutil.copy2(entry, into / entry.name)
    kept = shard.folder / WALK_DIR / shard.run.run_id
    if (
        kept.is_dir()
    ):  # one file per process; process ids of two runners may be the same
        target = into / WALK_DIR / shard.run.run_id
        target.mkdir(parents=True, exist_ok=True)
        for file in sorted(kept.glob("*.jsonl")):
            shutil.copy2(file, target / f"shard{number}-{file.name}")


def _is_history_file(entry: Path) -> bool:
    return entry.suffix in (".db", ".sqlite", ".sqlite3") or entry.name.endswith(
        (".db-wal", ".db-shm", ".db-journal")
    )


@dataclass(frozen=True)
class MergedRun:
    run: RunInfo
    results: list[JourneyResult]
    missing: list[
        str
        # shards of the split that were not given ("3/4"): their journeys are not in the
        # run
    ]


def merge_shards(folders: Sequence[Path], project: Project) -> MergedRun:
    """Merge the shards' folders into the project's reports folder, and record the run
    there and in the history.
    """
    into = project.settings.reports_dir
    resolved_into = into.resolve()
    if any(folder.resolve() == resolved_into for folder in folders):
        raise JourneysError(
            f"{into}: is one of the shards\n  fix: merge into another folder (--reports"
            " DIR)"
        )
    if len({folder.resolve() for folder in folders}) != len(folders):
        raise JourneysError(
            "a shard's folder is given twice\n  fix: give each shard's reports folder"
            " once"
        )
    for folder in folders:
        if not folder.is_dir():
            raise JourneysError(
                f"{folder}: is not a folder\n  fix: give the reports folder of each"
                " shard"
            )
    shards = [read_shard(folder) for folder in folders]
    run, results = merged_run(shards)
    into.mkdir(parents=True, exist_ok=True)
    for number, shard in enumerate(shards, start=1):
        copy_shard(shard, into, number)
    _record(project, run, results)
    return MergedRun(run, results, missing_shards(shards))


def _record(project: Project, run: RunInfo, results: list[JourneyResult]) -> None:
    """What the end of a walk writes, by the same reporters a walk registers, in their
    order.
    """
    import pluggy

    from journeys import hooks
    from journeys.report.reporters import reporters

    into = project.settings.reports_dir
    allure = run_artifacts(into, run.run_id) / ALLURE_RESULTS
    manager = pluggy.PluginManager("pytest")  # the marks pytest's hookimpl writes
    manager.add_hookspecs(hooks)
    plugins = reporters(
        project, allure_results=allure if allure.is_dir() else None, recording=True
    )
    for name, plugin in plugins.items():
        manager.register(plugin, name)
    # The shards sent no news and wrote no run files: the merged run's go once, from
    # here.
    manager.hook.pytest_journeys_run_finished(run=run, results=results)
    if allure.is_dir():
        point_latest(into, run.run_id)
    # Last, as in a walk, and only now: a team's own reporters heard each shard as a
    # part (run.shard "I/N").
    announce_run(project.settings.root, into / EFFORT_JSON)


__all__ = [
    "MergedRun",
    "ShardReports",
    "merge_shards",
    "merged_run",
    "missing_shards",
    "read_shard",
]
