"""The Stride shop: a Starlette app, server-rendered pages plus the chatbot and
support-ticket APIs.

`create_app("smooth")` is a shop without potholes; `create_app("potholed")` plants the
potholes listed in potholes.toml. Every planted pothole is marked with a `# Pothole:`
comment next to the code that plants it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ._api import ShopApi
from ._forms import (
    ADDRESS,
    CARD,
    CITY,
    CONFIRM_EMAIL,
    CVC,
    DELIVERY_EMAIL,
    EMAIL,
    EXPIRY,
    NAME,
    ORDER,
    PASSWORD,
    POSTCODE,
    PROBLEM,
    Field,
    SessionCookie,
    card_problem,
    email_problem,
    missing,
    read_form,
    session_of,
)
from ._mail import Outbox
from ._phone import phone_routes
from ._pothole_scripts import BROKEN_SIGNUP_SCRIPT, SWALLOW_FIRST_CLICK
from ._state import PRODUCTS, PRODUCTS_BY_SLUG, SIZES, ShopState, pounds
from ._talk import ORDER_NUMBER, tracking_status

MODES = ("smooth", "potholed")
# Pothole (wait): how long the potholed tracking page takes to answer.
SLOW_TRACKING_S = 3.5

_templates = Environment(
    loader=PackageLoader("journeys.demo", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals["pounds"] = pounds


def create_app(
    mode: str, *, support_token: str | None = None, smtp: str | None = None
) -> Starlette:
    """The Stride shop in `mode` ("smooth" or "potholed"); the ticket API needs
    `support_token` as a Bearer token.

    `smtp` ("host:port", else $JOURNEYS_DEMO_SMTP) is where the shop sends its e-mail;
    with neither it sends none.
    """
    if mode not in MODES:
        raise ValueError(f"demo mode {mode!r} is not one of {', '.join(MODES)}")
    return _Shop(mode, support_token, smtp).app()


class _Shop(ShopApi):
    def __init__(
        self, mode: str, support_token: str | None, smtp: str | None = None
    ) -> None:
        self.mode = mode
        self.smooth = mode == "smooth"
        self.support_token = support_token
        self.state = ShopState(mode)
        self.mail = Outbox.to(smtp, smooth=self.smooth)

    def app(self) -> Starlette:
        routes = [
            Route("/", self.home),
            Route("/shop", self.shop),
            Route("/product/{slug}", self.product),
            Route("/basket", self.basket),
            Route("/basket/add", self.basket_add, methods=["POST"]),
            Route("/basket/remove", self.basket_remove, methods=["POST"]),
            Route("/checkout/details", self.checkout_details, methods=["GET", "POST"]),
            Route(
                "/checkout/delivery", self.checkout_delivery, methods=["GET", "POST"]
            ),
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
            *self.api_routes(),
            *phone_routes(self.mode),
            Mount(
                "/static",
                StaticFiles(packages=[("journeys.demo", "static")]),
                name="static",
            ),
        ]
        app = Starlette(
            routes=routes,
            middleware=[Middleware(SessionCookie)],
            exception_handlers={HTTPException: self.http_error},
        )
        app.state.shop = self.state
        return app

    # -- rendering ---------------------------------------------------------------------

    def page(
        self,
        request: Request,
        template: str,
        title: str,
        status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        visit = self.state.visit(session_of(request))
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
        unlabelled: tuple[str, ...] = (),
        faint: bool = False,
        mouse_only: bool = False,
    ) -> HTMLResponse:
        return self.page(
            request,
            "form.html",
            title,
            status,
            heading=heading or title,
            action=action,
            fields=fields,
            button=button,
            values=values or {},
            error=error,
            step=step,
            intro=intro,
            scripts=scripts,
            unlabelled=unlabelled,
            faint=faint,
            mouse_only=mouse_only,
        )

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": getattr(exc, "detail", "error")}, status_code=status
            )
        if status == 404:
            return self.page(
                request, "not_found.html", "Page not found", 404, path=request.url.path
            )
        return self.page(
            request,
            "message.html",
            "Something went wrong",
            status,
            heading="Something went wrong",
            paragraphs=[str(getattr(exc, "detail", ""))],
            links=[("Home", "/")],
        )

    # -- shop --------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        title = (
            "Spring sale: 30% off running shoes"
            if self.smooth
            else "New spring collection"
        )
        return self.page(request, "home.html", title)

    async def shop(self, request: Request) -> Response:
        return self.page(request, "shop.html", "Running shoes", products=PRODUCTS)

    async def product(self, request: Request) -> Response:
        product = PRODUCTS_BY_SLUG.get(request.path_params["slug"])
        if product is None:
            raise HTTPException(404)
        return self.page(
            request, "product.html", product.name, product=product, sizes=SIZES
        )

    async def basket(self, request: Request) -> Response:
        lines = self._basket_lines(request)
        return self.page(
            request,
            "basket.html",
            "Your basket",
            lines=lines,
            total=sum(p for _, _, p in lines),
        )

    async def basket_add(self, request: Request) -> Response:
        form = await read_form(request)
        slug, size = form.get("product", ""), form.get("size", "UK 8")
        if slug not in PRODUCTS_BY_SLUG or size not in SIZES:
            raise HTTPException(400, "That shoe or size is not in the shop.")
        self.state.add_to_basket(session_of(request), slug, size)
        return RedirectResponse("/basket", status_code=303)

    async def basket_remove(self, request: Request) -> Response:
        form = await read_form(request)
        if form.get("line", "").isdigit():
            self.state.remove_from_basket(session_of(request), int(form["line"]))
        return RedirectResponse("/basket", status_code=303)

    def _basket_lines(self, request: Request) -> list[tuple[str, str, int]]:
        visit = self.state.visit(session_of(request))
        return [
            (
                PRODUCTS_BY_SLUG[slug].name,
                size,
                PRODUCTS_BY_SLUG[slug].price_in(self.mode),
            )
            for slug, size in visit.basket
        ]

    # -- guest checkout: details, delivery, payment ------------------------------------

    async def checkout_details(self, request: Request) -> Response:
        session = session_of(request)
        if not self.state.visit(session).basket:
            return RedirectResponse("/basket", status_code=303)
        fields = [NAME, EMAIL]
        scripts = () if self.smooth else (SWALLOW_FIRST_CLICK,)
        values = dict(self.state.visit(session).checkout)
        if request.method == "POST":
            values = await read_form(request)
            error = missing(values, fields) or email_problem(values.get("email", ""))
            if not error:
                self.state.remember_checkout(
                    session, name=values["name"].strip(), email=values["email"].strip()
                )
                return RedirectResponse("/checkout/delivery", status_code=303)
            return self._details_page(request, values, error, scripts)
        return self._details_page(request, values, "", scripts)

    def _details_page(
        self, request: Request, values: dict, error: str, scripts: tuple[str, ...]
    ) -> Response:
        return self.form_page(
            request,
            title="Your details",
            action="/checkout/details",
            fields=[NAME, EMAIL],
            button="Continue",
            values=values,
            error=error,
            step="Step 1 of 3: your details",
            scripts=scripts,
            faint=not self.smooth,  # Pothole (barrier): a Continue too faint to read
        )

    async def checkout_delivery(self, request: Request) -> Response:
        session = session_of(request)
        checkout = self.state.visit(session).checkout
        if not self.state.visit(session).basket or "email" not in checkout:
            return RedirectResponse("/checkout/details", status_code=303)
        # Pothole (reentered_data): the delivery step asks again for the e-mail given on
        # the details step.
        fields = (
            [ADDRESS, CITY, POSTCODE]
            if self.smooth
            else [ADDRESS, CITY, POSTCODE, DELIVERY_EMAIL]
        )
        # Pothole (wrong_default): the potholed delivery step guesses the city
        # ("London") for every visitor.
        values: dict[str, str] = {} if self.smooth else {"city": "London"}
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            error = missing(values, fields) or (
                "" if self.smooth else email_problem(values.get("delivery_email", ""))
            )
            if not error:
                self.state.remember_checkout(
                    session, **{f.id: values[f.id].strip() for f in fields}
                )
                return RedirectResponse("/checkout/payment", status_code=303)
        return self.form_page(
            request,
            title="Delivery",
            action="/checkout/delivery",
            fields=fields,
            button="Continue",
            values=values,
            error=error,
            heading="Where should we deliver?",
            step="Step 2 of 3: delivery",
        )

    async def checkout_payment(self, request: Request) -> Response:
        session = session_of(request)
        checkout = self.state.visit(session).checkout
        if not self.state.visit(session).basket or "postcode" not in checkout:
            return RedirectResponse("/checkout/delivery", status_code=303)
        fields = [CARD, EXPIRY, CVC]
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            error = missing(values, fields) or card_problem(values)
            if not error:
                order = self.state.place_order(session)
                await self.mail.order_confirmed(order, str(request.base_url))
                return RedirectResponse(f"/order/{order.number}", status_code=303)
        total = sum(p for _, _, p in self._basket_lines(request))
        return self.form_page(
            request,
            title="Payment",
            action="/checkout/payment",
            fields=fields,
            button="Place order",
            error=error,
            heading="Payment",
            step="Step 3 of 3: payment",
            intro=f"Total to pay: {pounds(total)}",
            # Pothole (barrier): the security code's label points at another id: no name
            # to a screen reader
            unlabelled=() if self.smooth else (CVC.id,),
        )

    async def order(self, request: Request) -> Response:
        order = self.state.order(request.path_params["number"])
        # An order is only shown to the visitor who placed it.
        if order is None or order.visit != session_of(request):
            raise HTTPException(404)
        return self.page(request, "order.html", f"Order {order.number}", order=order)

    # -- account -----------------------------------------------------------------------

    async def signup(self, request: Request) -> Response:
        # Pothole (reentered_data): the potholed form asks to type the e-mail twice.
        fields = (
            [NAME, EMAIL, PASSWORD]
            if self.smooth
            else [NAME, EMAIL, CONFIRM_EMAIL, PASSWORD]
        )
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            error = missing(values, fields) or email_problem(values.get("email", ""))
            if (
                not error
                and not self.smooth
                and values["email_again"].strip().lower()
                != values["email"].strip().lower()
            ):
                error = "The two e-mail addresses do not match."
            if not error and len(values["password"]) < 8:
                error = "Choose a password of at least 8 characters."
            if not error:
                created = self.state.create_account(
                    session_of(request),
                    values["name"].strip(),
                    values["email"].strip(),
                    values["password"],
                )
                if created:
                    await self.mail.welcome(
                        values["name"].strip(),
                        values["email"].strip(),
                        str(request.base_url),
                    )
                    return RedirectResponse("/account", status_code=303)
                error = "There is already an account with this e-mail."
            values = {
                k: v for k, v in values.items() if k != "password"
            }  # never echo a password
        # Pothole (error_seen): the potholed sign-up page throws a script error as it
        # loads.
        scripts = () if self.smooth else (BROKEN_SIGNUP_SCRIPT,)
        return self.form_page(
            request,
            title="Create your account",
            action="/signup",
            fields=fields,
            button="Create account",
            values=values,
            error=error,
            scripts=scripts,
            intro="Save your details for next time and follow your orders.",
            # Pothole (barrier, keyboard walk): "Create account" works on a click only.
            mouse_only=not self.smooth,
        )

    async def account(self, request: Request) -> Response:
        account = self.state.account(session_of(request))
        if account is None:
            return RedirectResponse("/signup", status_code=303)
        return self.page(
            request,
            "message.html",
            "Your account",
            heading=f"Welcome, {account['name']}",
            paragraphs=[f"Your account for {account['email']} is ready."],
            links=[("Shop running shoes", "/shop")],
        )

    # -- tracking, help, returns, contact ----------------------------------------------

    async def track(self, request: Request) -> Response:
        fields = [ORDER, EMAIL]
        values: dict[str, str] = (
            self._tracking_known(request) if request.method == "GET" else {}
        )
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            number = values.get("order", "").strip().upper()
            error = missing(values, fields) or (
                ""
                if ORDER_NUMBER.fullmatch(number)
                else "Order numbers look like SH-123456."
            )
            visit = self.state.visit(session_of(request))
            if not error and not self.smooth and visit.tracking_tries == 0:
                # Pothole (error_seen, reentered_data): the first try always fails, and
                # the form forgets what the customer typed, so they must type it all
                # again.
                visit.tracking_tries += 1
                error, values = (
                    "Sorry, something went wrong. Please enter your details again.",
                    {},
                )
            if not error:
                if not self.smooth:
                    await asyncio.sleep(
                        SLOW_TRACKING_S
                    )  # Pothole (wait): the tracking answer is slow.
                return self.page(
                    request,
                    "track_result.html",
                    f"Order {number}",
                    number=number,
                    order_status=tracking_status(number),
                )
        return self.form_page(
            request,
            title="Track my order",
            action="/track",
            fields=fields,
            button="Track order",
            values=values,
            error=error,
            intro="Find out where your shoes are.",
        )

    def _tracking_known(self, request: Request) -> dict[str, str]:
        """The order a link names (/track?order=SH-…) and, in the smooth shop, the
        visitor's own e-mail: not asked again.
        """
        number = request.query_params.get("order", "").strip().upper()[:20]
        known = {"order": number} if number else {}
        visit = self.state.visit(session_of(request))
        order = self.state.order(visit.orders[-1]) if visit.orders else None
        if self.smooth and order is not None and order.details.get("email"):
            known["email"] = order.details["email"]
        return known

    async def help(self, request: Request) -> Response:
        # Pothole (dead_end): the potholed Returns policy link points at a page that
        # does not exist.
        returns_href = "/returns" if self.smooth else "/help/returns-policy"
        return self.page(request, "help.html", "Help centre", returns_href=returns_href)

    async def faq(self, request: Request) -> Response:
        return self.page(request, "faq.html", "Frequently asked questions")

    async def delivery_returns(self, request: Request) -> Response:
        return self.page(
            request,
            "message.html",
            "Delivery and returns",
            heading="Delivery and returns",
            paragraphs=[
                (
                    "Standard delivery takes 2 to 4 working days and is free on orders"
                    " over £50."
                ),
                (
                    "You can send unworn shoes back within 30 days of delivery, free of"
                    " charge."
                ),
            ],
            links=[("Return an order", "/returns"), ("Help centre", "/help")],
        )

    async def returns(self, request: Request) -> Response:
        fields = [ORDER, EMAIL, PROBLEM]
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            number = values.get("order", "").strip().upper()
            error = missing(values, fields) or (
                ""
                if ORDER_NUMBER.fullmatch(number)
                else "Order numbers look like SH-123456."
            )
            if not error:
                return self.page(
                    request,
                    "message.html",
                    "Return started",
                    heading=f"Your return for order {number} has started",
                    paragraphs=[
                        (
                            "Print the label we've sent to your inbox, and drop the"
                            " parcel at any post office."
                        ),
                        (
                            "Your money goes back to your card as soon as the parcel is"
                            " scanned."
                        ),
                    ],
                    links=[("Shop running shoes", "/shop")],
                )
        return self.form_page(
            request,
            title="Return an order",
            action="/returns",
            fields=fields,
            button="Start my return",
            values=values,
            error=error,
            intro=(
                "Returns are free within 30 days of delivery. Tell us which order, and"
                " what went wrong."
            ),
        )

    async def contact(self, request: Request) -> Response:
        if not self.smooth:
            # Pothole (dead_end): there is no contact page: it was "moved" to the FAQ,
            # which loops back to help.
            return RedirectResponse("/help/faq", status_code=302)
        values: dict[str, str] = {}
        error = ""
        if request.method == "POST":
            values = await read_form(request)
            error = missing(values, [NAME, EMAIL, PROBLEM]) or email_problem(
                values.get("email", "")
            )
            if not error:
                body = values["problem"].strip()
                if values.get("order", "").strip():
                    body = f"Order {values['order'].strip()}: {body}"
                ticket = self.state.open_ticket(
                    f"Message from {values['name'].strip()}",
                    body,
                    values["email"].strip(),
                )
                await self.mail.ticket_acknowledged(ticket)
                reply = ticket.messages[-1]["text"]
                return self.page(
                    request,
                    "message.html",
                    "Message sent",
                    heading="Thanks, we have your message",
                    paragraphs=[
                        f"Your case number is {ticket.id}.",
                        f"Our team has already answered: {reply}",
                    ],
                    links=[("Shop running shoes", "/shop")],
                )
        return self.page(
            request, "contact.html", "Contact us", values=values, error=error
        )
