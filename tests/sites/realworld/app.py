"""Northwind Energy: a test site of real-world markup, apart from the demo shop (not in
the package).

Its pages are written the way common frameworks render them, not the way the demo shop
does: Bootstrap 5 (alerts, `.invalid-feedback`), Django forms (`ul.errorlist`, `as_p`),
the GOV.UK design system (error summary, fieldsets with legends), address lines 1 to 3,
"Post/Zip code", a sign-in page with a newsletter box in its footer (two "E-mail"
fields), a `<label for>` that points at nothing, a `div role=button`, a cookie strip
(smooth) or a modal cookie wall (potholed), an `aria-invalid` field with its message and
HTML5 `required` validation; a help desk's home page with two forms (django-helpdesk's
markup: a queue to choose, a prefilled priority, "Your E-mail Address" in both, one only
by a `<label for>` that points at nothing), a quantity box, a checkout with a country
list and an unfinished payment step.

`create_app("smooth")` has no potholes; `create_app("potholed")` plants the ones listed
in potholes.toml.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from tests.sites.realworld.barriers import barrier_routes
from tests.sites.realworld.felt_once import felt_once_routes
from tests.sites.realworld.keyboard import keyboard_routes
from tests.sites.realworld.navigation import navigation_routes

# What the framework styles do that matters to a customer (and to what is visible),
# without a CDN.
_STYLE = """
body { font-family: sans-serif; margin: 0; } main { padding: 1rem 2rem 6rem; }
.nav-link { display: inline-block; padding: .5rem; } button, .btn, .govuk-button { min-height: 2.25rem; }
.invalid-feedback { display: none; color: #b00; } .is-invalid ~ .invalid-feedback { display: block; }
.alert-danger, .errorlist, .govuk-error-message { color: #b00; }
.visually-hidden, .govuk-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.cookie-strip { position: fixed; bottom: 0; left: 0; right: 0; background: #eee; padding: .5rem; }
.modal-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.6); z-index: 10; }
.modal { position: fixed; top: 30%; left: 20%; right: 20%; background: #fff; padding: 1rem; z-index: 11; }
[role=button] { display: inline-block; padding: .3rem 1rem; background: #0d6efd; color: #fff; cursor: pointer; }
"""

_COOKIE_STRIP = """<div class="cookie-strip" id="cookies" role="region" aria-label="Cookies">
  We use cookies to make this site work and to improve it.
  <button type="button" class="btn btn-primary" onclick="document.cookie='consent=1;path=/';this.parentElement.remove()">Accept all cookies</button>
</div>"""

_COOKIE_WALL = """<div class="modal-backdrop" id="wall-backdrop"></div>
<div class="modal" id="wall" role="dialog" aria-modal="true" aria-labelledby="wall-title">
  <h2 id="wall-title">We value your privacy</h2>
  <p>We and our 312 partners use cookies. Choose before you continue.</p>
  <button type="button" class="btn btn-primary" onclick="document.cookie='consent=1;path=/';document.getElementById('wall').remove();document.getElementById('wall-backdrop').remove()">Accept all cookies</button>
  <button type="button" class="btn btn-secondary" onclick="document.cookie='consent=1;path=/';document.getElementById('wall').remove();document.getElementById('wall-backdrop').remove()">Reject all</button>
</div>"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class RealWorld:
    def __init__(self, mode: str) -> None:
        if mode not in ("smooth", "potholed"):
            raise ValueError(f"mode must be smooth or potholed, not {mode!r}")
        self.smooth = mode == "smooth"

    # -- page frame --------------------------------------------------------------------

    def page(
        self,
        request: Request,
        title: str,
        main: str,
        *,
        status: int = 200,
        footer: str = "",
    ) -> HTMLResponse:
        consent = request.cookies.get("consent")
        cookies = (
            ""
            if consent or request.url.path != "/"
            else (_COOKIE_STRIP if self.smooth else _COOKIE_WALL)
        )
        body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)} - Northwind Energy</title>
<style>{_STYLE}</style></head><body>
<header><nav class="navbar navbar-expand-lg" aria-label="Main"><a class="navbar-brand" href="/">Northwind Energy</a>
<ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="/quote">Get a quote</a></li>
<li class="nav-item"><a class="nav-link" href="/tariffs">Tariffs</a></li>
<li class="nav-item"><a class="nav-link" href="/sign-in">Sign in</a></li>
<li class="nav-item"><a class="nav-link" href="/help">Help</a></li></ul></nav></header>
<main id="main" class="container">{main}</main>
<footer class="footer">{footer}<p>Northwind Energy Ltd, registered in England and Wales.</p></footer>
{cookies}</body></html>"""
        return HTMLResponse(body, status_code=status)

    async def home(self, request: Request) -> HTMLResponse:
        return self.page(
            request,
            "Home",
            """<h1>Energy that costs you less</h1>
<p>Switch to Northwind in five minutes.</p><a class="btn btn-primary btn-lg" href="/quote">Get a quote</a>""",
        )

    # -- Django-style quote form: ul.errorlist, as_p, address lines 1 to 3, selects,
    # radios, date, checkboxes --

    async def quote(self, request: Request) -> HTMLResponse:
        values: dict[str, str] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {
                k: v[0]
                for k, v in parse_qs(
                    (await request.body()).decode(), keep_blank_values=True
                ).items()
            }
            for name in (
                "title",
                "full_name",
                "email",
                "address_1",
                "city",
                "postcode",
                "country",
                "heating",
                "start",
                "terms",
            ):
                if not values.get(name, "").strip():
                    errors[name] = "This field is required."
            if values.get("address_2") or values.get("address_3"):
                errors["address_2"] = (
                    "Please leave the extra address lines empty unless you need them."
                )
            # Pothole (error_seen): the potholed site only takes US ZIP codes, so a UK
            # postcode is refused.
            if (
                not self.smooth
                and values.get("postcode")
                and not values["postcode"].strip().isdigit()
            ):
                errors["postcode"] = "Enter a valid ZIP code."
            if not errors:
                return self.page(
                    request,
                    "Your quote",
                    f"""<h1>Your quote is ready</h1>
<p>Thank you {_e(values["full_name"])}: about £92 a month for {_e(values["heating"])} heating.</p>""",
                )

        def err(name: str) -> str:
            return (
                f'<ul class="errorlist"><li>{_e(errors[name])}</li></ul>'
                if name in errors
                else ""
            )

        def text(
            name: str,
            label: str,
            kind: str = "text",
            required: bool = True,
            auto: str = "",
        ) -> str:
            attrs = (" required" if required else "") + (
                f' autocomplete="{auto}"' if auto else ""
            )
            return (
                f'{err(name)}<p><label for="id_{name}">{label}:</label> <input'
                f' type="{kind}" name="{name}" id="id_{name}"'
                f' value="{_e(values.get(name, ""))}"{attrs}></p>'
            )

        heating = "".join(
            f'<div><input type="radio" name="heating" value="{v}" id="id_heating_{i}"'
            f" required{' checked' if values.get('heating') == v else ''}><label"
            f' for="id_heating_{i}">{v}</label></div>'
            for i, v in enumerate(("Gas", "Electric", "Heat pump"))
        )
        start_min = (date.today() + timedelta(days=1)).isoformat()
        non_field = (
            '<ul class="errorlist nonfield"><li>Please correct the errors'
            " below.</li></ul>"
            if errors
            else ""
        )
        form = f"""<h1>Get a quote</h1>{non_field}
<form method="post" action="/quote">
{err("title")}<p><label for="id_title">Title:</label> <select name="title" id="id_title" required>
  <option value="">---------</option><option>Mr</option><option>Mrs</option><option>Ms</option><option>Mx</option><option>Dr</option></select></p>
{text("full_name", "Full name", auto="name")}
{text("email", "E-mail", "email", auto="email")}
{text("phone", "Phone (optional)", "tel", required=False)}
{text("address_1", "Address line 1", auto="address-line1")}
{err("address_2")}<p><label for="id_address_2">Address line 2:</label> <input type="text" name="address_2" id="id_address_2"></p>
<p><label for="id_address_3">Address line 3:</label> <input type="text" name="address_3" id="id_address_3"></p>
{text("city", "Town/City")}
{text("postcode", "Post/Zip code")}
{err("country")}<p><label for="id_country">Country:</label> <select name="country" id="id_country" required>
  <option value="">Select a country…</option><option value="IE">Ireland</option><option value="GB">United Kingdom (UK)</option><option value="US">United States (US)</option></select></p>
{err("heating")}<fieldset><legend>How do you heat your home?</legend>{heating}</fieldset>
{err("start")}<p><label for="id_start">Preferred start date:</label> <input type="date" name="start" id="id_start" min="{start_min}" required value="{_e(values.get("start", ""))}"></p>
{err("terms")}<p><input type="checkbox" name="terms" id="id_terms" required> <label for="id_terms">I agree to the terms and conditions</label></p>
<p><input type="checkbox" name="offers" id="id_offers"> <label for="id_offers">Send me offers by e-mail</label></p>
<button type="submit" class="btn btn-primary">Get my quote</button>
</form>"""
        return self.page(request, "Get a quote", form)

    # -- Bootstrap sign-in with a newsletter box in the footer: two forms, each with
    # "E-mail" ----------------

    async def sign_in(self, request: Request) -> HTMLResponse:
        alert, email = "", ""
        if request.method == "POST":
            form = {
                k: v[0] for k, v in parse_qs((await request.body()).decode()).items()
            }
            email = form.get(
                "email", ""
            )  # kept after an error, as Django and most sites do; the password is not
            if "password" in form:
                # Pothole (error_seen): the potholed sign-in refuses every password,
                # with Bootstrap's alert.
                if self.smooth and form.get("email") and form.get("password"):
                    return self.page(
                        request,
                        "Your account",
                        "<h1>Welcome back</h1><p>Your account is up to date.</p>",
                    )
                alert = (
                    '<div class="alert alert-danger" role="status">Incorrect e-mail'
                    " address or password.</div>"
                )
            elif form.get("newsletter_email"):
                return self.page(
                    request, "Subscribed", "<h1>Thanks for subscribing</h1>"
                )
        main = f"""<h1>Sign in</h1>{alert}
<form method="post" action="/sign-in" class="needs-validation" novalidate>
  <div class="mb-3"><label for="signin-email" class="form-label">E-mail</label>
    <input type="email" class="form-control" id="signin-email" name="email" autocomplete="username" value="{_e(email)}">
    <div class="invalid-feedback">Please enter your e-mail address.</div></div>
  <div class="mb-3"><label for="signin-password" class="form-label">Password</label>
    <input type="password" class="form-control" id="signin-password" name="password" autocomplete="current-password">
    <div class="invalid-feedback">Please enter your password.</div></div>
  <button type="submit" class="btn btn-primary">Sign in</button>
</form>"""
        footer = """<form method="post" action="/sign-in" class="row" aria-label="Newsletter">
  <label for="newsletter-email" class="form-label">E-mail</label>
  <input type="email" class="form-control" id="newsletter-email" name="newsletter_email">
  <button type="submit" class="btn btn-secondary">Subscribe</button></form>"""
        return self.page(request, "Sign in", main, footer=footer)

    # -- GOV.UK-style report form: error summary, fieldset with legend, aria-invalid
    # with its message ------

    async def report(self, request: Request) -> HTMLResponse:
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = {
                k: v[0]
                for k, v in parse_qs(
                    (await request.body()).decode(), keep_blank_values=True
                ).items()
            }
            missing = [
                n
                for n in ("summary", "description", "email", "topic")
                if not values.get(n, "").strip()
            ]
            # Pothole (error_seen): the account number says "optional" but the potholed
            # site requires it.
            if (
                not missing
                and not self.smooth
                and not values.get("account", "").strip()
            ):
                error = "Enter your account number"
            elif missing:
                error = f"Enter your {missing[0]}"
            else:
                return self.page(
                    request,
                    "Report sent",
                    "<h1>Report sent</h1><p>We will reply within two working days.</p>",
                )
        summary = (
            f"""<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">There is a problem</h2>
  <ul class="govuk-list govuk-error-summary__list"><li><a href="#account">{_e(error)}</a></li></ul></div></div>"""
            if error
            else ""
        )
        on_account = "account" in error
        account_error = (
            '<p id="account-error" class="govuk-error-message"><span'
            f' class="govuk-visually-hidden">Error:</span> {_e(error)}</p>'
            if on_account
            else ""
        )
        invalid = (
            ' aria-invalid="true" aria-describedby="account-error"'
            if on_account
            else ""
        )
        topics = "".join(
            '<div class="govuk-radios__item"><input class="govuk-radios__input"'
            f' id="topic-{i}" name="topic" type="radio" value="{t}"><label'
            ' class="govuk-label govuk-radios__label"'
            f' for="topic-{i}">{t}</label></div>'
            for i, t in enumerate(("My bill", "My meter", "Something else"))
        )
        main = f"""{summary}<h1 class="govuk-heading-l">Report a problem</h1>
<form method="post" action="/report" novalidate>
<div class="govuk-form-group"><label class="govuk-label" for="summary">Summary</label>
  <input class="govuk-input" id="summary" name="summary" type="text" value="{_e(values.get("summary", ""))}"></div>
<div class="govuk-form-group"><label class="govuk-label" for="description">Description</label>
  <textarea class="govuk-textarea" id="description" name="description" rows="5">{_e(values.get("description", ""))}</textarea></div>
<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">What is it about?</legend>
  <div class="govuk-radios">{topics}</div></fieldset></div>
<div class="govuk-form-group{" govuk-form-group--error" if on_account else ""}"><label class="govuk-label" for="account">Account number (optional)</label>
  {account_error}<input class="govuk-input" id="account" name="account" type="text"{invalid}></div>
<div class="govuk-form-group"><label class="govuk-label" for="report-email">Email address</label>
  <input class="govuk-input" id="report-email" name="email" type="email" autocomplete="email" value="{_e(values.get("email", ""))}"></div>
<button type="submit" class="govuk-button">Send report</button>
</form>"""
        return self.page(request, "Report a problem", main)

    # -- moving home: a broken <label for>, a div role=button, HTML5 validation --------

    async def move(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            return self.page(request, "Move booked", "<h1>Your move is booked</h1>")
        # Pothole (reentered_data): the potholed form asks to type the e-mail address a
        # second time.
        confirm = (
            ""
            if self.smooth
            else """<div class="mb-3"><label for="email2" class="form-label">Confirm e-mail</label>
  <input type="email" class="form-control" id="email2" name="email2" required></div>"""
        )
        # Pothole (error_seen): the potholed phone field only takes 11 digits without
        # spaces.
        pattern = (
            "" if self.smooth else ' pattern="[0-9]{11}" title="11 digits, no spaces"'
        )
        main = f"""<h1>Moving home</h1><p>Tell us where you are moving to.</p>
<form method="post" action="/move" id="move-form">
  <div class="mb-3"><label for="move-email" class="form-label">E-mail</label>
    <input type="email" class="form-control" id="move-email" name="email" required></div>
  {confirm}
  <div class="mb-3"><label for="move-phone" class="form-label">Mobile number</label>
    <input type="tel" class="form-control" id="move-phone" name="phone" required{pattern}></div>
  <div class="mb-3"><label for="street1" class="form-label">Address line 1</label><input class="form-control" id="street1" name="line1" required></div>
  <div class="mb-3"><label for="street2" class="form-label">Address line 2 (optional)</label><input class="form-control" id="street2" name="line2"></div>
  <div class="mb-3"><label for="street3" class="form-label">Address line 3 (optional)</label><input class="form-control" id="street3" name="line3"></div>
  <div class="mb-3"><label for="move-postcode" class="form-label">Post/Zip code</label><input class="form-control" id="move-postcode" name="postcode" required></div>
  <div class="mb-3"><label for="move-date" class="form-label">Moving date</label>
    <input type="date" class="form-control" id="movedate" name="date" required min="{(date.today() + timedelta(days=1)).isoformat()}"></div>
  <div role="button" tabindex="0" onclick="document.getElementById('move-form').requestSubmit()">Book my move</div>
</form>"""
        return self.page(request, "Moving home", main)

    # -- a help desk's home page with two forms, as django-helpdesk renders it: "Submit
    # a Ticket" (a queue to choose, a prefilled priority) and "View a Ticket", whose
    # labels point at ids its boxes do not have ---------

    async def support(self, request: Request) -> HTMLResponse:
        alert = ""
        if request.method == "POST":
            form = {
                k: v[0]
                for k, v in parse_qs(
                    (await request.body()).decode(), keep_blank_values=True
                ).items()
            }
            missing = [
                n
                for n in ("queue", "title", "body", "submitter_email")
                if not form.get(n, "").strip()
            ]
            if not missing:
                return self.page(
                    request,
                    "Ticket opened",
                    f"""<h1>Ticket NW-1001 opened in {_e(form["queue"])}</h1>
<p>We will reply to {_e(form["submitter_email"])} (priority {_e(form.get("priority", ""))}).</p>""",
                )
            alert = (
                '<div class="alert alert-danger" role="alert">Please fill in'
                f" {_e(', '.join(missing))}.</div>"
            )
        queues = "".join(
            f"<option>{q}</option>"
            for q in ("Billing and Refunds", "Deliveries", "Technical support")
        )
        priorities = "".join(
            f"<option{' selected' if p == '3. Normal' else ''}>{p}</option>"
            for p in ("1. Critical", "2. High", "3. Normal", "4. Low")
        )
        main = f"""<h1>Welcome to Helpdesk</h1>{alert}
<div class="row"><div class="col-sm"><h2>Submit a Ticket</h2>
<form method="post" action="/support">
  <div class="mb-3"><label for="id_queue">Queue</label><select name="queue" id="id_queue" class="form-control" required>
    <option value="" selected>---------</option>{queues}</select></div>
  <div class="mb-3"><label for="id_title">Summary of the problem</label><input type="text" name="title" id="id_title" class="form-control" required></div>
  <div class="mb-3"><label for="id_body">Description of your issue</label><textarea name="body" id="id_body" class="form-control" required></textarea></div>
  <div class="mb-3"><label for="id_priority">Priority</label><select name="priority" id="id_priority" class="form-control">{priorities}</select></div>
  <div class="mb-3"><label for="id_submitter_email">Your E-mail Address</label>
    <input type="email" name="submitter_email" id="id_submitter_email" class="form-control" required></div>
  <button type="submit" class="btn btn-primary">Submit Ticket</button>
</form></div>
<div class="col-sm"><h2>View a Ticket</h2>
<form method="get" action="/support/view"><fieldset>
  <div class="mb-3"><label for="id_ticket">Ticket</label><div class="input-group"><input type="text" name="ticket" class="form-control"></div></div>
  <div class="mb-3"><label for="id_email">Your E-mail Address</label><div class="input-group"><input type="text" name="email" class="form-control"></div></div>
  <div class="buttons mb-3"><input type="submit" class="btn btn-primary" value="View Ticket"></div>
</fieldset></form></div></div>"""
        return self.page(request, "Helpdesk", main)

    async def view_ticket(self, request: Request) -> HTMLResponse:
        ticket, email = (
            request.query_params.get("ticket", ""),
            request.query_params.get("email", ""),
        )
        if ticket.strip() and email.strip():
            return self.page(
                request,
                "Ticket",
                f"<h1>Ticket {_e(ticket)} is open</h1><p>Updates go to"
                f" {_e(email)}.</p>",
            )
        return self.page(
            request,
            "Ticket",
            '<h1>View a Ticket</h1><div class="alert alert-danger" role="alert">'
            "Missing ticket ID or e-mail address. Please try again.</div>",
        )

    # -- a small shop: a quantity box (no label on the potholed site), a checkout whose
    # country defaults to the first of the list (potholed) and a payment step shipped
    # unfinished (potholed) ------------------------------

    async def plug(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            form = {
                k: v[0] for k, v in parse_qs((await request.body()).decode()).items()
            }
            return self.page(
                request,
                "Basket",
                f"<h1>Basket</h1><p>{_e(form.get('quantity', '1'))} smart plugs in your"
                " basket.</p>",
            )
        # Pothole (dead_end): the potholed quantity box has no label, no accessible
        # name, no placeholder.
        label = '<label for="qty">Quantity</label>' if self.smooth else ""
        box = (
            '<input type="number" name="quantity"'
            f' {"id=qty " if self.smooth else ""}value="1" min="1">'
        )
        return self.page(
            request,
            "Smart plug",
            f"""<h1>Smart plug</h1><p>£19 each.</p>
<form method="post" action="/shop/plug">{label}{box}<button type="submit" class="btn btn-primary">Add to basket</button></form>""",
        )

    async def checkout(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            form = {
                k: v[0]
                for k, v in parse_qs(
                    (await request.body()).decode(), keep_blank_values=True
                ).items()
            }
            if all(form.get(n, "").strip() for n in ("name", "email", "country")):
                return RedirectResponse("/checkout/payment", status_code=303)
        # Pothole (wrong_default): the potholed country list has no "Select a country"
        # and starts at Afghanistan.
        first = (
            ""
            if not self.smooth
            else '<option value="" selected>Select a country…</option>'
        )
        countries = "".join(
            f"<option>{c}</option>"
            for c in ("Afghanistan", "Albania", "Ireland", "United Kingdom")
        )
        return self.page(
            request,
            "Checkout",
            f"""<h1>Your details</h1>
<form method="post" action="/checkout">
  <div class="mb-3"><label for="co-name">Full name</label><input id="co-name" name="name" autocomplete="name" required></div>
  <div class="mb-3"><label for="co-email">E-mail</label><input id="co-email" name="email" type="email" autocomplete="email" required></div>
  <div class="mb-3"><label for="co-country">Country</label><select id="co-country" name="country" autocomplete="country" required>{first}{countries}</select></div>
  <button type="submit" class="btn btn-primary">Continue to payment</button>
</form>""",
        )

    async def payment(self, request: Request) -> HTMLResponse:
        if request.method == "POST":
            return self.page(
                request,
                "Thank you",
                "<h1>Payment received</h1><p>Your smart plugs are on their way.</p>",
            )
        if (
            not self.smooth
        ):  # Pothole (dead_end): the payment step was shipped unfinished.
            return self.page(
                request,
                "Payment",
                "<h1>This page needs implementing</h1><p>Enter payment details"
                " here.</p>",
            )
        return self.page(
            request,
            "Payment",
            """<h1>Payment</h1>
<form method="post" action="/checkout/payment">
  <div class="mb-3"><label for="cc">Card number</label><input id="cc" name="cc" autocomplete="cc-number" required></div>
  <div class="mb-3"><label for="exp">Expiry date (MM/YY)</label><input id="exp" name="exp" autocomplete="cc-exp" required></div>
  <div class="mb-3"><label for="cvc">Security code</label><input id="cvc" name="cvc" autocomplete="cc-csc" required></div>
  <button type="submit" class="btn btn-primary">Pay now</button>
</form>""",
        )

    # -- help and contact: goal evidence and a loop ------------------------------------

    async def help(self, request: Request) -> HTMLResponse:
        return self.page(
            request,
            "Help",
            """<h1>Help and support</h1><ul>
<li><a href="/help/bills">Understanding your bill</a></li><li><a href="/contact">Contact us</a></li></ul>""",
        )

    async def bills(self, request: Request) -> HTMLResponse:
        return self.page(
            request,
            "Bills",
            "<h1>Understanding your bill</h1><p>Your bill shows what you used.</p>",
        )

    async def contact(self, request: Request) -> HTMLResponse:
        if self.smooth:
            return self.page(
                request,
                "Contact us",
                """<h1>Contact us</h1>
<p>Call us on <a href="tel:+443301234567">0330 123 4567</a>, Monday to Friday 8am to 6pm,
or write to <a href="mailto:help@northwind.example">help@northwind.example</a>.</p>""",
            )
        # Pothole (dead_end): the potholed contact page offers no way to reach anyone,
        # only the FAQs, which lead back.
        return self.page(
            request,
            "Contact us",
            """<h1>Contact us</h1>
<p>Most questions are answered in our <a href="/faq">frequently asked questions</a>.</p>""",
        )

    async def faq(self, request: Request) -> HTMLResponse:
        return self.page(
            request,
            "FAQ",
            """<h1>Frequently asked questions</h1>
<p>Still stuck? <a href="/help">Help and support</a></p>""",
        )

    # -- tariffs: the potholed link answers 404 ----------------------------------------

    async def tariffs(self, request: Request) -> HTMLResponse:
        href = "/tariffs/compare" if self.smooth else "/tariffs/compare-2023"
        return self.page(
            request,
            "Tariffs",
            f'<h1>Our tariffs</h1><a class="btn btn-primary" href="{href}">Compare'
            " tariffs</a>",
        )

    async def compare(self, request: Request) -> HTMLResponse:
        return self.page(
            request,
            "Compare tariffs",
            "<h1>Compare tariffs</h1><table><tr><td>Fixed"
            " 12</td><td>£92</td></tr></table>",
        )

    async def not_found(self, request: Request, exc: Exception) -> HTMLResponse:
        return self.page(
            request,
            "Page not found",
            "<h1>Page not found</h1><p>Sorry, we cannot find that page.</p>",
            status=404,
        )


def create_app(mode: str = "smooth") -> Starlette:
    site = RealWorld(mode)
    both = ["GET", "POST"]
    return Starlette(
        routes=[
            Route("/", site.home),
            Route("/quote", site.quote, methods=both),
            Route("/sign-in", site.sign_in, methods=both),
            Route("/report", site.report, methods=both),
            Route("/move", site.move, methods=both),
            Route("/support", site.support, methods=both),
            Route("/support/view", site.view_ticket),
            Route("/shop/plug", site.plug, methods=both),
            Route("/checkout", site.checkout, methods=both),
            Route("/checkout/payment", site.payment, methods=both),
            Route("/help", site.help),
            Route("/help/bills", site.bills),
            Route("/contact", site.contact),
            Route("/faq", site.faq),
            Route("/tariffs", site.tariffs),
            Route("/tariffs/compare", site.compare),
            *felt_once_routes(
                site.smooth
            ),  # design-system pages: what a customer feels once (felt_once.py)
            *navigation_routes(
                site
            ),  # links that leave the web page, downloads and loops (navigation.py)
            *keyboard_routes(site),  # for a customer using the keyboard (keyboard.py)
            *barrier_routes(site),  # design systems as axe-core sees them (barriers.py)
        ],
        exception_handlers={404: site.not_found},
    )
