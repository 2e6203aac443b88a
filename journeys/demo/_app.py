"""The Stride shop: a Starlette app, server-rendered pages plus the chatbot and support-ticket APIs.

`create_app("smooth")` is a shop without potholes; `create_app("potholed")`
plants the potholes listed in potholes.toml. Every planted pothole is marked
with a `# Pothole:` comment next to the code that plants it.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._state import PRODUCTS, PRODUCTS_BY_SLUG, SIZES, ShopState, pounds
from ._talk import ORDER_NUMBER, tracking_status

MODES = ("smooth", "potholed")
SESSION_COOKIE = "stride_session"
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_FORM_BYTES = 64 * 1024
# Pothole (wait): how long the potholed tracking page takes to answer.
SLOW_TRACKING_S = 3.5

_templates = Environment(
    loader=PackageLoader("journeys.demo", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals["pounds"] = pounds

# Pothole (dead_end): the details step's Continue swallows its first click. No DOM change, no
# request, no navigation: a customer sees nothing happen and clicks again.
_SWALLOW_FIRST_CLICK = """
(() => {
  const button = document.getElementById('form-submit');
  let clickedBefore = false;
  button.addEventListener('click', (event) => {
    if (!clickedBefore) { clickedBefore = true; event.preventDefault(); }
  });
})();
"""
# Pothole (error_seen): the sign-up page's validation script breaks as the page loads.
_BROKEN_SIGNUP_SCRIPT = (
    "const signupForm = window.strideForms.signup;  // strideForms was never defined\n"
    "signupForm.validate();"
)


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str = "text"
    autocomplete: str = ""


NAME = Field("name", "Full name", autocomplete="name")
EMAIL = Field("email", "E-mail", "email", "email")
CONFIRM_EMAIL = Field("email_again", "Confirm e-mail", "email")
DELIVERY_EMAIL = Field("delivery_email", "E-mail", "email")
ADDRESS = Field("address", "Address", autocomplete="street-address")
CITY = Field("city", "City", autocomplete="address-level2")
POSTCODE = Field("postcode", "Postcode", autocomplete="postal-code")
CARD = Field("card", "Card number", autocomplete="cc-number")
EXPIRY = Field("expiry", "Expiry date", autocomplete="cc-exp")
CVC = Field("cvc", "Security code", autocomplete="cc-csc")
PASSWORD = Field("password", "Password", "password", "new-password")
ORDER = Field("order", "Order number")
PROBLEM = Field("problem", "What went wrong", "textarea")


class SessionCookie:
    """Gives every visitor a random session id (scope state "session"), set as a cookie on first sight."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = SimpleCookie()
        for name, value in scope["headers"]:
            if name == b"cookie":
                try:
                    cookies.load(value.decode("latin-1"))
                except Exception:  # noqa: BLE001 - a malformed cookie header is just no session
                    pass
        found = cookies.get(SESSION_COOKIE)
        session = found.value if found and _SESSION_ID.match(found.value) else ""
        is_new = not session
        session = session or secrets.token_urlsafe(18)
        scope.setdefault("state", {})["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if is_new and message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax"
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def create_app(mode: str, *, support_token: str | None = None) -> Starlette:
    """The Stride shop in `mode` ("smooth" or "potholed"); the ticket API needs `support_token` as a Bearer token."""
    if mode not in MODES:
        raise ValueError(f"demo mode {mode!r} is not one of {', '.join(MODES)}")
    return _Shop(mode, support_token).app()


class _Shop:
    def __init__(self, mode: str, support_token: str | None) -> None:
        self.mode = mode
        self.smooth = mode == "smooth"
        self.support_token = support_token
        self.state = ShopState(mode)

    def app(self) -> Starlette:
        routes = [
            Route("/", self.home),
            Route("/shop", self.shop),
            Route("/product/{slug}", self.product),
            Route("/basket", self.basket),
            Route("/basket/add", self.basket_add, methods=["POST"]),
            Route("/basket/remove", self.basket_remove, methods=["POST"]),
            Route("/checkout/details", self.checkout_details, methods=["GET", "POST"]),
            Route("/checkout/delivery", self.checkout_delivery, methods=["GET", "POST"]),
            Route("/checkout/payment", self.checkout_payment, methods=["GET", "POST"]),
            Route("/order/{number}", self.order),
            Route("/signup", self.signup, methods=["GET", "POST"]),
            Route("/account", self.account),
            Route("/track", self.track, methods=["GET", "POST"]),
            Route("/help", self.help),
            Route("/help/faq", self.faq),
            Route("/help/delivery-returns", self.delivery_returns),
            Route("/returns", self.returns, methods=["GET", "POST"]),
            Route("/contact", self.contact, methods=["GET", "POST"]),
            Route("/api/health", self.health),
            Route("/api/chat", self.chat, methods=["POST"]),
            Route("/api/tickets", self.open_ticket, methods=["POST"]),
            Route("/api/tickets/{id}", self.read_ticket),
            Route("/api/tickets/{id}/messages", self.add_ticket_message, methods=["POST"]),
            Mount("/static", StaticFiles(packages=[("journeys.demo", "static")]), name="static"),
        ]
        app = Starlette(
            routes=routes, middleware=[Middleware(SessionCookie)], exception_handlers={HTTPException: self.http_error}
        )
        app.state.shop = self.state
        return app

    # -- rendering ---------------------------------------------------------------------------

    def page(self, request: Request, template: str, title: str, status: int = 200, **context: Any) -> HTMLResponse:
        visit = self.state.visit(_session(request))
        html = _templates.get_template(template).render(
            title=title, mode=self.mode, basket_count=len(visit.basket), **context
        )
        return HTMLResponse(html, status_code=status)

    def form_page(
        self,
        request: Request,
        *,
        title: str,
        action: str,
        fields: list[Field],
        button: str,
        values: dict[str, str] | None = None,
        error: str = "",
        status: int = 200,
        heading: str = "",
        step: str = "",
        intro: str = "",
        scripts: tuple[str, ...] = (),
    ) -> HTMLResponse:
        return self.page(
            request, "form.html", title, status, heading=heading or title, action=action, fields=fields,
            button=button, values=values or {}, error=error, step=step, intro=intro, scripts=scripts,
        )

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": getattr(exc, "detail", "error")}, status_code=status)
        if status == 404:
            return self.page(request, "not_found.html", "Page not found", 404, path=request.url.path)
        return self.page(
            request, "message.html", "Something went wrong", status,
            heading="Something went wrong", paragraphs=[str(getattr(exc, "detail", ""))], links=[("Home", "/")],
        )

    # -- shop --------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        title = "Spring sale: 30% off running shoes" if self.smooth else "New spring collection"
        return self.page(request, "home.html", title)

    async def shop(self, request: Request) -> Response:
        return self.page(request, "shop.html", "Running shoes", products=PRODUCTS)

    async def product(self, request: Request) -> Response:
        product = PRODUCTS_BY_SLUG.get(request.path_params["slug"])
        if product is None:
            raise HTTPException(404)
        return self.page(request, "product.html", product.name, product=product, sizes=SIZES)

    async def basket(self, request: Request) -> Response:
        lines = self._basket_lines(request)
        return self.page(request, "basket.html", "Your basket", lines=lines, total=sum(p for _, _, p in lines))

    async def basket_add(self, request: Request) -> Response:
        form = await _form(request)
        slug, size = form.get("product", ""), form.get("size", "UK 8")
        if slug not in PRODUCTS_BY_SLUG or size not in SIZES:
            raise HTTPException(400, "That shoe or size is not in the shop.")
        self.state.add_to_basket(_session(request), slug, size)
        return RedirectResponse("/basket", status_code=303)

    async def basket_remove(self, request: Request) -> Response:
        form = await _form(request)
        if form.get("line", "").isdigit():
            self.state.remove_from_basket(_session(request), int(form["line"]))
        return RedirectResponse("/basket", status_code=303)

    def _basket_lines(self, request: Request) -> list[tuple[str, str, int]]:
        visit = self.state.visit(_session(request))
        return [
            (PRODUCTS_BY_SLUG[slug].name, size, PRODUCTS_BY_SLUG[slug].price_in(self.mode))
            for slug, size in visit.basket
        ]

    # -- guest checkout: details, delivery, payment ------------------------------------------------

    async def checkout_details(self, request: Request) -> Response:
        session = _session(request)
        if not self.state.visit(session).basket:
            return RedirectResponse("/basket", status_code=303)
        fields = [NAME, EMAIL]
        scripts = () if self.smooth else (_SWALLOW_FIRST_CLICK,)
        values = dict(self.state.visit(session).checkout)
        if request.method == "POST":
            values = await _form(request)
            error = _missing(values, fields) or _email_problem(values.get("email", ""))
            if not error:
                self.state.remember_checkout(session, name=values["name"].strip(), email=values["email"].strip())
                return RedirectResponse("/checkout/delivery", status_code=303)
            return self._details_page(request, values, error, scripts)
        return self._details_page(request, values, "", scripts)

    def _details_page(self, request: Request, values: dict, error: str, scripts: tuple[str, ...]) -> Response:
        return self.form_page(
            request, title="Your details", action="/checkout/details", fields=[NAME, EMAIL], button="Continue",
            values=values, error=error, step="Step 1 of 3: your details", scripts=scripts,
        )

    async def checkout_delivery(self, request: Request) -> Response:
        session = _session(request)
        checkout = self.state.visit(session).checkout
        if not self.state.visit(session).basket or "email" not in checkout:
            return RedirectResponse("/checkout/details", status_code=303)
        # Pothole (reentered_data): the delivery step asks again for the e-mail given on the details step.
        fields = [ADDRESS, CITY, POSTCODE] if self.smooth else [ADDRESS, CITY, POSTCODE, DELIVERY_EMAIL]
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await _form(request)
            error = _missing(values, fields) or (
                "" if self.smooth else _email_problem(values.get("delivery_email", ""))
            )
            if not error:
                self.state.remember_checkout(session, **{f.id: values[f.id].strip() for f in fields})
                return RedirectResponse("/checkout/payment", status_code=303)
        return self.form_page(
            request, title="Delivery", action="/checkout/delivery", fields=fields, button="Continue", values=values,
            error=error, heading="Where should we deliver?",
            step="Step 2 of 3: delivery",
        )

    async def checkout_payment(self, request: Request) -> Response:
        session = _session(request)
        checkout = self.state.visit(session).checkout
        if not self.state.visit(session).basket or "postcode" not in checkout:
            return RedirectResponse("/checkout/delivery", status_code=303)
        fields = [CARD, EXPIRY, CVC]
        error = ""
        if request.method == "POST":
            values = await _form(request)
            error = _missing(values, fields) or _card_problem(values)
            if not error:
                order = self.state.place_order(session)
                return RedirectResponse(f"/order/{order.number}", status_code=303)
        total = sum(p for _, _, p in self._basket_lines(request))
        return self.form_page(
            request, title="Payment", action="/checkout/payment", fields=fields, button="Place order",
            error=error, heading="Payment", step="Step 3 of 3: payment",
            intro=f"Total to pay: {pounds(total)}",
        )

    async def order(self, request: Request) -> Response:
        order = self.state.order(request.path_params["number"])
        # An order is only shown to the visitor who placed it.
        if order is None or order.visit != _session(request):
            raise HTTPException(404)
        return self.page(request, "order.html", f"Order {order.number}", order=order)

    # -- account -------------------------------------------------------------------------------------

    async def signup(self, request: Request) -> Response:
        # Pothole (reentered_data): the potholed form asks to type the e-mail twice.
        fields = [NAME, EMAIL, PASSWORD] if self.smooth else [NAME, EMAIL, CONFIRM_EMAIL, PASSWORD]
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await _form(request)
            error = _missing(values, fields) or _email_problem(values.get("email", ""))
            if not error and not self.smooth and values["email_again"].strip().lower() != values["email"].strip().lower():
                error = "The two e-mail addresses do not match."
            if not error and len(values["password"]) < 8:
                error = "Choose a password of at least 8 characters."
            if not error:
                created = self.state.create_account(
                    _session(request), values["name"].strip(), values["email"].strip(), values["password"]
                )
                if created:
                    return RedirectResponse("/account", status_code=303)
                error = "There is already an account with this e-mail."
            values = {k: v for k, v in values.items() if k != "password"}  # never echo a password
        # Pothole (error_seen): the potholed sign-up page throws a script error as it loads.
        scripts = () if self.smooth else (_BROKEN_SIGNUP_SCRIPT,)
        return self.form_page(
            request, title="Create your account", action="/signup", fields=fields, button="Create account",
            values=values, error=error, scripts=scripts,
            intro="Save your details for next time and follow your orders.",
        )

    async def account(self, request: Request) -> Response:
        account = self.state.account(_session(request))
        if account is None:
            return RedirectResponse("/signup", status_code=303)
        return self.page(
            request, "message.html", "Your account", heading=f"Welcome, {account['name']}",
            paragraphs=[f"Your account for {account['email']} is ready."], links=[("Shop running shoes", "/shop")],
        )

    # -- tracking, help, returns, contact ----------------------------------------------------------------

    async def track(self, request: Request) -> Response:
        fields = [ORDER, EMAIL]
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await _form(request)
            number = values.get("order", "").strip().upper()
            error = _missing(values, fields) or (
                "" if ORDER_NUMBER.fullmatch(number) else "Order numbers look like SH-123456."
            )
            if not error:
                if not self.smooth:
                    await asyncio.sleep(SLOW_TRACKING_S)  # Pothole (wait): the tracking answer is slow.
                return self.page(
                    request, "track_result.html", f"Order {number}", number=number, order_status=tracking_status(number)
                )
        return self.form_page(
            request, title="Track my order", action="/track", fields=fields, button="Track order", values=values,
            error=error, intro="Find out where your shoes are.",
        )

    async def help(self, request: Request) -> Response:
        # Pothole (dead_end): the potholed Returns policy link points at a page that does not exist.
        returns_href = "/returns" if self.smooth else "/help/returns-policy"
        return self.page(request, "help.html", "Help centre", returns_href=returns_href)

    async def faq(self, request: Request) -> Response:
        return self.page(request, "faq.html", "Frequently asked questions")

    async def delivery_returns(self, request: Request) -> Response:
        return self.page(
            request, "message.html", "Delivery and returns", heading="Delivery and returns",
            paragraphs=[
                "Standard delivery takes 2 to 4 working days and is free on orders over £50.",
                "You can send unworn shoes back within 30 days of delivery, free of charge.",
            ],
            links=[("Return an order", "/returns"), ("Help centre", "/help")],
        )

    async def returns(self, request: Request) -> Response:
        fields = [ORDER, EMAIL, PROBLEM]
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await _form(request)
            number = values.get("order", "").strip().upper()
            error = _missing(values, fields) or (
                "" if ORDER_NUMBER.fullmatch(number) else "Order numbers look like SH-123456."
            )
            if not error:
                return self.page(
                    request, "message.html", "Return started", heading=f"Your return for order {number} has started",
                    paragraphs=["Print the label we've sent to your inbox, and drop the parcel at any post office.",
                                "Your money goes back to your card as soon as the parcel is scanned."],
                    links=[("Shop running shoes", "/shop")],
                )
        return self.form_page(
            request, title="Return an order", action="/returns", fields=fields, button="Start my return",
            values=values, error=error,
            intro="Returns are free within 30 days of delivery. Tell us which order, and what went wrong.",
        )

    async def contact(self, request: Request) -> Response:
        if not self.smooth:
            # Pothole (dead_end): there is no contact page: it was "moved" to the FAQ, which loops back to help.
            return RedirectResponse("/help/faq", status_code=302)
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await _form(request)
            error = _missing(values, [NAME, EMAIL, PROBLEM]) or _email_problem(values.get("email", ""))
            if not error:
                body = values["problem"].strip()
                if values.get("order", "").strip():
                    body = f"Order {values['order'].strip()}: {body}"
                ticket = self.state.open_ticket(f"Message from {values['name'].strip()}", body, values["email"].strip())
                reply = ticket.messages[-1]["text"]
                return self.page(
                    request, "message.html", "Message sent", heading="Thanks, we have your message",
                    paragraphs=[f"Your case number is {ticket.id}.", f"Our team has already answered: {reply}"],
                    links=[("Shop running shoes", "/shop")],
                )
        return self.page(request, "contact.html", "Contact us", values=values, error=error)

    # -- APIs ------------------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "mode": self.mode})

    async def chat(self, request: Request) -> Response:
        payload = await _json(request)
        if isinstance(payload, Response):
            return payload
        message, session = payload.get("message"), payload.get("session")
        if not isinstance(message, str) or not message.strip():
            return JSONResponse({"error": 'send {"session": <id or null>, "message": "<text>"}'}, status_code=400)
        if session is not None and not isinstance(session, str):
            return JSONResponse({"error": "session must be a string or null"}, status_code=400)
        session, reply = self.state.chat(session, message[:2000])
        return JSONResponse(reply.to_json(session))

    def _refuse(self, request: Request) -> Response | None:
        """A 401 unless the request carries the shop's support token."""
        if not self.support_token:
            return JSONResponse({"error": "the ticket API is switched off: this shop has no support token"}, status_code=401)
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip().encode(), self.support_token.encode()):
            return JSONResponse({"error": "missing or wrong token: send Authorization: Bearer <token>"}, status_code=401)
        return None

    async def open_ticket(self, request: Request) -> Response:
        refused = self._refuse(request)
        if refused:
            return refused
        payload = await _json(request)
        if isinstance(payload, Response):
            return payload
        subject, body, email = (payload.get(k) for k in ("subject", "body", "email"))
        if not all(isinstance(v, str) for v in (subject, body, email)) or not (subject or "").strip():
            return JSONResponse({"error": 'send {"subject": str, "body": str, "email": str}'}, status_code=400)
        ticket = self.state.open_ticket(subject[:300], body[:5000], email[:300])
        return JSONResponse({"id": ticket.id, "status": ticket.status}, status_code=201)

    async def read_ticket(self, request: Request) -> Response:
        refused = self._refuse(request)
        if refused:
            return refused
        ticket = self.state.ticket(request.path_params["id"])
        if ticket is None:
            return JSONResponse({"error": f"no ticket {request.path_params['id']}"}, status_code=404)
        return JSONResponse(ticket)

    async def add_ticket_message(self, request: Request) -> Response:
        refused = self._refuse(request)
        if refused:
            return refused
        payload = await _json(request)
        if isinstance(payload, Response):
            return payload
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            return JSONResponse({"error": 'send {"text": "<message>"}'}, status_code=400)
        if not self.state.add_ticket_message(request.path_params["id"], text[:5000]):
            return JSONResponse({"error": f"no ticket {request.path_params['id']}"}, status_code=404)
        return JSONResponse({"ok": True}, status_code=201)


