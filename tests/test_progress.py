"""The walk's live progress, run on throwaway pytest-bdd projects with `pytester`, in
one process and under xdist.

The project's conftest.py plays the journeys plugin's part: a real Journey per scenario,
its hooks fired where the plugin fires them, and the journey's end carried to the
report. Steps record events as channels do (no browser: what is tested here is what the
progress shows of them).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from journeys.run.progress import QUIET_PYTEST_ARGS, JourneyEnd, LiveProgress, carried

pytest_plugins = ["pytester"]

WIRING = """
import pytest

from journeys import hooks
from journeys.run import progress
from journeys.effort import EffortModel
from journeys.effort.ledger import Ledger
from journeys.run.journey import Journey
from journeys.shopper import Shopper, make_persona

KEY = pytest.StashKey()


def pytest_addhooks(pluginmanager):
    caller = getattr(pluginmanager.hook, "pytest_journeys_result", None)
    if caller is None or not caller.has_spec():
        pluginmanager.add_hookspecs(hooks)


def pytest_bdd_before_scenario(request, feature, scenario):
    ledger = Ledger()
    shopper = Shopper(make_persona(1, request.node.nodeid), ledger)
    request.node.stash[KEY] = Journey(
        feature=feature.name, scenario=scenario.name, node_id=request.node.nodeid, feature_path="",
        tags=(), shopper=shopper, model=EffortModel(), reports_dir=request.config.rootpath, screenshots_policy="off",
    )


def pytest_bdd_before_step(request, feature, scenario, step, step_func):
    request.node.stash[KEY].step_started(f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number)


