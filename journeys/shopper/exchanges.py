"""What we send a configured API and read back, and the redacted record of each
exchange.

The chat and support adapters share this plumbing:

- *validation* of their tables: request bodies written as a TOML table or a JSON string,
  headers, methods, numbers (placeholders and ``${NAME}`` are expanded by
  `journeys.project.templating`);
- *paths*: where a value sits in a JSON reply, as a simple dotted path with list indices
  and ``[*]`` for "every item" (``messages[*].text``);
- *recording*: `RecordingTransport` wraps the real transport and keeps every exchange
  (method, URL, status, bodies trimmed, latency, or why it failed), secrets redacted as
  it is stored, for the report.

Nothing here knows about effort: the adapters turn exchanges into events.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import httpx

from journeys.project.templating import (
    JsonValue,
    check_env_references,
    check_placeholders,
)

from ..errors import ConfigError

REDACTED = "[redacted]"
# Headers that carry credentials whatever their value: never shown.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)
# characters of a body kept in the report: enough to read, small enough to attach
BODY_LIMIT = 4000
METHODS = ("GET", "POST", "PUT", "PATCH")

Exchange = dict[
    str, JsonValue
]  # one recorded exchange, JSON-able, as the Allure report attaches it

# -- redaction -------------------------------------------------------------------------


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by "[redacted]", also in its URL- and
    JSON-escaped forms.
    """
    variants: set[str] = set()
    for secret in secrets:
        variants.update(_variants(secret))
    # Longest first: a secret that contains another must go whole, not leave a tail
    # behind.
    for variant in sorted(variants, key=len, reverse=True):
        text = text.replace(variant, REDACTED)
    return text


def _variants(secret: str) -> set[str]:
    secret = secret.strip()
    if (
        len(secret) < 3
    ):  # redacting "1" or "" would garble every body and hide nothing worth hiding
        return set()
    found = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
    }
    compact = re.sub(r"[\s-]", "", secret)
    if (
        compact != secret and len(compact) >= 3
    ):  # "4242 4242 4242 4242" is also sent as "4242424242424242"
        found.add(compact)
    return found


def redact_headers(
    headers: Iterable[tuple[str, str]], secrets: Iterable[str]
) -> dict[str, str]:
    secrets = tuple(secrets)
    shown: dict[str, str] = {}
    for name, value in headers:
        shown[name] = (
            REDACTED if name.lower() in SECRET_HEADERS else redact(value, secrets)
        )
    return shown


# -- validating a configuration table --------------------------------------------------


