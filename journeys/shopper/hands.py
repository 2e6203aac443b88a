"""How the customer's hands work a control: with a pointer, or with the keyboard alone.

The web channel decides which control a step means and reads what happened;
the hands only do the physical act. Keeping the act behind this seam lets the
same journey be walked by a customer who cannot use a mouse (`--persona
keyboard`), where reaching a control is itself part of the effort.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..effort.events import KeyboardBlocked, KeyboardCause, Tabbed
from ..effort.ledger import Ledger


class Hands(Protocol):
    """The physical acts a step needs; each raises Playwright's errors as it does."""

    def click(self, target: Locator) -> None: ...

    def fill(self, target: Locator, value: str) -> None: ...

    def select(self, target: Locator, label: str) -> None: ...

    def check(self, target: Locator, *, force: bool = False) -> None: ...

    def attach(self, target: Locator, files: Path | dict[str, Any]) -> None: ...


class PointerHands:
    """A mouse and a keyboard together: Playwright's own actionable clicks and fills."""

    def click(self, target: Locator) -> None:
        target.click()

    def fill(self, target: Locator, value: str) -> None:
        target.fill(value)

    def select(self, target: Locator, label: str) -> None:
        target.select_option(label=label)

    def check(self, target: Locator, *, force: bool = False) -> None:
        target.check(force=force)

    def attach(self, target: Locator, files: Path | dict[str, Any]) -> None:
        target.set_input_files(files)


# -- the keyboard alone ---------------------------------------------------------------

# Tab presses spent looking for one control before it counts as out of reach: a
# long page's whole tab order fits (a shop's mega-menu has about 150 links).
MAX_TAB_PRESSES = 250
# How long a control worked by a key may take to show it did something (a DOM
# change, a page leaving) when no click reached it: later is no answer the
# customer sees.
KEY_EFFECT_MS = 150

# Where focus is now, and whether it is on the control the step needs. Elements
# are numbered once per document, so a focus cycle shows as a number seen again.
_FOCUS = r"""
(target, radioGroup) => {
  if (!window.__journeysFocus) {
    const state = { keys: new WeakMap(), byKey: new Map(), next: 0 };
    Object.defineProperty(window, '__journeysFocus', { value: state });
  }
  const state = window.__journeysFocus;
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) {
    active = active.shadowRoot.activeElement;
  }
  const page = !active || active === document.body
    || active === document.documentElement;
  if (page) return { key: 0, hit: false };
  if (!state.keys.has(active)) {
    state.keys.set(active, ++state.next);
    state.byKey.set(state.next, active);
  }
  const operable = 'a, button, summary, [role=button], [role=link], '
    + '[role=menuitem], [role=tab], [role=option]';
  const sameGroup = radioGroup && active.type === 'radio'
    && active.name === target.name && active.form === target.form;
  const hit = active === target || target.contains(active) || sameGroup
    || (active.matches(operable) && active.contains(target));
  return { key: state.keys.get(active), hit };
}
"""

_EXCERPT = r"""
  const clean = t => (t || '').replace(/\s+/g, ' ').trim();
  const excerpt = el => {
    const html = el.outerHTML;
    if (html.length <= 300) return html;
    const tag = el.tagName.toLowerCase();
    const text = clean(el.innerText || el.textContent).slice(0, 120);
    return html.slice(0, html.indexOf('>') + 1) + text + '</' + tag + '>';
  };
"""

