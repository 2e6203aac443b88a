"""Patterns written in features (`When I note the order number shown as "SH-\\d{6}"`),
run on what a site shows.

A pattern that backtracks catastrophically (`(a+)+$`, `(\\w+\\s?)+$`) can spend minutes
on one page's text, so each is refused by `journeys check` when its shape is a known
trap (a quantified group that holds a quantifier), and runs with a time budget when it
walks (the `regex` module's timeout): past it, the step fails naming the pattern, and
the walk goes on.
"""

from __future__ import annotations

import re

import regex

from journeys.errors import FeatureError

# a pattern finds an order number in a page's text in microseconds; half a second is a
# trap
PATTERN_BUDGET_S = 0.5
FIX = (
    r'write a pattern without a repeated group that repeats inside, e.g. "SH-\d{6}" or'
    r' "Ticket (T-\d+)"'
)


def check_pattern(pattern: str) -> None:
    """A FeatureError when `pattern` has the shape that backtracks without end: a
    quantified group holding a quantifier.
    """
    trap = nested_quantifier(pattern)
    if trap:
        raise FeatureError(
            f'"{pattern}"',
            f"may take minutes on a page's text: {trap} repeats a group that repeats"
            " inside",
            FIX,
        )


def nested_quantifier(pattern: str) -> str:
    """The first group in `pattern` that repeats (+, *, {n,}) and holds a repetition
    itself, as written; "" when none.
    """
    opened: list[
        tuple[int, bool]
    ] = []  # (where the group starts, whether it holds a repetition)
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a character class: its quantifier characters are literal
            index = _class_end(pattern, index)
            continue
        if char == "(":
            opened.append((index, False))
        elif char == ")" and opened:
            start, holds = opened.pop()
            repeated = _unbounded_repeat(pattern, index + 1)
            if holds and repeated:
                return pattern[start : index + 1 + repeated]
            if opened and (holds or repeated):
                opened[-1] = (opened[-1][0], True)
        elif (
            (char in "+*" or (char == "{" and _unbounded_repeat(pattern, index)))
            and opened
            and pattern[index - 1] != "("
        ):
            opened[-1] = (opened[-1][0], True)
        index += 1
    return ""


def _class_end(pattern: str, start: int) -> int:
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


_REPEAT = re.compile(r"[+*]|\{\d*,\d*\}|\{\d{2,}\}")


def _unbounded_repeat(pattern: str, at: int) -> int:
    """The length of the repetition written at `at` (+, *, {2,}, {,9}, {10}…), 0 when
    there is none.
    """
    found = _REPEAT.match(pattern, at)
    return len(found.group(0)) if found else 0


def search(
    pattern: str, text: str, *, budget_s: float = PATTERN_BUDGET_S
) -> regex.Match[str] | None:
    """`pattern` searched in `text` within `budget_s`; past it, a FeatureError naming
    the pattern.
    """
    try:
        return regex.compile(pattern).search(text, timeout=budget_s)
    except TimeoutError:
        raise FeatureError(
            f'"{pattern}"',
            f"was still searching the page's text after {budget_s:g} s",
            FIX,
        ) from None
    except regex.error as error:
        raise FeatureError(
            f'"{pattern}"', f"is not a pattern I can read ({error})", FIX
        ) from None
