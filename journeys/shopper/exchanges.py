"""One HTTP exchange with a configured API: what we send, what we read back, and its redacted record.

The chat and support adapters share this plumbing:

- *templates*: request bodies written in configuration as a TOML table or a
  JSON string, with placeholders such as ``"{message}"``;
- *paths*: where a value sits in a JSON reply, as a simple dotted path with
  list indices and ``[*]`` for "every item" (``messages[*].text``);
- *recording*: every exchange (method, URL, status, bodies trimmed, latency)
  is kept through httpx event hooks, with secrets redacted, for the report.

Nothing here knows about effort: the adapters turn exchanges into events.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

from ..errors import ConfigError

REDACTED = "[redacted]"
# Headers that carry credentials whatever their value: never shown.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})
BODY_LIMIT = 4000  # characters of a body kept in the report: enough to read, small enough to attach
METHODS = ("GET", "POST", "PUT", "PATCH")

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ENV_REFERENCE = re.compile(r"\$\{(\w+)\}")

# -- redaction ---------------------------------------------------------------------------------------


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by "[redacted]", also in its URL- and JSON-escaped forms."""
    variants: set[str] = set()
    for secret in secrets:
        variants.update(_variants(secret))
    # Longest first: a secret that contains another must go whole, not leave a tail behind.
    for variant in sorted(variants, key=len, reverse=True):
        text = text.replace(variant, REDACTED)
    return text


def _variants(secret: str) -> set[str]:
    secret = secret.strip()
    if len(secret) < 3:  # redacting "1" or "" would garble every body and hide nothing worth hiding
        return set()
    found = {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]}
    compact = re.sub(r"[\s-]", "", secret)
    if compact != secret and len(compact) >= 3:  # "4242 4242 4242 4242" is also sent as "4242424242424242"
        found.add(compact)
    return found


def redact_headers(headers: Iterable[tuple[str, str]], secrets: Iterable[str]) -> dict[str, str]:
    secrets = tuple(secrets)
    shown: dict[str, str] = {}
    for name, value in headers:
        shown[name] = REDACTED if name.lower() in SECRET_HEADERS else redact(value, secrets)
    return shown


# -- templates ----------------------------------------------------------------------------------------