# Once per control: its name and markup (evidence), whether Tab can ever stop on
# it, and on which side of focus it is.
_PREPARE = (
    r"""
(target) => {"""
    + _EXCERPT
    + r"""
  const focusable = 'a[href], area[href], button, input:not([type=hidden]), '
    + 'select, textarea, summary, iframe, [tabindex], [contenteditable=""], '
    + '[contenteditable=true]';
  const operable = 'a, button, summary, [role=button], [role=link], '
    + '[role=menuitem], [role=tab], [role=option]';
  const stop = target.matches(focusable) ? target
    : (target.closest(operable) || target);
  const shown = el => !!el.getClientRects().length
    && getComputedStyle(el).visibility !== 'hidden';
  const tabbable = stop.matches(focusable) && stop.tabIndex >= 0
    && !stop.disabled && !stop.closest('[inert]') && shown(stop);
  const labels = target.labels && target.labels.length
    ? [...target.labels].map(l => l.innerText).join(' ') : '';
  const name = clean(target.getAttribute('aria-label') || labels
    || target.innerText || target.value || target.getAttribute('placeholder')
    || target.name || target.tagName.toLowerCase()).slice(0, 80);
  const active = document.activeElement;
  const behind = !!active && active !== document.body && !!(
    stop.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  const clickable = stop.hasAttribute('onclick')
    || stop.matches('[role=button], [role=link]');
  return { name, markup: excerpt(stop), tabbable, behind, clickable,
           tag: stop.tagName.toLowerCase(), type: stop.type || '' };
}
"""
)

# The loop focus went round: the part of the page holding all of it (evidence).
_TRAP = (
    r"""
(keys) => {"""
    + _EXCERPT
    + r"""
  const state = window.__journeysFocus;
  const els = keys.map(k => state && state.byKey.get(k)).filter(Boolean);
  if (!els.length) return '';
  let holder = els[0].parentElement;
  while (holder && !els.every(el => holder.contains(el))) {
    holder = holder.parentElement;
  }
  // Named by the part of the page a customer would call it: the banner, the dialog.
  const part = holder && holder.closest('dialog, [role=dialog], [role=alertdialog], '
    + '[role=region], [aria-label], aside, section, nav, form');
  return excerpt(part || holder || document.body);
}
"""
)

# Before a key works a control: the page as it is, so the key's effect (and a
# dialog it closes) can be told after.
_ARM = r"""
(target) => {
  const dialog = target.closest(
    'dialog, [role=dialog], [role=alertdialog], [aria-modal=true]');
  const watched = window.__journeys;
  const armed = { clicked: false, dialog,
                  mutations: watched ? watched.mutations : 0 };
  addEventListener('click', event => {
    if (event.composedPath().includes(target)) armed.clicked = true;
  }, { capture: true, once: true });
  Object.defineProperty(window, '__journeysArmed',
    { value: armed, configurable: true });
}
"""

_WORKED = r"""
() => {
  const armed = window.__journeysArmed, watched = window.__journeys;
  return !armed || armed.clicked || !watched || watched.leaving
    || watched.mutations !== armed.mutations;
}
"""

# After the key: whether focus fell to the page when the dialog it was in closed.
_FOCUS_LOST = (
    r"""
() => {"""
    + _EXCERPT
    + r"""
  const armed = window.__journeysArmed;
  const dialog = armed && armed.dialog;
  if (!dialog || (window.__journeys && window.__journeys.leaving)) return '';
  const closed = !dialog.isConnected || !dialog.getClientRects().length
    || getComputedStyle(dialog).visibility === 'hidden'
    || (dialog.tagName === 'DIALOG' && !dialog.open);
  const active = document.activeElement;
  const dropped = !active || active === document.body || !active.isConnected;
  return closed && dropped ? excerpt(dialog) : '';
}
"""
)

_TYPED_INPUTS = (
    "text",
    "email",
    "tel",
    "url",
    "search",
    "password",
    "number",
    "textarea",
)


