"""HTTP exchanges: templates, JSON paths, and records with every secret redacted."""

from __future__ import annotations

import json

import httpx
import pytest

from journeys.errors import ConfigError
from journeys.project.templating import placeholders, render
from journeys.shopper.exchanges import (
    REDACTED,
    JsonPath,
    RecordingTransport,
    header_secrets,
    redact,
    url_for,
)
from journeys.shopper.http_api import ApiClient

# -- redaction -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "secrets", "expected"),
    [
        ("token abc123xyz here", ["abc123xyz"], f"token {REDACTED} here"),
        (
            '{"card": "4242 4242 4242 4242"}',
            ["4242 4242 4242 4242"],
            f'{{"card": "{REDACTED}"}}',
        ),
        (
            "card=4242424242424242",
            ["4242 4242 4242 4242"],
            f"card={REDACTED}",
        ),  # sent without spaces
        ("pw=p%40ss%20word", ["p@ss word"], f"pw={REDACTED}"),  # URL-encoded
        ("pw=p%40ss+word", ["p@ss word"], f"pw={REDACTED}"),  # form-encoded
        ('{"pw": "a\\"quote"}', ['a"quote'], f'{{"pw": "{REDACTED}"}}'),  # JSON-escaped
        (
            "Bearer secret-token-1",
            ["secret-token-1", "secret"],
            f"Bearer {REDACTED}",
        ),  # longest first
        (
            "nothing to hide",
            ["", "ab"],
            "nothing to hide",
        ),  # too short to be a secret worth garbling text for
    ],
)
def test_redact(text, secrets, expected):
    assert redact(text, secrets) == expected


def test_header_secrets_are_credential_headers_and_environment_values():
    configured = {
        "Authorization": "Bearer ${T}",
        "X-Tenant": "${TENANT}",
        "Accept": "application/json",
    }
    expanded = {
        "Authorization": "Bearer tok-1234567890",
        "X-Tenant": "acme-eu",
        "Accept": "application/json",
    }
    found = header_secrets(configured, expanded)
    assert (
        "tok-1234567890" in found
        and "Bearer tok-1234567890" in found
        and "acme-eu" in found
    )
    assert "application/json" not in found and "Bearer" not in found


# -- templates and paths ---------------------------------------------------------------


def test_render_keeps_the_type_of_a_whole_placeholder_and_formats_the_rest():
    template = {
        "session": "{session}",
        "text": "Q: {message}",
        "meta": [{"id": "{conversation}"}],
        "n": 1,
    }
    values = {"session": None, "message": "hi", "conversation": "c1"}
    assert render(template, values) == {
        "session": None,
        "text": "Q: hi",
        "meta": [{"id": "c1"}],
        "n": 1,
    }
    assert placeholders(template) == {"session", "message", "conversation"}
    assert render("/tickets/{id}/messages", {"id": "T-1"}) == "/tickets/T-1/messages"


@pytest.mark.parametrize(
    ("path", "document", "found"),
    [
        (
            "messages[*].text",
            {"messages": [{"text": "a"}, {"x": 1}, {"text": "b"}]},
            ["a", "b"],
        ),
        ("[*].text", [{"text": "a"}, {"text": "b"}], ["a", "b"]),
        (
            "responses[0].payload.text",
            {"responses": [{"payload": {"text": "a"}}]},
            ["a"],
        ),
        ("items[-1]", {"items": [1, 2, 3]}, [3]),
        ("$.state.id", {"state": {"id": 7}}, [7]),
        ("a.b", {"a": [1]}, []),
        ("a[5]", {"a": [1]}, []),
        ("a[*][*]", {"a": [[1, 2], [3]]}, [1, 2, 3]),
    ],
)
def test_json_paths(path, document, found):
    assert JsonPath.parse(path).find(document) == found


def test_a_path_naming_a_list_gives_its_items():
    path = JsonPath.parse("quick_replies")
    assert path.items({"quick_replies": ["a", "b"]}) == ["a", "b"]
    assert path.find({"quick_replies": ["a", "b"]}) == [["a", "b"]]


@pytest.mark.parametrize("bad", ["", "a..b", "a.", "a[x]", "a[*"])
def test_a_path_we_cannot_read_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        JsonPath.parse(bad, key="tool.journeys.chat.text_path")


