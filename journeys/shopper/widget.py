"""The chat on the page, driven as a customer would: its open button if it has one, its
textbox, its conversation.

Configured in `[tool.journeys.chat]` with `adapter = "widget"`. It records the same
events as the HTTP adapter; replies are waited for with Playwright's own waiting (no
sleeps) until they stop changing, so a streamed reply is read whole, with the time to
its first and to its last words.

Real chats differ in where they keep things, so each part is found as a customer finds
it: the textbox by its label, aria-label or placeholder, else the textbox beside the
send button, in the page or in the `<iframe>` the open button reveals (third-party
widgets live in one; `frame_selector` names it when guessing is not enough); the log as
`log_selector`, else the `role=log` or `aria-live` region nearest the textbox, else the
element the new messages appear in. What is read in the page is in `widget_dom.py`:
messages whole (rich ones too), their authors and their buttons.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from ..effort.events import Clicked
from ..effort.ledger import Ledger
from ..errors import JourneyAbandoned, StepDoesNotFit
from .conversation import ChatConfig, Conversation, Reply
from .persona import Persona
from .widget_dom import ARM, CHANGED, FIND_LOG, NEAR_SEND, TURN

if TYPE_CHECKING:
    from playwright.sync_api import (
        ElementHandle,
        Frame,
        FrameLocator,
        JSHandle,
        Locator,
        Page,
    )

# Iframes showing now: those the open button then reveals are where a third-party widget
# lives.
_SHOWING_FRAMES = (
    "() => new Set([...document.querySelectorAll('iframe')].filter(f =>"
    " f.checkVisibility()))"
)
_REVEALED_FRAME = (
    "(before) => [...document.querySelectorAll('iframe')].findIndex(f =>"
    " f.checkVisibility() && !before.has(f))"
)
# how often a turn looks at the conversation while it waits: the precision of its times
_POLL_MS = 50


class WidgetChat(Conversation):
    """The chat on the page, driven as a customer would: its button if it has one, its
    textbox, its conversation.
    """

    def __init__(
        self,
        page: Page,
        config: ChatConfig,
        *,
        ledger: Ledger,
        persona: Persona,
        base_url: str = "",
    ) -> None:
        super().__init__(config, ledger=ledger, persona=persona)
        self.page = page
        self.base_url = base_url
        self._scope: Page | FrameLocator = page
        self._bot_names: set[str] = set(config.bot_authors)

    @property
    def _timeout_ms(self) -> float:
        return self.config.timeout_s * 1000

    def open(self) -> None:
        """Find the chat: on the page already, or behind its open button (on the landing
        page when the customer is nowhere yet).
        """
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page, config = self.page, self.config
        if page.url in ("", "about:blank") and self.base_url:
            # A chat app's page is its scripts: the chat is waited for below, up to the
            # chat's own timeout.
            page.goto(
                self.base_url, wait_until="domcontentloaded", timeout=self._timeout_ms
            )
        showing = self._scope_showing_input()
        if showing is not None:
            self._scope = showing
            return
        button = self._open_button()
        if button is None or not button.count():
            # A chat drawn by script after the page loaded (a single-page chat app):
            # wait for its box or its button. With an open button to look for, another
            # textbox (a search box) is not the chat's.
            wanted = _named_box(page, config.input_label).or_(
                page.get_by_role("button", name=config.open_button, exact=True)
                if config.open_button
                else page.get_by_role("textbox")
            )
            with contextlib.suppress(PlaywrightTimeout):
                wanted.filter(visible=True).first.wait_for(
                    state="visible", timeout=self._timeout_ms
                )
            showing = self._scope_showing_input()
            button = self._open_button()
            if showing is None and (button is None or not button.count()):
                # No box by that name and no button to open one: a chat app's only
                # textbox is its box.
                showing = self._scope_showing_input(any_textbox=True)
            if showing is not None:
                self._scope = showing
                return
        if button is None or not button.count():
            opener = (
                f'no "{config.open_button}" button to open it'
                if config.open_button
                else "no open_button configured"
            )
            raise StepDoesNotFit(
                f'there is no chat box ("{config.input_label}" or any textbox) on'
                f" {page.url}, and {opener}"
            )
        frames_before = page.evaluate_handle(_SHOWING_FRAMES)
        showing_before = page.locator("iframe:visible").count()
        button.first.click()
        try:
            self._scope = self._wait_for_input(frames_before, showing_before)
        except PlaywrightTimeout:
            self.ledger.record(
                Clicked(target=config.open_button, effect="nothing", url=page.url)
            )
            raise JourneyAbandoned(
                f'"{config.open_button}" did not open a chat box with a'
                f' "{config.input_label}" field'
            ) from None
        finally:
            with contextlib.suppress(
                PlaywrightError
            ):  # gone with the page, when the button led to another one
                frames_before.dispose()
        self.ledger.record(
            Clicked(target=config.open_button, effect="changed", url=page.url)
        )

    def say(self, text: str, *, asked_for_human: bool = False) -> list[Reply]:
        """Type the message, send it, and record the replies that appear in the
        conversation once they are complete.
        """
        self.open()  # a new page closes the panel: the customer opens it again
        box = self._box()
        input_handle = box.element_handle(timeout=self._timeout_ms)
        frame = input_handle.owner_frame()
        assert frame is not None  # an element on a live page belongs to a frame
        log = self._log(frame, input_handle)
        message, _ = self._said(text, asked_for_human=asked_for_human)
        box.fill(message)
        frame.evaluate(ARM, [log])
        send = self._scope.get_by_role(
            "button", name=self.config.send_button, exact=True
        ).filter(visible=True)
        if send.count():
            send.first.click()
        else:  # no send button by that name (an icon only): the customer presses Enter
            box.press("Enter")
        return self._heard(message, self._wait_for_replies(frame, message))

    def press(self, name: str) -> list[Reply]:
        """Press a button shown in the conversation (an action or quick reply); one that
        does nothing is a dead click.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.open()
        buttons = self._scope.get_by_role("button", name=name, exact=True).filter(
            visible=True
        )
        if not buttons.count():
            raise StepDoesNotFit(
                f'the chat on {self.page.url} shows no "{name}" button to press'
            )
        button = buttons.last  # the newest message's, when several offered it
        frame = button.element_handle(timeout=self._timeout_ms).owner_frame()
        assert frame is not None
        frame.evaluate(ARM, [None])
        url = self.page.url
        button.click()
        try:
            frame.wait_for_function(CHANGED, polling=_POLL_MS, timeout=self._timeout_ms)
        except PlaywrightTimeout:
            navigated = self.page.url != url
            self.ledger.record(
                Clicked(
                    target=name, effect="navigated" if navigated else "nothing", url=url
                )
            )
            return []
        self.ledger.record(Clicked(target=name, effect="changed", url=url))
        replies = self._wait_for_replies(frame, name)
        return self._heard(name, [r for r in replies if not r.failed])

    # -- reading the conversation ------------------------------------------------------

    def _wait_for_replies(self, frame: Frame, sent: str) -> list[Reply]:
        """The turn's new messages once they stopped changing (Playwright's waiting),
        with the times the customer felt.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        config = self.config
        cfg = {
            "authorAttribute": config.author_attribute,
            "authorSelector": config.author_selector,
            "textSelector": config.text_selector,
            "replySelector": config.reply_selector,
            "busySelector": config.busy_selector,
            "customerAuthors": list(config.customer_authors),
            "fallbackAttribute": config.fallback_attribute,
            "handoffAttribute": config.handoff_attribute,
            "settleMs": config.settle_ms,
        }
        try:
            found = frame.wait_for_function(
                TURN, arg=[cfg, sent, False], polling=_POLL_MS, timeout=self._timeout_ms
            ).json_value()
        except PlaywrightTimeout:
            # Still changing when the time was up: the customer has read what is there
            # by now.
            found = frame.evaluate(TURN, [cfg, sent, True])
        if not found:
            failed = f"no reply appeared in the chat within {config.timeout_s:g} s"
            return [Reply(text="", latency_ms=config.timeout_s * 1000, failed=failed)]
        items = found["messages"]
        messages = [
            (item["text"], self._role(item["role"], item["author"]), item["author"])
            for item in items
        ]
        # A widget that marks hand-offs says so; one that does not leaves it to who
        # answers (the first person).
        handoff = True if any(item["handoff"] for item in items) else None
        fallback = any(item["fallback"] for item in items)
        last_ms, first_ms = round(found["lastMs"], 1), round(found["firstMs"], 1)
        replies = self._replies(
            messages,
            latency_ms=last_ms,
            first_token_ms=first_ms if first_ms < last_ms else 0.0,
            fallback=fallback,
            handoff=handoff,
        )
        # Each message keeps its own buttons (actions, quick replies), in the reply its
        # message joined.
        groups: list[list[str]] = []
        last_key: tuple[bool, str] | None = None
        for (_, role, author), item in zip(messages, items):
            key = (role.lower() in config.agent_authors, author)
            if key != last_key:
                groups.append([])
                last_key = key
            groups[-1].extend(item["buttons"])
        return [
            replace(reply, quick_replies=tuple(group))
            for reply, group in zip(replies, groups)
        ]

    def _role(self, role: str, author: str) -> str:
        """Who wrote a message: its role when the markup gives one, else a person
        whenever the author is not the bot.

        The bot is who the site names in `bot_authors`, else the first author who
        answered; a new author is a person taking over (the hand-off), however the bot
        announced it.
        """
        if role or not author:
            return role
        name = author.lower()
        if not self._bot_names and not self.config.bot_authors:
            self._bot_names.add(name)
        return "bot" if name in self._bot_names else self.config.agent_authors[0]

    # -- finding the widget's parts ----------------------------------------------------

    def _open_button(self) -> Locator | None:
        config, page = self.config, self.page
        if not config.open_button:
            return None
        button = page.get_by_role("button", name=config.open_button, exact=True)
        if not button.count() and config.frame_selector:
            button = self._configured_frame().get_by_role(
                "button", name=config.open_button, exact=True
            )
        return button

    def _box(self) -> Locator:
        """The chat's textbox: by its label, aria-label or placeholder; else the textbox
        beside the send button.
        """
        scope = self._scope
        named = _named_box(scope, self.config.input_label).filter(visible=True)
        if named.count():
            return named.first
        boxes = scope.get_by_role("textbox").filter(visible=True)
        if not boxes.count():
            raise StepDoesNotFit(
                f'the chat on {self.page.url} has no "{self.config.input_label}" box'
                " and no other textbox"
            )
        handles = boxes.element_handles()
        frame = handles[0].owner_frame()
        assert frame is not None
        return boxes.nth(frame.evaluate(NEAR_SEND, [handles, self.config.send_button]))

    def _configured_frame(self) -> FrameLocator:
        return self.page.locator(self.config.frame_selector).first.content_frame

    def _scope_showing_input(
        self, *, any_textbox: bool = False
    ) -> Page | FrameLocator | None:
        """Where the chat's textbox shows now (the page, or an iframe), without waiting;
        None while the chat is closed.
        """
        label = self.config.input_label

        def shows(scope: Page | FrameLocator) -> bool:
            if _named_box(scope, label).filter(visible=True).count():
                return True
            return (
                any_textbox
                and scope.get_by_role("textbox").filter(visible=True).count() > 0
            )

        if self.config.frame_selector:
            frame = self._configured_frame()
            return frame if shows(frame) else None
        if shows(self.page):
            return self.page
        frames = self.page.locator("iframe")
        for index in range(frames.count()):
            if frames.nth(index).is_visible():
                frame = frames.nth(index).content_frame
                if _named_box(frame, label).filter(visible=True).count():
                    return frame
        return None

    def _wait_for_input(
        self, frames_before: JSHandle, showing_before: int
    ) -> Page | FrameLocator:
        """After the open button: the textbox in the page, or in the iframe the button
        revealed (Playwright's waiting).
        """
        from playwright.sync_api import Error as PlaywrightError

        label, page = self.config.input_label, self.page
        started = time.perf_counter()
        if self.config.frame_selector:
            frame = self._configured_frame()
            _named_box(frame, label).first.wait_for(
                state="visible", timeout=self._timeout_ms
            )
            return frame
        in_page = _named_box(page, label).filter(visible=True)
        one_more_frame = page.locator("iframe:visible").nth(showing_before)
        in_page.or_(one_more_frame).first.wait_for(
            state="visible", timeout=self._timeout_ms
        )
        if in_page.count():
            return page
        try:
            index = page.evaluate(_REVEALED_FRAME, frames_before)
        except (
            PlaywrightError
        ):  # the button led to another page: its frames are all new
            index = -1
        revealed = (
            page.locator("iframe").nth(index)
            if index >= 0
            else page.locator("iframe:visible").last
        )
        frame = revealed.content_frame
        remaining_ms = max(self._timeout_ms - (time.perf_counter() - started) * 1000, 1)
        _named_box(frame, label).or_(frame.get_by_role("textbox")).filter(
            visible=True
        ).first.wait_for(state="visible", timeout=remaining_ms)
        return frame

    def _log(self, frame: Frame, input_handle: ElementHandle) -> ElementHandle | None:
        """The conversation log beside the textbox, as `FIND_LOG` finds it; None when
        the page marks none (then observed).
        """
        config = self.config
        if config.log_name:
            named = self._scope.get_by_role("log", name=config.log_name)
            if not named.count():
                raise StepDoesNotFit(
                    f"the chat on {self.page.url} shows no conversation (no log named"
                    f' "{config.log_name}")'
                )
            return named.first.element_handle()
        found = frame.evaluate_handle(
            FIND_LOG, [input_handle, {"logSelector": config.log_selector}]
        )
        log = found.as_element()
        if log is None and config.log_selector:
            raise StepDoesNotFit(
                f"the chat on {self.page.url} shows no conversation (nothing at"
                f" log_selector {config.log_selector!r})"
            )
        return log


def _named_box(scope: Page | FrameLocator, label: str) -> Locator:
    """A textbox as a customer names it: by its label or aria-label, or by the hint
    written in it (its placeholder).
    """
    return scope.get_by_label(label, exact=True).or_(
        scope.get_by_placeholder(label, exact=True)
    )


__all__ = ["WidgetChat"]
