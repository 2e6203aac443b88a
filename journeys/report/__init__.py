"""Reports: consumers of JourneyResult. effort.json/csv, the effort page, history,
Allure, compare.

The names below are loaded when first used (PEP 562): the history needs SQLAlchemy and
the pages Jinja2, and a walk should not wait for either before its first page.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "allure_categories": "allure_files",
    "allure_labels": "allure_files",
    "failure_message": "allure_files",
    "write_allure_extras": "allure_files",
    "allure_command": "allure_html",
    "build_allure_html": "allure_html",
    "Comparison": "compare",
    "JourneyChange": "compare",
    "compare_results": "compare",
    "compare_runs": "compare",
    "overall_score": "compare",
    "build_effort_report": "effort_html",
    "History": "history",
    "JourneyTrend": "history",
    "open_history": "history",
    "HistoryConfig": "history_settings",
    "default_history_url": "history_settings",
    "history_config": "history_settings",
    "RunRecordPaths": "record",
    "journey_record": "record",
    "load_effort_json": "record",
    "write_effort_csv": "record",
    "write_effort_json": "record",
    "record_run": "recording",
    "NO_SCORE": "shown",
    "score_text": "shown",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: the next use is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
