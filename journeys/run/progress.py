"""The walk's live progress: one line per journey instead of pytest's dots and FAILED
lines.

On a terminal (`live=True`) a Rich live area shows every journey being walked (feature,
scenario, current step, frictions so far); each journey that ends leaves one line above
it. Without a terminal (CI logs) only those end lines are printed. `journeys walk -v`
registers none of this and shows pytest's own output.

Register `LiveProgress` on the process that reports (the xdist controller, or the only
process) and run pytest with `QUIET_PYTEST_ARGS`. Under xdist the steps run in the
workers: the controller sees each journey start and, with its last report, the result
that `carry` put into the item's user_properties.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from journeys.report.shown import NO_SCORE

# pytest's own progress, to be silenced when LiveProgress shows it: no verbose lines, no
# "1 failed in 2s", no short summary of FAILED lines (the dots go through
# pytest_report_teststatus below).
QUIET_PYTEST_ARGS = ("-qq", "--no-summary")
# the name of the user property that carries a journey's end to the controller
RESULT_PROPERTY = "journeys"
BROKEN_SCORE = NO_SCORE


@dataclass(frozen=True)
class JourneyEnd:
    """What the end line of a journey says: a few plain fields of its JourneyResult,
    small enough for a report.
    """

    feature: str
    scenario: str
    outcome: str
    score: float
    steps: int
    frictions: tuple[str, ...]  # kinds, in the order they happened
    budgets_missed: tuple[str, ...]
    error: str = ""

    @classmethod
    def from_result(cls, result: Any) -> JourneyEnd:
        return cls(
            feature=result.feature,
            scenario=result.scenario,
            outcome=str(
                result.outcome
            ),  # plain text: xdist carries only builtin types to the controller
            score=float(result.score),
            steps=result.steps,
            frictions=tuple(f.kind for f in result.frictions),
            budgets_missed=tuple(b.budget for b in result.budgets if not b.met),
            error=result.error,
        )

    @classmethod
    def from_property(cls, raw: dict[str, Any]) -> JourneyEnd:
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(
            **{
                **known,
                "frictions": tuple(known.get("frictions", ())),
                "budgets_missed": tuple(known.get("budgets_missed", ())),
            }
        )

    @property
    def passed(self) -> bool:
        return self.outcome == "completed" and not self.budgets_missed


def carry(item: pytest.Item, result: Any) -> None:
    """Put a journey's end into its item's user_properties, so it reaches the xdist
    controller with the report.
    """
    item.user_properties.append(
        (RESULT_PROPERTY, asdict(JourneyEnd.from_result(result)))
    )


def carried(report: pytest.TestReport) -> JourneyEnd | None:
    """The journey's end that `carry` put into this report's user properties, if any."""
    for name, value in getattr(report, "user_properties", ()):
        if name == RESULT_PROPERTY and isinstance(value, dict):
            return JourneyEnd.from_property(value)
    return None


@dataclass
class _Walking:
    """A journey being walked, as the live area shows it."""

    title: str
    step: str = ""
    frictions: int | None = (
        None  # unknown where the steps run in another process (xdist)
    )


class LiveProgress:
    """A pytest plugin: the walk's progress, one line per journey, live on a terminal or
    plain in a log.
    """

    def __init__(self, console: Console, *, live: bool) -> None:
        self.console = console
        self.live = live
        self._walking: dict[str, _Walking] = {}
        self._ends: dict[
            str, JourneyEnd
        ] = {}  # heard in this process, before the report
        self._problems: dict[
            str, str
        ] = {}  # why a journey without a result failed (setup, our bug)
        self._skipped: set[str] = set()
        self._display: Live | None = None
        self._capture: Any = None

    # -- pytest ------------------------------------------------------------------------

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self._capture = session.config.pluginmanager.getplugin("capturemanager")

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report: Any, config: pytest.Config) -> Any:
        """Keep pytest's counts, drop its dots and letters: the journey lines say it."""
        status = yield
        return (status[0], "", "") if status else status

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:  # pytest's summary, which would say it, is off
            self._print(
                Text(
                    f"cannot walk {report.nodeid or 'the features'}:"
                    f" {_first_line(report)}",
                    style="red",
                )
            )

    def pytest_runtest_logstart(
        self, nodeid: str, location: tuple[str, int | None, str]
    ) -> None:
        self._walking[nodeid] = _Walking(title=_title_from_node_id(nodeid))
        self._refresh()

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_step(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
    ) -> None:
        walking = self._walking.get(request.node.nodeid)
        if walking is not None:
            walking.title = f"{feature.name} › {scenario.name}"
            walking.step = f"{step.keyword} {step.name}"
            self._refresh()

    @pytest.hookimpl(optionalhook=True)
    def pytest_journeys_step_finished(
        self, journey: Any, step: str, failed: bool
    ) -> None:
        walking = self._walking.get(journey.node_id)
        if walking is None:
            return
        walking.title = f"{journey.feature} › {journey.scenario}"
        walking.step = walking.step or step
        walking.frictions = len(journey.frictions_so_far())
        self._refresh()

    @pytest.hookimpl(optionalhook=True)
    def pytest_journeys_result(self, result: Any) -> None:
        self._ends[result.node_id] = JourneyEnd.from_result(result)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped:
            self._skipped.add(report.nodeid)
        elif report.failed and report.nodeid not in self._problems:
            phase = f"{report.when}: " if report.when in ("setup", "teardown") else ""
            self._problems[report.nodeid] = phase + _first_line(report)
        if report.when in ("setup", "call"):
            return
        # the teardown report, or xdist's report for a worker that crashed: the journey
        # is over
        end = self._ends.pop(report.nodeid, None) or carried(report)
        self._walking.pop(report.nodeid, None)
        self._print(self._end_line(report.nodeid, end))
        self._refresh()

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self._stop()

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self._stop()

    def pytest_keyboard_interrupt(self, excinfo: Any) -> None:
        self._stop()

    # -- lines -------------------------------------------------------------------------

    def _end_line(self, node_id: str, end: JourneyEnd | None) -> Text:
        problem = self._problems.pop(node_id, "")
        skipped = node_id in self._skipped
        self._skipped.discard(node_id)
        if end is None and skipped:
            return _styled(
                self.live,
                "skipped",
                BROKEN_SCORE,
                _title_from_node_id(node_id),
                "",
                "yellow",
            )
        if end is None:  # no journey result at all: it broke before or outside the walk
            return _styled(
                self.live,
                "broken",
                BROKEN_SCORE,
                _title_from_node_id(node_id),
                problem or "no result was recorded",
                "yellow",
            )
        title = f"{end.feature} › {end.scenario}"
        if end.outcome == "broken":
            return _styled(
                self.live, "broken", BROKEN_SCORE, title, end.error, "yellow"
            )
        if end.outcome in STOPPED:  # the walk's stop, not the site's nor ours
            return _styled(
                self.live, end.outcome, BROKEN_SCORE, title, end.error, "dim"
            )
        said = [_counted(end.frictions) or "no frictions"]
        if end.budgets_missed:
            said.append("budget missed: " + ", ".join(end.budgets_missed))
        style = "green" if end.passed else "red"
        return _styled(
            self.live, end.outcome, f"{end.score:.1f}", title, "; ".join(said), style
        )

    def _walking_lines(self) -> Table:
        """One row per journey being walked; long names are cut, the frictions column
        never is.
        """
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, overflow="ellipsis", ratio=2)
        grid.add_column(no_wrap=True, overflow="ellipsis", ratio=3, style="dim")
        grid.add_column(no_wrap=True, justify="right")
        for walking in self._walking.values():
            frictions = walking.frictions
            grid.add_row(
                Text("…", style="cyan"),
                Text(walking.title, style="bold"),
                Text(walking.step or "walking"),
                Text(
                    (
                        ""
                        if frictions is None
                        else f"{frictions} friction{'s' if frictions != 1 else ''}"
                    ),
                    style="red" if frictions else "dim",
                ),
            )
        return grid

    # -- output ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _uncaptured(self) -> Iterator[None]:
        """Step hooks run while pytest captures the test's output: write to the
        terminal, not into the capture.
        """
        if self._capture is None:
            yield
            return
        with self._capture.global_and_fixture_disabled():
            yield

    def _print(self, line: Text) -> None:
        with self._uncaptured():
            self.console.print(line, soft_wrap=not self.live)

    def _refresh(self) -> None:
        if not self.live:
            return
        with self._uncaptured():
            if self._display is None:
                # No refresh thread: it would write while pytest captures; every change
                # refreshes instead.
                self._display = Live(
                    console=self.console,
                    auto_refresh=False,
                    transient=True,
                    redirect_stdout=False,
                    redirect_stderr=False,
                )
                self._display.start()
            self._display.update(self._walking_lines(), refresh=True)

    def _stop(self) -> None:
        if self._display is not None:
            with self._uncaptured():
                self._display.stop()
            self._display = None


