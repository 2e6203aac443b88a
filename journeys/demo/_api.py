"""The shop's JSON APIs: health, the chatbot (public) and the support-ticket desk (Bearer token)."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._forms import read_json
from ._mail import Outbox
from ._state import ShopState


class ShopApi:
    """The API routes of one shop; the pages' class inherits them so both share the shop's state."""

    mode: str
    support_token: str | None
    state: ShopState
    mail: Outbox

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "mode": self.mode})

    async def chat(self, request: Request) -> Response:
        payload = await read_json(request)
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
        payload = await read_json(request)
        if isinstance(payload, Response):
            return payload
        subject, body, email = (payload.get(k) for k in ("subject", "body", "email"))
        if not all(isinstance(v, str) for v in (subject, body, email)) or not (subject or "").strip():
            return JSONResponse({"error": 'send {"subject": str, "body": str, "email": str}'}, status_code=400)
        ticket = self.state.open_ticket(subject[:300], body[:5000], email[:300])
        await self.mail.ticket_acknowledged(ticket)
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
        payload = await read_json(request)
        if isinstance(payload, Response):
            return payload
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            return JSONResponse({"error": 'send {"text": "<message>"}'}, status_code=400)
        if not self.state.add_ticket_message(request.path_params["id"], text[:5000]):
            return JSONResponse({"error": f"no ticket {request.path_params['id']}"}, status_code=404)
        return JSONResponse({"ok": True}, status_code=201)
