"""Barriers the keyboard walk met (`KeyboardBlocked`): each cause one `barrier`.

- A control Tab never reaches, one Enter or Space does not work, focus held in
  a loop it cannot leave, focus dropped to the page when a dialog closed: each
  is a `barrier`, with the element's markup as evidence (WCAG 2.1.1 Keyboard,
  2.1.2 No Keyboard Trap, 2.4.3 Focus Order).
- One cause, one friction: a cookie wall that traps focus on every page is one
  trap for the journey, charged where the customer first met it; the same
  control out of reach on two visits is one barrier.
- The Tab presses it took to reach each control are no friction: they are the
  customer's time (time.py), where a long tab order shows as seconds.
"""

from __future__ import annotations

from ._walk import Found, _path, _step_ref, _Walk
from .events import KeyboardBlocked
from .kinds import BARRIER

_WCAG = {
    "unreachable": "WCAG 2.1.1 Keyboard",
    "not_operable": "WCAG 2.1.1 Keyboard",
    "focus_trapped": "WCAG 2.1.2 No Keyboard Trap",
    "focus_lost": "WCAG 2.4.3 Focus Order",
}


def _keyboard_barriers(walk: _Walk) -> Found:
    charged: set[tuple[str, str]] = set()
    for index, event in enumerate(walk.events):
        if not isinstance(event, KeyboardBlocked):
            continue
        # A trap is one trap wherever it held the customer; a control is one control
        # on every visit.
        cause_key = (event.cause, event.markup or event.target)
        if cause_key in charged:
            continue
        charged.add(cause_key)
        where = _path(event.url) if event.url else ""
        what = f'"{event.target}" ' if event.target else ""
        yield (
            index,
            walk.friction(
                BARRIER,
                event,
                f"With the keyboard alone, {what}{event.why}"
                + (f" on {where}" if where else "")
                + f" ({_step_ref(event)}; {_WCAG[event.cause]}).",
                where=where,
                excerpt=event.markup,
            ),
        )
