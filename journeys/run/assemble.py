"""One journey put together: a persona unique to the scenario, its ledger, and a shopper
equipped for the target.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page

from journeys.effort import Budget, assess, check_budgets, outcome_of
from journeys.effort.ledger import Ledger
from journeys.effort.result import BudgetCheck
from journeys.project.features import relative
from journeys.project.sections import Project
from journeys.run.journey import Journey
from journeys.run.redaction import journey_redactor, secret_text
from journeys.run.target import Target
from journeys.shopper import Shopper, make_persona
from journeys.shopper.abilities import WebConfig, equip
from journeys.shopper.mail_adapters import WalkInbox
from journeys.shopper.phone import phone_lines


def start_journey(
    project: Project,
    target: Target,
    *,
    node_id: str,
    feature_name: str,
    feature_path: str,
    scenario_name: str,
    tags: tuple[str, ...],
    page: Callable[[], Page],
    run_id: str = "",
) -> Journey:
    """A journey ready to walk: nothing is opened until a step uses it (the page, the
    bot, the ticket desk).

    Its screenshots go under the run's own folder (reports/runs/<run_id>/screenshots)
    when `run_id` is given.
    """
    settings = project.settings
    persona = make_persona(
        settings.seed,
        node_id,
        locale=project.persona.locale,
        order_number=project.persona.order_number,
        facts=project.persona.facts,
        secret=project.persona.secret,
    )
    ledger = Ledger(
        action_budget=settings.action_budget,
        redact=journey_redactor(
            persona.secrets(), project, target.environ(os.environ), url=target.url
        ),
    )
    step_budgets: list[BudgetCheck] = []

    def judge(budget: Budget) -> BudgetCheck:
        events = ledger.events
        check = check_budgets(
            [budget], assess(events, project.effort, outcome=outcome_of(events)), events
        )[0]
        step_budgets.append(check)  # reported with the journey, met or not
        return check

    shopper = Shopper(
        persona,
        ledger,
        judge=judge,
        goals=project.goals,
        goal_patience=project.goal_patience,
    )
    equip(
        shopper,
        web=WebConfig(
            base_url=target.url,
            landing=settings.landing,
            timeout_ms=settings.timeout_ms,
            patience=settings.patience,
            dead_click_ms=int(project.effort.dead_click_ms),
            accessibility=settings.accessibility,
            hands=settings.hands,
        ),
        page=page,
        chat=project.chat,
        support=project.support,
        environ=target.environ(os.environ),
        phone=project.phone,
        phone_lines=phone_lines(settings.profiles, target.url),
        mail=project.mail,
        inbox=_walk_inbox(settings.reports_dir, run_id, target),
        root=project.root,
    )
    return Journey(
        feature=feature_name,
        scenario=scenario_name,
        node_id=node_id,
        feature_path=relative(Path(feature_path)),
        tags=tags,
        shopper=shopper,
        model=project.effort,
        reports_dir=settings.reports_dir,
        screenshots_policy=settings.screenshots,
        screenshots_dir=_screenshots_dir(settings.reports_dir, run_id),
        step_budgets=step_budgets,
    )


def _walk_inbox(reports_dir: Path, run_id: str, target: Target) -> WalkInbox | None:
    """Where `journeys walk`'s SMTP sink keeps this run's e-mail (its run folder), or
    None with no sink.
    """
    if not (run_id and target.mail_sink):
        return None
    from journeys.run.results import mail_folder

    return WalkInbox(mail_folder(reports_dir, run_id), target.mail_sink)


def _screenshots_dir(reports_dir: Path, run_id: str) -> str:
    if not run_id:
        return "screenshots"
    from journeys.run.results import run_artifacts

    return (
        (run_artifacts(reports_dir, run_id) / "screenshots")
        .relative_to(reports_dir)
        .as_posix()
    )


def screenshotter(journey: Journey) -> Callable[[Path], bool] | None:
    """A function that saves what the customer sees now, or None when no page was ever
    opened.
    """
    from journeys.run.deadline import STOPPED

    web = journey.shopper.used().get("web")
    if (
        web is None or STOPPED
    ):  # a stopped walk's journeys are no finding: no picture to wait for
        return None

    redactor = getattr(
        getattr(journey, "ledger", None), "redact", None
    )  # what the site may echo of the walk's secrets

    def take(path: Path) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        page = web.page
        try:
            page.screenshot(
                path=str(path),
                type="jpeg",
                quality=SCREENSHOT_QUALITY,
                caret="initial",
                mask=[*secret_fields(page), *secret_text(page, redactor)],
                timeout=SCREENSHOT_TIMEOUT_MS,
            )
        except Exception:  # noqa: BLE001 - a closed or crashed page must not lose the journey's results
            return False
        return True

    return take


# a page that never settles costs a missing screenshot, not a walk that never ends
SCREENSHOT_TIMEOUT_MS = 10_000
# JPEG at this quality keeps a page's text sharp to read and is taken in about a third
# of a PNG's time (30 ms against 84 ms a page here: a journey's last page is shot every
# time); "initial" leaves the caret as the customer saw it, where hiding it costs a
# style injected into every frame first.
SCREENSHOT_QUALITY = 85
# Fields that hold a card number, a security code or a password, by what a browser's
# autofill and a customer read.
SECRET_FIELD_CSS = ", ".join(
    [
        "input[type=password]",
        "input[autocomplete*=cc-number]",
        "input[autocomplete*=cc-csc]",
        *(
            f"input[{attribute}*={word} i]"
            for attribute in ("name", "id")
            for word in ("card", "cvc", "cvv", "csc", "security", "pass")
        ),
    ]
)
SECRET_LABELS = re.compile(
    r"card number|security code|cvc|cvv|csc|password", re.IGNORECASE
)


def secret_fields(page: Page) -> list[Locator]:
    """What a screenshot paints over: every field a card number, security code or
    password is typed into.
    """
    return [page.locator(SECRET_FIELD_CSS), page.get_by_label(SECRET_LABELS)]
