"""The form mapper over real label texts: what a customer types where, without a
browser.

Labels, autocomplete tokens and names are as real frameworks and sites render them
(Django admin/auth, WooCommerce, Shopify, Magento, GOV.UK, Bootstrap's examples, German,
French, Spanish and Dutch shops, the HTML autofill tokens).
"""

from __future__ import annotations

from datetime import date

import pytest

from journeys.shopper import make_persona
from journeys.shopper.forms import (
    Ambiguous,
    Control,
    Names,
    choose_option,
    locate,
    meaning_of,
    open_question,
    option_by_meaning,
    plan_form,
)

FACTS = make_persona(7, "test_forms").facts


def text(label: str, *, key: str = "", form: str = "form0", **more) -> Control:
    return Control(
        key=key or label, kind=more.pop("kind", "text"), label=label, form=form, **more
    )


# (label, autocomplete, input type, name) -> the fact, or None where a customer would
# not type a fact.
LABELS = [
    # Django auth / admin
    ("Email address", "email", "email", "email", "email"),
    ("Username", "username", "text", "username", "username"),
    ("Password", "current-password", "password", "password", "password"),
    ("Password confirmation", "new-password", "password", "password2", "password"),
    ("First name", "", "text", "first_name", "first_name"),
    ("Last name", "", "text", "last_name", "last_name"),
    # WooCommerce checkout
    ("First name *", "given-name", "text", "billing_first_name", "first_name"),
    ("Last name *", "family-name", "text", "billing_last_name", "last_name"),
    ("Company name (optional)", "organization", "text", "billing_company", None),
    ("Street address *", "address-line1", "text", "billing_address_1", "address"),
    ("Town / City *", "address-level2", "text", "billing_city", "city"),
    ("Postcode / ZIP *", "postal-code", "text", "billing_postcode", "postcode"),
    ("Phone *", "tel", "tel", "billing_phone", "phone"),
    ("Email address *", "email", "email", "billing_email", "email"),
    ("Order notes (optional)", "", "textarea", "order_comments", None),
    # Shopify checkout
    ("Email or mobile phone number", "shipping email", "text", "email", "email"),
    ("Address", "shipping address-line1", "text", "address1", "address"),
    ("City", "shipping address-level2", "text", "city", "city"),
    ("ZIP code", "shipping postal-code", "text", "postalCode", "postcode"),
    ("Postal code", "billing postal-code", "text", "zip", "postcode"),
    ("Card number", "cc-number", "text", "number", "card_number"),
    ("Expiration date (MM / YY)", "cc-exp", "text", "expiry", "card_expiry"),
    ("Security code", "cc-csc", "text", "verification_value", "card_cvc"),
    # Magento
    ("Street Address: Line 1", "", "text", "street[0]", "address"),
    ("Zip/Postal Code", "", "text", "postcode", "postcode"),
    ("Phone Number", "", "text", "telephone", "phone"),
    # GOV.UK design system
    ("Full name", "name", "text", "name", "name"),
    ("Email address", "email", "email", "contact-email", "email"),
    ("UK telephone number", "tel", "tel", "telephone-number", "phone"),
    ("Town or city", "address-level2", "text", "address-town", "city"),
    ("Postcode", "postal-code", "text", "address-postcode", "postcode"),
    ("Building and street", "address-line1", "text", "address-line-1", "address"),
    # Bootstrap checkout example
    ("Email (Optional)", "", "email", "email", "email"),
    ("Zip", "", "text", "zip", "postcode"),
    ("Name on card", "cc-name", "text", "cc-name", "name"),
    ("Post/Zip code", "", "text", "pc", "postcode"),
    ("Post/Zip-code", "", "text", "pc", "postcode"),
    # German
    ("Vorname", "given-name", "text", "vorname", "first_name"),
    ("Nachname", "family-name", "text", "nachname", "last_name"),
    ("E-Mail-Adresse", "", "email", "email", "email"),
    ("Straße und Hausnummer", "", "text", "strasse", "address"),
    ("PLZ", "", "text", "plz", "postcode"),
    ("Ort", "", "text", "ort", "city"),
    ("Telefonnummer", "", "tel", "telefon", "phone"),
    ("Passwort", "", "password", "passwort", "password"),
    ("Firma", "", "text", "firma", None),
    # French
    ("Prénom", "", "text", "prenom", "first_name"),
    ("Nom de famille", "", "text", "nom", "last_name"),
    ("Adresse e-mail", "", "email", "courriel", "email"),
    ("Code postal", "", "text", "cp", "postcode"),
    ("Ville", "", "text", "ville", "city"),
    ("Téléphone", "", "tel", "tel", "phone"),
    ("Mot de passe", "", "password", "mdp", "password"),
    # Spanish
    ("Correo electrónico", "", "email", "correo", "email"),
    ("Apellidos", "", "text", "apellidos", "last_name"),
    ("Código postal", "", "text", "cp", "postcode"),
    ("Ciudad", "", "text", "ciudad", "city"),
    ("Teléfono", "", "tel", "telefono", "phone"),
    ("Contraseña", "", "password", "clave", "password"),
    # Dutch
    ("Voornaam", "", "text", "voornaam", "first_name"),
    ("Achternaam", "", "text", "achternaam", "last_name"),
    ("E-mailadres", "", "email", "email", "email"),
    ("Postcode", "", "text", "postcode", "postcode"),
    ("Woonplaats", "", "text", "plaats", "city"),
    ("Wachtwoord", "", "password", "wachtwoord", "password"),
    # Only a machine-readable hint: the label says nothing a persona knows
    ("", "email", "text", "", "email"),
    ("Your details", "", "email", "", "email"),
    ("Contact", "", "text", "user[phone]", "phone"),
    # Not facts, whatever words they share with one
    ("Search", "", "search", "q", None),
    ("Gift card or discount code", "", "text", "discount", None),
    ("Favourite colour", "", "text", "colour", None),
    ("Coupon code", "off", "text", "coupon_code", None),
    ("Organisation name", "organization", "text", "org", None),
]


