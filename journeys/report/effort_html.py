"""The executive effort report: one self-contained HTML page built from the history.

Inline CSS and SVG, screenshots as data: URIs, no script, no network: the page
can be mailed, archived or printed. Everything that came from the target site
(titles, bot replies, evidence) goes through Jinja's autoescape, and a
Content-Security-Policy forbids scripts should anything ever slip through.
"""

from __future__ import annotations

import base64
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from sqlalchemy.engine import make_url

from journeys.effort import excerpt
from journeys.effort.frictions import Friction
from journeys.effort.kinds import KindTable, friction_kinds
from journeys.effort.result import JourneyResult, Outcome, RunInfo
from journeys.errors import JourneysError
from journeys.files import write_atomically
from journeys.report.accessibility_view import accessibility_section, barriers

from .compare import Comparison, JourneyChange, compare_results, overall_score
from .history import JourneyTrend, default_history_url, open_history
from .shown import NO_SCORE
from .surveys_config import SurveysConfig
from .surveys_view import (
    DISLOYALTY_SOURCE,
    VoiceSection,
    add_voice_to_effort_json,
    disloyalty_risk,
    voice_section,
)
from .time_trends import LostTimePoint, lost_time_trend, time_section

__all__ = ["build_effort_report", "render_effort_html"]

# A screenshot larger than this is linked rather than embedded, so the page stays
# mailable.
_MAX_EMBEDDED_BYTES = 1_500_000
_WORST_MOMENTS = 6
_SPARK_W, _SPARK_H, _SPARK_PAD = 120, 28, 3


def build_effort_report(
    reports_dir: Path,
    *,
    history_url: str | None = None,
    runs: int = 30,
    regression_threshold: float = 0.5,
    surveys: SurveysConfig | None = None,
) -> Path:
    """Write reports_dir/effort/index.html for the latest run in the history; return its
    path.
    """
    surveys = surveys or SurveysConfig()
    reports_dir = Path(reports_dir)
    url = history_url or default_history_url(reports_dir)
    _require_existing_sqlite(url)
    with open_history(url) as history:
        window, trends = history.trends(runs)
        if not window:
            raise JourneysError(
                f"history {history.url} holds no run yet\n  fix: walk first (`journeys"
                " walk`), then build the report"
            )
        latest = window[-1]
        results = history.load_run(latest.run_id)
        previous = window[-2] if len(window) > 1 else None
        previous_results = history.load_run(previous.run_id) if previous else []
        lost_trend = lost_time_trend(history, until=latest.run_id)
        voice = voice_section(history, latest, results, surveys, trends=trends)
    comparison = (
        compare_results(
            previous, previous_results, latest, results, threshold=regression_threshold
        )
        if previous
        else None
    )
    html = render_effort_html(
        latest,
        results,
        reports_dir=reports_dir,
        comparison=comparison,
        trends=trends,
        window=window,
        lost_trend=lost_trend,
        voice=voice,
        disloyalty=surveys.disloyalty,
    )
    add_voice_to_effort_json(
        reports_dir / "effort.json",
        latest,
        results,
        voice,
        disloyalty=surveys.disloyalty,
    )
    return write_atomically(reports_dir / "effort" / "index.html", html)


def _require_existing_sqlite(url: str) -> None:
    # Building a report must not leave an empty database behind a typo'd path.
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    ):
        if not Path(parsed.database).is_file():
            raise JourneysError(
                f"no history at {parsed.database}\n  fix: walk first (`journeys walk`),"
                " or set [tool.journeys.history] url"
            )


@dataclass(frozen=True)
class _Spark:
    segments: tuple[
        str, ...
    ]  # SVG polyline "x,y x,y" runs, split where the journey was not walked
    last: tuple[float, float] | None
    label: str
    floor_y: float


@dataclass(frozen=True)
class _Moment:
    journey: str
    friction: Friction
    title: str
    screenshot: str  # data: URI, or "" when there is none
    screenshot_link: str  # relative path when too large to embed


