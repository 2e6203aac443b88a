"""What the customer notices besides what they came for: errors, toasts, overlays.

An error is recorded once per page and wording, unless it comes again after an
action (a toast that says it again is new). What a live region announced is
drained with each read. An overlay in the way is recorded, then closed by its
button, as a customer must before doing anything else.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from ..effort.events import Dismissed, ErrorShown, OverlayBlocked
from ..effort.ledger import Ledger
from . import web_observers, web_scripts
from .hands import Hands


class Watch:
    """The customer's eye on errors and on what gets in the way, for one tab."""

    def __init__(
        self, page: Page, *, ledger: Ledger, hands: Hands, timeout_ms: int
    ) -> None:
        self._page = page
        self._ledger = ledger
        self._hands = hands
        self._timeout_ms = timeout_ms
        self._errors_seen: set[tuple[str, str]] = set()
        self._notices: list[dict[str, Any]] = []  # announced, drained by the last read
        self.last_errors: list[str] = []  # the error messages on the page, as last read
        page.context.add_init_script(web_observers.OBSERVER)  # toasts, live regions
        page.on("pageerror", self._on_page_error)

    def _on_page_error(self, error: Exception) -> None:
        message = getattr(error, "message", None) or str(error)
        self._ledger.record(
            ErrorShown(
                text=message.splitlines()[0][:300], url=self._page.url, source="script"
            )
        )

    def arrived(self, snapshot: dict[str, Any]) -> None:
        """A new page: what its first read showed (errors, announcements, overlay)."""
        self.last_errors = []
        self._notices = snapshot.get("notices") or []
        self.record_errors(snapshot["errors"])
        obstacle = snapshot.get("obstacle")
        if obstacle:
            if obstacle["blocking"]:
                self._ledger.record(
                    OverlayBlocked(
                        what=obstacle["what"], text=obstacle["text"], url=self._page.url
                    )
                )
            self.dismiss(obstacle)

    def left(self) -> None:
        """The page went away without a page in its place: nothing on it is showing."""
        self.last_errors = []

    def visible_errors(self, *, settle: bool = False) -> list[str]:
        try:
            errors, self._notices = web_observers.read_after_action(
                self._page,
                web_scripts.ERRORS,
                timeout_ms=self._timeout_ms,
                settle=settle,
            )
            return errors
        except PlaywrightError:
            return []

    def record_errors(
        self, errors: list[str] | None = None, *, settle: bool = False
    ) -> bool:
        """Record the errors shown now and what the page announced since the last read.

        Whether an error appeared on its own after an action (a toast, a live region):
        "please try again" is heard as such.
        """
        errors = self.visible_errors(settle=settle) if errors is None else errors
        url = self._page.url
        announced, appeared = web_observers.notice_events(self._notices, errors, url)
        self._notices = []
        for text in errors:
            if text not in self.last_errors:
                self.last_errors.append(text)
            key = (url, text)
            if key not in self._errors_seen or text in appeared:
                self._errors_seen.add(key)  # one that came again after an action is new
                self._ledger.record(
                    ErrorShown(
                        text=text[:300],
                        url=url,
                        source="page",
                        transient=text in appeared,
                    )
                )
        for event in announced:
            if isinstance(event, ErrorShown):
                # Named when a step then fails: "showing the error …".
                self.last_errors.append(event.text)
            self._ledger.record(event)
        return bool(appeared)

    def refused_by_validation(self) -> str:
        """The browser's message for a form it refused since the click (a bubble), or
        "".
        """
        try:
            return str(
                web_scripts.run(
                    self._page,
                    web_scripts.REFUSED_SINCE_CLICK,
                    timeout_ms=self._timeout_ms,
                )
                or ""
            )
        except PlaywrightError:
            return ""

    def clear_the_way(
        self, target: Locator, name: str, aim: web_scripts.Aim | None = None
    ) -> bool:
        """Dismiss what covers `target` (a cookie wall, a pop-up); whether it did.

        The click it blocked is recorded.

        `aim` is what was seen of it just now; without it the page is looked at again.
        """
        seen = aim or web_scripts.aim(target, None)
        obstacle = seen.obstacle if seen else None
        if not obstacle:
            return False
        self._ledger.record(
            OverlayBlocked(
                what=obstacle["what"],
                text=obstacle["text"],
                target=name,
                url=self._page.url,
            )
        )
        return self.dismiss(obstacle)

    def dismiss(self, obstacle: dict[str, str]) -> bool:
        """Get rid of what stands in the way, as a customer must first (effort)."""
        try:
            self._hands.click(self._page.locator("[data-journeys-dismiss]").first)
        except PlaywrightError:
            return False  # it went away by itself
        self._ledger.record(
            Dismissed(
                what=f'{obstacle["what"]} ("{obstacle["button"]}")', url=self._page.url
            )
        )
        return True
