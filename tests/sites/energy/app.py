"""Volta Energy: an energy supplier's site, written apart from the demo shop and from
the detectors.

Its markup follows what real sites do (Bootstrap 5 classes, a Django-style error list,
fieldset radio groups, a footer newsletter form beside the main form, a modal cookie
wall, a chat API shaped like Botpress's), so the walk is measured on markup it was not
tuned to. `potholed` plants the potholes listed in `manifest.toml`; `smooth` is the same
site without them.
"""

from __future__ import annotations

import asyncio
import html
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

MODES = ("smooth", "potholed")

COOKIE_WALL = """
<div class="modal-backdrop show" style="position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:1040"></div>
<div class="modal show d-block" role="dialog" aria-modal="true" aria-labelledby="cookie-title"
     style="position:fixed;inset:0;z-index:1050;display:flex;align-items:center;justify-content:center">
  <div class="modal-dialog" style="background:#fff;padding:2rem;max-width:30rem">
    <h2 id="cookie-title" class="modal-title">We value your privacy</h2>
    <p>We use cookies to run this site and to measure our campaigns. Choose which cookies you allow.</p>
    <button type="button" class="btn btn-primary" onclick="this.closest('.modal').remove();document.querySelector('.modal-backdrop').remove()">Accept all cookies</button>
    <button type="button" class="btn btn-outline-secondary" onclick="this.closest('.modal').remove();document.querySelector('.modal-backdrop').remove()">Reject all</button>
  </div>
</div>
"""


def page(title: str, body: str, *, cookie_wall: bool = False) -> HTMLResponse:
    return HTMLResponse(f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(title)} | Volta Energy</title>