@pytest.mark.parametrize(
    ("label", "autocomplete", "input_type", "name", "fact"), LABELS
)
def test_a_field_maps_to_a_fact_only_on_a_confident_match(
    label, autocomplete, input_type, name, fact
):
    control = text(label, autocomplete=autocomplete, input_type=input_type, name=name)
    assert meaning_of(control).fact == fact


@pytest.mark.parametrize(
    "label",
    [
        "Confirm e-mail",
        "Confirm email address",
        "Repeat password",
        "Re-enter your password",
        "E-Mail wiederholen",
        "Confirmez votre adresse e-mail",
        "Confirmar contraseña",
        "Herhaal wachtwoord",
        "Email (again)",
    ],
)
def test_a_confirm_field_is_a_real_re_entry(label):
    meaning = meaning_of(text(label))
    assert meaning.role == "confirm" and meaning.fact in ("email", "password")


@pytest.mark.parametrize(
    ("label", "autocomplete", "name"),
    [
        ("Address line 2", "", "address2"),
        ("Address line 3", "", ""),
        ("Apartment, suite, etc. (optional)", "", ""),
        (
            "Apartment, suite, unit, etc. (optional)",
            "shipping address-line2",
            "billing_address_2",
        ),
        ("Street Address: Line 2", "", "street[1]"),
        ("Adresszusatz", "", ""),
        ("Complément d'adresse", "", ""),
        ("Building and street line 2 of 2", "address-line2", "address-line-2"),
    ],
)
def test_further_address_lines_stay_empty(label, autocomplete, name):
    assert (
        meaning_of(text(label, autocomplete=autocomplete, name=name)).role
        == "extra_line"
    )


def _typed(plan):
    return [(e.control.label, e.fact) for e in plan.entries if e.action == "type"]


def test_a_form_with_address_lines_one_to_three_types_the_street_once():
    plan = plan_form(
        [
            text("Address line 1"),
            text("Address line 2"),
            text("Address line 3"),
            text("Post/Zip code"),
        ],
        FACTS,
    )
    assert _typed(plan) == [
        ("Address line 1", "address"),
        ("Post/Zip code", "postcode"),
    ]


def test_each_fact_is_typed_once_per_form_and_a_confirmation_again():
    plan = plan_form(
        [text("E-mail"), text("Your email"), text("Confirm e-mail")], FACTS
    )
    assert _typed(plan) == [("E-mail", "email"), ("Confirm e-mail", "email")]


