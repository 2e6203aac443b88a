"""Reading a page the customer arrived on and recording it: whole, late, frozen or
never.

A page is read in one round trip once it has loaded (`web_scripts.SNAPSHOT`:
title, text, the site's own load time, errors, what covers it). A page that
sends the browser on by itself at once (an instant refresh, a script redirect)
is followed: the pages between are not the customer's. One that keeps doing so
is a loop, the site's failure: one dead end at the cause, then abandoned, and
the tab is held on the page it showed last, so nothing keeps loading behind
the walk (its screenshot, the browser's teardown).
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import PageOpened
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit
from . import web_scripts
from .web_traffic import Traffic
from .web_watch import Watch

# Pages that send the browser on by themselves (a refresh of a second or less, a
# script redirect) followed in a row before it is a loop: a bound the walk counts
# itself (browsers give up on HTTP redirects at 20).
MOVING_ON_LIMIT = 10
MOVING_ON = (
    "a page that kept sending the browser on by itself "
    f"({MOVING_ON_LIMIT} pages: a refresh or redirect loop)"
)
_NOTHING_READ: dict[str, Any] = {
    "title": "",
    "text": "",
    "load_ms": 0,
    "errors": [],
    "obstacle": None,
    "refresh_s": None,
}


class PageArrivals:
    """The pages the customer arrives on, each recorded once as `PageOpened`."""

    def __init__(
        self,
        page: Page,
        *,
        ledger: Ledger,
        traffic: Traffic,
        watch: Watch,
        timeout_ms: int,
    ) -> None:
        self._page = page
        self._ledger = ledger
        self._traffic = traffic
        self._watch = watch
        self._timeout_ms = timeout_ms
        self.last_status = 0  # HTTP status of the page the customer is on

    def where(self) -> str:
        """The page as a message names it: address, HTTP status, title, error shown."""
        try:
            title = self._page.title()
        except PlaywrightError:
            title = ""
        where = f"{self._page.url} (HTTP {self.last_status or '?'}, {title!r})"
        if self._watch.last_errors:
            where += f', showing the error "{self._watch.last_errors[0][:120]}"'
        return where

    def record(
        self,
        *,
        status: int,
        action: bool = False,
        waited_ms: float = 0.0,
        complete: bool = True,
    ) -> None:
        """The customer is on a new page: read it once it settles, and record it.

        `waited_ms`: what the customer waited for it by the walk's clock, used when
        the page's own timing is missing or it never completed.
        """
        started = time.monotonic() - waited_ms / 1000
        snapshot = self._settled_snapshot(
            status=status, waited_ms=waited_ms, action=action, started=started
        )
        if snapshot.get("moved"):
            status, complete = self._traffic.document_status or status, True
        load_ms = (
            float(snapshot["load_ms"])
            if complete and snapshot["load_ms"]
            else waited_ms
        )
        self.last_status = status
        self._ledger.record(
            PageOpened(
                url=self._page.url,
                status=status,
                load_ms=round(load_ms, 1),
                title=snapshot["title"],
                text=snapshot["text"],
                action=action,
                complete=complete,
                main=snapshot.get("main") or "",
            )
        )
        self._watch.arrived(snapshot)

    def failed(
        self, url: str, error: str, started: float, *, action: bool = False
    ) -> None:
        """The browser could not get the page (too many redirects, a refused
        connection).

        The site's failure, one dead end with the browser's error as evidence; the
        customer can go no further.
        """
        self.last_status = 0
        self._watch.left()
        self._ledger.record(
            PageOpened(
                url=url,
                status=0,
                load_ms=round(ms_since(started), 1),
                action=action,
                complete=False,
                error=error,
            )
        )
        why = f"the browser's error {error}" if error.startswith("net::") else error
        raise JourneyAbandoned(f"{url} did not open: {why}")

    def looped(self, started: float) -> None:
        """The page kept sending the browser on by itself: the site's failure.

        The customer stops there: the browser follows nothing more the page asks
        for, and the tab keeps the page it showed last.
        """
        url, page = self._page.url, self._page

        def stay(route: Route) -> None:
            try:
                request = route.request
                if request.is_navigation_request() and request.frame == page.main_frame:
                    route.abort("aborted")
                else:
                    route.fallback()
            except PlaywrightError:
                pass  # the tab closed while it was asked

        try:
            page.route("**/*", stay)
        except PlaywrightError:
            pass  # the tab is closing: nothing to hold
        self.failed(url, MOVING_ON, started)

    def never_answered(self, started: float) -> None:
        """The site never answered the page asked for: the customer waited in vain."""
        url = self._traffic.leaving_for or self._page.url
        self._ledger.record(
            PageOpened(
                url=url, status=0, load_ms=round(ms_since(started), 1), complete=False
            )
        )

    def _settled_snapshot(
        self, *, status: int, waited_ms: float, action: bool, started: float
    ) -> dict[str, Any]:
        """The page as the customer sees it once it stops sending the browser on.

        Each instant refresh or script redirect is followed; a loop is the site's.
        """
        traffic = self._traffic
        moved, last, first = False, dict(_NOTHING_READ), traffic.navigations
        while traffic.navigations - first < MOVING_ON_LIMIT:
            navigations = traffic.navigations
            try:
                last = self._read(status=status, waited_ms=waited_ms, action=action)
                delay_s = last.get("refresh_s")
                if delay_s is None:
                    return {**last, "moved": moved}
            except PlaywrightError:
                if traffic.navigations == navigations:
                    return {**_NOTHING_READ, "moved": moved}
                delay_s = 0.0  # it moved on while it was read
            if not self._next_page(navigations, delay_s):
                return {**last, "moved": moved}
            moved = True
        self.looped(started)
        raise AssertionError("unreachable")  # looped() raises

    def _next_page(self, navigations_before: int, delay_s: float) -> bool:
        """Wait for the page this one sends the browser on to, within its delay."""
        page = self._page
        try:
            if self._traffic.navigations == navigations_before:
                page.wait_for_event(
                    "framenavigated",
                    predicate=lambda f: f == page.main_frame,
                    timeout=delay_s * 1000 + self._timeout_ms,
                )
            page.wait_for_load_state("load")
        except PlaywrightError:
            # No page came within the patience, unless it kept moving on before any
            # loaded (a script sending the browser on as it is read): followed, counted.
            return self._traffic.navigations - navigations_before > 1
        return not page.url.startswith("chrome-error:")

    def _read(self, *, status: int, waited_ms: float, action: bool) -> Any:
        """Read a page that has just loaded; one too busy to answer has frozen (the
        site's).
        """
        started, navigations = time.monotonic(), self._traffic.navigations
        try:
            return web_scripts.run(
                self._page, web_scripts.SNAPSHOT, timeout_ms=self._timeout_ms
            )
        except PlaywrightTimeout:
            if self._traffic.navigations != navigations:
                raise  # not frozen: it kept moving on (the caller follows it)
            waited = round(waited_ms + ms_since(started), 1)
            self._ledger.record(
                PageOpened(
                    url=self._page.url,
                    status=status or self.last_status or 200,
                    load_ms=waited,
                    action=action,
                    complete=False,
                )
            )
            raise StepDoesNotFit(
                f"{self._page.url} stopped responding: its own script kept it busy"
            ) from None


def ms_since(started: float) -> float:
    return (time.monotonic() - started) * 1000