<style>body{{font-family:sans-serif;margin:0}} main{{padding:1rem 2rem}} nav a{{margin-right:1rem}}
.alert-danger{{color:#842029;background:#f8d7da;padding:.5rem}} .errorlist{{color:#b00}}</style></head>
<body>
<header class="navbar"><nav aria-label="Main">
  <a class="navbar-brand" href="/">Volta Energy</a>
  <a class="nav-link" href="/tariffs">Tariffs</a>
  <a class="nav-link" href="/move">Moving home</a>
  <a class="nav-link" href="/meter">Submit a meter reading</a>
  <a class="nav-link" href="/help">Help</a>
  <a class="nav-link" href="/smart-meter">Smart meters</a>
</nav></header>
<main class="container">{body}</main>
<footer class="footer mt-5">
  <form action="/newsletter" method="post" class="row g-2" aria-label="Newsletter">
    <h2 class="h6">Energy-saving tips, monthly</h2>
    <label for="newsletter-email" class="form-label">Email address</label>
    <input id="newsletter-email" name="newsletter_email" type="email" class="form-control">
    <button type="submit" class="btn btn-secondary">Sign up</button>
  </form>
  <p>Volta Energy Ltd, registered in England and Wales.</p>
</footer>
{COOKIE_WALL if cookie_wall else ""}
</body></html>""")


async def form_of(request: Request) -> dict[str, str]:
    """An url-encoded form body (what every form here posts), without Starlette's
    multipart dependency.
    """
    fields = parse_qs((await request.body()).decode("utf-8"), keep_blank_values=True)
    return {name: values[-1] for name, values in fields.items()}


def create_app(mode: str) -> Starlette:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    potholed = mode == "potholed"
    moves: dict[str, dict[str, str]] = {}

    async def home(request: Request) -> Response:
        return page(
            "Home",
            """
<h1>Simple, fair energy</h1>
<p>Fixed prices, no exit fees, and people who answer the phone.</p>
<a class="btn btn-primary" href="/switch">Switch to Volta</a>""",
        )

    async def switch(request: Request) -> Response:
        offer = (
            "<p class='lead'>Get £100 switching credit when you switch this month.</p>"
            if not potholed
            else ""
        )
        return page(
            "Switch to Volta",
            f"""
<h1>Switch to Volta</h1>
<p>Switching takes five minutes and we handle everything with your old supplier.</p>
{offer}
<a class="btn btn-primary" href="/quote">Get a quote</a>""",
            cookie_wall=potholed,
        )

    async def quote(request: Request) -> Response:
        error = ""
        if request.method == "POST":
            form = await form_of(request)
            if potholed:
                error = (
                    '<div class="alert alert-danger" role="status">Sorry, we could not'
                    " produce your quote right now. Please try again later.</div>"
                )
            elif (
                form.get("postcode")
                and form.get("email")
                and form.get("payment")
                and form.get("terms")
            ):
                return RedirectResponse("/quote/result", status_code=303)
            else:
                error = (
                    '<div class="alert alert-danger">Please fill in every field marked'
                    " required.</div>"
                )
        return page(
            "Get a quote",
            f"""
<h1>Get a quote</h1>
{error}
<form method="post" class="needs-validation" novalidate>
  <div class="mb-3"><label for="id_title" class="form-label">Title</label>
    <select id="id_title" name="title" class="form-select" required>
      <option value="">Please choose</option><option>Mr</option><option>Mrs</option><option>Ms</option><option>Mx</option><option>Dr</option>
    </select></div>
  <div class="mb-3"><label for="id_postcode" class="form-label">Post/Zip code</label>
    <input id="id_postcode" name="postcode" class="form-control" required autocomplete="postal-code"></div>
  <div class="mb-3"><label for="id_email" class="form-label">Email address</label>
    <input id="id_email" name="email" type="email" class="form-control" required></div>
  <fieldset class="mb-3"><legend class="col-form-label">How would you like to pay?</legend>
    <div class="form-check"><input class="form-check-input" type="radio" name="payment" id="pay-dd" value="dd" required>
      <label class="form-check-label" for="pay-dd">Monthly Direct Debit</label></div>
    <div class="form-check"><input class="form-check-input" type="radio" name="payment" id="pay-bill" value="bill">
      <label class="form-check-label" for="pay-bill">When I get a bill</label></div>
  </fieldset>
  <div class="form-check mb-3"><input class="form-check-input" type="checkbox" id="id_terms" name="terms" required>
    <label class="form-check-label" for="id_terms">I agree to the terms and conditions</label></div>
  <button type="submit" class="btn btn-primary">Get my quote</button>
</form>""",
        )

    async def quote_result(request: Request) -> Response:
        return page(
            "Your quote",
            "<h1>Your quote</h1><p>£1,020 a year, fixed for 12 months.</p>",
        )

    async def tariffs(request: Request) -> Response:
        if potholed:
            await asyncio.sleep(
                3.6
            )  # the site's own slowness: the page the customer waits for
        return page(
            "Tariffs",
            "<h1>Our tariffs</h1><ul><li>Fixed 12 months</li><li>Flexible</li></ul>",
        )

    async def move(request: Request) -> Response:
        if request.method == "POST":
            form = await form_of(request)
            ref = str(len(moves) + 1)
            moves[ref] = {"email": str(form.get("email", ""))}
            return RedirectResponse(f"/move/address?ref={ref}", status_code=303)
        return page(
            "Moving home",
            """
<h1>Tell us you are moving home</h1>
<form method="post" id="move-form">
  <div class="mb-3"><label for="move-name" class="form-label">Full name</label><input id="move-name" name="name" class="form-control" required></div>
  <div class="mb-3"><label for="move-email" class="form-label">Email address</label><input id="move-email" name="email" type="email" class="form-control" required></div>
  <div class="mb-3"><label for="move-phone" class="form-label">Phone number</label><input id="move-phone" name="phone" type="tel" class="form-control"></div>
  <button type="submit" class="btn btn-primary">Continue</button>
</form>""",
        )

    async def move_address(request: Request) -> Response:
        if request.method == "POST":
            return RedirectResponse("/move/done", status_code=303)
        again = (
            '<div class="mb-3"><label for="addr-email" class="form-label">Email'
            ' address</label><input id="addr-email" name="email" type="email"'
            ' class="form-control" required></div>'
            if potholed
            else ""
        )
        return page(
            "Your new address",
            f"""
<h1>Your new address</h1>
<form method="post">
  <div class="mb-3"><label for="a1" class="form-label">Address line 1</label><input id="a1" name="line1" class="form-control" required autocomplete="address-line1"></div>
  <div class="mb-3"><label for="a2" class="form-label">Address line 2 (optional)</label><input id="a2" name="line2" class="form-control" autocomplete="address-line2"></div>
  <div class="mb-3"><label for="a3" class="form-label">Address line 3 (optional)</label><input id="a3" name="line3" class="form-control" autocomplete="address-line3"></div>
  <div class="mb-3"><label for="town" class="form-label">Town or city</label><input id="town" name="town" class="form-control" required></div>
  <div class="mb-3"><label for="pc" class="form-label">Postcode</label><input id="pc" name="postcode" class="form-control" required></div>
  {again}
  <button type="submit" class="btn btn-primary">Save my new address</button>
</form>""",
        )

    async def move_done(request: Request) -> Response:
        return page(
            "Done",
            "<h1>We have your new address</h1><p>We will send your final bill to"
            " it.</p>",
        )

    async def meter(request: Request) -> Response:
        if request.method == "POST":
            return page(
                "Thank you", "<h1>Thank you</h1><p>Your meter reading was received.</p>"
            )
        swallow = (
            "<script>document.querySelector('#reading-form').addEventListener('submit',"
            " e => e.preventDefault());</script>"
            if potholed
            else ""
        )
        return page(
            "Submit a meter reading",
            f"""
<h1>Submit a meter reading</h1>
<form method="post" id="reading-form">
  <div class="mb-3"><label for="reading" class="form-label">Meter reading</label>
    <input id="reading" name="reading" inputmode="numeric" class="form-control" required></div>
  <button type="submit" class="btn btn-primary">Submit reading</button>
</form>{swallow}""",
        )

    async def help_page(request: Request) -> Response:
        contact = (
            '<a href="/contact-us">Contact us</a>'
            if potholed
            else '<a href="/contact">Contact us</a>'
        )
        return page(
            "Help",
            f"""
<h1>Help and support</h1>
<section><h2>Popular questions</h2><ul><li><a href="/help/bills">Understanding your bill</a></li>
<li><a href="/help/complaints">Complaints</a></li></ul></section>
<section><h2>Still need help?</h2><p>{contact}</p></section>""",
        )

    async def contact(request: Request) -> Response:
        return page(
            "Contact us",
            """
<h1>Contact us</h1>
<p>Call us free on <a href="tel:08001234567">0800 123 4567</a>, Monday to Saturday, 8am to 8pm.</p>
<p>Or e-mail <a href="mailto:help@volta.example">help@volta.example</a>.</p>""",
        )

    async def complaints(request: Request) -> Response:
        if potholed:
            return page(
                "Complaints",
                """
<h1>Complaints</h1><p>We are sorry you are unhappy. Most questions are answered in our help pages.</p>
<p><a href="/help">Read our help pages</a></p>""",
            )
        return page(
            "Complaints",
            """
<h1>Complaints</h1><p>We are sorry you are unhappy. Tell us what went wrong and we will reply within two working days.</p>
<form method="post" action="/help/complaints/sent"><label for="what" class="form-label">What went wrong?</label>
<textarea id="what" name="what" class="form-control"></textarea><button type="submit" class="btn btn-primary">Send complaint</button></form>""",
        )

    async def bills(request: Request) -> Response:
        return page(
            "Understanding your bill",
            "<h1>Understanding your bill</h1><p>Your bill shows what you used.</p><p><a"
            " href='/help'>Back to help</a></p>",
        )

    async def smart_meter(request: Request) -> Response:
        if request.method == "POST":
            if not potholed:
                return page(
                    "Booked",
                    "<h1>Your installation is booked</h1><p>We will e-mail you the"
                    " date.</p>",
                )
            postcode_error = (
                '<ul class="errorlist" id="id_postcode_error"><li>Enter a valid'
                " postcode.</li></ul>"
            )
            invalid = ' aria-invalid="true" aria-describedby="id_postcode_error"'
        else:
            postcode_error, invalid = "", ""
        return page(
            "Get a smart meter",
            f"""
<h1>Get a smart meter</h1>
<form method="post">
  <p><label for="id_full_name">Full name:</label> <input type="text" name="full_name" id="id_full_name" required></p>
  <p><label for="id_email">Email address:</label> <input type="email" name="email" id="id_email" required></p>
  {postcode_error}
  <p><label for="id_postcode">Postcode:</label> <input type="text" name="postcode" id="id_postcode" required{invalid}></p>
  <input type="submit" value="Book my installation">
</form>""",
        )

    async def power_status(request: Request) -> Response:
        # Potholed: the status page and the assistant (below) disagree about the same
        # power cut.
        status = (
            "<p class='lead'>No known power cuts in your area. Everything is working"
            " normally.</p>"
            if potholed
            else (
                "<p class='lead'>There is a power cut in the BS3 area since 9am."
                " Engineers are on site.</p>"
            )
        )
        return page(
            "Power cuts",
            f"""
<h1>Power cuts and outages</h1>
<p>Our live map of power cuts in your area, updated every five minutes.</p>
{status}
<p><a href="/help">Back to help</a></p>""",
        )

    async def newsletter(request: Request) -> Response:
        return page("Subscribed", "<h1>Thanks for subscribing</h1>")

    conversations: dict[str, dict[str, object]] = {}

    async def assistant(request: Request) -> Response:
        """A Botpress-shaped bot: responses[*].text with an author, and a handover
        flag.
        """
        payload = await request.json()
        text = str(payload.get("text", "")).lower()
        talk = conversations.setdefault(
            request.path_params["conversation"], {"human": False, "said": []}
        )
        said: list[str] = talk["said"]  # type: ignore[assignment]
        said.append(text)

        def reply(
            message: str,
            *,
            by: str = "bot",
            name: str = "Volta assistant",
            handover: bool = False,
        ) -> JSONResponse:
            return JSONResponse(
                {
                    "responses": [
                        {
                            "type": "text",
                            "text": message,
                            "author": {"role": by, "name": name},
                        }
                    ],
                    "handover": handover,
                }
            )

        if "human" in text or "person" in text or "agent" in text:
            moving = any("moving" in s for s in said)
            if potholed and moving:
                return reply(
                    "Hello, this is Sam. Before I can help, what is your email"
                    " address?",
                    by="agent",
                    name="Sam",
                    handover=True,
                )
            if potholed:
                return reply(
                    "I can't connect you here. Please call us on 0800 123 4567 to speak"
                    " to someone."
                )
            greeting = (
                "Hi, I'm Priya from the moving team. I can see you are moving home and"
                " I have your email, so I will update your account now."
                if moving
                else (
                    "Hi, I'm Priya. I can see you asked about your bill being high: let"
                    " me look at your last meter reading."
                )
            )
            return reply(greeting, by="agent", name="Priya", handover=True)
        if "power cut" in text or "outage" in text:
            return reply(
                "Yes, there is a power cut in the BS3 area since 9am. Engineers are on"
                " site and expect power back by 3pm."
            )
        if "moving" in text:
            if potholed:
                return reply(
                    "I can help with moving home. A colleague will take over if you ask"
                    " for one."
                )
            return reply(
                "I can help with moving home: I have noted your email. Ask for a person"
                " and they will finish it with you."
            )
        if "bill" in text:
            if potholed:
                return reply(
                    "Sorry, I didn't understand that. Could you say it another way?"
                )
            if "doubled" in text:
                return reply(
                    "A bill that doubles usually follows an estimated reading after a"
                    " cold month."
                )
            return reply(
                "Bills go up when estimated readings are used. Submit a meter reading"
                " and we will correct it."
            )
        return reply(
            "Sorry, I didn't understand that. Could you say it another way?"
            if potholed
            else "I can help with bills, moving home and meter readings."
        )

    routes = [
        Route("/", home),
        Route("/switch", switch),
        Route("/quote", quote, methods=["GET", "POST"]),
        Route("/quote/result", quote_result),
        Route("/tariffs", tariffs),
        Route("/move", move, methods=["GET", "POST"]),
        Route("/move/address", move_address, methods=["GET", "POST"]),
        Route("/move/done", move_done),
        Route("/meter", meter, methods=["GET", "POST"]),
        Route("/help", help_page),
        Route("/contact", contact),
        Route("/help/complaints", complaints),
        Route("/help/bills", bills),
        Route("/smart-meter", smart_meter, methods=["GET", "POST"]),
        Route("/newsletter", newsletter, methods=["POST"]),
        Route("/power-cuts", power_status),
        Route("/api/assistant/{conversation}", assistant, methods=["POST"]),
    ]
    return Starlette(routes=routes)
