"""The site a walk visits: the configured one, checked to answer, or the bundled demo
shop started for it.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import httpx

from journeys.errors import TargetUnreachable
from journeys.project.config import Settings
from journeys.run.redaction import Redactor, strip_userinfo


@dataclass(frozen=True)
class Target:
    """Where the customer goes: a URL, and for the bundled shop its mode and the token
    made up for this walk.
    """

    url: str
    demo: str = ""  # the demo shop's mode when it is the bundled shop, else ""
    token: str = field(default="", repr=False)
    # "host:port" of the walk's SMTP sink, where the site's e-mail goes; "" with none
    mail_sink: str = ""

    def environ(self, environ: Mapping[str, str]) -> dict[str, str]:
        """The variables configuration may reference (`${NAME}`): the process's, plus
        the demo's token.
        """
        if not (self.demo and self.token):
            return dict(environ)
        from journeys.demo._server import (
            SUPPORT_TOKEN_ENV,  # the variable the demo profile's ticket headers name
        )

        return {**environ, SUPPORT_TOKEN_ENV: self.token}

    @property
    def label(self) -> str:
        return (
            f"the {self.demo} demo shop at {self.url}" if self.demo else self.shown_url
        )

    @property
    def shown_url(self) -> str:
        """The URL as a report or the console may show it: without a user and password
        (http://user:pass@host/).
        """
        return strip_userinfo(self.url)


# The probe's whole time, headers included: a home page that trickles a byte every 2 s
# outlives every read timeout, and must not keep `journeys walk` waiting with no word.
REACHABLE_DEADLINE_S = 15.0


def check_reachable(url: str, *, deadline_s: float = REACHABLE_DEADLINE_S) -> None:
    """The site answers with a status line and headers within `deadline_s`; its body is
    never read.
    """
    outcome: list[str] = []

    def probe() -> None:
        try:
            # Plain HTTP needs no certificate store (loading one is most of the probe's
            # time); the probe sends nothing.
            with httpx.stream(
                "GET",
                url,
                timeout=min(10.0, deadline_s),
                follow_redirects=True,
                verify=not url.startswith("http://"),
            ):
                outcome.append("")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            outcome.append(
                type(error).__name__ if not str(error) else str(error).splitlines()[0]
            )
        except Exception as error:  # noqa: BLE001 - whatever the site sends back, a clean error, never a traceback
            outcome.append(f"{type(error).__name__}: {error}")

    # A daemon thread: a site that never finishes its headers is left behind, and the
    # walk says why it stopped.
    thread = threading.Thread(target=probe, name="journeys-reachable", daemon=True)
    thread.start()
    thread.join(deadline_s)
    if not outcome:
        raise TargetUnreachable(
            strip_userinfo(url), f"no answer within {deadline_s:g} s"
        )
    if outcome[0]:
        raise TargetUnreachable(strip_userinfo(url), Redactor().text(outcome[0]))


@contextlib.contextmanager
def open_target(
    settings: Settings,
    *,
    smtp: str = "",
    reach_deadline_s: float = REACHABLE_DEADLINE_S,
) -> Iterator[Target]:
    """The configured site (checked to answer), or the demo shop started on a free
    loopback port until the block ends.

    `smtp` ("host:port") is where the demo shop sends its e-mail (the walk's sink);
    without it the shop sends none.
    """
    if settings.base_url:
        check_reachable(settings.base_url, deadline_s=reach_deadline_s)
        yield Target(settings.base_url, mail_sink=smtp)
        return
    from journeys.demo import serve

    token = secrets.token_urlsafe(16)
    with serve(settings.demo, support_token=token, smtp=smtp) as server:
        yield Target(server.url, demo=settings.demo, token=token, mail_sink=smtp)
