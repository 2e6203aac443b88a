"""Compare two walks: what got harder for the customer, what is new, what went away."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from statistics import fmean

from journeys.effort import excerpt
from journeys.effort.frictions import Friction
from journeys.effort.kinds import BARRIER, friction_kinds
from journeys.effort.result import JourneyResult, Outcome, RunInfo
from journeys.errors import JourneysError

from .history import open_history
from .shown import NO_SCORE
from .time_compare import flag_lost_time

__all__ = [
    "Comparison",
    "JourneyChange",
    "compare_results",
    "compare_runs",
    "device_name",
    "overall_score",
]

JourneyKey = tuple[str, str]


def overall_score(results: Sequence[JourneyResult]) -> float | None:
    """Mean score of the journeys the customer walked; broken ones are the harness's,
    not theirs.
    """
    scores = [r.score for r in results if r.walked]
    return fmean(scores) if scores else None


@dataclass(frozen=True)
class JourneyChange:
    """One journey across the two runs. Scores are None where it was absent or
    broken.
    """

    feature: str
    scenario: str
    older_outcome: Outcome | None
    newer_outcome: Outcome | None
    older_score: float | None
    newer_score: float | None
    new_kinds: tuple[str, ...] = ()
    vanished_kinds: tuple[str, ...] = ()
    new_frictions: tuple[
        Friction, ...
    ] = ()  # the newer run's frictions of a new kind: the evidence
    reasons: tuple[str, ...] = ()  # why it is a regression; empty when it is not one

    @property
    def name(self) -> str:
        return f"{self.feature} / {self.scenario}"

    @property
    def change(self) -> float | None:
        if self.older_score is None or self.newer_score is None:
            return None
        return self.newer_score - self.older_score

    @property
    def regressed(self) -> bool:
        return bool(self.reasons)

    @property
    def harness_broke(self) -> bool:
        return self.newer_outcome is Outcome.BROKEN and self.older_outcome not in (
            None,
            Outcome.BROKEN,
        )

    @property
    def unchanged(self) -> bool:
        return (
            self.older_outcome == self.newer_outcome
            and not self.new_kinds
            and not self.vanished_kinds
            and (self.change is None or abs(self.change) < 0.005)
        )


@dataclass(frozen=True)
class Comparison:
    older: RunInfo
    newer: RunInfo
    threshold: float
    journeys: tuple[JourneyChange, ...]  # walked in both runs, in the newer run's order
    new_journeys: tuple[JourneyChange, ...] = ()
    vanished_journeys: tuple[JourneyChange, ...] = ()
    overall_older: float | None = (
        None  # mean score of the journeys walked in both runs, in the older run
    )
    overall_newer: float | None = (
        None  # ... and in the newer: a change is never a change of journey set
    )
    history_url: str = field(default="", compare=False)

    @property
    def same_device(self) -> bool:
        """Whether both runs were walked on one device: scores of a phone and a desktop
        do not compare.
        """
        return self.older.device == self.newer.device

    @property
    def regressions(self) -> tuple[JourneyChange, ...]:
        """Journeys whose score dropped by more than the threshold or that met a new
        kind of friction.
        """
        return tuple(j for j in self.journeys if j.regressed)

    @property
    def harness_broken(self) -> tuple[JourneyChange, ...]:
        """Journeys the harness could walk before and not now: fix the steps, not the
        site.
        """
        return tuple(j for j in self.journeys if j.harness_broke)

    @property
    def clean(self) -> bool:
        return (
            not self.new_journeys
            and not self.vanished_journeys
            and all(j.unchanged for j in self.journeys)
        )

    @property
    def compared(self) -> int:
        """How many journeys both runs walked: the overall change is over these only."""
        return sum(1 for j in self.journeys if j.change is not None)

    @property
    def overall_change(self) -> float | None:
        if self.overall_older is None or self.overall_newer is None:
            return None
        return self.overall_newer - self.overall_older

    def render_text(self, width: int = 100) -> str:
        """A plain-text table for the terminal and CI logs."""
        lines = [
            f"older  {_run_label(self.older)}",
            f"newer  {_run_label(self.newer)}",
            (
                f"overall  {_score(self.overall_older)} -> {_score(self.overall_newer)}"
                f"  ({_delta(self.overall_change)})  over the {self.compared}"
                f" journey{'s' if self.compared != 1 else ''} walked in both runs"
            ),
            "",
        ]
        if not self.same_device:
            lines[-1:-1] = [
                f"devices differ: older walked on {device_name(self.older.device)},"
                f" newer on {device_name(self.newer.device)} (a change may be the"
                " device's, not the site's)"
            ]
        name_width = min(
            max(24, width - 40),
            max(24, max((len(j.name) for j in self.journeys), default=0) + 3),
        )
        lines.append(
            f"{'journey':<{name_width}}  {'before':>6}  {'after':>6}  {'change':>6} "
            " frictions"
        )
        lines.append("-" * min(width, name_width + 40))
        rows = sorted(
            self.journeys,
            key=lambda j: (not j.regressed, j.change if j.change is not None else 0.0),
        )
        for j in rows:
            kinds = [f"+{k}" for k in j.new_kinds] + [f"-{k}" for k in j.vanished_kinds]
            mark = (
                "!"
                if j.regressed
                else ("x" if j.newer_outcome is Outcome.BROKEN else " ")
            )
            lines.append(
                f"{_clip(j.name, name_width - 2):<{name_width - 2}}{mark} "
                f" {_score(j.older_score):>6}  {_score(j.newer_score):>6} "
                f" {_delta(j.change):>6}  {' '.join(kinds)}"
            )
        for title, group in (
            ("new journeys", self.new_journeys),
            ("vanished journeys", self.vanished_journeys),
        ):
            if group:
                lines += ["", f"{title}: {len(group)}"] + [
                    f"  {_clip(j.name, width - 2)}" for j in group
                ]
        if self.harness_broken:
            lines += [
                "",
                (
                    "harness problems (not counted as customer effort):"
                    f" {len(self.harness_broken)}"
                ),
            ]
            lines += [f"  {_clip(j.name, width - 2)}" for j in self.harness_broken]
        lines.append("")
        if self.regressions:
            lines.append(
                f"regressions: {len(self.regressions)} (score drop >"
                f" {self.threshold:g}, a new kind of friction, or more lost time)"
            )
            for j in self.regressions:
                lines.append(f"  {_clip(j.name, width - 2)}")
                lines += [f"    {_clip(reason, width - 4)}" for reason in j.reasons]
        elif self.clean:
            lines.append("no changes: the two runs cost the customer the same")
        else:
            lines.append(f"no regressions (threshold {self.threshold:g})")
        return "\n".join(lines)


def device_name(device: str) -> str:
    return device or "desktop"


def compare_runs(
    history_url: str,
    older: str | None = None,
    newer: str | None = None,
    *,
    threshold: float = 0.5,
    lost_time_threshold_s: float | None = None,
) -> Comparison:
    """Compare two stored runs, by id or id prefix; by default the last two walked on
    the newest run's device.

    A run left out is chosen on the device of the one named, so like compares with like;
    two runs named on different devices compare, and the text says so.
    """
    with open_history(history_url) as history:
        if newer is None and older is None:
            latest = history.list_runs(limit=1)
            same = history.list_runs(limit=2, device=latest[0].device) if latest else []
            if len(same) < 2:
                on = (
                    f" walked on {device_name(latest[0].device)}"
                    if latest and history.count_runs() > len(same)
                    else ""
                )
                raise JourneysError(
                    f"history {history.url}: compare needs two runs{on}, it holds"
                    f" {len(same)}\n  fix: walk again (`journeys walk`), or point"
                    " [tool.journeys.history] url at the shared history"
                )
            newer_run, older_run = same[0], same[1]
        elif newer is None:
            older_run = history.find_run(older)
            newer_run = history.list_runs(limit=1, device=older_run.device)[0]
        else:
            newer_run = history.find_run(newer)
            if older is None:
                before = [
                    r
                    for r in history.list_runs(device=newer_run.device)
                    if (r.started_at, r.run_id)
                    < (newer_run.started_at, newer_run.run_id)
                ]
                if not before:
                    raise JourneysError(
                        f"history {history.url}: no run on"
                        f" {device_name(newer_run.device)} before {newer_run.run_id} to"
                        " compare with\n  fix: name the older run"
                    )
                older_run = before[0]
            else:
                older_run = history.find_run(older)
        comparison = compare_results(
            older_run,
            history.load_run(older_run.run_id),
            newer_run,
            history.load_run(newer_run.run_id),
            threshold=threshold,
            lost_time_threshold_s=lost_time_threshold_s,
        )
        return replace(comparison, history_url=history.url)


def compare_results(
    older_run: RunInfo,
    older: Sequence[JourneyResult],
    newer_run: RunInfo,
    newer: Sequence[JourneyResult],
    *,
    threshold: float = 0.5,
    lost_time_threshold_s: (
        float | None
    ) = None,  # more lost time than this is a regression too (None: not judged)
) -> Comparison:
    """Compare two walks already in memory (what compare_runs and the effort report
    use).
    """
    before, after = _keyed(older), _keyed(newer)
    common, added = [], []
    for key, result in after.items():
        if key in before:
            common.append(
                flag_lost_time(
                    _change(before[key], result, threshold),
                    before[key],
                    result,
                    lost_time_threshold_s,
                )
            )
        else:
            added.append(_change(None, result, threshold))
    vanished = [
        _change(result, None, threshold)
        for key, result in before.items()
        if key not in after
    ]
    return Comparison(
        older=older_run,
        newer=newer_run,
        threshold=threshold,
        journeys=tuple(common),
        new_journeys=tuple(added),
        vanished_journeys=tuple(vanished),
        overall_older=_mean(c.older_score for c in common if c.change is not None),
        overall_newer=_mean(c.newer_score for c in common if c.change is not None),
    )


def _mean(scores: Iterable[float | None]) -> float | None:
    values = [s for s in scores if s is not None]
    return fmean(values) if values else None


def _keyed(results: Sequence[JourneyResult]) -> dict[JourneyKey, JourneyResult]:
    # Scenario outlines repeat a scenario name: number the repeats so each example
    # compares with its twin.
    keyed: dict[JourneyKey, JourneyResult] = {}
    for result in results:
        key = (result.feature, result.scenario)
        n = 2
        while key in keyed:
            key = (result.feature, f"{result.scenario} [{n}]")
            n += 1
        keyed[key] = result
    return keyed


def _walked(result: JourneyResult | None) -> bool:
    return result is not None and result.walked


def _kinds(result: JourneyResult | None) -> list[str]:
    if not _walked(result):
        return []
    present = {f.kind for f in result.frictions}
    return [k for k in friction_kinds if k in present] + sorted(
        present - set(friction_kinds)
    )


def _change(
    older: JourneyResult | None, newer: JourneyResult | None, threshold: float
) -> JourneyChange:
    ref = newer or older
    assert ref is not None
    older_kinds, newer_kinds = _kinds(older), _kinds(newer)
    # Kinds only compare when both runs walked the journey: a broken run says nothing
    # about the customer.
    comparable = _walked(older) and _walked(newer)
    new_kinds = (
        tuple(k for k in newer_kinds if k not in older_kinds) if comparable else ()
    )
    vanished = (
        tuple(k for k in older_kinds if k not in newer_kinds) if comparable else ()
    )
    older_score = older.score if _walked(older) else None
    newer_score = newer.score if _walked(newer) else None
    reasons = []
    if (
        older_score is not None
        and newer_score is not None
        and older_score - newer_score > threshold
    ):
        reasons.append(
            f"score {older_score:.1f} -> {newer_score:.1f}"
            f" ({newer_score - older_score:+.1f})"
        )
    new_frictions = (
        tuple(f for f in newer.frictions if f.kind in new_kinds)
        if newer and new_kinds
        else ()
    )
    for friction in new_frictions:
        at = f' at "{friction.step_text}"' if friction.step_text else ""
        reasons.append(f"new friction {friction.kind}{at}: {friction.evidence}")
    # A barrier is one control failing one rule: another control failing, even where
    # barriers were met before, is a new obstacle for the customers who depend on it.
    new_barriers = (
        _new_barriers(older, newer)
        if comparable and BARRIER.name not in new_kinds
        else ()
    )
    for friction in new_barriers:
        at = f' at "{friction.step_text}"' if friction.step_text else ""
        reasons.append(f"new barrier{at}: {friction.evidence}")
    new_frictions = (*new_frictions, *new_barriers)
    return JourneyChange(
        feature=ref.feature,
        scenario=ref.scenario,
        older_outcome=older.outcome if older else None,
        newer_outcome=newer.outcome if newer else None,
        older_score=older_score,
        newer_score=newer_score,
        new_kinds=new_kinds,
        vanished_kinds=vanished,
        new_frictions=new_frictions,
        reasons=tuple(reasons),
    )


def _new_barriers(
    older: JourneyResult | None, newer: JourneyResult | None
) -> tuple[Friction, ...]:
    """The newer run's barriers on a control (or rule) the older run's journey did not
    meet.
    """
    if older is None or newer is None:
        return ()
    met = {_cause(f) for f in older.frictions if f.kind == BARRIER.name}
    return tuple(
        f for f in newer.frictions if f.kind == BARRIER.name and _cause(f) not in met
    )


def _cause(barrier: Friction) -> tuple[str, str, str]:
    """Where, which element and which rule: a barrier's identity from one run to the
    next.
    """
    quoted = barrier.evidence.split('"')  # the rule is the evidence's first quoted word
    return barrier.where, barrier.excerpt, quoted[1] if len(quoted) > 2 else ""


def _run_label(run: RunInfo) -> str:
    extra = ", ".join(
        x
        for x in (
            run.started_at,
            run.device,
            run.demo and f"demo {run.demo}",
            run.commit[:10],
        )
        if x
    )
    return f"{run.run_id} ({extra})" if extra else run.run_id


def _score(value: float | None) -> str:
    return NO_SCORE if value is None else f"{value:.1f}"


def _delta(value: float | None) -> str:
    return NO_SCORE if value is None else f"{value:+.1f}"


def _clip(text: str, width: int) -> str:
    return excerpt(
        text, max(2, width)
    )  # one line, cut at a word: texts from the site may hold newlines
