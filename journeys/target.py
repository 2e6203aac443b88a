"""The site a walk visits: the configured one, checked to answer, or the bundled demo shop started for it."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import httpx

from .config import Settings
from .errors import TargetUnreachable


@dataclass(frozen=True)
class Target:
    """Where the customer goes: a URL, and for the bundled shop its mode and the token made up for this walk."""

    url: str
    demo: str = ""  # the demo shop's mode when it is the bundled shop, else ""
    token: str = field(default="", repr=False)

    def environ(self, environ: Mapping[str, str]) -> dict[str, str]:
        """The variables configuration may reference (`${NAME}`): the process's, plus the demo's token."""
        if not (self.demo and self.token):
            return dict(environ)
        from .demo._server import SUPPORT_TOKEN_ENV  # the variable the demo profile's ticket headers name

        return {**environ, SUPPORT_TOKEN_ENV: self.token}

    @property
    def label(self) -> str:
        return f"the {self.demo} demo shop at {self.url}" if self.demo else self.url


def check_reachable(url: str) -> None:
    try:
        # Plain HTTP needs no certificate store (loading one is most of the probe's time); the probe sends nothing.
        httpx.get(url, timeout=10.0, follow_redirects=True, verify=not url.startswith("http://"))
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        reason = type(error).__name__ if not str(error) else str(error).splitlines()[0]
        raise TargetUnreachable(url, reason) from None


@contextlib.contextmanager
def open_target(settings: Settings, *, smtp: str = "") -> Iterator[Target]:
    """The configured site (checked to answer), or the demo shop started on a free loopback port until the block ends.

    `smtp` ("host:port") is where the demo shop sends its e-mail (the walk's sink); without it the shop sends none.
    """
    if settings.base_url:
        check_reachable(settings.base_url)
        yield Target(settings.base_url)
        return
    from .demo import serve

    token = secrets.token_urlsafe(16)
    with serve(settings.demo, support_token=token, smtp=smtp) as server:
        yield Target(server.url, demo=settings.demo, token=token)