def body_template(key: str, value: Any, allowed: Iterable[str]) -> Any:
    """Validate a request body template from configuration (a table, a list, or a JSON string)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ConfigError(
                key, f"is not valid JSON ({error.msg} at character {error.pos})", 'write it as a TOML table: { message = "{message}" }'
            ) from None
    if not isinstance(value, (dict, list)):
        raise ConfigError(key, "must be a table (or a JSON object as text)", 'write it as { message = "{message}" }')
    check_placeholders(key, value, allowed)
    return value


def check_placeholders(key: str, template: Any, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    for name in sorted(placeholders(template)):
        if name not in allowed:
            raise ConfigError(key, f"uses the unknown placeholder {{{name}}}", f"use {', '.join('{' + a + '}' for a in allowed)}")


def placeholders(template: Any) -> set[str]:
    """The placeholder names a template (text, table or list) uses."""
    if isinstance(template, str):
        return set(_PLACEHOLDER.findall(template))
    if isinstance(template, dict):
        return set().union(*(placeholders(v) for v in template.values())) if template else set()
    if isinstance(template, list):
        return set().union(*(placeholders(v) for v in template)) if template else set()
    return set()


def render(template: Any, values: dict[str, Any]) -> Any:
    """Fill a template. A text that is only one placeholder takes the value as is (so a missing session is null)."""
    if isinstance(template, str):
        whole = _PLACEHOLDER.fullmatch(template)
        if whole and whole.group(1) in values:
            return values[whole.group(1)]
        return _PLACEHOLDER.sub(lambda m: _text(values.get(m.group(1), m.group(0))), template)
    if isinstance(template, dict):
        return {k: render(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [render(v, values) for v in template]
    return template


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def env_references(value: Any) -> set[str]:
    """Environment variable names referenced as ${NAME} anywhere in a configuration value."""
    if isinstance(value, str):
        return set(_ENV_REFERENCE.findall(value))
    if isinstance(value, dict):
        return set().union(set(), *(env_references(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(env_references(v) for v in value))
    return set()


def header_secrets(configured: dict[str, str], expanded: dict[str, str]) -> tuple[str, ...]:
    """Values of credential headers and of headers filled from the environment, and the tokens inside them."""
    found: list[str] = []
    for name, value in expanded.items():
        if name.lower() in SECRET_HEADERS or "${" in configured.get(name, ""):
            found.append(value)
            # "Bearer abc…": the token alone may turn up elsewhere (an echo, an error message).
            found.extend(part for part in value.split() if len(part) >= 8)
    return tuple(found)


def check_headers(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(key, "must be a table of text values", 'write it as { Authorization = "Bearer ${MY_TOKEN}" }')
    for name, text in value.items():
        if text.count("${") != len(_ENV_REFERENCE.findall(text)):
            raise ConfigError(f"{key}.{name}", "has a malformed ${...} reference", "write ${NAME} with a variable name")
    return dict(value)


def check_method(key: str, value: Any) -> str:
    method = str(value).upper()
    if method not in METHODS:
        raise ConfigError(key, f"{value!r} is not an HTTP method we send", f"use one of: {', '.join(METHODS)}")
    return method


def check_number(key: str, value: Any, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= minimum:
        raise ConfigError(key, f"must be a number above {minimum:g}, not {value!r}")
    return float(value)


def check_text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(key, f"must be non-empty text, not {value!r}", f'write {key.rsplit(".", 1)[-1]} = "..."')
    return value


def check_texts(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(key, "must be a list of text", f'write {key.rsplit(".", 1)[-1]} = ["...", "..."]')
    return tuple(value)


def url_for(base_url: str, endpoint: str) -> str:
    """An endpoint relative to the target (its path kept: /shop + /api/chat), or absolute as given."""
    if endpoint.startswith(("http://", "https://")):
        return endpoint
    if not base_url:
        return endpoint
    return base_url.rstrip("/") + "/" + endpoint.lstrip("/")


# -- JSON paths -------------------------------------------------------------------------------------------

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+|-\d+|\*)\]|(\.)")


@dataclass(frozen=True)
class JsonPath:
    """A simple path into a JSON document: ``messages[*].text``, ``responses[0].payload.text``, ``[*].text``.

    Keys are separated by dots, ``[n]`` picks a list item (``[-1]`` the last),
    ``[*]`` every item. A leading ``$.`` is accepted for readers used to JSONPath.
    """

    text: str
    steps: tuple[str | int, ...]  # key, index, or "*" marker as the int-free string "[*]"

    @classmethod
    def parse(cls, text: str, *, key: str = "") -> JsonPath:
        source = text.strip()
        rest = source[1:] if source.startswith("$") else source
        rest = rest[1:] if rest.startswith(".") else rest
        steps: list[str | int] = []
        position = 0
        expect_key = True
        while position < len(rest):
            match = _SEGMENT.match(rest, position)
            if not match:
                raise ConfigError(key or text, f"{text!r} is not a path we can read", 'write it like "messages[*].text" or "reply.text"')
            name, index, dot = match.groups()
            if dot:
                if expect_key:
                    raise ConfigError(key or text, f"{text!r} has an empty part between dots", 'write it like "messages[*].text"')
                expect_key = True
            elif index is not None:
                steps.append("[*]" if index == "*" else int(index))
                expect_key = False
            else:
                steps.append(name.strip())
                expect_key = False
            position = match.end()
        if not steps or (expect_key and rest.endswith(".")):
            raise ConfigError(key or text, f"{text!r} is not a path we can read", 'write it like "messages[*].text" or "reply.text"')
        return cls(source, tuple(steps))

    @property
    def many(self) -> bool:
        return "[*]" in self.steps

    def find(self, document: Any) -> list[Any]:
        """Every value at this path, in document order; [] when the path leads nowhere."""
        current = [document]
        for step in self.steps:
            following: list[Any] = []
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

    def items(self, document: Any) -> list[Any]:
        """Like `find`, but a list found where the path names one value stands for its items ("quick_replies")."""
        found = self.find(document)
        if not self.many and len(found) == 1 and isinstance(found[0], list):
            return list(found[0])
        return found

    def first(self, document: Any, default: Any = None) -> Any:
        found = self.find(document)
        return found[0] if found else default


def json_path(key: str, value: Any) -> JsonPath:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(key, f"must be a path as text, not {value!r}", 'write it like "messages[*].text"')
    return JsonPath.parse(value, key=key)


# -- recording ------------------------------------------------------------------------------------------------


class ExchangeRecorder:
    """Keeps every exchange of one channel through httpx event hooks, secrets redacted as they are stored.

    `secrets` is called at each record, so facts learnt later (a token
    expanded at first use) are redacted too.
    """

    def __init__(self, channel: str, secrets: Callable[[], Iterable[str]], *, body_limit: int = BODY_LIMIT) -> None:
        self.channel = channel
        self._secrets = secrets
        self._body_limit = body_limit
        self._pending: dict[int, tuple[httpx.Request, float]] = {}
        self._records: list[dict[str, Any]] = []

    def hooks(self) -> dict[str, list[Callable[..., None]]]:
        return {"request": [self._on_request], "response": [self._on_response]}

    def attach(self, client: httpx.Client) -> None:
        """Add our hooks to a client, keeping the hooks it already has."""
        hooks = client.event_hooks
        client.event_hooks = {
            "request": [*hooks.get("request", []), self._on_request],
            "response": [*hooks.get("response", []), self._on_response],
        }

    def exchanges(self) -> list[dict[str, Any]]:
        return [dict(record) for record in self._records]

    def _on_request(self, request: httpx.Request) -> None:
        self._pending[id(request)] = (request, time.perf_counter())

    def _on_response(self, response: httpx.Response) -> None:
        request = response.request
        _, started = self._pending.pop(id(request), (request, time.perf_counter()))
        response.read()  # hooks see the response before its body: read it so the report can show it
        self._records.append(
            self._record(
                request,
                started,
                status=response.status_code,
                response_headers=response.headers.multi_items(),
                response_body=_decoded(response.content),
            )
        )

    def failed(self, error: str) -> None:
        """Close the exchanges that never got a response (timeouts, refused connections) with why."""
        for request, started in self._pending.values():
            self._records.append(self._record(request, started, status=0, error=error))
        self._pending.clear()

    def _record(
        self,
        request: httpx.Request,
        started: float,
        *,
        status: int,
        response_headers: Iterable[tuple[str, str]] = (),
        response_body: str = "",
        error: str = "",
    ) -> dict[str, Any]:
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
                "headers": redact_headers(request.headers.multi_items(), secrets),
                "body": self._trimmed(redact(request_body, secrets)),
            },
            "response": {
                "headers": redact_headers(response_headers, secrets),
                "body": self._trimmed(redact(response_body, secrets)),
            },
            "error": redact(error, secrets),
        }

    def _trimmed(self, text: str) -> str:
        if len(text) <= self._body_limit:
            return text
        return text[: self._body_limit] + f"… ({len(text) - self._body_limit} more characters)"


def _decoded(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


# -- one call -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one request brought back: a JSON document, or why there is none (as the customer met it)."""

    latency_ms: float
    document: Any = None
    status: int = 0
    failed: str = ""


