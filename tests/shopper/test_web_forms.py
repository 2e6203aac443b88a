"""The browser side of forms on pages made for it: what the site left unusable, a wrong
default, a typed value kept.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from journeys.effort.events import ControlUnusable, FieldFilled
from journeys.effort.ledger import Ledger
from journeys.errors import JourneyAbandoned, StepDoesNotFit
from journeys.shopper import make_persona
from journeys.shopper.web import WebChannel
from tests.conftest import serve_app

pytestmark = pytest.mark.browser

FORM = """<!doctype html><title>Order</title><main><form action="/" aria-label="Order">
  <input type="number" name="qty" value="1">
  <label for="promo">Promo code</label><input id="promo" name="promo" disabled>
  <label for="gift">Gift message</label><input id="gift" name="gift" style="display:none">
  <label for="e">E-mail</label><input id="e" name="e" type="email" autocomplete="email">
  <label for="n">Full name</label><input id="n" name="n" autocomplete="name">
  <label for="c">Country</label><select id="c" name="c" autocomplete="country"><option>Afghanistan</option><option>United Kingdom</option></select>
  <button>Order</button></form></main>"""


async def order(request):
    return HTMLResponse(FORM)


@pytest.fixture(scope="module")
def site():
    with serve_app(Starlette(routes=[Route("/", order)])) as url:
        yield url


@pytest.fixture
def web(page, site):
    return WebChannel(
        page,
        ledger=Ledger(),
        persona=make_persona(1, "test_web_forms"),
        base_url=site,
        timeout_ms=2000,
    )


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            "Quantity",
            (
                'the "Quantity" box on .* has no label: <input type="number" name="qty"'
                ' value="1">'
            ),
        ),
        ("Promo code", 'the "Promo code" box on .* is disabled'),
        ("Gift message", 'the "Gift message" box on .* is hidden'),
    ],
)
def test_a_control_the_site_left_unusable_stops_the_customer_with_its_markup(
    web, words, said
):
    web.open("/")
    with pytest.raises(JourneyAbandoned, match=said):
        web.fill(words, "2")
    (unusable,) = [e for e in web.ledger.events if isinstance(e, ControlUnusable)]
    assert unusable.label == f'"{words}" box' and unusable.markup.startswith("<input")


def test_a_field_that_is_not_there_at_all_is_still_ours(web):
    web.open("/")
    with pytest.raises(
        StepDoesNotFit, match='there is no field labelled "Delivery notes"'
    ):
        web.fill("Delivery notes", "leave it by the door")
    assert not [e for e in web.ledger.events if isinstance(e, ControlUnusable)]


def test_a_typed_value_is_kept_and_a_wrong_default_is_changed_with_the_default_recorded(
    web,
):
    web.open("/")
    web.fill("E-mail", "work.address@example.org")
    web.fill_form()
    assert web.page.locator("#e").input_value() == "work.address@example.org"
    assert web.page.locator("#c").input_value() == "United Kingdom"
    filled = {e.label: e for e in web.ledger.events if isinstance(e, FieldFilled)}
    assert (
        filled["Country"].replaced == "Afghanistan"
        and filled["Full name"].replaced == ""
    )
    assert [e.label for e in web.ledger.events if isinstance(e, FieldFilled)].count(
        "E-mail"
    ) == 1
