"""The persona: a first-time customer made by Faker, unique per scenario, reproducible
from the run seed.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from faker import Faker

from journeys.project.templating import check_env_references, env_references, expand_env

from ..effort.facts import FACT_PHRASES, SECRET_FACTS
from ..errors import ConfigError, FeatureError, StepDoesNotFit, did_you_mean
from .fact_formats import country_name, printed_date, valid_phone, valid_postcode

SECTION = "tool.journeys.persona"


@dataclass(frozen=True)
class PersonaConfig:
    """`[tool.journeys.persona]`: the Faker locale, the pattern of order numbers (# a
    digit, ? a letter), and `facts`: fixed values a site needs, under any name a team
    needs (a test card, an account number, a moving date): ${NAME} from the environment,
    or `{ value = "...", secret = true }`, is a secret.
    """

    locale: str = "en_GB"
    order_number: str = "SH-######"
    facts: dict[str, str] = field(default_factory=dict)
    secret: tuple[
        str,
        ...,
        # facts marked secret = true (those read from the environment are secret anyway)
    ] = ()


def persona_config(section: dict[str, object]) -> PersonaConfig:
    """Parse `[tool.journeys.persona]`; a wrong key or value is a ConfigError
    naming it.
    """
    known = [f.name for f in dataclasses.fields(PersonaConfig) if f.name != "secret"]
    values: dict[str, object] = {}
    for key, value in section.items():
        if key not in known:
            raise ConfigError(
                f"{SECTION}.{key}", "is not a persona setting", did_you_mean(key, known)
            )
        if key == "facts":
            values["facts"], values["secret"] = _fixed_facts(value)
        elif not isinstance(value, str):
            raise ConfigError(
                f"{SECTION}.{key}",
                f"must be text, not {value!r}",
                f'write {key} = "..."',
            )
        else:
            values[key] = value
    config = PersonaConfig(**values)  # type: ignore[arg-type]
    try:
        Faker(config.locale)
    except AttributeError:
        raise ConfigError(
            f"{SECTION}.locale",
            f"{config.locale!r} is not a locale Faker knows",
            'write e.g. locale = "en_GB" or "de_DE"',
        ) from None
    return config


_FACT_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _fixed_facts(table: object) -> tuple[dict[str, str], tuple[str, ...]]:
    """The facts a team fixes, by any name (`account_number`, `moving_date`), and those
    it marks secret.
    """
    if not isinstance(table, dict):
        raise ConfigError(
            f"{SECTION}.facts",
            "must be a table of fact = value",
            f'write [{SECTION}.facts] card_number = "${{TEST_CARD}}"',
        )
    facts: dict[str, str] = {}
    secret: list[str] = []
    for name, given in table.items():
        key = f"{SECTION}.facts.{name}"
        if not _FACT_NAME.fullmatch(name):
            raise ConfigError(
                key,
                "is not a fact name",
                "write it in lower case with underscores, e.g. account_number (then: my"
                " account number)",
            )
        close = difflib.get_close_matches(name, FACT_PHRASES, n=1, cutoff=0.9)
        if (
            name not in FACT_PHRASES and close
        ):  # "card_numbr": a built-in fact misspelt, not a fact of its own
            raise ConfigError(
                key,
                "is not a persona fact",
                f"did you mean {close[0]!r}? (a fact of your own needs a name"
                " unlike it)",
            )
        value, marked = _fact_value(key, name, given)
        check_env_references(key, value)
        facts[name] = value
        if marked:
            secret.append(name)
    return facts, tuple(secret)


def _fact_value(key: str, name: str, given: object) -> tuple[str, bool]:
    """A fact's value and whether it is marked secret: "text", or { value = "text",
    secret = true }.
    """
    if isinstance(given, str):
        return given, False
    if (
        isinstance(given, dict)
        and set(given) <= {"value", "secret"}
        and isinstance(given.get("value"), str)
    ):
        marked = given.get("secret", False)
        if not isinstance(marked, bool):
            raise ConfigError(
                f"{key}.secret",
                f"must be true or false, not {marked!r}",
                "write secret = true",
            )
        return given["value"], marked
    raise ConfigError(
        key,
        f"must be text or {{ value = ..., secret = true }}, not {given!r}",
        f'write {name} = "..." (a secret as "${{NAME}}", or {{ value = "...", secret ='
        " true })",
    )


# An explicit placeholder for a fact in free text, a path or a template: "{my order
# number}".
PLACEHOLDER = re.compile(r"\{\s*(my [\w -]+?)\s*\}", re.IGNORECASE)


# Single words that name a value only on a form: "my postcode" meant the postcode; "my
# order", "my e-mail", "my name" or "my password" are as often plain words ("I forgot my
# password"), so `check` leaves them be.
_VALUE_WORDS = frozenset({"postcode", "iban", "username", "surname", "forename"})


def old_style_facts(text: str, facts: Iterable[str] = ()) -> list[str]:
    """The "my <fact>" words outside braces that journeys once replaced by the fact and
    now sends as written.

    Only words that name a value ("my order number", "my postcode"), not plain words
    that may be meant.
    """
    words = {fact.replace("_", " ") for fact in (*FACT_PHRASES, *facts)}
    words |= {phrase for phrases in FACT_PHRASES.values() for phrase in phrases}
    words = {w for w in words if " " in w or w in _VALUE_WORDS}
    alternatives = sorted(words, key=len, reverse=True)
    bare = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    pattern = r"\bmy (" + "|".join(re.escape(p) for p in alternatives) + r")\b"
    return [m.group(0) for m in re.finditer(pattern, bare, flags=re.IGNORECASE)]


# Facts the persona does not make up: the site gives them (noted from a page) or the
# project fixes them.
GIVEN_BY_THE_SITE = frozenset({"customer_number", "ticket_number"})


def fact_key(words: str) -> str:
    """The fact a customer's words name ("order number" -> order_number); other words
    name a fact of their own.
    """
    cleaned = " ".join(words.strip().lower().removeprefix("my ").split())
    for fact, phrases in FACT_PHRASES.items():
        if cleaned == fact.replace("_", " ") or cleaned in phrases:
            return fact
    return re.sub(r"\W+", "_", cleaned).strip("_")


def fact_named(words: str, noted: Iterable[str] = ()) -> str:
    """The fact behind a step's words ("my e-mail", "my card number", a noted "my ticket
    number"); unknown is a feature error.
    """
    fact = fact_key(words)
    if fact in FACT_PHRASES or fact in noted:
        return fact
    known = sorted({phrases[0] for phrases in FACT_PHRASES.values()})
    cleaned = fact.replace("_", " ")
    raise FeatureError(
        f'"my {cleaned}"',
        "is not a persona fact",
        f"use one of: {', '.join('my ' + k for k in known)}; or note it earlier in the"
        " scenario: "
        f'When I note the {cleaned} shown after "..."',
    )


@dataclass(frozen=True)
class Persona:
    """Who walks the journey. `facts` holds what the customer knows and may be asked
    for, and what they noted.
    """

    facts: dict[str, str] = field(default_factory=dict)
    label: str = ""  # short, secret-free: "Fatima Khan <fatima@...>"
    locale: str = "en_GB"
    secret_facts: frozenset[str] = (
        # facts never shown: the built-in secrets and those from the environment
        SECRET_FACTS
    )

    def __repr__(
        self,
    ) -> str:  # allure records reprs: keep it short and without secrets
        return f"Persona({self.label})"

    def __getitem__(self, fact: str) -> str:
        value = self.facts.get(fact, "")
        if not value:
            words = fact.replace("_", " ")
            raise StepDoesNotFit(
                f"I do not know my {words} yet: note it where the site shows it (When I"
                f' note the {words} shown after "...")'
            )
        return value

    def is_secret(self, fact: str | None) -> bool:
        return fact is not None and fact in self.secret_facts

    def secrets(self) -> tuple[str, ...]:
        """The values no report may show."""
        return tuple(v for k, v in self.facts.items() if k in self.secret_facts and v)

    def public(self) -> dict[str, str]:
        """The facts a report may show: secrets masked."""
        return {
            k: _masked(k, v) if k in self.secret_facts and v else v
            for k, v in self.facts.items()
        }

    def note(self, words: str, value: str) -> str:
        """Remember what the site showed ("order number" -> "SH-123456"); from now on it
        is one of my facts.
        """
        fact = fact_key(words)
        self.facts[fact] = value
        return fact

    def expand(self, text: str) -> tuple[str, tuple[str, ...]]:
        """Replace each explicit placeholder ("{my order number}") in a message by the
        fact; return the facts used.

        Plain words are the customer's own and go out as written: "Where is my order?"
        asks about an order, and "my name is Ann" says a name; only braces say "put my
        fact here".
        """
        used: list[str] = []

        def substitute(match: re.Match[str]) -> str:
            fact = fact_named(match.group(1), self.facts)
            value = self[fact]
            used.append(fact)
            return value

        return PLACEHOLDER.sub(substitute, text), tuple(dict.fromkeys(used))

    def old_style_facts(self, text: str) -> list[str]:
        """Words ("my order number") outside braces that an earlier version replaced by
        a fact: now sent as written.
        """
        return old_style_facts(text, self.facts)

    def fill_in(self, template: str, *, quoted: bool = False) -> str:
        """Fill "{my order number}" in a path or text with the fact (URL-quoted when
        `quoted`); unknown facts stay an error.
        """

        def substitute(match: re.Match[str]) -> str:
            value = self[fact_named(match.group(1), self.facts)]
            return quote(value, safe="") if quoted else value

        return PLACEHOLDER.sub(substitute, template)

    def values(self) -> dict[str, str]:
        """Every fact by name, for `{name}` in request templates (the records redact the
        secrets).
        """
        return dict(self.facts)


def _masked(fact: str, value: str) -> str:
    """At most a card's last 4 digits (as on a receipt), nothing of a security code or
    password.
    """
    digits = re.sub(r"\D", "", value)
    if fact == "card_number" and len(digits) >= 12:
        return "•••• " + digits[-4:]
    return "•••"


def make_persona(
    seed: int | str,
    test_id: str,
    *,
    locale: str = "en_GB",
    order_number: str = "SH-######",
    facts: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    secret: Iterable[str] = (),
) -> Persona:
    """A persona unique to this scenario and reproducible from the run seed
    (Faker.seed() is global: not used).

    `facts` are fixed values from `[tool.journeys.persona.facts]`; one that reads the
    environment is a secret.
    """
    digest = hashlib.sha256(f"{seed}:{test_id}".encode()).digest()
    fake = Faker(locale)
    fake.seed_instance(int.from_bytes(digest[:8], "big"))
    first, last = fake.first_name(), fake.last_name()
    number = fake.numerify("###")
    email_user = (
        re.sub(r"[^a-z0-9]", "", f"{first}.{last}".lower().replace(".", ""))
        or "customer"
    )
    made = {
        "first_name": first,
        "last_name": last,
        "name": f"{first} {last}",
        "email": f"{email_user}.{number}@example.com",
        "username": f"{email_user}{number}",
        # Faker's number is drawn as before (so the facts after it stay those of the
        # same seed), then set aside: it need not pass libphonenumber, which real sites'
        # forms use. The customer's is one that does.
        "phone": (
            (
                fake.numerify("07### ######")
                if locale == "en_GB"
                else fake.phone_number()
            )
            and ""
        ),
        "address": fake.street_address().replace("\n", ", "),
        "city": fake.city(),
        "postcode": valid_postcode(locale, fake.postcode),
        "country": country_name(locale),
        # the standard test card: never a real one
        "card_number": "4242 4242 4242 4242",
        "card_expiry": f"{fake.random_int(1, 12):02d}/{fake.random_int(28, 33)}",
        "card_cvc": fake.numerify("###"),
        "password": fake.password(length=14),
        "order_number": fake.bothify(order_number).upper(),
        # Made after the facts above, so adding facts never changes an earlier persona
        # of the same seed.
        "date_of_birth": printed_date(
            fake.date_of_birth(minimum_age=18, maximum_age=80), locale
        ),
        **_bank_details(fake, locale),
        # What went wrong, unless the journey says (Given my problem is "..."): what a
        # form asking for it is told.
        "problem": "the parcel arrived damaged",
    }
    made["phone"] = valid_phone(
        locale, random.Random(int.from_bytes(digest[8:16], "big"))
    )
    secret = set(SECRET_FACTS) | set(
        secret
    )  # the built-in secrets, and the facts a team marked secret
    environ = os.environ if environ is None else environ
    for fact, value in (facts or {}).items():
        made[fact] = expand_env(value, environ, key=f"{SECTION}.facts.{fact}")
        if env_references(value):
            secret.add(fact)
    return Persona(
        facts=made,
        label=f"{first} {last}",
        locale=locale,
        secret_facts=frozenset(secret),
    )


def _bank_details(fake: Faker, locale: str) -> dict[str, str]:
    """The bank details printed on the customer's card or statement, one account: sort
    code, number and IBAN agree.
    """
    bban = fake.bban()
    if locale == "en_GB" and re.fullmatch(r"[A-Z]{4}\d{14}", bban):
        sort_code, account = bban[4:10], bban[10:]
        return {
            "sort_code": f"{sort_code[:2]}-{sort_code[2:4]}-{sort_code[4:]}",
            "bank_account_number": account,
            "iban": _grouped(_iban("GB", bban)),
        }
    iban = fake.iban()
    return {"bank_account_number": bban, "iban": _grouped(iban)}


def _iban(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def _grouped(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
