"""A hostile site on 127.0.0.1, standard library only: it echoes secrets, trickles,
inflates and drips.

One `http.server` with a route per fault; `serve()` runs it in a thread until the block
ends. Every echo is of what the customer sent, the way a careless site puts a declined
card in its error page:

- /signup (form) -> POST -> 303 to /declined?card=4242-4242-…&code=…&pw=… (the card with
  dashes, the security code, the password in the redirect URL), whose title holds the
  password and whose text holds all three;
- /api/chat: a bot that echoes the Authorization header it was sent (a `${ENV}` token);
- /api/bomb: a quarter-megabyte gzip body that inflates to 256 MB; /api/drip: a bot
  whose answer comes a byte a second;
- /trickle: a home page that sends a byte every 2 s (the reachability check must give up
  on it);
- /slow: a page that takes 4 s to arrive, a byte a second.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

SIGNUP = """<!doctype html><title>Sign up</title><h1>Create your account</h1>
<form method=post action=/signup>
<label>Email <input name=email type=email autocomplete=email></label>
<label>Card number <input name=card autocomplete=cc-number></label>
<label>Security code <input name=cvc autocomplete=cc-csc></label>
<label>Password <input name=password type=password autocomplete=new-password></label>
<button>Create account</button></form>"""


def bomb_body(inflated_bytes: int = 256 * 1024 * 1024) -> bytes:
    """`inflated_bytes` of zeros, gzipped (about a thousandth of it)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(inflated_bytes // len(chunk)):
            packed.write(chunk)
    return out.getvalue()


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bomb = b""  # made once, by serve()
    stop = threading.Event()  # set when the server stops, so a drip ends

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(
                200,
                b"<!doctype html><title>Shop</title><h1>Shop</h1><a href='/signup'>Sign"
                b" up</a>",
            )
        elif url.path == "/signup":
            self._send(200, SIGNUP.encode())
        elif url.path == "/declined":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            card, code, password = (
                html.escape(query.get(k, "")) for k in ("card", "code", "pw")
            )
            page = (
                f"<!doctype html><title>Declined for {password}</title><h1>Card {card}"
                f" was declined</h1><p class=error>Security code {code} did not match."
                f" Your password {password} is saved.</p>"
            )
            self._send(200, page.encode())
        elif url.path == "/slow":  # a page that takes 4 s to arrive, a byte a second
            body = b"<!doctype html><title>Slow</title><h1>Slow</h1>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) + 4))
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(4):
                    if self.stop.wait(1.0):
                        return
                    self.wfile.write(b" ")
                    self.wfile.flush()
                self.wfile.write(body)
        elif url.path == "/trickle":
            self._trickle(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype"
                b" html><title>Slow</title>",
                every_s=2.0,
            )
        else:
            self._send(404, b"<h1>Not found</h1>")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        url = urlsplit(self.path)
        if url.path == "/signup":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            digits = "".join(c for c in form.get("card", "") if c.isdigit())
            dashed = "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))
            query = urlencode(
                {
                    "card": dashed,
                    "code": form.get("cvc", ""),
                    "pw": form.get("password", ""),
                }
            )
            self._send(303, b"", Location=f"/declined?{query}")
        elif url.path == "/api/chat":
            said = json.loads(body or b"{}").get("message", "")
            echo = (
                f"You said {said!r}; you sent {self.headers.get('Authorization', '')}"
            )
            self._send(
                200,
                json.dumps({"messages": [{"text": echo, "from": "bot"}]}).encode(),
                "application/json",
            )
        elif url.path == "/api/bomb":
            self._send(200, self.bomb, "application/json", Content_Encoding="gzip")
        elif (
            url.path == "/api/drip"
        ):  # the headers at once, then the body a byte a second
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.flush()
            self._trickle(b"", every_s=1.0)
        else:
            self._send(404, b"{}", "application/json")

    def _trickle(self, head: bytes, *, every_s: float) -> None:
        """The status line, then one byte at a time until the server stops: what no read
        timeout catches.
        """
        with contextlib.suppress(OSError):
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.stop.wait(every_s):
                    return
            while not self.stop.wait(every_s):
                self.wfile.write(b" ")
                self.wfile.flush()
        self.close_connection = True


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that hangs up mid-drip is what the site is for, not news


@contextlib.contextmanager
def serve(*, bomb: bool = False) -> Iterator[str]:
    """The hostile site's base URL (http://127.0.0.1:port) until the block ends."""
    Hostile.stop = threading.Event()
    if bomb and not Hostile.bomb:
        Hostile.bomb = bomb_body()
    server = QuietServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        Hostile.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


if (
    __name__ == "__main__"
):  # `python -m tests.hostile.site`: the site by hand, until Ctrl-C
    with serve(bomb=True) as url:
        print(url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