def _styled(
    live: bool, outcome: str, score: str, title: str, said: str, style: str
) -> Text:
    """`completed  6.9  Feature › Scenario  no frictions`: fixed columns, so a log reads
    as a table.
    """
    line = Text()
    line.append(f"{outcome:<9}", style=style if live else "")
    line.append(f"  {score:>3}  ")
    line.append(title, style="bold" if live else "")
    if said:
        line.append(f"  {said}", style="dim" if live else "")
    return line


def _counted(kinds: tuple[str, ...]) -> str:
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{kind} x{n}" if n > 1 else kind for kind, n in counts.items())


def _title_from_node_id(node_id: str) -> str:
    """Before its first step a journey is known only by its test id: `buy.feature › buy
    running shoes`.
    """
    path, _, test = node_id.partition("::")
    name = re.sub(r"\[.*\]$", "", test).removeprefix("test_").replace("_", " ")
    return f"{path.rsplit('/', 1)[-1]} › {name}" if name else path


def _first_line(report: Any) -> str:
    """The exception's own message when pytest kept it, else the last line of what it
    printed.
    """
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    message = str(getattr(crash, "message", "") or "").strip()
    if message:
        return message.splitlines()[0][:300]
    lines = [
        line.strip()
        for line in str(getattr(report, "longreprtext", "") or "").splitlines()
        if line.strip()
    ]
    return lines[-1][:300] if lines else "failed"


