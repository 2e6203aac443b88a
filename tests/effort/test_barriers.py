"""Accessibility barriers: a rule failed by a control the customer used is effort; the
rest is evidence only.
"""

from __future__ import annotations

from journeys.effort import detect
from journeys.effort._barriers import pages_checked
from journeys.effort.events import (
    BarrierMet,
    Clicked,
    ClickEffect,
    ErrorShown,
    PageChecked,
    event_from_dict,
)

from .build import journey, step, url

ICON = '<a class="button" href="/checkout"><svg aria-hidden="true"></svg></a>'
FAINT_ERROR = '<p class="error" style="color:#f7b">Enter a valid card number</p>'
EMPTY_LINK = '<a href="/sale"></a>'
HELP = "https://dequeuniversity.com/rules/axe/4.12/link-name"


def checked_basket(*, also: tuple[dict, ...] = ()) -> PageChecked:
    return PageChecked(
        url=url("/basket"),
        violations=(
            {
                "rule": "link-name",
                "impact": "serious",
                "level": "A",
                "help": "Links must have discernible text",
                "help_url": HELP,
                "markup": [ICON, EMPTY_LINK],
                "more": 0,
            },
            *also,
        ),
    )


def met_icon(path: str = "/basket") -> BarrierMet:
    return BarrierMet(
        url=url(path),
        act="pressed",
        rule="link-name",
        markup=ICON,
        impact="serious",
        level="A",
        help="Links must have discernible text",
        help_url=HELP,
    )


def test_a_control_used_that_fails_a_rule_is_one_barrier_with_rule_markup_and_help():
    events = journey(
        step(
            'I click "Checkout"',
            checked_basket(),
            met_icon(),
            Clicked(
                target="Checkout", effect=ClickEffect.NAVIGATED, url=url("/basket")
            ),
        )
    )
    frictions = detect(events)
    assert [f.kind for f in frictions] == ["barrier"]
    (barrier,) = frictions
    assert '"link-name"' in barrier.evidence and HELP in barrier.evidence
    assert "WCAG A" in barrier.evidence
    assert barrier.excerpt.startswith('<a class="button"')
    assert barrier.points == 15.0


def test_violations_off_the_path_add_no_points_but_stay_as_evidence():
    events = journey(step("I open the basket", checked_basket()))
    assert detect(events) == []
    (page,) = pages_checked(events)
    (violation,) = page["violations"]
    assert violation["markup"] == [ICON, EMPTY_LINK] and violation["on_path"] == []


def test_the_same_control_failing_on_every_page_is_charged_once():
    events = journey(
        step('I click "Checkout"', checked_basket(), met_icon()),
        step('I click "Checkout"', checked_basket(), met_icon("/basket?again=1")),
    )
    assert [f.kind for f in detect(events)] == ["barrier"]
    first, second = pages_checked(events)
    assert first["violations"][0]["on_path"] == [ICON]


def test_an_error_the_customer_had_to_read_that_fails_contrast_is_a_barrier():
    contrast = {
        "rule": "color-contrast",
        "impact": "serious",
        "level": "AA",
        "help": "Elements must meet minimum color contrast ratio thresholds",
        "help_url": "https://dequeuniversity.com/rules/axe/4.12/color-contrast",
        "markup": [FAINT_ERROR],
        "more": 0,
    }
    events = journey(
        step(
            'I click "Pay"',
            ErrorShown(text="Enter a valid card number", url=url("/basket")),
            checked_basket(also=(contrast,)),
        )
    )
    assert [f.kind for f in detect(events)] == ["error_seen", "barrier"]
    barrier = detect(events)[1]
    assert "the error they had to read" in barrier.evidence
    assert '"color-contrast"' in barrier.evidence and barrier.excerpt == FAINT_ERROR
    on_path = {v["rule"]: v["on_path"] for v in pages_checked(events)[0]["violations"]}
    assert on_path == {"link-name": [], "color-contrast": [FAINT_ERROR]}


def test_an_error_on_a_page_without_violations_is_no_barrier():
    events = journey(
        step(
            'I click "Pay"',
            ErrorShown(text="Enter a valid card number", url=url("/pay")),
            PageChecked(url=url("/pay")),
        )
    )
    assert [f.kind for f in detect(events)] == ["error_seen"]


def test_the_events_survive_the_history_round_trip():
    for event in (checked_basket(), met_icon()):
        assert event_from_dict(event.to_dict()) == event


def test_fields_of_one_page_failing_one_rule_are_one_cause():
    def unlabelled(name: str) -> BarrierMet:
        return BarrierMet(
            url=url("/register"),
            act="filled",
            rule="label",
            markup=f'<input name="{name}">',
            level="A",
            help="Form elements must have labels",
        )

    events = journey(
        step(
            "I fill in the form with my details",
            unlabelled("realname"),
            unlabelled("username"),
            unlabelled("address"),
        )
    )
    (barrier,) = detect(events)
    assert barrier.excerpt == '<input name="realname">'
    assert [v["on_path"] for v in pages_checked(events)] == []


def test_a_page_level_violation_around_the_error_is_not_the_error():
    html = {
        "rule": "html-has-lang",
        "impact": "serious",
        "level": "A",
        "help": "<html> element must have a lang attribute",
        "help_url": "https://dequeuniversity.com/rules/axe/4.12/html-has-lang",
        "markup": [
            "<html><head><title>Tracker</title></head><body><h1>Tracker</h1>"
            "<p>An error has occurred</p><p>Please try again later or write to us.</p>"
        ],
        "more": 0,
    }
    events = journey(
        step(
            "I open the home page",
            ErrorShown(text="An error has occurred", url=url("/tracker/")),
            PageChecked(url=url("/tracker/"), violations=(html,)),
        )
    )
    assert [f.kind for f in detect(events)] == ["error_seen"]
