"""Where a click or an address takes the customer, in real Chromium: the web, another
channel, or nowhere.

Links that leave the browser (mailto:, tel:, app links) are channel switches and are not
clicked; file:, data: and chrome: links are refused, never opened; a page the browser
cannot get (too many redirects, a reset, a refresh loop, a dead site) is one dead end
with the browser's error, and the customer gives up; a page that sends the browser on
forever is followed a bounded number of times, then the tab holds still; a download is
recorded, not waited on; the walk's own retries of a dead button are never the
customer's rage.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from journeys.effort import ClickEffect
from journeys.effort.detect import detect
from journeys.effort.events import (
    Clicked,
    Downloaded,
    LinkRefused,
    PageOpened,
    SentElsewhere,
)
from journeys.errors import JourneyAbandoned
from journeys.shopper.web import MOVING_ON_LIMIT, WebChannel
from journeys.shopper.web_links import leads_to, shown
from tests.faults.navigation_sites import (
    LOOP,
    _Handler,
    _meta_refresh,
    _script_redirect,
    site,
)

HOME = """<title>Shop</title><h1>Shop</h1>
<a href="mailto:help@shop.example?subject=Help&body=my%20order">E-mail us</a>
<a href="tel:+441632960123">Call us</a>
<a href="whatsapp://send?phone=441632960123">WhatsApp us</a>
<a href="file:///etc/passwd">Your files</a>
<a href="data:text/html,<h1>Secret</h1>">Data page</a>
<a href="javascript:void(0)" onclick="document.querySelector('h1').textContent = 'Opened'">Open the menu</a>
<a href="/loop">Loop</a> <a href="/refresh">Refresh loop</a> <a href="/script">Script loop</a>
<a href="/once">Redirecting page</a> <a href="/reset">Reset</a> <a href="/statement.pdf">My statement</a>
<button id="dead">Does nothing</button>
<a href="/arrived" onclick="location.href = '/arrived?by=script'">Two ways</a>
"""


def _download(h: _Handler) -> None:
    body = b"%PDF-1.4 statement"
    h.send_response(200)
    h.send_header("Content-Type", "application/pdf")
    h.send_header("Content-Disposition", 'attachment; filename="statement.pdf"')
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


TIMEOUT_MS = 3000  # the customer's patience on this site
ROUTES = {
    "/": lambda h: h.page(HOME),
    "/loop": LOOP["/help"],
    "/help": LOOP["/help"],
    "/help-again": LOOP["/help-again"],
    "/refresh": _meta_refresh("/refresh-again"),
    "/refresh-again": _meta_refresh("/refresh"),
    "/script": _script_redirect("/script-again"),
    "/script-again": _script_redirect("/script"),
    "/once": _meta_refresh("/arrived"),
    "/arrived": lambda h: h.page("<title>Arrived</title><h1>How can we help</h1>"),
    "/reset": _Handler.reset,
    "/statement.pdf": _download,
}


@pytest.fixture(scope="module")
def shop():
    with site(ROUTES) as url:
        yield url


def _of(web: WebChannel, kind: type) -> list:
    return [e for e in web.ledger.events if isinstance(e, kind)]


@pytest.mark.parametrize(
    ("href", "leads"),
    [
        ("https://shop.example/help", "web"),
        ("/help", "web"),
        ("mailto:a@b.example", "email"),
        ("TEL:+44", "phone"),
        ("sms:+44", "text"),
        ("whatsapp://send", "app"),
        ("file:///etc/passwd", "refused"),
        ("data:text/html,x", "refused"),
        ("chrome://settings", "refused"),
        ("javascript:void(0)", "script"),
    ],
)
def test_a_link_leads_by_its_scheme(href, leads):
    assert leads_to(href) == leads


def test_evidence_keeps_no_query_and_no_data():
    assert (
        shown("mailto:help@shop.example?subject=Order&body=card 4242")
        == "mailto:help@shop.example"
    )
    assert shown("data:text/html;base64,PHNlY3JldD4=") == "data:text/html;base64…"


@pytest.mark.parametrize(
    ("name", "href", "to"),
    [
        ("E-mail us", "mailto:help@shop.example", "email"),
        ("Call us", "tel:+441632960123", "phone"),
        ("WhatsApp us", "whatsapp://send", "app"),
    ],
)
def test_a_link_out_of_the_browser_is_a_channel_switch_not_a_dead_click(
    web, name, href, to
):
    web.open("/")
    assert web.click(name) is ClickEffect.CHANGED
    assert _of(web, SentElsewhere) == [
        SentElsewhere(
            target=name,
            href=href,
            to=to,
            url=web.page.url,
            step=-1,
            at_s=_of(web, SentElsewhere)[0].at_s,
        )
    ]
    frictions = detect(web.ledger.events)
    assert [f.kind for f in frictions] == ["channel_switch"], frictions
    assert href in frictions[0].evidence and "dead click" not in frictions[0].evidence
    web.click(name)  # the same link again: the customer was sent there already
    assert [f.kind for f in detect(web.ledger.events)] == ["channel_switch"]


@pytest.mark.parametrize(
    ("name", "href"),
    [("Your files", "file:///etc/passwd"), ("Data page", "data:text/html…")],
)
def test_a_link_to_the_machine_is_refused_at_the_link_and_never_opened(web, name, href):
    web.open("/")
    with pytest.raises(JourneyAbandoned, match="does not open from a website"):
        web.click(name)
    assert (
        web.page.url.startswith("http://")
        and web.page.locator("h1").inner_text() == "Shop"
    )
    assert [e.href for e in _of(web, LinkRefused)] == [href]
    (friction,) = detect(web.ledger.events)
    assert friction.kind == "dead_end" and href in friction.evidence


def test_an_address_to_the_machine_is_refused_as_an_email_link_would_be(web):
    web.open("/")
    with pytest.raises(JourneyAbandoned):
        web.open("file:///etc/passwd", link="Your invoice")
    assert [(e.target, e.href) for e in _of(web, LinkRefused)] == [
        ("Your invoice", "file:///etc/passwd")
    ]
    with pytest.raises(JourneyAbandoned):
        web.open(
            "javascript:alert(1)", link="Track it"
        )  # no page of the site's to run in


def test_a_script_link_on_the_page_is_clicked_as_the_button_it_is(web):
    web.open("/")
    assert web.click("Open the menu") is ClickEffect.CHANGED
    assert not _of(web, LinkRefused) and detect(web.ledger.events) == []


@pytest.mark.parametrize(
    ("name", "error"),
    [("Loop", "net::ERR_TOO_MANY_REDIRECTS"), ("Reset", "net::ERR_")],
)
def test_a_click_into_a_page_that_never_comes_is_one_dead_end_with_the_browsers_error(
    web, name, error
):
    web.open("/")
    with pytest.raises(JourneyAbandoned, match="did not open"):
        web.click(name)
    failed = [e for e in _of(web, PageOpened) if e.error]
    assert len(failed) == 1 and error in failed[0].error and failed[0].status == 0
    (friction,) = detect(web.ledger.events)
    assert friction.kind == "dead_end" and error in friction.evidence


def test_a_direct_open_of_a_redirect_loop_is_the_sites_failure_not_a_broken_walk(web):
    with pytest.raises(JourneyAbandoned, match="net::ERR_TOO_MANY_REDIRECTS"):
        web.open("/help")
    (friction,) = detect(web.ledger.events)
    assert (
        friction.kind == "dead_end"
        and "net::ERR_TOO_MANY_REDIRECTS" in friction.evidence
    )


LOOPED = "kept sending the browser on by itself"


# Bounded by the walk's own patience, never by the loop: a hang here is the defect, so
# it fails in minutes.
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("how", "where"),
    [
        ("open", "/refresh"),
        ("open", "/script"),
        ("click", "Refresh loop"),
        ("click", "Script loop"),
    ],
)
def test_a_page_sending_the_browser_on_forever_is_one_dead_end_and_the_tab_holds_still(
    web, how, where
):
    if how == "click":
        web.open("/")
    with pytest.raises(JourneyAbandoned, match=LOOPED):
        if how == "open":
            web.open(where)
        else:
            web.click(where)
    failed = [e for e in _of(web, PageOpened) if e.error]
    assert len(failed) == 1 and str(MOVING_ON_LIMIT) in failed[0].error
    (friction,) = detect(web.ledger.events)
    assert friction.kind == "dead_end" and LOOPED in friction.evidence
    # The customer stopped there: the tab keeps the page it showed last and follows
    # no other (a loop moves on within milliseconds; a second passes without one).
    with pytest.raises(PlaywrightTimeout):
        web.page.wait_for_event("framenavigated", timeout=1000)
    assert web.page.locator("body").inner_text() == "Taking you there…"


def test_a_page_that_moves_on_at_once_is_recorded_where_it_arrives(web):
    web.open("/")
    assert web.click("Redirecting page") is ClickEffect.NAVIGATED
    assert [e.url.rsplit("/", 1)[1] for e in _of(web, PageOpened)] == ["", "arrived"]
    assert detect(web.ledger.events) == []


def test_a_download_is_recorded_and_not_waited_on(web):
    web.open("/")
    web.click("My statement")
    assert [(e.target, e.file_name, e.content_type) for e in _of(web, Downloaded)] == [
        ("My statement", "statement.pdf", "application/pdf")
    ]
    assert [
        e for e in _of(web, PageOpened) if not e.complete
    ] == []  # no page waited for in vain
    assert detect(web.ledger.events) == []


def test_the_walks_own_retries_of_a_dead_button_are_one_dead_click_and_no_rage(web):
    web.open("/")
    assert web.click("Does nothing") is ClickEffect.NOTHING
    clicks = _of(web, Clicked)
    assert [c.retry for c in clicks] == [False] + [True] * (web.patience - 1)
    assert [f.evidence for f in detect(web.ledger.events)] == [
        'Clicked "Does nothing" and nothing happened (a dead click).'
    ]


def test_a_phone_link_found_while_seeking_a_person_is_the_goal_not_a_switch(web):
    from journeys.effort.events import GoalReached
    from journeys.shopper.goals import seek_goal

    web.open("/")
    assert isinstance(seek_goal(web, "talk to a human"), GoalReached)
    assert not _of(web, SentElsewhere) and detect(web.ledger.events) == []


def test_a_navigation_dropped_for_another_the_site_asked_for_records_the_page_that_came(
    web,
):
    web.open("/")
    assert web.click("Two ways") is ClickEffect.NAVIGATED
    assert [e.url.rsplit("/", 1)[1].split("?")[0] for e in _of(web, PageOpened)] == [
        "",
        "arrived",
    ]
    assert detect(web.ledger.events) == []
