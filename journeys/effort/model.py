"""The effort model: how many effort points each step and friction costs, and when a
thing is "too slow".

Configured in `pyproject.toml` under `[tool.journeys.effort]`; every key is optional and
falls back to the defaults below::

    [tool.journeys.effort]
    step_points = 1.0        # each customer action (click, field typed, message, ...)
    moment_factor = 1.5      # weight of steps and frictions in a @moment-that-matters
    neutral_points = 75.0    # effort points scoring 4, the middle of the 1..7 scale

    [tool.journeys.effort.points]      # effort points per friction kind
    reentered_data = 15
    dead_end = 15

    [tool.journeys.effort.thresholds]
    page_load_ms = 3000      # a page slower than this is a wait
    bot_reply_ms = 4000      # a bot reply slower than this is a wait
    agent_reply_ms = 60000   # a human agent's chat reply slower than this is a wait
    ticket_answer_ms = 15000 # a ticket answer slower than this is a wait
    dead_click_ms = 100      # a click with no effect within this is a dead click
    rage_clicks = 3          # this many clicks on the same target ...
    rage_window_s = 1.0      # ... within this many seconds are rage clicks
    bot_similarity = 0.85    # bot replies this similar (0..1, difflib ratio) repeat
    human_handoff_turns = 2  # turns after asking for a human within which one answers

    [tool.journeys.effort.time]        # the Keystroke-Level Model's operator times
    typist = "average"       # K per key: average 0.28 s, skilled 0.20 s, slow 0.50 s
    keystroke_s = 0.28       # K, instead of a typist profile
    pointing_s = 1.1         # P, pointing with the mouse
    homing_s = 0.4           # H, moving the hands between mouse and keyboard
    mental_s = 1.35          # M, mental preparation
    reading_wpm = 238        # silent reading rate for what the customer must read
    lost_time_threshold_s = 30  # compare: more time lost than this is a regression

Scalars sit in the main table, per-kind points in `.points`, limits in `.thresholds`:
one place for each key, so a key in the wrong table is an error that says where it
belongs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError, did_you_mean
from .kinds import FrictionKind, KindTable, friction_kinds

SECTION = "tool.journeys.effort"

# Effort points per friction kind, from the kind table (kinds.py says why these
# numbers).
DEFAULT_POINTS: Mapping[str, float] = friction_kinds.default_points()

_SCALARS = ("step_points", "moment_factor", "neutral_points")
_TABLES = ("points", "thresholds", "time")
_INT_THRESHOLDS = ("rage_clicks", "human_handoff_turns")


@dataclass(frozen=True)
class EffortModel:
    """Weights and thresholds of the effort model; `EffortModel()` is the documented
    default.
    """

    step_points: float = 1.0
    moment_factor: float = 1.5
    neutral_points: float = 75.0
    points: Mapping[str, float] = field(
        default_factory=lambda: DEFAULT_POINTS, hash=False
    )
    kinds: KindTable = field(
        default=friction_kinds, hash=False, repr=False
    )  # which kinds exist, their default points
    page_load_ms: float = 3000.0
    bot_reply_ms: float = 4000.0
    agent_reply_ms: float = 60000.0
    ticket_answer_ms: float = 15000.0
    hold_ms: float = 60000.0  # on hold on the phone longer than this is a wait
    dead_click_ms: float = 100.0
    rage_clicks: int = 3
    rage_window_s: float = 1.0
    bot_similarity: float = 0.85
    human_handoff_turns: int = 2
    time: TimeModel = field(default_factory=lambda: TimeModel(), hash=False)

    def __post_init__(self) -> None:
        # A partial `points` (only the kinds you care about) keeps the defaults for the
        # rest.
        object.__setattr__(
            self,
            "points",
            MappingProxyType({**self.kinds.default_points(), **dict(self.points)}),
        )

    def points_for(self, kind: FrictionKind | str, *, moment: bool = False) -> float:
        """Effort points of one friction of `kind`, weighed up inside a moment that
        matters.

        A kind this model does not know is a mistake in a detector, never 0 points.
        """
        name = kind if isinstance(kind, str) else kind.name
        if name not in self.points:
            raise KeyError(
                f"friction kind {name!r} is not in this model's table: "
                "declare it in journeys/effort/kinds.py"
            )
        return self.points[name] * (self.moment_factor if moment else 1.0)

    def step_weight(self, *, moment: bool = False) -> float:
        """Effort points of one customer action."""
        return self.step_points * (self.moment_factor if moment else 1.0)

    @classmethod
    def from_config(
        cls, section: Mapping[str, Any] | None, *, kinds: KindTable = friction_kinds
    ) -> EffortModel:
        """Build the model from `[tool.journeys.effort]`; a wrong key or value is a
        ConfigError naming it.
        """
        section = dict(section or {})
        values: dict[str, Any] = {"kinds": kinds}
        for key, value in section.items():
            if key in _SCALARS:
                values[key] = _number(f"{SECTION}.{key}", value, key)
            elif key == "points":
                values["points"] = _points(_table(key, value), kinds)
            elif key == "thresholds":
                values.update(_thresholds(_table(key, value)))
            elif key == "time":
                values["time"] = TimeModel.from_config(_table(key, value))
            elif key in TIME_KEYS:
                raise ConfigError(
                    f"{SECTION}.{key}",
                    "is an operator time",
                    f"put it under [{SECTION}.time]",
                )
            elif key in THRESHOLDS:
                raise ConfigError(
                    f"{SECTION}.{key}",
                    "is a threshold",
                    f"put it under [{SECTION}.thresholds]",
                )
            elif key in kinds:
                raise ConfigError(
                    f"{SECTION}.{key}",
                    "is a friction kind",
                    f"put its points under [{SECTION}.points]",
                )
            else:
                raise ConfigError(
                    f"{SECTION}.{key}",
                    "is not a setting",
                    _did_you_mean(key, [*_SCALARS, *_TABLES]),
                )
        model = cls(**values)
        if model.moment_factor < 1:
            raise ConfigError(
                f"{SECTION}.moment_factor",
                f"must be at least 1, not {model.moment_factor:g}",
                "a moment that matters weighs more, never less",
            )
        if model.neutral_points <= 0:
            raise ConfigError(
                f"{SECTION}.neutral_points",
                f"must be more than 0, not {model.neutral_points:g}",
            )
        return model


THRESHOLDS: tuple[str, ...] = tuple(
    f.name for f in fields(EffortModel) if f.name not in (*_SCALARS, *_TABLES, "kinds")
)


# Card, Moran and Newell 1980, Figure 1: K by typing skill. "slow" is their "typing
# random letters" (0.50 s), not the "worst typist" (1.20 s), who is no first-time
# customer of an online shop.
TYPISTS: Mapping[str, float] = MappingProxyType(
    {"average": 0.28, "skilled": 0.20, "slow": 0.50}
)


@dataclass(frozen=True)
class TimeModel:
    """The Keystroke-Level Model's operator times and the reading rate; `TimeModel()`
    holds the published values.
    """

    typist: str = "average"
    keystroke_s: float = TYPISTS["average"]  # K: a key or button press
    pointing_s: float = 1.1  # P: point with the mouse at a target on the screen
    homing_s: float = 0.4  # H: move the hands between keyboard and mouse
    mental_s: float = 1.35  # M: mentally prepare for the next action
    reading_wpm: float = 238.0  # Brysbaert 2019: silent reading of English non-fiction
    speaking_wpm: float = (
        150.0  # a phone line's prompts, and the caller's phrases: conversational speech
    )
    # journeys compare: more lost time than the last run by this is a regression
    lost_time_threshold_s: float = 30.0

    @classmethod
    def from_config(cls, table: Mapping[str, Any]) -> TimeModel:
        """Build from `[tool.journeys.effort.time]`; a wrong key or value is a
        ConfigError naming it.
        """
        values: dict[str, Any] = {}
        for key, value in table.items():
            where = f"{SECTION}.time.{key}"
            if key == "typist":
                if value not in TYPISTS:
                    raise ConfigError(
                        where,
                        f"must be one of {', '.join(TYPISTS)}, not {value!r}",
                        'write typist = "average"',
                    )
                values["typist"] = value
            elif key in TIME_KEYS:
                values[key] = _number(
                    where, value, key, example=f"{getattr(cls, key):g}"
                )
            else:
                raise ConfigError(
                    where,
                    "is not an operator time",
                    _did_you_mean(key, ["typist", *TIME_KEYS]),
                )
        if "keystroke_s" in values and "typist" in values:
            raise ConfigError(
                f"{SECTION}.time.keystroke_s",
                "and typist both set K",
                "keep one of them",
            )
        if "keystroke_s" not in values:
            values["keystroke_s"] = TYPISTS[values.get("typist", "average")]
        for key in ("keystroke_s", "pointing_s", "mental_s"):
            if values.get(key, 1.0) == 0:
                raise ConfigError(
                    f"{SECTION}.time.{key}",
                    "must be more than 0",
                    f"write {key} = {getattr(cls, key):g}",
                )
        if not 50 <= values.get("speaking_wpm", 150.0) <= 1000:
            raise ConfigError(
                f"{SECTION}.time.speaking_wpm",
                "must be between 50 and 1000 words a minute, not"
                f" {values['speaking_wpm']:g}",
                "write speaking_wpm = 150",
            )
        if not 50 <= values.get("reading_wpm", 238.0) <= 1000:
            raise ConfigError(
                f"{SECTION}.time.reading_wpm",
                "must be between 50 and 1000 words a minute, not"
                f" {values['reading_wpm']:g}",
                "write reading_wpm = 238",
            )
        return cls(**values)


TIME_KEYS: tuple[str, ...] = (
    "keystroke_s",
    "pointing_s",
    "homing_s",
    "mental_s",
    "reading_wpm",
    "speaking_wpm",
    "lost_time_threshold_s",
)


def _table(key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"{SECTION}.{key}", "must be a table", f"write it as [{SECTION}.{key}]"
        )
    return value


def _points(table: Mapping[str, Any], kinds: KindTable) -> dict[str, float]:
    points = {}
    for kind, value in table.items():
        if kind not in kinds:
            raise ConfigError(
                f"{SECTION}.points.{kind}",
                "is not a friction kind",
                _did_you_mean(kind, list(kinds)),
            )
        points[kind] = _number(f"{SECTION}.points.{kind}", value, kind)
    return points


def _thresholds(table: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{SECTION}.thresholds.{key}"
        if key not in THRESHOLDS:
            raise ConfigError(
                where, "is not a threshold", _did_you_mean(key, list(THRESHOLDS))
            )
        if key in _INT_THRESHOLDS:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(
                    where, f"must be a whole number, not {value!r}", f"write {key} = 3"
                )
            if value < 1:
                raise ConfigError(where, f"must be at least 1, not {value}")
            values[key] = value
            continue
        number = _number(where, value, key)
        if key == "bot_similarity" and number > 1:
            raise ConfigError(
                where,
                f"must be between 0 and 1, not {number:g}",
                "write bot_similarity = 0.85",
            )
        if key == "rage_window_s" and number == 0:
            raise ConfigError(where, "must be more than 0", "write rage_window_s = 1.0")
        values[key] = number
    return values


def _number(where: str, value: Any, key: str, *, example: str = "") -> float:
    # TOML booleans are ints in Python; `dead_end = true` is a mistake, not 1 point.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(
            where,
            f"must be a number, not {value!r}",
            f"write {key} = {example or _example(key)}",
        )
    if value < 0:
        raise ConfigError(where, f"must be at least 0, not {value:g}")
    return float(value)


def _example(key: str) -> str:
    defaults = {
        f.name: f.default
        for f in fields(EffortModel)
        if f.name not in ("points", "kinds", "time")
    }
    value = defaults.get(key, DEFAULT_POINTS.get(key, 1.0))
    return f"{value:g}"


def _did_you_mean(word: str, choices: list[str]) -> str:
    return did_you_mean(word, choices, otherwise="use one of")
