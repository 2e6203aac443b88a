"""How every report shows a journey's score: a broken journey has none, so it shows "—",
never a number.
"""

from __future__ import annotations

from journeys.effort.result import JourneyResult

__all__ = ["NO_SCORE", "score_text"]

# a broken journey was not walked: its score would describe our failure, not the
# customer's effort
NO_SCORE = "—"


def score_text(result: JourneyResult, spec: str = ".1f") -> str:
    """ "4.5", or "—" for a broken journey (for tables, parameters and the console)."""
    return format(result.score, spec) if result.walked else NO_SCORE
