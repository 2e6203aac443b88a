"""The chat widget on the page, driven as a customer would: its button, its labelled textbox, its conversation log.

Configured in `[tool.journeys.chat]` with `adapter = "widget"`. It records the
same events as the HTTP adapter; replies are waited for with Playwright's own
waiting on the log (no sleeps), and their latency is measured from pressing send.

Real widgets differ in where they keep things, so each is found as a customer
finds it: the textbox by its label, in the page or in the `<iframe>` the open
button reveals (third-party widgets live in one; `frame_selector` names it when
guessing is not enough); the log as the `role=log`, else the `aria-live` region
nearest the textbox, else `log_selector`.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

from ..effort.events import Clicked
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit
from .conversation import ChatConfig, Conversation, Reply
from .persona import Persona

if TYPE_CHECKING:
    from playwright.sync_api import ElementHandle, Frame, FrameLocator, JSHandle, Page

# The messages of a log: its outermost list items, or its children when it has no list.
_ITEMS = """
const itemsOf = (log, cfg) => {
  if (cfg.replySelector) return [...log.ownerDocument.querySelectorAll(cfg.replySelector)];
  if (!log.querySelector('li, [role=listitem], ul, ol, [role=list]')) return [...log.children];
  return [...log.querySelectorAll('li, [role=listitem]')].filter(el => !el.parentElement.closest('li, [role=listitem]'));
};
"""

# The conversation log for the chat input: log_selector when configured, else the role=log or live region nearest it,
# within the same landmark (a status line or activity feed in <main> is not the chat's, whose box is in an <aside>).
_FIND_LOG = """
([input, cfg]) => {
  if (cfg.logSelector) return input.ownerDocument.querySelector(cfg.logSelector);
  const live = '[role=log], [aria-live]:not([aria-live=off])';
  const landmarks = 'main, aside, nav, header, footer, [role=main], [role=complementary], [role=navigation], [role=banner], [role=contentinfo]';
  const home = input.closest(landmarks);
  for (let scope = input.parentElement; scope; scope = scope.parentElement) {
    const near = [...scope.querySelectorAll(live)]
      .filter(el => !el.contains(input) && !el.parentElement.closest(live) && el.closest(landmarks) === home);
    const log = near.find(el => el.getAttribute('role') === 'log') || near[0];
    if (log) return log;
  }
  return null;
}
"""

_ITEM_COUNT = "([log, cfg]) => {" + _ITEMS + "return itemsOf(log, cfg).length; }"

# New messages of the log since `before`, each with its text, role and author; the customer's own are left out
# (by role or shown author when the widget marks them, else by text).
_NEW_REPLIES = (
    "([log, before, sent, cfg]) => {"
    + _ITEMS
    + """
  if (!log || log.getAttribute('aria-busy') === 'true') return null;
  const replies = [];
  let echoed = false;
  for (const el of itemsOf(log, cfg).slice(before)) {
    const shownBy = cfg.authorSelector ? el.querySelector(cfg.authorSelector) : null;
    const shown = shownBy ? (shownBy.innerText || shownBy.textContent || '').trim() : '';
    let text = (el.innerText || el.textContent || '').trim();
    if (shownBy) {
      const body = el.cloneNode(true);
      body.querySelectorAll(cfg.authorSelector).forEach(node => node.remove());
      text = (body.textContent || '').trim();
    }
    const marked = el.getAttribute(cfg.authorAttribute) || '';
    const role = (marked || shown).toLowerCase();
    const mine = role ? cfg.customerAuthors.includes(role) : (!echoed && !cfg.replySelector && text === sent.trim());
    if (mine) { echoed = true; continue; }
    const flag = name => (el.getAttribute(name) || '').toLowerCase() === 'true';
    if (text) replies.push({ text, role, author: shown || marked, fallback: flag(cfg.fallbackAttribute), handoff: flag(cfg.handoffAttribute) });
  }
  return replies.length ? replies : null;
}
"""
)

# Iframes showing now: those the open button then reveals are where a third-party widget lives.
_SHOWING_FRAMES = "() => new Set([...document.querySelectorAll('iframe')].filter(f => f.checkVisibility()))"
_REVEALED_FRAME = "(before) => [...document.querySelectorAll('iframe')].findIndex(f => f.checkVisibility() && !before.has(f))"


class WidgetChat(Conversation):
    """The chat box on the page, driven as a customer would: by its button, its labelled textbox and its log."""

    def __init__(self, page: Page, config: ChatConfig, *, ledger: Ledger, persona: Persona, base_url: str = "") -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        self.page = page
        self.base_url = base_url
        self._scope: Page | FrameLocator = page

    @property
    def _timeout_ms(self) -> float:
        return self.config.timeout_s * 1000

    def open(self) -> None:
        """Open the chat panel by its button, unless it is open (on the landing page when the customer is nowhere yet)."""
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page, config = self.page, self.config
        if page.url in ("", "about:blank") and self.base_url:
            page.goto(self.base_url)
        showing = self._scope_showing_input()
        if showing is not None:
            self._scope = showing
            return
        button = page.get_by_role("button", name=config.open_button, exact=True)
        if not button.count() and config.frame_selector:
            button = self._configured_frame().get_by_role("button", name=config.open_button, exact=True)
        if not button.count():
            raise StepDoesNotFit(f'there is no "{config.open_button}" button on {page.url} to open the chat')
        frames_before = page.evaluate_handle(_SHOWING_FRAMES)
        showing_before = page.locator("iframe:visible").count()
        button.first.click()
        try:
            self._scope = self._wait_for_input(frames_before, showing_before)
        except PlaywrightTimeout:
            self.ledger.record(Clicked(target=config.open_button, effect="nothing", url=page.url))
            raise JourneyAbandoned(f'"{config.open_button}" did not open a chat box with a "{config.input_label}" field') from None
        finally:
            with contextlib.suppress(PlaywrightError):  # gone with the page, when the button led to another one
                frames_before.dispose()
        self.ledger.record(Clicked(target=config.open_button, effect="changed", url=page.url))

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Type the message, press send, and record the replies that appear in the conversation log."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.open()  # a new page closes the panel: the customer opens it again
        config, scope = self.config, self._scope
        box = scope.get_by_label(config.input_label, exact=True).first
        input_handle = box.element_handle(timeout=self._timeout_ms)
        frame = input_handle.owner_frame()
        assert frame is not None  # an element on a live page belongs to a frame
        log = self._log(frame, input_handle)
        cfg = {
            "replySelector": config.reply_selector,
            "authorAttribute": config.author_attribute,
            "authorSelector": config.author_selector,
            "customerAuthors": list(config.customer_authors),
            "fallbackAttribute": config.fallback_attribute,
            "handoffAttribute": config.handoff_attribute,
        }
        before = frame.evaluate(_ITEM_COUNT, [log, cfg])
        message, _ = self._said(text, asked_for_human=asked_for_human)
        box.fill(message)
        started = time.perf_counter()
        scope.get_by_role("button", name=config.send_button, exact=True).first.click()
        try:
            found = frame.wait_for_function(_NEW_REPLIES, arg=[log, before, message, cfg], timeout=self._timeout_ms)
        except PlaywrightTimeout:
            latency_ms = round((time.perf_counter() - started) * 1000, 1)
            failed = f"no reply appeared in the chat within {config.timeout_s:g} s"
            return self._heard(message, [Reply(text="", latency_ms=latency_ms, failed=failed)])
        latency_ms = round((time.perf_counter() - started) * 1000, 1)
        items = found.json_value()
        messages = [(item["text"], item["role"], item["author"]) for item in items]
        # A widget that marks hand-offs says so; one that does not leaves it to who answers (the first person).
        handoff = True if any(item["handoff"] for item in items) else None
        fallback = any(item["fallback"] for item in items)
        return self._heard(message, self._replies(messages, latency_ms=latency_ms, fallback=fallback, handoff=handoff))

    # -- finding the widget's parts ------------------------------------------------------------------------------

    def _configured_frame(self) -> FrameLocator:
        return self.page.locator(self.config.frame_selector).first.content_frame

    def _scope_showing_input(self) -> Page | FrameLocator | None:
        """Where the chat's textbox shows now (the page, or an iframe), without waiting; None while the chat is closed."""
        label = self.config.input_label
        if self.config.frame_selector:
            frame = self._configured_frame()
            return frame if frame.get_by_label(label, exact=True).first.is_visible() else None
        if self.page.get_by_label(label, exact=True).first.is_visible():
            return self.page
        frames = self.page.locator("iframe")
        for index in range(frames.count()):
            if frames.nth(index).is_visible():
                frame = frames.nth(index).content_frame
                if frame.get_by_label(label, exact=True).first.is_visible():
                    return frame
        return None

    def _wait_for_input(self, frames_before: JSHandle, showing_before: int) -> Page | FrameLocator:
        """After the open button: the textbox in the page, or in the iframe the button revealed (Playwright's waiting)."""
        from playwright.sync_api import Error as PlaywrightError

        label, page = self.config.input_label, self.page
        started = time.perf_counter()
        if self.config.frame_selector:
            frame = self._configured_frame()
            frame.get_by_label(label, exact=True).first.wait_for(state="visible", timeout=self._timeout_ms)
            return frame
        in_page = page.get_by_label(label, exact=True).filter(visible=True)
        one_more_frame = page.locator("iframe:visible").nth(showing_before)
        in_page.or_(one_more_frame).first.wait_for(state="visible", timeout=self._timeout_ms)
        if in_page.count():
            return page
        try:
            index = page.evaluate(_REVEALED_FRAME, frames_before)
        except PlaywrightError:  # the button led to another page: its frames are all new
            index = -1
        revealed = page.locator("iframe").nth(index) if index >= 0 else page.locator("iframe:visible").last
        frame = revealed.content_frame
        remaining_ms = max(self._timeout_ms - (time.perf_counter() - started) * 1000, 1)
        frame.get_by_label(label, exact=True).first.wait_for(state="visible", timeout=remaining_ms)
        return frame

    def _log(self, frame: Frame, input_handle: ElementHandle) -> ElementHandle:
        """The conversation log beside the textbox: by its name when configured, else found as `_FIND_LOG` says."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        config = self.config
        try:
            if config.log_name:
                return self._scope.get_by_role("log", name=config.log_name).first.element_handle(timeout=self._timeout_ms)
            found = frame.wait_for_function(_FIND_LOG, arg=[input_handle, {"logSelector": config.log_selector}], timeout=self._timeout_ms)
        except PlaywrightTimeout:
            wanted = (
                f'no log named "{config.log_name}"' if config.log_name
                else f"nothing at log_selector {config.log_selector!r}" if config.log_selector
                else f'no role=log and no aria-live region near the "{config.input_label}" field'
            )
            raise StepDoesNotFit(f"the chat on {self.page.url} shows no conversation ({wanted})") from None
        log = found.as_element()
        assert log is not None  # wait_for_function returns once the log is found
        return log


__all__ = ["WidgetChat"]
