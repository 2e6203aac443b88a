"""Personas: unique per scenario, reproducible from the run seed, secret-free in
reports.
"""

from __future__ import annotations

import re

import pytest

from journeys.errors import ConfigError, FeatureError, StepDoesNotFit
from journeys.shopper import fact_for_label, fact_named, make_persona
from journeys.shopper.persona import old_style_facts, persona_config


def test_a_persona_is_reproducible_from_the_seed_and_the_test_id():
    assert make_persona(1, "a").facts == make_persona(1, "a").facts


def test_personas_differ_between_scenarios_and_seeds():
    emails = {
        make_persona(seed, test).facts["email"]
        for seed in (1, 2)
        for test in ("a", "b", "c")
    }
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


def test_messages_name_persona_facts_only_in_braces():
    persona = make_persona(1, "a")
    text, used = persona.expand("Refund {my order number} please, write to {My E-mail}")
    assert (
        text == f"Refund {persona['order_number']} please, write to {persona['email']}"
    )
    assert used == ("order_number", "email")


@pytest.mark.parametrize(
    "said",
    [
        "Where is my order?",
        "my name is my name",
        "Refund my order number please",
        "Is there an outage at my postcode?",
        "Send it to my e-mail",
    ],
)
def test_plain_words_are_sent_as_written(said):
    assert make_persona(1, "a").expand(said) == (said, ())


@pytest.mark.parametrize(
    "said, flagged",
    [
        ("What is the status of my order number?", ["my order number"]),
        ("Is there an outage at my postcode?", ["my postcode"]),
        ("Write to my e-mail address, not {my phone number}", ["my e-mail address"]),
        ("Where is my order?", []),
        ("my name is my name", []),
        ("I forgot my password", []),
        ("Refund {my order number}", []),
    ],
)
def test_words_an_earlier_version_replaced_are_found_for_check(said, flagged):
    assert old_style_facts(said) == flagged


def test_an_unknown_persona_fact_is_a_feature_error_with_the_known_ones():
    assert fact_named("my e-mail") == "email"
    with pytest.raises(
        FeatureError,
        match=r'"my shoe size": is not a persona fact\n  fix: use one of: .*my e-mail',
    ):
        fact_named("my shoe size")


# -- more facts, fixed facts, noted facts ----------------------------------------------


def test_bank_details_agree_and_are_printed_as_on_a_statement():
    facts = make_persona(2, "bank").facts
    sort_code, account, iban = (
        facts["sort_code"],
        facts["bank_account_number"],
        facts["iban"].replace(" ", ""),
    )
    assert re.fullmatch(r"\d\d-\d\d-\d\d", sort_code) and re.fullmatch(
        r"\d{8}", account
    )
    assert iban.endswith(sort_code.replace("-", "") + account) and iban.startswith("GB")
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    assert int(digits) % 97 == 1  # a valid IBAN check
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", facts["date_of_birth"])
    assert "customer_number" not in facts  # known only once the site gives it


def test_bank_details_are_secret_in_reports():
    shown = make_persona(2, "bank").public()
    assert shown["bank_account_number"] == shown["iban"] == "•••"


def test_another_locale_prints_its_own_way():
    facts = make_persona(2, "de", locale="de_DE").facts
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", facts["date_of_birth"]) and facts[
        "iban"
    ].startswith("DE")


def test_fixed_facts_come_from_config_and_the_environment_and_stay_secret():
    persona = make_persona(
        1,
        "a",
        facts={
            "card_number": "${TEST_CARD}",
            "customer_number": "C-1",
            "phone": "${PHONE}",
        },
        environ={"TEST_CARD": "4000 0566 5566 5556", "PHONE": "07700 900123"},
    )
    assert (
        persona["card_number"] == "4000 0566 5566 5556"
        and persona["customer_number"] == "C-1"
    )
    assert (
        persona.public()["phone"] == "•••"
        and persona.public()["customer_number"] == "C-1"
    )
    assert "07700 900123" in persona.secrets()


