"""Filling a form as a customer would: which control asks for which persona fact, and
what to do with each.

Pure: a table of rules over descriptions of the controls (`Control`), so the mapping is
tested without a browser. The web channel describes the controls of a page, asks
`plan_form` what the customer does with each, and performs it.

Rules a reader may look for:

- A field maps to a fact only on a confident match: its `autocomplete` token (HTML
  spec), its label, its input type, its name, in that order; each fact is typed once per
  form.
- A confirm field ("Confirm e-mail", "Repeat password") is a real re-entry: it is typed,
  and the detectors will call it what it is.
- Address lines 2 and 3 stay empty; one problem text goes into one field (the
  description), a required summary gets a short subject of its own.
- Selects and radio groups get the option that matches a fact (country). A required
  choice no fact answers (a queue, a department, a reason) gets the option that fits the
  customer's problem by its words, only when one option clearly fits (it shares words
  with the problem and no other shares as many); otherwise it is an open question: the
  feature must answer it (`When I choose "<option>" for "<question>"`). Optional fields
  with no fact stay empty, as a customer leaves them.
- A prefilled value is the site's and stays, unless it contradicts a fact the customer
  has (a country defaulting to "Afghanistan"): then the customer changes it, and the
  entry names the default it replaces (effort the site caused). A value the customer
  typed themselves is never typed over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from ..effort.facts import fact_for_label, label_words, same_value, says

Kind = Literal["text", "textarea", "select", "radio", "checkbox", "date", "file"]
Action = Literal["type", "choose", "tick", "attach", "leave"]


@dataclass(frozen=True)
class Control:
    """One control as the customer meets it (a radio group is one control, its radios
    the options).
    """

    key: str  # the channel's handle for it
    kind: Kind
    label: str
    input_type: str = "text"
    name: str = ""
    autocomplete: str = ""
    required: bool = False
    # what it holds now (a select: the chosen option's text, a checkbox: "on" when
    # ticked)
    value: str = ""
    options: tuple[str, ...] = ()
    form: str = ""  # which form on the page it belongs to
    accept: str = ""  # file inputs: what the site accepts
    minimum: str = ""  # date inputs: the earliest date allowed
    # in the page's main content, not its header, footer, navigation or a side panel
    in_main: bool = True


@dataclass(frozen=True)
class Entry:
    """What the customer does with one control."""

    control: Control
    action: Action
    value: str = ""
    fact: str | None = None
    why: str = ""
    # the site's prefilled value this entry changes because it contradicts the fact
    replaces: str = ""


@dataclass(frozen=True)
class Meaning:
    fact: str | None
    role: Literal["fact", "confirm", "extra_line", "subject", "unknown"] = "fact"
    by: str = ""


@dataclass(frozen=True)
class FormPlan:
    entries: list[Entry] = field(default_factory=list)
    cannot_fill: list[str] = field(
        default_factory=list
    )  # one line per required control nobody can answer
    open_questions: list[Control] = field(
        default_factory=list
    )  # required choices only the feature can answer


# autocomplete field names (HTML Living Standard, "autofill field name") -> persona
# fact.
AUTOCOMPLETE_FACTS = {
    "name": "name",
    "given-name": "first_name",
    "family-name": "last_name",
    "email": "email",
    "tel": "phone",
    "tel-national": "phone",
    "tel-local": "phone",
    "street-address": "address",
    "address-line1": "address",
    "address-level2": "city",
    "postal-code": "postcode",
    "country": "country",
    "country-name": "country",
    "cc-number": "card_number",
    "cc-exp": "card_expiry",
    "cc-csc": "card_cvc",
    "cc-name": "name",
    "current-password": "password",
    "new-password": "password",
}
AUTOCOMPLETE_EXTRA_LINES = {"address-line2", "address-line3"}
_AUTOCOMPLETE_MODIFIERS = {
    "shipping",
    "billing",
    "home",
    "work",
    "mobile",
    "fax",
    "pager",
    "webauthn",
}

INPUT_TYPE_FACTS = {"email": "email", "tel": "phone", "password": "password"}

# Tokens of a control's `name` attribute (billing_postcode, user[email], firstName) ->
# fact.
NAME_TOKEN_FACTS = {
    "email": "email",
    "mail": "email",
    "fname": "first_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "lname": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "fullname": "name",
    "postcode": "postcode",
    "zip": "postcode",
    "zipcode": "postcode",
    "postalcode": "postcode",
    "plz": "postcode",
    "city": "city",
    "town": "city",
    "phone": "phone",
    "tel": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "country": "country",
    "password": "password",
    "passwd": "password",
    "pwd": "password",
    "address1": "address",
    "street": "address",
    "address": "address",
}
NAME_EXTRA_LINES = {"address2", "address3", "line2", "line3", "street2", "street3"}

CONFIRM_WORDS = (
    "confirm",
    "confirmation",
    "repeat",
    "re-enter",
    "reenter",
    "retype",
    "re-type",
    "again",
    "verify",
    "wiederholen",
    "bestätigen",
    "bestätigung",
    "confirmer",
    "confirmez",
    "confirmar",
    "repetir",
    "repita",
    "bevestig",
    "bevestigen",
    "herhaal",
    "nogmaals",
)
EXTRA_LINE_WORDS = (
    "address line 2",
    "address line 3",
    "address 2",
    "address 3",
    "street address line 2",
    "line 2",
    "line 3",
    "apartment",
    "suite",
    "apt",
    "flat",
    "unit",
    "adresszusatz",
    "complément d'adresse",
    "complément",
    "piso",
    "puerta",
    "toevoeging",
    "address2",
)
OPTIONAL_WORDS = (
    "optional",
    "if you have one",
    "freiwillig",
    "facultatif",
    "facultativo",
    "optioneel",
    "not required",
)
# A box a customer ticks to go on with what they came for; offers and newsletters are
# left alone.
CONSENT_WORDS = (
    "terms",
    "conditions",
    "i agree",
    "i accept",
    "privacy policy",
    "agb",
    "conditions générales",
    "términos",
    "voorwaarden",
)
SUBJECT_WORDS = (
    "summary",
    "subject",
    "short description",
    "betreff",
    "objet",
    "asunto",
    "onderwerp",
)
DESCRIPTION_WORDS = (
    "description",
    "describe",
    "details",
    "message",
    "what went wrong",
    "problem",
    "issue",
    "how can we help",
    "beschreibung",
    "nachricht",
    "descripción",
    "mensaje",
    "omschrijving",
)
PLACEHOLDER_OPTIONS = re.compile(
    r"^(|-+.*|.*\b(select|choose|please|pick)\b.*|bitte"
    r" wählen.*|choisi(r|ssez).*|seleccion.*|kies.*|maak een keuze.*)$",
    re.IGNORECASE,
)
# What the persona's facts are called in option lists of many sites.
OPTION_ALIASES = {
    "united kingdom": (
        "united kingdom",
        "united kingdom (uk)",
        "uk",
        "gb",
        "great britain",
        "vereinigtes königreich",
        "royaume-uni",
        "reino unido",
        "verenigd koninkrijk",
        "england",
    ),
}


def _tokens(name: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return [t for t in re.split(r"[^a-zA-Z0-9]+", spaced.lower()) if t]


def _autocomplete_name(autocomplete: str) -> str:
    tokens = [t for t in autocomplete.lower().split() if not t.startswith("section-")]
    tokens = [t for t in tokens if t not in _AUTOCOMPLETE_MODIFIERS]
    return tokens[-1] if tokens else ""


def meaning_of(control: Control) -> Meaning:
    """Which persona fact a control asks for, and in which role; `fact` is None unless
    the match is confident.
    """
    text = label_words(control.label)
    joined = "".join(_tokens(control.name))
    auto = _autocomplete_name(control.autocomplete)
    if (
        auto in AUTOCOMPLETE_EXTRA_LINES
        or any(says(text, w) for w in EXTRA_LINE_WORDS)
        or joined in NAME_EXTRA_LINES
    ):
        return Meaning(
            None,
            "extra_line",
            "autocomplete" if auto in AUTOCOMPLETE_EXTRA_LINES else "label",
        )
    label_fact = fact_for_label(control.label)
    confirming = any(says(text, w) for w in CONFIRM_WORDS)
    if any(says(text, w) for w in SUBJECT_WORDS):
        return Meaning("problem", "subject", "label")
    fact, by = None, ""
    if auto in AUTOCOMPLETE_FACTS:
        fact, by = AUTOCOMPLETE_FACTS[auto], "autocomplete"
    elif label_fact:
        fact, by = label_fact, "label"
    elif control.input_type in INPUT_TYPE_FACTS:
        fact, by = INPUT_TYPE_FACTS[control.input_type], "type"
    elif control.kind not in ("radio", "checkbox", "file"):
        named = [
            NAME_TOKEN_FACTS[t]
            for t in (*_tokens(control.name), joined)
            if t in NAME_TOKEN_FACTS
        ]
        if named:
            fact, by = named[-1], "name"
    if fact is None:
        return Meaning(None, "unknown")
    if control.kind == "checkbox":
        return Meaning(None, "unknown")  # a box ticks; it never holds a fact
    return Meaning(fact, "confirm" if confirming else "fact", by)


def choose_option(options: tuple[str, ...], wanted: str | None) -> str | None:
    """The option that says `wanted` (a fact's value, by its usual names), else None."""
    real = [o for o in options if not PLACEHOLDER_OPTIONS.match(o.strip())]
    if not wanted:
        return None
    names = OPTION_ALIASES.get(wanted.lower(), (wanted.lower(),))
    for name in names:
        for option in real:
            if " ".join(option.lower().split()) == name:
                return option
    for option in real:
        if wanted.lower() in option.lower():
            return option
    return None


# Words that say nothing about which option fits a problem.
_NO_MEANING = frozenset(
    (
        "the",
        "and",
        "for",
        "with",
        "about",
        "from",
        "that",
        "this",
        "have",
        "has",
        "was",
        "were",
        "are",
        "you",
        "your",
        "our",
        "not",
        "but",
        "can",
        "into",
        "other",
        "something",
        "else",
        "general",
        "question",
        "questions",
        "enquiry",
        "please",
        "help",
        "need",
        "want",
        "some",
        "any",
        "all",
        "its",
        "their",
        "them",
        "they",
    )
)


def _words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(r"[^\W\d_]+", text.lower())
        if len(w) >= 3 and w not in _NO_MEANING
    }


