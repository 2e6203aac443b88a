"""Survey exports (CES, NPS, CSAT) read into the history, beside the walks.

`journeys surveys import FILE.csv` reads a survey tool's CSV export through the
columns `[tool.journeys.surveys]` names (journeys/report/surveys_config.py),
and keeps each response in the history's `survey_responses` table: when, which
question, the score, the touchpoint tag, the comment as text. Nothing else of the
file is read. A bad row is counted and named by its line, never dropped in
silence; a respondent column of e-mail addresses refuses the whole file, since a
history is shared and kept for years (a SHA-256 of the address is accepted).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select

from journeys.errors import JourneysError

from .history import History
from .history_schema import survey_responses_table
from .surveys_config import QUESTIONS, SCALES, ExportColumns

__all__ = [
    "BadRow",
    "ImportedSurvey",
    "SurveyResponse",
    "import_survey",
    "read_survey_export",
    "responses_between",
]

# Formats the survey tools write when the mapping gives no date_format: ISO 8601
# (Qualtrics, Typeform, Delighted), then the US month-first forms SurveyMonkey and
# spreadsheets write.
_DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_HASHED = re.compile(r"[0-9a-fA-F]{32,128}")
_QUESTION_NAMES = {
    "ces": "ces",
    "customer effort": "ces",
    "customer effort score": "ces",
    "nps": "nps",
    "net promoter": "nps",
    "net promoter score": "nps",
    "csat": "csat",
    "customer satisfaction": "csat",
    "satisfaction": "csat",
}
_MAX_BAD_SHOWN = 20
# How a response's time is kept: one form, so that the history compares it as text (in
# UTC where the export said its zone).
_STORED = "%Y-%m-%dT%H:%M:%S"


@dataclass(frozen=True)
class SurveyResponse:
    """One customer's answer to one question, as kept: no name, no address."""

    line: int  # the line of the export it starts on
    responded_at: str  # YYYY-MM-DDTHH:MM:SS, in UTC when the export gave its zone
    question: str  # ces, nps or csat
    score: float
    tag: str
    comment: str = ""
    respondent: str = ""  # a hash, or ""


@dataclass(frozen=True)
class BadRow:
    line: int
    problem: str


@dataclass(frozen=True)
class ImportedSurvey:
    """What one export held: the responses kept and every row that could not be, by
    line.
    """

    path: Path
    responses: tuple[SurveyResponse, ...]
    bad: tuple[BadRow, ...]

    def summary(self) -> list[str]:
        """The import as a person reads it: how many kept, by question, and each bad row
        by line.
        """
        counts = {
            q: sum(1 for r in self.responses if r.question == q) for q in QUESTIONS
        }
        tags = len({r.tag for r in self.responses})
        said = ", ".join(f"{n} {q.upper()}" for q, n in counts.items() if n) or "none"
        lines = [
            f"{self.path.name}: {len(self.responses)} responses kept ({said}) for"
            f" {tags} tag{'s' if tags != 1 else ''}, {len(self.bad)} bad"
            f" row{'s' if len(self.bad) != 1 else ''}"
        ]
        for bad in self.bad[:_MAX_BAD_SHOWN]:
            lines.append(f"  {self.path}:{bad.line}: {bad.problem}")
        if len(self.bad) > _MAX_BAD_SHOWN:
            lines.append(f"  ... and {len(self.bad) - _MAX_BAD_SHOWN} more bad rows")
        return lines


def read_survey_export(
    path: Path, columns: ExportColumns, *, key: str = "tool.journeys.surveys"
) -> ImportedSurvey:
    """Read an export through its column mapping; a file that cannot be read at all
    raises JourneysError naming file:line.
    """
    path = Path(path)
    if (
        not columns.date
        or not columns.score
        or not (columns.question or columns.question_column)
        or not (columns.tag or columns.tag_value)
    ):
        missing = [
            name
            for name, given in (
                ("date", columns.date),
                ("score", columns.score),
                (
                    "question or question_column",
                    columns.question or columns.question_column,
                ),
                ("tag or tag_value", columns.tag or columns.tag_value),
            )
            if not given
        ]
        raise JourneysError(
            f"config: {key}: names no column for {', '.join(missing)}\n"
            f'  fix: map the export\'s columns, e.g. date = "EndDate", score = "Q1",'
            f' question = "ces", tag = "Touchpoint" (docs/reports.md)'
        )
    try:
        text = path.read_text(
            encoding="utf-8-sig"
        )  # Excel and SurveyMonkey write a byte-order mark
    except FileNotFoundError:
        raise JourneysError(
            f"{path}: no such file\n  fix: give the CSV file the survey tool exported"
        ) from None
    except UnicodeDecodeError as error:
        raise JourneysError(
            f"{path}: is not UTF-8 text ({error.reason} at byte {error.start})\n  fix:"
            " export it again as CSV (UTF-8)"
        ) from None
    rows = _rows(text, path)
    header_line, header = next(rows, (1, []))
    if not header:
        raise JourneysError(
            f"{path}:1: is empty\n  fix: give the CSV file the survey tool exported"
        )
    names = [name.strip() for name in header]
    wanted = {
        "date": columns.date,
        "score": columns.score,
        "question_column": columns.question_column,
        "tag": columns.tag,
        "comment": columns.comment,
        "respondent": columns.respondent,
    }
    index: dict[str, int] = {}
    for role, column in wanted.items():
        if not column:
            continue
        if column not in names:
            raise JourneysError(
                f"{path}:{header_line}: has no column {column!r} ({key} {role})\n"
                "  fix: write one of its columns: "
                + ", ".join(repr(n) for n in names[:12])
                + (" ..." if len(names) > 12 else "")
            )
        index[role] = names.index(column)
    for _ in range(columns.header_rows - 1):
        next(rows, None)
    responses, bad = [], []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line is no response
        if "respondent" in index:
            refused = _respondent_problem(_cell(row, index["respondent"]))
            if refused:
                raise JourneysError(
                    f"{path}:{line}: column {columns.respondent!r} holds {refused}:"
                    " journeys keeps no personal data in a history\n  fix: export a"
                    " SHA-256 hash of the address instead, or leave respondent out of"
                    f" [{key}]"
                )
        response, problem = _response(line, row, index, columns)
        if problem:
            bad.append(BadRow(line, problem))
        else:
            responses.append(response)
    return ImportedSurvey(path, tuple(responses), tuple(bad))


