"""The chat widget on the page, driven as a customer would: its button, its labelled textbox, its conversation log.

Configured in `[tool.journeys.chat]` with `adapter = "widget"`. It records the
same events as the HTTP adapter; replies are waited for with Playwright's own
waiting on the log (no sleeps), and their latency is measured from pressing send.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..effort.events import Clicked
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit
from .chat import ChatConfig, Reply, Conversation
from .persona import Persona

if TYPE_CHECKING:
    from playwright.sync_api import Page

# New items of the conversation log since `before`, each with its text and author;
# the customer's own words are left out (by author when the widget marks it, else by text).
_NEW_REPLIES = """
([log, before, sent, cfg]) => {
  if (!log || log.getAttribute('aria-busy') === 'true') return null;
  const items = cfg.replySelector
    ? [...document.querySelectorAll(cfg.replySelector)]
    : [...log.querySelectorAll('li, [role=listitem]')].filter(el => !el.parentElement.closest('li, [role=listitem]'));
  const fresh = items.slice(before);
  const replies = [];
  let echoed = false;
  for (const el of fresh) {
    const text = (el.innerText || el.textContent || '').trim();
    const author = (el.getAttribute(cfg.authorAttribute) || '').toLowerCase();
    const mine = author ? cfg.customerAuthors.includes(author) : (!echoed && !cfg.replySelector && text === sent.trim());
    if (mine) { echoed = true; continue; }
    const flag = name => (el.getAttribute(name) || '').toLowerCase() === 'true';
    if (text) replies.push({ text, author: author || 'bot', fallback: flag(cfg.fallbackAttribute), handoff: flag(cfg.handoffAttribute) });
  }
  return replies.length ? replies : null;
}
"""

_ITEM_COUNT = """
([log, cfg]) => cfg.replySelector
  ? document.querySelectorAll(cfg.replySelector).length
  : [...log.querySelectorAll('li, [role=listitem]')].filter(el => !el.parentElement.closest('li, [role=listitem]')).length
"""


class WidgetChat(Conversation):
    """The chat box on the page, driven as a customer would: by its button, its labelled textbox and its log."""

    def __init__(self, page: Page, config: ChatConfig, *, ledger: Ledger, persona: Persona, base_url: str = "") -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        self.page = page
        self.base_url = base_url

    @property
    def _timeout_ms(self) -> float:
        return self.config.timeout_s * 1000

    def open(self) -> None:
        """Open the chat panel by its button, unless it is open (on the landing page when the customer is nowhere yet)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout


        page = self.page
        if page.url in ("", "about:blank") and self.base_url:
            page.goto(self.base_url)
        box = page.get_by_label(self.config.input_label, exact=True)
        if box.count() and box.first.is_visible():
            return
        button = page.get_by_role("button", name=self.config.open_button, exact=True)
        if not button.count():
            raise StepDoesNotFit(f'there is no "{self.config.open_button}" button on {page.url} to open the chat')
        button.first.click()
        try:
            box.first.wait_for(state="visible", timeout=self._timeout_ms)
        except PlaywrightTimeout:
            self.ledger.record(Clicked(target=self.config.open_button, effect="nothing", url=page.url))
            raise JourneyAbandoned(
                f'"{self.config.open_button}" did not open a chat box with a "{self.config.input_label}" field'
            ) from None
        self.ledger.record(Clicked(target=self.config.open_button, effect="changed", url=page.url))

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Type the message, press send, and record the replies that appear in the conversation log."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.open()  # a new page closes the panel: the customer opens it again
        page, config = self.page, self.config
        log = page.get_by_role("log", name=config.log_name) if config.log_name else page.get_by_role("log")
        try:
            log_handle = log.first.element_handle(timeout=self._timeout_ms)
        except PlaywrightTimeout:
    
            raise StepDoesNotFit(f"the chat on {page.url} shows no conversation (no element with role=log)") from None
        cfg = {
            "replySelector": config.reply_selector,
            "authorAttribute": config.author_attribute,
            "customerAuthors": list(config.customer_authors),
            "fallbackAttribute": config.fallback_attribute,
            "handoffAttribute": config.handoff_attribute,
        }
        before = page.evaluate(_ITEM_COUNT, [log_handle, cfg])
        message, _ = self._said(text, asked_for_human=asked_for_human)
        page.get_by_label(config.input_label, exact=True).first.fill(message)
        started = time.perf_counter()
        page.get_by_role("button", name=config.send_button, exact=True).first.click()
        try:
            found = page.wait_for_function(_NEW_REPLIES, arg=[log_handle, before, message, cfg], timeout=self._timeout_ms)
        except PlaywrightTimeout:
            latency_ms = round((time.perf_counter() - started) * 1000, 1)
            failed = f"no reply appeared in the chat within {config.timeout_s:g} s"
            return self._heard(message, [Reply(text="", latency_ms=latency_ms, failed=failed)])
        latency_ms = round((time.perf_counter() - started) * 1000, 1)
        items = found.json_value()
        messages = [(item["text"], item["author"]) for item in items]
        # A widget that marks hand-offs says so; one that does not leaves it to who answers (the first person).
        handoff = True if any(item["handoff"] for item in items) else None
        fallback = any(item["fallback"] for item in items)
        return self._heard(message, self._replies(messages, latency_ms=latency_ms, fallback=fallback, handoff=handoff))


__all__ = ["WidgetChat"]