def render_effort_html(
    run: RunInfo,
    results: Sequence[JourneyResult],
    *,
    reports_dir: Path,
    comparison: Comparison | None = None,
    trends: dict[tuple[str, str], JourneyTrend] | None = None,
    window: Sequence[RunInfo] = (),
    kinds: KindTable = friction_kinds,
    lost_trend: Sequence[LostTimePoint] = (),
    voice: VoiceSection | None = None,
    disloyalty: bool = False,
) -> str:
    """The page as text; build_effort_report is the usual entry point."""
    trends = trends or {}
    walked = [r for r in results if r.walked]
    broken = [r for r in results if r.outcome is Outcome.BROKEN]
    stopped = [r for r in results if r.stopped]  # interrupted or not walked: no finding
    completed = sum(1 for r in walked if r.outcome is Outcome.COMPLETED)
    changes: dict[tuple[str, str], JourneyChange] = {}
    if comparison:
        changes = {
            (c.feature, c.scenario): c
            for c in (*comparison.journeys, *comparison.new_journeys)
        }
    ranked = sorted(walked, key=lambda r: (r.score, -r.points, r.feature, r.scenario))
    journeys = [
        {
            "result": r,
            "change": (
                changes[(r.feature, r.scenario)].change
                if (r.feature, r.scenario) in changes
                else None
            ),
            "regressed": (
                (r.feature, r.scenario) in changes
                and changes[(r.feature, r.scenario)].regressed
            ),
            "spark": _sparkline(trends.get((r.feature, r.scenario))),
            "why": sorted(r.why_not_7, key=lambda p: -p.score)[:3],
            "failed_budgets": [b for b in r.budgets if not b.met],
            "kinds": list(dict.fromkeys(f.kind for f in r.frictions)),
            "barriers": barriers(r),
            "gave_up": r.outcome is Outcome.ABANDONED,
            "disloyalty": disloyalty_risk(r.score) if disloyalty else None,
        }
        for r in ranked
    ]
    counts = {k: 0 for k in kinds}
    points = {k: 0.0 for k in kinds}
    for result in walked:
        for friction in result.frictions:
            counts[friction.kind] = counts.get(friction.kind, 0) + 1
            points[friction.kind] = points.get(friction.kind, 0.0) + friction.points
    kinds_met = [(k, counts[k], points[k]) for k in counts if counts[k]]
    moments = sorted(
        ((f, r) for r in walked for f in r.frictions),
        key=lambda pair: (-pair[0].points, pair[1].score),
    )[:_WORST_MOMENTS]
    overall = overall_score(results)
    template = _environment().get_template("effort.html.j2")
    return template.render(
        run=run,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        overall=overall,
        completed=completed,
        headline_band=_worse(_band(overall), _completion_band(completed, len(walked))),
        comparison=comparison,
        journeys=journeys,
        broken=broken,
        stopped=stopped,
        kinds=kinds_met,
        bars=_bars(kinds_met),
        moments=[_moment(f, r, Path(reports_dir), kinds) for f, r in moments],
        regressions=comparison.regressions if comparison else (),
        window=window,
        kind_titles={name: kinds.describe(name).title for name in [*kinds, *counts]},
        legend=[kinds.describe(name) for name, _, _ in kinds_met],
        time=time_section(results, lost_trend),
        mails=_mail_evidence(walked, kinds),
        voice=voice,
        disloyalty=disloyalty,
        disloyalty_source=DISLOYALTY_SOURCE,
        accessibility=accessibility_section(results),
    )


# How the mail detectors name where a friction happened: an e-mail received, or the
# customer's reply to one.
_MAIL_PLACES = ("e-mail from ", "reply to ")


def _mail_evidence(
    results: Sequence[JourneyResult], kinds: KindTable
) -> list[dict[str, str]]:
    """The e-mails behind frictions, as evidence: journey, what it cost, the message as
    received (escaped by the template).
    """
    return [
        {
            "journey": f"{r.feature} / {r.scenario}",
            "title": kinds.describe(f.kind).title,
            "evidence": f.evidence,
            "mail": f.excerpt,
        }
        for r in results
        for f in r.frictions
        if f.where.startswith(_MAIL_PLACES)
    ]