def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args):
    journey = request.node.stash[KEY]
    journey.step_finished(f"{step.keyword} {step.name}", error=None, screenshot=None)
    request.config.hook.pytest_journeys_step_finished(journey=journey, step=f"{step.keyword} {step.name}", failed=False)


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception):
    journey = request.node.stash[KEY]
    journey.step_finished(f"{step.keyword} {step.name}", error=exception, screenshot=None)
    request.config.hook.pytest_journeys_step_finished(journey=journey, step=f"{step.keyword} {step.name}", failed=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        return (yield)
    finally:
        journey = item.stash[KEY]
        result = journey.finish()
        item.config.hook.pytest_journeys_result(result=result)
        progress.carry(item, result)


@pytest.fixture
def shopper(request):
    return request.node.stash[KEY].shopper
"""

STEPS = """
from pytest_bdd import given, scenarios, then, when

from journeys.effort.events import ErrorShown, PageOpened

scenarios("help.feature")


@given("I am a first-time customer")
def _():
    pass


@when("I open the help page")
def _(shopper):
    print("what the page printed, in the captured output")
    shopper.ledger.record(PageOpened(url="/help", status=200, load_ms=80, action=True))


@when("I open a page that shows an error")
def _(shopper):
    shopper.ledger.record(PageOpened(url="/help", status=200, load_ms=80, action=True))
    shopper.ledger.record(ErrorShown(text="Sorry, something went wrong", url="/help"))


@when("the harness trips over itself")
def _():
    raise RuntimeError("our own bug")


@then("I see help")
def _():
    pass
"""

FEATURE = """Feature: Find help
  Scenario: Smooth visit
    Given I am a first-time customer
    When I open the help page
    Then I see help

  Scenario: Meets an error
    Given I am a first-time customer
    When I open a page that shows an error
    Then I see help

  Scenario: Our bug
    Given I am a first-time customer
    When the harness trips over itself
    Then I see help
"""

# The journeys plugin is left out (this conftest.py stands in for its wiring), and so
# are the plugins these projects do not use: pytest-playwright's per-test scope cannot
# nest inside the outer run, the rest cost time.
UNUSED = (
    "journeys",
    "playwright",
    "base_url",
    "allure_pytest_bdd",
    "hypothesispytest",
    "faker",
    "anyio",
    "cacheprovider",
)
ALONE = tuple(arg for name in UNUSED for arg in ("-p", f"no:{name}"))
PLAIN_LINES = [
    r"completed  7\.0  Find help › Smooth visit  no frictions",
    r"completed  \d\.\d  Find help › Meets an error  error_seen",
    r"broken       —  Find help › Our bug  RuntimeError: our own bug",
]


@pytest.fixture
def project(pytester):
    pytester.makeconftest(WIRING)
    pytester.makepyfile(test_help=STEPS)
    pytester.path.joinpath("help.feature").write_text(FEATURE, encoding="utf-8")
    return pytester


def walk(
    pytester, *args: str, live: bool, width: int = 200
) -> tuple[pytest.RunResult, str]:
    out = io.StringIO()
    # configured like the CLI's own console (cli.py `out`)
    console = Console(
        file=out,
        force_terminal=live,
        width=width,
        color_system="truecolor" if live else None,
        highlight=False,
        soft_wrap=True,
    )
    result = pytester.runpytest(
        *ALONE, *QUIET_PYTEST_ARGS, *args, plugins=[LiveProgress(console, live=live)]
    )
    return result, out.getvalue()


def test_without_a_terminal_each_journey_is_one_line_when_it_ends(project):
    result, shown = walk(project, live=False)
    assert result.ret == 1  # the broken journey fails its test
    lines = shown.splitlines()
    assert len(lines) == 3, shown
    for line, expected in zip(lines, PLAIN_LINES):
        assert re.fullmatch(expected, line), line
    assert "\x1b[" not in shown


def test_pytest_prints_no_dots_no_failed_lines_and_no_counts(project):
    result, _ = walk(project, live=False)
    printed = result.stdout.str()
    assert (
        "FAILED" not in printed and "failed" not in printed and "passed" not in printed
    )
    assert not re.search(r"^[.FE]+", printed, re.MULTILINE), printed


def test_without_progress_pytest_says_it_all_itself(project):
    """What LiveProgress and QUIET_PYTEST_ARGS take away: without them (journeys walk
    -v), pytest's own output.
    """
    result = project.runpytest(*ALONE, "-v")
    result.stdout.fnmatch_lines(
        [
            "test_help.py::test_our_bug FAILED*",
            "FAILED test_help.py::test_our_bug*",
            "*1 failed, 2 passed*",
        ]
    )


def test_on_a_terminal_the_live_lines_show_step_and_frictions_so_far(project):
    result, shown = walk(project, live=True)
    text = re.sub(
        r"\x1b\[[0-9;?]*[A-Za-z]", "", shown
    )  # the escape codes of colours and of redrawing
    # while walking: feature › scenario, the current step, the frictions so far
    assert re.search(
        r"…\s+Find help › Meets an error\s+When I open a page that shows an error\s+0"
        r" frictions",
        text,
    ), text
    assert re.search(
        r"…\s+Find help › Meets an error\s+Then I see help\s+1 friction\b", text
    ), text
    # before its first step, a journey is named by its test
    assert re.search(r"…\s+test_help\.py › smooth visit\s+walking", text), text
    # the end lines stay; the live area is gone when the walk ends
    for expected in PLAIN_LINES:
        assert re.search(expected, text), expected
    assert shown.rstrip("\r\n").endswith("\x1b[2K\x1b[?25h"), (
        "the live area is cleared and the cursor shown again"
    )


def test_on_a_terminal_the_live_lines_never_wrap(project):
    _, shown = walk(project, live=True, width=60)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    walking = [line for line in re.split(r"[\r\n]", text) if line.startswith("…")]
    assert walking and all(len(line) <= 60 for line in walking)
    assert any(
        line.rstrip().endswith("friction") or line.rstrip().endswith("frictions")
        for line in walking
    ), walking


def test_live_lines_reach_the_terminal_while_pytest_captures_the_steps(project):
    """A step runs inside pytest's capture: the live area must still reach the terminal,
    what the step printed must not.
    """
    console = Console(
        force_terminal=True, width=200
    )  # writes to whatever sys.stdout is at the moment
    result = project.runpytest(
        *ALONE, *QUIET_PYTEST_ARGS, plugins=[LiveProgress(console, live=True)]
    )
    printed = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", result.stdout.str())
    assert re.search(
        r"Find help › Meets an error\s+When I open a page that shows an error\s+1"
        r" friction\b",
        printed,
    ), printed
    assert "what the page printed" not in printed


def test_under_xdist_the_controller_shows_each_journey_from_its_report(project):
    result, shown = walk(project, "-n", "2", "-p", "xdist", live=False)
    lines = sorted(line for line in shown.splitlines() if line)
    assert len(lines) == 3, shown
    for expected in PLAIN_LINES:
        assert any(re.fullmatch(expected, line) for line in lines), (expected, lines)


def test_a_journey_that_never_started_is_broken_with_the_reason(pytester):
    pytester.makeconftest(
        WIRING
        + """

@pytest.fixture(autouse=True)
def target():
    raise ConnectionError("the shop did not answer")
"""
    )
    pytester.makepyfile(test_help=STEPS)
    pytester.path.joinpath("help.feature").write_text(FEATURE, encoding="utf-8")
    _, shown = walk(pytester, "-k", "smooth", live=False)
    assert shown.splitlines() == [
        "broken       —  test_help.py › smooth visit  setup: ConnectionError: the shop"
        " did not answer"
    ]


def test_a_feature_that_cannot_be_collected_is_said(pytester):
    pytester.makeconftest(WIRING)
    pytester.makepyfile(test_help=STEPS)
    pytester.path.joinpath("help.feature").write_text(
        "Scenario: no feature line\n", encoding="utf-8"
    )
    result, shown = walk(pytester, live=False)
    assert result.ret == 2
    assert shown.startswith("cannot walk test_help.py: "), shown


# -- the record carried to the controller ----------------------------------------------


def test_a_journey_end_survives_the_trip_as_plain_data():
    from journeys.effort.frictions import Friction
    from journeys.effort.result import BudgetCheck, JourneyResult

    result = JourneyResult(
        feature="Buy",
        scenario="Buy shoes",
        outcome="completed",
        score=4.5,
        steps=12,
        frictions=(
            Friction(
                kind="reentered_data", points=2.0, step=3, evidence="e-mail typed again"
            ),
            Friction(
                kind="reentered_data", points=2.0, step=5, evidence="name typed again"
            ),
        ),
        budgets=(
            BudgetCheck(budget="CES at least 5", met=False),
            BudgetCheck(budget="at most 14 steps", met=True),
        ),
    )

    class Item:
        user_properties: list = []

    from journeys.run.progress import carry

    item = Item()
    carry(item, result)
    name, value = item.user_properties[0]
    assert name == "journeys" and isinstance(value, dict)
    assert all(isinstance(v, (str, int, float, list, tuple)) for v in value.values())

    class Report:
        user_properties = item.user_properties

    end = carried(Report())
    assert end == JourneyEnd.from_result(result)
    assert (end.frictions, end.budgets_missed, end.passed) == (
        ("reentered_data", "reentered_data"),
        ("CES at least 5",),
        False,
    )


def test_a_worker_that_crashed_ends_its_journey_as_broken():
    out = io.StringIO()
    progress = LiveProgress(
        Console(file=out, force_terminal=False, width=200), live=False
    )
    node_id = "features/buy.feature::test_buy_running_shoes"
    progress.pytest_runtest_logstart(
        nodeid=node_id,
        location=("features/buy.feature", None, "test_buy_running_shoes"),
    )
    # what xdist reports when the worker walking it died
    crash = pytest.TestReport(
        nodeid=node_id,
        location=("features/buy.feature", None, "features/buy.feature"),
        keywords={},
        outcome="failed",
        longrepr=f"worker 'gw0' crashed while running {node_id!r}",
        when="???",
    )
    progress.pytest_runtest_logreport(crash)
    assert (
        out.getvalue()
        == "broken       —  buy.feature › buy running shoes  worker 'gw0' crashed"
        f" while running {node_id!r}\n"
    )


def test_names_from_the_features_are_shown_as_written_never_as_markup():
    from journeys.effort.result import JourneyResult

    out = io.StringIO()
    progress = LiveProgress(
        Console(file=out, force_terminal=True, width=200), live=True
    )
    node_id = "features/x.feature::test_x"
    progress.pytest_runtest_logstart(
        nodeid=node_id, location=("features/x.feature", 1, "test_x")
    )
    result = JourneyResult(
        feature="[red]Sale[/red]",
        scenario="Buy [bold]now[/bold]",
        score=7.0,
        node_id=node_id,
    )
    progress.pytest_journeys_result(result=result)
    progress.pytest_runtest_logreport(
        pytest.TestReport(
            nodeid=node_id,
            location=("features/x.feature", 1, "test_x"),
            keywords={},
            outcome="passed",
            longrepr=None,
            when="teardown",
        )
    )
    progress.pytest_sessionfinish(session=None)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert (
        "completed  7.0  [red]Sale[/red] › Buy [bold]now[/bold]  no frictions" in text
    )


# -- the summary after the walk, in a CI log (no terminal, 80 columns) -----------------

LONG_FEATURE = """@buy
Feature: Buy running shoes from the spring sale ad as a guest who has never been here
  Scenario: A first-time customer buys a pair of trail running shoes from the spring sale ad as a guest
    Given I am a first-time customer

  Scenario: Signs up
    Given I am a first-time customer
"""

SUMMARY_SCRIPT = """
import json, sys
from pathlib import Path
from journeys.cli.walk import _print_summary
from journeys.project.config import Settings
from journeys.effort.result import JourneyResult
records = json.loads(sys.argv[1])
_print_summary(Settings(root=Path(sys.argv[2])), [JourneyResult.from_dict(r) for r in records])
"""


def _summary_records(features: Path):
    from journeys.effort.result import BudgetCheck, JourneyResult, Outcome

    long = (
        "A first-time customer buys a pair of trail running shoes from the spring sale"
        " ad as a guest"
    )
    feature = (
        "Buy running shoes from the spring sale ad as a guest who has never been here"
    )
    return [
        JourneyResult(
            feature=feature,
            scenario=long,
            feature_path=str(features / "buy.feature"),
            score=3.4,
            steps=14,
            customer_time_s=95.4,
            lost_time_s=30.0,
            budgets=(BudgetCheck(budget="CES at least 5", met=False),),
        ),
        JourneyResult(
            feature=feature,
            scenario="Signs up",
            feature_path=str(features / "buy.feature"),
            score=6.8,
            steps=5,
            customer_time_s=41.0,
        ),
        JourneyResult(
            feature="Track",
            scenario="Track my order",
            feature_path=str(features / "track.feature"),
            outcome=Outcome.BROKEN,
            error="StepDoesNotFit: no 'Track' link",
        ),
    ]


def test_in_a_ci_log_the_summary_reads_one_journey_a_line_within_80_columns(tmp_path):
    import json
    import os
    import subprocess
    import sys

    features = tmp_path / "features"
    features.mkdir()
    (features / "buy.feature").write_text(LONG_FEATURE, encoding="utf-8")
    records = [r.to_dict() for r in _summary_records(features)]
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TERM")},
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SUMMARY_SCRIPT,
            json.dumps(records, default=str),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "journeys (CES-style score: 1 very hard … 7 very easy)"
    assert lines[1].split() == ["outcome", "score", "time", "budgets", "journey"]
    hardest, smooth, broken = lines[2:5]
    assert (
        hardest == "completed   3.4  1m35s FAILED  A first-time customer buys a pair… "
        " buy.feature:3"
    )
    assert smooth == "completed   6.8    41s met     Signs up  buy.feature:6"
    assert (
        broken == "broken        —      - -       Track my order  track.feature"
    )  # a file that is not there: no line
    assert all(len(line) <= 80 for line in lines[:5]), lines
    assert lines[5] == "broken: Track my order: StepDoesNotFit: no 'Track' link"
    assert "\x1b[" not in done.stdout and "│" not in done.stdout


def test_a_scenario_is_found_by_its_title_line_and_an_outline_repeat_by_its_outline(
    tmp_path,
):
    from journeys.effort.result import JourneyResult
    from journeys.run.progress import scenario_location, summary_lines

    feature = tmp_path / "returns.feature"
    feature.write_text(
        "Feature: Returns\n\n  Scenario Outline: Return shoes\n    Given I am a"
        " first-time customer\n\n  Example: Return a gift\n    Given I am a first-time"
        " customer\n",
        encoding="utf-8",
    )

    def where(scenario: str) -> str:
        return scenario_location(
            JourneyResult(
                feature="Returns", scenario=scenario, feature_path=str(feature)
            ),
            tmp_path,
        )

    assert (
        where("Return shoes"),
        where("Return shoes [2]"),
        where("Return a gift"),
    ) == ("returns.feature:3", "returns.feature:3", "returns.feature:6")
    assert where("Not in the file") == "returns.feature"
    assert summary_lines([], width=80) == ["outcome   score   time budgets journey"]
