"""A form's own frictions: a wrong default the customer corrects, a control the site
left unusable.
"""

from __future__ import annotations

from journeys.effort import detect
from journeys.effort._outcome import outcome_of
from journeys.effort.events import ControlUnusable, FieldFilled, GaveUp, event_from_dict
from journeys.effort.kinds import friction_kinds
from journeys.effort.result import Outcome

from .build import journey, step, url


def test_a_default_contradicting_a_fact_is_one_wrong_default_with_it_as_evidence():
    events = journey(
        step(
            "I fill in the form with my details",
            FieldFilled(
                label="Country",
                fact="country",
                value="United Kingdom",
                control="select",
                replaced="Afghanistan",
                url=url("/checkout"),
            ),
            FieldFilled(
                label="E-mail",
                fact="email",
                value="ann@example.com",
                url=url("/checkout"),
            ),
        ),
    )
    (friction,) = detect(events)
    assert (
        friction.kind == "wrong_default"
        and friction.points == friction_kinds["wrong_default"].points
    )
    assert (
        friction.evidence
        == 'the "Country" field on /checkout came set to "Afghanistan", not their'
        ' country: they changed it to "United Kingdom" (step 1).'
    )


def test_a_placeholder_chosen_away_or_a_default_kept_is_no_friction():
    events = journey(
        step(
            "I fill in the form with my details",
            FieldFilled(
                label="Country",
                fact="country",
                value="United Kingdom",
                control="select",
                url=url("/checkout"),
            ),
            FieldFilled(
                label="E-mail",
                fact="email",
                value="ann@example.com",
                prefilled=True,
                url=url("/checkout"),
            ),
        ),
    )
    assert detect(events) == []


def test_an_unusable_control_is_one_dead_end_at_it_and_the_journey_is_the_customer_s():
    events = journey(
        step(
            'I fill in "Quantity" with "2"',
            ControlUnusable(
                label='"Quantity" box',
                why="has no label",
                markup='<input name="qty" type="number">',
                url=url("/shop/plug"),
            ),
            GaveUp(
                goal="Buy", reason="the quantity box has no label", cause="expectation"
            ),
        ),
    )
    kinds = [f.kind for f in detect(events)]
    assert kinds == ["dead_end"]
    (dead,) = [f for f in detect(events) if f.kind == "dead_end"]
    assert (
        dead.evidence == 'the "Quantity" box has no label on /shop/plug (step 1)'
        and "qty" in dead.excerpt
    )
    assert outcome_of(events) is Outcome.ABANDONED


def test_the_new_event_and_attribute_survive_the_history():
    unusable = ControlUnusable(
        label="Quantity", why="is disabled", markup="<input disabled>"
    )
    assert event_from_dict(unusable.to_dict()) == unusable
    filled = FieldFilled(
        label="Country", fact="country", value="United Kingdom", replaced="Afghanistan"
    )
    assert event_from_dict(filled.to_dict()) == filled
