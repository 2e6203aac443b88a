"""The tests' support bot behind deep-chat (an embeddable chat web component from npm),
both variants.

A shop page embeds `<deep-chat>` from the package's own bundle (node_modules/deep-chat),
served as a static file. The component sends each message to this server (`POST
/chat/{variant}`), which streams its answer back as lines of JSON, word by word; the
page's handler hands them to deep-chat's stream signals, one message per author. Buttons
are deep-chat's own (`deep-chat-suggestion-button`: pressing one sends its words), or,
in the friction variant, a button that does nothing.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.chatui.bot import Conversation, Message, dead_button

BUNDLE = (
    Path(__file__).resolve().parents[2]
    / "node_modules"
    / "deep-chat"
    / "dist"
    / "deepChat.bundle.js"
)
PAGE = Path(__file__).with_name("deepchat_page.html")


def html_of(message: Message, variant: str) -> str:
    """A message's markdown as the little HTML deep-chat shows (lists, bold), with its
    buttons.
    """
    import html

    lines, out, items = message.text.split("\n"), [], []
    for line in lines + [""]:
        item = (
            line[2:]
            if line.startswith("- ")
            else line[3:]
            if line[:1].isdigit() and line[1:3] == ". "
            else None
        )
        if item is not None:
            items.append(f"<li>{html.escape(item)}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.strip():
            out.append("<p>" + html.escape(line).replace("**", "") + "</p>")
    cls = "" if dead_button(variant) else "deep-chat-button deep-chat-suggestion-button"
    out += [
        f'<button type="button" class="{cls}">{html.escape(b)}</button>'
        for b in message.buttons
    ]
    return "<div>" + "".join(out) + "</div>"


def app() -> Starlette:
    conversations: dict[str, Conversation] = {}

    async def page(request: Request) -> Response:
        return HTMLResponse(
            PAGE.read_text(encoding="utf-8").replace(
                "{variant}", request.path_params["variant"]
            )
        )

    async def bundle(request: Request) -> Response:
        return FileResponse(BUNDLE, media_type="text/javascript")

    async def chat(request: Request) -> Response:
        variant = request.path_params["variant"]
        body = await request.json()
        session = body.get("session") or uuid.uuid4().hex
        conversation = conversations.setdefault(session, Conversation(variant))
        said = " ".join(m.get("text", "") for m in body.get("messages", []))

        async def answer() -> AsyncIterator[str]:
            for message in conversation.answer(said):
                await asyncio.sleep(message.first_ms / 1000)
                role = "ai" if message.author == "Penny" else message.author.lower()
                if message.buttons or "\n" in message.text:
                    yield (
                        json.dumps(
                            {
                                "role": role,
                                "html": html_of(message, variant),
                                "new": True,
                            }
                        )
                        + "\n"
                    )
                    continue
                words = message.text.split(" ")
                for index, word in enumerate(words):
                    if index:
                        await asyncio.sleep(message.word_ms / 1000)
                    yield (
                        json.dumps(
                            {
                                "role": role,
                                "text": word if index == 0 else " " + word,
                                "new": index == 0,
                            }
                        )
                        + "\n"
                    )

        return StreamingResponse(answer(), media_type="application/x-ndjson")

    return Starlette(
        routes=[
            Route("/deepChat.bundle.js", bundle),
            Route("/chat/{variant}", chat, methods=["POST"]),
            Route("/{variant}", page),
        ]
    )
