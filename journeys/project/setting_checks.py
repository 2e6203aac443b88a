"""What `journeys check` finds in the settings of the target walked, before the walk:
what would break it midway.

- a `${NAME}` the configuration reads (a bot's token, a ticket API's key, a persona
  fact) that is not set;
- a feature that replies to an e-mail where the mail source has no way to send it (no
  `reply_host`).

Each problem is one message naming the key (or file:line) and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from journeys.project.config import Settings
from journeys.project.features import relative
from journeys.project.templating import env_references

# The sections whose ${NAME}s a walk expands: the target's channels and the persona's
# fixed facts.
_READ_AT_WALK = ("chat", "support", "mail", "phone", "persona")
_REPLY_STEP = re.compile(
    r"^\s*(?:When|And|But|Then|Given)\s+I reply to the e-mail with\b"
)


def setting_problems(
    settings: Settings, features: list[Path], environ: Mapping[str, str]
) -> list[str]:
    """Problems with the walked target's settings, as messages for people; [] when the
    walk can use them.
    """
    return [
        *_unset_variables(settings, environ),
        *_replies_without_a_relay(settings, features),
    ]


def _where(settings: Settings, section: str) -> str:
    if settings.profile and not settings.walks_demo and section != "persona":
        return f"[tool.journeys.profiles.{settings.profile}.{section}]"
    return f"[tool.journeys.{section}]"


def _unset_variables(settings: Settings, environ: Mapping[str, str]) -> list[str]:
    problems = []
    for section in _READ_AT_WALK:
        if settings.walks_demo and section != "persona":
            # the demo shop's own tables: the walk sets the variables they read (its
            # ticket token)
            continue
        table = settings.section(section)
        for name in sorted(env_references(table)):  # type: ignore[arg-type]  # a TOML table is a JSON value
            if name not in environ:
                problems.append(
                    f"{_where(settings, section)} reads the environment variable"
                    f" {name}, which is not set\n  fix: export {name}=... before the"
                    f" walk (a CI secret), or write the value without ${{{name}}}"
                )
    return problems


def _replies_without_a_relay(settings: Settings, features: list[Path]) -> list[str]:
    mail = settings.section("mail")
    if not mail or mail.get("adapter", "smtp") == "smtp" or mail.get("reply_host"):
        # no mail at all (said elsewhere), or the walk's SMTP sink relays, or a relay is
        # set
        return []
    problems = []
    for feature in features:
        try:
            lines = feature.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the feature check says what is wrong with the file
        for number, line in enumerate(lines, start=1):
            if _REPLY_STEP.match(line):
                problems.append(
                    f"{relative(feature)}:{number}: replies to an e-mail, and"
                    f" {_where(settings, 'mail')} has no way to send it (adapter"
                    f" {mail.get('adapter')!r} reads mail, it does not send any)\n "
                    " fix: set reply_host (and reply_port) in it to an SMTP server"
                    " that takes the reply"
                )
    return problems
