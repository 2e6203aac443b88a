# ruff: noqa: E501 - markup is kept as the design systems write it
"""Northwind Energy's pages for a keyboard-only customer, in design-system markup.

Each page is written as its design system renders it, and the potholed twin
breaks it the way real sites do:

- GOV.UK Frontend's start page: "Start now" is `<a role="button"
  class="govuk-button govuk-button--start">`; potholed, a `<div>` with a click
  handler and no tabindex (a mouse clicks it, Tab never stops on it).
- USWDS's modal (`usa-modal`): confirming closes it and focus goes back to the
  button that opened it; potholed, the modal is removed and focus drops to the
  top of the page (focus lost).
- A Bootstrap 5 cookie banner: real buttons; potholed, it takes focus as the page
  loads and a script keeps Tab within its two links, while its "Accept" is an
  `<a class="btn">` with no href (a focus trap a mouse never notices).

- A Bootstrap button for going paperless: `<button class="btn">`; potholed, a
  `<span class="btn" role="button" tabindex="0">` with a click handler only:
  Tab stops on it, Enter and Space do nothing (not operable).

None of them covers what a mouse customer needs: a mouse walk of the potholed
twin meets nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

if TYPE_CHECKING:
    from tests.sites.realworld.app import RealWorld

# GOV.UK Frontend 5 markup, as its Nunjucks macros render it.
_GOVUK_START = """<a href="/energy-advice/questions" role="button" draggable="false"
 class="govuk-button govuk-button--start" data-module="govuk-button">Start now
<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5"
 height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
<path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg></a>"""

_GOVUK_START_BROKEN = """<div class="govuk-button govuk-button--start"
 onclick="location.href='/energy-advice/questions'">Start now</div>"""

_GOVUK_RADIOS = """<form method="get" action="/energy-advice/result" novalidate>
<div class="govuk-form-group"><fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
<h1 class="govuk-fieldset__heading">Do you own your home?</h1></legend>
<div class="govuk-radios" data-module="govuk-radios">
<div class="govuk-radios__item"><input class="govuk-radios__input" id="own" name="own"
 type="radio" value="yes"><label class="govuk-label govuk-radios__label" for="own">Yes</label></div>
<div class="govuk-radios__item"><input class="govuk-radios__input" id="own-2" name="own"
 type="radio" value="no"><label class="govuk-label govuk-radios__label" for="own-2">No, I rent</label></div>
</div></fieldset></div>
<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
</form>"""

# USWDS 3 modal markup (usa-modal), opened and closed by a small script like uswds.js's.
_USWDS_MODAL = """<h1>Get a smart meter</h1>
<p>An engineer fits it in about an hour.</p>
<button type="button" class="usa-button" id="open-booking" aria-controls="booking"
 onclick="openBooking()">Book a smart meter</button>
<p id="booked" role="status"></p>
<div class="usa-modal" id="booking" role="dialog" aria-modal="true" aria-labelledby="booking-heading"
 hidden>
