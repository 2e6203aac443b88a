"""effort.json and effort.csv: the walk as plain files, for people and for other
tools.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from journeys.effort.frictions import Friction
from journeys.effort.result import JourneyResult, RunInfo
from journeys.files import write_atomically

from .shown import score_text
from .time_trends import CHECKOUT_BENCHMARK, time_cells

__all__ = [
    "CSV_COLUMNS",
    "RunRecordPaths",
    "journey_record",
    "load_effort_json",
    "write_effort_csv",
    "write_effort_json",
]

CSV_COLUMNS = (
    "run_id",
    "feature",
    "scenario",
    "stage",
    "outcome",
    "steps",
    "score",
    "points",
    "frictions",
    "friction_kinds",
)
# The time estimate (journeys.effort.time), after the columns above so that existing
# readers keep their positions.
TIME_COLUMNS = ("customer_time_s", "lost_time_s", "fields_seen", "fields_filled")

# The documented names come first in every journey, in this order; the rest of
# JourneyResult follows.
_JOURNEY_HEAD = (
    "feature",
    "scenario",
    "stage",
    "outcome",
    "steps",
    "score",
    "points",
    "frictions",
    "why_not_7",
    "budgets",
)


@dataclass(frozen=True)
class RunRecordPaths:
    """Where record_run wrote: the files a user opens and the history it stored into."""

    effort_json: Path
    effort_csv: Path
    effort_html: Path
    history_url: str


def friction_record(friction: Friction) -> dict[str, Any]:
    """A friction for effort.json: `step` is the Gherkin step as written, `step_index`
    its position.
    """
    return {
        "kind": friction.kind,
        "step": friction.step_text,
        "step_index": friction.step,
        "points": friction.points,
        "evidence": friction.evidence,
        "where": friction.where,
        "excerpt": friction.excerpt,
        "screenshot": friction.screenshot,
        "lost_time_s": friction.lost_time_s,
    }


def journey_record(result: JourneyResult) -> dict[str, Any]:
    """One journey as effort.json shows it (JourneyResult.to_dict with readable
    frictions; no score when broken).
    """
    raw = result.record()
    if not result.mail:
        del raw["mail"]
    raw["outcome"] = str(result.outcome)
    if not result.walked:
        raw["score"] = (
            # a broken walk has no score: a number here would read as the customer's
            None
        )
    raw["frictions"] = [friction_record(f) for f in result.frictions]
    raw["budgets_met"] = result.budgets_met
    if result.stage == "buy":
        raw["form_benchmark"] = dict(
            CHECKOUT_BENCHMARK
        )  # Baymard: what the checkout's fields_seen compares with
    ordered = {key: raw.pop(key) for key in _JOURNEY_HEAD}
    ordered.update(raw)
    return ordered


def _friction_from_record(raw: dict[str, Any]) -> Friction:
    fields = dict(raw)
    step_text = fields.pop("step", "")
    fields["step"] = fields.pop("step_index", -1)
    fields["step_text"] = step_text if isinstance(step_text, str) else ""
    return Friction.from_dict(fields)


def load_effort_json(path: Path) -> tuple[RunInfo, list[JourneyResult]]:
    """Read an effort.json back into records (e.g. to rebuild reports or store a walk
    made elsewhere).
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    # A file someone wrote by hand, or another tool's: its shape is said in one line,
    # never an AttributeError.
    if not isinstance(raw, dict):
        kind = {
            list: "a list",
            str: "a text",
            int: "a number",
            float: "a number",
            bool: "true or false",
        }.get(type(raw), "null")
        raise TypeError(f'it holds {kind}, not an object with "run" and "journeys"')
    if not isinstance(raw.get("run"), dict):
        raise TypeError('its "run" is not an object (run_id, started_at, target…)')
    if not isinstance(raw.get("journeys", []), list) or not all(
        isinstance(j, dict) for j in raw.get("journeys", [])
    ):
        raise TypeError('its "journeys" is not a list of objects')
    results = []
    for journey in raw.get("journeys", []):
        journey = dict(journey)
        frictions = [_friction_from_record(f) for f in journey.pop("frictions", [])]
        if journey.get("score") is None:
            journey.pop("score", None)
        result = JourneyResult.from_dict(journey)
        results.append(replace(result, frictions=tuple(frictions)))
    return RunInfo.from_dict(raw["run"]), results


def write_effort_json(
    path: Path, run: RunInfo, results: Sequence[JourneyResult]
) -> Path:
    document = {"run": run.to_dict(), "journeys": [journey_record(r) for r in results]}
    if not run.mail:  # e-mails are counted only where the walk's sink kept them
        del document["run"]["mail"]
    write_atomically(
        path, json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
    )
    return path


def write_effort_csv(
    path: Path, run: RunInfo, results: Sequence[JourneyResult]
) -> Path:
    rows = []
    for result in results:
        kinds = list(dict.fromkeys(f.kind for f in result.frictions))
        rows.append(
            {
                "run_id": run.run_id,
                "feature": result.feature,
                "scenario": result.scenario,
                "stage": result.stage,
                "outcome": str(result.outcome),
                "steps": result.steps,
                "score": score_text(result, ".2f"),
                "points": f"{result.points:.2f}",
                "frictions": len(result.frictions),
                "friction_kinds": " ".join(kinds),
                **time_cells(result),
            }
        )
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=(*CSV_COLUMNS, *TIME_COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return write_atomically(path, text.getvalue(), newline="")
