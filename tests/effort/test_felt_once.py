"""Felt once on a page: a sentence that sends the customer to the phone, an empty
answer, a goal's page without its means, and a toast that went (an error seen once).
"""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort._felt_once import empty_answer, page_switch
from journeys.effort._text import phone_numbers
from journeys.effort.events import (
    ErrorShown,
    GaveUp,
    GoalPageLacked,
    GoalReached,
    NoticeShown,
    PageOpened,
)

from .build import journey, step, url


@pytest.mark.parametrize(
    ("main", "kind"),
    [
        ("To cancel, please call 0800 000 0000.", "phone"),
        ("To cancel your plan, please call 0800 000 0000.", "phone"),
        (
            "If you want to close your account, write to us at help@shop.example.",
            "email",
        ),
        ("Please call us on 0330 123 4567 to cancel your order.", "phone"),
        ("Cancellations can only be made by phone.", "phone"),
        ("For cancellations, visit one of our stores.", "store"),
        ("To change your address, ring (555) 123-4567.", "phone"),
        (
            "To stop your direct debit, call +44 (0)20 7946 0000 between 9 and 5.",
            "phone",
        ),
        (
            (
                "We have sent you an email to sam@example.org so you can activate your"
                " account!"
            ),
            "mailbox",
        ),
        ("We've emailed you instructions for setting your password.", "mailbox"),
        (
            (
                "We’ve emailed you instructions for setting your password, if an"
                " account exists with the email you entered."
            ),
            "mailbox",
        ),
        ("You will shortly receive an email to confirm your registration.", "mailbox"),
    ],
)
def test_a_sentence_that_sends_the_customer_elsewhere_to_do_something_is_read(
    main, kind
):
    found = page_switch(f"Cancel your plan\n{main}\nWe are sorry to see you go.")
    assert found is not None and found[0] == kind and found[1] == main


@pytest.mark.parametrize(
    "main",
    [
        "Call us: 0800 123 4567",  # contact details, no task
        (
            "Call us on 0330 123 4567, Monday to Friday 8am to 6pm, or write to"
            " help@northwind.example."
        ),
        # contacting is the task: the number is the means
        "To speak to an adviser, call 0800 123 4567.",
        "If you have any questions, call us on 0800 123 4567.",
        "Fixed 12, £92 a month. Call us: 0800 123 4567 if you have any questions.",
        "You can cancel online below. There is no need to call us.",
        "To cancel, use the form below.",
        "We will call you to confirm your cancellation.",
        "Order 12345678 was cancelled on 2026-12-07.",
        # done: nothing waits in the mailbox
        "Thank you! We've sent your receipt to sam@example.org.",
        "We have sent a confirmation e-mail to you.",
        "We will e-mail you the date.",
    ],
)
def test_contact_details_and_the_site_s_own_way_send_no_one_elsewhere(main):
    assert page_switch(main) is None


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("0800 000 0000", "UK freephone"),
        ("020 7946 0000", "UK London"),
        ("+44 (0)20 7946 0000", "UK international with (0)"),
        ("(555) 123-4567", "US"),
        ("1-800-555-0199", "US toll-free"),
        ("01 23 45 67 89", "France"),
        ("030/1234567", "Germany"),
        ("+49 30 1234567", "Germany international"),
    ],
)
def test_phone_numbers_are_read_in_the_common_national_formats(number, text):
    assert phone_numbers(f"Our line ({text}): {number}.") == [number]


@pytest.mark.parametrize(
    "text", ["on 2026-12-07", "order 12345678", "£1,299.00", "12/03/2026"]
)
def test_dates_figures_and_order_numbers_are_no_phone_numbers(text):
    assert phone_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "0 results for “restart my router”",
        "No results found",
        "Sorry, no results",
        "We couldn't find anything for your search",
        "No matches for your search.",
        "Your search returned no results.",
        "Nothing found",
    ],
)
def test_the_common_wordings_of_an_empty_answer_are_read(text):
    assert empty_answer(f"Search the help\n{text}\nContact us") != ""


