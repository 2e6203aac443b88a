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
  (journeys.results); the process that records the run (the xdist
  controller, or the only process) reads them back once and calls
  `pytest_journeys_run_finished`.
"""

from __future__ import annotations

import gc
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import hooks, progress
from .config import TRACE_POLICIES, has_journeys_table
from .effort.result import JourneyResult
from .errors import JourneysError
from .features import (
    bind_scenarios,
    feature_error_message,
    is_under,
    unknown_step_error,
)
from .journey import Journey, budget_error
from .playwright_fixtures import WALKS_KEY, browser_label, walked_device
from .project import Project, load_project
from .redaction import redact_exception, redacted_result, strip_userinfo
from .results import RunClock, append_result, git_commit, load_results
from .seeds import with_seed
from .steps import BUILTIN_STEP_MODULES
from .target import Target, open_target

# The built-in step catalogue, for every feature (pytest-bdd finds shared steps through plugins).
pytest_plugins = [
    *BUILTIN_STEP_MODULES,
    "journeys.traces",
    "journeys.deadline",
    "journeys.shards",
]

PROJECT_KEY = pytest.StashKey[Project]()
CLOCK_KEY = pytest.StashKey[RunClock]()
TARGET_KEY = pytest.StashKey[
    Target
]()  # a target opened by whoever started pytest (the CLI), shared by all workers
JOURNEY_KEY = pytest.StashKey[Journey]()
RECORD_ERROR_KEY = pytest.StashKey[str]()
RESULTS_KEY = pytest.StashKey[
    list[JourneyResult]
]()  # read back once, when the run ends


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("journeys", "journeys: walk customer journeys")
    group.addoption(
        "--journeys-profile",
        metavar="NAME",
        help="walk this named target ([tool.journeys.profiles.NAME])",
    )
    group.addoption(
        "--journeys-target",
        metavar="URL",
        help="site to walk (default: the profile's base_url, or the bundled demo shop)",
    )
    group.addoption(
        "--journeys-demo",
        choices=("smooth", "potholed"),
        help="walk the bundled demo shop in this mode",
    )
    group.addoption(
        "--journeys-reports", metavar="DIR", help="where reports go (default: reports/)"
    )
    group.addoption("--journeys-seed", type=int, help="run seed for personas")
    group.addoption(
        "--journeys-screenshots",
        choices=("friction", "every-step", "off"),
        help="screenshot policy",
    )
    group.addoption(
        "--journeys-traces",
        choices=TRACE_POLICIES,
        help="keep a journey's Playwright trace: on-failure, on or off",
    )
    group.addoption(
        "--journeys-run-id",
        metavar="ID",
        help="id of this walk in the history (default: new)",
    )
    group.addoption(
        "--journeys-device",
        metavar="NAME",
        help='walk as this Playwright device ("iPhone 13")',
    )
    group.addoption(
        "--journeys-hands",
        choices=("mouse", "keyboard"),
        help="how the customer works the site: mouse (default) or keyboard alone",
    )
    group.addoption(
        "--journeys-browser-server",
        metavar="URL",
        help="walk in a Playwright browser server (ws://...)",
    )


class WalkTarget:
    """A target opened before pytest started (by `journeys walk`), handed to every xdist worker."""

    def __init__(self, target: Target) -> None:
        self.target = target

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput.update(
            journeys_target=self.target.url,
            journeys_demo=self.target.demo,
            journeys_token=self.target.token,
            journeys_mail_sink=self.target.mail_sink,
        )


def _enabled(config: pytest.Config) -> bool:
    """Opt-in: the project configures journeys, or this run asks for it."""
    if has_journeys_table(config.rootpath) or _walk_target(config) is not None:
        return True
    given = [
        config.getoption(name)
        for name in (
            "journeys_profile",
            "journeys_target",
            "journeys_demo",
            "journeys_run_id",
        )
    ]
    return any(v is not None for v in given) or any(
        _path_of(arg).suffix == ".feature" for arg in config.args
    )


def _path_of(arg: str) -> Path:
    return Path(arg.split("::", 1)[0])


def pytest_configure(config: pytest.Config) -> None:
    if not _enabled(config):
        return
    demo = config.getoption("journeys_demo")
    target_url = config.getoption("journeys_target")
    try:
        project = load_project(
            config.rootpath,
            profile=config.getoption("journeys_profile"),
            base_url=target_url if target_url is not None else ("" if demo else None),
            demo=demo,
            reports=config.getoption("journeys_reports"),
            seed=config.getoption("journeys_seed"),
            screenshots=config.getoption("journeys_screenshots"),
            traces=config.getoption("journeys_traces"),
            device=config.getoption("journeys_device"),
            hands=config.getoption("journeys_hands"),
            browser_server=config.getoption("journeys_browser_server"),
        )
    except JourneysError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[PROJECT_KEY] = project
    worker_input = getattr(config, "workerinput", None)
    run_id = config.getoption("journeys_run_id") or (worker_input or {}).get(
        "journeys_run_id"
    )
    config.stash[CLOCK_KEY] = RunClock(run_id=run_id) if run_id else RunClock()
    # No seed given: a new one for this walk, the controller's on every worker.
    project = config.stash[PROJECT_KEY] = with_seed(
        project, run_id, given=(worker_input or {}).get("journeys_seed")
    )
    given = _given_target(config, worker_input)
    if given is not None:
        config.stash[TARGET_KEY] = given
    # Registered now, after every entry-point plugin, so these fixtures win over pytest-playwright's.
    from . import playwright_fixtures

    if not config.pluginmanager.is_registered(playwright_fixtures):
        config.pluginmanager.register(playwright_fixtures, "journeys-playwright")
    config.stash[playwright_fixtures.PROJECT_BROWSER_KEY] = (
        project.settings.device,
        project.browser,
    )
    config.stash[playwright_fixtures.TRACES_KEY] = project.settings.traces
    _register_reporters(config, project, recording=worker_input is None)


def _given_target(
    config: pytest.Config, worker_input: dict[str, Any] | None
) -> Target | None:
    if worker_input and worker_input.get("journeys_target"):
        return Target(
            worker_input["journeys_target"],
            demo=worker_input["journeys_demo"],
            token=worker_input["journeys_token"],
            mail_sink=worker_input.get("journeys_mail_sink", ""),
        )
    walk = _walk_target(config)
    return walk.target if walk is not None else None


def _walk_target(config: pytest.Config) -> WalkTarget | None:
    """The target `journeys walk` opened, handed in as a plugin object."""
    return next(
        (p for p in config.pluginmanager.get_plugins() if isinstance(p, WalkTarget)),
        None,
    )


def _register_reporters(
    config: pytest.Config, project: Project, *, recording: bool
) -> None:
    """Each reporter only when enabled; those of the whole run only on the process that records it."""
    from .report.reporters import reporters

    alluredir = config.getoption("allure_report_dir", None)
    plugins = reporters(
        project,
        allure_results=Path(alluredir) if alluredir else None,
        recording=recording,
    )
    for name, plugin in plugins.items():
        if not config.pluginmanager.has_plugin(name):
            config.pluginmanager.register(plugin, name)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker writes its journeys under the controller's run id."""
    clock = node.config.stash.get(CLOCK_KEY, None)
    if clock is not None:
        node.workerinput["journeys_run_id"] = clock.run_id
    if PROJECT_KEY in node.config.stash:
        node.workerinput["journeys_seed"] = node.config.stash[PROJECT_KEY].settings.seed


