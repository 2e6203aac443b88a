"""The pytest plugin: wiring only. Each hook calls into journeys.journey, journeys.walk or the reports.

- `.feature` files are collected directly (pytest-bdd scenarios), so product
  teams never write a Python test module.
- Each scenario gets a `Journey`: a Faker persona, a ledger, a shopper whose
  web ability is a fresh browser context (pytest-playwright), chat and support
  abilities from configuration.
- pytest-bdd's step hooks mark step boundaries in the ledger; channels record
  the rest. At the end of the call phase the journey becomes a JourneyResult,
  decorates the Allure report and is appended to the run's results.
"""

from __future__ import annotations

import os
import types
from pathlib import Path
from typing import Any

import pytest

from . import walk
from .config import ConfigError, Settings
from .errors import JourneysError
from .journey import Journey, budget_error
from .playwright_fixtures import WALKS_KEY
from .steps import BUILTIN_STEP_MODULES

# The built-in step catalogue, for every feature (pytest-bdd finds shared steps through plugins).
pytest_plugins = list(BUILTIN_STEP_MODULES)

SETTINGS_KEY = pytest.StashKey[Settings]()
RUN_ID_KEY = pytest.StashKey[str]()
JOURNEY_KEY = pytest.StashKey[Journey]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("journeys", "journeys: walk customer journeys")
    group.addoption("--journeys-target", metavar="URL", help="site to walk (default: start the bundled demo shop)")
    group.addoption("--journeys-demo", choices=("smooth", "potholed"), help="demo shop mode when no target is given")
    group.addoption("--journeys-reports", metavar="DIR", help="where reports go (default: reports/)")
    group.addoption("--journeys-seed", type=int, help="run seed for personas")
    group.addoption("--journeys-screenshots", choices=("friction", "every-step", "off"), help="screenshot policy")
    group.addoption("--journeys-run-id", metavar="ID", help="id of this walk in the history (default: new)")


def pytest_configure(config: pytest.Config) -> None:
    try:
        settings = walk.load_settings(
            config.rootpath,
            base_url=config.getoption("journeys_target"),
            demo=config.getoption("journeys_demo"),
            reports=config.getoption("journeys_reports"),
            seed=config.getoption("journeys_seed"),
            screenshots=config.getoption("journeys_screenshots"),
        )
    except (ConfigError, JourneysError) as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[SETTINGS_KEY] = settings
    worker_input = getattr(config, "workerinput", {})
    config.stash[RUN_ID_KEY] = (
        config.getoption("journeys_run_id") or worker_input.get("journeys_run_id") or walk.new_run_id()
    )
    # Registered now, after every entry-point plugin, so these fixtures win over pytest-playwright's.
    from . import playwright_fixtures

    if not config.pluginmanager.is_registered(playwright_fixtures):
        config.pluginmanager.register(playwright_fixtures, "journeys-playwright")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker writes its journeys under the controller's run id."""
    node.workerinput["journeys_run_id"] = node.config.stash[RUN_ID_KEY]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".feature":
        return FeatureFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[WALKS_KEY] = any(isinstance(item.parent, FeatureFile) for item in items)


class FeatureFile(pytest.Module):
    """A .feature file collected as if a module had called `scenarios()` on it."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType(f"journeys_feature_{abs(hash(str(self.path)))}")
        module.__file__ = str(self.path)
        walk.bind_scenarios(module, self.path)
        return module

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        message = walk.feature_error_message(excinfo.value, self.path)
        return message if message is not None else super().repr_failure(excinfo, style)


@pytest.fixture(scope="session")
def journeys_settings(pytestconfig: pytest.Config) -> Settings:
    return pytestconfig.stash[SETTINGS_KEY]


@pytest.fixture(scope="session")
def journeys_target(journeys_settings: Settings) -> Any:
    """The site walked: the configured target (checked to answer), or the demo shop started for this session."""
    try:
        with walk.target(journeys_settings) as url:
            yield url
    except JourneysError as error:
        pytest.exit(str(error), returncode=2)


@pytest.fixture
def shopper(request: pytest.FixtureRequest) -> Any:
    """The persona walking this scenario, with its channels."""
    return _journey_for(request).shopper


def _journey_for(request: pytest.FixtureRequest) -> Journey:
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is None:
        raise RuntimeError("the shopper is only available inside a journey scenario")
    return journey


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    settings = request.config.stash[SETTINGS_KEY]
    request.node.stash[JOURNEY_KEY] = walk.start_journey(
        settings,
        target=request.getfixturevalue("journeys_target"),
        node_id=request.node.nodeid,
        feature=feature,
        scenario=scenario,
        page_factory=lambda: request.getfixturevalue("page"),
    )


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any) -> None:
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is not None:
        journey.step_started(f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number)


def pytest_bdd_after_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any, step_func_args: Any) -> None:
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is not None:
        journey.step_finished(f"{step.keyword} {step.name}", error=None, screenshot=walk.screenshotter(journey))


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any, step_func_args: Any, exception: BaseException) -> None:
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is not None:
        journey.step_finished(f"{step.keyword} {step.name}", error=exception, screenshot=walk.screenshotter(journey))


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: BaseException) -> None:
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is not None:
        journey.step_started(f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number)
        journey.step_finished(f"{step.keyword} {step.name}", error=walk.unknown_step_error(feature, step), screenshot=None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    try:
        outcome = yield
    finally:
        journey = item.stash.get(JOURNEY_KEY, None)
        if journey is not None:
            result = walk.finish_journey(item.config.stash[RUN_ID_KEY], journey)
            item.stash[JOURNEY_KEY] = journey
            failure = budget_error(result)
    if journey is not None and failure is not None:
        raise failure
    return outcome


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # the controller writes the run once every worker is done
    settings = session.config.stash.get(SETTINGS_KEY, None)
    if settings is not None:
        walk.record_run(settings, session.config.stash[RUN_ID_KEY], alluredir=session.config.getoption("allure_report_dir", None))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if os.environ.get("JOURNEYS_QUIET_SUMMARY") or hasattr(config, "workerinput"):
        return  # `journeys walk` prints its own table
    settings = config.stash.get(SETTINGS_KEY, None)
    if settings is not None:
        for line in walk.summary_lines(settings, config.stash[RUN_ID_KEY]):
            terminalreporter.write_line(line)