@pytest.mark.parametrize(
    "text",
    [
        "3 results for “bill”",
        'If you see "No results", try other words.',
        "No payment is due.",
        "Showing 12 products",
        "No results? Try other words.",
        # a shop's basket on every page (Cartridge), not an answer to a search
        "0 items in cart: £0.00",
        "Your basket: 0 items",
    ],
)
def test_results_and_a_mention_of_the_wording_are_no_empty_answer(text):
    assert empty_answer(text) == ""


def _page(path: str, main: str, **kw) -> PageOpened:
    return PageOpened(
        url=url(path),
        status=200,
        load_ms=100,
        text=f"Northwind\n{main}\nCall us: 0800 123 4567",
        main=main,
        **kw,
    )


def test_a_page_sending_the_customer_to_the_phone_is_one_channel_switch():
    banner = (
        "Important\nTo cancel your plan, please call 0800 000 0000.\nCancel your plan"
    )
    events = journey(
        step(
            'I look for a way to "cancel"',
            _page("/plan", "Your plan"),
            _page("/cancel", banner),
            _page("/plan", "Your plan"),
            _page("/cancel", banner),
            GoalReached(goal="cancel my order", hops=1),
        ),
    )
    switches = [f for f in detect(events) if f.kind == "channel_switch"]
    # Seen again on the way back: the same sentence, no new switch.
    assert len(switches) == 1, switches
    assert (
        switches[0].evidence
        == '/cancel sent the customer to phone to finish: "To cancel your plan, please'
        ' call 0800 000 0000."'
    )


def test_a_footer_s_phone_number_on_every_page_is_no_switch():
    events = journey(
        step(
            'I open the page "/"',
            _page("/", "Welcome"),
            _page("/help", "Help and support"),
        )
    )
    assert detect(events) == []


def test_an_empty_answer_is_one_dead_end_even_when_the_goal_is_then_reached():
    events = journey(
        step(
            'I click "Search"',
            _page(
                "/search?q=router", "Search the help\n0 results for “restart my router”"
            ),
        ),
        step(
            'I look for a way to "talk to a human"',
            _page("/contact", "Contact us\nCall 0330 123 4567"),
            GoalReached(goal="talk to a human", hops=1),
        ),
    )
    (dead,) = detect(events)
    assert (
        dead.kind == "dead_end"
        and dead.evidence
        == '/search answered with nothing: "0 results for “restart my router”".'
    )


def test_an_empty_answer_in_a_live_region_is_a_dead_end_once_per_page():
    events = journey(
        step(
            'I fill in "Search" with "router"',
            NoticeShown(text="No results found.", role="status", url=url("/help")),
            NoticeShown(text="No results found.", role="status", url=url("/help")),
        ),
    )
    assert [f.kind for f in detect(events)] == ["dead_end"]


def test_a_goal_s_page_without_its_means_is_one_dead_end_and_explains_the_give_up():
    lacked = (
        "phone number, e-mail address, contact form (a message box and a button to send"
        " it) or chat"
    )
    events = journey(
        step(
            'I look for a way to "talk to a human"',
            _page("/contact", "Contact us\nCheck our FAQs"),
            GoalPageLacked(goal="talk to a human", lacked=lacked, url=url("/contact")),
            _page("/faq", "FAQ"),
            _page("/contact", "Contact us\nCheck our FAQs"),
            GoalPageLacked(goal="talk to a human", lacked=lacked, url=url("/contact")),
            GaveUp(
                goal="talk to a human",
                reason="no way to talk to a human within 6 tries",
            ),
        ),
    )
    found = [f for f in detect(events) if "offers no" in f.evidence]
    assert (
        len(found) == 1
        and found[0].kind == "dead_end"
        and found[0].evidence.startswith("/contact is titled like")
    )
    assert not [
        f for f in detect(events) if f.evidence.startswith("Found no way forward")
    ]


def test_a_toast_that_went_is_one_error_seen_and_a_success_notice_is_none():
    events = journey(
        step(
            'I click "Confirm order"',
            ErrorShown(
                text="Something went wrong, please try again.",
                url=url("/order"),
                transient=True,
            ),
            NoticeShown(text="Order placed.", role="status", url=url("/order")),
        ),
    )
    (error,) = detect(events)
    assert error.kind == "error_seen" and "Something went wrong" in error.evidence