def _shared(option: str, problem: set[str]) -> int:
    """How many of the problem's words the option says, by their first letters ("bill"
    in "Billing", "pay" in "Payments").
    """
    said = _words(option)
    return sum(
        any(o[: max(3, min(4, len(w)))] == w[: max(3, min(4, len(o)))] for o in said)
        for w in problem
    )


def option_by_meaning(options: tuple[str, ...], problem: str | None) -> str | None:
    """The option that clearly fits the customer's problem: it shares words with it, and
    no other shares as many.
    """
    wanted = _words(problem or "")
    scored = sorted(
        (
            (_shared(o, wanted), o)
            for o in options
            if not PLACEHOLDER_OPTIONS.match(o.strip())
        ),
        key=lambda pair: -pair[0],
    )
    if (
        not scored
        or scored[0][0] == 0
        or (len(scored) > 1 and scored[1][0] == scored[0][0])
    ):
        return None
    return scored[0][1]


def open_question(control: Control) -> str:
    """One line naming a required choice nothing the customer knows decides, its
    options, and the step to answer it.
    """
    question = control.label or control.name
    real = [o for o in control.options if not PLACEHOLDER_OPTIONS.match(o.strip())]
    offered = ", ".join(f'"{o}"' for o in real[:8]) + (
        f" and {len(real) - 8} more" if len(real) > 8 else ""
    )
    example = real[0] if real else "<option>"
    return (
        f'"{question}" asks me to choose ({offered or "no options"}) and nothing I know'
        f' decides; fix: add the step When I choose "{example}" for "{question}" (the'
        " option the customer would choose)"
    )