def body_template(key: str, value: object, allowed: Iterable[str]) -> JsonValue:
    """Validate a request body template from configuration (a table, a list, or a JSON
    string).
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ConfigError(
                key,
                f"is not valid JSON ({error.msg} at character {error.pos})",
                'write it as a TOML table: { message = "{message}" }',
            ) from None
    if not isinstance(value, (dict, list)):
        raise ConfigError(
            key,
            "must be a table (or a JSON object as text)",
            'write it as { message = "{message}" }',
        )
    check_placeholders(key, value, allowed)
    return value


def header_secrets(
    configured: Mapping[str, str], expanded: Mapping[str, str]
) -> tuple[str, ...]:
    """Values of credential headers and of headers filled from the environment, and the
    tokens inside them.
    """
    found: list[str] = []
    for name, value in expanded.items():
        if name.lower() in SECRET_HEADERS or "${" in configured.get(name, ""):
            found.append(value)
            # "Bearer abc…": the token alone may turn up elsewhere (an echo, an error
            # message).
            found.extend(part for part in value.split() if len(part) >= 8)
    return tuple(found)


def check_headers(key: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(
            key,
            "must be a table of text values",
            'write it as { Authorization = "Bearer ${MY_TOKEN}" }',
        )
    for name, text in value.items():
        check_env_references(f"{key}.{name}", text)
    return dict(value)


def check_method(key: str, value: object) -> str:
    method = str(value).upper()
    if method not in METHODS:
        raise ConfigError(
            key,
            f"{value!r} is not an HTTP method we send",
            f"use one of: {', '.join(METHODS)}",
        )
    return method


def check_number(key: str, value: object, *, minimum: float = 0.0) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or value <= minimum
    ):
        raise ConfigError(key, f"must be a number above {minimum:g}, not {value!r}")
    return float(value)


def check_text(key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            key,
            f"must be non-empty text, not {value!r}",
            f'write {key.rsplit(".", 1)[-1]} = "..."',
        )
    return value


def check_texts(key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            key,
            "must be a list of text",
            f'write {key.rsplit(".", 1)[-1]} = ["...", "..."]',
        )
    return tuple(value)


def check_endpoint(key: str, value: object, allowed: Iterable[str] = ()) -> str:
    """An endpoint: text, its ${NAME} well formed, only the placeholders its channel
    fills.
    """
    endpoint = check_text(key, value)
    check_env_references(key, endpoint)
    check_placeholders(key, endpoint, allowed)
    return endpoint


def url_for(base_url: str, endpoint: str) -> str:
    """An endpoint relative to the target (its path kept: /shop + /api/chat), or
    absolute as given.
    """
    if endpoint.startswith(("http://", "https://")):
        return endpoint
    if not base_url:
        return endpoint
    return base_url.rstrip("/") + "/" + endpoint.lstrip("/")


# -- JSON paths ------------------------------------------------------------------------

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+|-\d+|\*)\]|(\.)")


@dataclass(frozen=True)
class JsonPath:
    """A simple path into a JSON document: ``messages[*].text``,
    ``responses[0].payload.text``, ``[*].text``.

    Keys are separated by dots, ``[n]`` picks a list item (``[-1]`` the last), ``[*]``
    every item. A leading ``$.`` is accepted for readers used to JSONPath.
    """

    text: str
    steps: tuple[
        str | int, ...
    ]  # key, index, or "*" marker as the int-free string "[*]"

    @classmethod
    def parse(cls, text: str, *, key: str = "") -> JsonPath:
        source = text.strip()
        rest = source.removeprefix("$")
        rest = rest.removeprefix(".")
        steps: list[str | int] = []
        position = 0
        expect_key = True
        while position < len(rest):
            match = _SEGMENT.match(rest, position)
            if not match:
                raise ConfigError(
                    key or text,
                    f"{text!r} is not a path we can read",
                    'write it like "messages[*].text" or "reply.text"',
                )
            name, index, dot = match.groups()
            if dot:
                if expect_key:
                    raise ConfigError(
                        key or text,
                        f"{text!r} has an empty part between dots",
                        'write it like "messages[*].text"',
                    )
                expect_key = True
            elif index is not None:
                steps.append("[*]" if index == "*" else int(index))
                expect_key = False
            else:
                steps.append(name.strip())
                expect_key = False
            position = match.end()
        if not steps or (expect_key and rest.endswith(".")):
            raise ConfigError(
                key or text,
                f"{text!r} is not a path we can read",
                'write it like "messages[*].text" or "reply.text"',
            )
        return cls(source, tuple(steps))

    @property
    def many(self) -> bool:
        return "[*]" in self.steps

    def find(self, document: JsonValue) -> list[JsonValue]:
        """Every value at this path, in document order; [] when the path leads
        nowhere.
        """
        current = [document]
        for step in self.steps:
            following: list[JsonValue] = []
            for value in current:
                if step == "[*]":
                    if isinstance(value, list):
                        following.extend(value)
                elif isinstance(step, int):
                    if isinstance(value, list) and -len(value) <= step < len(value):
                        following.append(value[step])
                elif isinstance(value, dict) and step in value:
                    following.append(value[step])
            current = following
        return current

    def items(self, document: JsonValue) -> list[JsonValue]:
        """Like `find`, but a list found where the path names one value stands for its
        items ("quick_replies").
        """
        found = self.find(document)
        if not self.many and len(found) == 1 and isinstance(found[0], list):
            return list(found[0])
        return found

    def first(self, document: JsonValue, default: JsonValue = None) -> JsonValue:
        found = self.find(document)
        return found[0] if found else default


def json_path(key: str, value: object) -> JsonPath:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            key,
            f"must be a path as text, not {value!r}",
            'write it like "messages[*].text"',
        )
    return JsonPath.parse(value, key=key)


# -- recording -------------------------------------------------------------------------


class RecordingTransport(httpx.BaseTransport):
    """Keeps every exchange of one channel, secrets redacted as it is stored; wraps the
    transport that really sends.

    Request, response and failure are seen in one `handle_request`, so an exchange that
    never got an answer (a timeout, a refused connection) is kept too, with why.
    `secrets` is called at each record, so facts learnt later (a token expanded at first
    use) are redacted too. Responses are read whole (chat and ticket answers are small)
    so the record can show them.
    """

    def __init__(
        self,
        channel: str,
        secrets: Callable[[], Iterable[str]],
        transport: httpx.BaseTransport | None = None,
        *,
        body_limit: int = BODY_LIMIT,
    ) -> None:
        self.channel = channel
        self._secrets = secrets
        self._transport = transport if transport is not None else httpx.HTTPTransport()
        self._body_limit = body_limit
        self._records: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self._transport.handle_request(request)
            if (
                response.is_stream_consumed
            ):  # built from its content (a MockTransport's answer): already read
                body = response.content
            else:
                response, body = _read_whole(response, request)
        except httpx.HTTPError as error:
            self._records.append(
                self._record(
                    request, started, status=0, error=failure_text(request, error)
                )
            )
            raise
        self._records.append(
            self._record(
                request,
                started,
                status=response.status_code,
                response_headers=response.headers.multi_items(),
                response_body=_decoded(body),
            )
        )
        return response

    def close(self) -> None:
        self._transport.close()

    def exchanges(self) -> list[Exchange]:
        return [dict(record) for record in self._records]

    def _record(
        self,
        request: httpx.Request,
        started: float,
        *,
        status: int,
        response_headers: Iterable[tuple[str, str]] = (),
        response_body: str = "",
        error: str = "",
    ) -> Exchange:
        secrets = tuple(self._secrets())
        try:
            request_body = _decoded(request.content)
        except httpx.RequestNotRead:  # a streamed upload: its bytes were never kept
            request_body = "(streamed body)"
        return {
            "channel": self.channel,
            "method": request.method,
            "url": redact(str(request.url), secrets),
            "status": status,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            "request": {
                "headers": dict(redact_headers(request.headers.multi_items(), secrets)),
                "body": self._trimmed(redact(request_body, secrets)),
            },
            "response": {
                "headers": dict(redact_headers(response_headers, secrets)),
                "body": self._trimmed(redact(response_body, secrets)),
            },
            "error": redact(error, secrets),
        }

    def _trimmed(self, text: str) -> str:
        if len(text) <= self._body_limit:
            return text
        return (
            text[: self._body_limit]
            + f"… ({len(text) - self._body_limit} more characters)"
        )


def failure_text(request: httpx.Request, error: httpx.HTTPError) -> str:
    """Why a request got no answer, as one line: what the customer met, and what the
    record says.
    """
    where = f"{request.method} {request.url.path}"
    if isinstance(error, httpx.TimeoutException):
        timeout = request.extensions.get("timeout", {}).get("read")
        within = f" within {timeout:g} s" if isinstance(timeout, (int, float)) else ""
        return f"no answer{within} from {where} (timed out)"
    text = str(error).strip() or "no detail"
    if isinstance(error, AnswerTooLarge):
        return f"{where} answered more than a reply can be: {text}"
    return (
        f"could not reach {where}: {type(error).__name__}: {text.splitlines()[0][:200]}"
    )


# Bytes an answer may take, raw and decompressed: a reply or a mail catcher's list is
# kilobytes. A bigger one (a gzip bomb of 1 MB that inflates to a gigabyte) is refused
# as it arrives, so the harness never holds more than this.
RESPONSE_LIMIT_BYTES = 8 * 1024 * 1024
_INFLATE_STEP_BYTES = (
    1024  # raw bytes decompressed at a time: at most about a megabyte of output a step
)


class AnswerTooLarge(httpx.DecodingError):
    """An answer past RESPONSE_LIMIT_BYTES, raw or decompressed: the exchange failed,
    the walk goes on.
    """


class AnswerTooSlow(httpx.ReadTimeout):
    """An answer still arriving, a byte at a time, when its read time ran out: what a
    per-read timeout misses.
    """


def _read_whole(
    response: httpx.Response,
    request: httpx.Request,
    *,
    limit: int = RESPONSE_LIMIT_BYTES,
) -> tuple[httpx.Response, bytes]:
    """Read a streamed answer here, bounded in size and time, so its record can show it.

    Returns a fresh response over the decoded bytes (no Content-Encoding left to inflate
    again) and those bytes. The whole body must arrive within the request's read
    timeout: a bot that drips a byte a second never trips a per-read timeout, and would
    hold the journey until its own deadline.
    """
    timeout = request.extensions.get("timeout", {}).get("read")
    deadline = time.monotonic() + timeout if isinstance(timeout, (int, float)) else None
    raw = bytearray()
    try:
        for chunk in response.iter_raw():
            raw += chunk
            if len(raw) > limit:
                raise AnswerTooLarge(
                    f"the answer is larger than {limit // 1024} KB: not read further",
                    request=request,
                )
            if deadline is not None and time.monotonic() > deadline:
                raise AnswerTooSlow(
                    f"the answer was still arriving after {timeout:g} s",
                    request=request,
                )
    finally:
        response.close()
    body = _inflated(response, bytes(raw), request, limit)
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
    ]
    fresh = httpx.Response(
        response.status_code,
        headers=headers,
        content=body,
        extensions=response.extensions,
        request=request,
    )
    return fresh, body


def _inflated(
    response: httpx.Response, raw: bytes, request: httpx.Request, limit: int
) -> bytes:
    """The body decoded (gzip, deflate, br…) a kilobyte of input at a time, stopped once
    past `limit` bytes.
    """

    class Pieces(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for start in range(0, len(raw), _INFLATE_STEP_BYTES):
                yield raw[start : start + _INFLATE_STEP_BYTES]

    replay = httpx.Response(
        response.status_code, headers=response.headers, stream=Pieces(), request=request
    )
    body = bytearray()
    for piece in replay.iter_bytes():
        body += piece
        if len(body) > limit:
            raise AnswerTooLarge(
                f"the answer inflates past {limit // 1024} KB: not read further",
                request=request,
            )
    return bytes(body)


def _decoded(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


__all__ = [
    "BODY_LIMIT",
    "REDACTED",
    "Exchange",
    "JsonPath",
    "RecordingTransport",
    "body_template",
    "check_endpoint",
    "check_headers",
    "check_method",
    "check_number",
    "check_text",
    "check_texts",
    "failure_text",
    "header_secrets",
    "json_path",
    "redact",
    "redact_headers",
    "url_for",
]
