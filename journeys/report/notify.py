"""The news of a walk, sent where the team works: `[tool.journeys.notify]`, through
Apprise.

Apprise (https://github.com/caronc/apprise) does the sending: Slack, Microsoft Teams,
Discord, e-mail, PagerDuty, plain JSON or form webhooks and many more, each written as
one URL. journeys writes the message and decides when: once per run, on the process that
records it (never an xdist worker, never one shard: `journeys merge` sends for the whole
run), by the `when` rule. A destination that fails is one warning line; it never fails
the walk.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from journeys.effort.result import JourneyResult, Outcome, RunInfo
from journeys.errors import JourneysError, first_line

from .notify_config import NotifyConfig, notify_config

__all__ = [
    "News",
    "NotifyConfig",
    "NotifyReporter",
    "news_of_run",
    "notify_config",
    "report_url",
    "sample_news",
    "send",
]

_KEY = "tool.journeys.notify"
_FRICTION_EVIDENCE_CHARS = 240

Warn = Callable[[str], None]


# -- the message -----------------------------------------------------------------------


@dataclass(frozen=True)
class News:
    """One run's message: whether the rule says to send it, its title and its body
    (plain text).
    """

    reasons: tuple[
        str, ...
    ]  # the rules it meets: regression, budget, broken (always meets "always")
    title: str
    body: str
    changed: tuple[str, ...] = field(
        default=()
    )  # the journeys named, for a reader of the record

    def due(self, when: Sequence[str]) -> bool:
        return "always" in when or any(reason in when for reason in self.reasons)


def news_of_run(
    history_url: str,
    run: RunInfo,
    results: Sequence[JourneyResult],
    *,
    threshold: float,
    lost_time_threshold_s: float | None,
    report_url: str = "",
) -> News:
    """The message for a run just stored in the history, against the previous run on its
    device.
    """
    from .compare import compare_results
    from .history import open_history

    with open_history(history_url) as history:
        before = [
            r
            for r in history.list_runs(device=run.device)
            if (r.started_at, r.run_id) < (run.started_at, run.run_id)
        ]
        older = before[0] if before else None
        older_results = history.load_run(older.run_id) if older else []
    comparison = (
        compare_results(
            older,
            older_results,
            run,
            results,
            threshold=threshold,
            lost_time_threshold_s=lost_time_threshold_s,
        )
        if older
        else None
    )
    lost_before = {
        (r.feature, r.scenario): r.lost_time_s for r in older_results if r.walked
    }
    return _news(run, results, comparison, lost_before, report_url)


def _news(
    run: RunInfo,
    results: Sequence[JourneyResult],
    comparison: Any,
    lost_before: dict[tuple[str, str], float],
    report_url: str,
) -> News:
    from .compare import overall_score

    regressions = comparison.regressions if comparison else ()
    missed = [r for r in results if r.walked and not r.budgets_met]
    broken = [r for r in results if r.outcome is Outcome.BROKEN]
    reasons = tuple(
        reason
        for reason, met in (
            ("regression", regressions),
            ("budget", missed),
            ("broken", broken),
        )
        if met
    )
    overall = overall_score(results)
    where = run.target or "the demo shop"
    headline = []
    if regressions:
        headline.append(
            f"{len(regressions)} journey{'s' if len(regressions) != 1 else ''} got"
            " harder"
        )
    if missed:
        headline.append(f"{len(missed)} missed a budget")
    if broken:
        headline.append(f"{len(broken)} broken")
    title = (
        f"journeys: {', '.join(headline) if headline else 'no journey got harder'} on"
        f" {where}"
    )
    change = comparison.overall_change if comparison else None
    lines = [
        f"Run {run.run_id} on {where} ({run.device or 'desktop'}): {len(results)}"
        f" journey{'s' if len(results) != 1 else ''}, overall score"
        f" {'-' if overall is None else f'{overall:.1f}'}/7"
        + (
            f" ({change:+.1f} since run {comparison.older.run_id})"
            if change is not None
            else ""
        ),
    ]
    changed = []
    if regressions:
        lines += ["", "Got harder:"]
        now = {(r.feature, r.scenario): r for r in results}
        for journey in regressions:
            changed.append(journey.name)
            walked = now.get((journey.feature, journey.scenario))
            lost = _lost_change(walked, lost_before)
            lines.append(f"- {journey.name}: {_score_change(journey)}{lost}")
            worst = max(journey.new_frictions, key=lambda f: f.points, default=None)
            if worst is not None:
                at = f' at "{worst.step_text}"' if worst.step_text else ""
                lines.append(
                    f"  worst new friction: {worst.kind}{at}: {_clip(worst.evidence)}"
                )
            elif journey.reasons:
                lines.append(f"  {_clip(journey.reasons[0])}")
    if missed:
        lines += ["", "Missed a budget:"]
        for r in missed:
            changed.append(f"{r.feature} / {r.scenario}")
            budgets = ", ".join(
                f"{b.budget} ({b.detail})" if b.detail else b.budget
                for b in r.budgets
                if not b.met
            )
            lines.append(f"- {r.feature} / {r.scenario}: {budgets}")
    if broken:
        lines += [
            "",
            "Broken (the harness could not walk it; not counted as customer effort):",
        ]
        for r in broken:
            changed.append(f"{r.feature} / {r.scenario}")
            error = r.error.strip()
            why = error.splitlines()[0] if error else "no error recorded"
            lines.append(f"- {r.feature} / {r.scenario}: {_clip(why)}")
    if report_url:
        lines += ["", f"Report: {report_url}"]
    return News(
        reasons=reasons,
        title=title,
        body="\n".join(lines),
        changed=tuple(dict.fromkeys(changed)),
    )


def sample_news(report_url: str = "") -> News:
    """What `journeys notify --test` sends: a made-up regression, marked as a test."""
    from journeys.effort.frictions import Friction
    from journeys.effort.kinds import friction_kinds

    from .compare import compare_results

    older = RunInfo(
        run_id="test-before",
        started_at="2026-01-01T02:00:00Z",
        target="https://shop.example.com",
    )
    newer = RunInfo(
        run_id="test-after",
        started_at="2026-01-02T02:00:00Z",
        target="https://shop.example.com",
    )
    before = [
        JourneyResult(
            feature="Checkout",
            scenario="Guest buys running shoes",
            steps=9,
            points=9.0,
            score=6.4,
            lost_time_s=2.0,
        )
    ]
    kind = next(
        iter(friction_kinds.values())
    )  # any kind will do: the sample shows how a message reads
    met = Friction(
        kind=kind.name,
        points=6.0,
        step=7,
        step_text="When I pay",
        evidence=f"{kind.title}, met at the payment step (a sample).",
    )
    after = [
        JourneyResult(
            feature="Checkout",
            scenario="Guest buys running shoes",
            steps=12,
            points=20.0,
            score=3.9,
            frictions=(met,),
            lost_time_s=31.0,
        )
    ]
    news = _news(
        newer,
        after,
        compare_results(older, before, newer, after),
        {("Checkout", "Guest buys running shoes"): 2.0},
        report_url,
    )
    return News(
        news.reasons,
        f"[test] {news.title}",
        "This is a test message from `journeys notify --test`.\n\n" + news.body,
        news.changed,
    )


def _score_change(journey: Any) -> str:
    if journey.older_score is None or journey.newer_score is None:
        return "score -"
    return (
        f"score {journey.older_score:.1f} -> {journey.newer_score:.1f}"
        f" ({journey.newer_score - journey.older_score:+.1f})"
    )


def _lost_change(
    result: JourneyResult | None, lost_before: dict[tuple[str, str], float]
) -> str:
    if result is None or (result.feature, result.scenario) not in lost_before:
        return ""
    change = result.lost_time_s - lost_before[(result.feature, result.scenario)]
    return (
        f", lost time {change:+.0f} s ({result.lost_time_s:.0f} s lost)"
        if abs(change) >= 0.5
        else ", lost time unchanged"
    )


def _clip(text: str) -> str:
    one_line = " ".join(text.split())
    return (
        one_line
        if len(one_line) <= _FRICTION_EVIDENCE_CHARS
        else one_line[: _FRICTION_EVIDENCE_CHARS - 1] + "\u2026"
    )


# -- sending ---------------------------------------------------------------------------


def _warn_to_stderr(line: str) -> None:
    # The real stderr: at the end of a walk pytest may still be capturing, and this line
    # must reach the log.
    stream = sys.__stderr__ or sys.stderr
    stream.write(line + "\n")
    stream.flush()


def send(
    config: NotifyConfig,
    news: News,
    *,
    warn: Warn = _warn_to_stderr,
    environ: dict[str, str] | None = None,
) -> list[str]:
    """Send `news` to each destination on its own; return the destinations (secrets
    hidden) that took it.

    Each failure is one warning line naming the destination as Apprise prints it with
    its secrets hidden.
    """
    import apprise

    from journeys.project.templating import expand_env

    delivered = []
    for n, written in enumerate(config.urls):
        shown = _hidden(written)
        try:
            url = expand_env(written, environ, key=f"{_KEY}.urls[{n}]")
            # Apprise's own log says why a destination failed: kept for the one warning
            # line, never printed apart.
            with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as said:
                notifier = apprise.Apprise()
                added = notifier.add(url)
                if added:
                    shown = (
                        notifier[0].url(privacy=True).split("?", 1)[0]
                    )  # its options say nothing; its secrets are masked
                accepted = added and notifier.notify(title=news.title, body=news.body)
            if accepted:
                delivered.append(shown)
            elif not added:
                warn(
                    f"journeys: notify: {shown}: is not a URL Apprise can send to (see"
                    " Apprise's list of services for its form)"
                )
            else:
                reason = _last_line(said.getvalue()) or "the message was not accepted"
                warn(
                    f"journeys: notify: {shown}: {reason} (the walk goes on; check the"
                    " destination)"
                )
        except JourneysError as error:
            warn(f"journeys: notify: {shown}: {first_line(error)}")
        except Exception as error:  # noqa: BLE001 - a destination's failure, whatever it is, must not fail the walk
            warn(
                f"journeys: notify: {shown}: {type(error).__name__}:"
                f" {first_line(error)}"
            )
    return delivered


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _hidden(url: str) -> str:
    """A URL as written, shown with nothing past its scheme and host: ${NAME} references
    are safe, but tokens may be inline.
    """
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    return f"{scheme}://{host}/..."


# -- the reporter ----------------------------------------------------------------------


class NotifyReporter:
    """Sends the run's news once it is in the history; registered only on the process
    that records a whole run.
    """

    def __init__(
        self,
        history_url: str,
        config: NotifyConfig,
        *,
        threshold: float,
        lost_time_threshold_s: float | None,
        warn: Warn = _warn_to_stderr,
    ) -> None:
        self.history_url = history_url
        self.config = config
        self.threshold = threshold
        self.lost_time_threshold_s = lost_time_threshold_s
        self.warn = warn

    @pytest.hookimpl(trylast=True)
    def pytest_journeys_run_finished(
        self, run: RunInfo, results: list[JourneyResult]
    ) -> None:
        if run.shard:  # one CI runner's part: `journeys merge` sends for the whole run
            return
        try:
            news = news_of_run(
                self.history_url,
                run,
                results,
                threshold=self.threshold,
                lost_time_threshold_s=self.lost_time_threshold_s,
                report_url=self._report_url(),
            )
        except Exception as error:  # noqa: BLE001 - the walk is recorded; a message that cannot be written must not fail it
            self.warn(
                "journeys: notify: the message could not be written"
                f" ({type(error).__name__}: {first_line(error)})"
            )
            return
        if news.due(self.config.when):
            send(self.config, news, warn=self.warn)

    def _report_url(self) -> str:
        return report_url(self.config, warn=self.warn)


def report_url(config: NotifyConfig, *, warn: Warn = _warn_to_stderr) -> str:
    """The report's link with its ${NAME} references expanded; a missing variable is a
    warning, and no link.
    """
    from journeys.project.templating import expand_env

    try:
        return (
            expand_env(config.report_url, key=f"{_KEY}.report_url")
            if config.report_url
            else ""
        )
    except JourneysError as error:
        warn(f"journeys: notify: {first_line(error)}")
        return ""