def _contradicts(shown: str, value: str) -> bool:
    """A prefilled text that is not the fact and not the start of it ("+44" before a
    phone number).
    """
    if not shown.strip() or same_value(shown, value):
        return False
    compact = re.sub(r"[\s\-./()]+", "", shown).lower()
    return compact not in re.sub(r"[\s\-./()]+", "", value).lower()


def _is_description(control: Control) -> bool:
    text = label_words(control.label)
    return control.kind == "textarea" or any(says(text, w) for w in DESCRIPTION_WORDS)


def plan_form(
    controls: list[Control],
    facts: dict[str, str],
    *,
    today: date | None = None,
    typed: frozenset[str] = frozenset(),
) -> FormPlan:
    """What the customer types, picks and ticks in one form, and what they cannot
    answer.

    `typed`: the keys of controls holding what the customer typed themselves, never
    typed over.
    """
    meanings = {c.key: meaning_of(c) for c in controls}
    has_last_name = any(m.fact == "last_name" for m in meanings.values())
    has_description = any(
        m.fact == "problem" and m.role == "fact" and _is_description(c)
        for c in controls
        for m in [meanings[c.key]]
    )
    # A form that marks required fields makes the unmarked ones optional; one that marks
    # nothing (GOV.UK style: "mark the optional ones") asks every unmarked question.
    marks_required = any(c.required or "*" in c.label for c in controls)
    given: set[str] = set()
    plan = FormPlan()
    for control in controls:
        meaning = meanings[control.key]
        if control.key in typed:
            plan.entries.append(
                Entry(control, "leave", fact=meaning.fact, why="I typed it myself")
            )
            if meaning.fact:
                given.add(meaning.fact)
            continue
        asked = (
            control.required
            or "*" in control.label
            or (
                not marks_required
                and not any(says(label_words(control.label), w) for w in OPTIONAL_WORDS)
            )
        )
        if (
            asked != control.required
            and control.kind in ("select", "radio")
            or meaning.role == "subject"
        ):
            control = replace(control, required=asked)
        fact = meaning.fact
        if (
            fact == "name"
            and has_last_name
            and not says(label_words(control.label), "full name")
        ):
            # "Nombre" beside "Apellidos", "Name" beside "Surname": the given name
            fact = "first_name"
        entry = _entry(
            control, meaning, fact, facts, given, has_description, today or date.today()
        )
        real_options = [
            o for o in control.options if not PLACEHOLDER_OPTIONS.match(o.strip())
        ]
        if entry is None and control.kind in ("select", "radio") and real_options:
            plan.open_questions.append(control)
            continue
        if entry is None:
            plan.cannot_fill.append(_cannot_fill(control, meaning))
            continue
        if (
            entry.fact
            and entry.action in ("type", "choose")
            and meaning.role != "confirm"
        ):
            given.add(entry.fact)
        plan.entries.append(entry)
    return plan