@pytest.mark.parametrize(
    ("base", "endpoint", "url"),
    [
        ("http://shop.test", "/api/chat", "http://shop.test/api/chat"),
        ("http://shop.test/eu/", "/api/chat", "http://shop.test/eu/api/chat"),
        ("http://shop.test", "https://bot.example/hook", "https://bot.example/hook"),
    ],
)
def test_endpoints_are_relative_to_the_target(base, endpoint, url):
    assert url_for(base, endpoint) == url


# -- recording -------------------------------------------------------------------------


def api_with(handler, secrets=("s3cr3t-value",), headers=None):
    return ApiClient(
        "support",
        section="tool.journeys.support",
        endpoint="/",
        headers=headers or {},
        base_url="http://api.test",
        timeout_s=3,
        persona_secrets=lambda: secrets,
        environ={},
        transport=httpx.MockTransport(handler),
    )


def test_every_exchange_is_recorded_with_secrets_redacted():
    def api(request):
        return httpx.Response(
            201,
            json={"echo": json.loads(request.content), "more": "x" * 100},
            headers={"Set-Cookie": "sid=1"},
        )

    recorder = RecordingTransport(
        "support", lambda: ("s3cr3t-value",), httpx.MockTransport(api), body_limit=50
    )
    client = httpx.Client(transport=recorder)
    response = client.post(
        "http://api.test/tickets?key=s3cr3t-value",
        json={"password": "s3cr3t-value"},
        headers={"Authorization": "Bearer abc", "Cookie": "a=b"},
    )
    assert response.status_code == 201 and response.json()["echo"] == {
        "password": "s3cr3t-value"
    }  # the caller still reads it
    [record] = recorder.exchanges()
    text = json.dumps(record)
    assert (
        "s3cr3t-value" not in text and "Bearer abc" not in text and "sid=1" not in text
    )
    assert (
        record["method"] == "POST"
        and record["status"] == 201
        and record["channel"] == "support"
    )
    assert record["request"]["headers"]["authorization"] == REDACTED
    assert record["request"]["headers"]["cookie"] == REDACTED
    assert record["response"]["headers"]["set-cookie"] == REDACTED
    assert record["url"] == f"http://api.test/tickets?key={REDACTED}"
    assert record["response"]["body"].endswith("more characters)")  # trimmed
    assert record["latency_ms"] >= 0


def test_a_compressed_answer_is_recorded_readable_and_still_reaches_the_caller():
    import gzip

    body = json.dumps({"text": "hello"}).encode()
    # A stream, as a real transport gives it: the recorder reads it, and the caller
    # still gets every byte.
    streamed = lambda r: httpx.Response(
        200,
        stream=httpx.ByteStream(gzip.compress(body)),
        headers={"Content-Encoding": "gzip"},
    )  # noqa: E731
    recorder = RecordingTransport("chat", lambda: (), httpx.MockTransport(streamed))
    assert httpx.Client(transport=recorder).get("http://api.test/").json() == {
        "text": "hello"
    }
    assert recorder.exchanges()[0]["response"]["body"] == body.decode()


def test_an_exchange_that_never_got_an_answer_is_recorded_with_why():
    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    api = api_with(slow)
    outcome = api.call("GET", "http://api.test/tickets/T-1")
    assert outcome.failed == "no answer within 3 s from GET /tickets/T-1 (timed out)"
    [record] = api.exchanges()
    assert record["status"] == 0 and record["error"] == outcome.failed


def test_a_refused_connection_names_the_error_without_secrets():
    def refused(request):
        raise httpx.ConnectError("refused at s3cr3t-value.example", request=request)

    api = api_with(refused)
    outcome = api.call("POST", "http://api.test/tickets", body={"a": 1})
    assert (
        outcome.failed
        == f"could not reach POST /tickets: ConnectError: refused at {REDACTED}.example"
    )
    assert "s3cr3t-value" not in json.dumps(api.exchanges())


def test_headers_come_from_the_environment_and_their_values_are_secrets():
    seen = []
    api = ApiClient(
        "chat",
        section="tool.journeys.chat",
        endpoint="/bot",
        headers={"X-Api-Key": "${KEY}"},
        base_url="http://api.test",
        timeout_s=3,
        persona_secrets=lambda: (),
        environ={"KEY": "k-0123456789"},
        transport=httpx.MockTransport(
            lambda r: (
                seen.append(r.headers["x-api-key"])
                or httpx.Response(200, json={"k": r.headers["x-api-key"]})
            )
        ),
    )
    assert api.base == "http://api.test/bot"
    assert api.call("POST", api.base, body={}).document == {"k": "k-0123456789"}
    assert seen == ["k-0123456789"] and "k-0123456789" not in json.dumps(
        api.exchanges()
    )
