"""The web channel records what a customer did and met, in real Chromium, on a small site of its own.

The site here is not the demo shop: what the channel records must rest on what
a customer sees (roles, labels, visible text), whatever the markup.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from journeys.effort.events import Clicked, Dismissed, ErrorShown, FieldFilled, GaveUp, GoalReached, PageOpened, WentBack
from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.errors import StepDoesNotFit
from journeys.shopper.goals import seek_goal
from journeys.shopper.web import Effect, WebChannel
from tests.conftest import serve_app

pytestmark = pytest.mark.browser


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><title>{title}</title><main>{body}</main>", status_code=status)


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
    return _page("Acme", '<nav><a href="/about">About Acme</a> <a href="/care">Customer care</a></nav><h1>Acme</h1>')


async def care(request):
    return _page("Customer care", '<h1>Customer care</h1><a href="/broken">Opening hours</a> <a href="/reach">Get in touch</a>')


async def reach(request):
    return _page("Get in touch", '<h1>Get in touch with our team</h1><p>Call us on <a href="tel:+442079460000">020 7946 0000</a></p>')


async def loop_a(request):
    return _page("Help", '<h1>Help</h1><a href="/loop-b">Contact us</a>')


async def loop_b(request):
    return _page("Questions", '<h1>Questions</h1><a href="/loop-a">Contact us</a>')


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
    return WebChannel(page, ledger=ledger, persona=persona, base_url=site, timeout_ms=2000)


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
    [("Go next", "navigated"), ("Show more", "changed"), ("Save quietly", "changed"), ("Fancy next", "navigated")],
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


def test_filling_a_form_types_what_the_labels_ask_and_leaves_prefilled_fields(web, site):
    email = web.persona["email"]
    web.open(f"/?email={email}")
    filled = web.fill_form()
    assert filled == ["E-mail address", "Full name", "Card number"]  # "Favourite colour" is no persona fact
    by_label = {f.label: f for f in _of(web, FieldFilled)}
    assert by_label["E-mail address"].prefilled and by_label["E-mail address"].fact == "email"
    assert not by_label["Full name"].prefilled and by_label["Full name"].value == web.persona["name"]
    assert by_label["Card number"].value == "•••", "a card number never reaches the ledger in clear"
    assert web.page.get_by_label("Full name").input_value() == web.persona["name"]


def test_a_script_error_on_the_page_is_recorded(web):
    web.open("/broken-script")
    errors = _of(web, ErrorShown)
    assert errors and errors[0].source == "script"


def test_a_visible_alert_is_recorded_as_an_error_seen(web):
    web.open("/alert")
    assert [(e.source, e.text) for e in _of(web, ErrorShown)] == [("page", "Your session expired")]


def test_a_missing_link_means_the_step_no_longer_fits_the_site(web):
    web.open("/")
    with pytest.raises(StepDoesNotFit, match=r'no link or button "Checkout" on http://127\.0\.0\.1:\d+/ \(HTTP 200, \'Home\'\)'):
        web.timeout_ms = 300
        web.click("Checkout")


def test_going_back_is_recorded(web):
    web.open("/")
    web.click("Go next")
    web.go_back()
    assert _of(web, WentBack) and _of(web, PageOpened)[-1].title == "Home"


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
    assert [e.text for e in _of(web, ErrorShown)] == ["That did not work, please try again"]


def test_a_form_that_keeps_what_was_typed_is_not_typed_again(web):
    web.open(f"/?email={web.persona['email']}")
    web.fill_form()
    web.click("Send")
    assert len(_of(web, FieldFilled)) == 3