def _entry(  # noqa: PLR0911 - one rule a line reads best
    control: Control,
    meaning: Meaning,
    fact: str | None,
    facts: dict[str, str],
    typed: set[str],
    has_description: bool,
    today: date,
) -> Entry | None:
    leave = Entry(control, "leave")
    if meaning.role == "extra_line":
        return Entry(
            control, "leave", why="a further address line: the customer leaves it empty"
        )
    if control.kind == "checkbox":
        consent = any(says(label_words(control.label), w) for w in CONSENT_WORDS)
        if control.value or not (control.required or consent):
            return leave
        return Entry(
            control,
            "tick",
            why="required" if control.required else "the terms of what I came for",
        )
    if control.kind in ("select", "radio"):
        value = facts.get(fact) if fact else None
        option = choose_option(control.options, value)
        defaulted = bool(control.value) and not PLACEHOLDER_OPTIONS.match(
            control.value.strip()
        )
        if option:
            if control.value.strip() == option.strip():
                return Entry(control, "leave", option, fact, why=f"matches my {fact}")
            # A real option chosen by the site that is not the customer's: a wrong
            # default they must change.
            return Entry(
                control,
                "choose",
                option,
                fact,
                why=f"matches my {fact}",
                replaces=control.value if defaulted else "",
            )
        if not control.required or defaulted:
            return leave
        option = option_by_meaning(control.options, facts.get("problem"))
        return (
            Entry(control, "choose", option, why="fits my problem") if option else None
        )
    if control.kind == "file":
        if not control.required:
            return leave
        return Entry(
            control,
            "attach",
            "photo.png" if "image" in control.accept else "details.txt",
            why="required",
        )
    if meaning.role == "subject" and has_description:
        if not control.required:
            return Entry(control, "leave", why="the problem goes into the description")
        subject = " ".join(facts.get("problem", "my order").split()[:6])
        return Entry(
            control,
            "type",
            subject[:1].upper() + subject[1:],
            why="a short subject of the problem",
        )
    if fact and fact in facts and (fact not in typed or meaning.role == "confirm"):
        replaces = (
            control.value
            if control.kind == "text" and _contradicts(control.value, facts[fact])
            else ""
        )
        return Entry(
            control,
            "type",
            facts[fact],
            fact,
            why=f"{meaning.role} by {meaning.by}",
            replaces=replaces,
        )
    if fact and fact in typed:
        return (
            Entry(control, "leave", why=f"my {fact} is already in this form")
            if not control.required
            else Entry(control, "type", facts[fact], fact, why="asked again")
        )
    if control.kind == "date" and control.required and not fact:
        start = date.fromisoformat(control.minimum) if _iso(control.minimum) else today
        return Entry(
            control,
            "type",
            (max(start, today) + timedelta(days=7)).isoformat(),
            why="a week from now",
        )
    if control.value or not control.required:
        return leave
    return None


