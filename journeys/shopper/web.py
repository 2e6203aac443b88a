"""The web channel: a customer in a real browser page, recorded as events.

Listeners on the page (responses, navigations, requests, script errors) and a
small init script (DOM mutations, unloads) tell what each action did; the
channel turns that into events in the ledger. It decides nothing about effort:
a click that did nothing is recorded as `Clicked(effect="nothing")`, and the
detectors call it a dead end.

Elements are found the way a customer reads the page: by role and accessible
name, by label, then by visible text. Selectors never appear in features.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Request, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import (
    Clicked,
    Dismissed,
    ErrorShown,
    FieldFilled,
    PageOpened,
    PromiseMade,
    WentBack,
)
from ..effort.facts import SECRET_FACTS, fact_for_label
from ..effort.ledger import Ledger
from ..errors import StepDoesNotFit
from .persona import Persona

# Runs in every document before the site's own scripts: counts DOM changes and
# notes an unload, so a click's effect is known without polling the page.
_OBSERVER_SCRIPT = """
(() => {
  const state = { mutations: 0, atClick: 0, leaving: false };
  Object.defineProperty(window, '__journeys', { value: state, enumerable: false });
  new MutationObserver(() => { state.mutations++; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Captured before the site's own handlers run: what the page was like when the customer clicked.
  addEventListener('click', () => { state.atClick = state.mutations; }, true);
  addEventListener('beforeunload', () => { state.leaving = true; });
  addEventListener('pagehide', () => { state.leaving = true; });
})();
"""

# Error messages the customer can see now.
_VISIBLE_ALERTS = """
() => [...document.querySelectorAll('[role=alert], [role=alertdialog]')]
  .filter(el => el.getClientRects().length).map(el => el.innerText.trim()).filter(Boolean)
"""

# What a page looks like to a customer after it loaded: one round trip.
_PAGE_SNAPSHOT = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const load = nav ? (nav.loadEventEnd || performance.now()) - nav.startTime : 0;
  const alerts = (""" + _VISIBLE_ALERTS + """)();
  // Something in the customer's way on arrival: a cookie banner or a pop-up with a button to get rid of it.
  let obstacle = null;
  const blocking = [...document.querySelectorAll('[role=dialog], [role=alertdialog], [aria-modal=true], dialog[open], [role=region], aside, div')]
    .filter(el => el.getClientRects().length
      && (['fixed', 'sticky'].includes(getComputedStyle(el).position) || el.matches('[aria-modal=true], dialog[open], [role=alertdialog]')));
  for (const el of blocking) {
    const text = el.innerText || '';
    if (!/cookie|consent|newsletter|subscribe|sign up for|special offer/i.test(text)) continue;
    const button = [...el.querySelectorAll('button, [role=button], a')]
      .find(b => /^(accept|accept all|agree|i agree|ok|okay|got it|allow all|no thanks|not now|close|dismiss|×|x)$/i.test((b.getAttribute('aria-label') || b.innerText || '').trim()));
    if (button) {
      button.setAttribute('data-journeys-dismiss', '1');
      obstacle = { what: /cookie|consent/i.test(text) ? 'cookie banner' : 'pop-up', button: (button.getAttribute('aria-label') || button.innerText).trim() };
      break;
    }
  }
  return {
    obstacle,
    title: document.title,
    text: (document.body ? document.body.innerText : '').slice(0, 6000),
    load_ms: Math.max(0, load),
    alerts,
  };
}
"""

# The fields a customer sees on the page, with the label they read for each.
_VISIBLE_FIELDS = """
() => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const labelOf = el => {
    if (el.labels && el.labels.length) return [...el.labels].map(l => l.innerText.trim()).join(' ');
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => (document.getElementById(id) || {}).innerText || '').join(' ').trim();
    return el.getAttribute('aria-label') || el.getAttribute('placeholder') || '';
  };
  return [...document.querySelectorAll('input, textarea, select')]
    .filter(el => visible(el) && !el.disabled && !el.readOnly)
    .filter(el => !['hidden', 'submit', 'button', 'checkbox', 'radio', 'image', 'reset', 'file'].includes(el.type))
    .map(el => ({ label: labelOf(el), value: el.value || '', required: el.required }))
    .filter(f => f.label);
}
"""

CLICKABLE_ROLES = ("button", "link", "menuitem", "tab", "option")


@dataclass
class _Counters:
    requests: int = 0
    navigations: int = 0
    document_status: int = 0


class WebChannel:
    """The customer's browser tab."""

    def __init__(
        self,
        page: Page,
        *,
        ledger: Ledger,
        persona: Persona,
        base_url: str,
        timeout_ms: int = 5000,
        patience: int = 3,
        dead_click_ms: int = 100,
        landing: str = "/",
        goals: dict | None = None,
        goal_patience: int = 6,
    ) -> None:
        self.page = page
        self.ledger = ledger
        self.persona = persona
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout_ms = timeout_ms
        self.patience = patience
        self.dead_click_ms = dead_click_ms
        self.landing = landing
        self.goals = goals
        self.goal_patience = goal_patience
        self._counters = _Counters()
        self._alerts_seen: set[tuple[str, str]] = set()
        self.last_status = 0  # HTTP status of the page the customer is on
        self._typed: list[tuple[str, str, str, str | None]] = []  # (page path, label, value, fact) as typed
        page.set_default_timeout(timeout_ms)
        page.context.add_init_script(_OBSERVER_SCRIPT)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)
        page.on("pageerror", self._on_page_error)

    def __repr__(self) -> str:
        return "WebChannel()"

    # -- listeners: they only note what happened ---------------------------------

    def _on_request(self, request: Request) -> None:
        self._counters.requests += 1

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self._counters.document_status = response.status

    def _on_navigated(self, frame: object) -> None:
        if frame == self.page.main_frame:
            self._counters.navigations += 1

    def _on_page_error(self, error: Exception) -> None:
        message = getattr(error, "message", None) or str(error)
        self.ledger.record(ErrorShown(text=message.splitlines()[0][:300], url=self.page.url, source="script"))

    # -- actions -------------------------------------------------------------------

    def url_for(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/")) if not path.startswith(("http://", "https://")) else path

    def open(self, path: str = "/") -> None:
        """Open a page directly, as a customer typing an address or following an outside link."""
        url = self.url_for(path)
        started = time.monotonic()
        try:
            response = self.page.goto(url, wait_until="load")
        except PlaywrightError as error:
            raise StepDoesNotFit(f"could not open {url}: {_first_line(error)}") from None
        self._record_page(status=response.status if response else 0, action=True, fallback_ms=_ms_since(started))

    def arrive_from_ad(self, ad: str, promise: str | None = None) -> None:
        """Follow an ad to its landing page, carrying its promise."""
        self.ledger.record(PromiseMade(source="ad", text=promise or ad))
        self.open(self.landing)

    def click(self, name: str) -> str:
        """Click what a customer reads as `name`; a click that does nothing is tried again, up to the patience.

        Returns the effect of the last click: "navigated", "changed" or "nothing".
        """
        target = self._find_clickable(name)
        effect = "nothing"
        for _ in range(self.patience):
            effect = self._click_once(target, name)
            if effect != "nothing":
                break
        if effect != "nothing" and self._refill_wiped_form():
            effect = self._click_once(self._find_clickable(name), name)
        return effect

    def _refill_wiped_form(self) -> bool:
        """After an error, a form that forgot what the customer typed is typed again, as a customer must.

        Only when the customer is back on the same form, an error is showing, and
        fields they filled there are empty again. Returns whether anything was typed.
        """
        here = page_path(self.page.url)
        typed = {label: (value, fact) for path, label, value, fact in self._typed if path == here}
        if not typed or not self._error_showing():
            return False
        wiped = []
        for label, (value, fact) in typed.items():
            field = self.page.get_by_label(label, exact=True).filter(visible=True)
            if field.count() and not field.first.input_value():
                wiped.append((label, value, fact))
        for label, value, fact in wiped:
            self.fill(label, value, fact=fact)
        return bool(wiped)

    def _error_showing(self) -> bool:
        return bool(self.page.evaluate(_VISIBLE_ALERTS))

    def fill(self, label: str, value: str, *, fact: str | None = None) -> None:
        field = self._find_field(label)
        current = field.input_value()
        shown = _shown_value(value, fact)
        if current and current.strip() == value.strip():
            self.ledger.record(FieldFilled(label=label, fact=fact, value=shown, prefilled=True, url=self.page.url))
            return
        field.fill(value)
        self._typed.append((page_path(self.page.url), label, value, fact))
        self.ledger.record(FieldFilled(label=label, fact=fact, value=shown, prefilled=False, url=self.page.url))

    def fill_fact(self, label: str, fact: str) -> None:
        self.fill(label, self.persona[fact], fact=fact)

    def fill_form(self) -> list[str]:
        """Fill every visible empty field whose label names a persona fact, like a customer filling a form.

        Returns the labels filled. Fields the site prefilled with the right value
        are recorded as prefilled (no effort). A form with nothing this persona can
        answer does not fit the step.
        """
        fields = self.page.evaluate(_VISIBLE_FIELDS)
        filled: list[str] = []
        for field in fields:
            fact = fact_for_label(field["label"])
            if fact is None or fact not in self.persona.facts:
                continue
            self.fill(field["label"], self.persona[fact], fact=fact)
            filled.append(field["label"])
        if not filled:
            labels = ", ".join(f'"{f["label"]}"' for f in fields) or "none"
            raise StepDoesNotFit(f"no field on {self.page.url} asks for anything I know (fields: {labels})")
        return filled

    def choose(self, option: str, label: str) -> None:
        self._find_field(label).select_option(label=option)
        self.ledger.record(FieldFilled(label=label, value=option, url=self.page.url))

    def tick(self, label: str) -> None:
        box = self.page.get_by_label(label).first
        try:
            box.check()
        except PlaywrightTimeout:
            raise StepDoesNotFit(f'no checkbox labelled "{label}" on {self.page.url}') from None
        self.ledger.record(FieldFilled(label=label, value="ticked", url=self.page.url))

    def dismiss(self, name: str) -> None:
        """Close something in the way (cookie banner, pop-up) by its button."""
        self._find_clickable(name).click()
        self.ledger.record(Dismissed(what=name, url=self.page.url))

    def go_back(self) -> None:
        before = self._counters.navigations
        started = time.monotonic()
        self.page.go_back(wait_until="load")
        self.ledger.record(WentBack(url=self.page.url))
        if self._counters.navigations != before:
            self._record_page(status=self._counters.document_status or 200, fallback_ms=_ms_since(started))

    def seek(self, goal: str):  # noqa: ANN201 - GoalReached | GaveUp
        """Walk towards a goal ("talk to a human") as a customer would; see journeys.shopper.goals."""
        from .goals import DEFAULT_GOALS, GoalSeeker, goal_for

        return GoalSeeker(self, goal_for(goal, self.goals or DEFAULT_GOALS), patience=self.goal_patience).seek()

    # -- questions -------------------------------------------------------------------

    def sees(self, text: str, *, timeout_ms: int | None = None) -> bool:
        """Whether `text` is visible on the page (waiting as a customer would, up to the timeout)."""
        try:
            self.page.get_by_text(text).first.wait_for(state="visible", timeout=timeout_ms or self.timeout_ms)
            return True
        except PlaywrightTimeout:
            return False

    def text_matching(self, pattern: str) -> str | None:
        """The first piece of visible text matching a regular expression (e.g. an order number)."""
        found = re.search(pattern, self.page.inner_text("body"))
        return found.group(found.lastindex or 0) if found else None

    def describe_location(self) -> str:
        return f"{self.page.url} ({self.page.title()!r})"

    # -- internals ---------------------------------------------------------------------

    def _find_clickable(self, name: str) -> Locator:
        page = self.page
        # In the order a customer would pick: what is exactly called so, the usual controls first.
        candidates = [
            page.get_by_role("link", name=name, exact=True).or_(page.get_by_role("button", name=name, exact=True)),
            *(page.get_by_role(role, name=name, exact=True) for role in CLICKABLE_ROLES[2:]),
            page.get_by_role("button", name=name).or_(page.get_by_role("link", name=name)),
            page.get_by_text(name, exact=True),
        ]
        candidates = [c.filter(visible=True) for c in candidates]
        found = self._first_present(candidates)
        if found is None:
            # Not there yet: wait as a customer would for the page to show it, then pick again.
            anything = candidates[0]
            for candidate in candidates[1:]:
                anything = anything.or_(candidate)
            try:
                anything.first.wait_for(state="visible", timeout=self.timeout_ms)
            except PlaywrightTimeout:
                raise StepDoesNotFit(f'there is no link or button "{name}" on {self.describe_location()}') from None
            found = self._first_present(candidates)
        return found if found is not None else candidates[0].first

    @staticmethod
    def _first_present(candidates: list[Locator]) -> Locator | None:
        for candidate in candidates:
            if candidate.count():
                return candidate.first
        return None

    def _find_field(self, label: str) -> Locator:
        exact = self.page.get_by_label(label, exact=True).filter(visible=True)
        loose = self.page.get_by_label(label).filter(visible=True)
        for locator, wait_ms in ((exact, self.timeout_ms), (loose, 200)):
            try:
                locator.first.wait_for(state="visible", timeout=wait_ms)
                return locator.first
            except PlaywrightTimeout:
                continue
        raise StepDoesNotFit(f'there is no field labelled "{label}" on {self.describe_location()}')

    def _click_once(self, target: Locator, name: str) -> str:
        counters = self._counters
        requests, navigations = counters.requests, counters.navigations
        started = time.monotonic()
        url_before = self.page.url
        target.click()
        # A click has an effect if, within the dead-click window, the page starts to
        # leave, changes its DOM, or sends a request (browser frustration signals).
        if counters.navigations != navigations:
            effect = "navigated"  # it already arrived somewhere new while the click returned
        else:
            effect = self._effect_within_dead_click_window(requests, navigations)
        self.ledger.record(Clicked(target=name, effect=effect, url=url_before))
        if effect == "navigated":
            self._settle_navigation(navigations, started)
        else:
            self._record_alerts()
        return effect

    def _effect_within_dead_click_window(self, requests: int, navigations: int) -> str:
        counters = self._counters
        try:
            leaving = self.page.wait_for_function(
                "() => { const s = window.__journeys;"
                " return s && (s.leaving ? 'leaving' : s.mutations > s.atClick); }",
                timeout=self.dead_click_ms,
                polling="raf",
            ).json_value() == "leaving"
            effect = "navigated" if leaving or counters.navigations != navigations else "changed"
        except PlaywrightTimeout:
            if counters.navigations != navigations:
                effect = "navigated"
            else:
                effect = "changed" if counters.requests != requests else "nothing"
        except PlaywrightError:
            effect = "navigated"  # the document went away while we looked: it is navigating
        return effect

    def _settle_navigation(self, navigations_before: int, started: float) -> None:
        if self._counters.navigations == navigations_before:
            try:
                self.page.wait_for_event("framenavigated", predicate=lambda f: f == self.page.main_frame)
            except PlaywrightTimeout:
                return  # started to leave but never arrived within the timeout: what the customer saw stays
        self.page.wait_for_load_state("load")
        self._record_page(status=self._counters.document_status or 200, fallback_ms=_ms_since(started))

    def _record_page(self, *, status: int, action: bool = False, fallback_ms: float = 0.0) -> None:
        try:
            snapshot = self.page.evaluate(_PAGE_SNAPSHOT)
        except PlaywrightError:
            snapshot = {"title": "", "text": "", "load_ms": 0, "alerts": [], "obstacle": None}
        load_ms = float(snapshot["load_ms"]) or fallback_ms
        self.last_status = status
        self.ledger.record(
            PageOpened(
                url=self.page.url,
                status=status,
                load_ms=round(load_ms, 1),
                title=snapshot["title"],
                text=snapshot["text"],
                action=action,
            )
        )
        self._record_alerts(snapshot["alerts"])
        if snapshot.get("obstacle"):
            self._dismiss(snapshot["obstacle"])

    def _dismiss(self, obstacle: dict[str, str]) -> None:
        """Get rid of what stands in the way on arrival, as a customer must before doing anything (effort)."""
        try:
            self.page.locator("[data-journeys-dismiss]").first.click(timeout=self.timeout_ms)
        except PlaywrightError:
            return  # it went away by itself
        self.ledger.record(Dismissed(what=f'{obstacle["what"]} ("{obstacle["button"]}")', url=self.page.url))

    def _record_alerts(self, alerts: list[str] | None = None) -> None:
        if alerts is None:
            try:
                alerts = self.page.evaluate(_VISIBLE_ALERTS)
            except PlaywrightError:
                return
        for text in alerts:
            key = (self.page.url, text)
            if key not in self._alerts_seen:
                self._alerts_seen.add(key)
                self.ledger.record(ErrorShown(text=text[:300], url=self.page.url, source="page"))


def _shown_value(value: str, fact: str | None) -> str:
    if fact in SECRET_FACTS:
        return "•••"
    return value


def page_path(url: str) -> str:
    """The page a customer is on, as they would name it: the path, without query, fragment or trailing slash."""
    return urlsplit(url).path.rstrip("/") or "/"


def _ms_since(started: float) -> float:
    return (time.monotonic() - started) * 1000


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def same_page(a: str, b: str) -> bool:
    """Two URLs a customer would call the same page (query and fragment aside)."""
    return urlsplit(a).netloc == urlsplit(b).netloc and page_path(a) == page_path(b)
