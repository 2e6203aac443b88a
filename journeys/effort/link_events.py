"""What a click or an e-mail link did instead of opening a page: sent the customer elsewhere, was refused, downloaded."""

from __future__ import annotations

from dataclasses import dataclass

from .events import Event


@dataclass(frozen=True, kw_only=True)
class SentElsewhere(Event):
    """A link sent the customer out of the browser: to write an e-mail, call, text or open an app (mailto:, tel:)."""

    target: str  # the link as the customer read it
    href: str  # where it sends them, without its query ("mailto:help@shop.example")
    to: str  # the channel it opens: "email", "phone", "text", "app"
    url: str = ""  # the page it was on ("" for an e-mail's link or a typed address)


@dataclass(frozen=True, kw_only=True)
class LinkRefused(Event):
    """A link that a browser does not follow from a website (file:, data:, chrome:): refused, never opened."""

    target: str
    href: str  # the address, cut short and without its query
    url: str = ""  # the page that gave it ("" for an e-mail's link or a typed address)


@dataclass(frozen=True, kw_only=True)
class Downloaded(Event):
    """A click started a download instead of opening a page: a file, not a page to wait for."""

    target: str
    file_name: str
    content_type: str = ""
    url: str = ""  # the page the link was on


LINK_EVENTS: tuple[type[Event], ...] = (SentElsewhere, LinkRefused, Downloaded)
