"""What the page observer saw, described as events: errors (transient) and notices, once
each.
"""

from __future__ import annotations

import pytest

from journeys.effort.events import ErrorShown, NoticeShown
from journeys.shopper.web_observers import announces, is_error, notice_events

URL = "http://shop.test/order"


def _notice(
    text: str,
    *,
    role: str = "",
    classes: str = "",
    shown: bool = False,
    late: bool = True,
) -> dict:
    return {
        "text": text,
        "role": role,
        "classes": classes,
        "shown": shown,
        "late": late,
    }


@pytest.mark.parametrize(
    "notice",
    [
        _notice(
            "Something went wrong, please try again.",
            role="alert",
            classes="toast text-bg-danger",
        ),
        _notice("Payment failed", role="status", classes="toast"),
        _notice(
            "We could not check your address.", classes="usa-alert usa-alert--error"
        ),
        _notice("Your session has a problem", classes="mdc-snackbar"),
        _notice("Card declined", role="alert"),
    ],
)
def test_errors_are_known_by_role_classes_or_words(notice):
    assert is_error(notice)


@pytest.mark.parametrize(
    "notice",
    [
        _notice("Order placed.", role="status", classes="toast text-bg-success"),
        _notice(
            "Your plan has been cancelled",
            role="alert",
            classes="govuk-notification-banner govuk-notification-banner--success",
        ),
        _notice("Added to basket", role="alert"),
        _notice(
            "No results found", role="status"
        ),  # an empty answer, a dead end of its own, not an error
        _notice("3 results available.", role="status"),
    ],
)
def test_success_statuses_and_empty_answers_are_no_errors(notice):
    assert not is_error(notice)


def test_a_toast_that_went_is_a_transient_error_and_an_announced_error_to_retry():
    events, appeared = notice_events(
        [
            _notice(
                "Something went wrong, please try again.", role="alert", classes="toast"
            )
        ],
        [],
        URL,
    )
    assert events == [
        ErrorShown(
            text="Something went wrong, please try again.", url=URL, transient=True
        )
    ]
    assert appeared == {"Something went wrong, please try again."}


def test_an_error_still_on_show_is_left_to_the_look_and_marked_only_when_it_was_announced_after_loading():
    on_show = _notice(
        "Something went wrong, please try again.",
        role="alert",
        classes="toast",
        shown=True,
    )
    events, appeared = notice_events(
        [on_show], ["Something went wrong, please try again."], URL
    )
    assert events == [] and appeared == {"Something went wrong, please try again."}
    events, appeared = notice_events(
        [{**on_show, "late": False}], ["Something went wrong, please try again."], URL
    )
    assert events == [] and appeared == set()


def test_a_field_message_as_the_page_came_is_the_look_s_and_a_gone_one_is_no_reason_to_retry():
    as_it_came = _notice(
        "Please correct the errors below.",
        classes="errorlist nonfield",
        shown=True,
        late=False,
    )
    assert notice_events([as_it_came], ["Enter a real postcode"], URL) == ([], set())
    gone = _notice("Enter a valid ZIP code.", classes="invalid-feedback")
    events, appeared = notice_events([gone], [], URL)
    assert (
        [type(e) for e in events] == [ErrorShown]
        and events[0].transient
        and appeared == set()
    )
    assert not announces(gone)


def test_other_notices_are_recorded_as_notices():
    events, _ = notice_events([_notice("No results found", role="status")], [], URL)
    assert events == [NoticeShown(text="No results found", role="status", url=URL)]
