"""Errors meant for people: one or two lines naming the file:line or key and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable


def first_line(error: BaseException, limit: int = 400) -> str:
    """An exception's message as one line for a person: its first line, or its type's
    name when it has none.
    """
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:limit]


class JourneysError(Exception):
    """A user's mistake or an unreachable target: shown as a short message, exit
    code 2.
    """

    exit_code = 2


class ConfigError(JourneysError):
    """A wrong key or value in [tool.journeys] (or its JOURNEYS_* override)."""

    def __init__(self, key: str, problem: str, fix: str = "") -> None:
        self.key = key
        self.problem = problem
        self.fix = fix
        message = f"config: {key}: {problem}"
        if fix:
            message += f"\n  fix: {fix}"
        super().__init__(message)


class TargetUnreachable(JourneysError):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        super().__init__(
            f"target {url} is unreachable ({reason})\n  fix: start the site, or correct"
            " base_url / --target (leave it empty to walk the demo shop)"
        )


class FeatureError(JourneysError):
    """A problem in a feature file: bad Gherkin, unknown step or tag, unknown persona
    fact.
    """

    def __init__(self, where: str, problem: str, fix: str = "") -> None:
        self.where = where
        message = f"{where}: {problem}"
        if fix:
            message += f"\n  fix: {fix}"
        super().__init__(message)


class MissingAbility(JourneysError):
    """The shopper was asked to use a channel that is not configured (Screenplay
    style).
    """


class StepDoesNotFit(Exception):
    """A step names something the site does not have: the feature no longer fits the
    site (the journey is broken).
    """


class BudgetExceeded(AssertionError):
    """A journey cost more than its budget allows (a red nightly run, not a broken
    walk).
    """


class JourneyAbandoned(AssertionError):
    """The customer gave up: their patience ran out or what they came for never showed
    (a finding).
    """


def did_you_mean(
    word: str,
    choices: Iterable[str],
    *,
    otherwise: str = "known keys",
    shown: Callable[[str], str] = repr,
    cutoff: float = 0.6,
) -> str:
    """The fix for a misspelt name: the closest choice ("did you mean 'adapter'?"), else
    every choice.
    """
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if close:
        return f"did you mean {shown(close[0])}?"
    return f"{otherwise}: {', '.join(choices)}"
