"""Going to a page and waiting for it: by its address, back, or after a click.

Where it leads decides first (`web_links`): another channel is recorded as a
switch, an address a browser does not open from a website is refused. A page
the browser cannot get is one dead end with the browser's error; a download is
recorded, not waited on.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urljoin

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import (
    Clicked,
    ClickEffect,
    Downloaded,
    LinkRefused,
    SentElsewhere,
    WentBack,
)
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit, first_line
from . import web_links
from .web_page import MOVING_ON_LIMIT, PageArrivals, ms_since
from .web_traffic import Traffic

_BROWSER_ERROR = re.compile(r"net::ERR_[A-Z0-9_]+")


class Navigation:
    """Moving the tab from page to page, and waiting for the page to come."""

    def __init__(
        self,
        page: Page,
        *,
        ledger: Ledger,
        traffic: Traffic,
        arrivals: PageArrivals,
        base_url: str,
        dead_click_ms: int,
    ) -> None:
        self._page = page
        self._ledger = ledger
        self._traffic = traffic
        self._arrivals = arrivals
        self.base_url = base_url.rstrip("/") + "/"
        self._dead_click_ms = dead_click_ms

    def url_for(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return urljoin(self.base_url, path.lstrip("/"))

    def open(self, path: str, *, link: str = "") -> None:
        """Open a page by its address (`link`: the words of the outside link to it)."""
        url = self.url_for(path)
        if not self.stays_on_the_web(url, link or path, on_page=False):
            return
        traffic = self._traffic
        started = time.monotonic()
        downloads, navigations = len(traffic.downloads), traffic.navigations
        try:
            response = self._page.goto(url, wait_until="load")
        except PlaywrightTimeout:
            if traffic.navigations - navigations >= MOVING_ON_LIMIT:
                # Never loaded: it kept moving on.
                self._arrivals.looped(started)
            # Not finished within the customer's patience: theirs to feel, not our
            # failure.
            self._arrivals.record(
                status=traffic.document_status,
                action=True,
                waited_ms=ms_since(started),
                complete=False,
            )
            return
        except PlaywrightError as error:
            if (
                "Download is starting" in str(error)
                or len(traffic.downloads) > downloads
            ):
                self._record_download(link or path, downloads, from_url="")
                return
            browser_error = _BROWSER_ERROR.search(str(error))
            if browser_error:  # the browser could not get it: the site's failure
                self._arrivals.failed(url, browser_error.group(0), started, action=True)
            raise StepDoesNotFit(f"could not open {url}: {first_line(error)}") from None
        self._arrivals.record(
            status=response.status if response else 0,
            action=True,
            waited_ms=ms_since(started),
        )

    def go_back(self) -> None:
        before = self._traffic.navigations
        started = time.monotonic()
        self._page.go_back(wait_until="load")
        self._ledger.record(WentBack(url=self._page.url))
        if self._traffic.navigations != before:
            self._arrivals.record(
                status=self._traffic.document_status or 200,
                waited_ms=ms_since(started),
            )

    def settle(
        self,
        navigations_before: int,
        started: float,
        *,
        name: str = "",
        marks: tuple[int, int] = (0, 0),
    ) -> None:
        """Wait for the page a click asked for; `marks`: `Traffic.marks()` before it."""
        page, traffic = self._page, self._traffic
        if traffic.navigations == navigations_before:
            if self._no_page_coming(name, marks, url=page.url):
                return
            try:
                page.wait_for_event(
                    "framenavigated", predicate=lambda f: f == page.main_frame
                )
            except PlaywrightTimeout:
                if not self._no_page_coming(name, marks, url=page.url):
                    self._arrivals.never_answered(started)
                return
        try:
            page.wait_for_load_state("load")
        except PlaywrightTimeout:
            if traffic.navigations - navigations_before >= MOVING_ON_LIMIT:
                # Never loaded: it kept moving on.
                self._arrivals.looped(started)
            self._arrivals.record(
                status=traffic.document_status,
                waited_ms=ms_since(started),
                complete=False,
            )
            return
        if page.url.startswith("chrome-error:"):
            # The browser's own error page: the site's page never came.
            failed_url, error = (
                traffic.failed
                if traffic.failures > marks[1]
                else (traffic.leaving_for, "")
            )
            self._arrivals.failed(
                failed_url or traffic.leaving_for,
                error or "an error page of the browser's own",
                started,
            )
        self._arrivals.record(
            status=traffic.document_status or 200, waited_ms=ms_since(started)
        )

    def _no_page_coming(self, name: str, marks: tuple[int, int], *, url: str) -> bool:
        """Whether the click's navigation ended with no page: a download, or dropped."""
        traffic = self._traffic
        if len(traffic.downloads) > marks[0]:
            self._record_download(name, marks[0], from_url=url)
            return True
        if traffic.failures > marks[1] and traffic.failed[1] == "net::ERR_ABORTED":
            if traffic.leaving_for != traffic.failed[0]:
                # Dropped for another page the site asked for (a script's redirect): it
                # comes.
                return False
            try:  # a download is announced just after its request is dropped
                self._page.wait_for_event("download", timeout=self._dead_click_ms)
            except PlaywrightTimeout:
                # No content (HTTP 204), or the page cancelled it itself: the page
                # stays.
                return True
            self._record_download(name, marks[0], from_url=url)
            return True
        return False

    def _record_download(self, name: str, before: int, *, from_url: str) -> None:
        downloads = self._traffic.downloads
        file_name, _ = downloads[before] if len(downloads) > before else ("", "")
        self._ledger.record(
            Downloaded(
                target=name,
                file_name=file_name,
                content_type=self._traffic.content_type,
                url=from_url,
            )
        )

    def stays_on_the_web(self, href: str, name: str, *, on_page: bool) -> bool:
        """Whether a link or address leads to a web page; else where it leads is noted.

        A mailto: or tel: link sends the customer elsewhere (recorded; the page
        stays). A file:, data: or chrome: address is refused and never opened, and
        the customer can go no further: abandoned at the link.
        """
        leads = web_links.leads_to(href)
        if leads == "web" or (leads == "script" and on_page):
            return True
        shown, source = web_links.shown(href), self._page.url if on_page else ""
        if leads in ("refused", "script"):
            self._ledger.record(LinkRefused(target=name, href=shown, url=source))
            raise JourneyAbandoned(
                f'"{name}" leads to {shown}, '
                "which a browser does not open from a website"
            )
        if on_page:
            self._ledger.record(
                Clicked(target=name, effect=ClickEffect.CHANGED, url=source)
            )
        self._ledger.record(
            SentElsewhere(target=name, href=shown, to=leads, url=source)
        )
        return False