def import_survey(history: History, imported: ImportedSurvey) -> int:
    """Keep an export's responses in the history; importing the same file (by name)
    again replaces its rows.
    """
    source = imported.path.name
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = [
        {
            "source": source,
            "line": r.line,
            "responded_at": r.responded_at,
            "question": r.question,
            "score": r.score,
            "tag": r.tag,
            "comment": r.comment,
            "respondent": r.respondent,
            "imported_at": now,
        }
        for r in imported.responses
    ]

    def store() -> None:
        with history._write() as conn:
            conn.execute(
                delete(survey_responses_table).where(
                    survey_responses_table.c.source == source
                )
            )
            if rows:
                conn.execute(insert(survey_responses_table), rows)

    history._retrying(store)
    return len(rows)


def responses_between(history: History, start: str, end: str) -> list[SurveyResponse]:
    """The responses given from `start` (inclusive) to `end` (exclusive), ISO 8601 text:
    the order compares as time.
    """
    table = survey_responses_table
    query = select(
        table.c.line,
        table.c.responded_at,
        table.c.question,
        table.c.score,
        table.c.tag,
        table.c.comment,
        table.c.respondent,
    ).where(table.c.responded_at >= start, table.c.responded_at < end)
    with history.engine.connect() as conn:
        return [SurveyResponse(*row) for row in conn.execute(query)]


def count_responses(history: History) -> int:
    with history.engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(survey_responses_table)
        ).scalar_one()


# -- one row ---------------------------------------------------------------------------


def _rows(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on: a comment may span lines, and a person looks
    for where it begins.
    """
    reader = csv.reader(text.splitlines(keepends=True))
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise JourneysError(
                f"{path}:{reader.line_num}: is not CSV ({error})\n  fix: export the"
                " survey again as CSV"
            ) from None
        yield start, row
        start = reader.line_num + 1


def _cell(row: Sequence[str], at: int) -> str:
    return row[at].strip() if at < len(row) else ""


def _respondent_problem(value: str) -> str:
    if not value or _HASHED.fullmatch(value):
        return ""
    if _EMAIL.search(value):
        return "e-mail addresses"
    return "something other than a hash"


def _response(
    line: int, row: Sequence[str], index: dict[str, int], columns: ExportColumns
) -> tuple[SurveyResponse | None, str]:
    question = columns.question or _QUESTION_NAMES.get(
        _cell(row, index["question_column"]).lower(), ""
    )
    if not question:
        return (
            None,
            (
                f"question {_cell(row, index['question_column'])!r} is not CES, NPS or"
                " CSAT"
            ),
        )
    raw_score = _cell(row, index["score"])
    if not raw_score:
        return None, "no score (the customer skipped the question)"
    try:
        score = float(raw_score.replace(",", "."))
    except ValueError:
        return None, f"score {raw_score!r} is not a number"
    low, high = SCALES[question]
    if not low <= score <= high or score != int(score):
        return (
            None,
            (
                f"score {raw_score!r} is not a {question.upper()} answer (a whole"
                f" number from {low} to {high})"
            ),
        )
    tag = (columns.tag_value or _cell(row, index["tag"])).strip().lstrip("@")
    if not tag:
        return None, "no tag: which touchpoint or journey was this about?"
    raw_date = _cell(row, index["date"])
    responded_at = _date(raw_date, columns.date_format)
    if not responded_at:
        return None, f"date {raw_date!r} is not a date" + (
            f" in the format {columns.date_format!r}" if columns.date_format else ""
        )
    comment = (
        _EMAIL.sub("[e-mail]", _cell(row, index["comment"]))
        if "comment" in index
        else ""
    )
    respondent = (
        _cell(row, index["respondent"]).lower() if "respondent" in index else ""
    )
    return (
        SurveyResponse(line, responded_at, question, score, tag, comment, respondent),
        "",
    )


def _date(raw: str, date_format: str) -> str:
    if not raw:
        return ""
    if (
        raw.isdigit() and len(raw) >= 9
    ):  # a Unix timestamp (Delighted's API and some exports)
        return datetime.fromtimestamp(int(raw), UTC).strftime(_STORED)
    formats = (date_format,) if date_format else _DATE_FORMATS
    parsed = None
    if not date_format:
        try:
            parsed = datetime.fromisoformat(raw.replace(" UTC", "+00:00"))
        except ValueError:
            parsed = None
    for form in formats if parsed is None else ():
        try:
            parsed = datetime.strptime(raw, form)
            break
        except ValueError:
            continue
    if parsed is None:
        return ""
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC).strftime(_STORED)
    return parsed.strftime(_STORED)
