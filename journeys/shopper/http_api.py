"""One configured HTTP API as an ability uses it: the chat bot's and the ticket desk's
shared set-up.

`ApiClient` expands the configured endpoint and headers from the environment, gathers
every secret (environment values, credential headers, the persona's secret facts),
records each exchange through a `RecordingTransport`, and turns one request into an
`Outcome`: a JSON document, or why there is none, as the customer met it. A failure is
never raised: the adapters record it as an event.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from journeys.project.templating import (
    JsonValue,
    env_references,
    expand_env,
    render_text,
)

from .exchanges import (
    Exchange,
    RecordingTransport,
    failure_text,
    header_secrets,
    redact,
    url_for,
)


@dataclass(frozen=True)
class Outcome:
    """What one request brought back: a JSON document, or why there is none (as the
    customer met it).
    """

    latency_ms: float
    document: JsonValue = None
    status: int = 0
    failed: str = ""


class ApiClient:
    """An API configured under `section`: endpoint and headers from the environment,
    secrets redacted in every record.

    `transport` is the real one by default; unit tests pass an `httpx.MockTransport`.
    `persona_secrets` is asked at each record, so whatever the persona may type (a card
    number) never reaches a report.
    """

    def __init__(
        self,
        channel: str,
        *,
        section: str,
        endpoint: str,
        headers: Mapping[str, str],
        base_url: str,
        timeout_s: float,
        persona_secrets: Callable[[], tuple[str, ...]],
        environ: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        also_from_environment: tuple[str, ...] = (),
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._section = section
        self._configured_headers = dict(headers)
        self.headers = {
            name: self.expand(value, f"headers.{name}")
            for name, value in headers.items()
        }
        self.base = url_for(
            base_url, self.expand(endpoint, "endpoint")
        )  # may still hold {placeholders}
        names = (
            env_references(dict(headers))
            | env_references(endpoint)
            | env_references(list(also_from_environment))
        )
        self._env_secrets = tuple(
            self._environ[name] for name in sorted(names) if self._environ.get(name)
        )
        self._persona_secrets = persona_secrets
        self.timeout_s = timeout_s
        self._recorder = RecordingTransport(channel, self.secrets, transport)
        self._client = httpx.Client(transport=self._recorder, follow_redirects=True)

    def expand(self, value: str, key: str) -> str:
        """A configured value with its ${NAME} filled from the environment; a missing
        one names `section.key`.
        """
        return expand_env(value, self._environ, key=f"{self._section}.{key}")

    def secrets(self) -> tuple[str, ...]:
        """Everything no record may show: environment values, credential headers, the
        persona's secret facts.
        """
        return (
            *self._env_secrets,
            *header_secrets(self._configured_headers, self.headers),
            *self._persona_secrets(),
        )

    def call(
        self,
        method: str,
        url: str,
        *,
        body: JsonValue = None,
        values: Mapping[str, JsonValue] | None = None,
    ) -> Outcome:
        """Send one request and read its JSON; a timeout, HTTP error or unreadable reply
        becomes `failed`, never an exception.

        `values` fill the `{name}` placeholders of the configured headers (a persona
        fact, a noted customer number).
        """
        headers = (
            {name: render_text(value, values) for name, value in self.headers.items()}
            if values
            else self.headers
        )
        request = self._client.build_request(
            method,
            url,
            json=body if method != "GET" else None,
            headers=headers,
            timeout=self.timeout_s,
        )
        started = time.perf_counter()
        try:
            response = self._client.send(request)
        except httpx.HTTPError as error:
            return Outcome(
                _ms_since(started),
                failed=redact(failure_text(request, error), self.secrets()),
            )
        latency_ms = _ms_since(started)
        secrets = self.secrets()
        if response.status_code >= 400:
            snippet = redact(_snippet(response.text), secrets)
            # The path may hold a secret (`/tickets/${TOKEN}`): the message is redacted
            # like the exchange.
            failed = redact(
                f"HTTP {response.status_code} from {method} {request.url.path}", secrets
            ) + (f": {snippet}" if snippet else "")
            return Outcome(latency_ms, status=response.status_code, failed=failed)
        if not response.content.strip():
            return Outcome(latency_ms, status=response.status_code, document=None)
        try:
            document = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            kind = response.headers.get("content-type", "no content type").split(";")[0]
            failed = (
                f"the answer is not JSON ({kind}):"
                f" {redact(_snippet(response.text), secrets)!r}"
            )
            return Outcome(latency_ms, status=response.status_code, failed=failed)
        return Outcome(latency_ms, status=response.status_code, document=document)

    def forget_cookies(self) -> None:
        """A new conversation: no cookies from the last one."""
        self._client.cookies.clear()

    def exchanges(self) -> list[Exchange]:
        """Every exchange so far, secrets redacted (attached to the report)."""
        return self._recorder.exchanges()

    def close(self) -> None:
        self._client.close()


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _snippet(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


__all__ = ["ApiClient", "Outcome"]
