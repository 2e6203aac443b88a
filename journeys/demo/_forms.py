"""The shop's forms and requests: fields as customers read them, parsing and validation,
the session cookie.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "stride_session"
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_FORM_BYTES = 64 * 1024


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
    """Gives every visitor a random session id (scope state "session"), set as a cookie
    on first sight.
    """

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
                    "set-cookie",
                    f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax",
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


# -- request helpers -------------------------------------------------------------------


def session_of(request: Request) -> str:
    return request.scope["state"]["session"]


async def read_form(request: Request) -> dict[str, str]:
    """A urlencoded form as {name: first value}; the shop's forms post nothing else."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "That form is too large.")
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


async def read_json(request: Request) -> dict[str, Any] | Response:
    body = await request.body()
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        return JSONResponse(
            {"error": "the body must be a JSON object"}, status_code=400
        )
    return payload


def missing(values: dict[str, str], fields: list[Field]) -> str:
    empty = [field.label for field in fields if not values.get(field.id, "").strip()]
    if not empty:
        return ""
    return f"Please fill in: {', '.join(empty)}."


def email_problem(email: str) -> str:
    return (
        ""
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email.strip())
        else "That e-mail address does not look right."
    )


def card_problem(values: dict[str, str]) -> str:
    digits = re.sub(r"[\s-]", "", values.get("card", ""))
    if not (digits.isdigit() and 12 <= len(digits) <= 19):
        return "That card number does not look right."
    if not re.fullmatch(
        r"(0[1-9]|1[0-2])\s*/\s*\d{2}", values.get("expiry", "").strip()
    ):
        return "Write the expiry date as MM/YY."
    if not re.fullmatch(r"\d{3,4}", values.get("cvc", "").strip()):
        return "The security code is the 3 or 4 digits on the back of the card."
    return ""
