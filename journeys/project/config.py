"""Configuration: `[tool.journeys]` in pyproject.toml, then JOURNEYS_* variables, then
CLI flags.

Validated when loaded: a wrong key or value is one line naming the key and what is
allowed. Sub-tables (`effort`, `chat`, `support`, `mail`, `goals`, `persona`, `history`,
`browser`) are parsed into typed sections by the module that owns them (see
`journeys.project.sections`). Secrets never live here: configuration names environment
variables (`${JOURNEYS_SUPPORT_TOKEN}`) that are expanded at use.

Several targets live in one project as named profiles, `[tool.journeys.profiles.NAME]`,
each with its own `base_url`, `landing`, `chat`, `support` and `mail` (and `device` and
`browser`, as a phone or on a browser server); `--profile NAME` or `JOURNEYS_PROFILE`
picks one. The bundled demo shop is the built-in profile `demo`: its chat, ticket and
mail configuration ships in the package, and a project may override its tables.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from journeys.errors import ConfigError, did_you_mean
from journeys.project.bounds import finite_numbers

DEMO_MODES = ("smooth", "potholed")
SCREENSHOT_POLICIES = ("friction", "every-step", "off")
# When a journey's Playwright trace is kept: for one that failed (the default), for
# every one, or never.
TRACE_POLICIES = ("on-failure", "on", "off")
# Whether axe-core checks the pages a journey acts on (docs/accessibility.md).
ACCESSIBILITY_MODES = ("on", "off")
# How the customer works the site: a mouse, or the keyboard alone (docs/keyboard.md).
HANDS = ("mouse", "keyboard")
SECTIONS = (
    "effort",
    "chat",
    "support",
    "mail",
    "goals",
    "persona",
    "history",
    "browser",
    "surveys",
    "notify",
    "phone",
)
PROFILE_KEYS = (
    "accessibility",
    "hands",
    "base_url",
    "landing",
    "chat",
    "support",
    "mail",
    "device",
    "browser",
    "phone",
)
PROFILE_SECTIONS = ("chat", "support", "mail", "phone")
DEMO_PROFILE = "demo"
DEMO_PROFILE_FILE = Path(__file__).parents[1] / "demo" / "profile.toml"


@dataclass(frozen=True)
class Settings:
    base_url: str = ""  # empty: walk the bundled demo shop
    demo: str = "potholed"
    seed: int | None = (
        # None ("random"): a new first-time customer every walk, the seed recorded
        # (journeys.run.seeds)
        None
    )
    screenshots: str = "friction"
    traces: str = "off"
    accessibility: str = "on"  # "off": no axe-core check of the journey's pages
    hands: str = "mouse"  # "keyboard": Tab, Enter, Space and arrows only
    features: str = "features"
    reports: str = "reports"
    landing: str = "/"  # where an ad lands the customer, relative to base_url
    timeout_ms: int = (
        5000  # how long the customer looks for something before it is "not there"
    )
    patience: int = 3  # how many times a customer clicks a button that does nothing
    # a journey still walking after this is stopped and reported broken
    # (journeys.run.deadline)
    journey_timeout_s: int = 180
    # customer actions (clicks, fields, messages) a journey may take before it stops as
    # a runaway
    action_budget: int = 300
    # the whole walk: then it stops as on Ctrl-C, keeping the journeys that finished
    walk_timeout_s: int = 86_400
    # a Playwright device descriptor ("iPhone 13") the customer browses as; "" = desktop
    device: str = ""
    profile: str = ""  # the named target walked ("" = the top-level settings)
    root: Path = field(default_factory=Path.cwd)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(
        default_factory=dict
    )  # the project's, as written

    @property
    def walks_demo(self) -> bool:
        return not self.base_url

    def section(self, name: str) -> dict[str, Any]:
        """A configuration table as written; walking the demo shop, its chat and support
        are the demo profile's.
        """
        if self.walks_demo and name in PROFILE_SECTIONS:
            return dict(demo_profile(self.profiles).get(name, {}))
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

    @property
    def profile_names(self) -> tuple[str, ...]:
        return (*self.profiles, DEMO_PROFILE)


_SCALARS = {
    f.name: f
    for f in dataclasses.fields(Settings)
    if f.name not in ("root", "sections", "profiles")
}


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` with a pyproject.toml, else `start`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return here


def has_journeys_table(root: Path) -> bool:
    """Whether the project at `root` configures journeys at all (the plugin is
    opt-in).
    """
    pyproject = Path(root) / "pyproject.toml"
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return pyproject.is_file() and "[tool.journeys" in pyproject.read_text(
            encoding="utf-8", errors="replace"
        )
    tool = document.get("tool")
    return isinstance(tool, dict) and "journeys" in tool


def load(
    root: Path | None = None,
    environ: dict[str, str] | None = None,
    *,
    profile: str | None = None,
) -> Settings:
    """The project's settings at `root`: the file, then JOURNEYS_* variables, with
    `profile` (or JOURNEYS_PROFILE) applied.
    """
    root = find_project_root(root)
    environ = dict(os.environ if environ is None else environ)
    pyproject = root / "pyproject.toml"
    table = _journeys_table(pyproject) if pyproject.is_file() else {}
    profiles = _profiles(table.pop("profiles", {}))
    values: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in SECTIONS:
            sections[key] = _table(f"tool.journeys.{key}", value)
        elif key in _SCALARS:
            values[key] = value
        else:
            raise ConfigError(
                f"tool.journeys.{key}",
                "is not a setting",
                did_you_mean(
                    key, [*_SCALARS, *SECTIONS, "profiles"], otherwise="known settings"
                ),
            )
    sources: dict[str, str] = {}
    for key in _SCALARS:
        env_name = f"JOURNEYS_{key.upper()}"
        if env_name in environ:
            values[key] = environ[env_name]
            sources[key] = env_name  # an error says where the bad value was written
    name = (
        profile
        if profile is not None
        else _coerce("profile", values.pop("profile", ""), sources.get("profile", ""))
    )
    values.pop("profile", None)
    if name:
        _apply_profile(name, profiles, values, sections, sources)
    settings = Settings(
        root=root,
        sections=sections,
        profiles=profiles,
        profile=name,
        **{k: _coerce(k, v, sources.get(k, "")) for k, v in values.items()},
    )
    return _validated(settings, source=str(pyproject))


def _journeys_table(pyproject: Path) -> dict[str, Any]:
    data = pyproject.read_bytes()
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            _shown(pyproject), f"is not valid TOML ({error})", "correct the syntax"
        ) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{_shown(pyproject)}:{line}",
            f"is not UTF-8 text (byte 0x{data[error.start]:02x})",
            "save it as UTF-8",
        ) from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(
            "tool", "must be a table", "write the settings as [tool.journeys]"
        )
    return dict(
        finite_numbers(
            "tool.journeys", _table("tool.journeys", tool.get("journeys", {}))
        )
    )


def _shown(path: Path) -> str:
    """A path as typed from here: pyproject.toml, not /home/.../pyproject.toml."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _table(key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(key, "must be a table", f"write it as [{key}]")
    return value


