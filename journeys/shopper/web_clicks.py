"""A customer's click and what it did: a page came, the page changed, or nothing.

A click has an effect if, within the dead-click window, the page starts to
leave, changes its DOM or sends a request (browser frustration signals, read
from the init script's counters and `Traffic`, never by polling the page). A
click that did nothing is recorded as `Clicked(effect="nothing")`; the
detectors call it a dead end. The walk's own retries are marked as such.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import Clicked, ClickEffect, Dismissed
from ..effort.ledger import Ledger
from ..errors import StepDoesNotFit, first_line
from . import web_scripts
from .hands import Hands
from .web_locate import Locating, WorkingForm
from .web_navigation import Navigation
from .web_page import PageArrivals
from .web_traffic import Traffic
from .web_watch import Watch

if TYPE_CHECKING:
    from .web_forms import FormFilling

# Whether the page began to leave, or changed since the click (init script counters).
_LEAVING_OR_CHANGED = (
    "() => { const s = window.__journeys;"
    " return s && (s.leaving ? 'leaving' : s.mutations > s.atClick); }"
)


class Clicking:
    """The customer's clicks on links and buttons, each judged by what it did."""

    def __init__(
        self,
        page: Page,
        *,
        ledger: Ledger,
        hands: Hands,
        traffic: Traffic,
        watch: Watch,
        locating: Locating,
        working: WorkingForm,
        navigation: Navigation,
        arrivals: PageArrivals,
        forms: FormFilling,
        patience: int,
        dead_click_ms: int,
    ) -> None:
        self._page = page
        self._ledger = ledger
        self._hands = hands
        self._traffic = traffic
        self._watch = watch
        self._locating = locating
        self._working = working
        self._navigation = navigation
        self._arrivals = arrivals
        self._forms = forms
        self._patience = patience
        self._dead_click_ms = dead_click_ms
        # The last click's answer was an error that appeared on its own (a toast).
        self._flashed_error = False

    def click(self, name: str) -> ClickEffect:
        """Click what a customer reads as `name`; a dead click is tried again."""
        aim = self._locating.find_clickable(name)
        if aim.href and not self._navigation.stays_on_the_web(
            aim.href, name, on_page=True
        ):
            # It opened another channel: the page stays, the customer is sent elsewhere.
            return ClickEffect.CHANGED
        effect = ClickEffect.NOTHING
        for attempt in range(self._patience):
            if attempt:  # it did nothing: look again at what is there now (a pop-up?)
                aim = web_scripts.aim(aim.target, None) or aim
            effect = self._click_once(aim, name, retry=attempt > 0)
            if effect is not ClickEffect.NOTHING:
                break
        if effect is not ClickEffect.NOTHING and self._forms.refill_wiped_form():
            effect = self._click_once(self._locating.find_clickable(name), name)
        if self._flashed_error and not aim.href:
            # "Something went wrong, please try again" after a submit: the customer
            # tries once more, as people do.
            effect = self._click_once(self._locating.find_clickable(name), name)
        return effect

    def dismiss(self, name: str) -> None:
        """Close something in the way (cookie banner, pop-up) by its button, if any."""
        found = self._locating.first_present(self._locating.clickables(name))
        if found is None:
            return
        self._click_again(found.target, name)
        self._ledger.record(Dismissed(what=name, url=self._page.url))

    def _click_once(
        self, aim: web_scripts.Aim, name: str, *, retry: bool = False
    ) -> ClickEffect:
        """One click; `retry`: the walk's own retry of a slow one (never rage)."""
        traffic = self._traffic
        target, form = aim.target, aim.form
        self._flashed_error = False
        self._watch.clear_the_way(target, name, aim)
        requests, navigations = traffic.requests, traffic.navigations
        marks = traffic.marks()
        started = time.monotonic()
        url_before = self._page.url
        self._forms.check_sending(form, name)
        leaving_for = traffic.leaving_for
        try:
            self._hands.click(target)
        except PlaywrightTimeout:
            # Else it went through and a page arrived: only Playwright's wait ran out.
            if traffic.navigations == navigations:
                if traffic.leaving_for != leaving_for:  # asked, never answered
                    self._ledger.record(
                        Clicked(
                            target=name,
                            effect=ClickEffect.NAVIGATED,
                            url=url_before,
                            retry=retry,
                        )
                    )
                    self._arrivals.never_answered(started)
                    return ClickEffect.NAVIGATED
                # Something intercepts the pointer (an overlay that came late): deal
                # with it as a customer would.
                if not self._watch.clear_the_way(target, name):
                    raise StepDoesNotFit(
                        f'"{name}" could not be clicked on {self._arrivals.where()}: '
                        "something covers it and has no button to close it"
                    ) from None
                self._click_again(target, name)
        except PlaywrightError as error:
            raise StepDoesNotFit(
                f'"{name}" could not be clicked on {self._arrivals.where()}: '
                f"{first_line(error)}"
            ) from None
        if form:
            self._working.used(form, url=url_before)
        if traffic.navigations != navigations:
            # It already arrived somewhere new while the click returned.
            effect = ClickEffect.NAVIGATED
        else:
            effect = self._effect_within_dead_click_window(requests, navigations)
        refused = (
            self._watch.refused_by_validation()
            if effect is not ClickEffect.NAVIGATED
            else ""
        )
        if refused:
            # The browser answered with its own message (a bubble): not a dead click.
            effect = ClickEffect.CHANGED
        self._ledger.record(
            Clicked(target=name, effect=effect.value, url=url_before, retry=retry)
        )
        if refused:
            self._watch.record_errors([refused])
        if effect is ClickEffect.NAVIGATED:
            self._navigation.settle(navigations, started, name=name, marks=marks)
        else:
            # A click that asked the server is read once its answer showed (within the
            # patience).
            self._flashed_error = (
                self._watch.record_errors(settle=traffic.requests != requests)
                and traffic.requests != requests
            )
        return effect

    def _click_again(self, target: Locator, name: str) -> None:
        try:
            self._hands.click(target)
        except PlaywrightError as error:
            raise StepDoesNotFit(
                f'"{name}" could not be clicked on {self._arrivals.where()}: '
                f"{first_line(error)}"
            ) from None

    def _effect_within_dead_click_window(
        self, requests: int, navigations: int
    ) -> ClickEffect:
        traffic = self._traffic
        try:
            leaving = (
                self._page.wait_for_function(
                    _LEAVING_OR_CHANGED, timeout=self._dead_click_ms, polling="raf"
                ).json_value()
                == "leaving"
            )
        except PlaywrightTimeout:
            if traffic.navigations != navigations:
                return ClickEffect.NAVIGATED
            if traffic.requests != requests:
                return ClickEffect.CHANGED
            return ClickEffect.NOTHING
        except PlaywrightError:
            return ClickEffect.NAVIGATED  # the document went away while we looked
        if leaving or traffic.navigations != navigations:
            return ClickEffect.NAVIGATED
        return ClickEffect.CHANGED
