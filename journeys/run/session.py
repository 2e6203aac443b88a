"""A walk's pytest session: whether journeys acts at all, its project, run clock and
target, its reporters.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from journeys.project.config import has_journeys_table
from journeys.project.sections import Project, load_project
from journeys.run.fixtures import WALKS_KEY
from journeys.run.results import RunClock
from journeys.run.seeds import with_seed
from journeys.run.target import Target

from ..errors import JourneysError
from .keys import CLOCK_KEY, PROJECT_KEY, TARGET_KEY


class WalkTarget:
    """A target opened before pytest started (by `journeys walk`), handed to every xdist
    worker.
    """

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


def enabled(config: pytest.Config) -> bool:
    """Opt-in: the project configures journeys, or this run asks for it."""
    if has_journeys_table(config.rootpath) or walk_target(config) is not None:
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
        path_of(arg).suffix == ".feature" for arg in config.args
    )


def path_of(arg: str) -> Path:
    return Path(arg.split("::", 1)[0])


def configure(config: pytest.Config) -> None:
    """The project, the run's clock and seed, the target given, the browser fixtures and
    the reporters.
    """
    if not enabled(config):
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
    # Registered now, after every entry-point plugin, so these fixtures win over
    # pytest-playwright's.
    from journeys.run import fixtures as playwright_fixtures

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
    walk = walk_target(config)
    return walk.target if walk is not None else None


def walk_target(config: pytest.Config) -> WalkTarget | None:
    """The target `journeys walk` opened, handed in as a plugin object."""
    return next(
        (p for p in config.pluginmanager.get_plugins() if isinstance(p, WalkTarget)),
        None,
    )


def _register_reporters(
    config: pytest.Config, project: Project, *, recording: bool
) -> None:
    """Each reporter only when enabled; those of the whole run only on the process that
    records it.
    """
    from ..report.reporters import reporters

    alluredir = config.getoption("allure_report_dir", None)
    plugins = reporters(
        project,
        allure_results=Path(alluredir) if alluredir else None,
        recording=recording,
    )
    for name, plugin in plugins.items():
        if not config.pluginmanager.has_plugin(name):
            config.pluginmanager.register(plugin, name)


def configure_node(node: Any) -> None:
    """xdist: every worker writes its journeys under the controller's run id."""
    clock = node.config.stash.get(CLOCK_KEY, None)
    if clock is not None:
        node.workerinput["journeys_run_id"] = clock.run_id
    if PROJECT_KEY in node.config.stash:
        node.workerinput["journeys_seed"] = node.config.stash[PROJECT_KEY].settings.seed


def unconfigure(config: pytest.Config) -> None:
    """A walk's process that ends with the session keeps its objects frozen; one that
    goes on thaws them.
    """
    if not config.stash.get(WALKS_KEY, False):
        return
    if hasattr(config, "workerinput") or walk_target(config) is not None:
        # an xdist worker, or `journeys walk`, ends with the session: its last
        # collections need not walk it all
        gc.freeze()
    else:
        gc.unfreeze()
