"""What a message asks the customer for: one reader for the shopper (who answers) and
the detector (who charges).

A sentence asks for a fact when it is a request or a question and names the fact; merely
mentioning it ("Sorry about your order.") asks for nothing. Words that name a fact only
when said of the customer ("your order", "your name") count only that way, so "Could you
confirm the order was delivered?" does not ask for the order number. The longest phrase
wins where phrases overlap: "first name" is not also "name", "card number" not also
"card".
"""

from __future__ import annotations

import re

from .facts import FACT_PHRASES

# Single words that name a fact only when said of the customer ("your order"), not in
# passing.
_OF_THE_CUSTOMER_ONLY = frozenset(
    {
        "order",
        "card",
        "name",
        "issue",
        "problem",
        "address",
        "street",
        "town",
        "city",
        "country",
        "mobile",
        "phone",
        "email",
        "e-mail",
        "zip",
        "expiry",
        "expiration",
    }
)
_IMPERATIVE = (
    r"send|provide|confirm|tell|give|share|enter|type|include|state|describe|explain|repeat|let"
    r" (?:me|us) know"
)
# A request: a question, "could you", "please send", "what is your", "may I have", "I
# need your", or a sentence that starts with an imperative ("Send your order number.").
# "We'll confirm your order" is not one.
_REQUEST = re.compile(
    r"\?|\b(?:could|can|would|will) you\b|\bplease"
    rf" (?:{_IMPERATIVE})\b|\bplease\W*$|\bkindly\b|\bwhat(?: is|'s) (?:your|the)\b|"
    r"\bmay i (?:have|ask)\b|\b(?:i|we)(?:'d| would)? (?:need|require|like)"
    r" (?:your|the|to (?:have|know))\b|"
    rf"^\W*(?:just |now )?(?:{_IMPERATIVE})\b|\blet (?:me|us) know\b",
    re.IGNORECASE,
)
# Asking for the problem: in so many words, or the opening question of a person who has
# not read the case.
_ASKS_PROBLEM = re.compile(
    r"\b(?:describe|explain|tell (?:me|us) (?:about|more about)|what(?: is|'s)|what"
    r" seems to be) (?:the|your) "
    r"(?:problem|issue)\b|\bwhat went wrong\b|"
    r"\bhow (?:can|may|could) (?:i|we) (?:help|assist)\b|\bwhat can (?:i|we) do for"
    r" you\b|"
    r"\bwhat (?:do|can) (?:you|i|we) (?:need|want)(?: \w+){0,2} help with\b|\bwhat do"
    r" you need\b|"
    r"\bwhat (?:is|'s) (?:it|this|your (?:query|question|request)) about\b|\bwhat"
    r" brings you\b",
    re.IGNORECASE,
)
_LISTED = re.compile(r"(?:,|\band|\bor|&)\s+(?:your\s+|the\s+)?$")
_PHRASES = sorted(
    ((phrase, fact) for fact, phrases in FACT_PHRASES.items() for phrase in phrases),
    key=lambda pair: len(pair[0]),
    reverse=True,
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def facts_asked(text: str) -> tuple[str, ...]:
    """The persona facts a message asks the customer for, in the order it asks ("Could
    you send your order number?").
    """
    found: list[tuple[int, str]] = []
    position = 0
    for sentence in _sentences(text):
        start = text.find(sentence, position)
        position = max(position, start)
        if not _REQUEST.search(sentence):
            continue
        lowered = sentence.lower()
        problem = _ASKS_PROBLEM.search(sentence)
        if problem:
            found.append((start + problem.start(), "problem"))
        taken: list[tuple[int, int, str, str]] = []
        for phrase, fact in _PHRASES:  # longest first: "order number" before "order"
            for match in re.finditer(
                rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered
            ):
                if not any(
                    match.start() < end and begin < match.end()
                    for begin, end, _, _ in taken
                ):
                    taken.append((match.start(), match.end(), phrase, fact))
        asking = (
            False  # "your order number and e-mail": the "your" carries over the list
        )
        for begin, _, phrase, fact in sorted(taken):
            before = lowered[:begin]
            of_the_customer = before.endswith("your ") or (
                asking and _LISTED.search(before) is not None
            )
            if phrase in _OF_THE_CUSTOMER_ONLY and not of_the_customer:
                asking = False
                continue
            asking = True
            found.append((start + begin, fact))
    return tuple(dict.fromkeys(fact for _, fact in sorted(found)))
