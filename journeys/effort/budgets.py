"""Effort budgets: limits a feature puts on a journey (tags or Then steps), checked
against its assessment.

Tags on a feature or scenario:

    @ces-at-least-5        the score is at least 5 (1..7; decimals: @ces-at-least-5.5)
    @max-steps-12          at most 12 customer actions
    @no-reentered-data     no fact typed twice, nor restated after a hand-off
    @no-dead-ends          no error page, dead click, loop or lost way

"Then I should get there within <n> steps" is a budget too (`reach_within`), judged on
the hops of the last goal looked for.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import FeatureError, did_you_mean
from .events import Event, GaveUp, GoalReached
from .kinds import DEAD_END, HANDOFF_CONTEXT_LOST, REENTERED_DATA, describe
from .result import BudgetCheck
from .score import Assessment

BudgetKind = Literal[
    "ces_at_least", "max_steps", "no_reentered_data", "no_dead_ends", "reach_within"
]
BUDGET_KINDS: tuple[str, ...] = (
    "ces_at_least",
    "max_steps",
    "no_reentered_data",
    "no_dead_ends",
    "reach_within",
)

# What each "no ..." budget forbids: repeating yourself includes restating after a
# hand-off.
_FORBIDS = {
    "no_reentered_data": (REENTERED_DATA.name, HANDOFF_CONTEXT_LOST.name),
    "no_dead_ends": (DEAD_END.name,),
}
_TAGS = {
    "ces-at-least-N": re.compile(r"ces-at-least-(\d+(?:\.\d+)?)"),
    "max-steps-N": re.compile(r"max-steps-(\d+)"),
    "no-reentered-data": re.compile(r"no-reentered-data"),
    "no-dead-ends": re.compile(r"no-dead-ends"),
}
_TAG_FORMS = ", ".join(f"@{form}" for form in _TAGS)


@dataclass(frozen=True)
class Budget:
    """A limit on one journey's effort, e.g. Budget("ces_at_least", 5) or
    Budget("max_steps", 12).
    """

    kind: BudgetKind
    limit: float = 0
    # reach_within only: the goal whose hops count ("" = the last goal looked for)
    goal: str = ""

    def __post_init__(self) -> None:
        if self.kind not in BUDGET_KINDS:
            raise ValueError(
                f"unknown budget kind {self.kind!r}; known: {', '.join(BUDGET_KINDS)}"
            )

    @property
    def label(self) -> str:
        """How a report names the budget: "CES at least 5", "at most 12 steps"."""
        if self.kind == "ces_at_least":
            return f"CES at least {self.limit:g}"
        if self.kind == "max_steps":
            return f"at most {self.limit:g} steps"
        if self.kind == "reach_within":
            return f"reach {self.goal or 'the goal'} within {self.limit:g} steps"
        return self.kind.replace("_", " ").replace("reentered", "re-entered")


def budget_from_tag(tag: str, *, where: str = "") -> Budget | None:
    """The budget a tag sets, None for a tag that is no budget; a misspelt budget tag is
    a FeatureError.
    """
    name = tag.strip().lstrip("@").lower()
    place = where or f"tag @{name}"
    found = next(
        (
            (form, pattern.fullmatch(name))
            for form, pattern in _TAGS.items()
            if pattern.fullmatch(name)
        ),
        None,
    )
    if found is None:
        if _looks_like_budget(name):
            hint = did_you_mean(
                re.sub(r"\d+(?:\.\d+)?$", "N", name), _TAGS, shown=lambda tag: f"@{tag}"
            )
            hint = (
                hint
                if hint.startswith("did you mean")
                else f"budget tags are {_TAG_FORMS}"
            )
            raise FeatureError(place, f"@{name} is not a budget tag", hint)
        return None
    form, match = found
    if form == "ces-at-least-N":
        limit = float(match.group(1))
        if not 1 <= limit <= 7:
            raise FeatureError(
                place,
                f"@{name} asks for a CES of {limit:g}, but scores run from 1 to 7",
                "write e.g. @ces-at-least-5",
            )
        return Budget("ces_at_least", limit)
    if form == "max-steps-N":
        steps = int(match.group(1))
        if steps < 1:
            raise FeatureError(
                place, f"@{name} allows no step at all", "write e.g. @max-steps-12"
            )
        return Budget("max_steps", steps)
    return Budget(
        "no_reentered_data" if form == "no-reentered-data" else "no_dead_ends"
    )


def _looks_like_budget(name: str) -> bool:
    if name.startswith(
        ("ces", "max-step", "min-step", "at-most", "no-re", "no-dead", "no-repeat")
    ):
        return True
    bare = re.sub(r"-?\d+(?:\.\d+)?$", "", name)
    forms = [re.sub(r"-N$", "", form) for form in _TAGS]
    return bool(difflib.get_close_matches(bare, forms, n=1, cutoff=0.75))


def check_budgets(
    budgets: Iterable[Budget], assessment: Assessment, events: Sequence[Event]
) -> tuple[BudgetCheck, ...]:
    """Whether the journey kept each budget, with a detail a reader understands ("scored
    3.4: 2 re-entries").
    """
    return tuple(_check(budget, assessment, events) for budget in budgets)


def _check(
    budget: Budget, assessment: Assessment, events: Sequence[Event]
) -> BudgetCheck:
    if budget.kind == "ces_at_least":
        summary = _summary(f.kind for f in assessment.frictions)
        detail = f"scored {assessment.score:.1f}" + (
            f": {summary}" if summary else f" in {_steps(assessment.steps)}"
        )
        return BudgetCheck(
            budget=budget.label, met=assessment.score >= budget.limit, detail=detail
        )
    if budget.kind == "max_steps":
        return BudgetCheck(
            budget=budget.label,
            met=assessment.steps <= budget.limit,
            detail=f"took {_steps(assessment.steps)}",
        )
    if budget.kind == "reach_within":
        return _check_reach(budget, events)
    hits = [f for f in assessment.frictions if f.kind in _FORBIDS[budget.kind]]
    if not hits:
        return BudgetCheck(budget=budget.label, met=True, detail="none")
    return BudgetCheck(
        budget=budget.label,
        met=False,
        detail=f"{_summary(f.kind for f in hits)}: {hits[0].evidence}",
    )


def _check_reach(budget: Budget, events: Sequence[Event]) -> BudgetCheck:
    ends = [
        e
        for e in events
        if isinstance(e, (GoalReached, GaveUp))
        and (not budget.goal or e.goal == budget.goal)
    ]
    if not ends:
        return BudgetCheck(
            budget=budget.label, met=False, detail="no goal was looked for"
        )
    last = ends[-1]
    label = Budget("reach_within", budget.limit, goal=budget.goal or last.goal).label
    if isinstance(last, GaveUp):
        return BudgetCheck(
            budget=label, met=False, detail=f"never got there: {last.reason}"
        )
    return BudgetCheck(
        budget=label,
        met=last.hops <= budget.limit,
        detail=f"got there in {_steps(last.hops)}",
    )


def _summary(kinds: Iterable[str]) -> str:
    """ "2 re-entries, 1 dead end", in the order the kinds were first met."""
    counts = Counter(kinds)
    return ", ".join(describe(kind).count(n) for kind, n in counts.items())


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"
