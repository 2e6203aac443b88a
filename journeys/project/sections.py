"""A project's configuration, parsed once into typed, frozen sections.

`journeys check`, the CLI and the pytest plugin all call `load_project`, so a
wrong value is found before any browser opens, and every ability receives its
own typed section, never the raw tables. Each section is parsed by the module
that uses it: the effort model, the persona, goal seeking, the chat,
support and mail abilities, the history store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from journeys.effort import EffortModel
from journeys.project.config import ConfigError, Settings
from journeys.project.config import load as load_settings
from journeys.report.history_settings import HistoryConfig, history_config
from journeys.report.notify_config import NotifyConfig, notify_config
from journeys.report.surveys_config import SurveysConfig, surveys_config
from journeys.run.browser import BrowserConfig, browser_config, device_problem
from journeys.shopper.chat import ChatConfig, chat_config
from journeys.shopper.goals import Goal, goals_from_config
from journeys.shopper.mail_adapters import MailConfig, mail_config
from journeys.shopper.persona import PersonaConfig, persona_config
from journeys.shopper.phone import PhoneConfig, phone_config
from journeys.shopper.support import SupportConfig, support_config

DEFAULT_GOAL_PATIENCE = 6


@dataclass(frozen=True)
class Project:
    """Everything configured for one walk: the scalar settings and one typed section per
    table.
    """

    settings: Settings
    effort: EffortModel
    persona: PersonaConfig
    goals: dict[str, Goal]
    goal_patience: int
    chat: ChatConfig | None
    support: SupportConfig | None
    history: HistoryConfig
    browser: BrowserConfig = BrowserConfig()
    mail: MailConfig | None = None
    surveys: SurveysConfig = SurveysConfig()
    notify: NotifyConfig = NotifyConfig()
    phone: PhoneConfig | None = None

    @property
    def root(self) -> Path:
        return self.settings.root


def load_project(
    root: Path,
    *,
    profile: str | None = None,
    environ: dict[str, str] | None = None,
    **overrides: object,
) -> Project:
    """Load and check the whole configuration of the project at `root`, CLI overrides
    (None: not given) applied.
    """
    browser_server = overrides.pop(
        "browser_server", None
    )  # --browser-server: the browser table's `connect`, for this walk
    settings = load_settings(root, environ, profile=profile).replace(**overrides)
    project = project_from(settings)
    if browser_server:
        project = dataclasses.replace(
            project, browser=BrowserConfig(connect=str(browser_server))
        )
    return project


def project_from(settings: Settings) -> Project:
    _check_every_target(settings)
    chat = settings.section("chat")
    support = settings.section("support")
    mail = settings.section("mail")
    goals = settings.section("goals")
    return Project(
        settings=settings,
        effort=EffortModel.from_config(settings.section("effort")),
        persona=persona_config(settings.section("persona")),
        goals=goals_from_config(goals),
        goal_patience=_patience(goals.get("patience", DEFAULT_GOAL_PATIENCE)),
        chat=chat_config(chat) if chat else None,
        support=support_config(support) if support else None,
        history=history_config(settings.section("history")),
        browser=browser_config(
            settings.section("browser"), key=_key(settings, "browser")
        ),
        mail=mail_config(mail) if mail else None,
        phone=(
            phone_config(settings.section("phone"))
            if settings.section("phone")
            else None
        ),
        surveys=surveys_config(settings.section("surveys")),
        notify=notify_config(settings.section("notify")),
    )


def _check_every_target(settings: Settings) -> None:
    """Every target's tables are parsed, not only the walked one's: `journeys check`
    finds a mistake in any of them.
    """
    tables = [settings.sections, *settings.profiles.values()]
    _check_devices(settings)
    for name, body in settings.profiles.items():
        if isinstance(body.get("browser"), dict):
            browser_config(
                body["browser"], key=f"tool.journeys.profiles.{name}.browser"
            )
    for table in tables:
        if table.get("chat"):
            chat_config(table["chat"])
        if table.get("support"):
            support_config(table["support"])
        if table.get("mail"):
            mail_config(table["mail"])
        if table.get("phone"):
            phone_config(table["phone"])


def _key(settings: Settings, name: str) -> str:
    """Where the walked target's `name` was written: its profile's table when it has
    one, else the top-level one.
    """
    if name in settings.profiles.get(settings.profile, {}):
        return f"tool.journeys.profiles.{settings.profile}.{name}"
    return f"tool.journeys.{name}"


def _check_devices(settings: Settings) -> None:
    """The walked device and every profile's: a misspelt phone is found by `journeys
    check`, not at night.
    """
    written = [
        (f"tool.journeys.profiles.{name}.device", body.get("device"))
        for name, body in settings.profiles.items()
    ]
    for key, device in [(_key(settings, "device"), settings.device), *written]:
        if device is None or device == "":
            continue
        if not isinstance(device, str):
            raise ConfigError(
                key, f"must be text, not {device!r}", 'write device = "iPhone 13"'
            )
        problem, fix = device_problem(device)
        if problem:
            raise ConfigError(key, f"{device!r} {problem}", fix)


def _patience(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(
            "tool.journeys.goals.patience",
            f"must be a whole number of at least 1, not {value!r}",
            f"write patience = {DEFAULT_GOAL_PATIENCE} (links a customer follows before"
            " giving up)",
        )
    return value
