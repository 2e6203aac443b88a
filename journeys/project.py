"""A project's configuration, parsed once into typed, frozen sections.

`journeys check`, the CLI and the pytest plugin all call `load_project`, so a
wrong value is found before any browser opens, and every ability receives its
own typed section, never the raw tables. Each section is parsed by the module
that uses it: the effort model, the persona, goal seeking, the chat,
support and mail abilities, the history store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import ConfigError, Settings
from .config import load as load_settings
from .effort import EffortModel
from .report.history import HistoryConfig, history_config
from .shopper.chat import ChatConfig, chat_config
from .shopper.goals import Goal, goals_from_config
from .shopper.mail_adapters import MailConfig, mail_config
from .shopper.persona import PersonaConfig, persona_config
from .shopper.support import SupportConfig, support_config

DEFAULT_GOAL_PATIENCE = 6


@dataclass(frozen=True)
class Project:
    """Everything configured for one walk: the scalar settings and one typed section per table."""

    settings: Settings
    effort: EffortModel
    persona: PersonaConfig
    goals: dict[str, Goal]
    goal_patience: int
    chat: ChatConfig | None
    support: SupportConfig | None
    history: HistoryConfig
    mail: MailConfig | None = None

    @property
    def root(self) -> Path:
        return self.settings.root


def load_project(root: Path, *, profile: str | None = None, environ: dict[str, str] | None = None, **overrides: object) -> Project:
    """Load and check the whole configuration of the project at `root`, CLI overrides (None: not given) applied."""
    settings = load_settings(root, environ, profile=profile).replace(**overrides)
    return project_from(settings)


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
        mail=mail_config(mail) if mail else None,
    )


def _check_every_target(settings: Settings) -> None:
    """Every target's tables are parsed, not only the walked one's: `journeys check` finds a mistake in any of them."""
    tables = [settings.sections, *settings.profiles.values()]
    for table in tables:
        if table.get("chat"):
            chat_config(table["chat"])
        if table.get("support"):
            support_config(table["support"])
        if table.get("mail"):
            mail_config(table["mail"])


def _patience(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(
            "tool.journeys.goals.patience",
            f"must be a whole number of at least 1, not {value!r}",
            f"write patience = {DEFAULT_GOAL_PATIENCE} (links a customer follows before giving up)",
        )
    return value
