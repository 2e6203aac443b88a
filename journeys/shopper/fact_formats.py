"""How a fact is printed and typed: the way the card, bill or letter shows it, or as a form asks ("12-34-56").

A format is written as the customer would see an example of it: `"12-34-56"`
or `"#### #### #### ####"` (each letter or digit one character of the fact,
the rest kept as written), or a date as `"DD/MM/YYYY"`, `"MM/DD/YY"`,
`"YYYY-MM-DD"`. The fact keeps its name whatever the format, so typing it
again in another format is still the same fact to the detectors.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import FeatureError

# How each locale prints a date on a letter or a form (strftime); ISO elsewhere.
DATE_FORMATS = {
    "en_GB": "%d/%m/%Y", "en_IE": "%d/%m/%Y", "en_AU": "%d/%m/%Y", "en_US": "%m/%d/%Y", "en_CA": "%Y-%m-%d",
    "de_DE": "%d.%m.%Y", "de_AT": "%d.%m.%Y", "de_CH": "%d.%m.%Y", "fr_FR": "%d/%m/%Y", "es_ES": "%d/%m/%Y",
    "it_IT": "%d/%m/%Y", "nl_NL": "%d-%m-%Y", "pt_PT": "%d/%m/%Y", "pl_PL": "%d.%m.%Y",
}
_DATE_TOKENS = {"YYYY": "%Y", "YY": "%y", "MM": "%m", "DD": "%d"}
_DATE_FORMAT = re.compile(r"(?:YYYY|YY|MM|DD|[^A-Za-z0-9])+")
DATE_FACTS = frozenset({"date_of_birth"})


def date_format(locale: str) -> str:
    return DATE_FORMATS.get(locale, "%Y-%m-%d")


def printed_date(day: date, locale: str) -> str:
    return day.strftime(date_format(locale))


def parse_date(value: str, locale: str) -> date | None:
    """A date printed the locale's way (or ISO), or None."""
    for pattern in (date_format(locale), "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def typed_as(fact: str, value: str, written: str, *, locale: str = "en_GB") -> str:
    """`value` of `fact` in the format `written` ("12-34-56", "DD/MM/YYYY"); a value that cannot fit is a FeatureError."""
    if fact in DATE_FACTS or (_DATE_FORMAT.fullmatch(written) and any(t in written for t in ("DD", "MM", "YY"))):
        day = parse_date(value, locale)
        if day is None or not _DATE_FORMAT.fullmatch(written) or not any(t in written for t in ("DD", "MM", "YY")):
            raise FeatureError(f'as "{written}"', f"my {fact.replace('_', ' ')} is not a date to write that way", 'write a date format, e.g. as "DD/MM/YYYY"')
        pattern = written
        for token, code in _DATE_TOKENS.items():
            pattern = pattern.replace(token, code)
        return day.strftime(pattern)
    characters = [c for c in value if c.isalnum()]
    slots = sum(c.isalnum() or c == "#" for c in written)
    if slots != len(characters):
        raise FeatureError(
            f'as "{written}"',
            f"has {slots} characters for my {fact.replace('_', ' ')}, which has {len(characters)}",
            f'write one digit or # per character, e.g. as "{_example(len(characters))}"',
        )
    given = iter(characters)
    return "".join(next(given) if c.isalnum() or c == "#" else c for c in written)


def iso_date(value: str, locale: str) -> str:
    """The value an <input type="date"> takes for a date printed the locale's way ("" when it is no date)."""
    day = parse_date(value, locale)
    return day.isoformat() if day else ""


def _example(count: int) -> str:
    return " ".join("#" * len(group) for group in re.findall(".{1,4}", "#" * count)) if count else "#"


__all__ = ["DATE_FORMATS", "date_format", "iso_date", "parse_date", "printed_date", "typed_as"]
