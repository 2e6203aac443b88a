"""`[tool.journeys.notify]`: where the news of a walk goes and when, validated at load
(notify.py sends it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeys.errors import ConfigError, did_you_mean

__all__ = ["WHEN", "NotifyConfig", "notify_config"]

WHEN = ("regression", "budget", "broken", "always")
_KEYS = ("urls", "when", "report_url")
_KEY = "tool.journeys.notify"


@dataclass(frozen=True)
class NotifyConfig:
    """`[tool.journeys.notify]`, validated; the URLs keep their ${NAME} references until
    the moment of sending.
    """

    urls: tuple[str, ...] = ()
    when: tuple[str, ...] = ("regression",)
    report_url: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.urls)


def notify_config(section: dict[str, Any]) -> NotifyConfig:
    """Validate `[tool.journeys.notify]`; a wrong key or value raises ConfigError naming
    it.
    """
    from journeys.project.templating import check_env_references

    for name in section:
        if name not in _KEYS:
            raise ConfigError(
                f"{_KEY}.{name}",
                "is not a notify setting",
                did_you_mean(name, list(_KEYS), otherwise="known keys"),
            )
    urls = section.get("urls", [])
    if isinstance(urls, str):
        urls = [urls]
    if not isinstance(urls, list) or not all(
        isinstance(u, str) and "://" in u for u in urls
    ):
        raise ConfigError(
            f"{_KEY}.urls",
            f"must be a list of Apprise URLs, not {urls!r}",
            'write urls = ["slack://${SLACK_TOKEN}/#nightly",'
            ' "mailto://smtp.example.com?to=team@example.com"]',
        )
    for n, url in enumerate(urls):
        check_env_references(f"{_KEY}.urls[{n}]", url)
    when = section.get("when", "regression")
    when_list = [when] if isinstance(when, str) else when
    if (
        not isinstance(when_list, list)
        or not when_list
        or not all(isinstance(w, str) and w in WHEN for w in when_list)
    ):
        raise ConfigError(
            f"{_KEY}.when",
            f"{when!r} is not a rule for sending",
            f"use one or a list of: {', '.join(WHEN)}",
        )
    report_url = section.get("report_url", "")
    if not isinstance(report_url, str):
        raise ConfigError(
            f"{_KEY}.report_url",
            f"must be text, not {report_url!r}",
            'write report_url = "https://ci.example.com/nightly/effort/index.html"',
        )
    if report_url:
        check_env_references(f"{_KEY}.report_url", report_url)
    return NotifyConfig(
        urls=tuple(u.strip() for u in urls),
        when=tuple(dict.fromkeys(when_list)),
        report_url=report_url,
    )
