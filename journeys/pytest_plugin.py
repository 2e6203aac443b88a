"""The journeys pytest plugin: wiring only, and opt-in.

It acts only in a project that has a `[tool.journeys]` table (or when given a
`--journeys-*` option or a `.feature` path): then it collects the `.feature`
files under the configured `features` folder as journeys, gives each
scenario a shopper, and calls the journeys hooks (journeys/hooks.py) that
the reporters implement. In any other pytest or pytest-bdd project it
changes nothing and writes nothing.

- The built-in step catalogue loads through `pytest_plugins` below; a team's
  own steps through its conftest.py.
- pytest-bdd's step hooks mark step boundaries in the ledger, only for
  journey items; channels record the rest.
- Each journey's result is appended to the run's results when it ends
  (journeys.run.results); the process that records the run (the xdist
  controller, or the only process) reads them back once and calls
  `pytest_journeys_run_finished`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from journeys import hooks
from journeys.project.sections import Project
from journeys.run.target import Target, open_target

from .errors import JourneysError
from .run import collect, options, recording
from .run import scenario as _scenario
from .run import session as _session
from .run.keys import PROJECT_KEY, TARGET_KEY
from .run.session import WalkTarget
from .steps import BUILTIN_STEP_MODULES

# The built-in step catalogue, for every feature (pytest-bdd finds shared steps through
# plugins).
pytest_plugins = [
    *BUILTIN_STEP_MODULES,
    "journeys.run.traces",
    "journeys.run.deadline",
    "journeys.run.shards",
]

__all__ = ["WalkTarget"]


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    _session.configure(config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    _session.configure_node(node)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    _session.unconfigure(config)


def pytest_collect_file(
    file_path: Any, parent: pytest.Collector
) -> pytest.Collector | None:
    return collect.collect_file(file_path, parent)


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    collect.mark_walks(config, items)


def pytest_collection_finish(session: pytest.Session) -> None:
    collect.after_collection(session)


@pytest.fixture(scope="session")
def journeys_project(pytestconfig: pytest.Config) -> Project:
    project = pytestconfig.stash.get(PROJECT_KEY, None)
    if project is None:
        raise pytest.UsageError(
            "journeys is not enabled here: add a [tool.journeys] table to"
            " pyproject.toml"
        )
    return project


@pytest.fixture(scope="session")
def journeys_target(
    pytestconfig: pytest.Config, journeys_project: Project
) -> Iterator[Target]:
    """The site walked: the one opened for this walk, else the configured target
    (checked) or the demo shop, opened now."""
    given = pytestconfig.stash.get(TARGET_KEY, None)
    if given is not None:
        yield given
        return
    try:
        with open_target(journeys_project.settings) as target:
            yield target
    except JourneysError as error:
        pytest.exit(str(error), returncode=2)


@pytest.fixture
def shopper(request: pytest.FixtureRequest) -> Any:
    """The persona walking this scenario, with its channels."""
    journey = _scenario.current(request)
    if journey is None:
        raise RuntimeError("the shopper is only available inside a journey scenario")
    return journey.shopper


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Any, scenario: Any
) -> None:
    _scenario.begin(request, feature, scenario)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
) -> None:
    _scenario.step_began(request, step)


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: Any,
) -> None:
    _scenario.step_ended(request, step, None)


@pytest.hookimpl(tryfirst=True)  # before Allure's step hook reads the error's text
def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: Any,
    exception: BaseException,
) -> None:
    _scenario.step_failed(request, step, exception)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    exception: BaseException,
) -> None:
    _scenario.step_not_found(request, feature, step)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    return (yield from _scenario.walked(item))


# The innermost wrapper: it records after every plain sessionfinish (pytest-xdist's
# wait for its workers, so an interrupted one has recorded its journey; pytest's
# teardown of the fixtures a Ctrl-C left set up), before the terminal's summary reads
# what it recorded. In a `finally`: a teardown that fails after Ctrl-C must not take
# the finished journeys' record with it.
@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> Iterator[None]:
    try:
        return (yield)
    finally:
        recording.record_run(session, stopped=exitstatus == pytest.ExitCode.INTERRUPTED)


def pytest_terminal_summary(
    terminalreporter: Any, exitstatus: int, config: pytest.Config
) -> None:
    recording.terminal_summary(terminalreporter, config)
