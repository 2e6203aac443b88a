"""JourneyResult: the one plain record every report reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from .frictions import Friction


class Outcome(StrEnum):
    """How a journey ended; str-valued, so effort.json, CSV and history keep "completed"
    etc.
    """

    COMPLETED = "completed"  # the customer got to the end
    ABANDONED = "abandoned"  # the customer gave up, or the site stopped them: a finding
    # we could not walk it (a step that no longer fits a page that answered normally,
    # our bug)
    BROKEN = "broken"
    # The walk was stopped, not the journey: neither is a finding, and neither counts in
    # any score.
    INTERRUPTED = "interrupted"  # stopped as it walked (SIGTERM, Ctrl-C, the deadline)
    NOT_WALKED = "not walked"  # the walk stopped before this journey started


# Outcomes whose score means nothing about the customer: trends and totals leave them
# out.
UNSCORED = frozenset({Outcome.BROKEN, Outcome.INTERRUPTED, Outcome.NOT_WALKED})

STAGES: tuple[str, ...] = (
    "discover",
    "evaluate",
    "buy",
    "access",
    "use",
    "support",
    "engage",
)


@dataclass(frozen=True, kw_only=True)
class PointLost:
    """One line of "why not 7": what cost the customer, in effort points and in
    score.
    """

    what: str
    points: float
    score: float
    kind: str = "step"  # "step" or a friction kind
    step: int = -1


@dataclass(frozen=True, kw_only=True)
class BudgetCheck:
    budget: str  # e.g. "CES at least 5"
    met: bool
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class JourneyResult:
    feature: str
    scenario: str
    stage: str = ""
    outcome: Outcome = Outcome.COMPLETED
    steps: int = 0  # customer actions: the base effort
    points: float = 0.0
    score: float = 7.0
    frictions: tuple[Friction, ...] = ()
    why_not_7: tuple[PointLost, ...] = ()
    budgets: tuple[BudgetCheck, ...] = ()
    tags: tuple[str, ...] = ()
    node_id: str = ""
    feature_path: str = ""
    persona: dict[str, str] = field(default_factory=dict)
    # why the harness broke (Outcome.BROKEN), or what stopped the walk (INTERRUPTED,
    # NOT_WALKED)
    error: str = ""
    started_at: str = ""
    duration_s: float = 0.0
    transcript: tuple[dict[str, Any], ...] = ()
    screenshots: tuple[str, ...] = ()
    # The Keystroke-Level Model estimate (time.py): a first-time customer's time, the
    # part frictions cost, per operator {"K": {"count": 41, "seconds": 11.48}, ...}, and
    # the form fields they had to consider.
    customer_time_s: float = 0.0
    lost_time_s: float = 0.0
    time_operators: dict[str, dict[str, float]] = field(default_factory=dict)
    forms: tuple[
        dict[str, Any], ...
    ] = ()  # per form: page, form, fields_seen, fields_filled
    fields_seen: int = 0
    fields_filled: int = 0
    # What the reports show beside the effort, carried so that a report reads the result
    # alone: the failure message (with the Allure categories' markers, failure.py), the
    # e-mails the walk's sink received for this journey ({"received": n}; {} when no
    # sink counted), and the chat, support and phone HTTP exchanges, secrets redacted
    # (kept in Allure, not in the record files).
    failure: str = ""
    mail: dict[str, int] = field(default_factory=dict)
    exchanges: tuple[dict[str, Any], ...] = ()
    # the phone calls' choices, "1 > [order number] > 0" (calls apart by " | "); "" with
    # no call
    menu_path: str = ""
    # Every page axe-core checked: {"url", "step", "violations": [{"rule", "level",
    # "help", "help_url", "markup", "on_path": the elements the customer used}]}; the
    # barriers among them are frictions, the rest evidence.
    accessibility: tuple[dict[str, Any], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "outcome", Outcome(self.outcome)
        )  # "broken" from JSON or a caller: the enum

    @property
    def walked(self) -> bool:
        """Whether the customer's effort counts: completed or abandoned (not broken,
        interrupted or not walked).
        """
        return self.outcome in (Outcome.COMPLETED, Outcome.ABANDONED)

    @property
    def stopped(self) -> bool:
        """The walk was stopped before this journey ended: no finding about the site,
        nor about the harness.
        """
        return self.outcome in (Outcome.INTERRUPTED, Outcome.NOT_WALKED)

    @property
    def budgets_met(self) -> bool:
        return all(b.met for b in self.budgets)

    @property
    def passed(self) -> bool:
        return self.walked and self.budgets_met

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def record(self) -> dict[str, Any]:
        """What a record file keeps of the journey (effort.json, history): all but the
        HTTP exchanges.
        """
        raw = self.to_dict()
        del raw["exchanges"]
        return raw

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> JourneyResult:
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        known["frictions"] = tuple(
            Friction.from_dict(f) for f in raw.get("frictions", ())
        )
        known["why_not_7"] = tuple(PointLost(**p) for p in raw.get("why_not_7", ()))
        known["budgets"] = tuple(BudgetCheck(**b) for b in raw.get("budgets", ()))
        for name in (
            "tags",
            "transcript",
            "screenshots",
            "forms",
            "accessibility",
            "exchanges",
        ):
            known[name] = tuple(raw.get(name, ()))
        return cls(**known)


@dataclass(frozen=True, kw_only=True)
class RunInfo:
    """One walk of the suite: what was walked, when, with what."""

    run_id: str
    started_at: str  # ISO 8601, UTC
    finished_at: str = ""
    target: str = ""  # base URL walked
    demo: str = ""  # demo mode when the bundled shop was walked, else ""
    seed: int = 0
    commit: str = ""
    browser: str = ""
    # a Playwright device descriptor ("iPhone 13") when walked as one, "" for desktop
    device: str = ""
    duration_s: float = 0.0
    # "I/N" when this is one CI runner's part of a walk (`journeys walk --shard`); ""
    # for a whole run
    shard: str = ""
    # The machine's load (os.getloadavg, 1 minute) as the walk started and ended, and
    # its cores: how busy the runner was. Waits are the site's time by the browser's
    # resource timing; this says what else the machine was doing.
    load_at_start: float = 0.0
    load_at_end: float = 0.0
    cores: int = 0
    # The e-mails the walk's SMTP sink kept: {"received": n, "ignored": n} (for no
    # persona of the run); {} when no sink kept any.
    mail: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunInfo:
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})
