"""Northwind Energy's pages where a link leaves the web page: e-mail and phone links, a
file on someone's PC, a download, a redirect loop and a refresh loop. The smooth twin
links each to a page (or a real download, or one "Redirecting…" page that arrives); the
potholed twin plants what potholes.toml lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from tests.sites.realworld.app import RealWorld

STATEMENT = b"%PDF-1.4\n% Northwind Energy statement, December 2026\n"


def navigation_routes(site: RealWorld) -> list[Route]:
    smooth = site.smooth

    async def statements(request: Request) -> HTMLResponse:
        # Pothole (dead_end): the download goes round a redirect loop until the browser
        # gives up.
        href = (
            "/account/statements/latest.pdf" if smooth else "/account/statements/latest"
        )
        return site.page(
            request,
            "Statements",
            f"""<h1>Your statements</h1>
<p><a href="{href}" class="btn btn-primary">Download my statement</a></p>
<p><a href="javascript:void(0)" onclick="document.getElementById('older').hidden = false">Show older statements</a></p>
<ul id="older" hidden><li>November 2026</li><li>October 2026</li></ul>""",
        )

    async def statement_pdf(request: Request) -> Response:
        return Response(
            STATEMENT,
            media_type="application/pdf",
            headers={
                "Content-Disposition": (
                    'attachment; filename="northwind-statement-2026-12.pdf"'
                )
            },
        )

    async def statement_loop(request: Request) -> RedirectResponse:
        again = (
            "/account/statements/latest-again"
            if request.url.path.endswith("latest")
            else "/account/statements/latest"
        )
        return RedirectResponse(again, status_code=302)

    async def payments(request: Request) -> HTMLResponse:
        # Pothole (channel_switch): the only way to ask about a payment is an e-mail
        # link.
        href = (
            "/help/payments/ask"
            if smooth
            else "mailto:payments@northwind.example?subject=Missed%20payment"
        )
        return site.page(
            request,
            "Payments",
            f"""<h1>Payments and direct debits</h1>
<p>Missed a payment or paid twice? <a href="{href}">Ask us about a payment</a></p>""",
        )

    async def ask_about_payment(request: Request) -> HTMLResponse:
        return site.page(
            request,
            "Ask about a payment",
            """<h1>Tell us about the payment</h1>
<form method="post"><label for="what">What happened?</label><textarea id="what" name="what"></textarea>
<button type="submit">Send</button></form>""",
        )

    async def power_cut(request: Request) -> HTMLResponse:
        # Pothole (channel_switch): "report it online" is a phone link to the national
        # power-cut line.
        href = "/power-cut/report" if smooth else "tel:105"
        return site.page(
            request,
            "Power cuts",
            f"""<h1>Power cuts</h1>
<p>No power at home? <a href="{href}">Report a power cut online</a></p>""",
        )

    async def report_power_cut(request: Request) -> HTMLResponse:
        return site.page(
            request,
            "Report a power cut",
            "<h1>Tell us where the power is off</h1><p>Enter your postcode below.</p>",
        )

    async def meter(request: Request) -> HTMLResponse:
        # Pothole (dead_end): the guide links to a file on someone's PC, which no
        # browser opens from a website.
        href = (
            "/help/meter/guide"
            if smooth
            else "file:///C:/Shared/Guides/meter-reading.html"
        )
        return site.page(
            request,
            "Meter readings",
            f"""<h1>Meter readings</h1>
<p>Not sure which numbers to send? <a href="{href}">Read the meter reading guide</a></p>""",
        )

    async def meter_guide(request: Request) -> HTMLResponse:
        return site.page(
            request,
            "Meter reading guide",
            "<h1>How to read your meter</h1><p>Read the numbers from left to"
            " right.</p>",
        )

    async def paperless(request: Request) -> HTMLResponse:
        # A "Redirecting…" page that sends the browser on at once: the smooth twin
        # arrives, the potholed one loops.
        return HTMLResponse(
            """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Redirecting - Northwind Energy</title>
<meta http-equiv="refresh" content="0;url=/paperless/start"></head><body><p>Redirecting…</p></body></html>"""
        )

    async def paperless_start(request: Request) -> Response:
        # Pothole (dead_end): the page it sends on to sends the browser back: a refresh
        # loop
        if not smooth:
            return await paperless(request)
        return site.page(
            request,
            "Paperless billing",
            "<h1>Go paperless</h1><p>Your bills will come by e-mail.</p>",
        )

    return [
        Route("/account/statements", statements),
        Route("/account/statements/latest.pdf", statement_pdf),
        Route("/account/statements/latest", statement_loop),
        Route("/account/statements/latest-again", statement_loop),
        Route("/help/payments", payments),
        Route("/help/payments/ask", ask_about_payment),
        Route("/power-cut", power_cut),
        Route("/power-cut/report", report_power_cut),
        Route("/help/meter", meter),
        Route("/help/meter/guide", meter_guide),
        Route("/paperless", paperless),
        Route("/paperless/start", paperless_start),
    ]