def test_a_second_field_the_site_requires_for_the_same_fact_is_typed_as_asked():
    plan = plan_form(
        [
            text("Full name"),
            text("Name on card", autocomplete="cc-name", required=True),
        ],
        FACTS,
    )
    assert _typed(plan) == [("Full name", "name"), ("Name on card", "name")]


def test_one_problem_goes_into_the_description_and_a_required_summary_gets_a_subject():
    controls = [text("Summary", required=True), text("Description", kind="textarea")]
    plan = plan_form(controls, FACTS)
    entries = {e.control.label: e for e in plan.entries}
    assert (
        entries["Description"].fact == "problem"
        and entries["Description"].value == FACTS["problem"]
    )
    assert (
        entries["Summary"].fact is None
        and entries["Summary"].value
        and entries["Summary"].value != FACTS["problem"]
    )


def test_an_optional_summary_beside_a_description_stays_empty():
    plan = plan_form(
        [text("Subject (optional)"), text("Your message", kind="textarea")], FACTS
    )
    assert _typed(plan) == [("Your message", "problem")]


def test_a_name_beside_a_surname_is_the_given_name():
    plan = plan_form([text("Nombre"), text("Apellidos")], FACTS)
    assert _typed(plan) == [("Nombre", "first_name"), ("Apellidos", "last_name")]


COUNTRIES = (
    "Select a country…",
    "France",
    "Germany",
    "United Kingdom (UK)",
    "United States (US)",
)


def test_a_select_gets_the_option_of_the_fact_it_asks_for():
    plan = plan_form(
        [
            text(
                "Country / Region",
                kind="select",
                options=COUNTRIES,
                autocomplete="country",
            )
        ],
        FACTS,
    )
    assert [(e.action, e.value, e.fact) for e in plan.entries] == [
        ("choose", "United Kingdom (UK)", "country")
    ]


def test_a_required_select_no_fact_answers_is_an_open_question_naming_its_options_and_the_step():
    titles = ("Please choose", "Mr", "Mrs", "Ms", "Mx", "Dr")
    required = plan_form(
        [text("Title", kind="select", options=titles, required=True)], FACTS
    )
    optional = plan_form(
        [text("Title (optional)", kind="select", options=titles)], FACTS
    )
    assert required.entries == [] and [c.label for c in required.open_questions] == [
        "Title"
    ]
    assert (
        open_question(required.open_questions[0])
        == '"Title" asks me to choose ("Mr", "Mrs", "Ms", "Mx", "Dr") and nothing I'
        ' know decides; fix: add the step When I choose "Mr" for "Title" (the option'
        " the customer would choose)"
    )
    assert [e.action for e in optional.entries] == [
        "leave"
    ] and optional.open_questions == []


QUEUES = ("--------", "Billing and Refunds", "Deliveries", "Technical support")


@pytest.mark.parametrize(
    ("problem", "options", "chosen"),
    [
        ("my bill is twice what it should be", QUEUES, "Billing and Refunds"),
        ("the parcel was never delivered", QUEUES, "Deliveries"),
        (
            "my mug arrived broken",
            QUEUES,
            None,
        ),  # nothing fits: not "Billing and Refunds"
        (
            "the app will not let me pay my bill",
            ("Billing", "Payments", "Technical"),
            None,
        ),  # two fit as well
        ("my bill is wrong", ("My bill", "My meter", "Something else"), "My bill"),
        ("", QUEUES, None),
    ],
)
def test_a_required_choice_is_made_by_meaning_only_when_one_option_clearly_fits(
    problem, options, chosen
):
    facts = {**FACTS, "problem": problem}
    assert option_by_meaning(options, problem) == chosen
    plan = plan_form(
        [text("Queue", kind="select", options=options, required=True)], facts
    )
    assert [e.value for e in plan.entries] == ([chosen] if chosen else [])
    assert [c.label for c in plan.open_questions] == ([] if chosen else ["Queue"])


def test_a_required_radio_group_the_site_already_answered_is_kept():
    options = ("Delivery", "Click and collect")
    kept = plan_form(
        [
            text(
                "How?",
                kind="radio",
                options=options,
                required=True,
                value="Click and collect",
            )
        ],
        FACTS,
    )
    assert kept.entries[0].action == "leave"


