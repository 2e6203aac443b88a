"""Facts printed the way the customer holds them, and typed the way a form asks:
table-driven.
"""

from __future__ import annotations

import pytest

from journeys.effort.facts import same_value
from journeys.errors import FeatureError
from journeys.shopper.fact_formats import iso_date, parse_date, typed_as
from journeys.shopper.web_actions import value_after, value_matching


@pytest.mark.parametrize(
    ("fact", "value", "written", "locale", "typed"),
    [
        ("sort_code", "12-34-56", "123456", "en_GB", "123456"),
        ("sort_code", "123456", "12-34-56", "en_GB", "12-34-56"),
        ("sort_code", "12-34-56", "## ## ##", "en_GB", "12 34 56"),
        (
            "card_number",
            "4242 4242 4242 4242",
            "################",
            "en_GB",
            "4242424242424242",
        ),
        (
            "card_number",
            "4242424242424242",
            "#### #### #### ####",
            "en_GB",
            "4242 4242 4242 4242",
        ),
        (
            "iban",
            "GB24 CQKP 8348 3845 2332 14",
            "######################",
            "en_GB",
            "GB24CQKP83483845233214",
        ),
        ("date_of_birth", "04/06/1954", "DD/MM/YYYY", "en_GB", "04/06/1954"),
        ("date_of_birth", "04/06/1954", "YYYY-MM-DD", "en_GB", "1954-06-04"),
        ("date_of_birth", "04/06/1954", "MM/DD/YY", "en_GB", "06/04/54"),
        ("date_of_birth", "06/04/1954", "DDMMYYYY", "en_US", "04061954"),
        ("date_of_birth", "04.06.1954", "DD/MM/YYYY", "de_DE", "04/06/1954"),
    ],
)
def test_a_fact_is_typed_in_the_format_asked(fact, value, written, locale, typed):
    assert typed_as(fact, value, written, locale=locale) == typed


@pytest.mark.parametrize(
    ("fact", "value", "written", "words"),
    [
        (
            "sort_code",
            "12-34-56",
            "12-34-5",
            "has 5 characters for my sort code, which has 6",
        ),
        ("date_of_birth", "04/06/1954", "##/##", "is not a date to write that way"),
        ("date_of_birth", "not a date", "DD/MM/YYYY", "is not a date"),
    ],
)
def test_a_format_that_cannot_fit_is_a_feature_error(fact, value, written, words):
    with pytest.raises(FeatureError, match=words):
        typed_as(fact, value, written)


@pytest.mark.parametrize(
    ("shown", "value", "same"),
    [
        ("123456", "12-34-56", True),
        ("4242424242424242", "4242 4242 4242 4242", True),
        ("sh-123456", "SH-123456", True),
        ("123457", "12-34-56", False),
        ("  ", "x", False),
        ("Fatima Khan", "Fatima Khan", True),
    ],
)
def test_a_prefilled_value_in_another_format_is_the_same_value(shown, value, same):
    assert same_value(shown, value) is same


def test_dates_are_read_the_locale_way_or_iso():
    assert parse_date("04/06/1954", "en_GB").isoformat() == "1954-06-04"
    assert iso_date("1954-06-04", "en_GB") == "1954-06-04"
    assert iso_date("nonsense", "en_GB") == ""


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        (
            "Your order number is SH-123456. A confirmation is on its way.",
            "Your order number is",
            "SH-123456",
        ),
        ("Your order number is\nSH-123456\n", "your order number is", "SH-123456"),
        ("Customer number: C-778, keep it safe", "Customer number", "C-778"),
        ("Reference #  AB12!", "Reference", "AB12"),
        ("Ticket (T-1001) opened", "Ticket", "(T-1001"),
        ("Nothing here", "Your order number is", ""),
        ("Your order number is", "Your order number is", ""),
    ],
)
def test_the_value_after_a_label(text, label, value):
    assert value_after(text, label) == value


@pytest.mark.parametrize(
    ("text", "pattern", "value"),
    [
        ("Ticket T-1001 opened", r"T-\d+", "T-1001"),
        ("Ticket (T-1001)", r"\((T-\d+)\)", "T-1001"),
        ("none", r"T-\d+", ""),
    ],
)
def test_the_value_matching_a_pattern(text, pattern, value):
    assert value_matching(text, pattern) == value


def test_a_pattern_that_is_no_regular_expression_is_a_feature_error():
    with pytest.raises(FeatureError, match="is not a pattern"):
        value_matching("x", "(unclosed")