def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> pytest.Collector | None:
    project = parent.config.stash.get(PROJECT_KEY, None)
    if project is None or file_path.suffix != ".feature":
        return None
    given = any(
        _path_of(arg).resolve() == file_path.resolve() for arg in parent.config.args
    )
    if given or is_under(file_path, project.settings.features_dir):
        return FeatureFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if PROJECT_KEY in config.stash:
        config.stash[WALKS_KEY] = any(_is_journey(item) for item in items)


def pytest_collection_finish(session: pytest.Session) -> None:
    """A walk's modules and collected items live until it ends: the garbage collector need not walk them again.

    Every full collection went through them all (80 ms each, 6 in a walk of 8 journeys). Thawed when the
    session ends, so a process that goes on (pytest run in-process) collects as before.
    """
    if session.config.stash.get(WALKS_KEY, False):
        # What starts a journey is loaded now, before any journey's deadline runs: a walk's last journey, begun at
        # its walk_timeout_s, has a second to be recorded as interrupted, and that second is not for imports.
        from . import assemble  # noqa: F401

        gc.freeze()
        if not hasattr(
            session.config, "workerinput"
        ):  # this process records the run: its writers get ready meanwhile
            from .report.warm import warm_in_background

            warm_in_background()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if not config.stash.get(WALKS_KEY, False):
        return
    if hasattr(config, "workerinput") or _walk_target(config) is not None:
        gc.freeze()  # an xdist worker, or `journeys walk`, ends with the session: its last collections need not walk it all
    else:
        gc.unfreeze()


