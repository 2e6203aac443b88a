"""The customer-time figures as the reports show them: cells, the ranking by lost time,
the year's trend of lost time.

The estimate itself is journeys.effort.time's; each journey's record in the history
(`journeys.record`, JSON) carries it, so the trend reads it back from there for the runs
of the last year, with the tables history.py declares.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from journeys.effort.result import UNSCORED, JourneyResult
from journeys.effort.time import duration_words, time_words

# the walk's Allure steps and effort files read the cells: SQLAlchemy (0.15 s) loads
# only for the trend
if TYPE_CHECKING:
    from .history import History

__all__ = [
    "CHECKOUT_BENCHMARK",
    "LostTimePoint",
    "lost_time_trend",
    "ranked_by_lost_time",
    "time_cells",
    "time_section",
    "time_text",
]

# Baymard Institute's checkout benchmark: the average checkout shows 11.3 form fields; 8
# are achievable for most sites.
CHECKOUT_BENCHMARK: dict[str, float] = {"average_fields": 11.3, "achievable_fields": 8}
_YEAR = timedelta(days=365)
_TREND_W, _TREND_H, _TREND_PAD = 560, 120, 8


def time_text(result: JourneyResult) -> str:
    """ "about 2 min 40 s, 1 min 05 s lost", or "—" for a journey we could not walk."""
    return (
        time_words(result.customer_time_s, result.lost_time_s) if result.walked else "—"
    )


def time_cells(result: JourneyResult) -> dict[str, str]:
    """The time columns of effort.csv: seconds with one decimal, empty for a journey we
    could not walk.
    """
    if not result.walked:
        return {
            "customer_time_s": "",
            "lost_time_s": "",
            "fields_seen": "",
            "fields_filled": "",
        }
    return {
        "customer_time_s": f"{result.customer_time_s:.1f}",
        "lost_time_s": f"{result.lost_time_s:.1f}",
        "fields_seen": str(result.fields_seen),
        "fields_filled": str(result.fields_filled),
    }


def ranked_by_lost_time(results: Sequence[JourneyResult]) -> list[JourneyResult]:
    """Walked journeys that lost time, the most first."""
    lost = [r for r in results if r.walked and r.lost_time_s > 0]
    return sorted(lost, key=lambda r: (-r.lost_time_s, r.feature, r.scenario))


@dataclass(frozen=True)
class LostTimePoint:
    """One run's time: what its walked journeys cost the customer, and lost, in
    total.
    """

    run_id: str
    started_at: str
    customer_time_s: float
    lost_time_s: float


def lost_time_trend(
    history: History, *, until: str | None = None, days: int = 365
) -> list[LostTimePoint]:
    """Lost time per run over the `days` before the run `until` (the newest when None),
    oldest first.
    """
    runs = history.list_runs()
    if until is not None:
        ids = [r.run_id for r in runs]
        runs = runs[ids.index(until) :] if until in ids else runs
    if not runs:
        return []
    newest = _when(runs[0].started_at)
    window = [
        r
        for r in runs
        if newest is None
        or (_when(r.started_at) or newest) >= newest - timedelta(days=days)
    ]
    run_ids = [r.run_id for r in window]
    totals: dict[str, list[float]] = {run_id: [0.0, 0.0] for run_id in run_ids}
    for run_id, outcome, record in history.journey_records(run_ids):
        if outcome in UNSCORED:
            continue
        raw: dict[str, Any] = json.loads(record)
        totals[run_id][0] += float(raw.get("customer_time_s", 0.0) or 0.0)
        totals[run_id][1] += float(raw.get("lost_time_s", 0.0) or 0.0)
    started = {r.run_id: r.started_at for r in window}
    return [
        LostTimePoint(
            run_id,
            started[run_id],
            round(totals[run_id][0], 2),
            round(totals[run_id][1], 2),
        )
        for run_id in reversed(run_ids)
    ]


def _when(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def time_section(
    results: Sequence[JourneyResult], trend: Sequence[LostTimePoint] = ()
) -> dict[str, Any]:
    """What the effort page shows about time: the headline, the ranking, the trend chart
    and the checkout forms.
    """
    walked = [r for r in results if r.walked]
    total = sum(r.customer_time_s for r in walked)
    lost = sum(r.lost_time_s for r in walked)
    return {
        "headline": time_words(total, lost) if walked else "",
        "ranked": [
            {
                "result": r,
                "lost": (
                    duration_words(r.lost_time_s)
                    if r.lost_time_s >= 0.5
                    else "under 1 s"
                ),
                "share": (
                    round(100 * r.lost_time_s / r.customer_time_s)
                    if r.customer_time_s
                    else 0
                ),
                "causes": sorted(
                    (f for f in r.frictions if f.lost_time_s > 0),
                    key=lambda f: -f.lost_time_s,
                )[:3],
            }
            for r in ranked_by_lost_time(results)
        ],
        "trend": _trend_chart(trend),
        "checkouts": [
            {
                "result": r,
                **CHECKOUT_BENCHMARK,
                "over": r.fields_seen > CHECKOUT_BENCHMARK["achievable_fields"],
            }
            for r in walked
            if r.stage == "buy" and r.fields_seen
        ],
        "text": {(r.feature, r.scenario): time_text(r) for r in results},
    }


def _trend_chart(trend: Sequence[LostTimePoint]) -> dict[str, Any] | None:
    if not trend:
        return None
    most = max((p.lost_time_s for p in trend), default=0.0) or 1.0
    n = len(trend)
    step = (_TREND_W - 2 * _TREND_PAD) / (n - 1) if n > 1 else 0.0
    points = []
    for i, point in enumerate(trend):
        x = _TREND_PAD + i * step if n > 1 else _TREND_W / 2
        y = (
            _TREND_H
            - _TREND_PAD
            - point.lost_time_s / most * (_TREND_H - 2 * _TREND_PAD)
        )
        points.append((round(x, 1), round(y, 1), point))
    label = "lost time per run, oldest first: " + ", ".join(
        f"{p.started_at[:10]} {duration_words(p.lost_time_s)}" for p in trend[-12:]
    )
    return {
        "polyline": " ".join(f"{x},{y}" for x, y, _ in points),
        "dots": points,
        "width": _TREND_W,
        "height": _TREND_H,
        "most": duration_words(most),
        "first": trend[0].started_at[:10],
        "last": trend[-1].started_at[:10],
        "label": label,
        "runs": n,
    }
