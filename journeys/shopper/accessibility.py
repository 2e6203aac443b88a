"""axe-core on the journey's own pages: each page is checked as the customer acts on it.

The checker wraps the customer's hands. At the first act on a page (and again
only when that page changed under a click), axe-core runs in the page and the
failing elements are remembered there; the act then asks, in the same round
trip, whether the control it is about to use is one of them. A page checked
clean costs nothing more until the customer clicks something on it. What the
channel records is fact only: `PageChecked` (every rule the page fails) and
`BarrierMet` (a control the customer used fails one); the detectors decide
what is effort (`journeys/effort/_barriers.py`).

axe-core itself is the one bundled by `axe-playwright-python` (pinned in
pyproject.toml): no rule is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from ..effort.events import BarrierMet, ErrorShown, PageChecked
from ..effort.ledger import Ledger
from .hands import Hands

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the law and most policies ask.
# axe's "best practice" rules (landmarks, one h1) are advice, not barriers, and
# leaving them out makes each check cheaper.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
    "resultTypes": ["violations"],
    # The journey's own document: a frame without axe-core (a chat widget, an ad)
    # would hold each check for axe's frame wait (60 s).
    "iframes": False,
}
# A page too large to check in this time is left unchecked, never a walk held up.
CHECK_TIMEOUT_MS = 10_000
# Beyond the check's own time limit (kept in the page), the driver's: a page too
# busy to run the check at all.
ASK_MARGIN_MS = 2_000
# What counts as the control when the customer aimed inside it: the link whose
# text they clicked, the button around an icon.
CONTROLS = (
    "a[href], button, input, select, textarea, summary, label, [tabindex], "
    "[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], "
    "[role=tab], [role=menuitem], [role=option], [role=combobox], "
    "dialog, [role=dialog], [role=alertdialog]"
)
# A page's record stays bounded whatever the site is: elements kept per rule,
# characters of each element's markup, and checks of one document (a page that
# keeps changing under its own scripts is not checked forever).
NODES_KEPT = 20
MARKUP_CHARS = 400
CHECKS_PER_PAGE = 4

# Addresses whose page was checked clean as first reached, in this process (one
# worker of a walk): the next journeys reaching them do not check them again.
CLEAN_PAGES: set[str] = set()

# One call does it all in the page: check (when the page is new or changed),
# remember the failing elements, and say which of them the control about to be
# used is or holds (an icon's <svg> inside the button pressed).
_CHECK = r"""
async (elements, options) => {
  if (typeof window.axe === "undefined") return { inject: true };
  const el = elements && elements.length ? elements[0] : null;
  let state = window.__journeysAxe;
  let scanned = null;
  if (!state || (state.dirty && state.checks < options.checksPerPage)) {
    const late = new Promise((resolve) => setTimeout(resolve, options.timeoutMs, null));
    const results = await Promise.race([window.axe.run(document, options.axe), late]);
    if (results === null) {
      // too slow to check: this document is left unchecked, not checked again
      const checks = options.checksPerPage;
      window.__journeysAxe = { dirty: false, checks, nodes: new Map() };
      return { scanned: null, matched: [], clean: true };
    }
    if (state && state.observer) state.observer.disconnect();
    const checks = (state ? state.checks : 0) + 1;
    state = { dirty: false, checks, nodes: new Map() };
    window.__journeysAxe = state;
    const remember = (found, ref) =>
      state.nodes.set(found, [...(state.nodes.get(found) || []), ref]);
    scanned = results.violations.map((v, vi) => ({
      rule: v.id, impact: v.impact || "", help: v.help || "",
      help_url: v.helpUrl || "", tags: v.tags || [],
      more: Math.max(0, v.nodes.length - options.nodesKept),
      nodes: v.nodes.slice(0, options.nodesKept).map((n, ni) => {
        if (n.target.length === 1 && typeof n.target[0] === "string") {
          try {
            const found = document.querySelector(n.target[0]);
            if (found) remember(found, [vi, ni]);
          } catch (error) {
            // a selector this document cannot parse: the element stays unmatched
          }
        }
        // the harness's own marks are no part of the site's markup
        const html = (n.html || "").replace(/ data-journeys-[\w-]+="[^"]*"/g, "");
        return html.slice(0, options.markupChars);
      }),
    }));
    state.observer = new MutationObserver(() => { state.dirty = true; });
    state.observer.observe(document.documentElement, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: [
        "hidden", "open", "aria-hidden", "aria-modal", "style", "class",
      ],
    });
  }
  const matched = [];
  // the control itself, what it holds (an icon's <svg>), or the control
  // holding what was aimed at (the <span> of its text)
  const holds = (node) => node === el || el.contains(node)
    || (node.matches(options.controls) && node.contains(el));
  if (el) {
    for (const [node, refs] of state.nodes) if (holds(node)) matched.push(...refs);
  }
  return { scanned, matched, clean: state.nodes.size === 0 };
}
"""


def axe_script() -> str:
    """axe-core's source as axe-playwright-python bundles it (read on first use)."""
    global _AXE_SCRIPT
    if _AXE_SCRIPT is None:
        import axe_playwright_python

        _AXE_SCRIPT = (
            Path(axe_playwright_python.__file__).parent / "axe.min.js"
        ).read_text(encoding="utf-8")
    return _AXE_SCRIPT


