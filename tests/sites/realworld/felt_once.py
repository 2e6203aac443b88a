"""Northwind's pages built from three design systems' own components, for what a
customer feels once.

The CSS and scripts are the real packages, installed from npm (package.json) and served
from node_modules: Bootstrap 5 (a toast after "Confirm order"), GOV.UK Frontend (a
notification banner, a cookie banner, a footer with a phone number) and USWDS (a search
with its alert, a combo box). Each page has a friction variant (the potholed site) and a
smooth twin:

- /ds/order: Bootstrap's toast "Something went wrong, please try again" after a 500 on
  "Confirm order", gone after 4 s; trying once more works (smooth: works the first time,
  with a success toast).
- /ds/plan, /ds/cancel: a GOV.UK banner saying "To cancel your plan, please call 0800
  000 0000" where the customer came to cancel online (smooth: a form that cancels, then
  a success banner); "Call us: 0800 123 4567" in every footer.
- /ds/help/search: a USWDS search answering "0 results for …" (smooth: results).
- /ds/region: a USWDS combo box whose live region says "No results." as the customer
  types their region (smooth: the region is in the list).
- /ds/contact: "Contact us" with only "Check our FAQs" (smooth: a phone number and an
  address); the FAQs lead on to "Talk to us", which has them.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
ASSETS = "/ds/assets"

_BOOTSTRAP_HEAD = (
    f'<link rel="stylesheet" href="{ASSETS}/bootstrap/css/bootstrap.min.css">'
)
_BOOTSTRAP_TAIL = (
    f'<script src="{ASSETS}/bootstrap/js/bootstrap.bundle.min.js"></script>'
)
_GOVUK_HEAD = f'<link rel="stylesheet" href="{ASSETS}/govuk/govuk-frontend.min.css">'
_GOVUK_TAIL = (
    '<script type="module">import { initAll } from'
    f' "{ASSETS}/govuk/govuk-frontend.min.js";'
    " document.body.classList.add('govuk-frontend-supported'); initAll();</script>"
)
_USWDS_HEAD = (
    f'<link rel="stylesheet" href="{ASSETS}/uswds/css/uswds.min.css"><script'
    f' src="{ASSETS}/uswds/js/uswds-init.min.js"></script>'
)
_USWDS_TAIL = f'<script src="{ASSETS}/uswds/js/uswds.min.js"></script>'

_GOVUK_FOOTER = """<footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta">
<div class="govuk-footer__meta-item govuk-footer__meta-item--grow"><h2 class="govuk-visually-hidden">Support links</h2>
<p class="govuk-body-s">Call us: 0800 123 4567 (Monday to Friday, 8am to 6pm). Write to us at help@northwind.example.</p>
</div></div></div></footer>"""

_GOVUK_COOKIES = """<div class="govuk-cookie-banner" data-nosnippet role="region" aria-label="Cookies on Northwind Energy">
<div class="govuk-cookie-banner__message govuk-width-container"><div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h2 class="govuk-cookie-banner__heading govuk-heading-m">Cookies on Northwind Energy</h2>
<div class="govuk-cookie-banner__content"><p class="govuk-body">We use some essential cookies to make this service work.</p></div>
</div></div><div class="govuk-button-group">
<button type="button" class="govuk-button" data-module="govuk-button" onclick="this.closest('.govuk-cookie-banner').hidden = true">Accept analytics cookies</button>
</div></div></div>"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _frame(
    title: str,
    main: str,
    *,
    head: str,
    tail: str,
    header: str = "",
    footer: str = "",
    body_class: str = "",
) -> HTMLResponse:
    return HTMLResponse(
        f"""<!doctype html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>{_e(title)} - Northwind Energy</title>{head}</head><body class="{body_class}">
{header}<header><nav aria-label="Main"><a href="/">Northwind Energy</a></nav></header>
<main id="main">{main}</main>{footer}{tail}</body></html>"""
    )


