"""The score: monotone, 1..7, smooth journeys >= 6, frictions visible, abandoned <= 3,
why-not-7 exact.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.effort import EffortModel, assess, detect, outcome_of
from journeys.effort.events import (
    Clicked,
    Dismissed,
    ErrorShown,
    Event,
    FieldFilled,
    GaveUp,
    GoalReached,
    MailReceived,
    MessageSent,
    PageOpened,
    PromiseMade,
    ReplyReceived,
    StepStarted,
    TicketOpened,
    WentBack,
)
from journeys.effort.facts import FACT_PHRASES
from journeys.effort.score import score_for

from .build import journey, step, url

FACTS = sorted(FACT_PHRASES)
PATHS = ["/", "/shop", "/help", "/faq", "/cart", "/gone"]
WORDS = [
    "Please call us.",
    "Sorry, I did not understand.",
    "Could you give me your order number?",
    "Done!",
    "Refunds take 5 days.",
]

events_one = st.one_of(
    st.builds(
        PageOpened,
        url=st.sampled_from(PATHS).map(url),
        status=st.sampled_from([200, 200, 200, 404, 500]),
        load_ms=st.sampled_from([200.0, 5000.0]),
        title=st.sampled_from(["Shop", "Page not found", "20% off"]),
        text=st.sampled_from(["", "Welcome to the shop", "Something"]),
        action=st.booleans(),
    ),
    st.builds(
        Clicked,
        target=st.sampled_from(["Pay", "Help", "Next"]),
        effect=st.sampled_from(["navigated", "changed", "nothing"]),
        url=st.sampled_from(PATHS).map(url),
    ),
    st.builds(
        FieldFilled,
        label=st.sampled_from(["E-mail", "Name", "Voucher"]),
        fact=st.sampled_from([None, *FACTS]),
        prefilled=st.booleans(),
    ),
    st.builds(
        MessageSent,
        channel=st.sampled_from(["chat", "support"]),
        text=st.sampled_from(["hi", "my parcel never arrived here"]),
        facts=st.lists(st.sampled_from(FACTS), max_size=2, unique=True).map(tuple),
        asked_for_human=st.booleans(),
    ),
    st.builds(
        ReplyReceived,
        channel=st.sampled_from(["chat", "support"]),
        text=st.sampled_from(WORDS),
        by=st.sampled_from(["bot", "agent", "system"]),
        latency_ms=st.sampled_from([100.0, 99000.0]),
        fallback=st.booleans(),
        handoff=st.booleans(),
        failed=st.sampled_from(["", "", "timeout"]),
    ),
    st.builds(
        TicketOpened,
        subject=st.just("Late"),
        text=st.just("It is late"),
        facts=st.lists(st.sampled_from(FACTS), max_size=2, unique=True).map(tuple),
    ),
    st.builds(
        ErrorShown,
        text=st.sampled_from(["Card declined", "Oops"]),
        source=st.sampled_from(["page", "script"]),
    ),
    st.builds(
        PromiseMade,
        source=st.just("ad"),
        text=st.sampled_from(["20% off all trainers", "Free delivery"]),
    ),
    st.builds(
        MailReceived,
        subject=st.just("Order"),
        text=st.sampled_from(["You saved 10% off", "Thanks"]),
    ),
    st.builds(WentBack, url=st.sampled_from(PATHS).map(url)),
    st.builds(Dismissed, what=st.just("Cookies")),
    st.builds(GoalReached, goal=st.just("help"), hops=st.integers(0, 6)),
    st.builds(GaveUp, goal=st.just("help"), reason=st.just("no link")),
    st.builds(
        StepStarted,
        text=st.just("When I do something"),
        moment_that_matters=st.booleans(),
    ),
)


@st.composite
def walks(draw, max_size: int = 30) -> list[Event]:
    """Any journey: events stamped like the ledger does (step from the last StepStarted,
    time moving on).
    """
    stamped: list[Event] = []
    step_index, clock = -1, 0.0
    for event in draw(st.lists(events_one, max_size=max_size)):
        clock += draw(st.sampled_from([0.1, 0.3, 2.0]))
        if isinstance(event, StepStarted):
            step_index += 1
        stamped.append(
            dataclasses.replace(event, step=step_index, at_s=round(clock, 3))
        )
    return stamped


def _next(events: list[Event], event: Event) -> Event:
    last = events[-1] if events else None
    step_index = (last.step if last else -1) + isinstance(event, StepStarted)
    return dataclasses.replace(
        event, step=step_index, at_s=(last.at_s if last else 0.0) + 0.2
    )


def _assess(events: list[Event]):
    return assess(events, EffortModel(), outcome=outcome_of(events))


FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(walks(), events_one)
def test_adding_an_event_never_raises_the_score(events, extra):
    before, after = _assess(events), _assess([*events, _next(events, extra)])
    assert after.score <= before.score
    assert after.points >= before.points


@FAST
@given(walks())
def test_frictions_of_a_journey_so_far_are_a_prefix_of_the_whole(events):
    whole = detect(events)
    for cut in range(0, len(events) + 1, 3):
        so_far = detect(events[:cut])
        assert whole[: len(so_far)] == so_far


@FAST
@given(walks())
def test_score_range_and_why_not_7_adds_up_exactly(events):
    result = _assess(events)
    assert 1.0 <= result.score <= 7.0 and round(result.score, 1) == result.score
    lost = [line.score for line in result.why_not_7]
    assert all(x >= 0 for x in lost)
    assert sum(round(x * 100) for x in lost) == round((7.0 - result.score) * 100)
    assert abs(sum(lost) - (7.0 - result.score)) < 1e-9
    assert len(result.why_not_7) == len(result.frictions) + (1 if result.steps else 0)


@FAST
@given(walks())
def test_an_abandoned_journey_scores_at_most_3(events):
    gave_up = [*events, _next(events, GaveUp(goal="help", reason="no way"))]
    result = _assess(gave_up)
    assert result.outcome == "abandoned" and result.score <= 3.0
    assert "abandoned" in [f.kind for f in result.frictions]
    assert assess(events, outcome="abandoned").score <= 3.0


@st.composite
def smooth_walks(draw) -> list[Event]:
    """Up to 15 customer actions that cost nothing more than themselves, some in a
    moment that matters.
    """
    kinds = draw(
        st.lists(
            st.sampled_from(["click", "fill", "say", "dismiss", "open"]), max_size=15
        )
    )
    moment = draw(st.booleans())
    facts = iter(f for f in FACTS if f not in ("email", "phone"))
    events: list[Event] = []
    for number, kind in enumerate(kinds):
        if kind == "click":
            event: Event = Clicked(
                target=f"Button {number}", effect="changed", url=url("/shop")
            )
        elif kind == "fill":
            event = FieldFilled(label=f"Field {number}", fact=next(facts, None))
        elif kind == "say":
            event = MessageSent(channel="chat", text="hello")
        elif kind == "dismiss":
            event = Dismissed(what="Cookies")
        else:
            event = PageOpened(
                url=url(f"/page{number}"), status=200, load_ms=100, action=True
            )
        events.append(event)
    return journey(step("When I walk", *events, moment=moment))


@FAST
@given(smooth_walks())
def test_a_smooth_journey_of_normal_length_scores_6_or_more(events):
    assert detect(events) == []
    assert _assess(events).score >= 6.0


# One friction, and the same customer actions without it.
FRICTIONS = {
    "re-entry": (
        [
            FieldFilled(label="E-mail", fact="email"),
            FieldFilled(label="Your e-mail", fact="email"),
        ],
        [
            FieldFilled(label="E-mail", fact="email"),
            FieldFilled(label="Phone", fact="phone"),
        ],
    ),
    "bot loop": (
        [
            MessageSent(channel="chat", text="where is my parcel"),
            ReplyReceived(
                channel="chat", text="You can track parcels on our tracking page."
            ),
            MessageSent(channel="chat", text="it says nothing"),
            ReplyReceived(
                channel="chat", text="You can track your parcel on our tracking page."
            ),
        ],
        [
            MessageSent(channel="chat", text="asdf"),
            ReplyReceived(channel="chat", text="Refunds take five days."),
            MessageSent(channel="chat", text="qwer"),
            ReplyReceived(channel="chat", text="Delivery is free over £20."),
        ],
    ),
    "dead end": ([PageOpened(url=url("/gone"), status=404, load_ms=100)], []),
}


def _then(events: list[Event], more: list[Event]) -> list[Event]:
    out = list(events)
    for event in more:
        out.append(_next(out, event))
    return out


@FAST
@given(smooth_walks(), st.sampled_from(sorted(FRICTIONS)))
def test_one_friction_lowers_a_smooth_journey_visibly(events, name):
    bad, good = FRICTIONS[name]
    with_friction, without = _then(events, bad), _then(events, good)
    assert len(detect(with_friction)) == 1 and detect(without) == []
    assert _assess(without).score - _assess(with_friction).score >= 0.4


@given(st.floats(0, 2000), st.floats(0, 500))
def test_the_curve_is_monotone(points, more):
    assert score_for(points + more) <= score_for(points)
    assert 1.0 < score_for(points) <= 7.0


@pytest.mark.parametrize(
    "points, score",
    [(0, 7.0), (15, 6.5), (22.5, 6.2), (75, 4.0), (150, 2.6), (1000, 1.1)],
    ids=[
        "nothing",
        "15 steps",
        "15 steps in a moment that matters",
        "neutral",
        "double",
        "terrible",
    ],
)
def test_anchors_of_the_curve(points, score):
    assert round(score_for(points), 1) == score


def test_an_assessment_explained():
    events = journey(
        step(
            'When I open the page "/gone"',
            PageOpened(url=url("/gone"), status=404, load_ms=100, action=True),
        ),
        step(
            'When I fill in "E-mail" with my e-mail',
            FieldFilled(label="E-mail", fact="email"),
        ),
        step(
            'When I fill in "Email" with my e-mail',
            FieldFilled(label="Email", fact="email"),
        ),
    )
    result = _assess(events)
    assert (result.steps, result.points, result.outcome) == (3, 33.0, "completed")
    assert result.score == 5.6
    assert [(line.kind, line.score) for line in result.why_not_7] == [
        ("dead_end", 0.64),
        ("reentered_data", 0.63),
        ("step", 0.13),
    ]
    assert result.why_not_7[-1].what == "3 customer actions"


def test_outcomes():
    assert outcome_of([]) == "completed"
    assert outcome_of([GaveUp(goal="g", reason="r")]) == "abandoned"
    assert (
        outcome_of(
            [GaveUp(goal="g", reason="r")], harness_error="TimeoutError: page.goto"
        )
        == "broken"
    )


def test_a_broken_journey_is_still_assessed_but_marked():
    events = journey(step("s", GaveUp(goal="help", reason="no link")))
    result = assess(events, outcome="broken")
    assert result.outcome == "broken" and [f.kind for f in result.frictions] == [
        "dead_end"
    ]


def test_moments_that_matter_weigh_steps_more():
    plain = _assess(journey(step("s", Dismissed(what="a"), Dismissed(what="b"))))
    moment = _assess(
        journey(step("s", Dismissed(what="a"), Dismissed(what="b"), moment=True))
    )
    assert (plain.points, moment.points) == (2.0, 3.0)
    assert moment.why_not_7[0].what == "2 customer actions (2 in a moment that matters)"
