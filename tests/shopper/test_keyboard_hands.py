"""The keyboard alone in real Chromium, on Northwind's pages (realworld/keyboard.py).

The potholed twin has a control a mouse can use and Tab never reaches, a focus
trap and focus lost after a dialog; the smooth twin has none of them, and every
control on it is reached with Tab and worked with Enter, Space and the arrows.
"""

from __future__ import annotations

import pytest

from journeys.effort import detect
from journeys.effort.events import KeyboardBlocked, Tabbed
from journeys.effort.ledger import Ledger
from journeys.shopper import make_persona
from journeys.shopper.hands import KeyboardHands, PointerHands
from journeys.shopper.web import WebChannel
from tests.conftest import serve_app
from tests.sites.realworld.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def smooth_site():
    with serve_app(create_app("smooth")) as url:
        yield url


@pytest.fixture(scope="module")
def potholed_site():
    with serve_app(create_app("potholed")) as url:
        yield url


def _channel(page, url: str, *, keyboard: bool = True) -> WebChannel:
    ledger = Ledger()
    return WebChannel(
        page,
        hands=KeyboardHands(ledger) if keyboard else PointerHands(),
        ledger=ledger,
        persona=make_persona(5, "test_keyboard_hands"),
        base_url=url,
        timeout_ms=3000,
    )


def _blocked(web: WebChannel) -> list[KeyboardBlocked]:
    return [e for e in web.ledger.events if isinstance(e, KeyboardBlocked)]


def _walk_energy_advice(web: WebChannel) -> None:
    web.open("/energy-advice")
    web.click("Start now")
    web.choose("No, I rent", "Do you own your home?")
    web.click("Continue")
    assert web.sees("Insulate the loft first")


def test_a_control_a_mouse_clicks_and_tab_never_reaches_is_a_barrier(
    page, potholed_site
):
    web = _channel(page, potholed_site)
    _walk_energy_advice(web)  # the walk goes on, as if someone helped
    [blocked] = _blocked(web)
    assert blocked.cause == "unreachable" and blocked.target == "Start now"
    assert blocked.markup.startswith('<div class="govuk-button govuk-button--start"')
    [barrier] = [f for f in detect(web.ledger.events) if f.kind == "barrier"]
    assert "not in the tab order" in barrier.evidence and "2.1.1" in barrier.evidence
    assert barrier.excerpt.startswith("<div")


def test_the_same_page_walked_with_a_mouse_meets_nothing(page, potholed_site):
    web = _channel(page, potholed_site, keyboard=False)
    _walk_energy_advice(web)
    assert not _blocked(web)
    assert not [f for f in detect(web.ledger.events) if f.kind == "barrier"]


def test_the_accessible_start_page_is_walked_with_tab_enter_and_arrows(
    page, smooth_site
):
    web = _channel(page, smooth_site)
    _walk_energy_advice(web)
    assert not _blocked(web)
    tabbed = {e.target: e.presses for e in web.ledger.events if isinstance(e, Tabbed)}
    # Past the header's brand and four links: Tab presses are counted, never guessed.
    assert tabbed["Start now"] == 6
    assert "No, I rent" in tabbed and "Continue" in tabbed
    assert page.url.endswith("/energy-advice/result?own=no")


def test_a_dialog_that_drops_focus_when_it_closes_is_focus_lost(page, potholed_site):
    web = _channel(page, potholed_site)
    web.open("/smart-meter")
    web.click("Book a smart meter")
    web.click("Yes, book it")
    assert web.sees("Your smart meter installation is booked.")
    [blocked] = _blocked(web)
    assert blocked.cause == "focus_lost" and 'role="dialog"' in blocked.markup
    [barrier] = [f for f in detect(web.ledger.events) if f.kind == "barrier"]
    assert "focus fell back to the top of the page" in barrier.evidence


def test_a_dialog_that_gives_focus_back_loses_nothing(page, smooth_site):
    web = _channel(page, smooth_site)
    web.open("/smart-meter")
    web.click("Book a smart meter")
    web.click("Yes, book it")
    assert web.sees("Your smart meter installation is booked.")
    assert not _blocked(web)


def test_a_banner_that_holds_tab_is_a_focus_trap_charged_once(page, potholed_site):
    web = _channel(page, potholed_site)
    for _ in range(2):  # the same trap on a second visit is the same cause
        web.open("/tariff-alerts")
        web.fill("Email address", "sam@example.com")
    web.click("Sign up for alerts")
    assert web.sees("You will get tariff alerts")
    blocked = _blocked(web)
    assert [b.cause for b in blocked] == ["focus_trapped", "focus_trapped"]
    assert 'aria-label="Cookies"' in blocked[0].markup
    barriers = [f for f in detect(web.ledger.events) if f.kind == "barrier"]
    assert len(barriers) == 1 and "focus trap" in barriers[0].evidence


def test_an_accessible_cookie_banner_lets_tab_through(page, smooth_site):
    web = _channel(page, smooth_site)
    web.open("/tariff-alerts")
    web.fill("Email address", "sam@example.com")
    web.click("Sign up for alerts")
    assert web.sees("You will get tariff alerts")
    assert not _blocked(web)
    assert page.url.endswith("thanks?email=sam%40example.com")


def test_a_control_tab_reaches_and_enter_does_not_work_is_not_operable(
    page, potholed_site
):
    web = _channel(page, potholed_site)
    web.open("/go-paperless")
    web.click("Go paperless now")
    assert web.sees("You have gone paperless.")  # the pointer, as if someone helped
    [blocked] = _blocked(web)
    assert blocked.cause == "not_operable" and "did nothing when Enter" in blocked.why
    assert blocked.markup.startswith('<span class="btn btn-primary" role="button"')


def test_a_real_button_works_with_enter(page, smooth_site):
    web = _channel(page, smooth_site)
    web.open("/go-paperless")
    web.click("Go paperless now")
    assert web.sees("You have gone paperless.")
    assert not _blocked(web)
