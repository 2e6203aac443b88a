"""The effort page's accessibility part, from the results alone: barriers, levels.

A barrier is a friction of kind `barrier` (a control the journey used failing
an axe-core rule, or a keyboard dead end). The counts per WCAG level are the
run's distinct elements, on the path (barriers) and off it (violations that
cost nothing), from each result's `accessibility` record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from journeys.effort.frictions import Friction
from journeys.effort.kinds import BARRIER
from journeys.effort.result import JourneyResult

LEVELS = ("A", "AA")


@dataclass(frozen=True)
class LevelCount:
    level: str  # "A", "AA", or "other" for a rule axe tags with no level
    on_path: int  # distinct failing elements the journeys used: barriers
    off_path: int  # distinct failing elements elsewhere on the pages: evidence only


@dataclass(frozen=True)
class AccessibilitySection:
    pages_checked: int
    levels: tuple[LevelCount, ...]
    keyboard: int = (
        0  # barriers met with the keyboard alone (no WCAG level from axe-core)
    )
    rules: tuple[tuple[str, int], ...] = field(
        default=()
    )  # off the path, by rule: how many elements


def barriers(result: JourneyResult) -> list[Friction]:
    """The journey's barriers, as its frictions list them."""
    return [f for f in result.frictions if f.kind == BARRIER.name]


def accessibility_section(
    results: Sequence[JourneyResult],
) -> AccessibilitySection | None:
    """What axe-core found over the run; None when no page was checked (it is off)."""
    walked = [r for r in results if r.walked]
    pages = [page for r in walked for page in r.accessibility]
    if not pages:
        return None
    on: dict[str, set[tuple[str, str]]] = {}
    off: dict[str, set[tuple[str, str, str]]] = {}
    rules: dict[str, set[tuple[str, str]]] = {}
    for page in pages:
        path = urlsplit(page.get("url", "")).path or "/"
        for violation in page.get("violations", ()):
            level = violation.get("level") or "other"
            used = set(violation.get("on_path", ()))
            for markup in violation.get("markup", ()):
                if markup in used:
                    on.setdefault(level, set()).add((violation["rule"], markup))
                else:
                    off.setdefault(level, set()).add((violation["rule"], markup, path))
                    rules.setdefault(violation["rule"], set()).add((markup, path))
    for level in list(
        off
    ):  # an element used on one page and passed by on another is a barrier
        off[level] = {c for c in off[level] if (c[0], c[1]) not in on.get(level, set())}
    levels = [*LEVELS, *sorted((set(on) | set(off)) - set(LEVELS))]
    keyboard = sum(
        1 for r in walked for f in barriers(r) if "axe-core" not in f.evidence
    )
    return AccessibilitySection(
        pages_checked=len(pages),
        levels=tuple(
            LevelCount(level, len(on.get(level, ())), len(off.get(level, ())))
            for level in levels
        ),
        keyboard=keyboard,
        rules=tuple(
            sorted(
                ((rule, len(found)) for rule, found in rules.items()),
                key=lambda x: -x[1],
            )
        ),
    )
