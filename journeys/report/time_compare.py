"""`journeys compare`'s lost-time regression: a journey that lost more customer time
than before, by over a threshold.

Kept apart from compare.py, which calls `flag_lost_time` once per journey walked in both
runs; the threshold is `[tool.journeys.effort.time] lost_time_threshold_s` or `journeys
compare --lost-time-threshold`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from journeys.effort.result import JourneyResult
from journeys.effort.time import duration_words

# compare.py's JourneyChange (not imported: compare imports this module, and imports
# form a DAG).
JourneyChange = TypeVar("JourneyChange")

__all__ = ["flag_lost_time", "lost_time_reason"]


def lost_time_reason(
    older: JourneyResult | None, newer: JourneyResult | None, threshold_s: float | None
) -> str:
    """Why the journey regressed in lost time ("lost time 10 s -> 1 min 05 s (+55 s,
    more than 30 s)"), or "".
    """
    if (
        threshold_s is None
        or older is None
        or newer is None
        or not (older.walked and newer.walked)
    ):
        return ""
    grew = newer.lost_time_s - older.lost_time_s
    if grew <= threshold_s:
        return ""
    return (
        f"lost time {duration_words(older.lost_time_s)} ->"
        f" {duration_words(newer.lost_time_s)} (+{duration_words(grew)}, more than"
        f" {threshold_s:g} s)"
    )


def flag_lost_time(
    change: JourneyChange,
    older: JourneyResult | None,
    newer: JourneyResult | None,
    threshold_s: float | None,
) -> JourneyChange:
    """`change`, with a lost-time regression among its reasons when the newer run lost
    more than `threshold_s` more.
    """
    reason = lost_time_reason(older, newer, threshold_s)
    return replace(change, reasons=(*change.reasons, reason)) if reason else change
