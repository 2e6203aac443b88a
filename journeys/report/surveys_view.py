"""What surveyed customers said beside what the walk found: one row per survey tag, for
the page, effort.json and compare.

The walk cannot measure NPS and never invents it: every surveyed figure here is computed
from imported responses (journeys/report/surveys.py), over the `period_days` up to the
run, with its trend against the period before. Where surveyed effort (CES) and walked
effort fall in different bands the row says which way. The disloyalty estimate is a
model from the walked score alone, and says so wherever it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import fmean
from typing import Any

from journeys.effort.result import JourneyResult, RunInfo
from journeys.files import write_atomically

from .history import History, JourneyTrend
from .surveys import SurveyResponse, count_responses, responses_between
from .surveys_config import QUESTIONS, SurveysConfig

__all__ = [
    "DISLOYALTY_SOURCE",
    "Disloyalty",
    "SurveyFigure",
    "VoiceRow",
    "VoiceSection",
    "add_voice_to_effort_json",
    "disloyalty_risk",
    "voice_section",
]

# The published figures the estimate uses, and where they come from: shown beside every
# estimate.
DISLOYALTY_SOURCE = (
    "CEB (now Gartner) customer effort research: 96 % of customers with a high-effort"
    " service experience became more disloyal, against 9 % of those with a low-effort"
    " one (M. Dixon, N. Toman, R. DeLisi, The Effortless Experience, 2013; M. Dixon, K."
    " Freeman, N. Toman, \u201cStop Trying to Delight Your Customers\u201d, Harvard"
    " Business Review, July 2010)"
)
_HIGH_EFFORT_DISLOYAL_PCT, _LOW_EFFORT_DISLOYAL_PCT = 96, 9
_BAND_WORDS = {"bad": "hard", "meh": "moderate", "good": "easy"}
_COMMENTS_SHOWN = 3


def effort_band(score: float | None) -> str:
    """The page's bands, for walked scores and surveyed CES alike (both 1..7, 7 = very
    easy).
    """
    if score is None:
        return "none"
    return "bad" if score < 3 else ("meh" if score < 5 else "good")


@dataclass(frozen=True)
class Disloyalty:
    """An estimate from the walked effort band, never a measurement: the label
    says so.
    """

    band: str  # high, moderate or low effort
    share: str  # "96 %", "9 %", or the published range for the band between them
    label: str = "estimate from walked effort (CEB/Gartner model), not NPS"


def disloyalty_risk(score: float | None) -> Disloyalty | None:
    band = effort_band(score)
    if band == "bad":
        return Disloyalty("high effort", f"{_HIGH_EFFORT_DISLOYAL_PCT} %")
    if band == "good":
        return Disloyalty("low effort", f"{_LOW_EFFORT_DISLOYAL_PCT} %")
    if (
        band == "meh"
        # the research publishes the two ends only: the middle band gets the range, not
        # an invented figure
    ):
        return Disloyalty(
            "moderate effort",
            f"{_LOW_EFFORT_DISLOYAL_PCT}\u2013{_HIGH_EFFORT_DISLOYAL_PCT} %",
        )
    return None


@dataclass(frozen=True)
class SurveyFigure:
    """One question's figure over the period: None where fewer responses than the
    minimum were given.
    """

    question: str
    responses: int
    value: float | None
    previous: float | None = None  # the period before, when it had enough responses
    previous_responses: int = 0

    @property
    def change(self) -> float | None:
        return (
            None
            if self.value is None or self.previous is None
            else self.value - self.previous
        )

    def text(self) -> str:
        if self.value is None:
            return "not enough responses"
        if self.question == "ces":
            return f"{self.value:.1f}"
        return f"{self.value:+.0f}" if self.question == "nps" else f"{self.value:.0f} %"

    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        if self.question == "ces":
            return "unchanged" if abs(change) < 0.05 else f"{change:+.1f}"
        unit = " points" if self.question == "nps" else " pt"
        return "unchanged" if abs(change) < 0.5 else f"{change:+.0f}{unit}"


@dataclass(frozen=True)
class VoiceRow:
    tag: str
    journeys: tuple[
        str, ...
    ]  # "Feature / Scenario" walked in this run that the tag maps to
    walked_score: float | None
    walked_change: float | None  # since the previous run, over the same journeys
    customer_time_s: float | None
    lost_time_s: float | None
    ces: SurveyFigure
    nps: SurveyFigure
    csat: SurveyFigure
    disagreement: str = ""  # the sentence that says which way, when the bands differ
    comments: tuple[
        str, ...
    ] = ()  # the newest few, as customers wrote them (escaped wherever shown)

    @property
    def figures(self) -> tuple[SurveyFigure, ...]:
        return (self.ces, self.nps, self.csat)


@dataclass(frozen=True)
class VoiceSection:
    period_start: str
    period_end: str
    previous_start: str
    min_responses: int
    rows: tuple[VoiceRow, ...]
    responses: int  # in the period, every tag
    source: str = field(default=DISLOYALTY_SOURCE)

    @property
    def disagreements(self) -> tuple[VoiceRow, ...]:
        return tuple(r for r in self.rows if r.disagreement)

    def to_dict(self) -> dict[str, Any]:
        """As effort.json carries it."""
        rows = []
        for row in self.rows:
            raw = asdict(row)
            for figure in row.figures:
                raw[figure.question] = {
                    **asdict(figure),
                    "change": figure.change,
                    "shown": figure.text(),
                }
            rows.append(raw)
        return {
            "period": {
                "from": self.period_start,
                "to": self.period_end,
                "previous_from": self.previous_start,
            },
            "min_responses": self.min_responses,
            "responses": self.responses,
            "tags": rows,
        }

    def render_text(self) -> list[str]:
        """For `journeys compare`: one line a tag, then each disagreement's sentence."""
        lines = [
            f"what customers said, {self.period_start[:10]} to {self.period_end[:10]}"
            f" ({self.responses} responses; fewer than {self.min_responses} show no"
            " figure)"
        ]
        lines.append(
            f"{'tag':<18} {'walked':>6} {'CES':>9} {'NPS':>9} {'CSAT':>9}  journeys"
        )
        for row in self.rows:
            walked = "-" if row.walked_score is None else f"{row.walked_score:.1f}"
            cells = [_short(f, self.min_responses) for f in row.figures]
            lines.append(
                f"{row.tag[:18]:<18} {walked:>6} {cells[0]:>9} {cells[1]:>9}"
                f" {cells[2]:>9}  {len(row.journeys)}"
            )
        for row in self.disagreements:
            lines.append(f"  ! {row.tag}: {row.disagreement}")
        return lines


