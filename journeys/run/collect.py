"""Feature files collected as journeys: one test per scenario, under the configured
features folder.
"""

from __future__ import annotations

import gc
import types
from pathlib import Path
from typing import Any

import pytest

from journeys.project.features import bind_scenarios, feature_error_message, is_under
from journeys.run.fixtures import WALKS_KEY

from .keys import PROJECT_KEY
from .session import path_of


def collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    project = parent.config.stash.get(PROJECT_KEY, None)
    if project is None or file_path.suffix != ".feature":
        return None
    given = any(
        path_of(arg).resolve() == file_path.resolve() for arg in parent.config.args
    )
    if given or is_under(file_path, project.settings.features_dir):
        return FeatureFile.from_parent(parent, path=file_path)
    return None


def mark_walks(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Whether this session walks any journey (an ordinary test run does not)."""
    if PROJECT_KEY in config.stash:
        config.stash[WALKS_KEY] = any(is_journey(item) for item in items)


def after_collection(session: pytest.Session) -> None:
    """A walk's modules and collected items live until it ends: the garbage collector
    need not walk them again.

    Every full collection went through them all (80 ms each, 6 in a walk of 8 journeys).
    Thawed when the session ends, so a process that goes on (pytest run in-process)
    collects as before.
    """
    if session.config.stash.get(WALKS_KEY, False):
        # What starts a journey is loaded now, before any journey's deadline runs: a
        # walk's last journey, begun at its walk_timeout_s, has a second to be recorded
        # as interrupted, and that second is not for imports.
        from journeys.run import assemble  # noqa: F401

        gc.freeze()
        if not hasattr(
            session.config, "workerinput"
        ):  # this process records the run: its writers get ready meanwhile
            from ..report.warm import warm_in_background

            warm_in_background()


def is_journey(item: pytest.Item) -> bool:
    return isinstance(item.parent, FeatureFile)


class FeatureFile(pytest.Module):
    """A .feature file collected as if a module had called `scenarios()` on it."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType(f"journeys_feature_{abs(hash(str(self.path)))}")
        module.__file__ = str(self.path)
        bind_scenarios(module, self.path)
        return module

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        message = feature_error_message(excinfo.value, self.path)
        return message if message is not None else super().repr_failure(excinfo, style)
