"""The web channel records what a customer did and met, in real Chromium, on a small
site of its own.

The site here is not the demo shop: what the channel records must rest on what a
customer sees (roles, labels, visible text), whatever the markup.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from journeys.effort import ClickEffect
from journeys.effort.events import (
    Clicked,
    Dismissed,
    ErrorShown,
    FieldFilled,
    GaveUp,
    GoalReached,
    OverlayBlocked,
    PageOpened,
    WentBack,
)
from journeys.effort.ledger import Ledger
from journeys.errors import ConfigError, StepDoesNotFit
from journeys.shopper import make_persona
from journeys.shopper.goals import goals_from_config, seek_goal
from journeys.shopper.web import WebChannel
from tests.conftest import serve_app

pytestmark = pytest.mark.browser


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><title>{title}</title><main>{body}</main>", status_code=status
    )


async def home(request):
    email = html.escape(request.query_params.get("email", ""))
    return _page(
        "Home",
        """
        <h1>Welcome</h1>
        <a href="/next">Go next</a>
        <button id="dead">Does nothing</button>
        <button onclick="document.querySelector('main').append(Object.assign(document.createElement('p'), {textContent: 'more'}))">Show more</button>
        <button onclick="fetch('/next')">Save quietly</button>
        <span role="button" tabindex="0" onclick="location.href='/next'">Fancy next</span>
        <form action="/next" method="get">
          <label for="e">E-mail address</label><input id="e" name="e" value="%s">
          <label for="n">Full name</label><input id="n" name="n">
          <label for="c">Card number</label><input id="c" name="c">
          <label for="x">Favourite colour</label><input id="x" name="x">
          <button>Send</button>
        </form>
        """
        % email,
    )


async def stubborn(request):
    return _page(
        "Stubborn",
        """<h1>Checkout</h1><button id="go">Continue</button>
        <script>
          let clicks = 0;
          document.getElementById('go').addEventListener('click', () => { if (++clicks > 1) location.href = '/next'; });
        </script>""",
    )


async def next_page(request):
    return _page("Next", "<h1>Next page</h1><p>You made it</p>")


async def missing(request):
    return _page("Not found", "<h1>Page not found</h1>", status=404)


async def broken_script(request):
    return _page("Broken", "<h1>Broken</h1><script>null.explode()</script>")


async def alert(request):
    return _page("Alert", '<h1>Oops</h1><div role="alert">Your session expired</div>')


async def cookies(request):
    return _page(
        "Cookies",
        """<header style="position: sticky; top: 0">Acme shop <a href="/next">Sign in</a></header>
        <h1>Shoes</h1>
        <div id="banner" style="position: fixed; bottom: 0">We use cookies to improve your visit.
          <button onclick="document.getElementById('banner').remove()">Accept all</button></div>""",
    )


async def forgetful(request):
    """A form whose first submission fails and comes back empty."""
    attempt = 0
    if request.method == "POST":
        form = parse_qs((await request.body()).decode())
        attempt = int(form.get("attempt", ["0"])[0]) + 1
        if attempt > 1:
            return HTMLResponse("", status_code=303, headers={"location": "/next"})
    alert = '<p role="alert">That did not work, please try again</p>' if attempt else ""
    return _page(
        "Newsletter",
        f"""<h1>Newsletter</h1>{alert}<form method="post"><input type="hidden" name="attempt" value="{attempt}">
        <label for="m">Your email</label><input id="m" name="m"><button>Subscribe</button></form>""",
    )


# A small support site for goal-seeking, worded unlike the demo shop.
async def support_home(request):
    return _page(
        "Acme",
        '<nav><a href="/about">About Acme</a> <a href="/care">Customer'
        " care</a></nav><h1>Acme</h1>",
    )


async def care(request):
    return _page(
        "Customer care",
        '<h1>Customer care</h1><a href="/broken">Opening hours</a> <a href="/reach">Get'
        " in touch</a>",
    )


async def reach(request):
    return _page(
        "Get in touch",
        "<h1>Get in touch with our team</h1><p>Call us on <a"
        ' href="tel:+442079460000">020 7946 0000</a></p>',
    )


async def loop_a(request):
    return _page("Help", '<h1>Help</h1><a href="/loop-b">Contact us</a>')


async def loop_b(request):
    return _page("Questions", '<h1>Questions</h1><a href="/loop-a">Contact us</a>')


# Real-world markup: kinds of control, errors as frameworks render them, overlays that
# come in the way.
async def controls(request):
    return _page(
        "Controls",
        """
        <form action="/next" aria-label="Details">
          <label for="t">Title</label><select id="t" required><option value="">Choose…</option><option>Mr</option><option>Ms</option></select>
          <label for="c">Country</label><select id="c"><option value="">Select</option><option>France</option><option>United Kingdom</option></select>
          <fieldset><legend>How do you heat your home?</legend>
            <input type="radio" name="heat" id="h1" value="gas" required><label for="h1">Gas</label>
            <input type="radio" name="heat" id="h2" value="heat-pump"><label for="h2">Heat pump</label></fieldset>
          <label for="a1">Address line 1</label><input id="a1">
          <label for="a2">Address line 2</label><input id="a2">
          <label for="a3">Address line 3</label><input id="a3">
          <label for="pz">Post/Zip code</label><input id="pz">
          <label for="moving-date">Moving date</label><input type="date" id="movingdate" required>
          <input type="checkbox" id="terms" required><label for="terms">I agree to the terms</label>
          <input type="checkbox" id="offers"><label for="offers">Send me offers</label>
          <button>Send</button>
        </form>
        """,
    )


async def two_forms(request):
    return _page(
        "Two forms",
        """<form action="/next" aria-label="Sign in"><label for="e1">E-mail</label><input id="e1" type="email">
          <label for="p1">Password</label><input id="p1" type="password"><button>Sign in</button></form>
        <form action="/next" aria-label="Newsletter"><label for="e2">E-mail</label><input id="e2" type="email">
          <button>Subscribe</button></form>""",
    )


async def conventions(request):
    return _page(
        "Errors",
        """<div class="govuk-error-summary"><h2>There is a problem</h2><ul><li><a href="#pc">Enter a real postcode</a></li></ul></div>
        <ul class="errorlist nonfield"><li>Please correct the errors below.</li></ul>
        <div class="mb-3"><label for="pc">Postcode</label>
          <input id="pc" class="is-invalid" aria-invalid="true" aria-describedby="pc-error">
          <p id="pc-error" class="govuk-error-message"><span>Error:</span> Enter a real postcode</p></div>
        <div class="mb-3"><label for="em">E-mail</label><input id="em">
          <div class="invalid-feedback" style="display: none">Please enter your e-mail.</div></div>
        <div class="alert alert-danger">Your card was declined.</div>""",
    )


async def validated(request):
    return _page(
        "Validated",
        """<form action="/next"><label for="m">Mobile</label><input id="m" required pattern="[0-9]{11}">
        <button>Send</button></form>""",
    )


async def late_popup(request):
    return _page(
        "Late pop-up",
        """<h1>Offers</h1><button onclick="document.body.insertAdjacentHTML('beforeend',
          '<div id=pop role=dialog aria-modal=true style=&quot;position:fixed;inset:0;background:#fff&quot;>Sign up for our newsletter'
          + ' <button onclick=&quot;this.parentElement.remove()&quot;>No thanks</button></div>')">Show offers</button>
        <a href="/next">Go next</a>""",
    )


async def cookie_wall(request):
    return _page(
        "Wall",
        """<h1>Shop</h1><a href="/next">Go next</a>
        <div id="wall" role="dialog" aria-modal="true" style="position: fixed; inset: 0; background: rgba(0,0,0,.7)">
          <p>We value your privacy: choose your cookies.</p>
          <button onclick="document.getElementById('wall').remove()">Accept all cookies</button></div>""",
    )


async def sticky(request):
    return _page(
        "Sticky",
        """<header style="position: sticky; top: 0; height: 80px; background: #fff">Acme <a href="/next">Close</a></header>
        <div style="height: 2000px"></div><button onclick="this.textContent = 'Saved'">Save</button>
        <div id="backdrop" style="display: none; position: fixed; inset: 0; background: rgba(0,0,0,.5)"></div>
        <div id="modal" role="dialog" style="display: none; position: fixed; top: 10%; left: 10%; background: #fff">
          Before you go: sign up for our newsletter
          <button onclick="backdrop.remove(); modal.remove()">Not now</button></div>
        <button style="position: fixed; top: 90px; right: 0" onclick="backdrop.style.display = modal.style.display = 'block'">Leave</button>""",
    )


async def contact_without_a_way(request):
    return _page(
        "Contact us", '<h1>Contact us</h1><a href="/faq-only">Read our FAQs</a>'
    )


async def faq_only(request):
    return _page("FAQ", '<h1>FAQ</h1><a href="/contact-nothing">Contact us</a>')


APP = Starlette(
    routes=[
        Route("/", home),
        Route("/stubborn", stubborn),
        Route("/next", next_page),
        Route("/missing", missing),
        Route("/broken-script", broken_script),
        Route("/alert", alert),
        Route("/cookies", cookies),
        Route("/forgetful", forgetful, methods=["GET", "POST"]),
        Route("/support", support_home),
        Route("/care", care),
        Route("/reach", reach),
        Route("/about", next_page),
        Route("/loop-a", loop_a),
        Route("/loop-b", loop_b),
        Route("/controls", controls),
        Route("/two-forms", two_forms),
        Route("/conventions", conventions),
        Route("/validated", validated),
        Route("/late-popup", late_popup),
        Route("/cookie-wall", cookie_wall),
        Route("/contact-nothing", contact_without_a_way),
        Route("/sticky", sticky),
        Route("/faq-only", faq_only),
    ]
)


@pytest.fixture(scope="module")
def site():
    with serve_app(APP) as url:
        yield url


@pytest.fixture
def web(page, site):
    ledger = Ledger()
    persona = make_persona(1, "test_web")
    return WebChannel(
        page, ledger=ledger, persona=persona, base_url=site, timeout_ms=2000
    )


def _of(web, kind):
    return [e for e in web.ledger.events if isinstance(e, kind)]


def test_opening_a_page_records_status_title_and_text(web):
    web.open("/")
    (opened,) = _of(web, PageOpened)
    assert (opened.status, opened.title, opened.action) == (200, "Home", True)
    assert "Welcome" in opened.text and opened.load_ms >= 0


def test_a_page_that_is_not_there_is_recorded_with_its_status(web):
    web.open("/missing")
    assert _of(web, PageOpened)[-1].status == 404


@pytest.mark.parametrize(
    ("name", "effect"),
    [
        ("Go next", "navigated"),
        ("Show more", "changed"),
        ("Save quietly", "changed"),
        ("Fancy next", "navigated"),
    ],
)
def test_a_click_records_what_it_did(web, name, effect):
    web.open("/")
    assert web.click(name) == effect
    assert _of(web, Clicked)[-1].effect == effect


def test_a_click_that_navigates_records_the_page_it_led_to(web):
    web.open("/")
    web.click("Go next")
    kinds = [type(e).__name__ for e in web.ledger.events]
    assert kinds == ["PageOpened", "Clicked", "PageOpened"]
    assert _of(web, PageOpened)[-1].title == "Next"


def test_a_dead_click_is_tried_again_up_to_the_patience(web):
    web.open("/")
    assert web.click("Does nothing") == "nothing"
    assert [c.effect for c in _of(web, Clicked)] == ["nothing"] * web.patience


def test_a_button_that_works_on_the_second_click_shows_one_dead_click(web):
    web.open("/stubborn")
    assert web.click("Continue") == "navigated"
    assert [c.effect for c in _of(web, Clicked)] == ["nothing", "navigated"]


def test_filling_a_form_types_what_the_labels_ask_and_leaves_prefilled_fields(
    web, site
):
    email = web.persona["email"]
    web.open(f"/?email={email}")
    filled = web.fill_form()
    assert filled == [
        "E-mail address",
        "Full name",
        "Card number",
    ]  # "Favourite colour" is no persona fact
    by_label = {f.label: f for f in _of(web, FieldFilled)}
    assert (
        by_label["E-mail address"].prefilled
        and by_label["E-mail address"].fact == "email"
    )
    assert (
        not by_label["Full name"].prefilled
        and by_label["Full name"].value == web.persona["name"]
    )
    assert by_label["Card number"].value == "•••", (
        "a card number never reaches the ledger in clear"
    )
    assert web.page.get_by_label("Full name").input_value() == web.persona["name"]


def test_a_script_error_on_the_page_is_recorded(web):
    web.open("/broken-script")
    errors = _of(web, ErrorShown)
    assert errors and errors[0].source == "script"


def test_a_visible_alert_is_recorded_as_an_error_seen(web):
    web.open("/alert")
    assert [(e.source, e.text) for e in _of(web, ErrorShown)] == [
        ("page", "Your session expired")
    ]


def test_a_missing_link_means_the_step_no_longer_fits_the_site(web):
    web.open("/")
    with pytest.raises(
        StepDoesNotFit,
        match=(
            r'no link or button "Checkout" on http://127\.0\.0\.1:\d+/ \(HTTP 200,'
            r" \'Home\'\)"
        ),
    ):
        web.timeout_ms = 300
        web.click("Checkout")


def test_going_back_is_recorded(web):
    web.open("/")
    web.click("Go next")
    web.go_back()
    assert _of(web, WentBack) and _of(web, PageOpened)[-1].title == "Home"


def test_a_click_that_went_through_is_not_blamed_when_playwright_times_out_after_it(
    web, monkeypatch
):
    """On a loaded machine Playwright's wait around a click can run out after the click
    landed and the page arrived.
    """
    from playwright.sync_api import Locator
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    real_click = Locator.click

    def click_then_time_out(self, *args, **kwargs):
        real_click(self, *args, **kwargs)
        self.page.wait_for_url("**/next")
        raise PlaywrightTimeout("Locator.click: Timeout 2000ms exceeded.")

    web.open("/")
    monkeypatch.setattr(Locator, "click", click_then_time_out)
    assert web.click("Go next") is ClickEffect.NAVIGATED
    assert [c.effect for c in _of(web, Clicked)] == [
        "navigated"
    ]  # once: not clicked again, nothing said to cover it
    assert not _of(web, OverlayBlocked) and _of(web, PageOpened)[-1].title == "Next"


def test_goal_seeking_finds_a_human_on_a_site_it_was_not_written_for(web):
    web.open("/support")
    outcome = seek_goal(web, "talk to a human")
    assert isinstance(outcome, GoalReached), outcome
    assert outcome.hops == 2 and web.page.title() == "Get in touch"


def test_goal_seeking_gives_up_when_links_go_round_in_circles(web):
    web.open("/loop-a")
    outcome = seek_goal(web, "talk to a human", patience=4)
    assert isinstance(outcome, GaveUp)
    titles = [p.title for p in _of(web, PageOpened)]
    assert titles.count("Help") >= 2, titles


def test_a_cookie_banner_in_the_way_is_dismissed_and_counted(web):
    web.open("/cookies")
    assert [d.what for d in _of(web, Dismissed)] == ['cookie banner ("Accept all")']
    assert web.page.locator("#banner").count() == 0


def test_a_page_with_nothing_in_the_way_dismisses_nothing(web):
    web.open("/")
    web.open("/next")
    assert _of(web, Dismissed) == []


def test_a_form_that_forgets_what_was_typed_is_typed_again_like_a_customer_would(web):
    web.open("/forgetful")
    web.fill_form()
    assert web.click("Subscribe") == "navigated"
    assert web.page.title() == "Next"
    typed = [(f.label, f.fact) for f in _of(web, FieldFilled)]
    assert typed == [("Your email", "email"), ("Your email", "email")]
    assert [e.text for e in _of(web, ErrorShown)] == [
        "That did not work, please try again"
    ]


def test_a_form_that_keeps_what_was_typed_is_not_typed_again(web):
    web.open(f"/?email={web.persona['email']}")
    web.fill_form()
    web.click("Send")
    assert len(_of(web, FieldFilled)) == 3


def test_filling_a_real_world_form_handles_every_kind_of_control_as_a_customer_would(
    web,
):
    web.open("/controls")
    filled = web.fill_form()
    assert filled == [
        "Country",
        "Address line 1",
        "Post/Zip code",
        "Moving date",
        "I agree to the terms",
    ]
    # Title and heating: required choices nothing the customer knows decides; the form
    # is not sent half answered.
    with pytest.raises(
        StepDoesNotFit,
        match=r'"Send" would send the form on .* unanswered: "Title" asks me to choose '
        r'\("Mr", "Ms"\) .*fix: add the step When I choose "Mr" for "Title".*"How do'
        r' you heat your home\?"',
    ):
        web.click("Send")
    web.choose("Mr", "Title")
    web.choose("Gas", "How do you heat your home?")
    page = web.page
    assert (
        page.locator("#t").input_value() == "Mr"
        and page.locator("#c").input_value() == "United Kingdom"
    )
    assert page.locator("#h1").is_checked() and page.locator("#terms").is_checked()
    assert not page.locator("#offers").is_checked()
    assert page.locator("#a2").input_value() == page.locator("#a3").input_value() == ""
    assert page.locator("#pz").input_value() == web.persona["postcode"]
    assert page.locator("#movingdate").input_value(), (
        "a required date reached through a broken <label for>"
    )
    facts = [f.fact for f in _of(web, FieldFilled) if f.fact]
    assert len(facts) == len(set(facts)), "each fact typed once"


def test_a_radio_group_is_chosen_by_its_legend_and_a_broken_label_still_finds_its_field(
    web,
):
    web.open("/controls")
    web.choose("Heat pump", "How do you heat your home?")
    web.fill("Moving date", "2031-05-01")
    assert web.page.locator("#h2").is_checked()
    assert web.page.locator("#movingdate").input_value() == "2031-05-01"


def test_choosing_an_option_that_is_not_there_names_the_options(web):
    web.open("/controls")
    with pytest.raises(
        StepDoesNotFit,
        match=r'"Title" on .* has no option "Dr" \(options: "Choose…", "Mr", "Ms"\)',
    ):
        web.choose("Dr", "Title")


def test_two_forms_with_the_same_label_follow_the_form_the_customer_works_in(web):
    web.open("/two-forms")
    with pytest.raises(
        StepDoesNotFit,
        match=(
            r'two fields answer to "E-mail" .*the form "Sign in".*the form "Newsletter"'
        ),
    ):
        web.fill_fact("E-mail", "email")
    web.fill_fact("Password", "password")
    web.fill_fact("E-mail", "email")
    assert web.page.locator("#e1").input_value() == web.persona["email"]
    assert web.page.locator("#e2").input_value() == ""


def test_a_button_of_another_form_than_the_one_typed_into_stops_with_both_named(web):
    web.open("/two-forms")
    web.fill_fact("Password", "password")
    web.fill_fact("E-mail", "email")
    with pytest.raises(
        StepDoesNotFit,
        match=(
            r'"Subscribe" sends the form "Newsletter", but I typed \'E-mail\' into the'
            r' form "Sign in"'
        ),
    ):
        web.click("Subscribe")


def test_a_required_field_nobody_can_answer_is_one_clear_line(web):
    web.open("/validated")
    web.page.evaluate(
        "document.querySelector('#m').closest('form').insertAdjacentHTML('afterbegin', "
        "'<label for=q>Favourite colour</label><input id=q required>')"
    )
    with pytest.raises(
        StepDoesNotFit,
        match=(
            r'cannot fill the required text "Favourite colour": no persona fact matches'
        ),
    ):
        web.fill_form()


def test_errors_are_seen_the_way_frameworks_render_them_once_each_and_tied_to_their_field(
    web,
):
    web.open("/conventions")
    # The summary, the field's message and "please correct the errors" are one error; a
    # message naming its field keeps its words.
    assert [e.text for e in _of(web, ErrorShown)] == [
        "Enter a real postcode",
        "Your card was declined.",
    ]


def test_the_browser_refusing_a_form_is_an_error_seen_not_a_dead_click(web):
    web.open("/validated")
    web.fill("Mobile", "07700 900123")
    assert web.click("Send") is ClickEffect.CHANGED
    assert [c.effect for c in _of(web, Clicked)] == ["changed"]
    (error,) = _of(web, ErrorShown)
    assert error.text.startswith("Mobile: ") and error.source == "page"


def test_a_pop_up_that_intercepts_a_click_is_dismissed_then_the_click_goes_through(web):
    web.open("/late-popup")
    web.click("Show offers")
    assert web.click("Go next") is ClickEffect.NAVIGATED
    assert [d.what for d in _of(web, Dismissed)] == ['pop-up ("No thanks")']
    assert [(b.what, b.target) for b in _of(web, OverlayBlocked)] == [
        ("pop-up", "Go next")
    ]


def test_a_modal_cookie_wall_is_recorded_as_blocking_and_a_strip_is_not(web):
    web.open("/cookie-wall")
    web.open("/cookies")
    assert [(b.what, "privacy" in b.text) for b in _of(web, OverlayBlocked)] == [
        ("cookie banner", True)
    ]
    assert len(_of(web, Dismissed)) == 2


def test_closing_what_is_not_there_does_nothing_and_records_nothing(web):
    web.open("/next")
    before = tuple(web.ledger.events)
    web.timeout_ms = 300
    web.dismiss("Accept all cookies")
    assert tuple(web.ledger.events) == before


def test_a_missing_button_on_an_error_page_names_its_status(web):
    web.open("/missing")
    web.timeout_ms = 300
    with pytest.raises(StepDoesNotFit, match=r"/missing \(HTTP 404, 'Not found'\)"):
        web.click("Checkout")


def test_a_contact_page_that_offers_no_way_to_reach_anyone_is_not_arrival(web):
    web.open("/contact-nothing")
    outcome = seek_goal(web, "talk to a human", patience=3)
    assert isinstance(outcome, GaveUp)
    assert "offers no phone number, e-mail address" in outcome.reason


def test_each_goal_carries_its_evidence_rule_and_the_configuration_can_change_it():
    goals = goals_from_config(
        {
            "talk to a human": {"evidence": ["phone"]},
            "book a meter reading": {"toward": ["meter"]},
        }
    )
    assert goals["talk to a human"].evidence == ("phone",)
    assert set(goals["track my order"].evidence) == {"form"}
    assert goals["book a meter reading"].evidence == ()
    with pytest.raises(
        ConfigError, match=r'evidence: "a phone" is not something a page offers'
    ):
        goals_from_config({"talk to a human": {"evidence": ["a phone"]}})


def test_a_late_modal_behind_an_empty_backdrop_is_dismissed_and_a_sticky_header_is_no_obstacle(
    web,
):
    web.open("/sticky")
    web.click("Save")
    assert _of(web, OverlayBlocked) == [] and web.page.get_by_text("Saved").count() == 1
    web.click("Leave")
    assert web.click("Save") is ClickEffect.CHANGED
    assert [d.what for d in _of(web, Dismissed)] == ['pop-up ("Not now")']
    assert [b.target for b in _of(web, OverlayBlocked)] == ["Save"]
