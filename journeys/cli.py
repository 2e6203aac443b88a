"""`journeys init | walk | report | compare | steps | check | demo`.

Exit codes: 0 every journey met its budgets; 1 a journey failed a budget, was
abandoned or broke (or a regression, with --fail-on-regression); 2 a usage or
configuration error, an unreachable target, or a feature that cannot be walked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .config import DEMO_MODES, MAX_SEED, SCREENSHOT_POLICIES, url_problem
from .errors import JourneysError
from .project import Project, load_project

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Walk customer journeys and measure their effort.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DemoOption = Annotated[Optional[str], typer.Option("--demo", help="demo shop mode: smooth or potholed (default from config: potholed)")]
TargetOption = Annotated[Optional[str], typer.Option("--target", help="walk this site instead of the demo shop")]
ReportsOption = Annotated[Optional[Path], typer.Option("--reports", help="reports folder (default: reports/)")]
ProfileOption = Annotated[
    Optional[str], typer.Option("--profile", help="walk a named target: [tool.journeys.profiles.NAME] (or JOURNEYS_PROFILE)")
]


def _fail(error: JourneysError) -> None:
    err.print(f"journeys: {error}", markup=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """A wrong flag value is named as the flag the person typed, not as the config key it overrides."""
    if value is not None and value not in allowed:
        err.print(f"journeys: {option} {value!r} is not allowed\n  fix: use one of: {', '.join(allowed)}", markup=False)
        raise typer.Exit(2)


def _check_flag(option: str, value: object, problem: str, fix: str) -> None:
    """A flag whose value cannot be used: one line naming the flag as typed, and the fix; exit 2."""
    if problem:
        err.print(f"journeys: {option} {value!r} {problem}\n  fix: {fix}", markup=False, soft_wrap=True)
        raise typer.Exit(2)


def _project(profile: str | None = None, **overrides: object) -> Project:
    try:
        return load_project(Path.cwd(), profile=profile, **overrides)
    except JourneysError as error:
        _fail(error)
        raise  # unreachable: _fail exits


@app.command()
def init() -> None:
    """Make this folder a journeys project: configuration, an example journey, a team step, and its wiring."""
    from .scaffold import init_message

    try:
        out.print(init_message(Path.cwd()), markup=False, soft_wrap=True)
    except JourneysError as error:
        _fail(error)


@app.command()
def walk(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="feature files or folders (default: features/)")] = None,
    demo: DemoOption = None,
    target: TargetOption = None,
    profile: ProfileOption = None,
    reports: ReportsOption = None,
    seed: Annotated[Optional[int], typer.Option(help="run seed: personas are reproducible from it")] = None,
    screenshots: Annotated[Optional[str], typer.Option(help="friction, every-step or off")] = None,
    workers: Annotated[int, typer.Option("--workers", "-n", help="parallel browsers (pytest-xdist); 0 = one process")] = 0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="pytest's own output instead of the live progress")] = False,
    fail_on_regression: Annotated[bool, typer.Option(help="exit 1 when this walk regressed against the previous one")] = False,
) -> None:
    """Walk the journeys in features/ as first-time customers and report the effort."""
    _check_choice("--demo", demo, DEMO_MODES)
    _check_choice("--screenshots", screenshots, SCREENSHOT_POLICIES)
    if target:
        _check_flag("--target", target, url_problem(target), "write it as http://host:port")
    if seed is not None:
        _check_flag("--seed", seed, "" if 0 <= seed <= MAX_SEED else "is out of range", f"use a whole number from 0 to {MAX_SEED}")
    project = _project(
        profile,
        base_url=target if target is not None else ("" if demo else None),  # --demo walks the demo, unless a target is named
        demo=demo,
        reports=str(reports) if reports else None,
        seed=seed,
        screenshots=screenshots,
    )
    settings = project.settings
    from .checks import check_features, feature_files

    feature_paths = paths or [settings.features_dir]
    try:
        files = feature_files(feature_paths)
        problems = check_features(feature_paths, root=settings.root)
    except JourneysError as error:
        _fail(error)
    outside = [f for f in files if not f.resolve().is_relative_to(settings.root.resolve())]
    if outside:  # pytest would not load the project's conftest.py for it: every step would be "not found"
        err.print(
            f"journeys: {outside[0]}: is outside the project ({settings.root})\n"
            "  fix: move it under features/ (its steps come from the project's conftest.py)",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    if problems:
        for problem in problems:
            err.print(problem, markup=False, soft_wrap=True)
        raise typer.Exit(2)
    _refuse_unwritable(project)
    from .results import load_results, new_run_id
    from .target import open_target

    run_id = new_run_id()
    try:
        with open_target(settings) as opened:
            out.print(f"walking {len(files)} feature file(s) against {opened.label}", markup=False)
            code = _run_pytest(project, files, opened, run_id, workers, verbose=verbose)
    except JourneysError as error:
        _fail(error)
    results = load_results(settings.reports_dir, run_id)
    _print_summary(settings, results)
    if code in (2, 3, 4) and not results:
        err.print("journeys: the walk could not start (see the messages above)")
        raise typer.Exit(2)
    failed = code != 0 or any(not r.passed or str(r.outcome) != "completed" for r in results)
    if fail_on_regression and _regressed(project):
        failed = True
    raise typer.Exit(1 if failed else 0)


def _run_pytest(project: Project, files: list[Path], target, run_id: str, workers: int, *, verbose: bool) -> int:  # noqa: ANN001
    import pytest

    from .pytest_plugin import WalkTarget

    from .results import run_artifacts

    settings = project.settings
    reports = settings.reports_dir
    own = run_artifacts(reports, run_id)  # this walk's own folder: a walk beside it deletes nothing of it
    args = [
        *[str(f) for f in files],
        "--rootdir", str(settings.root),
        "-o", "testpaths=",
        "--journeys-run-id", run_id,
        "--journeys-reports", str(reports),
        "--journeys-seed", str(settings.seed),
        "--journeys-screenshots", settings.screenshots,
        "--alluredir", str(own / "allure-results"),
        "--tracing", "retain-on-failure",
        "--output", str(own / "traces"),
        "--no-header", "--tb=no", "-p", "no:warnings",
        "-p", "journeys.traces", "-p", "journeys.deadline",  # kept traces redacted; every journey ends (workers too)
    ]
    from .progress import QUIET_PYTEST_ARGS

    args += ["-v"] if verbose else list(QUIET_PYTEST_ARGS)  # the live progress replaces pytest's dots and FAILED lines
    if settings.profile:
        args += ["--journeys-profile", settings.profile]
    if target.demo:
        args += ["--journeys-demo", target.demo]
    else:
        args += ["--journeys-target", target.url]
    if workers:
        args += ["-n", str(workers)]
    plugins: list[object] = [WalkTarget(target)]
    progress = _progress_plugin(verbose)
    if progress is not None:
        plugins.append(progress)
    try:
        code = int(pytest.main(args, plugins=plugins))
    except Exception as error:  # noqa: BLE001 - e.g. the browser gone while pytest tears down after Ctrl-C
        # Every finished journey is already recorded; what failed is the clean-up, which the user cannot act on.
        err.print(f"journeys: the walk ended while its browser was closing ({type(error).__name__}); finished journeys are kept", markup=False)
        code = int(pytest.ExitCode.INTERRUPTED)
    from .results import point_latest

    try:
        point_latest(reports, run_id)  # `journeys report` builds the walk that finished last, unless told another
    except OSError as error:  # a folder without links (some network shares): the run's results are still in place
        err.print(f"journeys: {reports / 'allure-results'} could not lead to this walk ({error.strerror})\n"
                  f"  fix: build it with `journeys report --run {run_id}`", markup=False, soft_wrap=True)
    return code


def _progress_plugin(verbose: bool) -> object | None:
    """A live line per journey on a terminal, one line per journey in CI logs; with -v, pytest's own output."""
    if verbose:
        return None
    from .progress import LiveProgress

    return LiveProgress(out, live=out.is_terminal)


