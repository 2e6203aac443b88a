"""`[tool.journeys.surveys]`: which columns of a survey tool's export hold what,
validated at load.

The top-level keys map the columns of the usual export;
`[tool.journeys.surveys.exports.NAME]` maps another tool's (`journeys surveys import
FILE --export NAME`), each key falling back to the top-level one.
`[tool.journeys.surveys.journeys]` maps a survey's touchpoint to journeys explicitly,
where its tag is not already a feature tag (`support` answers for every journey tagged
`@support`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from journeys.errors import ConfigError, did_you_mean

__all__ = ["QUESTIONS", "ExportColumns", "SurveysConfig", "surveys_config"]

QUESTIONS = ("ces", "nps", "csat")
# Each question's scale, as the survey tools ask it: CES 2.0 1..7, NPS 0..10, CSAT 1..5.
SCALES: dict[str, tuple[int, int]] = {"ces": (1, 7), "nps": (0, 10), "csat": (1, 5)}

_COLUMN_KEYS = (
    "date",
    "score",
    "question",
    "question_column",
    "tag",
    "tag_value",
    "comment",
    "respondent",
    "header_rows",
    "date_format",
)
_KEYS = (
    *_COLUMN_KEYS,
    "min_responses",
    "period_days",
    "disloyalty",
    "journeys",
    "exports",
)


@dataclass(frozen=True)
class ExportColumns:
    """One export's shape: the columns that hold each fact (others in the file are never
    read).
    """

    date: str = ""
    score: str = ""
    question: str = ""  # ces, nps or csat for the whole file...
    question_column: str = ""  # ...or the column that says it per row
    tag: str = ""  # the column with the touchpoint or journey tag...
    tag_value: str = ""  # ...or one tag for the whole file
    comment: str = ""
    # a column of hashed e-mails (SHA-256 hex): counted once per respondent, never shown
    respondent: str = ""
    # rows from the top that are headers (Qualtrics writes 3, SurveyMonkey 2); the first
    # names the columns
    header_rows: int = 1
    # strptime format when the dates are not ISO 8601, e.g. "%m/%d/%Y %I:%M:%S %p"
    date_format: str = ""


@dataclass(frozen=True)
class SurveysConfig:
    """`[tool.journeys.surveys]`, validated."""

    columns: ExportColumns = ExportColumns()
    exports: dict[str, ExportColumns] = field(default_factory=dict)
    journeys: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # survey tag -> "Feature / Scenario" or "Feature"
    min_responses: int = (
        30  # fewer responses than this show "not enough responses", never a number
    )
    # surveyed figures over this many days up to the walk, their trend against the days
    # before
    period_days: int = 90
    disloyalty: bool = (
        True  # the CEB/Gartner disloyalty estimate beside each walked score
    )

    def export(self, name: str | None) -> ExportColumns:
        if not name:
            return self.columns
        if name not in self.exports:
            raise ConfigError(
                f"tool.journeys.surveys.exports.{name}",
                "is not configured",
                (
                    did_you_mean(
                        name, list(self.exports), otherwise="configured exports"
                    )
                    if self.exports
                    else (
                        "add a [tool.journeys.surveys.exports.NAME] table with that"
                        " export's columns"
                    )
                ),
            )
        return self.exports[name]


def surveys_config(section: dict[str, Any]) -> SurveysConfig:
    """Validate `[tool.journeys.surveys]`; a wrong key or value raises ConfigError
    naming it.
    """
    key = "tool.journeys.surveys"
    for name in section:
        if name not in _KEYS:
            raise ConfigError(
                f"{key}.{name}",
                "is not a surveys setting",
                did_you_mean(name, list(_KEYS), otherwise="known keys"),
            )
    columns = _columns(section, key, ExportColumns())
    exports_raw = section.get("exports", {})
    if not isinstance(exports_raw, dict):
        raise ConfigError(
            f"{key}.exports",
            "must be a table of named exports",
            "write [tool.journeys.surveys.exports.qualtrics]",
        )
    exports = {}
    for name, body in exports_raw.items():
        where = f"{key}.exports.{name}"
        if not isinstance(body, dict):
            raise ConfigError(
                where,
                "must be a table of columns",
                f'write [{where}] with date = "...", score = "..."',
            )
        for unknown in body:
            if unknown not in _COLUMN_KEYS:
                raise ConfigError(
                    f"{where}.{unknown}",
                    "is not a column setting",
                    did_you_mean(unknown, list(_COLUMN_KEYS), otherwise="known keys"),
                )
        exports[name] = _columns(body, where, columns)
    return SurveysConfig(
        columns=columns,
        exports=exports,
        journeys=_journeys(section.get("journeys", {}), f"{key}.journeys"),
        min_responses=_whole(
            section.get("min_responses", 30),
            f"{key}.min_responses",
            1,
            "write min_responses = 30",
        ),
        period_days=_whole(
            section.get("period_days", 90),
            f"{key}.period_days",
            1,
            "write period_days = 90",
        ),
        disloyalty=_flag(section.get("disloyalty", True), f"{key}.disloyalty"),
    )


def _columns(body: dict[str, Any], where: str, base: ExportColumns) -> ExportColumns:
    values: dict[str, Any] = {}
    for name in _COLUMN_KEYS:
        if name not in body:
            continue
        value = body[name]
        if name == "header_rows":
            values[name] = _whole(
                value,
                f"{where}.header_rows",
                1,
                "write header_rows = 3 for a Qualtrics export, 2 for SurveyMonkey",
            )
            continue
        if not isinstance(value, str):
            raise ConfigError(
                f"{where}.{name}",
                f"must be text, not {value!r}",
                f'write {name} = "the column\'s name as the export writes it"',
            )
        values[name] = value.strip()
    if values.get("question") and values["question"].lower() not in QUESTIONS:
        raise ConfigError(
            f"{where}.question",
            f"{values['question']!r} is not a survey question",
            "use ces, nps or csat (or question_column)",
        )
    if values.get("question"):
        values["question"] = values["question"].lower()
    columns = dataclasses.replace(base, **values)
    if "question" in values and "question_column" not in values:
        columns = dataclasses.replace(
            columns, question_column=""
        )  # a fixed question overrides the base's column
    if "tag_value" in values and "tag" not in values:
        columns = dataclasses.replace(columns, tag="")
    return columns


def _journeys(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ConfigError(
            where,
            "must be a table: survey tag = journeys",
            f'write [{where}] "Returns desk" = ["Send shoes back / Return my order"]',
        )
    mapped = {}
    for tag, names in raw.items():
        if isinstance(names, str):
            names = [names]
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            raise ConfigError(
                f"{where}.{tag}",
                f"must name journeys, not {names!r}",
                f'write "{tag}" = ["Feature / Scenario"] or ["Feature"]',
            )
        mapped[tag.strip().lstrip("@").lower()] = tuple(n.strip() for n in names)
    return mapped


def _whole(value: Any, key: str, least: int, fix: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ConfigError(
            key, f"must be a whole number of at least {least}, not {value!r}", fix
        )
    return value


def _flag(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(
            key,
            f"must be true or false, not {value!r}",
            "write disloyalty = false to leave the estimate out",
        )
    return value
