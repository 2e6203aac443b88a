"""Did a bot's reply answer the customer's message? For bots that give neither a
confidence nor an intent.

Keyword bots answer the nearest thing they know ("How much does express delivery cost?"
answered with delivery times), or say what they can do instead of answering ("I can help
with bills, moving home and meter readings."). Three checks, each cheap and each written
to keep a helpful reply unflagged:

1. **What I can do, not an answer**: a reply that lists what the bot can help with, or
   asks what the customer wants, to a message that was not a greeting.
2. **Not the kind of answer asked for**: "how much" answered without an amount, "how
   long" or "when" without a time, a phone number without digits.
3. **About something else**: a reply that shares none of the question's salient words
   (nor their everyday synonyms), to a question with at least two.

A reply that asks a question back ("What is the order number?") engages with the message
and is never judged by 2 or 3. Requests for a person are left to the hand-off detectors.
Measured on a labelled set of real answers from the chatbots the tests walk
(tests/effort/chat_answers.toml, tests/effort/test_relevance.py).
"""

from __future__ import annotations

import re

from . import _text

# "I can help with bills, moving home and meter readings": a list of what the bot does,
# not an answer. ("I can help with moving home: ..." names one topic, the customer's,
# and is an answer.)
_CAPABILITIES = re.compile(
    r"\b(?:i|we) can (?:only )?help (?:you )?with [^.:;!?]*(?:,| and | or )"
    r"|\bask me (?:about|anything about)\b"
    r"|\bi(?:'m| am) (?:only )?able to help with [^.:;!?]*(?:,| and | or )"
    r"|\bi can answer (?:most )?questions\b"
    r"|\bwhat would you like to know\b",
    re.IGNORECASE,
)
# "Sorry to hear that.": the bot heard the customer, even if it says nothing more yet.
_ACKNOWLEDGED = re.compile(
    r"\b(?:sorry to hear|so sorry|i(?:'m| am) sorry (?:about|that|it)|oh no|i"
    r" understand\b(?! what)|got it|noted"
    r"|thanks for (?:letting|telling))",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\W*(?:hello|hi|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank"
    r" you|cheers)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:human|person|agent|someone|somebody|advisor|adviser|operator|real people)\b",
    re.IGNORECASE,
)

# What a question asks for, and what an answer needs to hold it.
_ASKS_AMOUNT = re.compile(
    r"\bhow much\b|\b(?:cost|costs|price|fee|fees|charge)\b\s*\??$", re.IGNORECASE
)
_HAS_AMOUNT = re.compile(
    r"[£$€¥]\s?\d|\d+(?:[.,]\d+)?\s?(?:pounds|euros|dollars|p\b)|\bfree\b|\bno"
    r" charge\b|\bnothing\b",
    re.IGNORECASE,
)
_ASKS_TIME = re.compile(
    r"^\W*(?:when\b|how long\b|what time\b|how many (?:days|weeks|hours)\b)",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(
    r"\d|\b(?:today|tomorrow|tonight|now|soon|next|within|hours?|days?|weeks?|months?|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|morning|afternoon|evening|noon|midnight|am|pm|immediately|straight"
    r" away)\b",
    re.IGNORECASE,
)
_ASKS_NUMBER = re.compile(r"\b(?:phone|telephone|contact) number\b", re.IGNORECASE)

# Everyday words for the same thing in customer service: a reply about refunds answers
# "my money back".
_SYNONYMS = (
    {"refund", "money", "reimburs", "repay", "repaid"},
    {
        "deliver",
        "delivery",
        "shipping",
        "ship",
        "postage",
        "parcel",
        "arriv",
        "courier",
        "dispatch",
    },
    {"order", "parcel", "purchas", "bought"},
    {
        "open",
        "hour",
        "opening",
        "day",
        "week",
        "weekend",
        "sunday",
        "saturday",
        "monday",
    },
    {"pay", "payment", "card", "paypal", "klarna", "checkout"},
    {"return", "send", "back", "exchang"},
    {"damag", "broken", "faulty", "torn"},
    {"size", "fit", "small", "big", "large"},
    {"bill", "charg", "price", "cost", "tariff"},
    {"address", "move", "moving", "home"},
    {"password", "account", "login", "sign"},
)
# Words of a question that carry no subject of their own.
_PLAIN = frozenset(
    "can could would will do does did is are am was be have has get got want need like"
    " please tell know help you your i me my we our us it this that there what when"
    " where which who why how much many long way ways one thing something any some yes"
    " no not say says said tell told show shows shown work works working nothing"
    " anything everything still yet again already just really okay ok sure".split()
)


def _concepts(words: set[str]) -> set[str]:
    out = set(words)
    for word in words:
        for group in _SYNONYMS:
            if any(
                word.startswith(member) or member.startswith(word) for member in group
            ):
                out |= group
    return out


def _salient(text: str) -> set[str]:
    return {w for w in _text.content_words(text) if w not in _PLAIN and len(w) > 2}


def unanswered(question: str, answer: str) -> str:
    """Why `answer` does not answer `question`, or "" (an answer, a question back, or a
    message it cannot judge).
    """
    question, answer = question.strip(), answer.strip()
    if (
        not question
        or not answer
        or _GREETING.search(question)
        or _PERSON.search(question)
    ):
        return ""
    if _CAPABILITIES.search(answer):
        return "the bot said what it can help with instead of answering"
    if "?" in answer:
        return ""  # it asks back: engaged with the message
    if _ASKS_AMOUNT.search(question) and not _HAS_AMOUNT.search(answer):
        return "the bot was asked how much and answered without an amount"
    if _ASKS_TIME.search(question) and not _HAS_TIME.search(answer):
        return "the bot was asked when or how long and answered without a time"
    if _ASKS_NUMBER.search(question) and not re.search(r"\d{3}", answer):
        return "the bot was asked for a number and answered without one"
    asked = _salient(question)
    if (
        len(asked) >= 2
        and not _ACKNOWLEDGED.search(answer)
        and not _overlap(asked, _salient(answer))
    ):
        return "the bot answered about something else"
    return ""


def _overlap(asked: set[str], said: set[str]) -> bool:
    asked_stems = {_text.stem(w) for w in _concepts(asked)}
    said_stems = {_text.stem(w) for w in _concepts(said)}
    return bool(asked_stems & said_stems)
