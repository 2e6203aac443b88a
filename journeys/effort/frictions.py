"""Frictions: what the detectors find in the events, each with its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .kinds import friction_kinds

# The names of the built-in friction kinds, in report order: read from the one table in
# kinds.py.
FRICTION_KINDS: tuple[str, ...] = friction_kinds.names


@dataclass(frozen=True, kw_only=True)
class Friction:
    kind: str
    points: float
    step: int  # index of the Gherkin step it happened in
    evidence: str  # one sentence a reader understands: what happened
    where: str = ""  # URL, channel or "chat turn 4"
    excerpt: str = ""  # transcript lines or page text that show it
    step_text: str = ""
    screenshot: str = ""  # path relative to the reports folder, when taken
    # customer time it cost (time.py: the operators of the events that caused it)
    lost_time_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Friction:
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})