def _print_summary(settings, results) -> None:  # noqa: ANN001
    if not results:
        return
    from .report.shown import score_text

    table = Table(title="journeys (CES-style score: 1 very hard … 7 very easy)", title_justify="left")
    for column in ("journey", "outcome", "steps", "frictions", "score", "budgets"):
        table.add_column(column, justify="right" if column in ("steps", "score") else "left")
    broken = [r for r in results if str(r.outcome) == "broken"]
    for r in sorted(results, key=lambda r: (str(r.outcome) == "broken", r.score)):
        kinds: dict[str, int] = {}
        for f in r.frictions:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        frictions = ", ".join(f"{k} x{n}" if n > 1 else k for k, n in kinds.items()) or "-"
        outcome = str(r.outcome)
        budgets = {"broken": "broken", "abandoned": "gave up"}.get(outcome) or ("met" if r.budgets_met else "FAILED")
        score = score_text(r)  # a journey we could not walk has no score
        table.add_row(r.scenario, outcome, str(r.steps), frictions, score, budgets)
    out.print(table)
    for r in broken:
        out.print(f"broken: {r.scenario}: {r.error}", markup=False, soft_wrap=True)
    reports = settings.reports_dir
    out.print(f"effort report: {reports / 'effort' / 'index.html'}  (data: {reports / 'effort.json'})", markup=False)
    out.print(f"allure results: {reports / 'allure-results'}  (build the HTML with `journeys report`)", markup=False)


