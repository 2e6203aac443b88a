"""The persona: a first-time customer made by Faker, unique per scenario, reproducible from the run seed."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field

from faker import Faker

from ..effort.facts import FACT_PHRASES, SECRET_FACTS, fact_for_label
from ..errors import ConfigError, FeatureError

SECTION = "tool.journeys.persona"


@dataclass(frozen=True)
class PersonaConfig:
    """`[tool.journeys.persona]`: the Faker locale, and the pattern of order numbers (# a digit, ? a letter)."""

    locale: str = "en_GB"
    order_number: str = "SH-######"


def persona_config(section: dict[str, object]) -> PersonaConfig:
    """Parse `[tool.journeys.persona]`; a wrong key or value is a ConfigError naming it."""
    known = [f.name for f in dataclasses.fields(PersonaConfig)]
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"{SECTION}.{key}", "is not a persona setting", f"known keys: {', '.join(known)}")
        if not isinstance(value, str):
            raise ConfigError(f"{SECTION}.{key}", f"must be text, not {value!r}", f'write {key} = "..."')
    config = PersonaConfig(**section)  # type: ignore[arg-type]
    try:
        Faker(config.locale)
    except AttributeError:
        raise ConfigError(f"{SECTION}.locale", f"{config.locale!r} is not a locale Faker knows", 'write e.g. locale = "en_GB" or "de_DE"') from None
    return config


def fact_named(words: str) -> str:
    """The fact behind a step's words ("my e-mail", "my card number"); unknown words are a feature error."""
    cleaned = words.strip().lower().removeprefix("my ").strip()
    for fact, phrases in FACT_PHRASES.items():
        if cleaned == fact.replace("_", " ") or cleaned in phrases:
            return fact
    known = sorted({phrases[0] for phrases in FACT_PHRASES.values()})
    raise FeatureError(
        f'"my {cleaned}"', "is not a persona fact", f"use one of: {', '.join('my ' + k for k in known)}"
    )


@dataclass(frozen=True)
class Persona:
    """Who walks the journey. `facts` holds what the customer knows and may be asked for."""

    facts: dict[str, str] = field(default_factory=dict)
    label: str = ""  # short, secret-free: "Fatima Khan <fatima@...>"

    def __repr__(self) -> str:  # allure records reprs: keep it short and without secrets
        return f"Persona({self.label})"

    def __getitem__(self, fact: str) -> str:
        return self.facts[fact]

    def public(self) -> dict[str, str]:
        """The facts a report may show: secrets masked."""
        return {k: (_masked(k, v) if k in SECRET_FACTS and v else v) for k, v in self.facts.items()}

    def expand(self, text: str) -> tuple[str, tuple[str, ...]]:
        """Replace "my order number", "my e-mail"… in a message by the facts; return the facts used."""
        used: list[str] = []

        def substitute(match: re.Match[str]) -> str:
            phrase = match.group(1).lower()
            for fact, phrases in FACT_PHRASES.items():
                if phrase in phrases or phrase == fact.replace("_", " "):
                    used.append(fact)
                    return self.facts[fact]
            return match.group(0)

        alternatives = sorted({p for ps in FACT_PHRASES.values() for p in ps}, key=len, reverse=True)
        pattern = r"\bmy (" + "|".join(re.escape(p) for p in alternatives) + r")\b"
        return re.sub(pattern, substitute, text, flags=re.IGNORECASE), tuple(dict.fromkeys(used))


def _masked(fact: str, value: str) -> str:
    """At most a card's last 4 digits (as on a receipt), nothing of a security code or password."""
    digits = re.sub(r"\D", "", value)
    if fact == "card_number" and len(digits) >= 12:
        return "•••• " + digits[-4:]
    return "•••"


def make_persona(seed: int | str, test_id: str, *, locale: str = "en_GB", order_number: str = "SH-######") -> Persona:
    """A persona unique to this scenario and reproducible from the run seed (Faker.seed() is global: not used)."""
    digest = hashlib.sha256(f"{seed}:{test_id}".encode()).digest()
    fake = Faker(locale)
    fake.seed_instance(int.from_bytes(digest[:8], "big"))
    first, last = fake.first_name(), fake.last_name()
    number = fake.numerify("###")
    email_user = re.sub(r"[^a-z0-9]", "", f"{first}.{last}".lower().replace(".", "")) or "customer"
    facts = {
        "first_name": first,
        "last_name": last,
        "name": f"{first} {last}",
        "email": f"{email_user}.{number}@example.com",
        "username": f"{email_user}{number}",
        "phone": fake.numerify("07### ######"),
        "address": fake.street_address().replace("\n", ", "),
        "city": fake.city(),
        "postcode": fake.postcode(),
        "country": "United Kingdom",
        "card_number": "4242 4242 4242 4242",  # the standard test card: never a real one
        "card_expiry": f"{fake.random_int(1, 12):02d}/{fake.random_int(28, 33)}",
        "card_cvc": fake.numerify("###"),
        "password": fake.password(length=14),
        "order_number": fake.bothify(order_number).upper(),
        "problem": "the parcel arrived damaged",
    }
    return Persona(facts=facts, label=f"{first} {last}")
