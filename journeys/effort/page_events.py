"""What a web page showed that a customer feels once: a notice as it appeared, a goal's page without its means.

Recorded by the web channel (web_observers.py) and the goal seeker; registered with the rest in events.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events import Event, _BoundedText


@dataclass(frozen=True, kw_only=True)
class GoalPageLacked(Event):
    """A page titled like the goal offered none of what the goal needs ("Contact us" with no way to contact)."""

    goal: str
    lacked: str  # what it should have offered, as a customer names it ("phone number, e-mail address or chat")
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class NoticeShown(_BoundedText, Event):
    """A message the page announced as it appeared, not an error (a status live region, a toast, a banner)."""

    text: str
    role: str = ""  # its ARIA role ("status", "alert"), or "" for a toast or banner known by its classes
    url: str = ""


PAGE_EVENTS: tuple[type[Event], ...] = (GoalPageLacked, NoticeShown)