_AXE_SCRIPT: str | None = None


def wcag_level(tags: list[str] | tuple[str, ...]) -> str:
    """The WCAG level of a rule ("A", "AA", "AAA") from axe's tags; "" when none."""
    levels = {tag.removeprefix("wcag").lstrip("0123456789") for tag in tags}
    for level in ("a", "aa", "aaa"):
        if level in levels:
            return level.upper()
    return ""


class _PageState:
    """What the checker knows of one tab without asking it: navigations, last check."""

    def __init__(self, page: Page) -> None:
        self.navigations = 0
        self.checked_at = -1  # the navigation count when the page was last checked
        self.clean = False  # the last check found no failing element
        self.touched = False  # clicked since: the page may have changed
        self.violations: list[dict[str, Any]] = []
        self.met: set[tuple[str, str]] = set()
        page.on("framenavigated", self._navigated)
        self._main = page.main_frame

    def _navigated(self, frame: Any) -> None:
        if frame == self._main:
            self.navigations += 1
            self.met = set()

    @property
    def fresh(self) -> bool:
        """Checked since its last navigation, clean, nothing clicked since."""
        return self.checked_at == self.navigations and self.clean and not self.touched


class CheckedHands:
    """The customer's hands with axe-core looking over them: is this control failing?"""

    def __init__(self, hands: Hands, ledger: Ledger) -> None:
        self.hands = hands
        self.ledger = ledger
        self._pages: dict[int, tuple[Page, _PageState]] = {}
        self._last_page: Page | None = None
        self.final_page: Callable[[], Page] | None = None  # the tab it ends on

    def click(self, target: Locator) -> None:
        self._check(target, "pressed")
        self.hands.click(target)
        self._state(target.page).touched = True

    def fill(self, target: Locator, value: str) -> None:
        self._check(target, "filled")
        self.hands.fill(target, value)

    def select(self, target: Locator, label: str) -> None:
        self._check(target, "chose from")
        self.hands.select(target, label)

    def check(self, target: Locator, *, force: bool = False) -> None:
        self._check(target, "ticked")
        self.hands.check(target, force=force)
        self._state(target.page).touched = True

    def attach(self, target: Locator, files: Any) -> None:
        self._check(target, "attached a file to")
        self.hands.attach(target, files)

    def __getattr__(self, name: str) -> Any:
        # whatever else the hands offer (a keyboard's Tab count) is theirs, unchanged
        return getattr(self.hands, name)

    def settle(self) -> None:
        """Check the page the journey ended on when it showed an error since its check.

        An error is what the customer must read there; the rest of a last page
        is evidence only, not worth a check at the end of every journey.
        """
        if not self._error_since_check():
            return
        page = self.final_page() if self.final_page is not None else self._last_page
        if page is None or page.is_closed() or page.url == "about:blank":
            return
        state = self._state(page)
        if state.checked_at == state.navigations and not state.touched:
            return
        self._run(page, None, state, "")

    def _error_since_check(self) -> bool:
        for event in reversed(self.ledger.events):
            if isinstance(event, PageChecked):
                return False
            if isinstance(event, ErrorShown) and event.source == "page":
                return True
        return False

    # -- in the page -------------------------------------------------------------

    def _state(self, page: Page) -> _PageState:
        known = self._pages.get(id(page))
        if known is None or known[0] is not page:
            known = (page, _PageState(page))
            self._pages[id(page)] = known
        return known[1]

    def _check(self, target: Locator, act: str) -> None:
        page = target.page
        self._last_page = page
        state = self._state(page)
        if state.fresh:
            return
        if state.checked_at != state.navigations and page.url in CLEAN_PAGES:
            # the same address checked clean earlier in this walk (another journey's
            # visit): the same page, not checked again; a click on it still is
            self.ledger.record(PageChecked(url=page.url))
            state.checked_at, state.clean, state.touched = (
                state.navigations,
                True,
                False,
            )
            return
        self._run(page, target, state, act)

    def _run(
        self, page: Page, target: Locator | None, state: _PageState, act: str
    ) -> None:
        options = {
            "axe": AXE_OPTIONS,
            "nodesKept": NODES_KEPT,
            "markupChars": MARKUP_CHARS,
            "checksPerPage": CHECKS_PER_PAGE,
            "controls": CONTROLS,
            "timeoutMs": CHECK_TIMEOUT_MS,
        }
        try:
            found = self._ask(page, target, options)
            if found.get("inject"):
                page.evaluate(axe_script())
                found = self._ask(page, target, options)
        except PlaywrightError:
            # a page navigating away or closing under the check: the act meets
            # whatever the page does
            return
        if found.get("inject"):
            return
        url = page.url
        if found.get("scanned") is not None:
            state.violations = found["scanned"]
            self.ledger.record(
                PageChecked(
                    url=url,
                    violations=tuple(_violation(v) for v in state.violations),
                )
            )
        first = state.checked_at != state.navigations  # the page as first reached
        state.checked_at = state.navigations
        state.clean = bool(found.get("clean"))
        state.touched = False
        if first and state.clean and target is not None:
            CLEAN_PAGES.add(url)
        for rule_index, node_index in found.get("matched", ()):
            violation = state.violations[rule_index]
            markup = violation["nodes"][node_index]
            if (violation["rule"], markup) in state.met:
                continue
            state.met.add((violation["rule"], markup))
            self.ledger.record(
                BarrierMet(
                    url=url,
                    act=act,
                    rule=violation["rule"],
                    markup=markup,
                    impact=violation["impact"],
                    level=wcag_level(violation["tags"]),
                    help=violation["help"],
                    help_url=violation["help_url"].split("?")[0],
                )
            )

    @staticmethod
    def _ask(
        page: Page, target: Locator | None, options: dict[str, Any]
    ) -> dict[str, Any]:
        # Through wait_for_function, whose deadline the driver keeps: `evaluate` has
        # none, and a page whose own script never yields would hold the walk.
        deadline_ms = options["timeoutMs"] + ASK_MARGIN_MS
        element = None
        if target is not None:
            # not waited for: finding the control is the act's own wait
            handles = target.element_handles()
            element = handles[0] if handles else None
        handle = page.wait_for_function(
            f"([el, options]) => ({_CHECK})(el ? [el] : null, options)",
            arg=[element, options],
            timeout=deadline_ms,
        )
        return handle.json_value()


def _violation(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": raw["rule"],
        "impact": raw["impact"],
        "level": wcag_level(raw["tags"]),
        "help": raw["help"],
        "help_url": raw["help_url"].split("?")[0],
        "markup": list(raw["nodes"]),
        "more": raw["more"],
    }


def checked(hands: Hands, ledger: Ledger, mode: str) -> Hands | CheckedHands:
    """The web channel's hands: checked by axe-core unless `accessibility = "off"`."""
    return hands if mode == "off" else CheckedHands(hands, ledger)
