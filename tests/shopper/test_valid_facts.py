"""Persona data passes the validators real sites use: libphonenumber for phone numbers,
the post office's postcode format.
"""

from __future__ import annotations

import phonenumbers
import pytest

from journeys.shopper import make_persona
from journeys.shopper.fact_formats import is_valid_phone, is_valid_postcode, parse_date

LOCALES = [
    "en_GB",
    "en_US",
    "de_DE",
    "fr_FR",
    "nl_NL",
    "es_ES",
    "it_IT",
    "en_IE",
    "en_AU",
    "pl_PL",
]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_persona_s_phone_postcode_and_birth_date_pass_the_country_s_checks(
    locale,
):
    for seed in range(60):
        persona = make_persona(seed, "tests/shopper/test_valid_facts.py", locale=locale)
        region = locale.rpartition("_")[2]
        number = phonenumbers.parse(persona["phone"], region)
        assert (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) == region
        ), persona["phone"]
        assert is_valid_postcode(persona["postcode"], locale), persona["postcode"]
        assert parse_date(persona["date_of_birth"], locale) is not None


@pytest.mark.parametrize(
    ("value", "locale", "valid"),
    [
        (
            "07695 332524",
            "en_GB",
            False,
        ),  # Faker's, which a real shop's libphonenumber refused
        ("07400 123456", "en_GB", True),
        ("(201) 555-0123", "en_US", True),
        ("0123", "de_DE", False),
    ],
)
def test_a_phone_number_is_judged_as_libphonenumber_judges_it(value, locale, valid):
    assert is_valid_phone(value, locale) is valid


@pytest.mark.parametrize(
    ("value", "locale", "valid"),
    [
        ("SW1A 1AA", "en_GB", True),
        ("SW1A1AA", "en_GB", False),
        ("1012 JS", "nl_NL", True),
        ("1012JS", "nl_NL", False),
        ("00-950", "pl_PL", True),
    ],
)
def test_a_postcode_is_judged_by_its_country_s_format(value, locale, valid):
    assert is_valid_postcode(value, locale) is valid


def test_the_country_is_the_locale_s():
    assert make_persona(1, "a", locale="de_DE")["country"] == "Germany"
    assert make_persona(1, "a")["country"] == "United Kingdom"
