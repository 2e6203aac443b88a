"""Personas: unique per scenario, reproducible from the run seed, secret-free in reports."""

from __future__ import annotations

import pytest

from journeys.errors import FeatureError
from journeys.shopper import fact_for_label, fact_named, make_persona


def test_a_persona_is_reproducible_from_the_seed_and_the_test_id():
    assert make_persona(1, "a").facts == make_persona(1, "a").facts


def test_personas_differ_between_scenarios_and_seeds():
    emails = {make_persona(seed, test).facts["email"] for seed in (1, 2) for test in ("a", "b", "c")}
    assert len(emails) == 6


def test_the_global_faker_seed_is_left_alone():
    from faker import Faker

    Faker.seed(5)
    first = Faker().name()
    make_persona(1, "a")
    Faker.seed(5)
    assert Faker().name() == first


def test_secret_facts_are_masked_for_reports_and_the_repr_is_short():
    persona = make_persona(1, "a")
    public = persona.public()
    assert public["email"] == persona["email"]
    for secret in ("card_number", "card_cvc", "password"):
        assert persona[secret] not in public[secret]
    assert repr(persona) == f"Persona({persona['name']})"


@pytest.mark.parametrize(
    ("label", "fact"),
    [
        ("E-mail address", "email"),
        ("Confirm e-mail", "email"),
        ("Your email", "email"),
        ("Full name", "name"),
        ("First name", "first_name"),
        ("Surname", "last_name"),
        ("Card number", "card_number"),
        ("Expiry date (MM/YY)", "card_expiry"),
        ("Security code", "card_cvc"),
        ("Postcode", "postcode"),
        ("Street address", "address"),
        ("Order number", "order_number"),
        ("Favourite colour", None),
        ("Search", None),
    ],
)
def test_form_labels_are_read_as_a_customer_reads_them(label, fact):
    assert fact_for_label(label) == fact


def test_messages_can_name_persona_facts():
    persona = make_persona(1, "a")
    text, used = persona.expand("Refund my order number please, write to my e-mail")
    assert text == f"Refund {persona['order_number']} please, write to {persona['email']}"
    assert used == ("order_number", "email")


def test_an_unknown_persona_fact_is_a_feature_error_with_the_known_ones():
    assert fact_named("my e-mail") == "email"
    with pytest.raises(FeatureError, match=r'"my shoe size": is not a persona fact\n  fix: use one of: .*my e-mail'):
        fact_named("my shoe size")
