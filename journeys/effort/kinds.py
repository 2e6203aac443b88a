"""What each friction kind means and which research finding drives it: the legend of every report."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .frictions import FRICTION_KINDS


@dataclass(frozen=True)
class KindDoc:
    """One row of the legend: how a report names a friction kind and why it counts."""

    kind: str
    label: str  # singular, for "1 dead end"
    plural: str  # for "2 dead ends"
    meaning: str  # one line: what the customer met
    driver: str  # the research finding that makes it effort

    def count(self, n: int) -> str:
        """ "1 re-entry", "2 re-entries"."""
        return f"{n} {self.label if n == 1 else self.plural}"


_ROWS = (
    KindDoc(
        "reentered_data",
        "re-entry",
        "re-entries",
        "A fact the customer had already given (on any channel) was asked for and typed again.",
        'CEB/Gartner effort driver "repeating information" (The Effortless Experience).',
    ),
    KindDoc(
        "dead_end",
        "dead end",
        "dead ends",
        "An error page, a click that did nothing, rage clicks, a loop back without progress, or no way forward.",
        "Frustration signals (dead and rage clicks) and navigation that does not lead anywhere.",
    ),
    KindDoc(
        "bot_loop",
        "bot loop",
        "bot loops",
        "The bot repeated itself, fell back twice in a row, or did not hand over to a human when asked.",
        '"Automation overkill": self-service that traps customers instead of resolving.',
    ),
    KindDoc(
        "channel_switch",
        "channel switch",
        "channel switches",
        'The customer was sent to another channel to finish ("please call us", "open a ticket").',
        'CEB/Gartner effort driver "channel switching".',
    ),
    KindDoc(
        "handoff_context_lost",
        "lost hand-off",
        "lost hand-offs",
        "After a hand-off (bot to human, chat or web to a ticket) the customer had to repeat the problem or a fact.",
        'CEB/Gartner effort driver "transfers" that lose the context.',
    ),
    KindDoc(
        "wait",
        "wait",
        "waits",
        "A page, a reply or a ticket answer took longer than its threshold.",
        "Perceived time and waiting, a main component of customer effort.",
    ),
    KindDoc(
        "error_seen",
        "error seen",
        "errors seen",
        "The customer met a visible error message, a script error, or a bot or desk that failed to answer.",
        "Error clicks and failures in the path: the customer must work around them.",
    ),
    KindDoc(
        "mixed_message",
        "mixed message",
        "mixed messages",
        "What the customer was promised (the ad, an e-mail) was not what they found.",
        '"Disjointed experiences": promises that the journey does not keep.',
    ),
    KindDoc(
        "abandoned",
        "abandonment",
        "abandonments",
        "The customer's patience ran out: the journey was given up before its goal.",
        "The outcome that high effort leads to: 96% of high-effort customers become more disloyal (CEB).",
    ),
)

# kind -> its legend row, in report order (the order of FRICTION_KINDS).
friction_kinds: MappingProxyType[str, KindDoc] = MappingProxyType(
    {row.kind: row for row in sorted(_ROWS, key=lambda r: FRICTION_KINDS.index(r.kind))}
)


def describe(kind: str) -> KindDoc:
    """The legend row of `kind`; an unknown kind (a plug-in's) gets a plain row rather than an error."""
    words = kind.replace("_", " ")
    return friction_kinds.get(kind) or KindDoc(kind, words, words + "s", words, "")
