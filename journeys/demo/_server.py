"""Serving the demo shop: in a background thread for walks and tests, or in the
foreground for `journeys demo`.
"""

from __future__ import annotations

import os
import socket
import threading
from types import TracebackType

import uvicorn

from ..errors import JourneysError
from ._app import create_app

SUPPORT_TOKEN_ENV = "JOURNEYS_SUPPORT_TOKEN"
_STARTUP_TIMEOUT_S = 15.0
_POLL_S = 0.01


def _listen(host: str, port: int) -> socket.socket:
    """A bound socket, so port 0 picks a free port and the URL is known before uvicorn
    starts.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise JourneysError(
            f"demo shop: cannot listen on {host}:{port} ({error.strerror or error})\n"
            "  fix: choose another port (--port), or 0 for any free one"
        ) from None
    return sock


def _url(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _config(app: object) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        lifespan="off",
        # A browser keeps connections open; do not let them hold the server up when a
        # walk ends.
        timeout_graceful_shutdown=2,
    )


class AppServer:
    """Any ASGI app served on loopback in a background thread; a context manager. `.url`
    is where it answers.
    """

    def __init__(
        self, app: object, *, host: str = "127.0.0.1", port: int = 0, name: str = "app"
    ) -> None:
        self.name = name
        self._server = uvicorn.Server(_config(app))
        self._host, self._port = host, port
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, url={self.url!r})"

    def start(self) -> AppServer:
        self._socket = _listen(self._host, self._port)
        self.url = _url(self._host, self._socket)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"server-{self.name}",
            daemon=True,
        )
        self._thread.start()
        # Poll uvicorn's readiness flag; the thread ending first means it could not
        # start.
        ready = threading.Event()
        waited = 0.0
        while not self._server.started:
            if not self._thread.is_alive() or waited >= _STARTUP_TIMEOUT_S:
                self.stop()
                raise JourneysError(
                    f"{self.name}: did not start on {self.url}\n  fix: run `journeys"
                    " demo` to see why"
                )
            ready.wait(_POLL_S)
            waited += _POLL_S
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=_STARTUP_TIMEOUT_S)
            self._thread = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class DemoServer(AppServer):
    """The shop running in a background thread; use as a context manager. `.url` is
    where it answers.
    """

    def __init__(
        self,
        mode: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        support_token: str | None = None,
        smtp: str | None = None,
    ) -> None:
        super().__init__(
            create_app(mode, support_token=support_token, smtp=smtp),
            host=host,
            port=port,
            name="demo shop",
        )
        self.mode = mode

    def __repr__(self) -> str:
        return f"DemoServer({self.mode!r}, url={self.url!r})"

    def __enter__(self) -> DemoServer:
        self.start()
        return self


def serve(
    mode: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    support_token: str | None = None,
    smtp: str | None = None,
) -> DemoServer:
    """The shop, ready to start: `with serve("potholed") as shop: walk(shop.url)`;
    `smtp` ("host:port") gets its e-mail.
    """
    return DemoServer(
        mode, host=host, port=port, support_token=support_token, smtp=smtp
    )


def serve_forever(
    mode: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    support_token: str | None = None,
) -> None:
    """Serve the shop in the foreground until Ctrl-C, printing where it answers."""
    import secrets

    token = (
        support_token or os.environ.get(SUPPORT_TOKEN_ENV) or secrets.token_urlsafe(16)
    )
    sock = _listen(host, port)
    url = _url(host, sock)
    print(f"Stride demo shop ({mode}) at {url}  (Ctrl-C to stop)", flush=True)
    if not (support_token or os.environ.get(SUPPORT_TOKEN_ENV)):
        # A fresh local token: the ticket API is still closed to anyone without it.
        print(
            f"support ticket API token: {token}  (set {SUPPORT_TOKEN_ENV} to choose"
            " one)",
            flush=True,
        )
    server = uvicorn.Server(_config(create_app(mode, support_token=token)))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
