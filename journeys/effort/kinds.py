"""The friction kinds, declared once: name, titles, default points, meaning and the
research behind each.

Each kind is a value (`DEAD_END`, `WAIT`, ...): detectors, the model and the time
estimate use the value, never its name, so a misspelt kind cannot import. Every other
place reads the table: the model's default points and the names
`[tool.journeys.effort.points]` accepts, the Allure categories, the effort page's legend
and bars, budget details, compare's kind order. The name is what effort.json and the
history store. Adding a kind is a value here, in the table, and its detector
(docs/extending.md); nothing else.

The points: a step costs 1; a friction costs what a customer would trade for about
fifteen extra clicks. The effort research (CEB, "The Effortless Experience") finds that
the drivers, not the number of clicks, make a journey feel hard. Transfers and channel
switches are the strongest drivers, so they cost most; a wait is the mildest. An
abandonment's points count only when no friction before it explains why the customer
gave up: otherwise it carries the cap on the score, not a second copy of its cause.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class TimeRule(StrEnum):
    """Which customer time a friction of a kind cost (time.py reads it, never a kind's
    name).
    """

    # The operators of the events that showed it, and what their type implies:
    # clicks retried in vain, the message an unhelpful reply answered, keys a
    # transfer dropped, the dismissal an overlay forced.
    EVENTS = "events"
    # A page that led nowhere: the click that led there, the page, the way back.
    ROUND_TRIP = "round_trip"
    # A question asked again after a hand-off: the reply and the customer's answer.
    ANSWERED_AGAIN = "answered_again"
    # A wait: the part of the response over its limit (_waits.py).
    OVER_LIMIT = "over_limit"
    # Giving up: the whole step's detour that led nowhere.
    DETOUR = "detour"
    # A promise not kept costs trust; the time spent looking is not in the events.
    NOTHING = "nothing"


@dataclass(frozen=True, kw_only=True)
class FrictionKind:
    """One friction kind as every report names it and the model weighs it."""

    name: str  # as stored: "dead_end"
    title: str  # a heading: "Dead end"
    label: str  # singular, counted: "1 dead end"
    plural: str  # "2 dead ends"
    finding: str  # a category of findings: "Customer hit a dead end"
    points: float  # default effort points of one friction of this kind
    meaning: str  # one line: what the customer met
    driver: str  # the research finding that makes it effort
    time_rule: TimeRule = TimeRule.EVENTS  # the customer time it cost (time.py)

    def __str__(self) -> str:
        return self.name

    def count(self, n: int) -> str:
        """ "1 re-entry", "2 re-entries"."""
        return f"{n} {self.label if n == 1 else self.plural}"


class KindTable(Mapping[str, FrictionKind]):
    """Friction kinds by name, in report order; `plus` makes a copy with more (a
    plug-in's, a test's).
    """

    def __init__(self, rows: Iterable[FrictionKind]) -> None:
        self._rows: dict[str, FrictionKind] = {}
        for row in rows:
            if row.name in self._rows:
                raise ValueError(f"friction kind {row.name!r} is declared twice")
            self._rows[row.name] = row

    def __getitem__(self, name: str) -> FrictionKind:
        return self._rows[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __hash__(
        self,
    ) -> int:  # read-only after construction, so it may be a dataclass default
        return hash(tuple(self._rows.values()))

    def __repr__(self) -> str:
        return f"KindTable({', '.join(self._rows)})"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._rows)

    def default_points(self) -> Mapping[str, float]:
        """Kind -> its default effort points, read-only."""
        return MappingProxyType({name: row.points for name, row in self._rows.items()})

    def describe(self, name: str) -> FrictionKind:
        """The row of `name`; a kind nobody declared (an old history's) gets a plain row
        rather than an error.
        """
        if name in self._rows:
            return self._rows[name]
        words = name.replace("_", " ")
        return FrictionKind(
            name=name,
            title=words.capitalize(),
            label=words,
            plural=words + "s",
            finding=words.capitalize(),
            points=0.0,
            meaning=words,
            driver="",
        )

    def plus(self, *rows: FrictionKind) -> KindTable:
        """A copy of the table with `rows` added at the end."""
        return KindTable((*self._rows.values(), *rows))


REENTERED_DATA = FrictionKind(
    name="reentered_data",
    title="Re-entered data",
    label="re-entry",
    plural="re-entries",
    finding="Customer re-entered data",
    points=15.0,
    meaning=(
        "A fact the customer had already given (on any channel) was asked for and typed"
        " again."
    ),
    driver=(
        'CEB/Gartner effort driver "repeating information" (The Effortless Experience).'
    ),
)

DEAD_END = FrictionKind(
    name="dead_end",
    title="Dead end",
    label="dead end",
    plural="dead ends",
    finding="Customer hit a dead end",
    points=15.0,
    meaning=(
        "An error page, a click that did nothing, rage clicks, a loop back without"
        " progress, or no way forward."
    ),
    driver=(
        "Frustration signals (dead and rage clicks) and navigation that does not lead"
        " anywhere."
    ),
    time_rule=TimeRule.ROUND_TRIP,
)

BOT_LOOP = FrictionKind(
    name="bot_loop",
    title="Bot loop",
    label="bot loop",
    plural="bot loops",
    finding="Bot went round in circles",
    points=15.0,
    meaning=(
        "The bot repeated itself, fell back twice in a row, or did not hand over to a"
        " human when asked."
    ),
    driver=(
        '"Automation overkill": self-service that traps customers instead of resolving.'
    ),
)

NOT_UNDERSTOOD = FrictionKind(
    name="not_understood",
    title="Bot did not understand",
    label="reply not understood",
    plural="replies not understood",
    finding="Bot did not understand",
    points=12.0,
    meaning=(
        "The bot did not understand the customer once: a fallback, a greeting for an"
        " answer, or a nearest-match answer below the bot's own confidence."
    ),
    driver=(
        '"Automation overkill": each misunderstood message is a turn the customer'
        " spends for nothing."
    ),
)

CHANNEL_SWITCH = FrictionKind(
    name="channel_switch",
    title="Sent to another channel",
    label="channel switch",
    plural="channel switches",
    finding="Customer sent to another channel",
    points=20.0,
    meaning=(
        'The customer was sent to another channel to finish ("please call us", "open a'
        ' ticket").'
    ),
    driver='CEB/Gartner effort driver "channel switching".',
)

HANDOFF_CONTEXT_LOST = FrictionKind(
    name="handoff_context_lost",
    title="Hand-off lost context",
    label="lost hand-off",
    plural="lost hand-offs",
    finding="Hand-off lost the context",
    points=20.0,
    meaning=(
        "After a hand-off (bot to person, person to person, chat or web to a ticket)"
        " the customer had to repeat the problem or a fact, or was passed on yet again."
    ),
    driver=(
        'CEB/Gartner effort driver "transfers": being shuffled between agents, each one'
        " losing the context."
    ),
    time_rule=TimeRule.ANSWERED_AGAIN,
)

WAIT = FrictionKind(
    name="wait",
    title="Waiting",
    label="wait",
    plural="waits",
    finding="Customer waited too long",
    points=10.0,
    meaning="A page, a reply or a ticket answer took longer than its threshold.",
    driver="Perceived time and waiting, a main component of customer effort.",
    time_rule=TimeRule.OVER_LIMIT,
)

ERROR_SEEN = FrictionKind(
    name="error_seen",
    title="Error seen",
    label="error seen",
    plural="errors seen",
    finding="Customer saw an error",
    points=12.0,
    meaning=(
        "The customer met a visible error message, a script error, or a bot or desk"
        " that failed to answer."
    ),
    driver="Error clicks and failures in the path: the customer must work around them.",
)

MIXED_MESSAGE = FrictionKind(
    name="mixed_message",
    title="Mixed message",
    label="mixed message",
    plural="mixed messages",
    finding="Mixed message",
    points=12.0,
    meaning=(
        "What the customer was promised (the ad, an e-mail) was not what they found."
    ),
    driver='"Disjointed experiences": promises that the journey does not keep.',
    time_rule=TimeRule.NOTHING,
)

DUPLICATE_MESSAGE = FrictionKind(
    name="duplicate_message",
    title="Duplicate message",
    label="duplicate message",
    plural="duplicate messages",
    finding="Same message sent twice",
    points=8.0,
    meaning=(
        "The company sent the same or a near-same message twice (two confirmations of"
        " one order)."
    ),
    driver=(
        '"Duplicate communications": repeated contacts make the customer wonder what'
        " went wrong."
    ),
)

WRONG_DEFAULT = FrictionKind(
    name="wrong_default",
    title="Wrong default",
    label="wrong default",
    plural="wrong defaults",
    finding="Customer corrected a wrong default",
    points=8.0,
    meaning=(
        "A value the site prefilled contradicted what the customer is (a country"
        ' defaulting to "Afghanistan"): they had to notice it and change it.'
    ),
    driver=(
        "Defaults save effort only when they fit: a wrong one adds a check and a"
        " correction, and goes unnoticed by the customers who then get it wrong."
    ),
)

BARRIER = FrictionKind(
    name="barrier",
    title="Accessibility barrier",
    label="barrier",
    plural="barriers",
    finding="Customer met an accessibility barrier",
    points=15.0,
    meaning=(
        "A control the journey needed failed an accessibility rule (axe-core) or could"
        " not be reached or worked with the keyboard alone: a focus trap, focus lost, a"
        " control Tab never reaches."
    ),
    driver=(
        "About one person in six lives with a significant disability (WHO, 2023): a"
        " control without a name or out of the keyboard's reach stops them outright."
    ),
)

ABANDONED = FrictionKind(
    name="abandoned",
    title="Gave up",
    label="abandonment",
    plural="abandonments",
    finding="Customer gave up",
    points=30.0,
    meaning=(
        "The customer's patience ran out: the journey was given up before its goal."
    ),
    driver=(
        "The outcome that high effort leads to: 96% of high-effort customers become"
        " more disloyal (CEB)."
    ),
    time_rule=TimeRule.DETOUR,
)

# The built-in kinds, in report order.
friction_kinds = KindTable(
    (
        REENTERED_DATA,
        DEAD_END,
        BOT_LOOP,
        NOT_UNDERSTOOD,
        CHANNEL_SWITCH,
        HANDOFF_CONTEXT_LOST,
        WAIT,
        ERROR_SEEN,
        MIXED_MESSAGE,
        DUPLICATE_MESSAGE,
        WRONG_DEFAULT,
        BARRIER,
        ABANDONED,
    )
)


def describe(kind: str) -> FrictionKind:
    """The row of `kind` in the built-in table (a plain row for a kind nobody
    declared).
    """
    return friction_kinds.describe(kind)
