"""The Keystroke-Level Model's operators, and the paper's heuristic rules for placing M
(used by time.py).

Card, Moran and Newell, "The keystroke-level model for user performance time with
interactive systems", CACM 23(7), 1980, Figure 2: Rule 0 inserts candidate M's, Rules 1
to 4 delete those a practised user does not need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Operator:
    """One KLM operator the customer performs (or waits through), and the event it
    belongs to.

    `role` says what a K or P does, which is what the rules for M read: "command" (a key
    or pointing that selects a command), "button" (the mouse button ending a pointing),
    "argument" (a character of a typed string), "terminator" (a key ending a variable
    string, e.g. the Enter that sends a message), "constant-terminator",
    "redundant-terminator". `value_start` marks the first character of a web field's
    value, a variable string with no terminator key. `unit` is the cognitive unit (one
    customer action).
    """

    name: str  # K, P, H, M, R or read
    seconds: float
    event: int = -1  # index of the event it belongs to
    role: str = ""
    unit: int = -1
    value_start: bool = False
    # R: the response time measured (seconds may be less: the part the customer waits
    # idle)
    waited_s: float = 0.0


# -- the rules for placing M (Card, Moran and Newell 1980, Figure 2) -------------------


def place_mentals(operators: Sequence[Operator], mental_s: float) -> list[Operator]:
    """Insert M's by Rule 0, then delete them by Rules 1 to 4, in the paper's order."""
    placed = _rule0(operators, mental_s)
    placed = _rule1(placed)
    placed = _rule2(placed)
    placed = _rule3(placed)
    return _rule4(placed)


def _rule0(operators: Sequence[Operator], mental_s: float) -> list[Operator]:
    """Rule 0: an M in front of every K that is not part of an argument string, and
    every P that selects a command.

    A web field's value is a variable string whose end is no key (the customer moves
    on): the M that Rule 4 keeps in front of a variable string's terminator goes in
    front of its first character instead.
    """
    out: list[Operator] = []
    for op in operators:
        wants_m = (
            (op.name == "K" and op.role != "argument")
            or (op.name == "P" and op.role == "command")
            or op.value_start
        )
        if wants_m:
            out.append(Operator("M", mental_s, op.event, "rule0", op.unit))
        out.append(op)
    return out


def _next_physical(ops: Sequence[Operator], index: int) -> Operator | None:
    return ops[index + 1] if index + 1 < len(ops) else None


def _rule1(ops: list[Operator]) -> list[Operator]:
    """Rule 1: delete an M whose next operator is fully anticipated by the one before it
    (P M K -> P K).
    """
    out = []
    for i, op in enumerate(ops):
        after, before = _next_physical(ops, i), ops[i - 1] if i else None
        anticipated = (
            op.name == "M"
            and after is not None
            and before is not None
            and after.name == "K"
            and after.role == "button"
            and before.name == "P"
            and before.unit == after.unit
        )
        if not anticipated:
            out.append(op)
    return out


def _rule2(ops: list[Operator]) -> list[Operator]:
    """Rule 2: within one cognitive unit (choosing from a list, a command's name),
    delete every M but the first.
    """
    out, seen_units = [], set()
    for op in ops:
        if op.name == "M":
            if op.unit in seen_units:
                continue
            seen_units.add(op.unit)
        out.append(op)
    return out


def _rule3(ops: list[Operator]) -> list[Operator]:
    """Rule 3: delete the M in front of a redundant terminator (a command's, right after
    its argument's).
    """
    return [
        op
        for i, op in enumerate(ops)
        if not (op.name == "M" and _role_after(ops, i) == "redundant-terminator")
    ]


def _rule4(ops: list[Operator]) -> list[Operator]:
    """Rule 4: delete the M in front of a K that ends a constant string; keep it before
    a variable string's end.
    """
    return [
        op
        for i, op in enumerate(ops)
        if not (op.name == "M" and _role_after(ops, i) == "constant-terminator")
    ]


def _role_after(ops: Sequence[Operator], index: int) -> str:
    after = _next_physical(ops, index)
    return after.role if after is not None and after.name == "K" else ""
