"""The shopper's abilities, built from their typed configuration, given the actor
(Screenplay).

Each ability is built on first use, so a journey that never chats opens no HTTP client,
and a journey that never browses opens no page. Abilities perform interactions and
record events; tasks (goal seeking, filling a form, insisting on a human) are functions
over them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from .actor import Shopper
from .chat import ChatConfig
from .mail_adapters import MailConfig, WalkInbox
from .phone import PhoneConfig
from .support import SupportConfig


@dataclass(frozen=True)
class WebConfig:
    """How the customer uses the site: where an ad lands them, how long they look, how
    often they click again.
    """

    base_url: str
    landing: str = "/"
    timeout_ms: int = 5000
    patience: int = 3
    dead_click_ms: int = 100
    accessibility: str = "on"  # "off": axe-core does not check the pages acted on
    hands: str = "mouse"  # "keyboard": Tab, Enter, Space and arrows only


def equip(
    shopper: Shopper,
    *,
    web: WebConfig,
    page: Callable[[], Page],
    chat: ChatConfig | None = None,
    support: SupportConfig | None = None,
    environ: Mapping[str, str],
    phone: PhoneConfig | None = None,
    phone_lines: Mapping[str, tuple[PhoneConfig, str]] | None = None,
    mail: MailConfig | None = None,
    inbox: WalkInbox | None = None,
    root: Path = Path("."),
) -> Shopper:
    """Give the shopper the abilities this journey may use: the web always, chat and
    support when configured.
    """

    def browse():  # noqa: ANN202 - a WebChannel
        from .accessibility import CheckedHands, checked
        from .hands import hands_for
        from .web import WebChannel

        hands = checked(
            hands_for(web.hands, shopper.ledger), shopper.ledger, web.accessibility
        )
        channel = WebChannel(
            page(),
            hands=hands,
            ledger=shopper.ledger,
            persona=shopper.persona,
            base_url=web.base_url,
            timeout_ms=web.timeout_ms,
            patience=web.patience,
            dead_click_ms=web.dead_click_ms,
            landing=web.landing,
        )
        if isinstance(hands, CheckedHands):
            # the page the journey ends on is checked too, as the journey settles its
            # channels
            hands.final_page = lambda: channel.page
            shopper.can("accessibility", lambda: hands)
            shopper.ability("accessibility")
        return channel

    shopper.can("web", browse)
    if chat is not None:
        from .chat import build_chat

        shopper.can(
            "chat",
            lambda: build_chat(
                chat,
                base_url=web.base_url,
                ledger=shopper.ledger,
                persona=shopper.persona,
                page=lambda: shopper.web.page,
                environ=environ,
            ),
        )
    if support is not None:
        from .support import build_support

        shopper.can(
            "support",
            lambda: build_support(
                support,
                base_url=web.base_url,
                ledger=shopper.ledger,
                persona=shopper.persona,
                environ=environ,
            ),
        )
    if phone is not None or phone_lines:
        from .phone import build_phone

        # Only another profile's line configured: that line is the one called (When I
        # call ... on "<profile>").
        line = (
            phone if phone is not None else next(iter((phone_lines or {}).values()))[0]
        )
        shopper.can(
            "phone",
            lambda: build_phone(
                line,
                base_url=web.base_url,
                ledger=shopper.ledger,
                persona=shopper.persona,
                lines=phone_lines,
                environ=environ,
            ),
        )
    if mail is not None:
        from .mail import build_mail

        shopper.can(
            "mail",
            lambda: build_mail(
                mail,
                ledger=shopper.ledger,
                persona=shopper.persona,
                web=lambda: shopper.web,
                environ=environ,
                root=root,
                base_url=web.base_url,
                inbox=inbox,
            ),
        )
    return shopper
