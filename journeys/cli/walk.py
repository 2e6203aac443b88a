"""`journeys walk`: check, open the target, walk the features through pytest, print the
summary.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.table import Table

from journeys.project.config import (
    DEMO_MODES,
    HANDS,
    MAX_SEED,
    SCREENSHOT_POLICIES,
    TRACE_POLICIES,
    url_problem,
)
from journeys.project.sections import Project

from ..errors import JourneysError
from .common import (
    DemoOption,
    ProfileOption,
    ReportsOption,
    TargetOption,
    check_choice,
    check_flag,
    err,
    fail,
    out,
    project_for,
    refuse_unwritable,
)

if TYPE_CHECKING:
    from ..shopper.mail_adapters import SmtpSink


def walk(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="feature files or folders (default: features/)"),
    ] = None,
    demo: DemoOption = None,
    target: TargetOption = None,
    profile: ProfileOption = None,
    reports: ReportsOption = None,
    seed: Annotated[
        Optional[int], typer.Option(help="run seed: personas are reproducible from it")
    ] = None,
    screenshots: Annotated[
        Optional[str], typer.Option(help="friction, every-step or off")
    ] = None,
    traces: Annotated[
        Optional[str],
        typer.Option(help="keep a journey's Playwright trace: on-failure, on or off"),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-n", help="parallel browsers (pytest-xdist); 0 = one process"
        ),
    ] = 0,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="pytest's own output instead of the live progress"
        ),
    ] = False,
    fail_on_regression: Annotated[
        bool,
        typer.Option(help="exit 1 when this walk regressed against the previous one"),
    ] = False,
    device: Annotated[
        Optional[str],
        typer.Option(
            help=(
                'walk as this Playwright device, e.g. "iPhone 13" (default from config:'
                " desktop)"
            )
        ),
    ] = None,
    browser_server: Annotated[
        Optional[str],
        typer.Option(help="walk in this Playwright browser server (ws://host:port/)"),
    ] = None,
    persona: Annotated[
        Optional[str],
        typer.Option(
            help='walk as a customer using "keyboard" alone (Tab, Enter, Space, arrows)'
            ' or a "mouse" (default from config: hands)'
        ),
    ] = None,
    shard: Annotated[
        Optional[str],
        typer.Option(
            help=(
                "walk the I-th of N parts of the journeys (I/N), e.g. one CI"
                " runner's: 2/4"
            )
        ),
    ] = None,
    run_id: Annotated[
        Optional[str],
        typer.Option(
            help="id of this walk (default: new); every shard of a night shares one"
        ),
    ] = None,
) -> None:
    """Walk the journeys in features/ as first-time customers and report the effort."""
    started = time.time()  # walk_timeout_s counts from here
    check_choice("--demo", demo, DEMO_MODES)
    check_choice("--screenshots", screenshots, SCREENSHOT_POLICIES)
    check_choice("--traces", traces, TRACE_POLICIES)
    check_choice("--persona", persona, HANDS)
    if target:
        check_flag(
            "--target", target, url_problem(target), "write it as http://host:port"
        )
    if seed is not None:
        check_flag(
            "--seed",
            seed,
            "" if 0 <= seed <= MAX_SEED else "is out of range",
            f"use a whole number from 0 to {MAX_SEED}",
        )
    _check_browser_flags(device, browser_server)
    _check_shard_flags(shard, run_id)
    project = project_for(
        profile,
        base_url=(
            target if target is not None else ("" if demo else None)
        ),  # --demo walks the demo, unless a target is named
        demo=demo,
        reports=str(reports) if reports else None,
        seed=seed,
        screenshots=screenshots,
        traces=traces,
        device=device,
        hands=persona,
        browser_server=browser_server,
    )
    settings = project.settings
    from journeys.project.checks import check_features, feature_files

    feature_paths = paths or [settings.features_dir]
    try:
        files = feature_files(feature_paths)
        problems = check_features(feature_paths, root=settings.root)
    except JourneysError as error:
        fail(error)
    outside = [
        f for f in files if not f.resolve().is_relative_to(settings.root.resolve())
    ]
    # pytest would not load the project's conftest.py for it: every step would be "not
    # found"
    if outside:
        err.print(
            f"journeys: {outside[0]}: is outside the project ({settings.root})\n  fix:"
            " move it under features/ (its steps come from the project's conftest.py)",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    if problems:
        for problem in problems:
            err.print(problem, markup=False, soft_wrap=True)
        raise typer.Exit(2)
    refuse_unwritable(project)
    from journeys.run.results import any_started, load_results, new_run_id
    from journeys.run.seeds import with_seed

    project = with_seed(
        project, run_id
    )  # a new customer every walk, unless a seed is given
    settings = project.settings
    run_id = run_id or new_run_id()
    from journeys.run.deadline import STOPPED, walk_deadline

    try:
        with walk_deadline(settings.walk_timeout_s, started) as journeys_end:
            code = _walk(project, files, run_id, workers, verbose, shard, journeys_end)
    except JourneysError as error:
        fail(error)
    except (
        KeyboardInterrupt
    ):  # Ctrl-C or walk_timeout_s before pytest began: nothing walked
        why = f" ({STOPPED[0]})" if STOPPED else ""
        err.print(f"journeys: the walk was stopped before any journey started{why}")
        raise typer.Exit(2) from None
    results = load_results(settings.reports_dir, run_id, stopped=code == 2)
    started_any = any_started(results)
    if code == 2 and not started_any and STOPPED:
        # Ctrl-C, SIGTERM or the walk's deadline before any journey began
        err.print(
            f"journeys: the walk was stopped before any journey started ({STOPPED[0]})"
        )
        raise typer.Exit(2)
    if code in (2, 3, 4) and not started_any:
        # pytest stopped before any journey began (a target or browser that failed)
        err.print("journeys: the walk could not start (see the messages above)")
        raise typer.Exit(2)
    _print_summary(settings, results, shard=shard, since=started)
    _say_if_server_gone(project, results)
    if (
        shard and not results and code == 5
    ):  # more shards than journeys: this runner has nothing to walk
        out.print(f"shard {shard}: no journey falls to this shard", markup=False)
        raise typer.Exit(0)
    failed = code != 0 or any(
        not r.passed or str(r.outcome) != "completed" for r in results
    )
    if (
        fail_on_regression and not shard and _regressed(project)
    ):  # a shard is part of a run: compare after the merge
        failed = True
    raise typer.Exit(1 if failed else 0)


def _walk(
    project: Project,
    files: list[Path],
    run_id: str,
    workers: int,
    verbose: bool,
    shard: str | None,
    journeys_end: float,
) -> int:
    """Open the target and the mail sink, and walk the journeys in pytest; its exit
    code.
    """
    from journeys.run.target import REACHABLE_DEADLINE_S, open_target

    settings = project.settings
    reach_s = round(min(REACHABLE_DEADLINE_S, max(journeys_end - time.time(), 0.5)), 1)
    if project.browser.remote:
        from journeys.run.browser import check_server_reachable

        check_server_reachable(project.browser.connect)
    with (
        _mail_sink(project, run_id) as sink,
        open_target(
            settings, smtp=sink.address if sink else "", reach_deadline_s=reach_s
        ) as opened,
    ):
        part = f"shard {shard} of " if shard else ""
        out.print(
            f"walking {part}{len(files)} feature file(s) against"
            f" {opened.label}{_browsing(project)}",
            markup=False,
        )
        out.print(
            f"seed {settings.seed} (replay this walk's customers with --seed"
            f" {settings.seed})",
            markup=False,
        )
        if sink is not None:
            out.print(
                f"mail: SMTP sink at {sink.address}, messages in {sink.folder} until"
                " the run is recorded",
                markup=False,
                soft_wrap=True,
            )
        return _run_pytest(
            project,
            files,
            opened,
            run_id,
            workers,
            verbose=verbose,
            shard=shard,
            journeys_end=journeys_end,
        )


@contextlib.contextmanager
def _mail_sink(project: Project, run_id: str) -> Iterator[SmtpSink | None]:
    """The walk's SMTP sink (the smtp mail adapter): one for every worker, writing into
    the run's folder; else a check of the folder.
    """
    from ..shopper.mail_adapters import (
        SmtpSink,
        check_folder,
        read_folder,
        sweep_raw_mail,
    )

    mail = project.mail
    if mail is None or mail.adapter == "http":
        yield None
        return
    if mail.adapter == "folder":
        read_folder(
            check_folder(project.settings.path(mail.folder))
        )  # a message that is not an e-mail stops the walk here
        yield None
        return
    from journeys.run.results import mail_folder

    folder = mail_folder(project.settings.reports_dir, run_id)
    sweep_raw_mail(folder.parent.parent)  # walks killed outright left theirs
    # Every journey (on every worker) reads this run's folder and replies through the
    # sink's address, which the opened target carries (Target.mail_sink): the mail
    # ability is equipped from it, as any other.
    with SmtpSink(folder, host=mail.host, port=mail.port) as sink:
        try:
            yield sink
        # a crash, Ctrl-C or a failed record too: the raw mail never outlives its walk
        finally:
            _forget_raw_mail(sink.folder)


def _forget_raw_mail(folder: Path) -> None:
    """The sink's raw e-mails go when the walk ends, however it ends (its effort.json
    has counted them by then).

    A company's e-mail can carry what the customer must never find in a report (a
    password sent back in clear, a one-time code); what the customer read is in each
    journey's transcript, redacted. A walk killed outright leaves its folder behind: the
    next walk's sink removes it (journeys.shopper.mail_adapters.sweep_raw_mail).
    """
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _run_pytest(
    project: Project,
    files: list[Path],
    target,
    run_id: str,
    workers: int,
    *,
    verbose: bool,
    shard: str | None = None,
    journeys_end: float = 0,
) -> int:  # noqa: ANN001
    import pytest

    from journeys.run.results import run_artifacts

    from ..run.session import WalkTarget

    settings = project.settings
    reports = settings.reports_dir
    own = run_artifacts(
        reports, run_id
    )  # this walk's own folder: a walk beside it deletes nothing of it
    args = [
        *[str(f) for f in files],
        "--rootdir",
        str(settings.root),
        "-o",
        "testpaths=",
        "--journeys-run-id",
        run_id,
        "--journeys-reports",
        str(reports),
        "--journeys-seed",
        str(settings.seed),
        "--journeys-screenshots",
        settings.screenshots,
        "--alluredir",
        str(own / "allure-results"),
        # journeys records the trace itself (playwright_fixtures.context): DOM snapshots
        # without the screencast, written out only for a journey it keeps.
        # pytest-playwright's would film every journey and zip each one.
        "--tracing",
        "off",
        "--journeys-traces",
        settings.traces,
        "--output",
        str(own / "traces"),
        "--no-header",
        "--tb=no",
        "-p",
        "no:warnings",
        # Test-suite plugins a walk never uses, which cost imports before the first page
        # (hypothesis, anyio, a PostgreSQL starter, pytest-timeout: journeys bounds
        # journeys itself), Faker's session fixture (journeys seeds a Faker per
        # scenario), and a .pytest_cache written into the team's project.
        "-p",
        "no:hypothesispytest",
        "-p",
        "no:anyio",
        "-p",
        "no:pytest_postgresql",
        "-p",
        "no:timeout",
        "-p",
        "no:faker",
        "-p",
        "no:cacheprovider",
        "-p",
        "journeys.run.traces",
        "-p",
        # kept traces redacted; every journey ends (workers too)
        "journeys.run.deadline",
    ]
    from journeys.run.progress import QUIET_PYTEST_ARGS

    args += (
        ["-v"] if verbose else list(QUIET_PYTEST_ARGS)
    )  # the live progress replaces pytest's dots and FAILED lines
    if settings.profile:
        args += ["--journeys-profile", settings.profile]
    if settings.device:
        args += ["--journeys-device", settings.device]
    if settings.hands != "mouse":
        args += ["--journeys-hands", settings.hands]
    if project.browser.remote:
        args += ["--journeys-browser-server", project.browser.connect]
    if target.demo:
        args += ["--journeys-demo", target.demo]
    else:
        args += ["--journeys-target", target.url]
    if journeys_end:  # every process stops its journeys then (journeys.run.deadline)
        args += ["--journeys-walk-deadline", repr(journeys_end)]
    if workers:
        args += ["-n", str(workers)]
    else:  # one process: xdist's import and its hooks are for nothing
        args += ["-p", "no:xdist", "-p", "no:xdist.looponfail"]
    if shard:
        args += ["--journeys-shard", shard]
    plugins: list[object] = [WalkTarget(target)]
    progress = _progress_plugin(verbose)
    if progress is not None:
        plugins.append(progress)
    try:
        code = int(pytest.main(args, plugins=plugins))
    except Exception as error:  # noqa: BLE001 - e.g. the browser gone while pytest tears down after Ctrl-C
        # Every finished journey is already recorded; what failed is the clean-up, which
        # the user cannot act on.
        err.print(
            "journeys: the walk ended while its browser was closing"
            f" ({type(error).__name__}); finished journeys are kept",
            markup=False,
        )
        code = int(pytest.ExitCode.INTERRUPTED)
    from journeys.run.results import point_latest

    try:
        point_latest(
            reports, run_id
        )  # `journeys report` builds the walk that finished last, unless told another
    # a folder without links (some network shares): the run's results are still in place
    except OSError as error:
        err.print(
            f"journeys: {reports / 'allure-results'} could not lead to this walk"
            f" ({error.strerror})\n  fix: build it with `journeys report --run"
            f" {run_id}`",
            markup=False,
            soft_wrap=True,
        )
    return code


def _check_shard_flags(shard: str | None, run_id: str | None) -> None:
    from journeys.run.shards import parse_shard, run_id_problem

    if shard is not None:
        try:
            parse_shard(shard)
        except JourneysError as error:
            fail(error)
    if run_id is not None:
        check_flag(
            "--run-id",
            run_id,
            run_id_problem(run_id),
            "use letters, digits, '.', '_' and '-', e.g. --run-id nightly-2026-12-01",
        )


def _check_browser_flags(device: str | None, browser_server: str | None) -> None:
    if browser_server is not None:
        from journeys.run.browser import server_url_problem

        check_flag(
            "--browser-server",
            browser_server,
            server_url_problem(browser_server),
            "write it as ws://host:port/",
        )
    if device:
        from journeys.run.browser import device_problem

        problem, fix = device_problem(device)
        check_flag("--device", device, problem, fix)


def _browsing(project: Project) -> str:
    """The banner's tail: as which device, in which browser server (nothing for a
    desktop browser here).
    """
    settings = project.settings
    device = f" as {settings.device}" if settings.device else ""
    if settings.hands == "keyboard":
        device += " with the keyboard alone"
    server = (
        f" in the browser server at {project.browser.connect}"
        if project.browser.remote
        else ""
    )
    return device + server


def _progress_plugin(verbose: bool) -> object | None:
    """A live line per journey on a terminal, one line per journey in CI logs; with -v,
    pytest's own output.
    """
    if verbose:
        return None
    from journeys.run.progress import LiveProgress

    return LiveProgress(out, live=out.is_terminal)


def _print_summary(  # noqa: ANN001
    settings, results, *, shard: str | None = None, since: float = 0
) -> None:
    if not results:
        return
    walked_as = f" as {settings.device}" if settings.device else ""
    broken = [r for r in results if str(r.outcome) == "broken"]
    if (
        not out.is_terminal
    ):  # a CI log: one journey a line, never a table wrapping each name over several
        from journeys.run.progress import summary_lines

        out.print(
            f"journeys{walked_as} (CES-style score: 1 very hard … 7 very easy)",
            markup=False,
        )
        for line in summary_lines(
            results, width=out.width, root=(settings.features_dir, settings.root)
        ):
            out.print(line, markup=False, soft_wrap=True)
    else:
        _print_table(results, walked_as)
    _print_summary_tail(settings, broken, shard=shard, since=since)


def _print_table(results, walked_as: str) -> None:  # noqa: ANN001
    from ..report.shown import score_text
    from ..report.time_trends import time_text

    table = Table(
        title=f"journeys{walked_as} (CES-style score: 1 very hard … 7 very easy)",
        title_justify="left",
    )
    for column in (
        "journey",
        "outcome",
        "steps",
        "frictions",
        "score",
        "time",
        "budgets",
    ):
        table.add_column(
            column, justify="right" if column in ("steps", "score") else "left"
        )
    from journeys.run.progress import summary_order

    for r in sorted(results, key=summary_order):
        kinds: dict[str, int] = {}
        for f in r.frictions:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        frictions = (
            ", ".join(f"{k} x{n}" if n > 1 else k for k, n in kinds.items()) or "-"
        )
        outcome = str(r.outcome)
        budgets = {"abandoned": "gave up"}.get(outcome, outcome if not r.walked else "")
        budgets = budgets or ("met" if r.budgets_met else "FAILED")
        score = score_text(r)  # a journey we could not walk has no score
        journey = r.scenario + (
            f"\nmenu: {r.menu_path}" if getattr(r, "menu_path", "") else ""
        )  # a call's choices
        table.add_row(
            journey, outcome, str(r.steps), frictions, score, time_text(r), budgets
        )
    out.print(table)


def _print_summary_tail(settings, broken, *, shard: str | None, since: float) -> None:  # noqa: ANN001
    for r in broken:
        out.print(f"broken: {r.scenario}: {r.error}", markup=False, soft_wrap=True)
    reports = settings.reports_dir
    # Only what this walk wrote (a report that failed, or an older walk's, is never
    # shown as this one's).
    data, page = reports / "effort.json", reports / "effort" / "index.html"
    data_written, page_written = _written(data, since), _written(page, since)
    # the history and the effort page are the whole run's: `journeys merge` makes them
    if shard:
        if data_written:
            out.print(
                f"shard {shard}: {data}; combine the shards with `journeys merge"
                " DIR...`",
                markup=False,
            )
        return
    if page_written:
        out.print(f"effort report: {page}  (data: {data})", markup=False)
    elif data_written:
        out.print(
            f"effort data: {data}  (the effort page was not written)", markup=False
        )
    else:
        err.print("journeys: no effort report was written for this walk (see above)")
    if _written(reports / "allure-results", since):
        out.print(
            f"allure results: {reports / 'allure-results'}  (build the HTML with"
            " `journeys report`)",
            markup=False,
        )


def _written(path: Path, since: float) -> bool:
    """Whether `path` was written since `since` (time.time()): by this walk."""
    try:
        return path.stat().st_mtime >= since
    except OSError:
        return False


def _say_if_server_gone(project: Project, results) -> None:  # noqa: ANN001
    from journeys.run.browser import BrowserServerGone

    gone = [
        r
        for r in results
        if str(r.outcome) == "broken" and r.error.startswith(BrowserServerGone.__name__)
    ]
    if gone:
        err.print(
            f"journeys: the browser server {project.browser.connect} went away during"
            f" the walk: {len(gone)} journey(s) after it are broken, the"
            f" {len(results) - len(gone)} walked before it are kept",
            markup=False,
            soft_wrap=True,
        )


def _regressed(project: Project) -> bool:
    from ..report.compare import compare_runs

    history = project.history
    try:
        comparison = compare_runs(
            history.resolved_url(project.settings.reports_dir),
            threshold=history.regression_threshold,
            lost_time_threshold_s=project.effort.time.lost_time_threshold_s,
        )
    except JourneysError as error:
        out.print(f"compare: {error}", markup=False)
        return False
    out.print(comparison.render_text(), markup=False)
    return bool(comparison.regressions)
