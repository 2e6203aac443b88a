"""How long the effort report takes on a year of nightly walks.

Fills a fresh SQLite history with 365 runs of 50 journeys (synthetic but
shaped like real walks: most journeys smooth, some with frictions that come
and go, a few broken), then times build_effort_report. The report reads only
the last `runs` runs for its trends, so it should take a few seconds at most.

    python benchmarks/report_build.py [--runs 365] [--journeys 50]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._project import machine  # noqa: E402
from journeys.effort.frictions import FRICTION_KINDS, Friction  # noqa: E402
from journeys.effort.result import (
    STAGES,
    BudgetCheck,
    JourneyResult,
    PointLost,
    RunInfo,
)  # noqa: E402
from journeys.report import (
    build_effort_report,
    default_history_url,
    open_history,
)  # noqa: E402

_EVIDENCE = {
    "reentered_data": "The customer typed their e-mail address a second time.",
    "dead_end": "The button did nothing: no navigation, no change on the page.",
    "bot_loop": "The bot gave the same answer twice.",
    "channel_switch": "The page said: please call us to finish your order.",
    "handoff_context_lost": "The agent asked for the order number the bot already had.",
    "wait": "The page took 6.2 s to load.",
    "error_seen": "The page showed: Something went wrong.",
    "mixed_message": "The ad promised free delivery; the basket charged 4.95.",
    "duplicate_message": "The same order confirmation arrived twice.",
    "barrier": "The card number field has no label a screen reader can announce.",
    "not_understood": "The bot answered: Sorry, I did not get that.",
    "wrong_default": "The country list opened on Afghanistan.",
    "abandoned": "The customer gave up after three tries.",
}


def synthetic_walk(
    rng: random.Random, day: int, journeys: int, proneness: list[float]
) -> list[JourneyResult]:
    results = []
    for j in range(journeys):
        steps = 4 + (j * 7) % 11
        if rng.random() < 0.01:
            results.append(
                JourneyResult(
                    feature=f"Feature {j // 5:02d}",
                    scenario=f"Journey {j:02d}",
                    stage=STAGES[j % len(STAGES)],
                    outcome="broken",
                    error=(
                        "Timeout 5000ms exceeded waiting for get_by_role('button',"
                        " name='Pay')"
                    ),
                )
            )
            continue
        frictions = []
        # Each journey has its own proneness to frictions, drifting over the year, so
        # trends have shape.
        chance = proneness[j] * (0.6 + 0.4 * abs(((day / 60) % 2) - 1))
        for step in range(steps):
            if rng.random() < chance / steps * 2:
                kind = rng.choice(
                    [kind for kind in FRICTION_KINDS if kind != "abandoned"]
                )
                frictions.append(
                    Friction(
                        kind=kind,
                        points=round(rng.uniform(2, 8), 1),
                        step=step,
                        step_text=f"When I do step {step}",
                        evidence=_EVIDENCE[kind],
                        where=f"http://shop.example/page/{step}",
                    )
                )
        abandoned = len(frictions) >= 4
        if abandoned:
            frictions.append(
                Friction(
                    kind="abandoned",
                    points=10.0,
                    step=steps - 1,
                    evidence=_EVIDENCE["abandoned"],
                )
            )
        points = steps + sum(f.points for f in frictions)
        score = max(1.0, min(7.0, round(7.2 - points / 8, 2)))
        results.append(
            JourneyResult(
                feature=f"Feature {j // 5:02d}",
                scenario=f"Journey {j:02d}",
                stage=STAGES[j % len(STAGES)],
                outcome="abandoned" if abandoned else "completed",
                steps=steps,
                points=points,
                score=score,
                frictions=tuple(frictions),
                why_not_7=tuple(
                    PointLost(
                        what=f.evidence,
                        points=f.points,
                        score=round(f.points / 8, 2),
                        kind=f.kind,
                        step=f.step,
                    )
                    for f in frictions
                ),
                budgets=(
                    BudgetCheck(
                        budget="CES at least 5",
                        met=score >= 5,
                        detail=f"got {score:.1f}",
                    ),
                ),
            )
        )
    return results


def fill_history(url: str, runs: int, journeys: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    proneness = [
        rng.choice([0.0, 0.0, 0.0, 0.2, 0.5, 1.0, 2.0]) for _ in range(journeys)
    ]
    first = datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
    with open_history(url) as history:
        for day in range(runs):
            started = first + timedelta(days=day)
            run = RunInfo(
                run_id=f"{started:%Y%m%d-%H%M}-{day:04d}",
                started_at=started.isoformat().replace("+00:00", "Z"),
                target="http://shop.example",
                seed=seed + day,
                commit=f"{rng.getrandbits(40):010x}",
                browser="chromium 140",
            )
            history.store_run(run, synthetic_walk(rng, day, journeys, proneness))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=365)
    parser.add_argument("--journeys", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports"
        url = default_history_url(reports)
        started = time.perf_counter()
        fill_history(url, args.runs, args.journeys)
        print(f"history filled in {time.perf_counter() - started:.2f} s ({url})")
        started = time.perf_counter()
        page = build_effort_report(reports, history_url=url)
        elapsed = time.perf_counter() - started
        print(f"page: {page.stat().st_size / 1024:.0f} KiB")
        print(machine())
        print(
            f"effort report: {elapsed:.2f} s for {args.runs} runs x {args.journeys}"
            " journeys"
        )


if __name__ == "__main__":
    main()
