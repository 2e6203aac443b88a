"""What a customer reads off the page and keeps, and what they must not meet: questions
over the web channel.

`note_shown_after` and `note_shown_as` read the page's visible text, as the customer
reads it, and keep what they found among the persona's facts: from then on "my order
number" is the number the site gave, in every channel. A noted fact is recorded like any
other fact when the customer gives it, so typing it twice is re-entry to the detectors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from journeys.project.patterns import check_pattern, search

from ..errors import FeatureError, StepDoesNotFit

if TYPE_CHECKING:
    from .web import WebChannel

# What ends a value read after a label: the end of a sentence or of a line, not the dash
# in "SH-123456".
_TRAILING = ".,;:!?)]}\"'»”"
_LEADING = ":#=–—-"


def visible_text(web: WebChannel) -> str:
    """The page's text as the customer sees it (hidden elements left out)."""
    try:
        return web.page.locator("body").inner_text(timeout=web.timeout_ms)
    except PlaywrightError:
        return ""


def value_after(text: str, label: str) -> str:
    """The word the page shows right after `label` ("Your order number is" ->
    "SH-123456"), or "".
    """
    found = re.search(
        re.escape(" ".join(label.split())).replace(r"\ ", r"\s+"), text, re.IGNORECASE
    )
    if not found:
        return ""
    rest = text[found.end() :].lstrip().lstrip(_LEADING).lstrip()
    word = rest.split(maxsplit=1)[0] if rest.split() else ""
    return word.rstrip(_TRAILING)


def value_matching(text: str, pattern: str) -> str:
    """What `pattern` finds in the text (its first group, when it has one), or ""."""
    compiled(
        pattern
    )  # a pattern that cannot be read, or a backtracking trap, is named before it runs
    found = search(pattern, text)  # within a time budget: journeys.project.patterns
    if not found:
        return ""
    return (found.group(1) if found.re.groups else found.group(0)).strip()


def compiled(pattern: str) -> re.Pattern[str]:
    try:
        found = re.compile(pattern)
    except re.error as error:
        raise FeatureError(
            f'"{pattern}"',
            f"is not a pattern I can read ({error})",
            r'write e.g. "SH-\d{6}" or "Ticket (T-\d+)"',
        ) from None
    check_pattern(pattern)
    return found


def note_shown_after(web: WebChannel, thing: str, label: str) -> str:
    """Keep the value the page shows after `label` as my `thing`; the fact's name is
    returned.
    """
    value = _wait_for(web, lambda text: value_after(text, label), label)
    if not value:
        raise StepDoesNotFit(f'there is no {thing} after "{label}" on {web.page.url}')
    return web.persona.note(thing, value)


def note_shown_as(web: WebChannel, thing: str, pattern: str) -> str:
    """Keep what the page shows matching `pattern` as my `thing`; the fact's name is
    returned.
    """
    value = _wait_for(
        web, lambda text: value_matching(text, pattern), compiled(pattern)
    )
    if not value:
        raise StepDoesNotFit(
            f'there is no {thing} shown as "{pattern}" on {web.page.url}'
        )
    return web.persona.note(thing, value)


def does_not_see(web: WebChannel, text: str) -> bool:
    """Whether the page, once loaded, shows no visible `text` (absence cannot be waited
    for: checked as it is).
    """
    try:
        web.page.wait_for_load_state("load")
        return web.page.get_by_text(text).filter(visible=True).count() == 0
    except PlaywrightError:
        return True


def _wait_for(web: WebChannel, read, label: str | re.Pattern[str]) -> str:  # noqa: ANN001 - text -> value
    """Read the value; when the page does not show it yet, wait as a customer would for
    `label` to appear, once.
    """
    value = read(visible_text(web))
    if value:
        return value
    try:
        web.page.get_by_text(label).first.wait_for(
            state="visible", timeout=web.timeout_ms
        )
    except PlaywrightTimeout:
        return ""
    return read(visible_text(web))
