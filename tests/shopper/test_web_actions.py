"""Noting what the page shows, not seeing, choosing, uploading and typing facts in a
form's format, in real Chromium.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from journeys.effort import find_reentered_data
from journeys.effort.events import Dismissed, FieldFilled
from journeys.effort.ledger import Ledger
from journeys.errors import StepDoesNotFit
from journeys.shopper import make_persona
from journeys.shopper.web import WebChannel
from journeys.shopper.web_actions import does_not_see, note_shown_after, note_shown_as
from tests.conftest import serve_app

pytestmark = pytest.mark.browser


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><title>{title}</title><main>{body}</main>")


async def confirmation(request: Request) -> HTMLResponse:
    return _page(
        "Thanks",
        """<h1>Thank you</h1><p>Your order number is <strong>SH-123456</strong>. A confirmation is on its way.</p>
        <p hidden>Your order number is SH-999999</p><p>Ticket: (T-1001)</p>
        <p id="late"></p><script>setTimeout(() => late.textContent = 'Customer number: C-778', 300)</script>""",
    )


async def track(request: Request) -> HTMLResponse:
    order = request.query_params.get("order", "")
    return _page(
        "Track",
        f'<h1>Tracking {order}</h1><form><label for="o">Order number</label><input'
        ' id="o" name="o"></form>',
    )


async def tracker(request: Request) -> HTMLResponse:
    return HTMLResponse(
        """<!doctype html><title>Tracker</title><header><search><form method="GET" action="/track">
        <input type="hidden" name="@sort" value="activity"><input id="search-text" name="@search_text" size="10">
        <input type="submit" value="Search"></form></search></header>
        <main><form><input id="a" name="a"><input id="b" name="b"><button>Go</button></form></main>"""
    )


async def bank(request: Request) -> HTMLResponse:
    return _page(
        "Bank details",
        """<form><label for="s">Sort code</label><input id="s" value="%s">
        <label for="sc">Sort code again</label><input id="sc">
        <label for="d">Date of birth</label><input id="d" type="date">
        <label for="t">Date of birth (DD/MM/YYYY)</label><input id="t">
        <label for="f">Photo of the damage</label><input id="f" type="file">
        <fieldset><legend>How would you like your refund?</legend>
          <input type="radio" name="r" id="r1"><label for="r1">Card</label>
          <input type="radio" name="r" id="r2"><label for="r2">Bank transfer</label></fieldset>
        <fieldset><legend>Payment details</legend>
          <label for="id_card_type">Card type</label><div id="id_card_type">
          <div><label for="id_card_type_0"><input type="radio" name="card_type" value="Visa" id="id_card_type_0"> Visa</label></div>
          <div><label for="id_card_type_1"><input type="radio" name="card_type" value="Mastercard" id="id_card_type_1"> Mastercard</label></div>
        </div></fieldset>
        <label for="w">Why are you returning it?</label><select id="w"><option>Too small</option><option>Too big</option></select>
        <div role="radiogroup" aria-label="Delivery slot">
          <div role="radio" aria-checked="false" tabindex="0" onclick="this.setAttribute('aria-checked', 'true')">Morning</div>
          <div role="radio" aria-checked="false" tabindex="0" onclick="this.setAttribute('aria-checked', 'true')">Evening</div></div>
        </form><div role="dialog" id="pop">Sign up? <button onclick="pop.remove()">No thanks</button></div>"""
        % request.query_params.get("sort", ""),
    )


APP = Starlette(
    routes=[
        Route("/thanks", confirmation),
        Route("/track", track),
        Route("/bank", bank),
        Route("/tracker", tracker),
    ]
)


@pytest.fixture(scope="module")
def site():
    with serve_app(APP) as url:
        yield url


@pytest.fixture
def web(page, site):
    return WebChannel(
        page,
        ledger=Ledger(),
        persona=make_persona(3, "test_web_actions"),
        base_url=site,
        timeout_ms=2000,
    )


def _filled(web):
    return [e for e in web.ledger.events if isinstance(e, FieldFilled)]


def test_a_value_shown_after_words_is_noted_and_used_in_a_path_and_a_field(web):
    web.open("/thanks")
    assert (
        note_shown_after(web, "order number", "Your order number is") == "order_number"
    )
    assert (
        web.persona["order_number"] == "SH-123456"
    )  # the visible one, its full stop left out
    web.open(web.persona.fill_in("/track?order={my order number}", quoted=True))
    assert web.sees("Tracking SH-123456")
    web.fill_fact("Order number", "order_number")
    assert [(e.fact, e.value) for e in _filled(web)] == [("order_number", "SH-123456")]
    assert (
        find_reentered_data(web.ledger.events) == []
    )  # noting is reading: the first typing is no re-entry


def test_a_value_matching_a_pattern_is_noted_and_waited_for(web):
    web.open("/thanks")
    assert note_shown_as(web, "ticket number", r"\((T-\d+)\)") == "ticket_number"
    assert web.persona["ticket_number"] == "T-1001"
    note_shown_as(
        web, "customer number", r"C-\d+"
    )  # shown a moment later: waited for as a customer would
    assert web.persona["customer_number"] == "C-778"


def test_a_value_not_shown_is_one_line_naming_the_page_and_the_label(web):
    web.open("/thanks")
    with pytest.raises(
        StepDoesNotFit,
        match=(
            r'^there is no reference after "Your reference is" on'
            r" http://127\.0\.0\.1:\d+/thanks$"
        ),
    ):
        note_shown_after(web, "reference", "Your reference is")


def test_not_seeing_checks_only_what_is_visible(web):
    web.open("/thanks")
    assert does_not_see(web, "SH-999999")  # in the page, hidden
    assert not does_not_see(web, "Thank you")


def test_a_fact_is_typed_in_the_format_the_form_asks_and_stays_the_same_fact(web):
    web.open("/bank")
    web.fill_fact("Sort code", "sort_code", "123456")
    web.fill_fact("Sort code again", "sort_code")
    assert [(e.fact, e.value) for e in _filled(web)] == [
        ("sort_code", web.persona["sort_code"].replace("-", "")),
        ("sort_code", web.persona["sort_code"]),
    ]
    assert (
        len(find_reentered_data(web.ledger.events)) == 1
    )  # asked twice in two formats: one re-entry, as the customer felt


def test_a_value_the_site_prefilled_in_another_format_is_not_typed_again(web):
    web.persona.facts["sort_code"] = "12-34-56"
    web.open("/bank?sort=123456")
    web.fill_fact("Sort code", "sort_code")
    (filled,) = _filled(web)
    assert filled.prefilled


def test_a_date_of_birth_goes_into_a_date_field_and_a_text_field_as_asked(web, page):
    web.open("/bank")
    web.persona.facts["date_of_birth"] = "04/06/1954"
    web.fill_fact("Date of birth", "date_of_birth")
    web.fill_fact("Date of birth (DD/MM/YYYY)", "date_of_birth", "DD.MM.YY")
    assert page.locator("#d").input_value() == "1954-06-04"
    assert page.locator("#t").input_value() == "04.06.54"


def test_choosing_for_a_question_works_for_radios_selects_and_aria_groups(web, page):
    web.open("/bank")
    web.choose("Bank transfer", "How would you like your refund?")
    web.choose("Too big", "Why are you returning it?")
    web.choose("Evening", "Delivery slot")
    # Django's RadioSelect (Cartridge's "Card type"): the group's <label for> points at
    # the <div> around the radios, and names the group before the legend of the fieldset
    # around them all.
    web.choose("Mastercard", "Card type")
    assert (
        page.locator("#r2").is_checked()
        and page.locator("#id_card_type_1").is_checked()
    )
    assert page.locator("#w").input_value() == "Too big"
    assert (
        page.get_by_role("radio", name="Evening").get_attribute("aria-checked")
        == "true"
    )


def test_a_box_alone_in_its_form_is_read_by_its_button(web, page):
    web.open("/tracker")
    web.fill(
        "Search", "login"
    )  # Roundup: no label, placeholder or aria-label, only the button beside it
    assert page.locator("#search-text").input_value() == "login"
    with pytest.raises(StepDoesNotFit, match='there is no field labelled "Go"'):
        web.fill(
            "Go", "x"
        )  # two boxes share that button: which one it names is anyone's guess


def test_a_file_is_uploaded_from_the_features_folder(web, page, tmp_path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    web.open("/bank")
    web.upload(photo, "Photo of the damage")
    assert page.locator("#f").evaluate("el => el.files[0].name") == "photo.png"
    with pytest.raises(StepDoesNotFit, match="not one to attach a file to"):
        web.upload(photo, "Sort code")


def test_closing_what_is_there_and_what_is_not(web):
    web.open("/bank")
    web.dismiss("No thanks")
    web.dismiss("No thanks")  # gone: nothing to do
    assert len([e for e in web.ledger.events if isinstance(e, Dismissed)]) == 1
