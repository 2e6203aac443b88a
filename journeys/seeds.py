"""The run seed: a first-time customer is new every walk, and any walk can be replayed with its seed.

`seed` unset (or "random") in `[tool.journeys]` means a new seed for each walk,
recorded in the run (effort.json, the banner, the history). `--seed N` (or
`seed = N`) replays a walk exactly. Shards of one night share their run id,
and so their seed: it is derived from the run id when one is given.
"""

from __future__ import annotations

import hashlib
import secrets

from .config import MAX_SEED


def walk_seed(run_id: str | None = None) -> int:
    """A seed for a walk that has none: from the shared run id of a sharded walk, else new."""
    if run_id:
        return int.from_bytes(hashlib.sha256(f"seed:{run_id}".encode()).digest()[:8], "big") % (MAX_SEED + 1)
    return secrets.randbelow(MAX_SEED + 1)