def _is_journey(item: pytest.Item) -> bool:
    return isinstance(item.parent, FeatureFile)


class FeatureFile(pytest.Module):
    """A .feature file collected as if a module had called `scenarios()` on it."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType(f"journeys_feature_{abs(hash(str(self.path)))}")
        module.__file__ = str(self.path)
        bind_scenarios(module, self.path)
        return module

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        message = feature_error_message(excinfo.value, self.path)
        return message if message is not None else super().repr_failure(excinfo, style)


@pytest.fixture(scope="session")
def journeys_project(pytestconfig: pytest.Config) -> Project:
    project = pytestconfig.stash.get(PROJECT_KEY, None)
    if project is None:
        raise pytest.UsageError(
            "journeys is not enabled here: add a [tool.journeys] table to pyproject.toml"
        )
    return project


@pytest.fixture(scope="session")
def journeys_target(
    pytestconfig: pytest.Config, journeys_project: Project
) -> Iterator[Target]:
    """The site walked: the one opened for this walk, else the configured target (checked) or the demo shop, opened now."""
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
    journey = request.node.stash.get(JOURNEY_KEY, None)
    if journey is None:
        raise RuntimeError("the shopper is only available inside a journey scenario")
    return journey.shopper


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Any, scenario: Any
) -> None:
    if not _is_journey(request.node):
        return
    from .assemble import start_journey

    journey = request.node.stash[JOURNEY_KEY] = start_journey(
        request.config.stash[PROJECT_KEY],
        request.getfixturevalue("journeys_target"),
        node_id=request.node.nodeid,
        feature_name=feature.name,
        feature_path=feature.filename,
        scenario_name=scenario.name,
        tags=tuple(
            sorted({*getattr(feature, "tags", ()), *getattr(scenario, "tags", ())})
        ),
        page=lambda: request.getfixturevalue("page"),
        run_id=request.config.stash[CLOCK_KEY].run_id,
    )
    # Kept at once, replaced when it ends: a process stopped or killed mid-journey still leaves it in the run.
    append_result(
        journey.reports_dir,
        request.config.stash[CLOCK_KEY].run_id,
        journey.interrupted(),
    )


def _journey(request: pytest.FixtureRequest) -> Journey | None:
    return request.node.stash.get(JOURNEY_KEY, None)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
) -> None:
    journey = _journey(request)
    if journey is not None:
        journey.step_started(
            f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number
        )


def _step_ended(
    request: pytest.FixtureRequest, step: Any, error: BaseException | None
) -> None:
    journey = _journey(request)
    if journey is None:
        return
    from .assemble import screenshotter

    text = f"{step.keyword} {step.name}"
    journey.step_finished(text, error=error, screenshot=screenshotter(journey))
    request.config.hook.pytest_journeys_step_finished(
        journey=journey, step=text, failed=error is not None
    )


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: Any,
) -> None:
    _step_ended(request, step, None)


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
    journey = _journey(request)
    if journey is not None:
        redact_exception(exception, journey.ledger.redact)
    _step_ended(request, step, exception)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    exception: BaseException,
) -> None:
    journey = _journey(request)
    if journey is not None:
        journey.step_started(
            f"{step.keyword} {step.name}", keyword=step.keyword, line=step.line_number
        )
        _step_ended(
            request,
            step,
            unknown_step_error(
                feature.filename, step.line_number, step.keyword, step.name
            ),
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    failure = None
    try:
        outcome = yield
    except BaseException as error:  # what pytest, Allure and the console show of it must not carry what the site echoed
        journey = item.stash.get(JOURNEY_KEY, None)
        if journey is not None:
            redact_exception(error, journey.ledger.redact)
        raise
    finally:
        journey = item.stash.get(JOURNEY_KEY, None)
        if journey is not None:
            failure = _finish(item, journey)
    if failure is not None:
        raise failure
    return outcome


def _finish(item: pytest.Item, journey: Journey) -> BaseException | None:
    """The journey becomes a result: kept at once (a walk cut short keeps it), then handed to the reporters."""
    from .assemble import screenshotter

    result = redacted_result(
        journey.finish(screenshotter(journey)), journey.ledger.redact
    )
    append_result(journey.reports_dir, item.config.stash[CLOCK_KEY].run_id, result)
    # Under xdist the controller sees only reports: what the live progress shows travels with them.
    progress.carry(item, result)
    item.config.hook.pytest_journeys_result(result=result)
    return budget_error(result)


# The innermost wrapper: it records after every plain sessionfinish (pytest-xdist's wait for its workers, so an
# interrupted one has recorded its journey; pytest's teardown of the fixtures a Ctrl-C left set up), before the
# terminal's summary reads what it recorded. In a `finally`: a teardown that fails after Ctrl-C (a browser
# context whose close raises) ends pytest's own sessionfinish, and must not take the finished journeys' record with it.
@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> Iterator[None]:
    try:
        return (yield)
    finally:
        _record_run(session, stopped=exitstatus == pytest.ExitCode.INTERRUPTED)


def _record_run(session: pytest.Session, *, stopped: bool = False) -> None:
    config = session.config
    project = config.stash.get(PROJECT_KEY, None)
    if project is None or hasattr(config, "workerinput"):
        return  # the controller records the run once every worker is done
    clock = config.stash[CLOCK_KEY]
    results = config.stash[RESULTS_KEY] = load_results(
        project.settings.reports_dir, clock.run_id, stopped=stopped
    )
    if not results:
        return  # no journey was walked: nothing to report, nothing written
    settings = project.settings
    target = config.stash.get(TARGET_KEY, None)
    run = clock.info(
        target=strip_userinfo(
            target.url if target else (settings.base_url or "demo shop")
        ),
        demo=settings.demo if settings.walks_demo else "",
        seed=settings.seed,
        commit=git_commit(settings.root),
        browser=browser_label(config, project.browser),
        device=walked_device(config, project.settings.device),
        shard=config.getoption("journeys_shard", None)
        or "",  # as the shards plugin wrote it back, "2/4"
    )
    from .run_mail import with_mail_counts

    run, results = with_mail_counts(settings.reports_dir, run, results)
    config.stash[RESULTS_KEY] = results
    try:
        config.hook.pytest_journeys_run_finished(run=run, results=results)
    except (
        OSError,
        JourneysError,
    ) as error:  # the journeys are kept in reports/.walk: say why the reports are not
        config.stash[RECORD_ERROR_KEY] = (
            f"journeys: the reports could not be written ({error})"
        )
    history = config.pluginmanager.get_plugin("journeys-history")
    if (
        getattr(history, "problem", "") and RECORD_ERROR_KEY not in config.stash
    ):  # the run kept aside, and how to import it
        config.stash[RECORD_ERROR_KEY] = f"journeys: {history.problem}"


def pytest_terminal_summary(
    terminalreporter: Any, exitstatus: int, config: pytest.Config
) -> None:
    project = config.stash.get(PROJECT_KEY, None)
    if project is None or hasattr(config, "workerinput"):
        return
    problem = config.stash.get(RECORD_ERROR_KEY, "")
    if problem:
        terminalreporter.write_line(problem)
    if _walk_target(config) is not None:
        return  # `journeys walk` prints its own table
    results = config.stash.get(
        RESULTS_KEY, []
    )  # pytest's terminal summary follows our sessionfinish
    if not results:
        return
    from .report.shown import score_text

    terminalreporter.write_line("")
    terminalreporter.write_line("journeys (CES 1 very hard .. 7 very easy):")
    for r in results:
        kinds = ", ".join(sorted({f.kind for f in r.frictions})) or "-"
        score = score_text(r, "4.1f").rjust(4)
        terminalreporter.write_line(
            f"  {score}  {r.outcome:<9}  {r.steps:3d} steps  {r.scenario}  [{kinds}]"
        )
    terminalreporter.write_line(
        f"effort report: {project.settings.reports_dir / 'effort' / 'index.html'}"
    )
