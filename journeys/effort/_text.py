"""Reading what the customer sees: URLs, excerpts, salient words and figures,
channel-switch phrases.

Everything here looks at the words a customer reads, never at a site's markup, so the
detectors work on sites they were not tuned to.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit


def page_key(url: str) -> str:
    """The page a URL shows, as a customer tells pages apart: no query, no fragment, no
    trailing slash.
    """
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme}://{parts.netloc.lower()}{path}" if parts.netloc else path


def short(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, for evidence and excerpts, cut at a word
    boundary with an ellipsis.
    """
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if (
        space >= limit // 2
    ):  # a very long word (a URL) is cut inside rather than leaving next to nothing
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def similarity(a: str, b: str) -> float:
    """How alike two replies read (0..1), ignoring case, punctuation and spacing."""
    return difflib.SequenceMatcher(None, _plain(a), _plain(b), autojunk=False).ratio()


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


# -- error pages -----------------------------------------------------------------------

# Wording of an error page, as the customer reads it. Unambiguous phrases count
# in the title and the first lines; vaguer ones ("something went wrong") only in
# the title, because a help article may start with them.
_ERROR_PAGE = re.compile(
    r"\b(page (?:was )?not found|page (?:cannot|can't|could not|couldn't) be found|"
    r"(?:this|the) page (?:does not|doesn't|no longer) exists?|"
    r"internal server error|service (?:temporarily )?unavailable|bad gateway|gateway"
    r" time-?out|"
    r"error 40[0-9]|error 50[0-9]|40[34] error|50[0-3] error|"
    # A page the site shipped unfinished (django-oscar's payment step: "This page needs
    # implementing").
    r"(?:this )?page needs (?:to be )?implement(?:ing|ed)|not (?:yet )?implemented)\b",
    re.IGNORECASE,
)
_ERROR_TITLE = re.compile(
    r"^\s*(?:40[0-9]|50[0-9]|error|oops)\b|\b(?:something went wrong|an error (?:has"
    r" )?occurred|access denied|forbidden)\b",
    re.IGNORECASE,
)


def error_page_wording(title: str, text: str) -> str:
    """The words that mark a page as an error page ("Page not found"), or "" for a
    normal page.

    Only the title and the first lines count: a help article further down that mentions
    "page not found" is not an error page.
    """
    for where in (title, text[:200]):
        found = _ERROR_PAGE.search(where)
        if found:
            return found.group(0)
    found = _ERROR_TITLE.search(title)
    return title.strip() if found else ""


# -- channel switches ------------------------------------------------------------------

# A telephone number as sites print it in the common national and international formats:
# 0800 000 0000, 020 7946 0000, +44 (0)20 7946 0000, (555) 123-4567, 1-800-555-0199, 01
# 23 45 67 89, 030/1234567.
PHONE_NUMBER = (
    r"(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\(?\d{1,5}\)?|\(\d{2,5}\)|\d{1,5})(?:["
    r" ./-]?\d{2,4}){2,4}(?![\d/-])"
)
_PHONE_NUMBER = re.compile(rf"(?<![\w+/.-]){PHONE_NUMBER}")
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def phone_numbers(text: str) -> list[str]:
    """The telephone numbers in a text (8 to 15 digits in any common format; dates and
    bare figures are not lines).
    """
    found = []
    for match in _PHONE_NUMBER.finditer(text):
        number = match.group(0).strip()
        written_as_one = number.isdigit() and not number.startswith(
            "0"
        )  # 12345678: an order number, not a line
        if (
            8 <= sum(c.isdigit() for c in number) <= 15
            and not _DATE.fullmatch(number)
            and not written_as_one
        ):
            found.append(number)
    return found


