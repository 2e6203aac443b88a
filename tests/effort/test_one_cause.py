"""One cause, one friction; site or harness (issue 10): what stopped a journey is
charged once, by its owner.
"""

from __future__ import annotations

import pytest

from journeys.effort import Outcome, assess, outcome_of, site_failure
from journeys.effort.events import (
    Clicked,
    ErrorShown,
    GaveUp,
    PageOpened,
    ReplyReceived,
    StepFinished,
    StepStarted,
    TicketOpened,
)

from .build import journey, step, url


def page(path, status=200, title="Shop", text="Welcome"):
    return PageOpened(url=url(path), status=status, load_ms=200, title=title, text=text)


CASES = [
    pytest.param(
        [
            step(
                "When the agent replies",
                TicketOpened(subject="Late", text="My parcel is late"),
                ReplyReceived(
                    channel="support",
                    text="",
                    by="agent",
                    latency_ms=30000,
                    failed="no agent reply within 30 s",
                ),
                GaveUp(
                    goal="Report a late parcel",
                    reason="no answer from support",
                    cause="expectation",
                ),
            )
        ],
        [("error_seen", 12.0), ("abandoned", 0.0)],
        id="no agent reply within the timeout is one friction",
    ),
    pytest.param(
        [
            step("open", page("/track")),
            step(
                "Then I should see",
                GaveUp(
                    goal="Track", reason='I never saw "on its way"', cause="expectation"
                ),
            ),
        ],
        [("abandoned", 30.0)],
        id="a wrong expectation is the abandonment alone",
    ),
    pytest.param(
        [
            step(
                "click",
                page("/checkout"),
                Clicked(target="Pay", effect="nothing", url=url("/checkout")),
                Clicked(target="Pay", effect="nothing", url=url("/checkout")),
                GaveUp(
                    goal="Buy", reason='"Pay" did nothing, however often I clicked it'
                ),
            )
        ],
        [("dead_end", 15.0), ("abandoned", 0.0)],
        id="a dead button given up on is one dead end",
    ),
    pytest.param(
        [
            step(
                "seek",
                page("/help"),
                page("/faq"),
                page("/help"),
                GaveUp(goal="talk to a human", reason="no way"),
            )
        ],
        [("dead_end", 15.0), ("abandoned", 0.0)],
        id="a loop given up on is one dead end",
    ),
    pytest.param(
        [
            step(
                "seek",
                page("/help"),
                GaveUp(goal="talk to a human", reason="nothing looks like it"),
            )
        ],
        [("dead_end", 15.0), ("abandoned", 0.0)],
        id="no way forward is the dead end, the abandonment its cap",
    ),
]


@pytest.mark.parametrize(("steps", "charged"), CASES)
def test_one_cause_one_friction(steps, charged):
    events = journey(*steps)
    result = assess(events, outcome=outcome_of(events))
    assert result.outcome is Outcome.ABANDONED and result.score <= 3.0
    assert [(f.kind, f.points) for f in result.frictions] == charged
    assert (
        abs(sum(line.score for line in result.why_not_7) - (7.0 - result.score)) < 1e-9
    )


def _broke_after(*events):
    """A journey whose last step raised our exception after `events`."""
    return [
        StepStarted(step=0, text="When I go on"),
        *[e.__class__(**{**e.__dict__, "step": 0}) for e in events],
        StepFinished(
            step=0, text="When I go on", failed=True, error="Locator.click: Timeout"
        ),
    ]


SITE_OR_HARNESS = [
    pytest.param(
        _broke_after(page("/help/returns", status=404, title="Not found")),
        "/help/returns answered HTTP 404",
        id="after a 404",
    ),
    pytest.param(
        _broke_after(page("/pay", title="Internal Server Error")),
        '/pay showed an error page ("Internal Server Error")',
        id="after an error page",
    ),
    pytest.param(
        _broke_after(
            page("/signup"),
            ErrorShown(text="Something went wrong, try later", url=url("/signup")),
        ),
        'the site showed the error "Something went wrong, try later" on /signup',
        id="after a visible error",
    ),
    pytest.param(
        _broke_after(
            page("/signup"),
            ErrorShown(
                text="TypeError: x is undefined", url=url("/signup"), source="script"
            ),
        ),
        "",
        id="a script error is no site failure",
    ),
    pytest.param(
        _broke_after(page("/help/returns", status=404), page("/help")),
        "",
        id="the customer had left the 404",
    ),
    pytest.param(_broke_after(page("/shop")), "", id="a page that answered normally"),
]


@pytest.mark.parametrize(("events", "failure"), SITE_OR_HARNESS)
def test_site_or_harness(events, failure):
    assert site_failure(events) == failure
    outcome = outcome_of(events, harness_error="TimeoutError: Locator.click")
    assert outcome is (Outcome.ABANDONED if failure else Outcome.BROKEN)
    if failure:
        result = assess(events, outcome=outcome)
        assert (
            result.frictions[-1].kind == "abandoned"
            and failure in result.frictions[-1].evidence
        )
        assert [f.kind for f in result.frictions].count(
            "abandoned"
        ) == 1 and result.score <= 3.0
