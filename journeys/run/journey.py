"""One scenario walked: its shopper, ledger and evidence, turned into a JourneyResult at
the end.

Plain functions and one class, called from the pytest plugin's hooks; nothing here knows
pytest, so the walk can be driven by anything that says when a step starts and ends.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from journeys.effort import (
    Budget,
    EffortModel,
    assess,
    budget_from_tag,
    check_budgets,
    outcome_of,
)
from journeys.effort._barriers import pages_checked
from journeys.effort._phone import menu_paths, phone_line
from journeys.effort.detect import detect_at
from journeys.effort.events import (
    GaveUp,
    MailReceived,
    MessageSent,
    ReplyReceived,
    TicketOpened,
)
from journeys.effort.failure import failure_message
from journeys.effort.frictions import Friction
from journeys.effort.ledger import RunawayWalk
from journeys.effort.result import STAGES, BudgetCheck, JourneyResult, Outcome
from journeys.effort.time import (
    timed,  # the customer-time estimate (docs/effort-model.md)
)
from journeys.errors import BudgetExceeded, JourneyAbandoned, first_line
from journeys.shopper import Shopper

INTERRUPTED = "interrupted: the walk was stopped before this journey ended"
# What one journey keeps, whatever the site does: a bot that answers each message ten
# times, an API called in a loop.
TRANSCRIPT_LINES_KEPT = 400
EXCHANGES_KEPT = 200
SCREENSHOTS_KEPT = 40  # past it, frictions are still reported, without a picture each

Screenshotter = Callable[[Path], bool]


@dataclass
class Journey:
    feature: str
    scenario: str
    node_id: str
    feature_path: str
    tags: tuple[str, ...]
    shopper: Shopper
    model: EffortModel
    reports_dir: Path
    screenshots_policy: str = "friction"
    # Under reports_dir, this run's own (runs/<run id>/screenshots): a walk beside it
    # overwrites none of them.
    screenshots_dir: str = "screenshots"
    harness_error: str = ""
    budget_failure: str = ""
    step_budgets: list[BudgetCheck] = field(
        default_factory=list
    )  # checked by Then steps during the walk
    screenshots: dict[tuple[int, str], str] = field(default_factory=dict)
    all_screenshots: list[str] = field(default_factory=list)
    started_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
    started: float = field(default_factory=time.monotonic)
    _frictions_seen: int = 0
    _detected: tuple[int, list[Any]] = (
        -1,
        [],
    )  # (events read, frictions found): the steps and the live progress share it

    @property
    def ledger(self):  # noqa: ANN201 - the ledger type lives in effort
        return self.shopper.ledger

    @property
    def stage(self) -> str:
        return next((t for t in self.tags if t in STAGES), "")

    @property
    def moment_that_matters(self) -> bool:
        return "moment-that-matters" in self.tags

    def budgets(self) -> list[Budget]:
        return [b for b in (budget_from_tag(t) for t in self.tags) if b is not None]

    # -- during the walk -----------------------------------------------------------

    def step_started(self, text: str, *, keyword: str, line: int) -> None:
        moment = self.moment_that_matters or self.shopper.in_moment_that_matters
        self.ledger.begin_step(
            text, keyword=keyword, line=line, moment_that_matters=moment
        )

    def step_finished(
        self,
        text: str,
        *,
        error: BaseException | None,
        screenshot: Screenshotter | None,
    ) -> None:
        self.ledger.end_step(
            text, failed=error is not None, error=first_line(error) if error else ""
        )
        if error is not None:
            self._classify(error)
        self._capture(screenshot)

    def _classify(self, error: BaseException) -> None:
        """Budget failures and a customer giving up are findings; anything else means
        the walk broke.
        """
        if self.ledger.runaway or isinstance(error, RunawayWalk):
            self.harness_error = self.ledger.runaway or first_line(error)
        elif isinstance(error, BudgetExceeded):
            self.budget_failure = self.budget_failure or first_line(error)
        elif isinstance(error, JourneyAbandoned):
            if not any(isinstance(e, GaveUp) for e in self.ledger.events):
                self.ledger.record(
                    GaveUp(
                        goal=self.scenario,
                        reason=first_line(error),
                        cause="expectation",
                    )
                )
        else:
            self.harness_error = f"{type(error).__name__}: {first_line(error)}"

    def _capture(self, screenshot: Screenshotter | None) -> None:
        """Screenshot the moment a friction appears (the page shows it now, not at the
        end).
        """
        if (
            screenshot is None
            or self.screenshots_policy == "off"
            or len(self.all_screenshots) >= SCREENSHOTS_KEPT
        ):
            return
        frictions = self.frictions_so_far()
        new = frictions[self._frictions_seen :]
        self._frictions_seen = len(frictions)
        step = self.ledger.step
        wanted = [
            (f.step, f.kind) for f in new if (f.step, f.kind) not in self.screenshots
        ]
        if self.screenshots_policy == "every-step":
            wanted.append((step, "step"))
        if not wanted:
            return
        path = self._screenshot_path(f"step{step:02d}-{wanted[0][1]}")
        if screenshot(self.reports_dir / path):
            self.all_screenshots.append(path)
            for key in wanted:
                self.screenshots.setdefault(key, path)

    def frictions_so_far(self) -> list[Friction]:
        """The frictions the events so far show (detected again only once an event
        came).
        """
        return [friction for _, friction in self._found()]

    def _found(self) -> list[tuple[int, Friction]]:
        """Every friction so far with its event's index, detected once per new event."""
        events = self.ledger.events
        if self._detected[0] != len(events):
            self._detected = (len(events), detect_at(events, self.model))
        return self._detected[1]

    def _screenshot_path(self, name: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.node_id).strip("-")[-120:]
        # JPEG: see SCREENSHOT_QUALITY
        return f"{self.screenshots_dir}/{slug}/{name}.jpg"

    # -- at the end -------------------------------------------------------------------

    def interrupted(self) -> JourneyResult:
        """What is kept of this journey while it is walked: if its process is stopped or
        dies, it is broken, not lost.
        """
        return JourneyResult(
            feature=self.feature,
            scenario=self.scenario,
            stage=self.stage,
            outcome=Outcome.INTERRUPTED,
            tags=self.tags,
            node_id=self.node_id,
            feature_path=self.feature_path,
            persona=self.shopper.persona.public(),
            error=INTERRUPTED,
            started_at=self.started_at,
        )

    def finish(self, screenshot: Screenshotter | None = None) -> JourneyResult:
        # no finding: wait for no channel to settle
        stopping = self.harness_error.startswith(INTERRUPTED)
        for ability in (
            () if stopping else self.shopper.used().values()
        ):  # channels still receiving (an e-mail a second late) record it first
            settle = getattr(ability, "settle", None)
            if callable(settle):
                settle()
        if screenshot is not None and self.screenshots_policy != "off":
            path = self._screenshot_path("end")
            if screenshot(self.reports_dir / path):
                self.all_screenshots.append(path)
        events = self.ledger.events
        if (
            self.ledger.runaway
        ):  # stopped by its own budget, even where a step swallowed the error
            self.harness_error = self.ledger.runaway
        outcome = outcome_of(events, harness_error=self.harness_error)
        stopped = self.harness_error.startswith(INTERRUPTED)  # the walk's, no finding
        # One pass: detected once (not again when the last step's screenshot
        # detected these events already), then scored and timed from those frictions.
        found = self._found()
        assessment = assess(events, self.model, outcome=outcome, found=found)
        budgets = (
            *self.step_budgets,
            *check_budgets(self.budgets(), assessment, events),
        )
        if self.budget_failure and all(b.met for b in budgets):
            # a Then step judged a budget of its own (e.g. a hand-off within N turns)
            # and failed it
            budgets = (*budgets, BudgetCheck(budget=self.budget_failure, met=False))
        result = timed(
            JourneyResult(
                feature=self.feature,
                scenario=self.scenario,
                stage=self.stage,
                outcome=Outcome.INTERRUPTED if stopped else outcome,
                steps=assessment.steps,
                points=assessment.points,
                score=assessment.score,
                frictions=assessment.frictions,
                why_not_7=assessment.why_not_7,
                budgets=budgets,
                tags=self.tags,
                node_id=self.node_id,
                feature_path=self.feature_path,
                persona=self.shopper.persona.public(),
                error=(
                    self.harness_error if outcome == Outcome.BROKEN or stopped else ""
                ),
                started_at=self.started_at,
                duration_s=round(time.monotonic() - self.started, 3),
                transcript=tuple(transcript(events)),
                menu_path=" | ".join(path for path in menu_paths(events) if path),
                accessibility=tuple(pages_checked(events)),
                screenshots=tuple(self.all_screenshots),
            ),
            events,
            self.model,
            found=assessment.found,
        )
        result = replace(
            result,
            frictions=tuple(self._with_screenshot(f) for f in result.frictions),
            exchanges=tuple(self.exchanges()),
        )
        return replace(result, failure=failure_message(result))

    def exchanges(self) -> list[dict[str, Any]]:
        """Every HTTP exchange the journey's chat and support abilities made, secrets
        redacted, for the report.
        """
        exchanges: list[dict[str, Any]] = []
        for ability in self.shopper.used().values():
            recorded = getattr(ability, "exchanges", None)
            if callable(recorded):
                exchanges.extend(recorded())
        if len(exchanges) > EXCHANGES_KEPT:
            left_out = len(exchanges) - EXCHANGES_KEPT
            exchanges = [
                *exchanges[: EXCHANGES_KEPT - 1],
                {"note": f"{left_out + 1} more not kept"},
            ]
        return exchanges

    def _with_screenshot(self, friction: Friction) -> Friction:
        path = self.screenshots.get(
            (friction.step, friction.kind)
        ) or self.screenshots.get((friction.step, "step"))
        if not path:
            return friction
        return Friction(**{**friction.to_dict(), "screenshot": path})


