"""Frictions a form's own controls cause: a wrong default the customer corrects, a
control left unusable.

- `wrong_default`: a field the site prefilled with a value that contradicts a fact the
  customer has (a country select on "Afghanistan", another person's e-mail); the
  customer changed it. The default is the evidence. Changing a placeholder ("Select a
  country…") is no correction: the site asked, it did not guess.
- `dead_end`: a control the step needed was there but unusable (a quantity box with no
  label, a disabled or hidden required field); the customer is stopped at it, with its
  markup as evidence. The abandonment that follows is its consequence, never charged
  again.
"""

from __future__ import annotations

from ._walk import Found, _fact_words, _path, _step_ref, _Walk
from .events import ControlUnusable, FieldFilled
from .kinds import DEAD_END, WRONG_DEFAULT


def _wrong_defaults(walk: _Walk) -> Found:
    for index, event in enumerate(walk.events):
        if isinstance(event, FieldFilled) and event.replaced and event.fact:
            where = f'the "{event.label}" field' + (
                f" on {_path(event.url)}" if event.url else ""
            )
            yield (
                index,
                walk.friction(
                    WRONG_DEFAULT,
                    event,
                    f'{where} came set to "{event.replaced}", not their'
                    f' {_fact_words(event.fact)}: they changed it to "{event.value}"'
                    f" ({_step_ref(event)}).",
                    where=where,
                    excerpt=f'prefilled: "{event.replaced}"',
                ),
            )


def _unusable_controls(walk: _Walk) -> Found:
    for index, event in enumerate(walk.events):
        if isinstance(event, ControlUnusable):
            where = _path(event.url) if event.url else ""
            yield (
                index,
                walk.friction(
                    DEAD_END,
                    event,
                    f"the {event.label} {event.why}"
                    + (f" on {where}" if where else "")
                    + f" ({_step_ref(event)})",
                    where=where,
                    excerpt=event.markup,
                ),
            )