# one per process: its templates compile once, and a walk compiles them before it ends
# (warm)
@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("journeys.report", "templates"),
        # every template, whatever its name: all of it shows text from the target site
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = lambda v: NO_SCORE if v is None else f"{v:.1f}"
    env.filters["delta"] = lambda v: "" if v is None or abs(v) < 0.05 else f"{v:+.1f}"
    env.filters["band"] = _band
    env.filters["excerpt"] = excerpt
    return env


def compile_templates() -> None:
    """Compile the effort page's template now, so the run's end does not (see
    journeys.report.warm).
    """
    _environment().get_template("effort.html.j2")
    _environment().get_template(
        "voice.html.j2"
    )  # included at render: compiled here too, off the run's end


_BANDS = ("bad", "meh", "good")


def _completion_band(completed: int, walked: int) -> str:
    """Every journey finished: good; a customer gave up on some: meh; on half or more:
    bad.
    """
    if not walked:
        return "none"
    return (
        "good" if completed == walked else ("meh" if completed * 2 > walked else "bad")
    )


def _worse(a: str, b: str) -> str:
    known = [band for band in (a, b) if band in _BANDS]
    return min(known, key=_BANDS.index) if known else "none"


def _band(score: float | None) -> str:
    if score is None:
        return "none"
    if score < 3:
        return "bad"
    if score < 5:
        return "meh"
    return "good"


def _y(score: float) -> float:
    return _SPARK_PAD + (7.0 - max(1.0, min(7.0, score))) / 6.0 * (
        _SPARK_H - 2 * _SPARK_PAD
    )


def _sparkline(trend: JourneyTrend | None) -> _Spark | None:
    if trend is None or not any(s is not None for s in trend.scores):
        return None
    n = len(trend.scores)
    step = (_SPARK_W - 2 * _SPARK_PAD) / (n - 1) if n > 1 else 0.0
    segments, current, last = [], [], None
    for i, score in enumerate(trend.scores):
        if score is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        x = _SPARK_PAD + i * step if n > 1 else _SPARK_W / 2
        last = (round(x, 1), round(_y(score), 1))
        current.append(f"{last[0]},{last[1]}")
    if current:
        segments.append(" ".join(current))
    # A lone point draws no line: the dot at `last` shows it.
    shown = [f"{s:.1f}" if s is not None else "–" for s in trend.scores]
    return _Spark(
        tuple(segments),
        last,
        f"scores over the last {n} runs: {' '.join(shown)}",
        round(_y(5.0), 1),
    )


def _bars(kinds: list[tuple[str, int, float]]) -> dict[str, object]:
    most = max((count for _, count, _ in kinds), default=1)
    row_h, label_w, bar_w = 26, 190, 300
    rows = [
        {
            "kind": k,
            "count": c,
            "points": p,
            "y": 6 + i * row_h,
            "width": max(2.0, round(c / most * bar_w, 1)),
        }
        for i, (k, c, p) in enumerate(kinds)
    ]
    return {
        "rows": rows,
        "height": 12 + len(rows) * row_h,
        "label_w": label_w,
        "width": label_w + bar_w + 60,
    }


def _moment(
    friction: Friction, result: JourneyResult, reports_dir: Path, kinds: KindTable
) -> _Moment:
    uri, link = _embedded_screenshot(friction.screenshot, reports_dir)
    return _Moment(
        journey=f"{result.feature} / {result.scenario}",
        friction=friction,
        title=kinds.describe(friction.kind).title,
        screenshot=uri,
        screenshot_link=link,
    )


def _embedded_screenshot(relative: str, reports_dir: Path) -> tuple[str, str]:
    if not relative:
        return "", ""
    root = reports_dir.resolve()
    path = (root / relative).resolve()
    # Only files inside the reports folder: a recorded path must not pull arbitrary
    # files into a mailed page.
    if not path.is_relative_to(root) or not path.is_file():
        return "", ""
    size = path.stat().st_size
    if size > _MAX_EMBEDDED_BYTES:
        return "", os.path.relpath(path, root / "effort")
    head = path.read_bytes()
    mime = _image_type(head[:12])
    if not mime:
        return "", ""
    return f"data:{mime};base64,{base64.b64encode(head).decode('ascii')}", ""


def _image_type(head: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return ""
