"""A small HTTP chat API in front of a RiveScript brain, as a team would put its bot
online.

POST /chat {"session": id or null, "message": "..."} answers {"session": id, "reply":
"...", "fallback": bool}. `fallback` is RiveScript's own word for it: the trigger that
matched was the catch-all "*" (`last_match`). The brain decides every reply; this
wrapper only carries the words.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BRAIN = Path(__file__).parent / "rivescript" / "brain"


def create_app(brain: Path = BRAIN) -> Starlette:
    from rivescript import RiveScript

    bot = RiveScript(utf8=True)
    bot.load_directory(str(brain))
    bot.sort_replies()
    lock = (
        threading.Lock()
    )  # one RiveScript interpreter keeps every user's variables: one reply at a time

    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            return JSONResponse(
                {"error": "message must be non-empty text"}, status_code=400
            )
        session = body.get("session") or uuid.uuid4().hex
        with lock:
            reply = bot.reply(session, message)
            matched = bot.last_match(session)
        return JSONResponse(
            {"session": session, "reply": reply, "fallback": matched == "*"}
        )

    return Starlette(routes=[Route("/chat", chat, methods=["POST"])])
