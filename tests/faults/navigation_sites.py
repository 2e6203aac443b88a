"""Sites whose pages never arrive, on the standard library's HTTP server: the browser's
own errors, loops and exits.

Each fault is a context manager yielding the site's URL. Its home page answers (the
pre-walk check and the customer see a shop) and its "Help" link fails; the faults named
"…, opened directly" fail at /help itself, which the customer opens by its address.
Nothing here sleeps: a reset is a socket closed with SO_LINGER 0, a dead site a server
that stops listening once the home page's stylesheet was asked for (the browser loaded
the page).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["_Handler"], None]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.page("<title>Not found</title><h1>Page not found</h1>", status=404)
        else:
            route(self)

    def page(self, body: str, *, status: int = 200, head: str = "") -> None:
        data = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reset(self) -> None:
        """Drop the connection with a TCP reset, as a crashing proxy does
        (net::ERR_CONNECTION_RESET).
        """
        self.connection.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
        )
        self.close_connection = True
        self.connection.close()


def _home(link: str = "/help", head: str = "") -> Route:
    return lambda h: h.page(
        f"<title>Shop</title><h1>Shop</h1><a href='{link}'>Help</a>", head=head
    )


def _meta_refresh(to: str) -> Route:
    return lambda h: h.page(
        "<title>One moment</title><p>Taking you there…</p>",
        head=f"<meta http-equiv='refresh' content='0;url={to}'>",
    )


def _script_redirect(to: str) -> Route:
    return lambda h: h.page(
        "<title>One moment</title><p>Taking you"
        f" there…</p><script>location.replace('{to}')</script>"
    )


@contextlib.contextmanager
def _serving(routes: dict[str, Route]) -> Iterator[tuple[str, _Server]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = routes
    thread = threading.Thread(
        target=server.serve_forever, name="fault site", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def site(routes: dict[str, Route]) -> Iterator[str]:
    with _serving(routes) as (url, _):
        yield url


def _stop(server: _Server) -> None:
    server.shutdown()
    server.server_close()  # nobody listens any more: the next connection is refused


@contextlib.contextmanager
def dying_site(*, after: str) -> Iterator[str]:
    """A shop that stops listening once `after` was asked for: every page after it is
    refused.
    """
    routes: dict[str, Route] = {
        "/": _home(head="<link rel='stylesheet' href='/site.css'>")
    }
    with _serving(routes) as (url, server):

        def last_words(h: _Handler) -> None:
            if h.path == "/site.css":
                h.send_response(200)
                h.send_header("Content-Type", "text/css")
                h.send_header("Content-Length", "0")
                h.end_headers()
            else:
                _home(head="<link rel='stylesheet' href='/site.css'>")(h)
            threading.Thread(
                target=_stop, args=(server,), name="fault site dies"
            ).start()

        routes[after] = last_words
        yield url


LOOP = {
    "/help": lambda h: h.redirect("/help-again"),
    "/help-again": lambda h: h.redirect("/help"),
}

NAVIGATION_FAULTS: dict[str, Callable[[], contextlib.AbstractContextManager[str]]] = {
    "meta-refresh loop": lambda: site(
        {
            "/": _home(),
            "/help": _meta_refresh("/help-again"),
            "/help-again": _meta_refresh("/help"),
        }
    ),
    "script redirect loop": lambda: site(
        {
            "/": _home(),
            "/help": _script_redirect("/help-again"),
            "/help-again": _script_redirect("/help"),
        }
    ),
    "connection reset": lambda: site({"/": _home(), "/help": _Handler.reset}),
    "site dies mid-walk": lambda: dying_site(after="/site.css"),
    "file: link": lambda: site({"/": _home("file:///etc/passwd")}),
    "data: link": lambda: site({"/": _home("data:text/html,<h1>How can we help</h1>")}),
    "redirect loop, opened directly": lambda: site({"/": _home(), **LOOP}),
    "meta-refresh loop, opened directly": lambda: site(
        {
            "/": _home(),
            "/help": _meta_refresh("/help-again"),
            "/help-again": _meta_refresh("/help"),
        }
    ),
    "connection reset, opened directly": lambda: site(
        {"/": _home(), "/help": _Handler.reset}
    ),
    "site gone after the check, opened directly": lambda: dying_site(after="/"),
}
