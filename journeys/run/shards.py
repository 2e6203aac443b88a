"""`--journeys-shard i/n`: walk a deterministic part of the journeys, so CI runners
share a night's walk.

A pytest plugin (loaded with the journeys plugin). Each scenario goes to one shard by
the durations the history holds (the longest first, each to the least loaded shard),
else by feature file (the largest first, whole files kept together). The same inputs
give the same split on every runner and every xdist worker: the durations are read once,
by the process that starts the walk, and handed to its workers. A shard stores nothing
in the history and builds no effort page: `journeys merge` does that once for the whole
run.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journeys.errors import JourneysError

SHARD_KEY = pytest.StashKey["Shard"]()
DURATIONS_KEY = pytest.StashKey[dict[str, float]]()
# recent runs whose durations are averaged: one slow night does not reshuffle the split
HISTORY_RUNS_READ = 5
RUN_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
RUN_REPORTERS = (
    "journeys-history",
    "journeys-effort-page",
)  # the whole run's: merge makes them once


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as typed
    total: int

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def parse_shard(text: str) -> Shard:
    """`2/4` as typed; anything else is a JourneysError naming the fix."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match:
        index, total = int(match.group(1)), int(match.group(2))
        if 1 <= index <= total <= 1000:
            return Shard(index, total)
    raise JourneysError(
        f"--shard {text!r} is not a shard\n  fix: write it as INDEX/TOTAL, e.g. --shard"
        " 2/4 (1 <= INDEX <= TOTAL)"
    )


def run_id_problem(run_id: str) -> str:
    """Why `run_id` cannot name a run (it names folders too), or ""."""
    return "" if RUN_ID_PATTERN.fullmatch(run_id) else "is not a run id"


def split(
    items: Sequence[tuple[str, str]], total: int, durations: dict[str, float]
) -> list[list[str]]:
    """(node id, feature file) pairs dealt to `total` shards; the same input always
    gives the same shards.
    """
    shards: list[list[str]] = [[] for _ in range(total)]
    loads = [0.0] * total

    def give(node_ids: list[str], weight: float) -> None:
        lightest = min(range(total), key=lambda i: (loads[i], i))
        shards[lightest].extend(node_ids)
        loads[lightest] += weight

    known = [durations[node] for node, _ in items if node in durations]
    # the history says how long each journey takes: the longest first, each to the
    # lightest shard
    if known:
        typical = statistics.median(
            known
        )  # a journey new since then counts as a typical one
        weighted = sorted(
            ((durations.get(node, typical), node) for node, _ in items),
            key=lambda w: (-w[0], w[1]),
        )
        for weight, node in weighted:
            give([node], weight)
    # no history: by feature file, the largest first, a file kept whole unless it would
    # overfill a shard
    else:
        files: dict[str, list[str]] = {}
        for node, path in items:
            files.setdefault(path, []).append(node)
        share = math.ceil(len(items) / total)
        for _path, nodes in sorted(files.items(), key=lambda f: (-len(f[1]), f[0])):
            if min(loads) + len(nodes) <= share:
                give(nodes, float(len(nodes)))
            else:
                for node in nodes:
                    give([node], 1.0)
    return [sorted(shard) for shard in shards]


def history_durations(url: str, runs: int = HISTORY_RUNS_READ) -> dict[str, float]:
    """Each journey's mean duration (s) over the last `runs` runs of the history; {}
    when there is none yet.
    """
    from sqlalchemy.engine import make_url

    from journeys.report.history import open_history

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (
        not parsed.database or not Path(parsed.database).is_file()
    ):
        return {}  # no history yet: reading it must not create it
    seen: dict[str, list[float]] = {}
    with open_history(url) as history:
        for run in history.list_runs(limit=runs):
            for result in history.load_run(run.run_id):
                if result.duration_s > 0:
                    seen.setdefault(result.node_id, []).append(result.duration_s)
    return {node: sum(values) / len(values) for node, values in seen.items()}


# -- the pytest plugin ------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("journeys").addoption(
        "--journeys-shard",
        metavar="I/N",
        help="walk the I-th of N parts of the journeys",
    )


@pytest.hookimpl(
    trylast=True
)  # after the journeys plugin has loaded the project and registered its reporters
def pytest_configure(config: pytest.Config) -> None:
    text = config.getoption("journeys_shard", None)
    if not text:
        return
    try:
        config.stash[SHARD_KEY] = parse_shard(text)
    except JourneysError as error:
        raise pytest.UsageError(str(error)) from None
    config.option.journeys_shard = str(
        config.stash[SHARD_KEY]
    )  # " 2 / 4 " is recorded as the run's shard "2/4"
    worker_input = getattr(config, "workerinput", None)
    if worker_input is not None:
        config.stash[DURATIONS_KEY] = dict(
            worker_input.get("journeys_shard_durations", {})
        )
    else:
        config.stash[DURATIONS_KEY] = _read_durations(config)
    for name in RUN_REPORTERS:
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            config.pluginmanager.unregister(plugin, name)


def _read_durations(config: pytest.Config) -> dict[str, float]:
    from journeys.run.keys import PROJECT_KEY

    project = config.stash.get(PROJECT_KEY, None)
    if project is None:
        return {}
    try:
        return history_durations(
            project.history.resolved_url(project.settings.reports_dir)
        )
    except Exception as error:  # noqa: BLE001 - a history that cannot be read splits by file, and says so
        config.issue_config_time_warning(
            pytest.PytestWarning(
                "journeys: shards split by file: the history could not be read"
                f" ({error})"
            ),
            2,
        )
        return {}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker splits by the durations the controller read, so they collect
    the same shard.
    """
    durations = node.config.stash.get(DURATIONS_KEY, None)
    if durations is not None:
        node.workerinput["journeys_shard_durations"] = durations


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    shard = config.stash.get(SHARD_KEY, None)
    if shard is None:
        return
    pairs = [
        (item.nodeid, item.nodeid.split("::", 1)[0]) for item in items
    ]  # the file as the project names it, on any runner
    mine = set(
        split(pairs, shard.total, config.stash.get(DURATIONS_KEY, {}))[shard.index - 1]
    )
    kept = [item for item in items if item.nodeid in mine]
    dropped = [item for item in items if item.nodeid not in mine]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
