"""Finding what a customer means: the form they work in, the link or button they read.

Clickables are found the way a customer reads the page: by role and accessible
name, then by visible text; of several, the one of the form they are working
in. Selectors never appear in features. Form controls are found by `web_forms`.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort import page_key
from ..errors import StepDoesNotFit
from . import web_scripts

CLICKABLE_ROLES = ("button", "link", "menuitem", "tab", "option")


class WorkingForm:
    """Which form the customer works in: that of the last control used on the page."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self._at: tuple[str, str] | None = None  # (page path, form)

    def used(self, form: str, *, url: str | None = None) -> None:
        """The customer used a control of `form` on the page at `url` (else here)."""
        self._at = (page_key(url if url is not None else self._page.url), form)

    def here(self) -> str | None:
        """The form the customer is working in on the page now, if any."""
        if self._at and self._at[0] == page_key(self._page.url):
            return self._at[1]
        return None


class Locating:
    """The links and buttons of the page, as the customer reads them."""

    def __init__(
        self,
        page: Page,
        *,
        working: WorkingForm,
        timeout_ms: int,
        not_there: Callable[[], None],
        where: Callable[[], str],
    ) -> None:
        """`not_there` notes the errors when a name is missing; `where` names a page."""
        self._page = page
        self._working = working
        self._timeout_ms = timeout_ms
        self._not_there = not_there
        self._where = where

    def clickables(self, name: str) -> list[Locator]:
        page = self._page
        # In the order a customer would pick: exactly so called, the usual controls
        # first.
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

    def find_clickable(self, name: str) -> web_scripts.Aim:
        """What the customer would click for `name`, waiting as they would for it."""
        candidates = self.clickables(name)
        found = self.first_present(candidates)
        if found is None:
            # Not there yet: wait as a customer would for it to show, then pick again.
            anything = candidates[0]
            for candidate in candidates[1:]:
                anything = anything.or_(candidate)
            try:
                anything.first.wait_for(state="visible", timeout=self._timeout_ms)
            except PlaywrightTimeout:
                self._not_there()
                raise StepDoesNotFit(
                    f'there is no link or button "{name}" on {self._where()}'
                ) from None
            found = self.first_present(candidates)
        if found is None:
            return web_scripts.Aim(candidates[0].first, "", None)
        return found

    def first_present(self, candidates: list[Locator]) -> web_scripts.Aim | None:
        working = self._working.here()
        # One round trip each: found, in view, its form and what covers it.
        for candidate in candidates:
            found = web_scripts.aim(candidate, working)
            if found is not None:
                return found
        return None