<div class="usa-modal__content"><div class="usa-modal__main">
<h2 class="usa-modal__heading" id="booking-heading" tabindex="-1">Confirm your booking</h2>
<p>We will call you to agree a date.</p>
<ul class="usa-button-group"><li class="usa-button-group__item">
<button type="button" class="usa-button" onclick="confirmBooking()">Yes, book it</button></li>
<li class="usa-button-group__item"><button type="button" class="usa-button usa-button--unstyled"
 onclick="closeBooking()">Go back</button></li></ul></div></div></div>"""

_USWDS_SCRIPT = """<script>
function openBooking() {
  document.getElementById('booking').hidden = false;
  document.getElementById('booking-heading').focus();
}
function closeBooking() {
  document.getElementById('booking').hidden = true;
  document.getElementById('open-booking').focus();
}
function confirmBooking() {
  closeBooking();
  document.getElementById('booked').textContent = 'Your smart meter installation is booked.';
}
</script>"""

# Potholed: the modal goes away with the button that had focus, and focus with it.
_USWDS_SCRIPT_BROKEN = """<script>
function openBooking() {
  document.getElementById('booking').hidden = false;
  document.getElementById('booking-heading').focus();
}
function closeBooking() { document.getElementById('booking').remove(); }
function confirmBooking() {
  closeBooking();
  document.getElementById('booked').textContent = 'Your smart meter installation is booked.';
}
</script>"""

# Bootstrap 5 cookie banner (an alert with buttons), in the page's flow above the form.
_BOOTSTRAP_COOKIES = """<div class="alert alert-light" role="region" aria-label="Cookies">
<p>We use cookies to remember your choices. <a href="/help">Cookie policy</a></p>
<button type="button" class="btn btn-primary" onclick="this.parentElement.remove()">Accept cookies</button>
<button type="button" class="btn btn-outline-secondary" onclick="this.parentElement.remove()">Reject cookies</button>
</div>"""

_BOOTSTRAP_COOKIES_TRAP = """<div class="alert alert-light" role="region" aria-label="Cookies" id="cookies">
<p>We use cookies to remember your choices. <a href="/help">Cookie policy</a>
<a href="/help#settings">Cookie settings</a></p>
<a class="btn btn-primary" onclick="this.parentElement.remove()">Accept cookies</a>
</div>
<script>
(() => {
  const banner = document.getElementById('cookies');
  const links = banner.querySelectorAll('a[href]');
  links[0].focus();
  banner.addEventListener('keydown', event => {
    if (event.key !== 'Tab') return;
    const last = links[links.length - 1], first = links[0];
    if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
  });
})();
</script>"""

_ALERTS_FORM = """<h1>Tariff alerts</h1>
<form method="get" action="/tariff-alerts/thanks" class="needs-validation">
<div class="mb-3"><label for="alert-email" class="form-label">Email address</label>
<input type="email" class="form-control" id="alert-email" name="email" autocomplete="email"></div>
<button type="submit" class="btn btn-primary">Sign up for alerts</button>
</form>"""


_PAPERLESS = """<h1>Go paperless</h1>
<p>Get your bills by e-mail instead of by post.</p>
{control}
<p id="paperless-done" role="status"></p>"""

_PAPERLESS_BUTTON = """<button type="button" class="btn btn-primary" onclick="document.getElementById('paperless-done').textContent = 'You have gone paperless.'">Go paperless now</button>"""

_PAPERLESS_SPAN = """<span class="btn btn-primary" role="button" tabindex="0" onclick="document.getElementById('paperless-done').textContent = 'You have gone paperless.'">Go paperless now</span>"""


def keyboard_routes(site: RealWorld) -> list[Route]:
    smooth = site.smooth

    async def advice(request: Request) -> HTMLResponse:
        # Pothole (barrier, keyboard): "Start now" works on a click only.
        start = _GOVUK_START if smooth else _GOVUK_START_BROKEN
        return site.page(
            request,
            "Energy advice",
            f"<h1>Get energy advice</h1><p>Answer one question.</p>{start}",
        )

    async def questions(request: Request) -> HTMLResponse:
        return site.page(request, "Do you own your home?", _GOVUK_RADIOS)

    async def result(request: Request) -> HTMLResponse:
        return site.page(
            request,
            "Your energy advice",
            "<h1>Your energy advice</h1><p>Insulate the loft first.</p>",
        )

    async def smart_meter(request: Request) -> HTMLResponse:
        # Pothole (barrier, keyboard): closing the modal drops focus to the page.
        script = _USWDS_SCRIPT if smooth else _USWDS_SCRIPT_BROKEN
        return site.page(request, "Smart meters", _USWDS_MODAL + script)

    async def alerts(request: Request) -> HTMLResponse:
        # Pothole (barrier, keyboard): the cookie banner holds Tab in its two links.
        cookies = _BOOTSTRAP_COOKIES if smooth else _BOOTSTRAP_COOKIES_TRAP
        return site.page(request, "Tariff alerts", cookies + _ALERTS_FORM)

    async def paperless(request: Request) -> HTMLResponse:
        # Pothole (barrier, keyboard): a role="button" span that only listens for
        # clicks.
        control = _PAPERLESS_BUTTON if smooth else _PAPERLESS_SPAN
        return site.page(request, "Go paperless", _PAPERLESS.format(control=control))

    async def thanks(request: Request) -> HTMLResponse:
        return site.page(
            request,
            "Thank you",
            "<h1>You will get tariff alerts</h1><p>Check your inbox.</p>",
        )

    return [
        Route("/energy-advice", advice),
        Route("/energy-advice/questions", questions),
        Route("/energy-advice/result", result),
        Route("/smart-meter", smart_meter),
        Route("/tariff-alerts", alerts),
        Route("/tariff-alerts/thanks", thanks),
        Route("/go-paperless", paperless),
    ]