def _regressed(project: Project) -> bool:
    from .report.compare import compare_runs

    history = project.history
    try:
        comparison = compare_runs(history.resolved_url(project.settings.reports_dir), threshold=history.regression_threshold)
    except JourneysError as error:
        out.print(f"compare: {error}", markup=False)
        return False
    out.print(comparison.render_text(), markup=False)
    return bool(comparison.regressions)


@app.command()
def report(
    reports: ReportsOption = None,
    single_file: Annotated[bool, typer.Option(help="one HTML file to e-mail (opens from disk)")] = False,
    run: Annotated[Optional[str], typer.Option("--run", help="the walk to report (run id or prefix; default: the last one)")] = None,
) -> None:
    """Build the Allure HTML report and the executives' effort report from the last walk."""
    project = _project(reports=str(reports) if reports else None)
    settings, history = project.settings, project.history
    from .report import build_allure_html, build_effort_report
    from .results import find_run_folder, point_latest

    try:
        if run is not None:
            point_latest(settings.reports_dir, find_run_folder(settings.reports_dir, run))
        effort = build_effort_report(
            settings.reports_dir,
            history_url=history.resolved_url(settings.reports_dir),
            regression_threshold=history.regression_threshold,
        )
        out.print(f"effort report: {effort}  (one self-contained file: open it in a browser)", markup=False)
        folder = build_allure_html(settings.reports_dir, single_file=single_file, project_root=settings.root)
    except JourneysError as error:
        _fail(error)
    if single_file:
        out.print(f"allure report: {folder}  (one file: open it from disk or e-mail it)", markup=False)
    else:
        out.print(f"allure report: {folder}  (serve it: python -m http.server -d {folder} 8080)", markup=False)