def _profiles(value: Any) -> dict[str, dict[str, Any]]:
    profiles = _table("tool.journeys.profiles", value)
    for name, body in profiles.items():
        key = f"tool.journeys.profiles.{name}"
        for setting in _table(key, body):
            if setting not in PROFILE_KEYS:
                raise ConfigError(
                    f"{key}.{setting}",
                    "is not a profile setting",
                    f"a profile sets: {', '.join(PROFILE_KEYS)}",
                )
        for section in (*PROFILE_SECTIONS, "browser"):
            if section in body:
                _table(f"{key}.{section}", body[section])
    return profiles


def _apply_profile(
    name: str,
    profiles: dict[str, dict[str, Any]],
    values: dict[str, Any],
    sections: dict[str, dict[str, Any]],
    sources: dict[str, str],
) -> None:
    """A profile's settings and tables replace the top-level ones (a profile's chat is
    its own bot, not a patch).
    """
    if name == DEMO_PROFILE:
        values["base_url"] = (
            # the bundled shop, started for the walk; its tables come from
            # demo_profile()
            ""
        )
        return
    if name not in profiles:
        known = ", ".join([*profiles, DEMO_PROFILE])
        raise ConfigError(
            "profile",
            f"{name!r} is not a profile",
            f"profiles here: {known} (or add [tool.journeys.profiles.{name}])",
        )
    for key, value in profiles[name].items():
        if (
            key in (*PROFILE_SECTIONS, "browser")
            # a profile's browser table replaces the top-level one; without one, that
            # one holds
        ):
            sections[key] = value
        else:
            values[key] = value
            sources.pop(key, None)
    for section in (
        PROFILE_SECTIONS
    ):  # a target without a bot has none, even when the default target has one
        if section not in profiles[name]:
            sections.pop(section, None)


# The demo shop's e-mail: journeys starts an SMTP sink on any free port for the walk and
# tells the shop where it is.
DEMO_MAIL: dict[str, Any] = {
    "adapter": "smtp",
    "host": "127.0.0.1",
    "port": 0,
    "timeout_s": 10,
    "reply_timeout_s": 5,
}