def call(
    client: httpx.Client,
    recorder: ExchangeRecorder,
    method: str,
    url: str,
    *,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout_s: float,
    secrets: Iterable[str] = (),
) -> Outcome:
    """Send one request and read its JSON; a timeout, HTTP error or unreadable reply becomes `failed`, never an exception."""
    started = time.perf_counter()
    try:
        response = client.request(
            method, url, json=body if method != "GET" else None, headers=headers, timeout=timeout_s
        )
    except httpx.TimeoutException:
        failed = f"no answer within {timeout_s:g} s from {method} {_short(url)} (timed out)"
        recorder.failed(failed)
        return Outcome(_ms_since(started), failed=failed)
    except httpx.HTTPError as error:
        failed = f"could not reach {method} {_short(url)}: {type(error).__name__}: {_first_line(error)}"
        recorder.failed(failed)
        return Outcome(_ms_since(started), failed=redact(failed, secrets))
    latency_ms = _ms_since(started)
    if response.status_code >= 400:
        snippet = redact(_snippet(response.text), secrets)
        failed = f"HTTP {response.status_code} from {method} {_short(url)}" + (f": {snippet}" if snippet else "")
        return Outcome(latency_ms, status=response.status_code, failed=failed)
    if not response.content.strip():
        return Outcome(latency_ms, status=response.status_code, document=None)
    try:
        document = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        failed = f"the answer is not JSON ({kind}): {redact(_snippet(response.text), secrets)!r}"
        return Outcome(latency_ms, status=response.status_code, failed=failed)
    return Outcome(latency_ms, status=response.status_code, document=document)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _snippet(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _short(url: str) -> str:
    return httpx.URL(url).copy_with(query=None).path if url.startswith(("http://", "https://")) else url


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or "no detail"
    return text.splitlines()[0][:200]
