"""Links that send the customer out of the browser: a channel switch naming where they
go.

A `mailto:` "Contact us" is no dead click: the site sent the customer to write an e-mail
(a `tel:` link, to call; `sms:`, to text; `whatsapp:` and other app links, to an app) to
finish what they came to do on the web. One switch per place sent to: the same mailto:
followed again is no second switch.
"""

from __future__ import annotations

from ._walk import Found, _path, _Walk
from .events import SentElsewhere
from .kinds import CHANNEL_SWITCH

_TO = {
    "email": "to write an e-mail",
    "phone": "to phone",
    "text": "to send a text message",
    "app": "to another app",
}


def _links_out_of_the_browser(walk: _Walk) -> Found:
    sent: set[str] = set()
    for index, event in enumerate(walk.events):
        if not isinstance(event, SentElsewhere) or event.href in sent:
            continue
        sent.add(event.href)
        yield (
            index,
            walk.friction(
                CHANNEL_SWITCH,
                event,
                f'"{event.target}"{f" on {_path(event.url)}" if event.url else ""}'
                f" opens {event.href} instead of a page: "
                f"the site sent the customer {_TO.get(event.to, 'out of the browser')}"
                " to finish.",
                where=event.url,
                excerpt=event.href,
            ),
        )