def test_a_prefilled_select_contradicting_a_fact_is_changed_and_names_the_default_it_replaces():
    countries = ("Afghanistan", "Albania", "United Kingdom")
    wrong = plan_form(
        [
            text(
                "Country",
                kind="select",
                options=countries,
                required=True,
                value="Afghanistan",
            )
        ],
        FACTS,
    )
    right = plan_form(
        [
            text(
                "Country",
                kind="select",
                options=countries,
                required=True,
                value="United Kingdom",
            )
        ],
        FACTS,
    )
    unset = plan_form(
        [
            text(
                "Country", kind="select", options=("Choose…", *countries), required=True
            )
        ],
        FACTS,
    )
    assert [(e.action, e.value, e.replaces) for e in wrong.entries] == [
        ("choose", "United Kingdom", "Afghanistan")
    ]
    assert [(e.action, e.replaces) for e in right.entries] == [("leave", "")]
    assert [(e.action, e.value, e.replaces) for e in unset.entries] == [
        ("choose", "United Kingdom", "")
    ]


def test_a_prefilled_text_is_kept_when_it_is_the_fact_or_its_start_and_replaced_when_it_contradicts():
    other = plan_form(
        [text("E-mail", input_type="email", value="someone@example.org")], FACTS
    )
    mine = plan_form(
        [text("E-mail", input_type="email", value=FACTS["email"].upper())], FACTS
    )
    start = plan_form(
        [text("Phone", input_type="tel", value=FACTS["phone"][:3])], FACTS
    )
    assert [(e.action, e.replaces) for e in other.entries] == [
        ("type", "someone@example.org")
    ]
    assert [(e.action, e.replaces) for e in mine.entries] == [
        ("type", "")
    ]  # the channel records it as prefilled
    assert [(e.action, e.replaces) for e in start.entries] == [("type", "")]


def test_a_value_the_customer_typed_is_never_typed_over():
    controls = [
        text("E-mail", key="e", input_type="email", value="typed.by.me@example.org"),
        text("Full name", key="n"),
    ]
    plan = plan_form(controls, FACTS, typed=frozenset({"e"}))
    assert [(e.control.key, e.action) for e in plan.entries] == [
        ("e", "leave"),
        ("n", "type"),
    ]


def test_required_checkboxes_are_ticked_and_optional_ones_left():
    plan = plan_form(
        [
            text("I agree to the terms", kind="checkbox", required=True),
            text("Send me offers", kind="checkbox"),
        ],
        FACTS,
    )
    assert [(e.control.label, e.action) for e in plan.entries] == [
        ("I agree to the terms", "tick"),
        ("Send me offers", "leave"),
    ]


def test_a_required_date_and_file_get_what_a_customer_would_give():
    plan = plan_form(
        [
            text(
                "Preferred delivery date",
                kind="date",
                input_type="date",
                required=True,
                minimum="2026-12-03",
            ),
            text(
                "Photo of the damage",
                kind="file",
                input_type="file",
                required=True,
                accept="image/*",
            ),
        ],
        FACTS,
        today=date(2026, 12, 1),
    )
    assert [(e.action, e.value) for e in plan.entries] == [
        ("type", "2026-12-10"),
        ("attach", "photo.png"),
    ]


def test_a_required_field_nobody_can_answer_is_one_line_naming_it_and_what_was_tried():
    plan = plan_form([text("Favourite colour", required=True, name="colour")], FACTS)
    assert plan.cannot_fill == [
        'cannot fill the required text "Favourite colour": no persona fact matches its'
        ' label "Favourite colour", type text, name "colour"'
    ]


@pytest.mark.parametrize(
    ("options", "wanted", "chosen"),
    [
        (("Choose…", "Ireland", "United Kingdom"), "United Kingdom", "United Kingdom"),
        (
            ("-- Land wählen --", "Deutschland", "Vereinigtes Königreich"),
            "United Kingdom",
            "Vereinigtes Königreich",
        ),
        (("Sélectionnez", "France", "Royaume-Uni"), "United Kingdom", "Royaume-Uni"),
        (("GB", "IE"), "United Kingdom", "GB"),
        (("France", "Spain"), "United Kingdom", None),
    ],
)
def test_an_option_is_found_by_the_names_sites_give_a_fact(options, wanted, chosen):
    assert choose_option(options, wanted) == chosen