def _short(figure: SurveyFigure, least: int) -> str:
    """A figure in a few characters; below the minimum, how many answers there were
    against it, never a score.
    """
    if figure.value is None:
        return f"n={figure.responses}<{least}" if figure.responses else "-"
    return figure.text()


def voice_section(
    history: History,
    run: RunInfo,
    results: Sequence[JourneyResult],
    config: SurveysConfig,
    *,
    trends: dict[tuple[str, str], JourneyTrend] | None = None,
) -> VoiceSection | None:
    """The side-by-side for this run, or None when the history holds no survey response
    at all.
    """
    if count_responses(history) == 0:
        return None
    end = _moment(run.started_at) + timedelta(seconds=1)  # the run's own second counts
    start = end - timedelta(days=config.period_days)
    previous_start = start - timedelta(days=config.period_days)
    current = responses_between(history, _text(start), _text(end))
    previous = responses_between(history, _text(previous_start), _text(start))
    walked = [r for r in results if r.walked]
    tags = sorted({r.tag.lower() for r in (*current, *previous)})
    rows = []
    for tag in tags:
        now = [r for r in current if r.tag.lower() == tag]
        before = [r for r in previous if r.tag.lower() == tag]
        matched = [r for r in walked if _answers_for(r, tag, config)]
        rows.append(_row(tag, now, before, matched, config.min_responses, trends or {}))
    return VoiceSection(
        period_start=_text(start),
        period_end=_text(end),
        previous_start=_text(previous_start),
        min_responses=config.min_responses,
        rows=tuple(rows),
        responses=len(current),
    )


def _answers_for(result: JourneyResult, tag: str, config: SurveysConfig) -> bool:
    """Whether a survey tag speaks of this journey: by the explicit table when it names
    the tag, else by feature tag or stage.
    """
    explicit = config.journeys.get(tag)
    if explicit is not None:
        names = {n.lower() for n in explicit}
        return (
            f"{result.feature} / {result.scenario}".lower() in names
            or result.feature.lower() in names
        )
    return (
        tag in {t.lower().lstrip("@") for t in result.tags}
        or tag == result.stage.lower()
    )


