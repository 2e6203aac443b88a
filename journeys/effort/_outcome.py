"""How a journey ended, decided from its events: completed, abandoned (the customer's)
or broken (ours).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _text
from ._walk import _path
from .events import ErrorShown, Event, GaveUp, PageOpened, ReplyReceived, StepFinished
from .result import Outcome


def site_failure(events: Sequence[Event]) -> str:
    """What the site did that stopped the customer ("/help/returns answered HTTP 404"),
    or "" if it answered normally.

    Looks at the events up to the first failed step: the last page opened (its status,
    or error-page wording), a visible error on that page, a reply that never came in the
    failing step.
    """
    failed_at = next(
        (i for i, e in enumerate(events) if isinstance(e, StepFinished) and e.failed),
        len(events) - 1,
    )
    before = events[: failed_at + 1]
    failing_step = before[-1].step if before else -1
    page: PageOpened | None = None
    shown: ErrorShown | None = None
    unanswered: ReplyReceived | None = None
    for event in before:
        if isinstance(event, PageOpened):
            page, shown = event, None
        elif isinstance(event, ErrorShown) and event.source == "page":
            if (
                page is None
                or not event.url
                or _text.page_key(event.url) == _text.page_key(page.url)
            ):
                shown = event
        elif (
            isinstance(event, ReplyReceived)
            and event.failed
            and event.step == failing_step
        ):
            unanswered = event
    if page is not None and page.status >= 400:
        return f"{_path(page.url)} answered HTTP {page.status}"
    if page is not None and not page.complete:
        return (
            f"{_path(page.url)} never finished loading (waited"
            f" {page.load_ms / 1000:.0f} s)"
        )
    if page is not None:
        wording = _text.error_page_wording(page.title, page.text)
        if wording:
            return (
                f'{_path(page.url)} showed an error page ("{_text.short(wording, 60)}")'
            )
    if shown is not None:
        where = f" on {_path(page.url)}" if page is not None else ""
        return f'the site showed the error "{_text.short(shown.text, 80)}"{where}'
    if unanswered is not None:
        who = (
            "the support desk"
            if unanswered.channel == "support"
            else f"the {unanswered.channel}"
        )
        return f"{who} did not answer ({unanswered.failed})"
    return ""


def outcome_of(events: Sequence[Event], *, harness_error: str = "") -> Outcome:
    """Broken only when we failed on a site that answered normally; a stop after the
    site failed is abandoned.
    """
    if harness_error:
        return Outcome.ABANDONED if site_failure(events) else Outcome.BROKEN
    return (
        Outcome.ABANDONED
        if any(isinstance(e, GaveUp) for e in events)
        else Outcome.COMPLETED
    )