def _iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _cannot_fill(control: Control, meaning: Meaning) -> str:
    tried = [f'label "{control.label}"']
    if control.autocomplete:
        tried.append(f'autocomplete "{control.autocomplete}"')
    tried.append(f"type {control.input_type or control.kind}")
    if control.name:
        tried.append(f'name "{control.name}"')
    what = (
        f"no option to pick ({len(control.options)} offered)"
        if control.kind in ("select", "radio")
        else ("no persona fact matches its " + ", ".join(tried))
    )
    return (
        f'cannot fill the required {control.kind} "{control.label or control.name}":'
        f" {what}"
    )


# -- locating one control by the words a feature uses ----------------------------------


class Ambiguous(Exception):
    """Two controls answer to the same words and nothing says which one the customer
    means.
    """

    def __init__(self, candidates: list[Control]) -> None:
        super().__init__(candidates)
        self.candidates = candidates


@dataclass(frozen=True)
class Names:
    """The ways a page names one control: its label, accessible name, placeholder, a
    label whose `for` is broken.
    """

    control: Control
    label: str = ""
    accessible: str = ""
    placeholder: str = ""
    orphan_label: str = ""


def _same(a: str, b: str) -> bool:
    return label_words(a).rstrip(":").strip() == label_words(b).rstrip(":").strip()


def locate(
    named: list[Names], words: str, *, working_form: str | None = None
) -> Control | None:
    """The control the customer means by `words`: exact label, then accessible name,
    placeholder, an orphan label, then a label that contains the words.

    The form the customer is working in answers first, whatever way it names the field:
    a field of another form is not a match while this one has it. With no such form, a
    field that two forms name exactly is the one in the page's main content (not the
    header, footer or a side panel), else ambiguous. Raises Ambiguous when two controls
    remain; None when nothing answers.
    """
    tiers = (
        lambda n: _same(n.label, words),
        lambda n: _same(n.accessible, words),
        lambda n: _same(n.placeholder, words),
        lambda n: _same(n.orphan_label, words),
        lambda n: bool(n.label) and label_words(words) in label_words(n.label),
    )
    if working_form is not None:
        mine = _first_tier([n for n in named if n.control.form == working_form], tiers)
        if len(mine) > 1:
            raise Ambiguous(mine)
        if mine:
            return mine[0]
    by_form = {}
    for form in dict.fromkeys(n.control.form for n in named):
        found = _first_tier([n for n in named if n.control.form == form], tiers[:4])
        if found:
            by_form[form] = found
    if (
        len(by_form) > 1
    ):  # two forms name it exactly (one by its label, one by an orphan label, say)
        candidates = [c for found in by_form.values() for c in found]
        main = [c for c in candidates if c.in_main]
        if len(main) == 1:
            return main[
                0
            ]  # a sign-in form beside the footer's newsletter box: the page's own form
        raise Ambiguous(candidates)
    found = _first_tier(named, tiers)
    if len(found) <= 1:
        return found[0] if found else None
    if len({c.form for c in found}) == len(found):
        main = [c for c in found if c.in_main]
        if len(main) == 1:
            return main[0]
    raise Ambiguous(found)


def _first_tier(
    named: list[Names], tiers: tuple[Callable[[Names], bool], ...]
) -> list[Control]:
    """The controls the strongest way of naming answers to, in page order."""
    for matches in tiers:
        found = [n.control for n in named if matches(n)]
        if found:
            return found
    return []
