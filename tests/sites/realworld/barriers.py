"""Northwind Energy's design-system pages as axe-core sees them: accessible twins, and
the ways real sites break them.

Each page is written as its design system renders it (GOV.UK Frontend 5, USWDS 3,
Bootstrap 5). The smooth twin passes every WCAG A/AA rule axe-core checks. The potholed
twin breaks one control the journey must use (a barrier) and one element the journey
never touches (a violation that costs nothing):

- GOV.UK Frontend text input: the label's `for` names another id, so the account number
  field has no name to a screen reader (axe: label). Off the path: a footer link that is
  only an icon (link-name).
- USWDS search: the button shows "Search" to the eye only (`aria-hidden`), its icon has
  an empty alt, so the button has no name (button-name). Off the path: a tariff chart
  image without alt text (image-alt).
- Bootstrap 5 payment form: "Pay now" is `btn-outline-light`-grey on white, too faint to
  read (color-contrast). Off the path: a "Sort by" select with no label (select-name).

barriers.toml lists the barriers; test_accessibility.py walks them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

if TYPE_CHECKING:
    from tests.sites.realworld.app import RealWorld

# GOV.UK Frontend 5: govuk-input with its label, as the Nunjucks macro renders it.
_GOVUK_FIELD = """<form method="post" action="/warm-home" novalidate>
<h1 class="govuk-heading-l">Apply for the Warm Home Discount</h1>
<div class="govuk-form-group">
<label class="govuk-label" for="{label_for}">Account number</label>
<div id="account-hint" class="govuk-hint">It is on your bill, for example NW-123456</div>
<input class="govuk-input govuk-input--width-10" id="account" name="account" type="text"
 spellcheck="false" aria-describedby="account-hint">
</div>
<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
</form>"""

_GOVUK_FOOTER_ICON = """<a class="govuk-footer__link" href="/social">
<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
<circle cx="8" cy="8" r="7" fill="currentColor"/></svg></a>"""

# USWDS 3 search component (usa-search), with its icon as the design system ships it.
_USWDS_SEARCH = """<h1>Find a tariff</h1>
<section aria-label="Search tariffs">
<form class="usa-search" role="search" method="get" action="/find-tariff">
<label class="usa-sr-only" for="search-field">Search tariffs</label>
<input class="usa-input" id="search-field" type="search" name="q">
<button class="usa-button" type="submit">
<span class="usa-search__submit-text">Search</span>
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16'/%3E"
 class="usa-search__submit-icon" alt="Search"></button>
</form></section>"""

_USWDS_SEARCH_BROKEN = _USWDS_SEARCH.replace(
    '<span class="usa-search__submit-text">',
    '<span class="usa-search__submit-text" aria-hidden="true">',
).replace('alt="Search"', 'alt=""')

_CHART = """<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='20'/%3E"
 width="60" height="20"{alt}>"""

# Bootstrap 5 form controls and buttons.
_BOOTSTRAP_PAY = """<h1>Pay your bill</h1>
<form method="post" action="/pay-bill" novalidate>
<div class="mb-3"><label for="reference" class="form-label">Bill reference</label>
<input type="text" class="form-control" id="reference" name="reference"></div>
<div class="mb-3"><label for="amount" class="form-label">Amount in pounds</label>
<input type="text" class="form-control" id="amount" name="amount" inputmode="decimal"></div>
<button type="submit" class="btn {button}"{style}>Pay now</button>
</form>
<h2>Past payments</h2>
{sort}
<p>No payments yet.</p>"""

_SORT = """<select class="form-select" id="sort"{label}>
<option>Newest first</option><option>Oldest first</option></select>"""


def barrier_routes(site: RealWorld) -> list[Route]:
    smooth = site.smooth

    async def warm_home(request: Request) -> HTMLResponse:
        if request.method == "POST":
            return site.page(
                request,
                "Application received",
                '<h1 class="govuk-panel__title">Application received</h1>',
            )
        # Pothole (barrier): the label names another id; off the path, an icon-only
        # footer link.
        main = _GOVUK_FIELD.format(label_for="account" if smooth else "account-number")
        footer = "" if smooth else _GOVUK_FOOTER_ICON
        return site.page(request, "Warm Home Discount", main, footer=footer)

    async def find_tariff(request: Request) -> HTMLResponse:
        found = parse_qs(request.url.query).get("q", [""])[0]
        # Pothole (barrier): "Search" shown to the eye only; off the path, a chart
        # without alt.
        search = _USWDS_SEARCH if smooth else _USWDS_SEARCH_BROKEN
        chart = _CHART.format(alt=' alt="Prices over the last year"' if smooth else "")
        results = (
            "<h2>Results</h2><p>1 tariff matches: Fixed Green 24.</p>" if found else ""
        )
        return site.page(request, "Find a tariff", search + chart + results)

    async def pay_bill(request: Request) -> HTMLResponse:
        if request.method == "POST":
            return site.page(
                request,
                "Payment received",
                "<h1>Payment received</h1><p>Thank you, your payment is on its"
                " way.</p>",
            )
        # Pothole (barrier): a Pay now too faint to read; off the path, a select without
        # a label.
        main = _BOOTSTRAP_PAY.format(
            button="btn-primary" if smooth else "btn-light",
            style=(
                ""
                if smooth
                else ' style="color: #c5ccd3; background: #fff; border-color: #e9ecef"'
            ),
            sort=_SORT.format(label=' aria-label="Sort payments"' if smooth else ""),
        )
        return site.page(request, "Pay your bill", main)

    both = ["GET", "POST"]
    return [
        Route("/warm-home", warm_home, methods=both),
        Route("/find-tariff", find_tariff),
        Route("/pay-bill", pay_bill, methods=both),
    ]