def _names(*specs):
    return [
        Names(
            text(label or other, key=key, form=form),
            label,
            other if kind == "aria" else "",
            other if kind == "placeholder" else "",
            other if kind == "orphan" else "",
        )
        for key, form, label, kind, other in specs
    ]


def test_locating_prefers_the_exact_label_then_accessible_name_placeholder_and_an_orphan_label():
    named = _names(
        ("a", "f0", "E-mail address", "", ""),
        ("b", "f0", "", "aria", "E-mail"),
        ("c", "f0", "", "placeholder", "Postcode"),
        ("d", "f0", "", "orphan", "Phone"),
    )
    assert [
        locate(named, words).key
        for words in ("E-mail address", "E-mail", "Postcode", "Phone")
    ] == ["a", "b", "c", "d"]
    assert locate(named, "Town") is None


def test_two_forms_with_the_same_label_prefer_the_form_the_customer_works_in_else_stop_with_both():
    named = _names(("login", "f0", "E-mail", "", ""), ("news", "f1", "E-mail", "", ""))
    assert locate(named, "E-mail", working_form="f1").key == "news"
    with pytest.raises(Ambiguous) as caught:
        locate(named, "E-mail")
    assert [c.key for c in caught.value.candidates] == ["login", "news"]


def test_the_working_form_answers_first_even_by_a_weaker_name_and_with_none_two_forms_stop():
    # django-helpdesk's home page: "Your E-mail Address" labels the new-ticket field,
    # and the view-a-ticket form's box only by a <label for> that points at nothing.
    named = _names(
        ("new", "ticket", "Your E-mail Address", "", ""),
        ("view", "lookup", "", "orphan", "Your E-mail Address"),
        ("t", "lookup", "", "orphan", "Ticket"),
    )
    assert locate(named, "Your E-mail Address", working_form="lookup").key == "view"
    assert locate(named, "Your E-mail Address", working_form="ticket").key == "new"
    with pytest.raises(Ambiguous) as caught:
        locate(named, "Your E-mail Address")
    assert [c.key for c in caught.value.candidates] == ["new", "view"]
    assert locate(named, "Ticket").key == "t"


def test_a_field_in_the_main_content_wins_over_the_footer_s_and_two_in_the_main_content_stop():
    login = Names(text("E-mail", key="login", form="f0"), "E-mail")
    footer = Names(text("E-mail", key="news", form="f1", in_main=False), "E-mail")
    other = Names(text("E-mail", key="other", form="f2"), "E-mail")
    assert locate([login, footer], "E-mail").key == "login"
    with pytest.raises(Ambiguous):
        locate([login, footer, other], "E-mail")


def test_a_form_that_marks_nothing_asks_every_question_but_the_optional_ones():
    topics = ("My bill", "My meter")
    plan = plan_form(
        [
            text("Summary"),
            text("Description", kind="textarea"),
            text("What is it about?", kind="radio", options=topics),
            text("Account number (optional)"),
            text("Accept the terms and conditions", kind="checkbox"),
            text("Send me offers", kind="checkbox"),
        ],
        FACTS,
    )
    done = {e.control.label: e.action for e in plan.entries}
    assert [c.label for c in plan.open_questions] == [
        "What is it about?"
    ]  # "the parcel arrived damaged" fits neither
    assert done == {
        "Summary": "type",
        "Description": "type",
        "Account number (optional)": "leave",
        "Accept the terms and conditions": "tick",
        "Send me offers": "leave",
    }


def test_a_form_that_marks_required_fields_leaves_an_unmarked_question_alone():
    plan = plan_form(
        [
            text("E-mail", required=True),
            text(
                "How did you hear of us?",
                kind="select",
                options=("Choose", "Radio", "TV"),
            ),
        ],
        FACTS,
    )
    assert [e.action for e in plan.entries] == ["type", "leave"]


def test_a_required_list_with_only_a_placeholder_cannot_be_filled_rather_than_asked():
    plan = plan_form(
        [text("Time slot", kind="select", options=("Choose…",), required=True)], FACTS
    )
    assert plan.open_questions == [] and plan.cannot_fill == [
        'cannot fill the required select "Time slot": no option to pick (1 offered)'
    ]
