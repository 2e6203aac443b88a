"""Persona facts and the words customers and forms use for them.

Pure vocabulary shared by the channels (which fact does this form label ask
for?) and the detectors (does this agent reply ask again for a fact?).
"""

from __future__ import annotations

import re

# Persona facts and the words a customer (or a form label) uses for them.
# Order matters where one phrase contains another: longer, more specific phrases first.
FACT_PHRASES: dict[str, tuple[str, ...]] = {
    # Expiry and security code before the card number: "Card expiry month" is not the
    # card number.
    "card_expiry": ("expiry date", "expiry", "expiration", "valid until", "mm/yy"),
    "card_cvc": ("security code", "cvc", "cvv", "ccv"),
    "card_number": ("card number", "credit card", "card no", "card"),
    "order_number": (
        "order number",
        "order no",
        "order reference",
        "order id",
        "order",
    ),
    "ticket_number": (
        "ticket number",
        "ticket reference",
        "case number",
        "case reference",
        "ticket id",
    ),
    "customer_number": (
        "customer number",
        "customer reference",
        "customer id",
        "customer no",
    ),
    "date_of_birth": (
        "date of birth",
        "birth date",
        "dob",
    ),  # not "birthday": "a present for my birthday" is no fact
    "sort_code": ("sort code",),
    "iban": ("iban",),
    "bank_account_number": (
        "bank account number",
        "bank account no",
    ),  # "to my bank account" gives no number
    "username": ("username", "user name", "login name", "user id"),
    "first_name": ("first name", "given name", "forename"),
    "last_name": ("last name", "surname", "family name"),
    "name": ("full name", "your name", "name"),
    "email": ("e-mail address", "email address", "e-mail", "email"),
    "phone": ("phone number", "telephone", "mobile", "phone"),
    "postcode": ("postcode", "post code", "postal code", "zip code", "zip"),
    "city": ("city", "town"),
    "address": (
        "street address",
        "address line",
        "delivery address",
        "address",
        "street",
    ),
    "country": ("country",),
    "password": ("password",),
    "problem": ("problem", "issue", "what went wrong"),
}

# A fact the customer gives whole or in parts: "Cardholder name" after "First name" and
# "Last name" is the name again.
COMPOSED_FACTS: dict[str, tuple[str, ...]] = {"name": ("first_name", "last_name")}

# Facts that are secrets: never shown in reports, parameters or logs.
SECRET_FACTS = frozenset(
    {"card_number", "card_cvc", "password", "bank_account_number", "iban"}
)

# Facts a customer reads as digits whatever their printing ("12-34-56", "123456"): one
# value in any format.
_SEPARATORS = re.compile(r"[\s\-./()]+")


def same_value(shown: str, value: str) -> bool:
    """Whether a field showing `shown` already holds `value`, as a customer reads it:
    case, spaces and separators aside ("12-34-56" is the sort code 123456,
    "4242424242424242" the card "4242 4242 4242 4242").
    """
    if shown.strip() == value.strip():
        return True
    compact = _SEPARATORS.sub("", shown).lower()
    return bool(compact) and compact == _SEPARATORS.sub("", value).lower()


# Form labels in other locales and frameworks, read after FACT_PHRASES (which is also
# the vocabulary of messages and agent replies, so it stays English). Longer phrases
# first where one contains another.
LABEL_PHRASES: dict[str, tuple[str, ...]] = {
    "card_number": (
        "kartennummer",
        "numéro de carte",
        "número de tarjeta",
        "kaartnummer",
        "cc number",
    ),
    "card_expiry": (
        "ablaufdatum",
        "gültig bis",
        "date d'expiration",
        "fecha de caducidad",
        "vervaldatum",
        "mm / yy",
    ),
    "card_cvc": ("prüfnummer", "cryptogramme", "código de seguridad"),
    "order_number": (
        "bestellnummer",
        "numéro de commande",
        "número de pedido",
        "bestelnummer",
        "order #",
    ),
    "first_name": ("vorname", "prénom", "voornaam", "nombre de pila"),
    "last_name": (
        "nachname",
        "familienname",
        "nom de famille",
        "apellidos",
        "apellido",
        "achternaam",
    ),
    "username": (
        "benutzername",
        "nom d'utilisateur",
        "nombre de usuario",
        "gebruikersnaam",
        "identifiant",
    ),
    "name": (
        "nom complet",
        "nombre completo",
        "volledige naam",
        "naam",
        "nombre",
        "nom",
        "contact name",
    ),
    "email": (
        "e-mail-adresse",
        "adresse e-mail",
        "adresse électronique",
        "courriel",
        "correo electrónico",
        "correo electronico",
        "correo",
        "e-mailadres",
        "emailadres",
        "mail",
    ),
    "phone": (
        "telefonnummer",
        "telefon",
        "téléphone",
        "teléfono",
        "telefoonnummer",
        "telefoon",
        "handynummer",
        "portable",
        "móvil",
        "mobiel",
        "tel",
    ),
    "postcode": (
        "post/zip code",
        "zip/postal code",
        "postal/zip code",
        "postleitzahl",
        "plz",
        "code postal",
        "código postal",
        "eircode",
    ),
    "city": (
        "town/city",
        "stadt",
        "ort",
        "ville",
        "ciudad",
        "localidad",
        "woonplaats",
        "plaats",
        "suburb",
    ),
    "address": (
        "straße und hausnummer",
        "straße",
        "strasse",
        "anschrift",
        "adresse",
        "dirección",
        "calle",
        "straat",
        "adres",
    ),
    "country": ("country/region", "land", "pays", "país"),
    "password": ("passwort", "kennwort", "mot de passe", "contraseña", "wachtwoord"),
    "date_of_birth": (
        "geburtsdatum",
        "date de naissance",
        "fecha de nacimiento",
        "geboortedatum",
    ),
    "problem": (
        "describe your issue",
        "how can we help",
        "tell us more",
        "your message",
        "message",
        "description",
        "nachricht",
        "beschreibung",
        "votre message",
        "mensaje",
        "descripción",
        "bericht",
        "omschrijving",
    ),
}

# Words that make a label ask for something else than the fact its other words name:
# "Company name" is not the customer's name, "Gift card" not their card, "Order notes"
# not an order number.
NOT_A_FACT = (
    "company",
    "organisation",
    "organization",
    "business",
    "firma",
    "société",
    "empresa",
    "bedrijf",
    "product",
    "nickname",
    "alternate",
    "alternative",
    "secondary",
    "gift",
    "loyalty",
    "membership",
    "voucher",
    "coupon",
    "promo",
    "discount",
    "notes",
    "instructions",
    "search",
    "street name",
    "pet",
    "newsletter",
    "reference",
)


def label_words(label: str) -> str:
    """A label as words to match: lower case, no punctuation but what facts need
    ("post/zip code", "e-mail").
    """
    text = label.lower().replace("*", " ")
    text = re.sub(
        r"(?<=[a-z])-(?=code\b)", " ", text
    )  # "Post/Zip-code" is a "zip code"
    return " ".join(re.sub(r"[^\w/@'#-]+", " ", text).split())


def says(text: str, phrase: str) -> bool:
    """Whether `text` (from label_words) says `phrase` as whole words."""
    return bool(re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))


def fact_for_label(label: str) -> str | None:
    """The persona fact a form label asks for, as a customer would read it ("E-mail
    address" -> "email").
    """
    text = label_words(label)
    if any(says(text, word) for word in NOT_A_FACT):
        return None
    for table in (FACT_PHRASES, LABEL_PHRASES):
        for fact, phrases in table.items():
            if any(says(text, phrase) for phrase in phrases):
                return fact
    return None
