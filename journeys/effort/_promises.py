"""mixed_message: what the customer was promised (an ad, an e-mail) against what they
then met.
"""

from __future__ import annotations

from . import _text
from ._walk import Found, _and, _dead_page, _path, _Walk
from .events import MailReceived, PageOpened, PromiseMade
from .kinds import MIXED_MESSAGE


def _mixed_messages(walk: _Walk) -> Found:
    waiting: list[PromiseMade] = []  # promises not yet compared with a page
    kept: list[
        tuple[PromiseMade, set[float]]
    ] = []  # promises with a discount, for later e-mails
    for index, event in enumerate(walk.events):
        if isinstance(event, PromiseMade):
            waiting.append(event)
        elif isinstance(event, PageOpened) and waiting:
            promises, waiting = waiting, []
            page = f"{event.title}\n{event.text}"
            if _dead_page(event) or not page.strip():
                # a dead landing page is a dead end; a page without text cannot be
                # judged
                continue
            for promise in promises:
                figures, words = _text.promise_gaps(promise.text, page)
                salient = len({w.lower() for w in _words(promise.text)})
                if figures or (salient and len(words) * 2 > salient):
                    missing = figures + [w for w in words if w not in figures]
                    yield (
                        index,
                        walk.friction(
                            MIXED_MESSAGE,
                            event,
                            f"The {promise.source} promised"
                            f' "{_text.short(promise.text, 80)}" but'
                            f" {_path(event.url)} "
                            f"does not say {_and(f'“{m}”' for m in missing[:4])}.",
                            where=event.url,
                            excerpt=event.title or event.text[:160],
                        ),
                    )
                discounts = _text.discounts(promise.text)
                if discounts:
                    kept.append((promise, discounts))
        elif isinstance(event, MailReceived) and kept:
            offered = _text.discounts(f"{event.subject}\n{event.text}")
            for promise, promised in list(kept):
                if offered and not offered & promised:
                    kept.remove((promise, promised))
                    yield (
                        index,
                        walk.friction(
                            MIXED_MESSAGE,
                            event,
                            f"The {promise.source} promised"
                            f" {_and(f'{v:g}%' for v in sorted(promised))} off, "
                            f'but the e-mail "{_text.short(event.subject, 60)}" says '
                            f"{_and(f'{v:g}%' for v in sorted(offered))}.",
                            where="mail",
                            excerpt=event.subject,
                        ),
                    )


def _words(text: str) -> list[str]:
    return [w for w in text.split() if _text.content_words(w)]
