"""The run seed: a first-time customer is new every walk, and any walk can be replayed
with its seed.

`seed` unset (or "random") in `[tool.journeys]` means a new seed for each walk, recorded
in the run (effort.json, the banner, the history). `--seed N` (or `seed = N`) replays a
walk exactly. Shards of one night share their run id, and so their seed: it is derived
from the run id when one is given.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from typing import TYPE_CHECKING

from journeys.project.config import MAX_SEED

if TYPE_CHECKING:
    from journeys.project.sections import Project


def walk_seed(run_id: str | None = None) -> int:
    """A seed for a walk that has none: from the shared run id of a sharded walk, else
    new.
    """
    if run_id:
        return int.from_bytes(
            hashlib.sha256(f"seed:{run_id}".encode()).digest()[:8], "big"
        ) % (MAX_SEED + 1)
    return secrets.randbelow(MAX_SEED + 1)


def with_seed(
    project: Project, run_id: str | None = None, *, given: int | None = None
) -> Project:
    """`project` with the walk's seed: its own (--seed, config), else `given` (a
    worker's controller's), else a new one.
    """
    if project.settings.seed is not None:
        return project
    seed = given if given is not None else walk_seed(run_id)
    return dataclasses.replace(
        project, settings=dataclasses.replace(project.settings, seed=seed)
    )