@pytest.mark.parametrize(
    ("section", "key", "words"),
    [
        (
            {"facts": {"card_numbr": "x"}},
            "tool.journeys.persona.facts.card_numbr",
            "did you mean 'card_number'",
        ),
        (
            {"facts": {"card_number": 4242}},
            "tool.journeys.persona.facts.card_number",
            "must be text",
        ),
        (
            {"facts": {"card_number": "${TEST_CARD"}},
            "tool.journeys.persona.facts.card_number",
            "malformed",
        ),
        ({"facts": "4242"}, "tool.journeys.persona.facts", "must be a table"),
        ({"locle": "en_GB"}, "tool.journeys.persona.locle", "did you mean 'locale'"),
        (
            {"facts": {"Account Number": "x"}},
            "tool.journeys.persona.facts.Account Number",
            "write it in lower case with underscores",
        ),
        (
            {"facts": {"pin": {"value": "1234", "secret": "yes"}}},
            "tool.journeys.persona.facts.pin.secret",
            "must be true or false",
        ),
        (
            {"facts": {"pin": {"valeu": "1234"}}},
            "tool.journeys.persona.facts.pin",
            "must be text or { value = ..., secret = true }",
        ),
    ],
)
def test_wrong_persona_config_is_one_clear_error(section, key, words):
    with pytest.raises(ConfigError) as caught:
        persona_config(section)
    assert caught.value.key == key and words in str(caught.value)


def test_a_noted_fact_is_a_fact_in_messages_paths_and_steps():
    persona = make_persona(1, "a")
    assert persona.note("my ticket number", "T-1001") == "ticket_number"
    assert persona.note("reference code", "AB 12") == "reference_code"
    assert fact_named("my reference code", persona.facts) == "reference_code"
    assert persona.expand("About {my ticket number} and {my reference code}") == (
        "About T-1001 and AB 12",
        ("ticket_number", "reference_code"),
    )
    assert (
        persona.fill_in(
            "/view/?ticket={my ticket number}&r={my reference code}", quoted=True
        )
        == "/view/?ticket=T-1001&r=AB%2012"
    )


def test_a_fact_not_noted_yet_is_one_clear_line():
    persona = make_persona(1, "a")
    assert persona.expand("my customer number") == (
        "my customer number",
        (),
    )  # plain words
    with pytest.raises(
        StepDoesNotFit, match=r"I do not know my customer number yet: note it"
    ):
        persona.expand("{my customer number}")
    with pytest.raises(
        StepDoesNotFit, match=r"I do not know my customer number yet: note it"
    ):
        persona["customer_number"]
    with pytest.raises(FeatureError, match='"my shoe size": is not a persona fact'):
        persona.fill_in("/x?s={my shoe size}")


@pytest.mark.parametrize(
    "said",
    ["Shoes for my birthday", "Pay it back to my bank account", "I love my order"],
)
def test_everyday_words_are_not_mistaken_for_new_facts(said):
    persona = make_persona(1, "a")
    text, used = persona.expand(said)
    assert "birth" not in "".join(used) and "bank" not in "".join(used)


def test_a_form_in_another_language_asks_for_the_date_of_birth():
    assert (
        fact_for_label("Geburtsdatum") == "date_of_birth"
        and fact_for_label("Sort code") == "sort_code"
    )


def test_a_team_names_the_facts_its_site_needs_and_marks_its_secrets():
    config = persona_config(
        {
            "facts": {
                "account_number": "ACC-0042",
                "moving_date": "15/01/2027",
                "second_address": "1 New Street, Leeds",
                "memorable_word": {"value": "otter", "secret": True},
            }
        }
    )
    assert config.secret == ("memorable_word",)
    persona = make_persona(1, "a", facts=config.facts, secret=config.secret, environ={})
    assert fact_named("my account number", persona.facts) == "account_number"
    assert persona.expand(
        "Account {my account number}, moving on {my moving date}"
    ) == ("Account ACC-0042, moving on 15/01/2027", ("account_number", "moving_date"))
    assert persona.public()["memorable_word"] == "•••" and "otter" in persona.secrets()
    assert persona.public()["account_number"] == "ACC-0042"
