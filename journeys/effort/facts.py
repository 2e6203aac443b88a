"""Persona facts and the words customers and forms use for them.

Pure vocabulary shared by the channels (which fact does this form label ask
for?) and the detectors (does this agent reply ask again for a fact?).
"""

from __future__ import annotations

import re

# Persona facts and the words a customer (or a form label) uses for them.
# Order matters where one phrase contains another: longer, more specific phrases first.
FACT_PHRASES: dict[str, tuple[str, ...]] = {
    "card_number": ("card number", "credit card", "card no", "card"),
    "card_expiry": ("expiry date", "expiry", "expiration", "valid until", "mm/yy"),
    "card_cvc": ("security code", "cvc", "cvv"),
    "order_number": ("order number", "order no", "order reference", "order id", "order"),
    "first_name": ("first name", "given name", "forename"),
    "last_name": ("last name", "surname", "family name"),
    "name": ("full name", "your name", "name"),
    "email": ("e-mail address", "email address", "e-mail", "email"),
    "phone": ("phone number", "telephone", "mobile", "phone"),
    "postcode": ("postcode", "post code", "postal code", "zip code", "zip"),
    "city": ("city", "town"),
    "address": ("street address", "address line", "delivery address", "address", "street"),
    "country": ("country",),
    "password": ("password",),
    "problem": ("problem", "issue", "what went wrong"),
}

# Facts that are secrets: never shown in reports, parameters or logs.
SECRET_FACTS = frozenset({"card_number", "card_cvc", "password"})


def fact_for_label(label: str) -> str | None:
    """The persona fact a form label asks for, as a customer would read it ("E-mail address" -> "email")."""
    text = " ".join(re.sub(r"[^\w/@-]+", " ", label.lower()).split())
    for fact, phrases in FACT_PHRASES.items():
        for phrase in phrases:
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
                return fact
    return None
