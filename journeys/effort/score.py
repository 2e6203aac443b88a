"""From events to a CES-style score: steps and frictions -> effort points -> 1..7, with
why it is not a 7.

The scale is CES 2.0's agreement with "the company made it easy for me": 7 = strongly
agree, 4 = neither, 1 = strongly disagree.

Effort points P = every customer action x `step_points` + every friction's points, both
x `moment_factor` inside a moment that matters. The score is

    score = 7 - 6 * P^1.5 / (P^1.5 + N^1.5)        N = neutral_points (75 by default)

rounded to one decimal. Why this curve:

- It is monotone: more effort never raises the score, so adding a step or a friction
  never makes a journey look better.
- It starts flat (a power above 1): the actions any journey needs barely count, so a
  smooth journey of normal length scores 6 or more (15 plain steps: 6.5; 15 steps in a
  moment that matters: 6.2).
- It is steep in the middle: one friction (15 points) on such a journey costs about half
  a point of score, a visible drop, and three or four frictions bring it near the middle
  of the scale (N points score exactly 4).
- It saturates at 1 without reaching it, so a terrible journey still ranks below a bad
  one.

An abandoned journey (the customer gave up, or the site stopped them) cannot score above
3: not reaching the goal is the worst effort there is, whatever it cost so far. The
abandonment carries that cap; its own points count only when no friction before it
explains why the customer gave up (one cause, one friction: the dead end or the error
that made them give up is charged once).

"Why not 7" splits the score lost over what caused it, in proportion to effort points
(the cap of an abandoned journey goes to the abandonment), in hundredths shared by
largest remainders so that the lines add up to exactly 7 - score.

A broken journey (the harness failed on a site that answered normally) is still
assessed, so the evidence so far is kept, but its outcome is broken: reports show it
apart, with no score, and never count it as customer effort.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ._outcome import site_failure
from .detect import detect_at
from .events import (
    CallStarted,
    Clicked,
    Dismissed,
    Event,
    FieldFilled,
    GaveUp,
    KeysPressed,
    MessageSent,
    PageOpened,
    PhraseSaid,
    StepStarted,
    TicketOpened,
    WentBack,
)
from .frictions import Friction
from .kinds import ABANDONED
from .model import EffortModel
from .result import Outcome, PointLost

ABANDONED_CAP = 3.0  # the best an abandoned journey can score
_CURVE = 1.5


@dataclass(frozen=True)
class Assessment:
    """The effort of one journey: what a JourneyResult carries about it."""

    steps: int
    points: float
    score: float  # 1.0 .. 7.0, one decimal
    frictions: tuple[Friction, ...]
    why_not_7: tuple[PointLost, ...]
    outcome: Outcome
    # Each friction of `frictions` (the same objects) with the index of the event that
    # showed it: what the time estimate attributes its lost time by. The abandonment's
    # is the give-up, or the last event.
    found: tuple[tuple[int, Friction], ...] = ()


def is_step(event: Event) -> bool:
    """Whether the event is a customer action, the base unit of effort."""
    if isinstance(event, FieldFilled):
        return not event.prefilled
    if isinstance(event, PageOpened):
        return event.action
    if isinstance(
        event, KeysPressed
    ):  # a menu choice or a fact keyed in; waiting silently is no action
        return not event.silent
    return isinstance(
        event,
        (
            Clicked,
            MessageSent,
            TicketOpened,
            WentBack,
            Dismissed,
            CallStarted,
            PhraseSaid,
        ),
    )


def score_for(
    points: float, model: EffortModel | None = None, *, abandoned: bool = False
) -> float:
    """The 1..7 score of a journey that cost `points` effort points (unrounded)."""
    model = model or EffortModel()
    score = 7.0 - _loss(points, model)
    return min(score, ABANDONED_CAP) if abandoned else score


def _loss(points: float, model: EffortModel) -> float:
    if points <= 0:
        return 0.0
    ratio = (points / model.neutral_points) ** _CURVE
    # Written as 6 - 6/(1+r), not 6r/(1+r): each operation is then monotone in floating
    # point too.
    return 6.0 - 6.0 / (1.0 + ratio)


def _rounded(score: float) -> float:
    # Half up, and monotone: a higher raw score never rounds lower.
    return min(7.0, max(1.0, math.floor(score * 10 + 0.5) / 10))


def assess(
    events: Sequence[Event],
    model: EffortModel | None = None,
    *,
    outcome: Outcome | str = Outcome.COMPLETED,
    found: Sequence[tuple[int, Friction]] | None = None,
) -> Assessment:
    """Score one journey from its events; `outcome` comes from `outcome_of` (a GaveUp
    makes it abandoned).

    `found` is what `detect_at` found in these events, when the caller detected already
    (a journey detects once); without it, detection runs here.
    """
    model = model or EffortModel()
    outcome = Outcome(outcome)
    moments = {
        e.step: e.moment_that_matters for e in events if isinstance(e, StepStarted)
    }
    actions = [e for e in events if is_step(e)]
    in_moments = sum(1 for e in actions if moments.get(e.step, False))
    step_points = sum(
        model.step_weight(moment=moments.get(e.step, False)) for e in actions
    )
    found = list(detect_at(events, model) if found is None else found)
    frictions = [friction for _, friction in found]
    detected = list(found)
    if outcome is not Outcome.BROKEN:
        gave_up_at = next(
            (i for i, e in enumerate(events) if isinstance(e, GaveUp)), None
        )
        if gave_up_at is not None or outcome is Outcome.ABANDONED:
            outcome = Outcome.ABANDONED
            # What the customer met up to giving up explains it: then the abandonment is
            # the cap, not more points.
            last = len(events) if gave_up_at is None else gave_up_at
            explained = any(index <= last for index, _ in found)
            gave_up = events[gave_up_at] if gave_up_at is not None else None
            abandonment = _abandonment(
                gave_up, events, moments, model, explained=explained
            )
            frictions.append(abandonment)
            at = len(events) - 1 if gave_up_at is None else gave_up_at
            detected.append((at, abandonment))
    points = step_points + sum(f.points for f in frictions)
    raw = 7.0 - _loss(points, model)
    capped = min(raw, ABANDONED_CAP) if outcome is Outcome.ABANDONED else raw
    score = _rounded(capped)
    lines = []
    if actions:
        what = f"{len(actions)} customer action{'s' if len(actions) != 1 else ''}"
        if in_moments:
            what += f" ({in_moments} in a moment that matters)"
        lines.append((what, step_points, "step", -1))
    lines += [(f.evidence, f.points, f.kind, f.step) for f in frictions]
    why = _why_not_7(lines, score, points, 7.0 - raw, raw - capped)
    return Assessment(
        steps=len(actions),
        points=round(points, 2),
        score=score,
        frictions=tuple(frictions),
        why_not_7=why,
        outcome=outcome,
        found=tuple(detected),
    )


def _abandonment(
    gave_up: GaveUp | None,
    events: Sequence[Event],
    moments: dict[int, bool],
    model: EffortModel,
    *,
    explained: bool,
) -> Friction:
    step = gave_up.step if gave_up else max((e.step for e in events), default=-1)
    texts = {e.step: e.text for e in events if isinstance(e, StepStarted)}
    stopped_by = "" if gave_up else site_failure(events)
    if gave_up:
        evidence = f"Gave up trying to {gave_up.goal}: {gave_up.reason}."
    elif stopped_by:
        evidence = f"Could not go on: {stopped_by}."
    else:
        evidence = "Gave up before the end of the journey."
    return Friction(
        kind=ABANDONED.name,
        points=(
            0.0
            if explained
            else round(model.points_for(ABANDONED, moment=moments.get(step, False)), 2)
        ),
        step=step,
        evidence=evidence,
        where=gave_up.goal if gave_up else "",
        step_text=texts.get(step, ""),
    )


def _why_not_7(
    lines: list[tuple[str, float, str, int]],
    score: float,
    points: float,
    loss: float,
    cap: float,
) -> tuple[PointLost, ...]:
    """Share 7 - score over the lines, in hundredths that add up exactly (largest
    remainders).

    Each line's share is the raw score lost times its part of the effort points; the cap
    of an abandoned journey is added to the abandonment's line.
    """
    if not lines:
        return ()
    total = round((7.0 - score) * 100)
    weights = [loss * p / points if points > 0 else 0.0 for _, p, _, _ in lines]
    if cap > 0:
        weights[
            next(i for i, line in enumerate(lines) if line[2] == ABANDONED.name)
        ] += cap
    if sum(weights) <= 0:
        weights = [1.0] * len(lines)
    exact = [total * w / sum(weights) for w in weights]
    hundredths = [math.floor(x) for x in exact]
    for i in sorted(
        range(len(lines)), key=lambda i: exact[i] - hundredths[i], reverse=True
    )[: total - sum(hundredths)]:
        hundredths[i] += 1
    out = [
        PointLost(what=what, points=round(p, 2), score=h / 100, kind=kind, step=step)
        for (what, p, kind, step), h in zip(lines, hundredths)
    ]
    return tuple(sorted(out, key=lambda line: -line.score))
