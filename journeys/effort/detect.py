"""Detectors: small pure functions from the events of one journey to the frictions in
it.

Each `find_*` reads only what the customer did and met (events), never a site's markup,
so it works on sites it was not tuned to. Every detector is causal: whether an event is
a friction depends only on the events before it, so detecting a journey walked so far
gives a prefix of what the whole journey will give (the walk screenshots frictions as
they appear, relying on this).

Decisions a reader may look for:

- A reply that never came or could not be read (`ReplyReceived.failed`) is an
  `error_seen`: the customer met a failure, whatever the bot would have said.
- A page that is both HTTP >= 400 and an error page is one dead end; an error message
  shown on that same page in the same step is not counted again.
- A dead button retried at once is one dead click; three or more clicks on the same
  target within the rage window are one extra friction (rage clicks). The walk's own
  retries (`Clicked.retry`, its patience with a slow page) are never counted as the
  customer's rage.
- A page the browser could not get (`PageOpened.error`: too many redirects, a refused or
  reset connection, a refresh loop) is one dead end, with the browser's error as
  evidence, and no wait of its own. A link to a scheme a browser does not follow from a
  website (file:, data:, chrome:) is a dead end at the link (`LinkRefused`); a mailto:
  or tel: link is a channel switch (_links.py).
- An overlay that leaves the page unusable until dismissed (a modal cookie wall) is one
  dead end per page it blocks, with its text as evidence.
- A script error is low-weight evidence (a quarter of an `error_seen`), once per page:
  the customer may never notice it; what they see is what the page shows.
- Going back, or leaving a dead end, to a page seen before is recovery, not a loop; a
  loop is coming back by links or buttons to a page seen before with nothing typed,
  sent, changed or reached since.
- Giving up is the abandonment's (see score.py). A goal seeker's give-up is a dead end
  too ("no way forward") only when nothing in its step explains it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from . import _text
from ._barriers import _barriers
from ._contradictions import _contradictions
from ._controls import _unusable_controls, _wrong_defaults
from ._conversation import (
    _bot_loops,
    _channel_switches,
    _handoffs_losing_context,
    _misunderstandings,
)
from ._felt_once import FELT_ONCE_SCANS, felt_once_failure
from ._keyboard import _keyboard_barriers
from ._links import _links_out_of_the_browser
from ._mail import _dead_replies, _duplicates, _promotions_out_of_place
from ._phone import PHONE_SCANS
from ._promises import _mixed_messages
from ._reentry import _reentered_data
from ._waits import wait_limit
from ._walk import Found, _dead_page, _path, _step_ref, _Walk
from .events import (
    Clicked,
    ClickEffect,
    ErrorShown,
    Event,
    FieldFilled,
    GaveUp,
    GoalReached,
    LinkRefused,
    MessageSent,
    OverlayBlocked,
    PageOpened,
    ReplyReceived,
    TicketOpened,
    WentBack,
)
from .frictions import Friction
from .kinds import DEAD_END, ERROR_SEEN, WAIT
from .model import EffortModel

# -- dead_end --------------------------------------------------------------------------


def _dead_ends(walk: _Walk) -> Found:
    model = walk.model
    seen: dict[str, int] = {}  # page -> progress made when it was last shown
    progress = 0  # things done: a revisit with more progress than before is not a loop
    going_back = False
    after_dead_page = False
    last_page = ""
    last_dead_click: tuple[str, str] | None = None
    bursts: dict[tuple[str, str], list[float]] = {}
    blocked: set[tuple[str, str]] = set()  # (overlay, page) already charged
    for index, event in enumerate(walk.events):
        if isinstance(event, PageOpened):
            page = _text.page_key(event.url)
            why = _dead_page(event)
            if why:
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f"Opened {_path(event.url)} and got {why}.",
                        where=event.url,
                        excerpt=event.title or event.text[:160],
                    ),
                )
            elif (
                page in seen
                and seen[page] == progress
                and page != last_page
                and not (going_back or after_dead_page or event.action)
            ):
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f"Came back to {_path(event.url)} by following the site, with"
                        " nothing done since the last visit: a loop.",
                        where=event.url,
                        excerpt=event.title,
                    ),
                )
                seen = {}  # a new round starts here: going round again is a new loop
            if not why:
                seen[page] = progress
            last_page, going_back, after_dead_page, last_dead_click = (
                page,
                False,
                bool(why),
                None,
            )
            # A page that arrived is a new page, even at the same address (Cartridge's
            # checkout steps share one URL): clicks on it are counted afresh, so "Next"
            # on each step is never a burst.
            bursts.clear()
        elif isinstance(event, Clicked):
            going_back = False
            target = (event.target, _text.page_key(event.url))
            if event.effect is ClickEffect.NOTHING:
                if target != last_dead_click:
                    yield (
                        index,
                        walk.friction(
                            DEAD_END,
                            event,
                            f'Clicked "{event.target}" and nothing happened (a dead'
                            " click).",
                            where=event.url,
                            excerpt=event.target,
                        ),
                    )
                last_dead_click = target
            else:
                last_dead_click = None
                progress += event.effect is ClickEffect.CHANGED
            if event.retry:
                continue  # the walk's patience, not the customer's rage
            burst = [
                t
                for t in bursts.get(target, [])
                if event.at_s - t <= model.rage_window_s
            ] + [event.at_s]
            bursts[target] = burst
            if len(burst) >= model.rage_clicks:
                bursts[target] = []
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f'Clicked "{event.target}" {len(burst)} times within'
                        f" {model.rage_window_s:g} s (rage clicks).",
                        where=event.url,
                        excerpt=event.target,
                    ),
                )
        elif isinstance(event, OverlayBlocked):
            key = (event.what, _text.page_key(event.url))
            if key not in blocked:
                blocked.add(key)
                what = f'"{event.target}"' if event.target else "the page"
                yield (
                    index,
                    walk.friction(
                        DEAD_END,
                        event,
                        f"A {event.what} covered {what} on {_path(event.url)} and"
                        " blocked it until dismissed.",
                        where=event.url,
                        excerpt=event.text,
                    ),
                )
        elif isinstance(event, LinkRefused):
            yield (
                index,
                walk.friction(
                    DEAD_END,
                    event,
                    f'"{event.target}" leads to {event.href}, which a browser does not'
                    " open from a website: refused.",
                    where=event.url,
                    excerpt=event.href,
                ),
            )
        elif isinstance(event, WentBack):
            going_back, last_dead_click = True, None
        elif _is_progress(event):
            progress += 1
            going_back, last_dead_click = False, None


def _no_way_forward(walk: _Walk) -> Found:
    """A goal seeker's give-up is a dead end of its own only when nothing in its step
    explains it.

    A dead end, an error on the page or a reply that never came in the same step is the
    cause, charged by its detector; a step's unmet expectation (`cause="expectation"`)
    is the abandonment's finding, not a dead end.
    """
    dead_end_at = [(index, friction.step) for index, friction in _dead_ends(walk)]
    for index, event in enumerate(walk.events):
        if not isinstance(event, GaveUp) or event.cause != "no_way_forward":
            continue
        explained = any(
            i < index and step == event.step for i, step in dead_end_at
        ) or any(_is_failure(e) for e in walk.events[:index] if e.step == event.step)
        if not explained:
            yield (
                index,
                walk.friction(
                    DEAD_END,
                    event,
                    f"Found no way forward to {event.goal}: {event.reason}.",
                    where=event.goal,
                ),
            )


def _is_failure(event: Event) -> bool:
    if isinstance(event, ErrorShown):
        return event.source == "page"
    if isinstance(event, ReplyReceived):
        return bool(event.failed)
    if felt_once_failure(
        event
    ):  # an empty answer, a goal's page without its means (_felt_once.py)
        return True
    return isinstance(event, PageOpened) and bool(_dead_page(event))


def _is_progress(event: Event) -> bool:
    if isinstance(event, FieldFilled):
        return not event.prefilled
    return isinstance(event, (MessageSent, TicketOpened, GoalReached))


# -- wait ------------------------------------------------------------------------------


def _waits(walk: _Walk) -> Found:
    model = walk.model
    for index, event in enumerate(walk.events):
        limit = wait_limit(event, model)
        if (
            isinstance(event, PageOpened)
            and limit is not None
            and event.load_ms > limit.ms
            and not event.error
        ):
            yield (
                index,
                walk.friction(
                    WAIT,
                    event,
                    f"Waited {event.load_ms / 1000:.1f} s for {_path(event.url)} to"
                    f" load (more than {limit.ms / 1000:g} s).",
                    where=event.url,
                    excerpt=event.title,
                ),
            )
        elif (
            isinstance(event, ReplyReceived) and not event.failed and limit is not None
        ):
            limit, who = limit.ms, limit.what
            felt_ms = event.felt_wait_ms(model.time.reading_wpm)
            if felt_ms > limit:
                streamed = (
                    f"; its first words after {event.first_token_ms / 1000:.1f} s, the"
                    f" last after {event.latency_ms / 1000:.1f} s"
                    if 0 < event.first_token_ms < event.latency_ms
                    else ""
                )
                yield (
                    index,
                    walk.friction(
                        WAIT,
                        event,
                        f"Waited {felt_ms / 1000:.1f} s for {who} (more than"
                        f" {limit / 1000:g} s{streamed}).",
                        where=f"{event.channel} ({_step_ref(event)})",
                        excerpt=event.text,
                    ),
                )


# -- error_seen ------------------------------------------------------------------------

# of an error_seen's points: a console error is evidence, not an error the customer read
SCRIPT_ERROR_WEIGHT = 0.25


def _errors_seen(walk: _Walk) -> Found:
    shown: set[tuple[int, str]] = set()
    dead_pages: set[tuple[int, str]] = set()
    script_pages: set[str] = set()
    for index, event in enumerate(walk.events):
        if isinstance(event, PageOpened) and _dead_page(event):
            dead_pages.add((event.step, _text.page_key(event.url)))
        elif isinstance(event, ErrorShown):
            if event.source == "script":
                # Console errors are the site's, but the customer rarely sees them: low
                # weight, once per page.
                page = _text.page_key(event.url)
                if page in script_pages:
                    continue
                script_pages.add(page)
                found = walk.friction(
                    ERROR_SEEN,
                    event,
                    f"A script error on {_path(event.url)}:"
                    f' "{_text.short(event.text, 100)}" (low weight: the page may still'
                    " work).",
                    where=event.url,
                    excerpt=event.text,
                )
                yield (
                    index,
                    replace(found, points=round(found.points * SCRIPT_ERROR_WEIGHT, 2)),
                )
                continue
            key = (event.step, " ".join(event.text.lower().split()))
            on_dead_page = (event.step, _text.page_key(event.url)) in dead_pages
            if key in shown or on_dead_page:
                continue
            shown.add(key)
            yield (
                index,
                walk.friction(
                    ERROR_SEEN,
                    event,
                    f'Met the error "{_text.short(event.text, 100)}"'
                    + (f" on {_path(event.url)}." if event.url else "."),
                    where=event.url,
                    excerpt=event.text,
                ),
            )
        elif isinstance(event, ReplyReceived) and event.failed:
            who = {"bot": "The bot", "agent": "The agent"}.get(event.by, "The service")
            if event.channel == "support":
                who = "The support desk"
            yield (
                index,
                walk.friction(
                    ERROR_SEEN,
                    event,
                    f"{who} did not answer: {event.failed}.",
                    where=f"{event.channel} ({_step_ref(event)})",
                    excerpt=event.failed,
                ),
            )


# -- mixed_message ---------------------------------------------------------------------


# -- public API ------------------------------------------------------------------------

_Scan = Callable[[_Walk], Found]


def find_reentered_data(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """A persona fact given once (any channel) and typed or told again: one friction per
    repeat.
    """
    return [f for _, f in _reentered_data(_Walk(events, model))]


def find_dead_ends(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Error pages, dead clicks, rage clicks, loops back without progress, and no way
    forward.
    """
    walk = _Walk(events, model)
    return [
        f
        for _, f in sorted(
            (*_dead_ends(walk), *_no_way_forward(walk)), key=lambda found: found[0]
        )
    ]


