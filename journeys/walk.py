"""What a walk does, as ordinary functions the pytest plugin and the CLI call.

Results of each scenario are appended to `reports/.walk/<run id>/<process>.jsonl`
as soon as the scenario ends, so a walk that is cut short keeps what it had,
and xdist workers never share a file. The controller then records the run
(effort.json, CSV, history, effort report) once.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from . import config as journeys_config
from .effort import EffortModel, assess, check_budgets, outcome_of
from .effort.ledger import Ledger
from .effort.result import JourneyResult, RunInfo
from .errors import FeatureError, JourneysError, TargetUnreachable
from .journey import Journey
from .shopper import Shopper, make_persona

WALK_DIR = ".walk"
SUPPORT_TOKEN_ENV = "JOURNEYS_SUPPORT_TOKEN"


def load_settings(root: Path, **overrides: Any) -> journeys_config.Settings:
    settings = journeys_config.load(root).replace(**overrides)
    validate_sections(settings)
    return settings


PERSONA_KEYS = {"locale": str, "order_number": str}


def persona_config(section: dict[str, Any]) -> dict[str, Any]:
    """`[tool.journeys.persona]`: the Faker locale and the pattern of order numbers (# is a digit, ? a letter)."""
    for key, value in section.items():
        if key not in PERSONA_KEYS:
            raise journeys_config.ConfigError(
                f"tool.journeys.persona.{key}", "is not a persona setting", f"known keys: {', '.join(PERSONA_KEYS)}"
            )
        if not isinstance(value, PERSONA_KEYS[key]):
            raise journeys_config.ConfigError(f"tool.journeys.persona.{key}", f"must be text, not {value!r}", f'write {key} = "..."')
    return section


def validate_sections(settings: journeys_config.Settings) -> None:
    """Each configuration table is checked by the module that owns it, at start."""
    persona_config(settings.section("persona"))
    EffortModel.from_config(settings.section("effort"))
    from .shopper.goals import goals_from_config

    goals_from_config(settings.section("goals"))
    with contextlib.suppress(ImportError):
        from .shopper.chat import chat_config

        if settings.section("chat"):
            chat_config(settings.section("chat"))
    with contextlib.suppress(ImportError):
        from .shopper.support import support_config

        if settings.section("support"):
            support_config(settings.section("support"))
    with contextlib.suppress(ImportError):
        from .report.history import history_config

        history_config(settings.section("history"))


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


# -- the target -------------------------------------------------------------------------


def check_reachable(url: str) -> None:
    try:
        httpx.get(url, timeout=10.0, follow_redirects=True)
    except httpx.HTTPError as error:
        reason = type(error).__name__ if not str(error) else str(error).splitlines()[0]
        raise TargetUnreachable(url, reason) from None


@contextlib.contextmanager
def target(settings: journeys_config.Settings) -> Iterator[str]:
    """The configured site (checked to answer), or the demo shop started on a free loopback port."""
    if settings.base_url:
        check_reachable(settings.base_url)
        yield settings.base_url
        return
    with demo_shop(settings.demo) as url:
        yield url


@contextlib.contextmanager
def demo_shop(mode: str) -> Iterator[str]:
    from .demo import serve

    # The demo's ticket API wants a token, as a real one would; configuration reads it from the environment.
    token = os.environ.setdefault(SUPPORT_TOKEN_ENV, secrets.token_urlsafe(16))
    with serve(mode, support_token=token) as server:
        yield server.url


# -- collecting features --------------------------------------------------------------------


def bind_scenarios(module: Any, feature_path: Path) -> None:
    """Put one test per scenario of `feature_path` into `module`, as `pytest_bdd.scenarios()` does for its caller."""
    from pytest_bdd import scenarios

    # scenarios() binds into its caller's namespace: run it as code of that module.
    code = compile("scenarios(__feature__, features_base_dir=__base__)", str(feature_path), "exec")
    namespace = module.__dict__
    namespace.update(scenarios=scenarios, __feature__=str(feature_path), __base__=str(feature_path.parent))
    exec(code, namespace)  # noqa: S102 - fixed code, only the path varies


def feature_error_message(error: BaseException, path: Path) -> str | None:
    """One or two lines for a broken feature file; None for errors that are bugs of ours."""
    from pytest_bdd import exceptions as bdd

    if isinstance(error, FeatureError):
        return str(error)
    if isinstance(error, bdd.GherkinParseError):
        line = getattr(error, "line", None)
        where = f"{_relative(path)}:{line}" if line else _relative(path)
        text = str(error).splitlines()[0]
        return f"{where}: the Gherkin is not valid ({text})\n  fix: see the Gherkin reference; every scenario needs `Scenario:` and Given/When/Then lines"
    if isinstance(error, bdd.NoScenariosFound):
        return f"{_relative(path)}: has no scenarios\n  fix: add a `Scenario:` with Given/When/Then steps"
    return None


def unknown_step_error(feature: Any, step: Any) -> FeatureError:
    from .catalogue import closest_steps

    suggestions = closest_steps(step.name)
    fix = "did you mean: " + " | ".join(f"`{s}`" for s in suggestions) if suggestions else "run `journeys steps` for the catalogue"
    return FeatureError(f"{_relative(Path(feature.filename))}:{step.line_number}", f"unknown step `{step.keyword} {step.name}`", fix)


def _relative(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    return str(path)


# -- one journey ----------------------------------------------------------------------------------


def start_journey(
    settings: journeys_config.Settings,
    *,
    target: str,
    node_id: str,
    feature: Any,
    scenario: Any,
    page_factory: Any,
) -> Journey:
    persona_config = settings.section("persona")
    persona = make_persona(
        settings.seed,
        node_id,
        locale=persona_config.get("locale", "en_GB"),
        order_number=persona_config.get("order_number", "SH-######"),
    )
    ledger = Ledger()
    model = EffortModel.from_config(settings.section("effort"))
    shopper_ref: dict[str, Shopper] = {}
    from .shopper.goals import goals_from_config

    goals = goals_from_config(settings.section("goals"))

    def web() -> Any:
        from .shopper.web import WebChannel

        return WebChannel(
            page_factory(),
            ledger=ledger,
            persona=persona,
            base_url=target,
            timeout_ms=settings.timeout_ms,
            patience=settings.patience,
            dead_click_ms=int(model.dead_click_ms),
            landing=settings.landing,
            goals=goals,
            goal_patience=int(settings.section("goals").get("patience", 6)),
        )

    abilities: dict[str, Any] = {"web": web}
    if settings.section("chat"):

        def chat() -> Any:
            from .shopper.chat import build_chat, chat_config

            return build_chat(
                chat_config(settings.section("chat")), base_url=target, ledger=ledger, persona=persona, page=lambda: shopper_ref["s"].web.page
            )

        abilities["chat"] = chat
    if settings.section("support"):

        def support() -> Any:
            from .shopper.support import build_support, support_config

            return build_support(support_config(settings.section("support")), base_url=target, ledger=ledger, persona=persona)

        abilities["support"] = support
    step_budgets: list[Any] = []

    def judge(budget: Any) -> Any:
        events = ledger.events
        check = check_budgets([budget], assess(events, model, outcome=outcome_of(events)), events)[0]
        step_budgets.append(check)  # reported with the journey, met or not
        return check

    shopper = Shopper(persona, ledger, abilities, judge=judge)
    shopper_ref["s"] = shopper
    tags = tuple(sorted({*getattr(feature, "tags", ()), *getattr(scenario, "tags", ())}))
    return Journey(
        feature=feature.name,
        scenario=scenario.name,
        node_id=node_id,
        feature_path=_relative(Path(feature.filename)),
        tags=tags,
        shopper=shopper,
        model=model,
        reports_dir=settings.reports_dir,
        screenshots_policy=settings.screenshots,
        step_budgets=step_budgets,
    )


def screenshotter(journey: Journey) -> Any:
    """A function that saves what the customer sees now, or None when no page was ever opened."""
    web = journey.shopper.used().get("web")
    if web is None:
        return None

    def take(path: Path) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            web.page.screenshot(path=str(path))
        except Exception:  # noqa: BLE001 - a closed or crashed page must not lose the journey's results
            return False
        return True

    return take


def finish_journey(run_id: str, journey: Journey) -> JourneyResult:
    result = journey.finish(screenshotter(journey))
    _decorate_allure(journey, result)
    _append_result(journey.reports_dir, run_id, result)
    return result


def _append_result(reports_dir: Path, run_id: str, result: JourneyResult) -> None:
    folder = reports_dir / WALK_DIR / run_id
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def _decorate_allure(journey: Journey, result: JourneyResult) -> None:
    from .report.allure_steps import decorate

    decorate(result, reports_dir=journey.reports_dir, exchanges=_exchanges(journey))


def _exchanges(journey: Journey) -> list[dict[str, Any]]:
    exchanges: list[dict[str, Any]] = []
    for name in ("chat", "support"):
        ability = journey.shopper.used().get(name)
        if ability is not None and hasattr(ability, "exchanges"):
            exchanges.extend(ability.exchanges())
    return exchanges


# -- the run ---------------------------------------------------------------------------------------------


def load_results(reports_dir: Path, run_id: str) -> list[JourneyResult]:
    folder = reports_dir / WALK_DIR / run_id
    results = []
    for file in sorted(folder.glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                results.append(JourneyResult.from_dict(json.loads(line)))
    return sorted(results, key=lambda r: (r.feature_path, r.node_id))


def git_commit(root: Path) -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def run_info(settings: journeys_config.Settings, run_id: str, *, target_url: str = "", browser: str = "") -> RunInfo:
    return RunInfo(
        run_id=run_id,
        started_at=_run_started_at(run_id),
        finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        target=target_url or settings.base_url or "demo shop",
        demo="" if settings.base_url else settings.demo,
        seed=settings.seed,
        commit=os.environ.get("JOURNEYS_COMMIT") or git_commit(settings.root),
        browser=browser or os.environ.get("JOURNEYS_BROWSER", "chromium"),
    )


def _run_started_at(run_id: str) -> str:
    with contextlib.suppress(ValueError):
        return datetime.strptime(run_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).isoformat(timespec="seconds")
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_run(settings: journeys_config.Settings, run_id: str, *, alluredir: str | None = None) -> RunInfo | None:
    results = load_results(settings.reports_dir, run_id)
    if not results:
        return None
    from .report import record_run as write_reports
    from .report.allure_files import write_allure_extras

    from .report.history import history_config

    history = history_config(settings.section("history"))
    run = run_info(settings, run_id, target_url=os.environ.get("JOURNEYS_TARGET_URL", ""))
    write_reports(
        settings.reports_dir,
        run,
        results,
        history_url=history.url or None,
        keep_runs=history.keep_runs,
        regression_threshold=history.regression_threshold,
    )
    if alluredir:
        write_allure_extras(Path(alluredir), run)
    return run


def summary_lines(settings: journeys_config.Settings, run_id: str) -> list[str]:
    results = load_results(settings.reports_dir, run_id)
    if not results:
        return []
    lines = ["", "journeys (CES 1 very hard .. 7 very easy):"]
    for r in results:
        kinds = ", ".join(sorted({f.kind for f in r.frictions})) or "-"
        lines.append(f"  {r.score:4.1f}  {r.outcome:<9}  {r.steps:3d} steps  {r.scenario}  [{kinds}]")
    lines.append(f"effort report: {settings.reports_dir / 'effort' / 'index.html'}")
    return lines
