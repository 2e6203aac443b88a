"""Frictions a customer feels once on a web page: told to phone, an empty answer, a
goal's page without its means.

Repetition makes a loop; these count the first time. Each reads what the page showed in
its main content (`PageOpened.main`: the main landmark, never the header, navigation or
footer), so "Call us: 0800 …" in a footer on every page is not a page sending the
customer elsewhere.

- A page sends the customer to another channel (`channel_switch`) when a sentence of its
  main content says that to do something they must phone, write, e-mail or visit ("To
  cancel, please call 0800 000 0000"; "Please call us to cancel your order";
  "Cancellations can only be made by phone"). The channel words are the bot's
  (`_text.channel_switch`). Contact details given as contact details ("To speak to an
  adviser, call …", "Call us on …") are the means of a contact goal, never a switch.
- A search or a list that answers with nothing ("0 results for …", "No results found",
  "We couldn't find anything", a live region saying "No matches") is one `dead_end` per
  answer, also when the customer then finds another way.
- A page titled like the goal that offers none of its means (`GoalPageLacked`: "Contact
  us" with no phone number, address, form or chat) is one `dead_end` per page and goal.
"""

from __future__ import annotations

import re

from . import _text
from ._walk import Found, _dead_page, _path, _Walk
from .events import GoalPageLacked, NoticeShown, PageOpened
from .kinds import CHANNEL_SWITCH, DEAD_END

# Where a page may send the customer that is not the web page they are on.
_ELSEWHERE = {
    "phone": "to phone",
    "email": "to write an e-mail",
    "post": "to write a letter",
    "store": "to a store",
    "mailbox": "to their mailbox",
}

# The sentence gives a task and sends the customer elsewhere to do it: a purpose first
# ("To cancel, …", "If you want to close your account, …", "For cancellations, …") or
# after ("… to cancel your order").
_PURPOSE_FIRST = re.compile(
    r"^(?:to|if you (?:want|wish|would like|'d like|need|have) to|in order to|should"
    r" you (?:want|wish|need) to|for)"
    r"\s+(?P<task>[\w'’-]+(?: [\w'’-]+){0,5}?)\s*,",
    re.IGNORECASE,
)
_PURPOSE_AFTER = re.compile(
    r"\bto (?P<task>[a-z]+) (?:your|the|a|an|this|my|our)\b", re.IGNORECASE
)
# "Cancellations can only be made by phone", "You can only do this in one of our
# branches".
_ONLY_THERE = re.compile(
    r"\b(?:can|may|must|will) only be \w+ (?P<phone>by (?:tele)?phone|over the phone)"
    r"|\b(?:can|may|must|will) only be \w+ (?P<post>by post|in writing)"
    r"|\b(?:can|may|must|will) only be \w+ (?P<store>in (?:one of our|a|our)"
    r" (?:stores?|branch(?:es)?|shops?))"
    r"|\byou (?:can|may) only (?:\w+ ){1,3}(?P<phone2>by (?:tele)?phone|over the"
    r" phone)",
    re.IGNORECASE,
)
# The page has sent an e-mail the customer must open to finish ("We have sent you an
# email so you can activate your account", "We've emailed you instructions for setting
# your password", "To complete the registration, visit the link indicated in the
# email"): the task goes on in the mailbox, not here. A confirmation of something
# already done ("We've sent your receipt to …") asks nothing of the customer and is no
# switch.
_TO_THE_MAILBOX = re.compile(
    r"\b(?:we|i)(?:['’]ve| have)? (?:just )?(?:sent|e-?mailed) (?:you|an? e-?mail to|a"
    r" (?:link|message|code) to)\b.*?"
    r"\b(?:so (?:that )?you can|to|for|with which to)"
    r" (?:activate|confirm|verify|validate|reset|setting|set|choose|complete|finish)"
    r"|\b(?:we|i)(?:['’]ve| have) (?:just )?e-?mailed you (?:the )?instructions\b"
    r"|\byou(?:['’]ll| will) (?:shortly |soon )?receive an? e-?mail (?:to|with a link"
    r" to|so you can) (?:confirm|activate|verify|complete|finish|reset)"
    r"|\b(?:to complete|to finish|to activate)\b.*?\b(?:visit|click|follow|open) the"
    r" link (?:in|indicated in|we sent)\b"
    r"|\bcheck your (?:e-?mail|inbox|mailbox) (?:to|and)"
    r" (?:confirm|activate|verify|complete|finish|reset)",
    re.IGNORECASE,
)
# Purposes that are contacting itself: the number or address is then what the customer
# came for.
_CONTACTING = re.compile(
    r"^(?:speak|talk|contact|reach|get in touch|ask|discuss|find"
    r" out|learn|chat|complain|make a complaint|"
    r"give (?:us )?feedback|request a call|book a call|get help|help|more"
    r" information|information|questions?|"
    r"any (?:other )?questions?|anything else|general enquiries|enquiries|urgent)",
    re.IGNORECASE,
)
# A sentence ends at a full stop before a space or the end: "help@northwind.example" and
# "0800.123" stay whole.
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?](?![\s]|$)[^\n.!?]*)*[.!?]?")