def demo_profile(
    profiles: dict[str, dict[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """The bundled demo shop's chat, support and mail tables, as shipped, with any table
    the project's `demo` profile replaces.
    """
    shipped = {
        "mail": DEMO_MAIL,
        **tomllib.loads(DEMO_PROFILE_FILE.read_text(encoding="utf-8")),
    }
    own = (profiles or {}).get(DEMO_PROFILE, {})
    return {
        section: dict(own.get(section, shipped.get(section, {})))
        for section in PROFILE_SECTIONS
    }


# The largest seed SQLite stores (history keeps it as a signed 64-bit integer).
MAX_SEED = 2**63 - 1
# Upper bounds that keep a walk finite and Playwright's timers valid: 10 minutes to find
# a thing, 100 dead clicks.
RANGES = {
    "seed": (0, MAX_SEED),
    "timeout_ms": (1, 600_000),
    "patience": (1, 100),
    "journey_timeout_s": (1, 86_400),
    "walk_timeout_s": (1, 604_800),
    "action_budget": (1, 100_000),
}


def _coerce(key: str, value: Any, env_name: str = "") -> Any:
    expected = _SCALARS[key].type
    name = f"tool.journeys.{key}"
    source = f" (from {env_name})" if env_name else ""
    if key == "seed" and (
        value is None
        or (isinstance(value, str) and value.strip().lower() in ("", "random"))
    ):
        return None
    if expected in ("int", "int | None"):
        example = (
            2026 if key == "seed" else _SCALARS[key].default
        )  # the seed's default is "a new one each walk"
        fix = f"{'export ' + env_name + '=' if env_name else key + ' = '}{example}"
        if isinstance(value, bool) or not isinstance(
            value, int | str
        ):  # 1.5 or 1e20 would be silently truncated
            raise ConfigError(
                name,
                f"must be a whole number, not {value!r}{source}",
                f"write a whole number, e.g. {fix}",
            )
        try:
            return int(value)
        except ValueError:
            raise ConfigError(
                name,
                f"must be a whole number, not {value!r}{source}",
                f"write a whole number, e.g. {fix}",
            ) from None
    if not isinstance(value, str):
        raise ConfigError(
            name, f"must be text, not {value!r}{source}", f'write {key} = "..."'
        )
    return value


def _validated(settings: Settings, source: str) -> Settings:
    if settings.demo not in DEMO_MODES:
        raise ConfigError(
            "tool.journeys.demo",
            f"{settings.demo!r} is not a demo mode",
            f"use one of: {', '.join(DEMO_MODES)}",
        )
    if settings.screenshots not in SCREENSHOT_POLICIES:
        raise ConfigError(
            "tool.journeys.screenshots",
            f"{settings.screenshots!r} is not a screenshot policy",
            f"use one of: {', '.join(SCREENSHOT_POLICIES)}",
        )
    if settings.traces not in TRACE_POLICIES:
        raise ConfigError(
            "tool.journeys.traces",
            f"{settings.traces!r} is not a trace policy",
            f"use one of: {', '.join(TRACE_POLICIES)}",
        )
    if settings.accessibility not in ACCESSIBILITY_MODES:
        raise ConfigError(
            "tool.journeys.accessibility",
            f"{settings.accessibility!r} is neither on nor off",
            'write accessibility = "off" (or "on", the default)',
        )
    if settings.hands not in HANDS:
        raise ConfigError(
            "tool.journeys.hands",
            f"{settings.hands!r} is neither mouse nor keyboard",
            'write hands = "keyboard" (or "mouse", the default)',
        )
    if settings.base_url:
        problem = url_problem(settings.base_url)
        if problem:
            raise ConfigError(
                "tool.journeys.base_url",
                f"{settings.base_url!r} {problem}",
                "write it as http://host:port",
            )
    for key, (low, high) in RANGES.items():
        value = getattr(settings, key)
        if value is None:  # seed: chosen for each walk
            continue
        if value < low:
            raise ConfigError(
                f"tool.journeys.{key}",
                f"must be at least {low}",
                f"e.g. {key} = {2026 if key == 'seed' else _SCALARS[key].default}",
            )
        if value > high:
            raise ConfigError(
                f"tool.journeys.{key}",
                f"must be at most {high}, not {value}",
                f"e.g. {key} = {2026 if key == 'seed' else _SCALARS[key].default}",
            )
    for key in ("features", "reports"):
        if not getattr(settings, key).strip():  # "" would mean the project root itself
            raise ConfigError(
                f"tool.journeys.{key}",
                "must name a folder, not be empty",
                f'e.g. {key} = "{_SCALARS[key].default}"',
            )
    return settings


def url_problem(
    url: str, schemes: tuple[str, ...] = ("http", "https"), kind: str = "an http(s) URL"
) -> str:
    """Why `url` cannot be used ("is not an http(s) URL", ...), or "" when it can;
    `schemes` are the ones allowed.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number or out of range
    except ValueError as error:
        return f"is not a valid URL ({error})"
    if parts.scheme not in schemes:
        return f"is not {kind}"
    if not parts.hostname:
        return "has no host name"
    return ""


def expand_env(
    value: str, environ: dict[str, str] | None = None, *, key: str = ""
) -> str:
    """Expand ${NAME} from the environment; a missing variable is a config error naming
    it (see journeys.project.templating).
    """
    from journeys.project.templating import (
        expand_env as expand,
        # one expansion for every ${NAME}; imported here to keep config's imports as
        # they are
    )

    return expand(value, environ, key=key)