# -- request helpers ----------------------------------------------------------------------------------


def _session(request: Request) -> str:
    return request.scope["state"]["session"]


async def _form(request: Request) -> dict[str, str]:
    """A urlencoded form as {name: first value}; the shop's forms post nothing else."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "That form is too large.")
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


async def _json(request: Request) -> dict[str, Any] | Response:
    body = await request.body()
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
    return payload


def _missing(values: dict[str, str], fields: list[Field]) -> str:
    empty = [field.label for field in fields if not values.get(field.id, "").strip()]
    if not empty:
        return ""
    return f"Please fill in: {', '.join(empty)}."


def _email_problem(email: str) -> str:
    return "" if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email.strip()) else "That e-mail address does not look right."


def _card_problem(values: dict[str, str]) -> str:
    digits = re.sub(r"[\s-]", "", values.get("card", ""))
    if not (digits.isdigit() and 12 <= len(digits) <= 19):
        return "That card number does not look right."
    if not re.fullmatch(r"(0[1-9]|1[0-2])\s*/\s*\d{2}", values.get("expiry", "").strip()):
        return "Write the expiry date as MM/YY."
    if not re.fullmatch(r"\d{3,4}", values.get("cvc", "").strip()):
        return "The security code is the 3 or 4 digits on the back of the card."
    return ""
