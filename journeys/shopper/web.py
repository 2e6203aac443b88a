"""The web channel: a customer in a real browser page, recorded as events.

Listeners on the page (responses, navigations, requests, script errors) and a
small init script (DOM mutations, unloads) tell what each action did; the
channel turns that into events in the ledger. It decides nothing about effort:
a click that did nothing is recorded as `Clicked(effect="nothing")`, and the
detectors call it a dead end.

`WebChannel` is the face steps, goals and the other channels use. Behind it a
few collaborators each own their state: `Traffic` (what the tab's listeners
counted), `Watch` (errors, toasts, overlays), `PageArrivals` (reading and
recording each page arrived on), `Navigation` (going to a page and waiting for
it), `Locating` (the link or button a customer means), `FormFilling` (what to
type where, by `forms.plan_form`'s rule table) and `Clicking` (a click and what
it did). Every physical act goes through the customer's `hands`.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import ClickEffect, PromiseMade
from ..effort.ledger import Ledger
from . import web_scripts
from .hands import Hands, PointerHands
from .persona import Persona
from .web_clicks import Clicking
from .web_forms import FormFilling
from .web_locate import Locating, WorkingForm
from .web_navigation import Navigation
from .web_page import MOVING_ON_LIMIT, PageArrivals
from .web_traffic import Traffic
from .web_watch import Watch

__all__ = ["MOVING_ON_LIMIT", "WebChannel"]


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
        hands: Hands | None = None,
    ) -> None:
        self.page = page
        self.ledger = ledger
        self.persona = persona
        self.timeout_ms = timeout_ms
        self.patience = patience
        self.dead_click_ms = dead_click_ms
        self.landing = landing
        self.hands: Hands = hands if hands is not None else PointerHands()
        page.set_default_timeout(timeout_ms)
        page.context.add_init_script(web_scripts.OBSERVER)
        traffic = Traffic(page)
        watch = Watch(page, ledger=ledger, hands=self.hands, timeout_ms=timeout_ms)
        self._arrivals = PageArrivals(
            page, ledger=ledger, traffic=traffic, watch=watch, timeout_ms=timeout_ms
        )
        self._navigation = Navigation(
            page,
            ledger=ledger,
            traffic=traffic,
            arrivals=self._arrivals,
            base_url=base_url,
            dead_click_ms=dead_click_ms,
        )
        working = WorkingForm(page)
        self._forms = FormFilling(
            page,
            ledger=ledger,
            persona=persona,
            hands=self.hands,
            watch=watch,
            working=working,
            timeout_ms=timeout_ms,
            where=self._arrivals.where,
        )
        locating = Locating(
            page,
            working=working,
            timeout_ms=timeout_ms,
            not_there=watch.record_errors,
            where=self._arrivals.where,
        )
        self._clicking = Clicking(
            page,
            ledger=ledger,
            hands=self.hands,
            traffic=traffic,
            watch=watch,
            locating=locating,
            working=working,
            navigation=self._navigation,
            arrivals=self._arrivals,
            forms=self._forms,
            patience=patience,
            dead_click_ms=dead_click_ms,
        )
        self._watch = watch

    def __repr__(self) -> str:
        return "WebChannel()"

    @property
    def base_url(self) -> str:
        return self._navigation.base_url

    @property
    def last_status(self) -> int:
        """HTTP status of the page the customer is on."""
        return self._arrivals.last_status

    @property
    def last_errors(self) -> list[str]:
        """The error messages visible on the page, as last read."""
        return self._watch.last_errors

    # -- going places ----------------------------------------------------------------

    def url_for(self, path: str) -> str:
        return self._navigation.url_for(path)

    def open(self, path: str = "/", *, link: str = "") -> None:
        """Open a page as a customer typing its address or following an outside link.

        `link`: the words of that link.
        """
        self._navigation.open(path, link=link)

    def arrive_from_ad(self, ad: str, promise: str | None = None) -> None:
        """Follow an ad to its landing page, carrying its promise."""
        self.ledger.record(PromiseMade(source="ad", text=promise or ad))
        self.open(self.landing)

    def go_back(self) -> None:
        self._navigation.go_back()

    # -- clicking --------------------------------------------------------------------

    def click(self, name: str) -> ClickEffect:
        """Click what a customer reads as `name`; a dead click is tried again."""
        return self._clicking.click(name)

    def dismiss(self, name: str) -> None:
        """Close something in the way (cookie banner, pop-up) by its button, if any."""
        self._clicking.dismiss(name)

    # -- forms -----------------------------------------------------------------------

    def fill(self, label: str, value: str, *, fact: str | None = None) -> None:
        """Type (or pick, in a list or radio group) `value` in the field `label`."""
        self._forms.fill(label, value, fact=fact)

    def fill_fact(self, label: str, fact: str, written: str | None = None) -> None:
        """Type a fact as the customer holds it, or `written` as the form asks."""
        self._forms.fill_fact(label, fact, written)

    def fill_form(self) -> list[str]:
        """Fill the form being worked in (else the main one): the labels filled."""
        return self._forms.fill_form()

    def choose(self, option: str, label: str) -> None:
        """Pick an option from a list or a radio group, by its label or legend."""
        self._forms.choose(option, label)

    def tick(self, label: str) -> None:
        self._forms.tick(label)

    def upload(self, path: Path, label: str) -> None:
        """Attach the file at `path` to the file field the customer reads as `label`."""
        self._forms.upload(path, label)

    # -- questions -------------------------------------------------------------------

    def sees(self, text: str, *, timeout_ms: int | None = None) -> bool:
        """Whether `text` shows on the page, waiting as a customer would for it."""
        try:
            self.page.get_by_text(text).first.wait_for(
                state="visible", timeout=timeout_ms or self.timeout_ms
            )
            return True
        except PlaywrightTimeout:
            self._watch.record_errors()
            return False

    def describe_location(self) -> str:
        """The page as a message names it: address, HTTP status, title, error shown."""
        return self._arrivals.where()
