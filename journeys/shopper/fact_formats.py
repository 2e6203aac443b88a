"""How a fact is printed and typed: the way the card, bill or letter shows it, or as a
form asks ("12-34-56").

A format is written as the customer would see an example of it: `"12-34-56"` or `"####
#### #### ####"` (each letter or digit one character of the fact, the rest kept as
written), or a date as `"DD/MM/YYYY"`, `"MM/DD/YY"`, `"YYYY-MM-DD"`. The fact keeps its
name whatever the format, so typing it again in another format is still the same fact to
the detectors.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, datetime

import phonenumbers

from ..errors import FeatureError

# How each locale prints a date on a letter or a form (strftime); ISO elsewhere.
DATE_FORMATS = {
    "en_GB": "%d/%m/%Y",
    "en_IE": "%d/%m/%Y",
    "en_AU": "%d/%m/%Y",
    "en_US": "%m/%d/%Y",
    "en_CA": "%Y-%m-%d",
    "de_DE": "%d.%m.%Y",
    "de_AT": "%d.%m.%Y",
    "de_CH": "%d.%m.%Y",
    "fr_FR": "%d/%m/%Y",
    "es_ES": "%d/%m/%Y",
    "it_IT": "%d/%m/%Y",
    "nl_NL": "%d-%m-%Y",
    "pt_PT": "%d/%m/%Y",
    "pl_PL": "%d.%m.%Y",
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
    """`value` of `fact` in the format `written` ("12-34-56", "DD/MM/YYYY"); a value
    that cannot fit is a FeatureError.
    """
    if fact in DATE_FACTS or (
        _DATE_FORMAT.fullmatch(written)
        and any(t in written for t in ("DD", "MM", "YY"))
    ):
        day = parse_date(value, locale)
        if (
            day is None
            or not _DATE_FORMAT.fullmatch(written)
            or not any(t in written for t in ("DD", "MM", "YY"))
        ):
            raise FeatureError(
                f'as "{written}"',
                f"my {fact.replace('_', ' ')} is not a date to write that way",
                'write a date format, e.g. as "DD/MM/YYYY"',
            )
        pattern = written
        for token, code in _DATE_TOKENS.items():
            pattern = pattern.replace(token, code)
        return day.strftime(pattern)
    characters = [c for c in value if c.isalnum()]
    slots = sum(c.isalnum() or c == "#" for c in written)
    if slots != len(characters):
        raise FeatureError(
            f'as "{written}"',
            f"has {slots} characters for my {fact.replace('_', ' ')}, which has"
            f" {len(characters)}",
            "write one digit or # per character, e.g. as"
            f' "{_example(len(characters))}"',
        )
    given = iter(characters)
    return "".join(next(given) if c.isalnum() or c == "#" else c for c in written)


def iso_date(value: str, locale: str) -> str:
    """The value an <input type="date"> takes for a date printed the locale's way (""
    when it is no date).
    """
    day = parse_date(value, locale)
    return day.isoformat() if day else ""


# -- what real sites' validators take: phone numbers (libphonenumber), postcodes ---

# draws before falling back to the country's own example: a bounded loop, never a hang
TRIES = 50

# A postcode as the country's post office writes it, and how a site checks it (the
# common validators' patterns).
POSTCODES: dict[str, tuple[str, Callable[[str], str]]] = {
    "GB": (r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}", lambda p: p.upper()),
    "IE": (
        r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}",
        lambda p: re.sub(r"^(\w{3})\s*(\w{4})$", r"\1 \2", p.upper()),
    ),
    "NL": (
        r"[1-9][0-9]{3} [A-Z]{2}",
        lambda p: re.sub(r"^(\d{4})\s*([A-Za-z]{2})$", r"\1 \2", p).upper(),
    ),
    "US": (r"[0-9]{5}", str),
    "DE": (r"[0-9]{5}", str),
    "FR": (r"[0-9]{5}", str),
    "ES": (r"(?:0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}", str),
    "IT": (r"[0-9]{5}", str),
    "PL": (r"[0-9]{2}-[0-9]{3}", str),
    "AU": (r"[0-9]{4}", str),
}
POSTCODE_EXAMPLES = {
    "GB": "SW1A 1AA",
    "IE": "D02 X285",
    "NL": "1012 JS",
    "US": "10001",
    "DE": "10115",
    "FR": "75001",
    "ES": "28013",
    "IT": "00184",
    "PL": "00-950",
    "AU": "2000",
}
COUNTRIES = {
    "GB": "United Kingdom",
    "IE": "Ireland",
    "NL": "Netherlands",
    "US": "United States",
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "PL": "Poland",
    "AU": "Australia",
    "AT": "Austria",
    "CH": "Switzerland",
    "PT": "Portugal",
    "CA": "Canada",
}


# Countries like the US do not tell mobile numbers from others: either kind is a number
# a mobile can have.
_MOBILE = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def region(locale: str) -> str:
    """The country of a Faker locale ("en_GB" -> "GB")."""
    return locale.rpartition("_")[2].upper() if "_" in locale else "GB"


def country_name(locale: str) -> str:
    return COUNTRIES.get(region(locale), "United Kingdom")


def valid_phone(locale: str, draw: random.Random) -> str:
    """A mobile number libphonenumber holds valid for the locale's country, written the
    national way ("07400 123456").
    """
    country = region(locale)
    example = phonenumbers.example_number_for_type(
        country, phonenumbers.PhoneNumberType.MOBILE
    )
    if example is None:
        example = phonenumbers.example_number_for_type(
            "GB", phonenumbers.PhoneNumberType.MOBILE
        )
        country = "GB"
    significant = phonenumbers.national_significant_number(example)
    keep = min(
        3, len(significant) - 4
    )  # the mobile prefix stays; the subscriber's digits are drawn
    for _ in range(TRIES):
        digits = significant[:keep] + "".join(
            str(draw.randrange(10)) for _ in significant[keep:]
        )
        number = (
            phonenumbers.parse(digits, country)
            if not digits.startswith("0")
            else phonenumbers.parse(digits[1:], country)
        )
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in _MOBILE
        ):
            return phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.NATIONAL
            )
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)


def is_valid_phone(value: str, locale: str) -> bool:
    """Whether a site using libphonenumber takes `value` as a phone number of the
    locale's country.
    """
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, region(locale)))
    except phonenumbers.NumberParseException:
        return False


def valid_postcode(locale: str, draw: Callable[[], str]) -> str:
    """A postcode in the country's format, from `draw` (Faker's) when it gives one, else
    the country's example.
    """
    country = region(locale)
    if country not in POSTCODES:
        return draw()
    pattern, written = POSTCODES[country]
    for _ in range(TRIES):
        postcode = written(draw().strip())
        if is_valid_postcode(postcode, locale):
            return postcode
    return POSTCODE_EXAMPLES[country]


def is_valid_postcode(value: str, locale: str) -> bool:
    found = POSTCODES.get(region(locale))
    return found is None or re.fullmatch(found[0], value) is not None


def _example(count: int) -> str:
    return (
        " ".join("#" * len(group) for group in re.findall(".{1,4}", "#" * count))
        if count
        else "#"
    )


__all__ = [
    "DATE_FORMATS",
    "country_name",
    "date_format",
    "is_valid_phone",
    "is_valid_postcode",
    "iso_date",
    "parse_date",
    "printed_date",
    "typed_as",
    "valid_phone",
    "valid_postcode",
]
