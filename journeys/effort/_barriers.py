"""Accessibility barriers: axe-core violations between the customer and the goal.

- `barrier`: a control the customer used (the field filled, the button pressed,
  the dialog's close button) fails a WCAG A/AA rule as they use it; or the
  error message they had to read fails one (text too faint to read). The rule,
  the element's markup and axe's help page are the evidence. One cause is
  charged once per journey: a rule on one element, however many pages repeat
  it (the same icon-only button in every header), or a rule on one page,
  however many of its fields fail it (a form labelled only by table cells).

Violations elsewhere on a page cost nothing: they are kept for the report
(`pages_checked`), each marked whether it was on the customer's path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ._walk import Found, _path, _step_ref, _Walk
from .events import BarrierMet, ErrorShown, Event, PageChecked
from .kinds import BARRIER

_TAG = re.compile(r"<[^>]*>")
# An element is the error's own when its text is the message and little more
# (a heading, an icon's text).
MESSAGE_SLACK_CHARS = 40
# An error text shorter than this ("!") is found in too much markup to say which.
MIN_ERROR_CHARS = 4


def _cause(rule: str, markup: str) -> tuple[str, str]:
    return rule, " ".join(markup.split())


def _text_of(markup: str) -> str:
    return " ".join(_TAG.sub(" ", markup).split()).casefold()


def _barriers(walk: _Walk) -> Found:
    charged: set[tuple[str, str]] = set()
    for index, event in enumerate(walk.events):
        if isinstance(event, BarrierMet):
            where = _path(event.url)
            # One cause: one element failing one rule (the same icon in every
            # header), or one rule failed by a page's form (every field of a
            # table-laid form without a label).
            causes = {_cause(event.rule, event.markup), (event.rule, f"page {where}")}
            if causes & charged:
                charged |= causes
                continue
            charged |= causes
            yield (
                index,
                walk.friction(
                    BARRIER,
                    event,
                    f"the control they {event.act} on {where} fails axe-core's "
                    f'"{event.rule}" rule{_level(event.level)}: {event.help} '
                    f"({event.help_url}; {_step_ref(event)})",
                    where=where,
                    excerpt=event.markup,
                ),
            )
    yield from _errors_hard_to_read(walk, charged)


def _errors_hard_to_read(walk: _Walk, charged: set[tuple[str, str]]) -> Found:
    """An error message the customer had to read, failing a rule (mostly contrast)."""
    for index, error, url, violation, markup in _errors_failing(walk.events):
        cause = _cause(violation["rule"], markup)
        if cause in charged:
            continue
        charged.add(cause)
        where = _path(url)
        yield (
            index,
            walk.friction(
                BARRIER,
                error,
                f"the error they had to read on {where} fails axe-core's "
                f'"{violation["rule"]}" rule{_level(violation.get("level", ""))}: '
                f"{violation.get('help', '')} ({violation.get('help_url', '')}; "
                f"{_step_ref(error)})",
                where=where,
                excerpt=markup,
            ),
        )


def _errors_failing(
    events: list[Event],
) -> Iterable[tuple[int, ErrorShown, str, dict[str, Any], str]]:
    """(index, error, page, violation, element): errors whose element fails a rule."""
    checked = [
        (index, event)
        for index, event in enumerate(events)
        if isinstance(event, PageChecked) and event.violations
    ]
    if not checked:
        return
    for index, error in enumerate(events):
        if not isinstance(error, ErrorShown) or error.source != "page":
            continue
        said = " ".join(error.text.split()).casefold()
        if len(said) < MIN_ERROR_CHARS:
            continue
        for seen_at, page in checked:
            if _path(page.url) != _path(error.url or page.url):
                continue
            for violation in page.violations:
                for markup in violation.get("markup", ()):
                    text = _text_of(markup)
                    # the message's own element, not the page around it (<html lang>)
                    if (
                        said in text
                        and len(text) <= len(said) + MESSAGE_SLACK_CHARS
                        and not markup.lstrip().lower().startswith(("<html", "<body"))
                    ):
                        yield max(index, seen_at), error, page.url, violation, markup


def _level(level: str) -> str:
    return f" (WCAG {level})" if level else ""


def pages_checked(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Every page axe-core checked; `on_path`: the elements the customer used or read.

    What the report lists beside the score: the barriers on the path and, apart,
    the violations that cost nothing.
    """
    events = list(events)
    used = {_cause(e.rule, e.markup) for e in events if isinstance(e, BarrierMet)} | {
        _cause(violation["rule"], markup)
        for _, _, _, violation, markup in _errors_failing(events)
    }
    pages = []
    for event in events:
        if not isinstance(event, PageChecked):
            continue
        violations = []
        for violation in event.violations:
            markup = list(violation.get("markup", ()))
            on_path = [m for m in markup if _cause(violation["rule"], m) in used]
            violations.append({**violation, "markup": markup, "on_path": on_path})
        pages.append({"url": event.url, "step": event.step, "violations": violations})
    return pages
