"""The web channel: a customer in a real browser page, recorded as events.

Listeners on the page (responses, navigations, requests, script errors) and a
small init script (DOM mutations, unloads) tell what each action did; the
channel turns that into events in the ledger. It decides nothing about effort:
a click that did nothing is recorded as `Clicked(effect="nothing")`, and the
detectors call it a dead end.

Elements are found the way a customer reads the page: by role and accessible
name, by label, then by visible text. Selectors never appear in features. What
to type where is `forms.plan_form`'s rule table; the scripts run in the page
are in `web_scripts`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Request, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort import page_key
from ..effort.events import (
    ClickEffect,
    Clicked,
    Dismissed,
    Downloaded,
    ErrorShown,
    LinkRefused,
    OverlayBlocked,
    PageOpened,
    PromiseMade,
    SentElsewhere,
    WentBack,
)
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit, first_line
from . import web_links, web_observers, web_scripts
from .web_forms import FormFilling
from .persona import Persona

CLICKABLE_ROLES = ("button", "link", "menuitem", "tab", "option")
# Pages that send the browser on by themselves (a refresh of a second or less, a script redirect) followed in a row
# before it is a loop: a bound the walk counts itself (browsers give up on HTTP redirects at 20).
MOVING_ON_LIMIT = 10
_MOVING_ON = f"a page that kept sending the browser on by itself ({MOVING_ON_LIMIT} pages: a refresh or redirect loop)"
_BROWSER_ERROR = re.compile(r"net::ERR_[A-Z0-9_]+")
_NOTHING_READ: dict[str, Any] = {
    "title": "",
    "text": "",
    "load_ms": 0,
    "errors": [],
    "obstacle": None,
    "refresh_s": None,
}


@dataclass
class _Counters:
    requests: int = 0
    navigations: int = 0
    document_status: int = 0
    leaving_for: str = ""  # the page the main frame last asked for, answered or not
    failures: int = 0  # main-frame navigations the browser could not complete
    failed: tuple[str, str] = (
        "",
        "",
    )  # the last of them: (address, the browser's error, "net::ERR_…")
    downloads: list[tuple[str, str]] = field(
        default_factory=list
    )  # (file name, address) of each download started
    content_type: str = ""  # of the main frame's last answer (what a download was)


class WebChannel(FormFilling):
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
    ) -> None:
        self.page = page
        self.ledger = ledger
        self.persona = persona
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout_ms = timeout_ms
        self.patience = patience
        self.dead_click_ms = dead_click_ms
        self.landing = landing
        self._counters = _Counters()
        self._errors_seen: set[tuple[str, str]] = set()
        self.last_status = 0  # HTTP status of the page the customer is on
        self.last_errors: list[
            str
        ] = []  # the error messages visible on it, as last read
        self._working_form: tuple[str, str] | None = (
            None  # (page path, form) of the last control the customer used
        )
        self._typed: list[
            tuple[str, str, str, str | None, str]
        ] = []  # (page path, label, value, fact, form) as typed
        self._open_questions: dict[
            tuple[str, str, str], str
        ] = {}  # (page path, form, label) -> the required choice to answer
        page.set_default_timeout(timeout_ms)
        page.context.add_init_script(web_scripts.OBSERVER)
        page.context.add_init_script(
            web_observers.OBSERVER
        )  # toasts and live regions, noted as they appear
        self._notices: list[
            dict[str, Any]
        ] = []  # what the page announced, drained by the last read
        self._flashed_error = False  # the last click's answer was an error that appeared on its own (a toast)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)
        page.on("pageerror", self._on_page_error)
        page.on("requestfailed", self._on_request_failed)
        page.on("download", self._on_download)

    def __repr__(self) -> str:
        return "WebChannel()"

    # -- listeners: they only note what happened ---------------------------------

    def _on_request(self, request: Request) -> None:
        self._counters.requests += 1
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self._counters.leaving_for = request.url

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self._counters.document_status = response.status
            self._counters.content_type = response.headers.get(
                "content-type", ""
            ).split(";")[0]

    def _on_request_failed(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self._counters.failures += 1
            self._counters.failed = (request.url, request.failure or "")

    def _on_download(self, download: Any) -> None:  # Playwright's Download
        self._counters.downloads.append((download.suggested_filename, download.url))

    def _on_navigated(self, frame: object) -> None:
        if frame == self.page.main_frame:
            self._counters.navigations += 1

    def _on_page_error(self, error: Exception) -> None:
        message = getattr(error, "message", None) or str(error)
        self.ledger.record(
            ErrorShown(
                text=message.splitlines()[0][:300], url=self.page.url, source="script"
            )
        )

    # -- actions -------------------------------------------------------------------

    def url_for(self, path: str) -> str:
        return (
            urljoin(self.base_url, path.lstrip("/"))
            if not path.startswith(("http://", "https://"))
            else path
        )

    def open(self, path: str = "/", *, link: str = "") -> None:
        """Open a page directly, as a customer typing an address or following an outside link (`link`: its words)."""
        url = self.url_for(path)
        if not self._stays_on_the_web(url, link or path, on_page=False):
            return
        started = time.monotonic()
        downloads = len(self._counters.downloads)
        try:
            response = self.page.goto(url, wait_until="load")
        except PlaywrightTimeout:
            # The site never finished the page within the customer's patience: theirs to feel, not our failure.
            self._record_page(
                status=self._counters.document_status,
                action=True,
                fallback_ms=_ms_since(started),
                complete=False,
            )
            return
        except PlaywrightError as error:
            if (
                "Download is starting" in str(error)
                or len(self._counters.downloads) > downloads
            ):
                self._record_download(link or path, downloads, from_url="")
                return
            browser_error = _BROWSER_ERROR.search(str(error))
            if (
                browser_error
            ):  # the browser could not get the page: the site's failure, not ours
                self._failed_navigation(
                    url, browser_error.group(0), started, action=True
                )
            raise StepDoesNotFit(f"could not open {url}: {first_line(error)}") from None
        self._record_page(
            status=response.status if response else 0,
            action=True,
            fallback_ms=_ms_since(started),
        )

    def arrive_from_ad(self, ad: str, promise: str | None = None) -> None:
        """Follow an ad to its landing page, carrying its promise."""
        self.ledger.record(PromiseMade(source="ad", text=promise or ad))
        self.open(self.landing)

    def click(self, name: str) -> ClickEffect:
        """Click what a customer reads as `name`; a click that does nothing is tried again, up to the patience."""
        aim = self._find_clickable(name)
        if aim.href and not self._stays_on_the_web(aim.href, name, on_page=True):
            return ClickEffect.CHANGED  # it opened another channel: the page stays, the customer is sent elsewhere
        effect = ClickEffect.NOTHING
        for attempt in range(self.patience):
            if attempt:  # the click did nothing: look again at what is there now (a pop-up may have come)
                aim = web_scripts.aim(aim.target, None) or aim
            effect = self._click_once(aim, name, retry=attempt > 0)
            if effect is not ClickEffect.NOTHING:
                break
        if effect is not ClickEffect.NOTHING and self._refill_wiped_form():
            effect = self._click_once(self._find_clickable(name), name)
        if self._flashed_error and not aim.href:
            # "Something went wrong, please try again" after a submit: the customer tries once more, as people do.
            effect = self._click_once(self._find_clickable(name), name)
        return effect

    def dismiss(self, name: str) -> None:
        """Close something in the way (cookie banner, pop-up) by its button; nothing to do when it is not there."""
        found = self._first_present(self._clickables(name))
        if found is None:
            return
        self._click_again(found.target, name)
        self.ledger.record(Dismissed(what=name, url=self.page.url))

    def go_back(self) -> None:
        before = self._counters.navigations
        started = time.monotonic()
        self.page.go_back(wait_until="load")
        self.ledger.record(WentBack(url=self.page.url))
        if self._counters.navigations != before:
            self._record_page(
                status=self._counters.document_status or 200,
                fallback_ms=_ms_since(started),
            )

    # -- questions -------------------------------------------------------------------

    def sees(self, text: str, *, timeout_ms: int | None = None) -> bool:
        """Whether `text` is visible on the page (waiting as a customer would, up to the timeout)."""
        try:
            self.page.get_by_text(text).first.wait_for(
                state="visible", timeout=timeout_ms or self.timeout_ms
            )
            return True
        except PlaywrightTimeout:
            self._record_errors()
            return False

    def describe_location(self) -> str:
        """The page as a message names it: address, HTTP status, title and any error it shows."""
        try:
            title = self.page.title()
        except PlaywrightError:
            title = ""
        where = f"{self.page.url} (HTTP {self.last_status or '?'}, {title!r})"
        if self.last_errors:
            where += f', showing the error "{self.last_errors[0][:120]}"'
        return where

    # -- internals ---------------------------------------------------------------------

    def _clickables(self, name: str) -> list[Locator]:
        page = self.page
        # In the order a customer would pick: what is exactly called so, the usual controls first.
        candidates = [
            page.get_by_role("link", name=name, exact=True).or_(
                page.get_by_role("button", name=name, exact=True)
            ),
            *(
                page.get_by_role(role, name=name, exact=True)
                for role in CLICKABLE_ROLES[2:]
            ),
            page.get_by_role("button", name=name).or_(
                page.get_by_role("link", name=name)
            ),
            page.get_by_text(name, exact=True),
        ]
        return [c.filter(visible=True) for c in candidates]

    def _find_clickable(self, name: str) -> web_scripts.Aim:
        candidates = self._clickables(name)
        found = self._first_present(candidates)
        if found is None:
            # Not there yet: wait as a customer would for the page to show it, then pick again.
            anything = candidates[0]
            for candidate in candidates[1:]:
                anything = anything.or_(candidate)
            try:
                anything.first.wait_for(state="visible", timeout=self.timeout_ms)
            except PlaywrightTimeout:
                self._record_errors()
                raise StepDoesNotFit(
                    f'there is no link or button "{name}" on {self.describe_location()}'
                ) from None
            found = self._first_present(candidates)
        return (
            found
            if found is not None
            else web_scripts.Aim(candidates[0].first, "", None)
        )

    def _first_present(self, candidates: list[Locator]) -> web_scripts.Aim | None:
        here = page_key(self.page.url)
        working = (
            self._working_form[1]
            if self._working_form and self._working_form[0] == here
            else None
        )
        for candidate in (
            candidates
        ):  # one round trip each: found, in view, its form and what covers it
            found = web_scripts.aim(candidate, working)
            if found is not None:
                return found
        return None

    def _click_once(
        self, aim: web_scripts.Aim, name: str, *, retry: bool = False
    ) -> ClickEffect:
        """One click; `retry`: the walk clicking again to see whether the first was slow (never counted as rage)."""
        counters = self._counters
        target, form = aim.target, aim.form
        self._flashed_error = False
        self._clear_the_way(target, name, aim)
        requests, navigations = counters.requests, counters.navigations
        marks = (len(counters.downloads), counters.failures)
        started = time.monotonic()
        url_before = self.page.url
        self._check_sending(form, name)
        leaving_for = counters.leaving_for
        try:
            target.click()
        except PlaywrightTimeout:
            if (
                counters.navigations == navigations
            ):  # else it went through and a page arrived: only Playwright's wait ran out
                if counters.leaving_for != leaving_for:  # asked, never answered
                    self.ledger.record(
                        Clicked(
                            target=name,
                            effect=ClickEffect.NAVIGATED,
                            url=url_before,
                            retry=retry,
                        )
                    )
                    self._never_answered(started)
                    return ClickEffect.NAVIGATED
                # Something intercepts the pointer (an overlay that came late): deal with it as a customer would.
                if not self._clear_the_way(target, name):
                    raise StepDoesNotFit(
                        f'"{name}" could not be clicked on {self.describe_location()}: something covers it '
                        "and has no button to close it"
                    ) from None
                self._click_again(target, name)
        except PlaywrightError as error:
            raise StepDoesNotFit(
                f'"{name}" could not be clicked on {self.describe_location()}: {first_line(error)}'
            ) from None
        if form:
            self._working_form = (page_key(url_before), form)
        # A click has an effect if, within the dead-click window, the page starts to
        # leave, changes its DOM, or sends a request (browser frustration signals).
        if counters.navigations != navigations:
            effect = (
                ClickEffect.NAVIGATED
            )  # it already arrived somewhere new while the click returned
        else:
            effect = self._effect_within_dead_click_window(requests, navigations)
        refused = (
            self._refused_by_validation() if effect is not ClickEffect.NAVIGATED else ""
        )
        if refused:
            effect = (
                ClickEffect.CHANGED
            )  # the browser answered with its own message (a bubble): not a dead click
        self.ledger.record(
            Clicked(target=name, effect=effect.value, url=url_before, retry=retry)
        )
        if refused:
            self._record_errors([refused])
        if effect is ClickEffect.NAVIGATED:
            self._settle_navigation(navigations, started, name=name, marks=marks)
        else:
            # A click that asked the server is read once its answer has shown (within the patience).
            self._flashed_error = (
                self._record_errors(settle=counters.requests != requests)
                and counters.requests != requests
            )
        return effect

    def _click_again(self, target: Locator, name: str) -> None:
        try:
            target.click()
        except PlaywrightError as error:
            raise StepDoesNotFit(
                f'"{name}" could not be clicked on {self.describe_location()}: {first_line(error)}'
            ) from None

    def _refused_by_validation(self) -> str:
        try:
            return str(
                web_scripts.run(
                    self.page,
                    web_scripts.REFUSED_SINCE_CLICK,
                    timeout_ms=self.timeout_ms,
                )
                or ""
            )
        except PlaywrightError:
            return ""

    def _clear_the_way(
        self, target: Locator, name: str, aim: web_scripts.Aim | None = None
    ) -> bool:
        """Dismiss what covers `target` (a cookie wall, a pop-up); the click it blocked is recorded. Whether it did.

        `aim` is what was seen of it just now; without it the page is looked at again.
        """
        seen = aim or web_scripts.aim(target, None)
        obstacle = seen.obstacle if seen else None
        if not obstacle:
            return False
        self.ledger.record(
            OverlayBlocked(
                what=obstacle["what"],
                text=obstacle["text"],
                target=name,
                url=self.page.url,
            )
        )
        return self._dismiss(obstacle)

    def _effect_within_dead_click_window(
        self, requests: int, navigations: int
    ) -> ClickEffect:
        counters = self._counters
        try:
            leaving = (
                self.page.wait_for_function(
                    "() => { const s = window.__journeys;"
                    " return s && (s.leaving ? 'leaving' : s.mutations > s.atClick); }",
                    timeout=self.dead_click_ms,
                    polling="raf",
                ).json_value()
                == "leaving"
            )
            return (
                ClickEffect.NAVIGATED
                if leaving or counters.navigations != navigations
                else ClickEffect.CHANGED
            )
        except PlaywrightTimeout:
            if counters.navigations != navigations:
                return ClickEffect.NAVIGATED
            return (
                ClickEffect.CHANGED
                if counters.requests != requests
                else ClickEffect.NOTHING
            )
        except PlaywrightError:
            return (
                ClickEffect.NAVIGATED
            )  # the document went away while we looked: it is navigating

    def _settle_navigation(
        self,
        navigations_before: int,
        started: float,
        *,
        name: str = "",
        marks: tuple[int, int] = (0, 0),
    ) -> None:
        """Wait for the page a click asked for; `marks`: the downloads and failed navigations counted before the click."""
        counters = self._counters
        if counters.navigations == navigations_before:
            if self._no_page_coming(name, marks, url=self.page.url):
                return
            try:
                self.page.wait_for_event(
                    "framenavigated", predicate=lambda f: f == self.page.main_frame
                )
            except PlaywrightTimeout:
                if not self._no_page_coming(name, marks, url=self.page.url):
                    self._never_answered(started)
                return
        try:
            self.page.wait_for_load_state("load")
        except PlaywrightTimeout:
            if (
                counters.navigations - navigations_before >= MOVING_ON_LIMIT
            ):  # never loaded: it kept moving on
                self._failed_navigation(self.page.url, _MOVING_ON, started)
            self._record_page(
                status=counters.document_status,
                fallback_ms=_ms_since(started),
                complete=False,
            )
            return
        if self.page.url.startswith(
            "chrome-error:"
        ):  # the browser's own error page: the site's page never came
            failed_url, error = (
                counters.failed
                if counters.failures > marks[1]
                else (counters.leaving_for, "")
            )
            self._failed_navigation(
                failed_url or counters.leaving_for,
                error or "an error page of the browser's own",
                started,
            )
        self._record_page(
            status=counters.document_status or 200, fallback_ms=_ms_since(started)
        )

    def _no_page_coming(self, name: str, marks: tuple[int, int], *, url: str) -> bool:
        """Whether the click's navigation ended without a page: a download (recorded), or the browser dropped it."""
        counters = self._counters
        if len(counters.downloads) > marks[0]:
            self._record_download(name, marks[0], from_url=url)
            return True
        if counters.failures > marks[1] and counters.failed[1] == "net::ERR_ABORTED":
            if counters.leaving_for != counters.failed[0]:
                return False  # dropped for another page the site asked for since (a script's redirect): that one comes
            try:  # a download is announced just after its request is dropped from the page
                self.page.wait_for_event("download", timeout=self.dead_click_ms)
            except PlaywrightTimeout:
                return True  # no content (HTTP 204) or a navigation the page itself cancelled: the page stays
            self._record_download(name, marks[0], from_url=url)
            return True
        return False

    def _record_download(self, name: str, before: int, *, from_url: str) -> None:
        file_name, _ = (
            self._counters.downloads[before]
            if len(self._counters.downloads) > before
            else ("", "")
        )
        self.ledger.record(
            Downloaded(
                target=name,
                file_name=file_name,
                content_type=self._counters.content_type,
                url=from_url,
            )
        )

    def _stays_on_the_web(self, href: str, name: str, *, on_page: bool) -> bool:
        """Whether a link or address leads to a web page; else it is recorded where it leads instead.

        A mailto: or tel: link sends the customer elsewhere (recorded; the page stays). A file:, data: or chrome:
        address is refused and never opened, and the customer can go no further: abandoned at the link.
        """
        leads = web_links.leads_to(href)
        if leads == "web" or (leads == "script" and on_page):
            return True
        shown, source = web_links.shown(href), self.page.url if on_page else ""
        if leads in ("refused", "script"):
            self.ledger.record(LinkRefused(target=name, href=shown, url=source))
            raise JourneyAbandoned(
                f'"{name}" leads to {shown}, which a browser does not open from a website'
            )
        if on_page:
            self.ledger.record(
                Clicked(target=name, effect=ClickEffect.CHANGED, url=source)
            )
        self.ledger.record(SentElsewhere(target=name, href=shown, to=leads, url=source))
        return False

    def _failed_navigation(
        self, url: str, error: str, started: float, *, action: bool = False
    ) -> None:
        """The browser could not get the page (too many redirects, a refused or reset connection, a refresh loop).

        The site's failure, one dead end with the browser's error as evidence; the customer can go no further.
        """
        self.last_status, self.last_errors = 0, []
        self.ledger.record(
            PageOpened(
                url=url,
                status=0,
                load_ms=round(_ms_since(started), 1),
                action=action,
                complete=False,
                error=error,
            )
        )
        why = f"the browser's error {error}" if error.startswith("net::") else error
        raise JourneyAbandoned(f"{url} did not open: {why}")

    def _never_answered(self, started: float) -> None:
        """The site never answered the page the customer asked for: they waited for it in vain."""
        url = self._counters.leaving_for or self.page.url
        self.ledger.record(
            PageOpened(
                url=url, status=0, load_ms=round(_ms_since(started), 1), complete=False
            )
        )

    def _record_page(
        self,
        *,
        status: int,
        action: bool = False,
        fallback_ms: float = 0.0,
        complete: bool = True,
    ) -> None:
        started = time.monotonic() - fallback_ms / 1000
        snapshot = self._settled_snapshot(
            status=status, waited_ms=fallback_ms, action=action, started=started
        )
        if snapshot.get("moved"):
            status, complete = self._counters.document_status or status, True
        load_ms = (
            float(snapshot["load_ms"])
            if complete and snapshot["load_ms"]
            else fallback_ms
        )
        self.last_status = status
        self.last_errors = []
        self.ledger.record(
            PageOpened(
                url=self.page.url,
                status=status,
                load_ms=round(load_ms, 1),
                title=snapshot["title"],
                text=snapshot["text"],
                action=action,
                complete=complete,
                main=snapshot.get("main") or "",
            )
        )
        self._notices = snapshot.get("notices") or []
        self._record_errors(snapshot["errors"])
        obstacle = snapshot.get("obstacle")
        if obstacle:
            if obstacle["blocking"]:
                self.ledger.record(
                    OverlayBlocked(
                        what=obstacle["what"], text=obstacle["text"], url=self.page.url
                    )
                )
            self._dismiss(obstacle)

    def _settled_snapshot(
        self, *, status: int, waited_ms: float, action: bool, started: float
    ) -> dict[str, Any]:
        """The page as the customer sees it once it stops sending the browser on by itself (an instant refresh, a
        script redirect): each of those is followed, the pages between are not the customer's; a loop is the site's."""
        moved, last, first = False, dict(_NOTHING_READ), self._counters.navigations
        while self._counters.navigations - first < MOVING_ON_LIMIT:
            navigations = self._counters.navigations
            try:
                last = self._read(
                    web_scripts.SNAPSHOT,
                    status=status,
                    waited_ms=waited_ms,
                    action=action,
                )
                delay_s = last.get("refresh_s")
                if delay_s is None:
                    return {**last, "moved": moved}
            except PlaywrightError:
                if self._counters.navigations == navigations:
                    return {**_NOTHING_READ, "moved": moved}
                delay_s = 0.0  # it moved on while it was read
            if not self._next_page(navigations, delay_s):
                return {**last, "moved": moved}
            moved = True
        self._failed_navigation(self.page.url, _MOVING_ON, started)
        raise AssertionError("unreachable")  # _failed_navigation raises

    def _next_page(self, navigations_before: int, delay_s: float) -> bool:
        """Wait for the page this one sends the browser on to (within its delay and the customer's patience)."""
        try:
            if self._counters.navigations == navigations_before:
                self.page.wait_for_event(
                    "framenavigated",
                    predicate=lambda f: f == self.page.main_frame,
                    timeout=delay_s * 1000 + self.timeout_ms,
                )
            self.page.wait_for_load_state("load")
        except PlaywrightError:
            return False
        return not self.page.url.startswith("chrome-error:")

    def _read(self, script: str, *, status: int, waited_ms: float, action: bool) -> Any:
        """Read a page that has just loaded; one too busy to answer has frozen: never usable, the site's failure."""
        started, navigations = time.monotonic(), self._counters.navigations
        try:
            return web_scripts.run(self.page, script, timeout_ms=self.timeout_ms)
        except PlaywrightTimeout:
            if self._counters.navigations != navigations:
                raise  # not frozen: it kept sending the browser on while it was read (the caller follows it)
            waited, status = (
                round(waited_ms + _ms_since(started), 1),
                status or self.last_status or 200,
            )
            self.ledger.record(
                PageOpened(
                    url=self.page.url,
                    status=status,
                    load_ms=waited,
                    action=action,
                    complete=False,
                )
            )
            raise StepDoesNotFit(
                f"{self.page.url} stopped responding: its own script kept it busy"
            ) from None

    def _dismiss(self, obstacle: dict[str, str]) -> bool:
        """Get rid of what stands in the way, as a customer must before doing anything (effort)."""
        try:
            self.page.locator("[data-journeys-dismiss]").first.click(
                timeout=self.timeout_ms
            )
        except PlaywrightError:
            return False  # it went away by itself
        self.ledger.record(
            Dismissed(
                what=f'{obstacle["what"]} ("{obstacle["button"]}")', url=self.page.url
            )
        )
        return True

    def _visible_errors(self, *, settle: bool = False) -> list[str]:
        try:
            errors, self._notices = web_observers.read_after_action(
                self.page, web_scripts.ERRORS, timeout_ms=self.timeout_ms, settle=settle
            )
            return errors
        except PlaywrightError:
            return []

    def _record_errors(
        self, errors: list[str] | None = None, *, settle: bool = False
    ) -> bool:
        """Record the error messages the customer sees now (once per page and wording), and what the page announced
        since the last read; whether an error appeared on its own (a toast, a live region)."""
        errors = self._visible_errors(settle=settle) if errors is None else errors
        announced, appeared = web_observers.notice_events(
            self._notices, errors, self.page.url
        )
        self._notices = []
        for text in errors:
            if text not in self.last_errors:
                self.last_errors.append(text)
            key = (self.page.url, text)
            if (
                key not in self._errors_seen or text in appeared
            ):  # one that came again after an action is new
                self._errors_seen.add(key)
                self.ledger.record(
                    ErrorShown(
                        text=text[:300],
                        url=self.page.url,
                        source="page",
                        transient=text in appeared,
                    )
                )
        for event in announced:
            if isinstance(event, ErrorShown):
                self.last_errors.append(
                    event.text
                )  # named when a step then fails: "showing the error …"
            self.ledger.record(event)
        return bool(
            appeared
        )  # an error announced after an action: "please try again" is heard as such


def _ms_since(started: float) -> float:
    return (time.monotonic() - started) * 1000
