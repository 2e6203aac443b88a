"""Where a link leads, by its scheme: a page on the web, another channel, or nowhere a
browser goes from a site.

The customer's browser follows only `http(s)` links to pages. A `mailto:` or `tel:` link
(and `sms:`, `whatsapp:` and other app links) sends the customer out of the browser: a
channel switch, never a dead click. `file:`, `data:`, `chrome:` and the like are
refused, never opened: a browser does not follow them from a website, and the walk must
never read the machine it runs on.

A `javascript:` link on the site's own page is a button made of a link: the site's
script runs in its own page and the click is judged by what it did. The same address in
an e-mail or typed as a page has no page to run in: refused.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

Leads = Literal["web", "script", "refused", "email", "phone", "text", "app"]

_CHANNELS: dict[str, Leads] = {
    "mailto": "email",
    "tel": "phone",
    "callto": "phone",
    "facetime": "phone",
    "facetime-audio": "phone",
    "sip": "phone",
    "sms": "text",
    "mms": "text",
    "imessage": "text",
}
# Schemes of the browser and the machine: never a place a site may send the customer.
_REFUSED = frozenset(
    {
        "file",
        "data",
        "blob",
        "filesystem",
        "about",
        "chrome",
        "chrome-error",
        "chrome-extension",
        "chrome-untrusted",
        "devtools",
        "view-source",
        "edge",
        "brave",
        "opera",
        "resource",
        "moz-extension",
        "ftp",
        "ws",
        "wss",
        "jar",
    }
)
SHOWN_CHARACTERS = 120


def leads_to(href: str) -> Leads:
    """Where following `href` takes the customer; a relative address stays on the
    web.
    """
    scheme = urlsplit(href.strip()).scheme.lower()
    if scheme in ("", "http", "https"):
        return "web"
    if scheme == "javascript":
        return "script"
    if scheme in _REFUSED:
        return "refused"
    return _CHANNELS.get(scheme, "app")


def shown(href: str) -> str:
    """The address as evidence: scheme and place, without its query (a mailto: body, a
    token) and cut short.
    """
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme.lower() in ("data", "javascript"):
        head = (
            href.split(",", 1)[0]
            if parts.scheme.lower() == "data"
            else href.split(":", 1)[0] + ":"
        )
        return head[:SHOWN_CHARACTERS] + "…"
    kept = href.split("?", 1)[0].split("#", 1)[0]
    return kept if len(kept) <= SHOWN_CHARACTERS else kept[:SHOWN_CHARACTERS] + "…"
