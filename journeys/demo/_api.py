"""The shop's JSON APIs: health, the chatbot (public) and the support-ticket desk
(Bearer token).
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ._forms import read_json
from ._mail import Outbox
from ._state import ShopState

QUEUES = ("support", "billing")


class ShopApi:
    """The API routes of one shop; the pages' class inherits them so both share the
    shop's state.
    """

    mode: str
    support_token: str | None
    state: ShopState
    mail: Outbox

    def api_routes(self) -> list[Route]:
        return [
            Route("/api/health", self.health),
            Route("/api/chat", self.chat, methods=["POST"]),
            # The same bot as a chat platform speaks: a session first, then its messages
            # (read back for a person joining).
            Route("/api/chat/sessions", self.start_chat, methods=["POST"]),
            Route(
                "/api/chat/sessions/{id}/messages",
                self.chat_session,
                methods=["GET", "POST"],
            ),
            Route("/api/tickets", self.open_ticket, methods=["POST"]),
            Route("/api/tickets/{id}", self.read_ticket),
            Route(
                "/api/tickets/{id}/messages", self.add_ticket_message, methods=["POST"]
            ),
        ]

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "mode": self.mode})

    async def chat(self, request: Request) -> Response:
        payload = await read_json(request)
        if isinstance(payload, Response):
            return payload
        message, session = payload.get("message"), payload.get("session")
        if not isinstance(message, str) or not message.strip():
            return JSONResponse(
                {"error": 'send {"session": <id or null>, "message": "<text>"}'},
                status_code=400,
            )
        if session is not None and not isinstance(session, str):
            return JSONResponse(
                {"error": "session must be a string or null"}, status_code=400
            )
        session, reply = self.state.chat(session, message[:2000])
        return JSONResponse(reply.to_json(session))

    async def start_chat(self, request: Request) -> Response:
        return JSONResponse({"id": self.state.start_chat()}, status_code=201)

    async def chat_session(self, request: Request) -> Response:
        session = request.path_params["id"]
        log = self.state.chat_log(session)
        if log is None:
            return JSONResponse(
                {
                    "error": (
                        f"no chat session {session}: start one with POST"
                        " /api/chat/sessions"
                    )
                },
                status_code=404,
            )
        if request.method == "GET":
            return JSONResponse({"id": session, "messages": log})
        payload = await read_json(request)
        if isinstance(payload, Response):
            return payload
        message = payload.get("message")
        if not isinstance(message, str) or not message.strip():
            return JSONResponse(
                {"error": 'send {"message": "<text>"}'}, status_code=400
            )
        _, reply = self.state.chat(session, message[:2000])
        return JSONResponse(reply.to_json(session))

    def _refuse(self, request: Request) -> Response | None:
        """A 401 unless the request carries the shop's support token."""
        if not self.support_token:
            return JSONResponse(
                {
                    "error": (
                        "the ticket API is switched off: this shop has no support token"
                    )
                },
                status_code=401,
            )
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            token.strip().encode(), self.support_token.encode()
        ):
            return JSONResponse(
                {"error": "missing or wrong token: send Authorization: Bearer <token>"},
                status_code=401,
            )
        return None

    async def open_ticket(self, request: Request) -> Response:
        refused = self._refuse(request)
        if refused:
            return refused
        payload = await read_json(request)
        if isinstance(payload, Response):
            return payload
        subject, body, email = (payload.get(k) for k in ("subject", "body", "email"))
        queue = payload.get("queue") or "support"
        if (
            not all(isinstance(v, str) for v in (subject, body, email, queue))
            or not (subject or "").strip()
        ):
            return JSONResponse(
                {
                    "error": (
                        'send {"subject": str, "body": str, "email": str, "queue": str'
                        " (optional)}"
                    )
                },
                status_code=400,
            )
        if queue not in QUEUES:
            return JSONResponse(
                {"error": f"no queue {queue!r}: one of {', '.join(QUEUES)}"},
                status_code=400,
            )
        ticket = self.state.open_ticket(subject[:300], body[:5000], email[:300], queue)
        await self.mail.ticket_acknowledged(ticket)
        return JSONResponse({"id": ticket.id, "status": ticket.status}, status_code=201)

    async def read_ticket(self, request: Request) -> Response:
        refused = self._refuse(request)
        if refused:
            return refused
        ticket = self.state.ticket(request.path_params["id"])
        if ticket is None:
            return JSONResponse(
                {"error": f"no ticket {request.path_params['id']}"}, status_code=404
            )
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
            return JSONResponse(
                {"error": 'send {"text": "<message>"}'}, status_code=400
            )
        if not self.state.add_ticket_message(request.path_params["id"], text[:5000]):
            return JSONResponse(
                {"error": f"no ticket {request.path_params['id']}"}, status_code=404
            )
        return JSONResponse({"ok": True}, status_code=201)
