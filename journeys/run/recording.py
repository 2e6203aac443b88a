"""The run recorded once, by the process that records it: results read back, reporters
told, the console's table.
"""

from __future__ import annotations

from typing import Any

import pytest

from journeys.run.fixtures import browser_label, walked_device
from journeys.run.redaction import strip_userinfo
from journeys.run.results import any_started, git_commit, load_results

from ..errors import JourneysError
from .keys import CLOCK_KEY, PROJECT_KEY, RECORD_ERROR_KEY, RESULTS_KEY, TARGET_KEY
from .session import walk_target


def record_run(session: pytest.Session, *, stopped: bool = False) -> None:
    config = session.config
    project = config.stash.get(PROJECT_KEY, None)
    if project is None or hasattr(config, "workerinput"):
        return  # the controller records the run once every worker is done
    clock = config.stash[CLOCK_KEY]
    results = config.stash[RESULTS_KEY] = load_results(
        project.settings.reports_dir, clock.run_id, stopped=stopped
    )
    if not any_started(results):
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
    from journeys.run.mail_kept import with_mail_counts

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


def terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """A plain pytest run's table of journeys (`journeys walk` prints its own)."""
    project = config.stash.get(PROJECT_KEY, None)
    if project is None or hasattr(config, "workerinput"):
        return
    problem = config.stash.get(RECORD_ERROR_KEY, "")
    if problem:
        terminalreporter.write_line(problem)
    if walk_target(config) is not None:
        return  # `journeys walk` prints its own table
    results = config.stash.get(
        RESULTS_KEY, []
    )  # pytest's terminal summary follows our sessionfinish
    if not results:
        return
    from ..report.shown import score_text

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