class KeyboardHands:
    """A customer who cannot use a pointer: Tab to a control, then keys only.

    Enter, Space, typing and the arrow keys, from wherever focus is. What the
    keyboard cannot do (a control Tab never reaches, one no key works, a focus
    trap, focus dropped after a dialog) is recorded as `KeyboardBlocked`; the act
    is then done with the pointer, as if someone helped, so one walk lists every
    barrier on the path. Tab presses are recorded per control (`Tabbed`).
    """

    def __init__(
        self, ledger: Ledger, *, max_tab_presses: int = MAX_TAB_PRESSES
    ) -> None:
        self.ledger = ledger
        self.max_tab_presses = max_tab_presses
        self._pointer = PointerHands()

    def click(self, target: Locator) -> None:
        seen = self._reach(target)
        if seen is None:
            self._pointer.click(target)
            return
        key = "Space" if seen["type"] in ("checkbox", "radio") else "Enter"
        if not self._press_working(target, key, seen):
            self._pointer.click(target)

    def fill(self, target: Locator, value: str) -> None:
        seen = self._reach(target)
        if seen is None:
            self._pointer.fill(target, value)
            return
        keyboard = target.page.keyboard
        kind = target.evaluate(
            "el => el.isContentEditable || el.tagName === 'TEXTAREA' ? 'textarea'"
            " : (el.type || 'text')"
        )
        if kind in _TYPED_INPUTS:
            if target.evaluate(
                "el => !!(el.isContentEditable ? el.textContent : el.value)"
            ):
                keyboard.press("ControlOrMeta+a")
                keyboard.press("Backspace")
            keyboard.type(value)
        else:  # a date or time box: typed as its own picker would set it
            target.fill(value)

    def select(self, target: Locator, label: str) -> None:
        seen = self._reach(target)
        if seen is None:
            self._pointer.select(target, label)
            return
        # The arrow keys move a closed list's choice one option at a time.
        wanted, current, count = target.evaluate(
            """(el, label) => [[...el.options].findIndex(
                 o => o.label.trim() === label || o.text.trim() === label),
               el.selectedIndex, el.options.length]""",
            label,
        )
        key = "ArrowDown" if wanted > current else "ArrowUp"
        selected = current
        for _ in range(count):
            if wanted < 0 or selected == wanted:
                break
            target.page.keyboard.press(key)
            selected = target.evaluate("el => el.selectedIndex")
        if wanted < 0 or selected != wanted:
            self._blocked(
                "not_operable", seen, "could not be set with the arrow keys", target
            )
            self._pointer.select(target, label)

    def check(self, target: Locator, *, force: bool = False) -> None:
        radio = target.evaluate(
            "el => el.type === 'radio' || el.getAttribute('role') === 'radio'"
        )
        seen = self._reach(target, radio_group=radio)
        if seen is None:
            self._pointer.check(target, force=force)
            return
        keyboard = target.page.keyboard
        focused = "el => el === document.activeElement"
        if radio:  # the arrows move within the group and choose as they go
            group = target.evaluate("""el => {
                  const aria = el.closest('[role=radiogroup]');
                  if (aria) return aria.querySelectorAll('[role=radio]').length;
                  const named = el.form && el.name ? el.form.elements[el.name]
                    : document.getElementsByName(el.name);
                  return (named && named.length) || 1;
                }""")
            for _ in range(group):
                if target.evaluate(focused):
                    break
                keyboard.press("ArrowDown")
        if target.evaluate(focused) and not target.is_checked():
            keyboard.press("Space")
        if not target.is_checked():
            self._blocked(
                "not_operable",
                seen,
                "could not be ticked with Space or the arrow keys",
                target,
            )
            self._pointer.check(target, force=force)

    def attach(self, target: Locator, files: Path | dict[str, Any]) -> None:
        seen = self._reach(target)
        if seen is None:
            self._pointer.attach(target, files)
            return
        page = target.page
        try:
            with page.expect_file_chooser(timeout=KEY_EFFECT_MS * 10) as chooser:
                page.keyboard.press("Space")
            chooser.value.set_files(files)  # type: ignore[arg-type]
        except PlaywrightError:
            self._blocked(
                "not_operable", seen, "did not open the file picker with Space", target
            )
            self._pointer.attach(target, files)

    # -- reaching a control and working it ------------------------------------------

    def _reach(
        self, target: Locator, *, radio_group: bool = False
    ) -> dict[str, Any] | None:
        """Tab until focus is on `target` (Shift+Tab when it is behind); None: never."""
        page = target.page
        handle = target.element_handle()
        seen = handle.evaluate(_PREPARE)
        # Evaluated in the control's own frame: a form in an iframe has its own focus.
        start = handle.evaluate(_FOCUS, radio_group)
        if start["hit"]:
            self.ledger.record(Tabbed(target=seen["name"], presses=0, url=page.url))
            return seen
        if not seen["tabbable"]:
            what = f"a <{seen['tag']}>" + (
                " that works on a click only" if seen["clickable"] else ""
            )
            self._blocked(
                "unreachable",
                seen,
                f"is not in the tab order ({what}): Tab never reaches it",
                target,
            )
            return None
        key = "Shift+Tab" if seen["behind"] else "Tab"
        loop: list[int] = [start["key"]] if start["key"] else []
        left_the_page = False  # focus went to the browser's own controls: not held
        presses = 0
        while presses < self.max_tab_presses:
            page.keyboard.press(key)
            presses += 1
            where = handle.evaluate(_FOCUS, radio_group)
            if where["hit"]:
                self.ledger.record(
                    Tabbed(target=seen["name"], presses=presses, url=page.url)
                )
                return seen
            if where["key"] == 0:
                left_the_page = True
            elif where["key"] not in loop:
                loop.append(where["key"])
            elif left_the_page:
                self._blocked(
                    "unreachable",
                    seen,
                    "is skipped: Tab went round the whole page and never stopped on it",
                    target,
                    presses,
                )
                return None
            else:
                cycle = loop[loop.index(where["key"]) :]
                trap = handle.evaluate(f"(_, keys) => ({_TRAP})(keys)", cycle)
                many = f"{len(cycle)} control{'s' if len(cycle) != 1 else ''}"
                self._blocked(
                    "focus_trapped",
                    {**seen, "markup": trap},
                    f"could not be reached: Tab went round {many} and never left "
                    "them (a focus trap)",
                    target,
                    presses,
                )
                return None
        self._blocked(
            "unreachable",
            seen,
            f"was not reached in {presses} Tab presses",
            target,
            presses,
        )
        return None

    def _press_working(self, target: Locator, key: str, seen: dict[str, Any]) -> bool:
        """Press `key` on the focused control; False (recorded) when it did nothing."""
        page = target.page
        try:
            target.evaluate(_ARM)
            page.keyboard.press(key)
            if not page.evaluate(_WORKED):
                try:
                    page.wait_for_function(_WORKED, timeout=KEY_EFFECT_MS)
                except PlaywrightTimeout:
                    self._blocked(
                        "not_operable",
                        seen,
                        f"did nothing when {key} was pressed on it",
                        target,
                    )
                    return False
            lost = page.evaluate(_FOCUS_LOST)
        except PlaywrightError:
            return True  # the page went away under the key: it led somewhere
        if lost:
            self.ledger.record(
                KeyboardBlocked(
                    cause="focus_lost",
                    target=seen["name"],
                    why="closed its dialog and focus fell back to the top of the page",
                    markup=lost,
                    url=page.url,
                )
            )
        return True

    def _blocked(
        self,
        cause: KeyboardCause,
        seen: dict[str, Any],
        why: str,
        target: Locator,
        presses: int = 0,
    ) -> None:
        self.ledger.record(
            KeyboardBlocked(
                cause=cause,
                target=seen["name"],
                why=why,
                markup=seen["markup"],
                url=target.page.url,
                presses=presses,
            )
        )


def hands_for(kind: str, ledger: Ledger) -> Hands:
    """The hands `hands` (or `--persona`) names: "mouse" or "keyboard"."""
    return KeyboardHands(ledger) if kind == "keyboard" else PointerHands()
