"""`[tool.journeys.history]`: where the history lives, validated without opening it
(history.py opens it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeys.errors import ConfigError

_HISTORY_KEYS = ("url", "regression_threshold", "keep_runs")


@dataclass(frozen=True)
class HistoryConfig:
    """`[tool.journeys.history]`, validated."""

    url: str = ""  # empty: sqlite:///<reports>/history.sqlite
    regression_threshold: float = 0.5  # a score drop larger than this is a regression
    keep_runs: int | None = (
        None  # when set, each device keeps its newest this many runs
    )

    def resolved_url(self, reports_dir: Path) -> str:
        return history_url_for(reports_dir, self.url)


def history_config(section: dict[str, Any]) -> HistoryConfig:
    """Validate `[tool.journeys.history]`; a wrong key or value raises ConfigError
    naming it.
    """
    for key in section:
        if key not in _HISTORY_KEYS:
            raise ConfigError(
                f"tool.journeys.history.{key}",
                "is not a history setting",
                f"known keys: {', '.join(_HISTORY_KEYS)}",
            )
    url = section.get("url", "")
    if not isinstance(url, str):
        raise ConfigError(
            "tool.journeys.history.url",
            f"must be text, not {url!r}",
            'write url = "sqlite:///reports/history.sqlite"',
        )
    if url:
        from sqlalchemy.engine import (
            make_url,
            # only for a URL of the team's: with the default, nothing loads SQLAlchemy
            # yet
        )
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(url)
        except ArgumentError:
            raise ConfigError(
                "tool.journeys.history.url",
                f"{url!r} is not a SQLAlchemy database URL",
                'write it as "postgresql+psycopg://user@host/db" or'
                ' "sqlite:///path/history.sqlite"',
            ) from None
    threshold = section.get("regression_threshold", 0.5)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 <= threshold < 6
    ):
        raise ConfigError(
            "tool.journeys.history.regression_threshold",
            f"must be a score drop between 0 and 6, not {threshold!r}",
            "write regression_threshold = 0.5",
        )
    keep = section.get("keep_runs")
    if keep is not None and (
        isinstance(keep, bool) or not isinstance(keep, int) or keep < 2
    ):
        raise ConfigError(
            "tool.journeys.history.keep_runs",
            f"must be a whole number of at least 2, not {keep!r}",
            "write keep_runs = 365, or leave it out to keep every run",
        )
    return HistoryConfig(url=url, regression_threshold=float(threshold), keep_runs=keep)


def default_history_url(reports_dir: Path) -> str:
    return f"sqlite:///{Path(reports_dir).resolve() / 'history.sqlite'}"


def history_url_for(reports_dir: Path, url: str | None = None) -> str:
    """The configured history URL, else the SQLite file in the reports folder."""
    return url or default_history_url(reports_dir)