def _row(
    tag: str,
    now: list[SurveyResponse],
    before: list[SurveyResponse],
    matched: list[JourneyResult],
    least: int,
    trends: dict[tuple[str, str], JourneyTrend],
) -> VoiceRow:
    figures = {q: _figure(q, now, before, least) for q in QUESTIONS}
    score = fmean(r.score for r in matched) if matched else None
    previous = [
        trends[(r.feature, r.scenario)].scores[-2]
        for r in matched
        if (r.feature, r.scenario) in trends
        and len(trends[(r.feature, r.scenario)].scores) > 1
    ]
    change = (
        score - fmean(previous)
        if score is not None and previous and None not in previous
        else None
    )
    comments = tuple(
        r.comment
        for r in sorted(now, key=lambda r: r.responded_at, reverse=True)
        if r.comment
    )[:_COMMENTS_SHOWN]
    return VoiceRow(
        tag=tag,
        journeys=tuple(f"{r.feature} / {r.scenario}" for r in matched),
        walked_score=score,
        walked_change=change,
        customer_time_s=(
            sum(r.customer_time_s for r in matched) / len(matched) if matched else None
        ),
        lost_time_s=(
            sum(r.lost_time_s for r in matched) / len(matched) if matched else None
        ),
        ces=figures["ces"],
        nps=figures["nps"],
        csat=figures["csat"],
        disagreement=_disagreement(tag, score, figures["ces"]),
        comments=comments,
    )


def _figure(
    question: str, now: list[SurveyResponse], before: list[SurveyResponse], least: int
) -> SurveyFigure:
    scores = [r.score for r in now if r.question == question]
    earlier = [r.score for r in before if r.question == question]
    return SurveyFigure(
        question,
        len(scores),
        _value(question, scores) if len(scores) >= least else None,
        _value(question, earlier) if len(earlier) >= least else None,
        len(earlier),
    )


def _value(question: str, scores: list[float]) -> float:
    if (
        question == "nps"
    ):  # promoters (9-10) minus detractors (0-6), in points of the whole
        return (
            100.0
            * (sum(1 for s in scores if s >= 9) - sum(1 for s in scores if s <= 6))
            / len(scores)
        )
    if (
        question == "csat"
    ):  # the share of satisfied customers (4 or 5 of 5), as the survey tools report it
        return 100.0 * sum(1 for s in scores if s >= 4) / len(scores)
    return fmean(scores)


def _disagreement(tag: str, walked: float | None, ces: SurveyFigure) -> str:
    said, found = effort_band(ces.value), effort_band(walked)
    if ces.value is None or walked is None or said == found:
        return ""
    order = ("bad", "meh", "good")
    if order.index(said) < order.index(found):
        return (
            f"Customers say {tag} is harder than the walk found: surveyed CES"
            f" {ces.value:.1f} ({_BAND_WORDS[said]}) against walked {walked:.1f}"
            f" ({_BAND_WORDS[found]}). The walk is missing something customers meet."
        )
    return (
        f"The walk found {tag} harder than customers say: walked {walked:.1f}"
        f" ({_BAND_WORDS[found]}) against surveyed CES {ces.value:.1f}"
        f" ({_BAND_WORDS[said]}). The walked journey may not be the one customers take."
    )


def _moment(iso: str) -> datetime:
    """A run's start as naive UTC, the form the responses are kept in."""
    parsed = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return (
        parsed if parsed.tzinfo is None else parsed.astimezone(UTC).replace(tzinfo=None)
    )


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def add_voice_to_effort_json(
    path: Path,
    run: RunInfo,
    results: Sequence[JourneyResult],
    voice: VoiceSection | None,
    *,
    disloyalty: bool,
) -> None:
    """effort.json carries what the page shows: the surveyed figures beside the walked
    ones, and each journey's estimate.

    Written where the page is built, from the same history, and only into the
    effort.json of this run.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if (
        not isinstance(document, dict)
        or document.get("run", {}).get("run_id") != run.run_id
    ):
        return
    if voice is not None:
        document["voice_of_customer"] = voice.to_dict()
    if disloyalty:
        document["disloyalty_source"] = DISLOYALTY_SOURCE
        for journey, result in zip(document.get("journeys", []), results):
            risk = disloyalty_risk(result.score) if result.walked else None
            journey["disloyalty_risk"] = asdict(risk) if risk else None
    write_atomically(
        path, json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
    )


def voice_lines(history_url: str, run: RunInfo, config: SurveysConfig) -> list[str]:
    """What `journeys compare` prints under the comparison: the newer run beside the
    surveys, or nothing without any.
    """
    from .history import open_history

    with open_history(history_url) as history:
        results = history.load_run(run.run_id)
        voice = voice_section(history, run, results, config)
    return ["", *voice.render_text()] if voice is not None else []