@app.command()
def compare(
    older: Annotated[Optional[str], typer.Argument(help="run id (or prefix); default: the one before the newest")] = None,
    newer: Annotated[Optional[str], typer.Argument(help="run id (or prefix); default: the newest")] = None,
    reports: ReportsOption = None,
    fail_on_regression: Annotated[bool, typer.Option(help="exit 1 when a journey regressed")] = False,
    threshold: Annotated[Optional[float], typer.Option(help="score drop that counts as a regression")] = None,
    list_runs: Annotated[bool, typer.Option("--list", help="list the runs in the history, newest first")] = False,
) -> None:
    """Compare two walks: score changes, new and vanished frictions per journey."""
    if threshold is not None:
        allowed = 0 <= threshold < 6  # as [tool.journeys.history] regression_threshold
        _check_flag("--threshold", threshold, "" if allowed else "is not a score drop", "use a number from 0 to 6, e.g. --threshold 0.5")
    project = _project(reports=str(reports) if reports else None)
    settings, history = project.settings, project.history
    from .report.compare import compare_runs

    if list_runs:
        _list_runs(history.resolved_url(settings.reports_dir))
        return
    try:
        comparison = compare_runs(
            history.resolved_url(settings.reports_dir),
            older,
            newer,
            threshold=threshold if threshold is not None else history.regression_threshold,
        )
    except JourneysError as error:
        _fail(error)
    out.print(comparison.render_text(), markup=False)
    raise typer.Exit(1 if fail_on_regression and comparison.regressions else 0)


def _list_runs(url: str) -> None:
    from .report.history import open_history

    try:
        with open_history(url) as history:
            runs = history.list_runs()
    except JourneysError as error:
        _fail(error)
    for run in runs:
        out.print(f"{run.run_id}  {run.started_at}  {run.target}", markup=False, soft_wrap=True)
    if not runs:
        out.print(f"no runs in {url} yet (walk first: `journeys walk`)", markup=False)


@app.command()
def steps(markdown: Annotated[bool, typer.Option(help="print the catalogue as Markdown (docs/steps.md)")] = False) -> None:
    """List the step catalogue: every step features may use, by channel, with its meaning and an example."""
    from .catalogue import as_markdown, channel_title, load

    catalogue = load(Path.cwd())
    if markdown:
        out.print(as_markdown(catalogue), markup=False, soft_wrap=True)
        return
    channel = None
    for step in catalogue:
        if step.channel != channel:
            channel = step.channel
            out.print(f"\n[bold]{channel_title(channel)}[/bold]")
        out.print(f"  {step.keyword} {step.form}", markup=False, soft_wrap=True)
        out.print(f"      {step.meaning}", style="dim", markup=False, soft_wrap=True)
        out.print(f"      e.g. {step.example}", style="dim", markup=False, soft_wrap=True)


def _walk_needs(project: Project) -> list[str]:
    from .checks import check_walk_needs

    reports = project.settings.reports_dir
    return [f"journeys: {problem}" for problem in check_walk_needs(reports, project.history.resolved_url(reports))]


def _refuse_unwritable(project: Project) -> None:
    """Where the walk writes is checked before it starts: a history that cannot be written would lose the whole walk."""
    problems = _walk_needs(project)
    for problem in problems:
        err.print(problem, markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)


@app.command()
def check(paths: Annotated[Optional[list[Path]], typer.Argument(help="feature files or folders (default: features/)")] = None) -> None:
    """Check features and configuration without opening a browser."""
    project = _project()
    settings = project.settings
    from .checks import check_features

    try:
        problems = check_features(paths or [settings.features_dir], root=settings.root)
    except JourneysError as error:
        _fail(error)
    problems += _walk_needs(project)
    for problem in problems:
        err.print(problem, markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)
    out.print("features and configuration are fine")


@app.command()
def demo(
    mode: Annotated[str, typer.Option(help="smooth or potholed")] = "potholed",
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0: any free port)")] = 8000,
) -> None:
    """Serve the bundled demo shop alone, to look at it in a browser."""
    _check_choice("--mode", mode, DEMO_MODES)
    _check_flag("--port", port, "" if 0 <= port <= 65535 else "is not a port", "use a number from 1 to 65535 (0: any free port)")
    from .demo import serve_forever

    serve_forever(mode, host="127.0.0.1", port=port)  # it takes the ticket API's token from the environment, or makes one


def main() -> None:
    try:
        app()
    except JourneysError as error:  # a user's mistake found deep inside: still one clear message
        err.print(f"journeys: {error}", markup=False, soft_wrap=True)
        sys.exit(error.exit_code)


if __name__ == "__main__":
    main()
