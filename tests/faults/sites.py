"""A small fault server on 127.0.0.1: a shop front whose "Help" link fails the way real
sites fail.

Each fault is its own ASGI app (`FAULTS`), served with tests.conftest.serve_app. Nothing
here sleeps: a link that never answers points at a socket that accepts connections and
never replies.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, RedirectResponse, StreamingResponse
from starlette.routing import Route

BIG_PAGE_BYTES = 50 * 1024 * 1024


def _home(link: str, extra: str = "") -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><title>Shop</title><h1>Shop</h1><a"
        f" href='{link}'>Help</a>{extra}"
    )


def _every_page_500() -> Starlette:
    async def fail(request):  # noqa: ANN001, ANN202
        return HTMLResponse("<h1>Internal Server Error</h1>", status_code=500)

    return Starlette(routes=[Route("/", fail), Route("/{path:path}", fail)])


def _dead_after_first_page(dead_url: str) -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return _home(dead_url)

    return Starlette(routes=[Route("/", home)])


def _redirect_loop() -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return _home("/loop")

    async def loop(request):  # noqa: ANN001, ANN202
        return (
            RedirectResponse("/loop-again", status_code=302)
            if request.url.path == "/loop"
            else RedirectResponse("/loop", status_code=302)
        )

    return Starlette(
        routes=[Route("/", home), Route("/loop", loop), Route("/loop-again", loop)]
    )


def _fifty_megabyte_page() -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return _home("/big")

    async def big(request):  # noqa: ANN001, ANN202
        async def chunks():  # noqa: ANN202
            yield b"<!doctype html><title>Help</title><h1>Help</h1><p>"
            chunk = b"help " * 200_000  # 1 MB
            for _ in range(BIG_PAGE_BYTES // len(chunk)):
                yield chunk

        return StreamingResponse(chunks(), media_type="text/html")

    return Starlette(routes=[Route("/", home), Route("/big", big)])


def _link_that_never_answers(silent_url: str) -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return _home(silent_url)

    return Starlette(routes=[Route("/", home)])


def _busy_looping_script() -> Starlette:
    async def home(request):  # noqa: ANN001, ANN202
        return _home(
            "/help",
            "<script>addEventListener('load', () => setTimeout(() => { for (;;) {} },"
            " 0))</script>",
        )

    return Starlette(routes=[Route("/", home)])


@contextlib.contextmanager
def silent_socket() -> Iterator[str]:
    """A URL whose server accepts the connection (the kernel's backlog does) and never
    sends a byte.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/help"
    finally:
        sock.close()


@contextlib.contextmanager
def closed_port() -> Iterator[str]:
    """A URL on a port nobody listens on: the site is gone."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    yield f"http://127.0.0.1:{port}/help"


FAULTS = {
    "every page 500": lambda elsewhere: _every_page_500(),
    "dead after the first page": _dead_after_first_page,
    "redirect loop": lambda elsewhere: _redirect_loop(),
    "50 MB page": lambda elsewhere: _fifty_megabyte_page(),
    "link that never answers": _link_that_never_answers,
    "busy-looping script": lambda elsewhere: _busy_looping_script(),
}
ELSEWHERE = {
    "dead after the first page": closed_port,
    "link that never answers": silent_socket,
}
