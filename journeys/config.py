"""Configuration: `[tool.journeys]` in pyproject.toml, then JOURNEYS_* variables, then CLI flags.

Validated when loaded: a wrong key or value is one line naming the key and
what is allowed. Sub-tables (`effort`, `chat`, `support`, `goals`, `persona`,
`history`) are validated by the module that owns them, through
`validate_sections`. Secrets never live here: configuration names environment
variables (`${JOURNEYS_SUPPORT_TOKEN}`) that are expanded at use.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEMO_MODES = ("smooth", "potholed")
SCREENSHOT_POLICIES = ("friction", "every-step", "off")
SECTIONS = ("effort", "chat", "support", "goals", "persona", "history")


@dataclass(frozen=True)
class Settings:
    base_url: str = ""  # empty: walk the bundled demo shop
    demo: str = "potholed"
    seed: int = 2026
    screenshots: str = "friction"
    features: str = "features"
    reports: str = "reports"
    landing: str = "/"  # where an ad lands the customer, relative to base_url
    timeout_ms: int = 5000  # how long the customer looks for something before it is "not there"
    patience: int = 3  # how many times a customer clicks a button that does nothing
    root: Path = field(default_factory=Path.cwd)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def walks_demo(self) -> bool:
        return not self.base_url

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.sections.get(name, {}))

    def path(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else self.root / path

    @property
    def reports_dir(self) -> Path:
        return self.path(self.reports)

    @property
    def features_dir(self) -> Path:
        return self.path(self.features)

    def replace(self, **changes: Any) -> Settings:
        """Apply overrides (CLI flags); None means "not given"."""
        given = {k: v for k, v in changes.items() if v is not None}
        return _validated(dataclasses.replace(self, **given), source="command line")


_SCALARS = {f.name: f for f in dataclasses.fields(Settings) if f.name not in ("root", "sections")}


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` with a pyproject.toml, else `start`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return here


def load(root: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    root = find_project_root(root)
    environ = dict(os.environ if environ is None else environ)
    table: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("journeys", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(str(pyproject), f"is not valid TOML ({error})", "correct the syntax") from None
    values: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"tool.journeys.{key}", "must be a table", f"write it as [tool.journeys.{key}]")
            sections[key] = value
        elif key in _SCALARS:
            values[key] = value
        else:
            raise ConfigError(f"tool.journeys.{key}", "is not a setting", _did_you_mean(key, [*_SCALARS, *SECTIONS]))
    sources: dict[str, str] = {}
    for key in _SCALARS:
        env_name = f"JOURNEYS_{key.upper()}"
        if env_name in environ:
            values[key] = environ[env_name]
            sources[key] = env_name  # an error says where the bad value was written
    settings = Settings(root=root, sections=sections, **{k: _coerce(k, v, sources.get(k, "")) for k, v in values.items()})
    return _validated(settings, source=str(pyproject))


def _coerce(key: str, value: Any, env_name: str = "") -> Any:
    expected = _SCALARS[key].type
    name = f"tool.journeys.{key}"
    source = f" (from {env_name})" if env_name else ""
    if expected == "int":
        fix = f"{'export ' + env_name + '=' if env_name else key + ' = '}{_SCALARS[key].default}"
        if isinstance(value, bool):
            raise ConfigError(name, f"must be a whole number, not {value!r}{source}", f"write a whole number, e.g. {fix}")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(name, f"must be a whole number, not {value!r}{source}", f"write a whole number, e.g. {fix}") from None
    if not isinstance(value, str):
        raise ConfigError(name, f"must be text, not {value!r}", f'write {key} = "..."')
    return value


def _validated(settings: Settings, source: str) -> Settings:
    if settings.demo not in DEMO_MODES:
        raise ConfigError("tool.journeys.demo", f"{settings.demo!r} is not a demo mode", f"use one of: {', '.join(DEMO_MODES)}")
    if settings.screenshots not in SCREENSHOT_POLICIES:
        raise ConfigError(
            "tool.journeys.screenshots",
            f"{settings.screenshots!r} is not a screenshot policy",
            f"use one of: {', '.join(SCREENSHOT_POLICIES)}",
        )
    if settings.base_url and not settings.base_url.startswith(("http://", "https://")):
        raise ConfigError(
            "tool.journeys.base_url", f"{settings.base_url!r} is not an http(s) URL", "write it as http://host:port"
        )
    for key in ("timeout_ms", "patience"):
        if getattr(settings, key) < 1:
            raise ConfigError(f"tool.journeys.{key}", "must be at least 1", f"e.g. {key} = {_SCALARS[key].default}")
    return settings


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]!r}?" if close else f"known settings: {', '.join(choices)}"


def expand_env(value: str, environ: dict[str, str] | None = None, *, key: str = "") -> str:
    """Expand ${NAME} from the environment; a missing variable is a config error naming it (see journeys.templating)."""
    from .templating import expand_env as expand  # one expansion for every ${NAME}; imported here to keep config's imports as they are

    return expand(value, environ, key=key)
