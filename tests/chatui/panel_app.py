"""The tests' support bot behind Panel's ChatInterface (a full-page chat framework from
PyPI), both variants.

Run as `python -m tests.chatui.panel_app PORT`: serves /smooth and /friction on
127.0.0.1. Replies stream word by word (`ChatInterface.stream`), as an LLM's do; a reply
with buttons is sent whole, its buttons under its words; the person who takes over
speaks under their own name.
"""

from __future__ import annotations

import asyncio
import sys

import panel as pn

from tests.chatui.bot import Conversation, dead_button


def chat(variant: str) -> pn.chat.ChatInterface:
    conversation = Conversation(variant)

    async def respond(
        contents: str, user: str, instance: pn.chat.ChatInterface
    ) -> None:
        for message in conversation.answer(contents):
            await asyncio.sleep(message.first_ms / 1000)
            if message.buttons:
                buttons = [pn.widgets.Button(name=name) for name in message.buttons]
                if not dead_button(variant):
                    for button in buttons:
                        button.on_click(
                            lambda _event, name=button.name: instance.send(
                                name, user="You", respond=True
                            )
                        )
                instance.send(
                    pn.Column(pn.pane.Markdown(message.text), pn.Row(*buttons)),
                    user=message.author,
                    respond=False,
                )
                continue
            words = message.text.split(" ")
            streamed = instance.stream(words[0], user=message.author)
            for word in words[1:]:
                await asyncio.sleep(message.word_ms / 1000)
                instance.stream(" " + word, message=streamed)

    return pn.chat.ChatInterface(
        callback=respond,
        user="You",
        callback_user="Penny",
        show_rerun=False,
        show_undo=False,
    )


def main() -> None:
    port = int(sys.argv[1])
    pn.extension()
    pn.serve(
        {"smooth": lambda: chat("smooth"), "friction": lambda: chat("friction")},
        port=port,
        address="127.0.0.1",
        show=False,
        allow_websocket_origin=[f"127.0.0.1:{port}"],
        title="Support",
    )


if __name__ == "__main__":
    main()