def transcript(
    events: Iterable[Any], *, kept: int = TRANSCRIPT_LINES_KEPT
) -> list[dict[str, Any]]:
    """Who said what on the chat, support and mail channels, in order, with latency and
    marks; at most `kept` lines.

    A journey's record stays bounded whatever the site does: past `kept`, the first
    lines and the last are kept, with one line in between saying how many more were not
    kept.
    """
    lines = _transcript(events)
    if len(lines) <= kept:
        return lines
    head, tail = lines[: kept // 2], lines[-(kept // 2 - 1) :]
    left_out = len(lines) - len(head) - len(tail)
    note = {
        "channel": tail[0]["channel"],
        "who": "system",
        "text": f"({left_out} more lines not kept)",
        "at_s": tail[0]["at_s"],
        "step": tail[0]["step"],
    }
    return [*head, note, *tail]


def _transcript(events: Iterable[Any]) -> list[dict[str, Any]]:
    lines = []
    for event in events:
        said = phone_line(event)
        if said:
            lines.append(
                {"channel": "phone", **said, "at_s": event.at_s, "step": event.step}
            )
        if (
            isinstance(event, MailReceived) and not event.opened
        ):  # an e-mail once, as it arrived
            text = f"{event.subject}\n\n{event.text}" if event.subject else event.text
            lines.append(
                {
                    "channel": "mail",
                    "who": "company",
                    "author": event.sender,
                    "text": text,
                    "at_s": event.at_s,
                    "step": event.step,
                }
            )
        if isinstance(event, (MessageSent, TicketOpened)):
            channel = getattr(event, "channel", "support")
            lines.append(
                {
                    "channel": channel,
                    "who": "customer",
                    "text": event.text,
                    "at_s": event.at_s,
                    "step": event.step,
                }
            )
        elif isinstance(event, ReplyReceived):
            lines.append(
                {
                    "channel": event.channel,
                    "who": event.by,
                    "author": event.author,
                    "text": event.text or f"(no reply: {event.failed})",
                    "at_s": event.at_s,
                    "step": event.step,
                    "latency_ms": event.latency_ms,
                    "fallback": event.fallback,
                    "handoff": event.handoff,
                }
            )
    return lines


def failed_budgets(result: JourneyResult) -> list[str]:
    return [
        f"{b.budget}: {b.detail}" if b.detail else b.budget
        for b in result.budgets
        if not b.met
    ]


def budget_error(result: JourneyResult) -> BudgetExceeded | None:
    """The failure a journey over its tagged budgets ends with; its message carries the
    Allure category markers.
    """
    if not failed_budgets(result):
        return None
    return BudgetExceeded(result.failure or failure_message(result))