# -- the summary after the walk, for a log ---------------------------------------------

LOG_WIDTH = 80  # a CI log's usual width when nothing says otherwise


def summary_lines(
    results: Sequence[Any], *, width: int = LOG_WIDTH, root: Path | Sequence[Path] = ()
) -> list[str]:
    """The walk's summary as a log reads it: one journey a line, outcome, score, time
    and budgets first, then its scenario and file:line.

    Hardest first, broken last, as the terminal's table. The name is shortened to fit
    `width`; where it is written in the features (file:line) always fits, so a reader
    can open the scenario.
    """
    from journeys.report.shown import score_text

    wide = (
        11 if any(not r.walked and str(r.outcome) != "broken" for r in results) else 9
    )
    lines = [f"{'outcome':<{wide}} {'score':>5} {'time':>6} {'budgets':<7} journey"]
    for r in sorted(results, key=summary_order):
        outcome = str(r.outcome)
        budgets = "-" if not r.walked else ("gave up" if outcome == "abandoned" else "")
        budgets = budgets or ("met" if r.budgets_met else "FAILED")
        time = _short_time(r.customer_time_s) if r.walked else "-"
        head = f"{outcome:<{wide}} {score_text(r).rjust(5)} {time:>6} {budgets:<7} "
        where = scenario_location(r, root)
        # The scenario's name: its file:line says which feature, and fits whatever the
        # name's length.
        room = max(8, width - len(head) - len(where) - 2)
        lines.append(f"{head}{_shortened(r.scenario, room)}  {where}".rstrip())
        if getattr(r, "menu_path", ""):  # a phone call's choices, under its journey
            lines.append(f"{'':<{len(head)}}menu: {r.menu_path}")
    return lines


# Outcomes of a walk that was stopped: no finding, shown apart from the walked ones and
# the broken ones.
STOPPED = ("interrupted", "not walked")


def summary_order(result: Any) -> tuple[int, float]:
    """Hardest first; then the broken; then what the walk's stop left (interrupted, not
    walked).
    """
    outcome = str(result.outcome)
    return (2 if outcome in STOPPED else 1 if outcome == "broken" else 0, result.score)


def scenario_location(result: Any, root: Path | Sequence[Path] = ()) -> str:
    """`buy.feature:7`: the scenario's file, relative to the first of `root` that holds
    it, and the line its title is on.
    """
    path = Path(result.feature_path) if result.feature_path else None
    if path is None:
        return ""
    shown = path
    for folder in [root] if isinstance(root, Path) else root:
        with contextlib.suppress(ValueError):
            shown = path.resolve().relative_to(Path(folder).resolve())
            break
    line = _scenario_line(str(path), result.scenario)
    return f"{shown}:{line}" if line else str(shown)


@functools.lru_cache(maxsize=256)
def _scenario_line(path: str, scenario: str) -> int:
    """The line of `Scenario: <name>` (or an outline's, or an example's) in a feature
    file; 0 when it is not found.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 0
    base = re.sub(r" \[\d+\]$", "", scenario)  # compare numbers an outline's repeats
    for number, line in enumerate(text.splitlines(), start=1):
        keyword, colon, name = line.strip().partition(":")
        if colon and keyword in _SCENARIO_KEYWORDS and name.strip() in (scenario, base):
            return number
    return 0


_SCENARIO_KEYWORDS = ("Scenario", "Scenario Outline", "Scenario Template", "Example")


def _short_time(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}m{whole % 60:02d}s" if whole >= 60 else f"{whole}s"


def _shortened(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"