class FeltOnce:
    def __init__(self, smooth: bool) -> None:
        self.smooth = smooth
        self.orders: dict[
            str, int
        ] = {}  # session -> orders asked for (the potholed first one fails)

    # -- Bootstrap 5: a toast that says the order failed, and goes ---------------------

    async def order(self, request: Request) -> HTMLResponse:
        main = """<div class="container py-4"><h1>Your basket</h1><p>1 × Smart thermostat, £129.00</p>
<form id="order" class="needs-validation" novalidate><button type="submit" class="btn btn-primary">Confirm order</button></form>
<div id="done"></div></div>
<div class="toast-container position-fixed bottom-0 end-0 p-3">
  <div id="failed" class="toast align-items-center text-bg-danger border-0" role="alert" aria-live="assertive" aria-atomic="true">
    <div class="d-flex"><div class="toast-body">Something went wrong, please try again.</div>
    <button type="button" class="btn-close btn-close-white me-2 m-auto" data-bs-dismiss="toast" aria-label="Close"></button></div></div>
  <div id="placed" class="toast align-items-center text-bg-success border-0" role="status" aria-live="polite" aria-atomic="true">
    <div class="d-flex"><div class="toast-body">Order placed.</div></div></div>
</div>"""
        tail = (
            _BOOTSTRAP_TAIL
            + """<script>
document.getElementById('order').addEventListener('submit', async event => {
  event.preventDefault();
  const answer = await fetch('/ds/api/order', { method: 'POST' });
  if (!answer.ok) { bootstrap.Toast.getOrCreateInstance(document.getElementById('failed'), { delay: 4000 }).show(); return; }
  const order = await answer.json();
  document.getElementById('done').innerHTML = '<h2>Your order is confirmed</h2><p>Order number ' + order.number + '.</p>';
  bootstrap.Toast.getOrCreateInstance(document.getElementById('placed'), { delay: 4000 }).show();
});
</script>"""
        )
        response = _frame("Your basket", main, head=_BOOTSTRAP_HEAD, tail=tail)
        if "basket" not in request.cookies:
            response.set_cookie("basket", str(id(request)), path="/")
        return response

    async def order_api(self, request: Request) -> JSONResponse:
        session = request.cookies.get("basket", "")
        self.orders[session] = self.orders.get(session, 0) + 1
        # Pothole (error_seen): the potholed shop answers the first "Confirm order" with
        # a 500 (the payment went through).
        if not self.smooth and self.orders[session] == 1:
            return JSONResponse({"error": "payment service timeout"}, status_code=500)
        return JSONResponse({"number": f"NW-{1000 + self.orders[session]}"})

    # -- GOV.UK Frontend: a banner that sends the customer to the phone ----------------

    def _govuk(self, title: str, main: str) -> HTMLResponse:
        return _frame(
            title,
            '<div class="govuk-width-container"><div'
            f' class="govuk-main-wrapper">{main}</div></div>',
            head=_GOVUK_HEAD,
            tail=_GOVUK_TAIL,
            header=_GOVUK_COOKIES,
            footer=_GOVUK_FOOTER,
            body_class="govuk-template__body",
        )

    async def plan(self, request: Request) -> HTMLResponse:
        return self._govuk(
            "Your plan",
            """<h1 class="govuk-heading-l">Your plan</h1>
<p class="govuk-body">Fixed 12, £92 a month. Call us: 0800 123 4567 if you have any questions.</p>
<p class="govuk-body"><a class="govuk-link" href="/ds/cancel">Cancel my plan</a></p>""",
        )

    async def cancel(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            return self._govuk(
                "Plan cancelled",
                """<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
 aria-labelledby="done-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="done-title">Success</h2></div><div class="govuk-notification-banner__content">
<h3 class="govuk-notification-banner__heading">Your plan has been cancelled</h3></div></div>
<h1 class="govuk-heading-l">Cancellation confirmed</h1>""",
            )
        if self.smooth:
            return self._govuk(
                "Cancel your plan",
                """<h1 class="govuk-heading-l">Cancel your plan</h1>
<p class="govuk-body">You can cancel here. To speak to an adviser first, call 0800 123 4567.</p>
<form method="post" action="/ds/cancel" novalidate><button type="submit" class="govuk-button" data-module="govuk-button">Confirm cancellation</button></form>""",
            )
        # Pothole (channel_switch): the potholed page sends the customer to the phone to
        # cancel.
        return self._govuk(
            "Cancel your plan",
            """<div class="govuk-notification-banner" role="region" aria-labelledby="cancel-title"
 data-module="govuk-notification-banner"><div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="cancel-title">Important</h2></div><div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">To cancel your plan, please call 0800 000 0000.</p></div></div>
<h1 class="govuk-heading-l">Cancel your plan</h1><p class="govuk-body">We are sorry to see you go.</p>""",
        )

    # -- USWDS: a help search that answers with nothing --------------------------------

    def _uswds(self, title: str, main: str) -> HTMLResponse:
        return _frame(
            title,
            f'<div class="grid-container">{main}</div>',
            head=_USWDS_HEAD,
            tail=_USWDS_TAIL,
        )

    async def help(self, request: Request) -> HTMLResponse:
        return self._uswds(
            "Help",
            """<h1>Help</h1>
<section aria-label="Search the help"><form class="usa-search" role="search" action="/ds/help/search">
  <label class="usa-sr-only" for="help-search">Search</label>
  <input class="usa-input" id="help-search" type="search" name="q">
  <button class="usa-button" type="submit"><span class="usa-search__submit-text">Search</span></button></form></section>
<p><a class="usa-link" href="/ds/contact">Contact us</a></p>""",
        )

    async def search(self, request: Request) -> HTMLResponse:
        query = parse_qs(request.url.query).get("q", [""])[0]
        if self.smooth:
            answer = f"""<div class="usa-alert usa-alert--info usa-alert--slim"><div class="usa-alert__body">
<p class="usa-alert__text">3 results for “{_e(query)}”</p></div></div><ul class="usa-list">
<li><a class="usa-link" href="/ds/help">Restart your router</a></li><li><a class="usa-link" href="/ds/help">Check for outages</a></li>
<li><a class="usa-link" href="/ds/help">Reset your password</a></li></ul>"""
        # Pothole (dead_end): the potholed search finds nothing for the customer's own
        # words.
        else:
            answer = f"""<div class="usa-alert usa-alert--info usa-alert--slim"><div class="usa-alert__body">
<p class="usa-alert__text">0 results for “{_e(query)}”</p></div></div>"""
        return self._uswds(
            "Search results",
            f"""<h1>Search the help</h1>{answer}
<p>Still stuck? <a class="usa-link" href="/ds/talk">Talk to us</a></p>""",
        )

    async def region(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            return self._uswds(
                "Thank you",
                "<h1>Thank you</h1><p>We will write to you about supply in your"
                " region.</p>",
            )
        # Pothole (dead_end): the potholed combo box does not list the customer's
        # region: "No results".
        regions = (
            ("Greater London", "North East", "South West", "Wales")
            if self.smooth
            else ("Greater London", "North East")
        )
        options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in regions)
        return self._uswds(
            "Your region",
            f"""<h1>Do we supply your region?</h1>
<form class="usa-form" method="post" action="/ds/region">
  <label class="usa-label" for="region">Region</label>
  <div class="usa-combo-box"><select class="usa-select" name="region" id="region"><option value>Select a region</option>{options}</select></div>
  <button class="usa-button" type="submit">Check my region</button></form>""",
        )

    # -- a contact page with or without its means --------------------------------------

    async def contact(self, request: Request) -> HTMLResponse:
        if self.smooth:
            return self._uswds(
                "Contact us",
                """<h1>Contact us</h1>
<p>Call us on <a href="tel:+443301234567">0330 123 4567</a> or write to <a href="mailto:help@northwind.example">help@northwind.example</a>.</p>""",
            )
        # Pothole (dead_end): a Contact page with no way to contact, only the FAQs.
        return self._uswds(
            "Contact us",
            """<h1>Contact us</h1>
<p>Most questions are answered in our FAQs.</p><p><a class="usa-link" href="/ds/faq">Check our FAQs</a></p>""",
        )

    async def faq(self, request: Request) -> HTMLResponse:
        return self._uswds(
            "FAQ",
            """<h1>Frequently asked questions</h1>
<p>Still need help? <a class="usa-link" href="/ds/talk">Talk to us</a></p>""",
        )

    async def talk(self, request: Request) -> HTMLResponse:
        return self._uswds(
            "Talk to us",
            """<h1>Talk to us</h1>
<p>Call <a href="tel:+443301234567">0330 123 4567</a>, Monday to Friday 8am to 6pm.</p>""",
        )


def felt_once_routes(smooth: bool) -> list[Route | Mount]:
    """The design-system pages, and the packages' own CSS and scripts from
    node_modules.
    """
    site = FeltOnce(smooth)
    return [
        Route("/ds/order", site.order),
        Route("/ds/api/order", site.order_api, methods=["POST"]),
        Route("/ds/plan", site.plan),
        Route("/ds/cancel", site.cancel, methods=["GET", "POST"]),
        Route("/ds/help", site.help),
        Route("/ds/help/search", site.search),
        Route("/ds/region", site.region, methods=["GET", "POST"]),
        Route("/ds/contact", site.contact),
        Route("/ds/faq", site.faq),
        Route("/ds/talk", site.talk),
        Mount(
            f"{ASSETS}/bootstrap",
            StaticFiles(directory=NODE_MODULES / "bootstrap" / "dist", check_dir=False),
        ),
        Mount(
            f"{ASSETS}/govuk",
            StaticFiles(
                directory=NODE_MODULES / "govuk-frontend" / "dist" / "govuk",
                check_dir=False,
            ),
        ),
        Mount(
            f"{ASSETS}/uswds",
            StaticFiles(
                directory=NODE_MODULES / "@uswds" / "uswds" / "dist", check_dir=False
            ),
        ),
    ]
