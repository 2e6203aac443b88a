"""The keyboard walk: one barrier per cause per journey, a keystroke per Tab press."""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort.events import (
    Clicked,
    FieldFilled,
    KeyboardBlocked,
    PageOpened,
    Tabbed,
)
from journeys.effort.time import operators

from .build import journey, step, url

TRAP = '<div role="region" aria-label="Cookies">We use cookies</div>'


def _blocked(cause: str, target: str = "Continue", markup: str = "<div>x</div>"):
    return KeyboardBlocked(
        cause=cause, target=target, why="is out of reach", markup=markup, url=url("/a")
    )


@pytest.mark.parametrize(
    ("events", "barriers"),
    [
        ([_blocked("unreachable")], 1),
        ([_blocked("not_operable")], 1),
        ([_blocked("focus_lost", target="Yes")], 1),
        # one trap on every page the customer opened is one cause
        ([_blocked("focus_trapped", markup=TRAP)] * 3, 1),
        # the same control out of reach twice is one barrier; another control is another
        ([_blocked("unreachable"), _blocked("unreachable")], 1),
        ([_blocked("unreachable"), _blocked("unreachable", "Pay", "<div>p</div>")], 2),
        # a trap and the control it kept out of reach are two causes
        ([_blocked("focus_trapped", markup=TRAP), _blocked("unreachable")], 2),
        # Tab presses alone are time, never a friction
        ([Tabbed(target="Continue", presses=40)], 0),
    ],
)
def test_each_keyboard_cause_is_one_barrier(events, barriers):
    found = detect(journey(*(step(f"step {i}", e) for i, e in enumerate(events))))
    assert [f.kind for f in found] == ["barrier"] * barriers


def test_a_barrier_names_the_control_the_wcag_criterion_and_its_markup():
    [found] = detect(
        journey(step("pay", _blocked("unreachable", "Pay", "<div>Pay</div>")))
    )
    assert found.evidence.startswith(
        'With the keyboard alone, "Pay" is out of reach on /a'
    )
    assert "WCAG 2.1.1 Keyboard" in found.evidence
    assert found.excerpt == "<div>Pay</div>" and found.points == 15


def names(ops) -> str:  # noqa: ANN001
    return " ".join(op.name for op in ops)


def test_a_tab_press_is_a_keystroke_and_a_key_works_the_control_instead_of_pointing():
    events = journey(
        step("open", PageOpened(url=url("/"), status=200, load_ms=0, action=True)),
        step(
            "click",
            Tabbed(target="Checkout", presses=3),
            Clicked(target="Checkout", effect="navigated"),
        ),
        step(
            "pick",
            Tabbed(target="Country", presses=1),
            FieldFilled(label="Country", value="France", control="select"),
        ),
        step(
            "type",
            Tabbed(target="E-mail", presses=2),
            FieldFilled(label="E-mail", value="ada@example.com", characters=15),
        ),
    )
    # The ad's click; then H to the keyboard, one M for finding each control (Rule 2),
    # a K a press, Enter or an arrow on the control; typing's own M before its first
    # character.
    assert names(operators(events)) == " ".join(
        ["M P K", "H M K K K K", "M K K", "M K K M" + " K" * 15]
    )