def page_switch(main: str) -> tuple[str, str] | None:
    """(where the page sends the customer, the sentence that says so), or None when its
    main content keeps them here.
    """
    for found in _SENTENCE.finditer(main):
        sentence = found.group(0).strip()
        if len(sentence) < 12:
            continue
        if _TO_THE_MAILBOX.search(sentence):
            return "mailbox", _text.short(sentence, 200)
        only = _ONLY_THERE.search(sentence)
        if only:
            kind = next(
                name for name, value in only.groupdict().items() if value
            ).rstrip("2")
            return kind, _text.short(sentence, 200)
        switch = _text.channel_switch(sentence, "page")
        if switch is None or switch[0] not in _ELSEWHERE:
            continue
        purpose = _PURPOSE_FIRST.search(sentence) or _PURPOSE_AFTER.search(sentence)
        if purpose and not _CONTACTING.search(purpose.group("task")):
            return switch[0], _text.short(sentence, 200)
    return None


def _pages_sending_elsewhere(walk: _Walk) -> Found:
    told: set[str] = set()  # the same sentence on the next visit is no new switch
    for index, event in enumerate(walk.events):
        if not isinstance(event, PageOpened) or not event.main or _dead_page(event):
            continue
        found = page_switch(event.main)
        if found is None or found[1].lower() in told:
            continue
        kind, sentence = found
        told.add(sentence.lower())
        yield (
            index,
            walk.friction(
                CHANNEL_SWITCH,
                event,
                f"{_path(event.url)} sent the customer {_ELSEWHERE[kind]} to finish:"
                f' "{sentence}"',
                where=event.url,
                excerpt=sentence,
            ),
        )


# -- empty answers ---------------------------------------------------------------------

_NOTHING_FOUND = re.compile(
    r"\b(?:0|no|zero) (?:search )?(?:results?|matches|matching \w+)(?: (?:were |was"
    r" )?(?:found|for|match(?:ed)?|to show|available))?\b"
    # Items, products, articles: only as the answer to a search ("0 items found"), never
    # a basket's count ("0 items in cart: £0.00" on every page of a shop).
    r"|\b(?:0|no|zero) (?:items|products|articles|answers|records) (?:were |was"
    r" )?(?:found|match(?:ed)?|to show)\b"
    r"|\bnothing (?:was )?found\b|\bnothing matche[sd]\b|\bno matches\b"
    r"|\b(?:we|i) (?:couldn't|could not|can't|cannot|did not|didn't) find"
    r" (?:any(?:thing)?|a match|results|what you)"
    r"|\b(?:did not|didn't|does not|doesn't) match any\b|\byour search"
    r" (?:returned|found|gave) (?:no|0|zero)\b"
    r"|\bsorry,? (?:there (?:are|were) )?no (?:results|matches)\b",
    re.IGNORECASE,
)
# "No results? Try …" in a help article, a quoted wording, a count that is one of
# several: not an answer.
_QUOTED = re.compile(r"[\"'“‘]\s*$")


def empty_answer(text: str) -> str:
    """The words that say a search or a list found nothing ("0 results for …"), or
    "".
    """
    for found in _NOTHING_FOUND.finditer(text):
        before = text[max(0, found.start() - 2) : found.start()]
        after = text[found.end() : found.end() + 1]
        if _QUOTED.search(before) or (after and after in "\"'”’?"):
            continue
        return _text.short(text[found.start() : found.end() + 60].split("\n")[0], 120)
    return ""


def _empty_answers(walk: _Walk) -> Found:
    answered: set[str] = set()
    for index, event in enumerate(walk.events):
        if isinstance(event, PageOpened) and event.main and not _dead_page(event):
            words = empty_answer(event.main[:1500])
        elif isinstance(event, NoticeShown):
            # A live region's answer is the same page's: charged once with it.
            words = empty_answer(event.text)
        else:
            continue
        if not words or event.url in answered:
            continue
        answered.add(event.url)
        yield (
            index,
            walk.friction(
                DEAD_END,
                event,
                f'{_path(event.url)} answered with nothing: "{words}".',
                where=event.url,
                excerpt=words,
            ),
        )


# -- goals without their means ---------------------------------------------------------


def _goal_pages_lacking(walk: _Walk) -> Found:
    charged: set[tuple[str, str]] = set()
    for index, event in enumerate(walk.events):
        if not isinstance(event, GoalPageLacked):
            continue
        key = (event.goal, _text.page_key(event.url))
        if key in charged:
            continue
        charged.add(key)
        yield (
            index,
            walk.friction(
                DEAD_END,
                event,
                f"{_path(event.url)} is titled like the way to {event.goal} but offers"
                f" no {event.lacked}: a dead end.",
                where=event.url,
                excerpt=event.lacked,
            ),
        )


def felt_once_failure(event: object) -> bool:
    """Whether an event is one of these dead ends, which explain a goal seeker giving up
    in the same step.
    """
    if isinstance(event, GoalPageLacked):
        return True
    if isinstance(event, NoticeShown):
        return bool(empty_answer(event.text))
    return (
        isinstance(event, PageOpened)
        and bool(event.main)
        and bool(empty_answer(event.main[:1500]))
    )


FELT_ONCE_SCANS = (_pages_sending_elsewhere, _empty_answers, _goal_pages_lacking)