_SWITCHES: tuple[tuple[str, str], ...] = (
    (
        "phone",
        r"call us|give us a (?:call|ring)|phone us|ring us|telephone us|call"
        r" (?:our|the) "
        r"(?:customer |support |service |help"
        r" ?)?(?:team|line|hotline|helpline|centre|center|number|desk|service)"
        r"|call \+?\d|contact us by (?:tele)?phone"
        r"|(?:call|phone|ring|dial|telephone)(?: us| them| the team)?(?: free)?(?: on|"
        rf" at)? {PHONE_NUMBER}"
        # A number offered as the way forward: "our team is available on 0800 123 4567".
        r"|(?:available|reachable|open|reach (?:us|them|the team)|contact"
        r" (?:us|them|the team)|speak to (?:us|someone)"
        r"|talk to (?:us|someone)) (?:on|at|by calling) \+?\(?\d[\d ()-]{7,}\d",
    ),
    (
        "ticket",
        (
            r"(?:open|raise|submit|create|file|log) an? (?:new |support |help"
            r" )?(?:ticket|case|request)"
        ),
    ),
    (
        "email",
        r"e-?mail us|send us an? e-?mail|write to us|contact us by e-?mail|drop us an?"
        r" e-?mail"
        r"|e-?mail (?:our|the) (?:customer |support |service )?(?:team|desk|address)"
        # An address given as the way forward: "send a photo of the damage to
        # care@shop.example".
        r"|(?:send|e-?mail|forward|write|mail)(?: (?!to\b)[\w'’-]+){0,6} to"
        r" [\w.+-]+@[\w-]+(?:\.[\w-]+)+"
        r"|(?:e-?mail|contact|write to|reach) (?:us )?(?:at |on"
        r" )?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    ),
    (
        "store",
        r"visit (?:one of )?(?:our|a|your (?:nearest|local)) (?:store|shop|branch)s?"
        r"|(?:come|pop|go) (?:in ?to|into) (?:one of )?(?:our|a) (?:store|shop|branch)",
    ),
    (
        "form",
        r"fill (?:in|out) (?:the|our|a|this) (?:\w+ )?form|(?:use|complete) (?:the|our)"
        r" (?:\w+ )?(?:contact |online |web )?form"
        r"|contact form",
    ),
    ("chat", r"(?:use|try|start|open) (?:our |the |a )?live ?chat|chat with us"),
    # Told to finish the task on the site itself: "you can start a return from My orders
    # on our website".
    (
        "web",
        r"(?:on|via|through|from|at|using|use|visit|go to|log ?in to|sign in to)"
        r" (?:our|the) (?:web ?site|online account|account page)"
        r"|(?:online|on the web) at (?:www\.|https?://)\S+|(?:go|head) to"
        r" (?:www\.|https?://)\S+",
    ),
    ("post", r"send us a letter|write to (?:our|the) (?:address|office)|by post"),
    (
        "other",
        r"please contact (?:us|our|the|customer)|you(?:'ll| will)? (?:need|have) to"
        r" contact|"
        r"you (?:must|should) contact|contact (?:our )?customer"
        r" (?:service|support|care)",
    ),
)
_SWITCH = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _SWITCHES), re.IGNORECASE
)
# "I'll open a ticket for you", "we will call you": the company acts, the customer is
# not sent away.
_COMPANY_ACTS = re.compile(
    r"\b(?:i|we)(?:'ll| will|'ve| have| can| am going to|'m going to| are going to|'re"
    r" going to| shall)"
    r"(?: \w+){0,3}\s*$|\blet me\s*$|\bi'?m\s*$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"(?:no need to|don't need to|do not need to|don't have to|do not have to|without"
    r" having to|"
    r"instead of|rather than|never need to|needn't)\s*(?:\w+\s*){0,2}$",
    re.IGNORECASE,
)
# The channel a reply arrives on is not "another channel".
_SAME_CHANNEL = {"chat": "chat", "support": "ticket", "mail": "email"}
# An e-mail that sends the customer to the website is the usual way on (its link); the
# mail detectors judge that.
_EXPECTED_ROUTE = {("mail", "web")}


def channel_switch(text: str, channel: str) -> tuple[str, str] | None:
    """(where the customer is sent, the words that send them), or None when the reply
    keeps them here.
    """
    for found in _SWITCH.finditer(text):
        kind = found.lastgroup or "other"
        if _SAME_CHANNEL.get(channel) == kind or (channel, kind) in _EXPECTED_ROUTE:
            continue
        before = text[max(0, found.start() - 40) : found.start()]
        if _COMPANY_ACTS.search(before) or _NEGATED.search(before):
            continue
        return kind, _around(text, found.start(), found.end())
    return None


# What bots say when they did not understand, in the wordings chatbot engines ship by
# default (Rasa's utter_default, Botpress's and Dialogflow's fallback intents,
# RiveScript's catch-all examples): read even when the bot's API has no fallback flag,
# so one "Sorry, I do not understand" is seen on any bot.
_NOT_UNDERSTOOD = re.compile(
    r"\b(?:i|we)\s*(?:do not|don't|did not|didn't|dont|didnt|cannot|can't|could"
    r" not|couldn't)\s+"
    r"(?:quite\s+|really\s+)?(?:understand|get|follow|catch|recogni[sz]e)\b(?!\s+(?:why|how)\b)"
    r"|\bnot sure (?:what you mean|i (?:understand|follow|understood))"
    r"|\b(?:could|can|would) you (?:please )?(?:rephrase|reword|say (?:that|it)"
    r" (?:again|differently|another way)"
    r"|try (?:again with|other|different) (?:words|wording))"
    r"|\b(?:please )?(?:try|rephrase|ask)(?: (?:it|that|your question))? (?:in other"
    r" words|another way|differently)\b"
    r"|\bi(?:'m| am) (?:still learning|just a bot and (?:don't|do not) know)"
    r"|\bthat(?:'s| is) not something i (?:understand|know)"
    r"|\bi (?:don't|do not) know (?:what|how) to (?:answer|respond|reply)",
    re.IGNORECASE,
)
_GREETING_WORDS = frozenset(
    "hello hi hey hiya howdy greetings there welcome good morning afternoon evening day"
    " again nice see to you how are can i help may we what do for today assist".split()
)


def not_understood(text: str) -> str:
    """The words in a reply that say the bot did not understand, or ""."""
    found = _NOT_UNDERSTOOD.search(text)
    return _around(text, found.start(), found.end()) if found else ""


def greeting_only(text: str) -> bool:
    """A reply that only greets ("Hello there!", "Hi! How can I help you today?"): no
    answer to anything.
    """
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and all(word in _GREETING_WORDS for word in words)


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    left = (
        text.rfind(".", 0, start) + 1
        if "." in text[max(0, start - width) : start]
        else max(0, start - width)
    )
    return short(text[left : end + width], 160)


# -- promises --------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during
    each few for from further get got had has have having he her here hers him his
    how i if in into is it its just me more most my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the
    their them then there these they this those through to too under until up us
    very was we were what when where which while who whom why will with would you
    your yours today now just new get now ever every best great top""".split()
)
_FIGURE = re.compile(r"([£$€¥])?\s?(\d+(?:[.,]\d+)*)\s?(%|percent\b|per cent\b)?")


def figures(text: str) -> set[tuple[str, float]]:
    """Prices, percentages and numbers in a text, as (unit, value): "£5.00" and "£5" are
    the same figure.
    """
    found = set()
    for currency, number, percent in _FIGURE.findall(text):
        found.add(("%" if percent else currency or "", _to_float(number)))
    return found


def _to_float(number: str) -> float:
    # "1,299.00" groups thousands; "4,99" is a decimal comma.
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):
        return float(number.replace(",", ""))
    return (
        float(number.replace(",", "."))
        if number.count(",") == 1 and "." not in number
        else float(number.replace(",", "") if number.count(",") > 1 else number)
    )


def stem(word: str) -> str:
    """A light stem, enough for "orders" ~ "order", "delivered" ~ "delivery", "returns"
    ~ "returned".
    """
    word = word.lower().strip("'")
    while True:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        else:
            return word


_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ied",
    "ies",
    "ery",
    "ers",
    "ed",
    "es",
    "er",
    "ly",
    "s",
    "y",
    "e",
)


def content_words(text: str) -> set[str]:
    """The stems of the words that carry meaning (no stopwords, no figures)."""
    words = re.findall(r"[a-zà-ÿ][a-zà-ÿ'-]*", text.lower())
    stems = set()
    for word in words:
        for part in word.split("-"):
            if len(part) > 2 and part not in _STOPWORDS:
                stems.add(stem(part))
    return stems


def promise_gaps(promise: str, page: str) -> tuple[list[str], list[str]]:
    """What of a promise a page does not show: (missing figures, missing words), both as
    the promise wrote them.
    """
    page_figures = figures(page)
    missing_figures = []
    for match in _FIGURE.finditer(promise):
        for figure in figures(match.group(0)):
            if figure not in page_figures and not (
                figure[0] == "" and any(v == figure[1] for _, v in page_figures)
            ):
                missing_figures.append(match.group(0).strip())
    page_words = content_words(page)
    missing_words = []
    for word in re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]*", promise):
        stems = content_words(word)
        if stems and not stems <= page_words and word not in missing_words:
            missing_words.append(word)
    return missing_figures, missing_words


_DISCOUNT = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?(?:%|percent|per"
    r" cent)\s+(?:off|discount)|(?:discount|save|saving) (?:of"
    r" )?(\d+(?:[.,]\d+)?)\s?(?:%|percent)",
    re.IGNORECASE,
)


def discounts(text: str) -> set[float]:
    """The percentage discounts a text offers ("20% off", "save 20%")."""
    return {_to_float(a or b) for a, b in _DISCOUNT.findall(text)}