def find_bot_loops(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Bot replies that repeat an earlier one, fall back twice in a row, or leave a
    request for a human unanswered.

    Unanswered follows `handoff_within`'s rule: charged once the N-th turn after the
    request is over.
    """
    return [f for _, f in _bot_loops(_Walk(events, model))]


def find_channel_switches(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Replies that send the customer to another channel to finish ("please call
    us").
    """
    walk = _Walk(events, model)
    found = (*_channel_switches(walk), *_links_out_of_the_browser(walk))
    return [f for _, f in sorted(found, key=lambda item: item[0])]


def find_lost_context(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Each transfer after the first; each person who asks again for what the customer
    gave; restating after a hand-off.
    """
    return [f for _, f in _handoffs_losing_context(_Walk(events, model))]


def find_waits(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Pages, bot replies, agent replies and ticket answers slower than their
    thresholds.
    """
    return [f for _, f in _waits(_Walk(events, model))]


def find_errors_seen(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """Visible error messages and script errors (one per message per step), and replies
    that never came.
    """
    return [f for _, f in _errors_seen(_Walk(events, model))]


def find_mixed_messages(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """A promise (ad, e-mail) that the first page after it does not show, or a later
    e-mail contradicts.
    """
    return [f for _, f in _mixed_messages(_Walk(events, model))]


def find_duplicate_messages(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """E-mails that say what an earlier one said, under another Message-ID (see
    _mail.py).
    """
    return [f for _, f in _duplicates(_Walk(events, model))]


def find_mail_frictions(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[Friction]:
    """The mail channel's: duplicates, promotions out of place, reply paths that go
    nowhere, in order.
    """
    walk = _Walk(events, model)
    found = (*_duplicates(walk), *_promotions_out_of_place(walk), *_dead_replies(walk))
    return [f for _, f in sorted(found, key=lambda item: item[0])]


_SCANS: tuple[_Scan, ...] = (
    _reentered_data,
    _dead_ends,
    _no_way_forward,
    _bot_loops,
    _misunderstandings,
    _channel_switches,
    _links_out_of_the_browser,
    _handoffs_losing_context,
    _waits,
    _errors_seen,
    _mixed_messages,
    _contradictions,
    _wrong_defaults,
    _unusable_controls,
    _keyboard_barriers,
    _duplicates,
    _promotions_out_of_place,
    _dead_replies,
    _barriers,  # a control the customer used failing an accessibility rule
    *PHONE_SCANS,  # the phone line's own (see _phone.py)
    # a page sending the customer elsewhere, an empty answer, a goal's page without its
    # means
    *FELT_ONCE_SCANS,
)


def detect(events: Sequence[Event], model: EffortModel | None = None) -> list[Friction]:
    """Every friction in the journey, in the order the customer met them."""
    return [friction for _, friction in detect_at(events, model)]


def detect_at(
    events: Sequence[Event], model: EffortModel | None = None
) -> list[tuple[int, Friction]]:
    """Every friction with the index of the event that showed it (what came before a
    give-up explains it).
    """
    walk = _Walk(events, model)
    found = [
        (index, order, friction)
        for order, scan in enumerate(_SCANS)
        for index, friction in scan(walk)
    ]
    return [
        (index, friction)
        for index, _, friction in sorted(found, key=lambda item: (item[0], item[1]))
    ]
