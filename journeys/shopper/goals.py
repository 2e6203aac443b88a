"""Goal-seeking: walk towards "talk to a human" the way a first-time customer does.

A task over the web ability (`seek_goal(web, "talk to a human", goals)`): it
reads what a customer sees (links and buttons by their accessible names, the
headings around them), follows the most promising one, and keeps going until the
page it is on is the goal's page and offers what the goal needs (a phone number,
an e-mail address, a contact form, a chat for "talk to a human"), or its
patience runs out. Nothing here knows any site's markup: only what a customer reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from ..effort import page_key
from ..effort.events import GaveUp, GoalPageLacked, GoalReached
from ..errors import ConfigError, StepDoesNotFit
from .web import WebChannel
from .web_links import leads_to
from .web_scripts import run

# A link that opens one of these is the goal's means itself (a phone number, an e-mail
# address), not a way elsewhere.
_MEANS = {"phone": "phone", "email": "email"}


@dataclass(frozen=True)
class Goal:
    name: str
    toward: tuple[str, ...]  # words on a link that lead straight there
    via: tuple[
        str, ...
    ] = ()  # words on a link that usually lead closer (help, support)
    arrive: tuple[
        str, ...
    ] = ()  # words in a page's title or heading that mean "you are there"
    evidence: tuple[
        str,
        ...,
        # what the page must offer besides (any one of EVIDENCE); none: the heading is
        # enough
    ] = ()


# What a page can offer that shows the goal is within reach, as a customer recognises
# it.
EVIDENCE = {
    "phone": "phone number",
    "email": "e-mail address",
    "contact_form": "contact form (a message box and a button to send it)",
    "chat": "chat",
    "form": "form to fill in",
}
CONTACT = ("phone", "email", "contact_form", "chat")


DEFAULT_GOALS: dict[str, Goal] = {
    goal.name: goal
    for goal in (
        Goal(
            "talk to a human",
            toward=(
                "contact us",
                "contact",
                "talk to us",
                "talk to a person",
                "speak to someone",
                "get in touch",
                "customer service",
                "chat with us",
                "call us",
                "live chat",
                "speak to an agent",
            ),
            via=(
                "help",
                "help centre",
                "help center",
                "support",
                "customer care",
                "faq",
            ),
            # "Customer care" or "Help" pages are on the way, not there: they rarely put
            # a person in reach.
            arrive=(
                "contact us",
                "contact",
                "talk to a person",
                "talk to us",
                "speak to",
                "get in touch",
            ),
            evidence=CONTACT,
        ),
        Goal(
            "return my order",
            toward=(
                "return an order",
                "returns",
                "return",
                "start a return",
                "send it back",
                "refund",
                "exchange",
            ),
            via=(
                "help",
                "help centre",
                "my orders",
                "orders",
                "delivery and returns",
                "support",
            ),
            arrive=("return an order", "returns", "start a return", "return"),
            evidence=("form", *CONTACT),
        ),
        Goal(
            "track my order",
            toward=(
                "track my order",
                "track order",
                "order status",
                "where is my order",
                "track",
            ),
            via=("my orders", "orders", "help", "delivery"),
            arrive=("track", "order status", "where is my order"),
            evidence=("form",),
        ),
        Goal(
            "cancel my order",
            toward=("cancel order", "cancel", "cancellation"),
            via=("my orders", "orders", "help"),
            arrive=("cancel", "cancellation"),
            evidence=("form", *CONTACT),
        ),
        Goal(
            "make a complaint",
            toward=("complaint", "complain", "feedback", "contact us"),
            via=("help", "support", "contact"),
            arrive=("complaint", "complaints", "feedback"),
            evidence=CONTACT,
        ),
        Goal(
            "get a refund",
            toward=("refund", "refunds", "money back", "returns"),
            via=("help", "my orders", "orders", "support"),
            arrive=("refund", "refunds", "returns"),
            evidence=("form", *CONTACT),
        ),
    )
}

# Synonyms for the goals a feature may name ("contact support" means "talk to a human").
GOAL_ALIASES: dict[str, str] = {
    "contact": "talk to a human",
    "contact a human": "talk to a human",
    "contact support": "talk to a human",
    "reach a human": "talk to a human",
    "speak to someone": "talk to a human",
    "return": "return my order",
    "return an order": "return my order",
    "track": "track my order",
    "track an order": "track my order",
    "cancel": "cancel my order",
    "complain": "make a complaint",
    "complaint": "make a complaint",
    "refund": "get a refund",
}

_CANDIDATES = """
() => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const nameOf = el => (el.getAttribute('aria-label') || el.innerText || el.value || el.title || '').trim();
  const contextOf = el => {
    const section = el.closest('section, nav, aside, footer, header, article, li, p');
    const heading = section && section.querySelector('h1, h2, h3, h4');
    return ((heading ? heading.innerText : '') + ' ' + (section ? section.innerText : '')).slice(0, 200);
  };
  return [...document.querySelectorAll('a[href], button, [role=link], [role=button], [role=menuitem], input[type=submit]')]
    .filter(visible)
    .map(el => ({ name: nameOf(el).replace(/\\s+/g, ' '), context: contextOf(el), href: el.href || '' }))
    .filter(c => c.name && c.name.length < 80);
}
"""

_HEADINGS = (
    "() => [document.title, ...[...document.querySelectorAll('h1, h2')].map(h =>"
    " h.innerText)].join(' | ')"
)

# What the page offers a customer, by what they can see and use (EVIDENCE's keys).
_OFFERS = r"""
() => {
  const shown = el => !!(el && el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
  const text = document.body ? document.body.innerText : '';
  const offers = [];
  const phoneLike = (text.match(/\+?[\d(][\d\s().\/-]{7,}\d/g) || [])
    .filter(m => !/^\d{4}-\d{2}-\d{2}$/.test(m.trim()))
    .some(m => { const digits = m.replace(/\D/g, '').length; return digits >= 9 && digits <= 15; });
  if ([...document.querySelectorAll('a[href^="tel:"]')].some(shown) || phoneLike) offers.push('phone');
  if ([...document.querySelectorAll('a[href^="mailto:"]')].some(shown) || /[\w.+-]+@[\w-]+\.[\w.]+/.test(text)) offers.push('email');
  const forms = [...document.forms].filter(f => [...f.elements].some(e => shown(e) && e.matches('input:not([type=hidden]):not([type=submit]), select, textarea')));
  const sends = f => [...f.querySelectorAll('button, input[type=submit]')].some(shown);
  if (forms.some(sends)) offers.push('form');
  if (forms.some(f => sends(f) && [...f.querySelectorAll('textarea')].some(shown))) offers.push('contact_form');
  const chat = [...document.querySelectorAll('[role=log], a, button, [role=button]')]
    .some(el => shown(el) && (el.matches('[role=log]') || /\b(live chat|chat with|start (a )?chat|chat now|open chat)\b/i.test(el.innerText || el.getAttribute('aria-label') || '')));
  if (chat) offers.push('chat');
  return offers;
}
"""


def goals_from_config(section: dict[str, Any]) -> dict[str, Goal]:
    """Default goals extended by `[tool.journeys.goals."<goal>"]` tables.

    toward, via, arrive: words, added to the goal's own; evidence: what the page must
    offer (any of EVIDENCE's names), replacing the goal's own rule; [] for none."""
    goals = dict(DEFAULT_GOALS)
    for name, table in section.items():
        if name == "patience":
            continue
        key = f"tool.journeys.goals.{name}"
        if not isinstance(table, dict):
            raise ConfigError(
                key,
                "must be a table of word lists",
                f'write [tool.journeys.goals."{name}"] toward = [...]',
            )
        unknown = set(table) - {"toward", "via", "arrive", "evidence"}
        if unknown:
            raise ConfigError(
                f"{key}.{sorted(unknown)[0]}",
                "is not a goal setting",
                "use toward, via and arrive (words) and evidence (what the page must"
                " offer)",
            )
        for part, words in table.items():
            if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                raise ConfigError(
                    f"{key}.{part}",
                    "must be a list of words",
                    f'write {part} = ["...", "..."]',
                )
        wrong = [w for w in table.get("evidence", []) if w not in EVIDENCE]
        if wrong:
            raise ConfigError(
                f"{key}.evidence",
                f'"{wrong[0]}" is not something a page offers',
                f"use any of: {', '.join(EVIDENCE)}",
            )
        base = goals.get(name.lower(), Goal(name.lower(), toward=()))
        goals[name.lower()] = Goal(
            base.name,
            toward=base.toward + tuple(w.lower() for w in table.get("toward", [])),
            via=base.via + tuple(w.lower() for w in table.get("via", [])),
            arrive=base.arrive + tuple(w.lower() for w in table.get("arrive", [])),
            evidence=tuple(table["evidence"]) if "evidence" in table else base.evidence,
        )
    return goals


def goal_for(words: str, goals: Mapping[str, Goal]) -> Goal:
    """The goal a customer means; unknown goals walk by their own words."""
    key = " ".join(words.lower().split())
    key = GOAL_ALIASES.get(key, key)
    if key in goals:
        return goals[key]
    return Goal(key, toward=(key,), via=("help", "support"), arrive=(key,))


def _match(text: str, phrases: tuple[str, ...]) -> float:
    """How well `text` (what a customer reads) says one of the phrases, 0..100."""
    text = text.lower()
    if not text or not phrases:
        return 0.0
    return max(
        100.0 if phrase in text else fuzz.token_set_ratio(text, phrase) * 0.9
        for phrase in phrases
    )


def seek_goal(
    web: WebChannel,
    goal: str,
    goals: Mapping[str, Goal] | None = None,
    *,
    patience: int = 6,
) -> GoalReached | GaveUp:
    """Walk towards a goal ("talk to a human") on the web as a customer would; records
    GoalReached or GaveUp.
    """
    return GoalSeeker(
        web, goal_for(goal, goals or DEFAULT_GOALS), patience=patience
    ).seek()


class GoalSeeker:
    """Follows the most promising way forward until the goal is reached or patience runs
    out.
    """

    def __init__(
        self, web: WebChannel, goal: Goal, *, patience: int = 6, threshold: float = 70.0
    ) -> None:
        self.web = web
        self.goal = goal
        self.patience = patience
        self.threshold = threshold
        # a page that looked like the goal but offered nothing of it, for the reason
        # given
        self.short_of = ""
        self._hrefs: dict[
            str, str
        ] = {}  # where each candidate of the page last read leads, by its name

    def arrived(self) -> bool:
        page = self.web.page
        if (
            _match(
                run(page, _HEADINGS, timeout_ms=self.web.timeout_ms), self.goal.arrive
            )
            < 90
        ):
            return False
        if not self.goal.evidence or set(
            run(page, _OFFERS, timeout_ms=self.web.timeout_ms)
        ) & set(self.goal.evidence):
            return True
        names = [EVIDENCE[e] for e in self.goal.evidence]
        wanted = (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        )
        self.short_of = (
            f"{urlsplit(page.url).path or '/'} is titled like it but offers no {wanted}"
        )
        self.web.ledger.record(
            GoalPageLacked(goal=self.goal.name, lacked=wanted, url=page.url)
        )  # the customer goes on looking
        return False

    def _give_up(self, reason: str) -> GaveUp:
        if self.short_of:
            reason += f" ({self.short_of})"
        return self.web.ledger.record(GaveUp(goal=self.goal.name, reason=reason))  # type: ignore[return-value]

    def seek(self) -> GoalReached | GaveUp:
        ledger, page = self.web.ledger, self.web.page
        tried: dict[str, set[str]] = {}
        seen: list[str] = [page.url]
        hops = 0
        while True:
            if self.arrived():
                return ledger.record(GoalReached(goal=self.goal.name, hops=hops))  # type: ignore[return-value]
            if hops >= self.patience:
                return self._give_up(
                    f"no way to {self.goal.name} within {self.patience} tries"
                )
            here = page_key(page.url)
            choice = self._best_candidate(tried.setdefault(here, set()))
            if choice is None:
                return self._give_up(
                    f"nothing on {page.url} looks like a way to {self.goal.name}"
                )
            tried[here].add(choice)
            if _MEANS.get(leads_to(self._hrefs.get(choice, ""))) in self.goal.evidence:
                # "Call us" as a tel: link: the customer has the number, which is what
                # the goal needs.
                return ledger.record(GoalReached(goal=self.goal.name, hops=hops))  # type: ignore[return-value]
            hops += 1
            try:
                self.web.click(choice)
            except StepDoesNotFit:
                continue
            if self.web.last_status >= 400:
                # a customer retreats from an error page and tries something else
                self.web.go_back()
            elif any(page_key(page.url) == page_key(url) for url in seen):
                tried.setdefault(
                    page_key(page.url), set()
                )  # been here before: try what is left on it
            seen.append(page.url)

    def _best_candidate(self, tried: set[str]) -> str | None:
        best_name, best_score = None, 0.0
        self._hrefs = {}
        for candidate in run(
            self.web.page, _CANDIDATES, timeout_ms=self.web.timeout_ms
        ):
            name = candidate["name"]
            self._hrefs.setdefault(name, candidate.get("href") or "")
            if name in tried:
                continue
            score = max(
                _match(name, self.goal.toward),
                0.75 * _match(name, self.goal.via),
                0.5 * _match(candidate["context"], self.goal.toward),
            )
            if score > best_score:
                best_name, best_score = name, score
        return best_name if best_score >= self.threshold * 0.75 else None
